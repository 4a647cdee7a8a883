/**
 * Adopting the fix on the import corpus (src/testing/fixtures/import-corpus/README.md): for each case with a CI file,
 * the setup generated from the inferred answers is adopted into the user's files with `adoptFiles` (which edits the
 * CI file with `adoptCi` and the build jobs `importFiles` found). Every top-level key of the user's file that is not
 * a build job (other jobs, hidden templates, `stages`, `variables`, `include`, `workflow`, `default`...) keeps its
 * YAML source text byte for byte, with the comments above it; the adopted file parses, and has no GitLab CI schema
 * error in what the fix wrote (and no more schema errors elsewhere than the user's file had).
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseAllDocuments, type Node, type Pair } from 'yaml';
import { generate } from '../generate';
import { importFinishes, loadCorpus } from '../../testing/fixtures/import-corpus/corpus';
import { adoptFiles } from './adopt';
import { readGitlabCi } from './ci';
import { importFiles } from './index';

/** A top-level key of a CI document: its name, its source text with the comments around it, and its line span. */
interface TopLevelNode {
  key: string;
  text: string;
  firstLine: number;
  lastLine: number;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * The top-level keys of every document of a CI file (a component's `spec:` header is its own document), each with
 * the exact source text from the key to the end of its value, with the key's leading comment and the value's
 * trailing comment. Keys are prefixed with the document's index when the file has several documents.
 */
function topLevelNodes(text: string): TopLevelNode[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(docs)) return [];
  return docs.flatMap((doc, i) => {
    if (!isMap(doc.contents)) return [];
    return doc.contents.items.flatMap((pair: Pair) => {
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const start = keyNode?.range?.[0];
      const end = (valueNode?.range ?? keyNode?.range)?.[1];
      if (start === undefined || end === undefined) return [];
      const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      return [
        {
          key: docs.length > 1 ? `${i}:${name}` : name,
          text: [keyNode?.commentBefore ?? '', text.slice(start, end), valueNode?.comment ?? ''].join('\u0000'),
          firstLine: lineAt(text, start),
          lastLine: lineAt(text, end),
        },
      ];
    });
  });
}

const withoutDoc = (key: string) => key.replace(/^\d+:/, '');

const CASES = loadCorpus();
/** Whether importFiles returns on each case (corpus.test.ts fails the ones that do not): only those are adopted. */
const FINISHES = await importFinishes(CASES, 20_000);

for (const c of CASES) {
  if (typeof FINISHES.get(c.name) !== 'number') continue;
  const result = importFiles(c.files);
  const ciPath = result.setup.ci?.path ?? null;
  if (ciPath === null) continue;
  const before = c.files.find((f) => f.path === ciPath)?.content ?? '';
  const buildJobs = new Set(result.buildJobs);

  describe(`adopting the fix: ${c.name}`, () => {
    let adopted: string | null = null;
    /** The adopted CI text, computed once, inside a test (a throw fails that test, not the whole file). */
    const adopt = () =>
      (adopted ??= adoptFiles(result, generate(result.answers)).find((f) => f.path === ciPath)?.after ?? '');

    it('keeps every top-level key that is not a build job byte for byte, with its comments', () => {
      const after = adopt();
      const kept = new Map(topLevelNodes(after).map((n) => [n.key, n.text]));
      const changed = topLevelNodes(before)
        .filter((n) => !buildJobs.has(withoutDoc(n.key)))
        .filter((n) => kept.get(n.key) !== n.text)
        .map((n) => (kept.has(n.key) ? `changed: ${n.key}` : `dropped: ${n.key}`));
      expect(changed).toEqual([]);
    });

    if (buildJobs.size > 0)
      it('replaces the build jobs with the generated ones', () => {
        expect(adopt()).not.toBe('');
        expect(adopt()).not.toBe(before);
      });

    it('parses, and passes the CI schema in what the fix wrote', () => {
      const after = adopt();
      const read = readGitlabCi({ path: ciPath, content: after });
      expect(read.problems.filter((p) => p.kind === 'parse').map((p) => p.message.en)).toEqual([]);
      expect(read.ci, 'the adopted file is read').not.toBeNull();
      const userKeys = new Set(
        topLevelNodes(before)
          .filter((n) => !buildJobs.has(withoutDoc(n.key)))
          .map((n) => n.key),
      );
      const written = topLevelNodes(after).filter((n) => !userKeys.has(n.key));
      const schemaAfter = read.problems.filter((p) => p.kind === 'schema');
      const inWritten = schemaAfter.filter((p) =>
        written.some((n) => p.pos.line >= n.firstLine && p.pos.line <= n.lastLine),
      );
      expect(inWritten.map((p) => `${p.pos.line}: ${p.message.en}`)).toEqual([]);
      const schemaBefore = readGitlabCi({ path: ciPath, content: before }).problems.filter((p) => p.kind === 'schema');
      expect(schemaAfter.length - inWritten.length).toBeLessThanOrEqual(schemaBefore.length);
    });
  });
}
