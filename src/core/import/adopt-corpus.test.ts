/**
 * Adopting the fix on the import corpus (src/testing/fixtures/import-corpus/README.md): for each case, the files
 * generated from the inferred answers are adopted into the user's files with `adoptFiles`. Every top-level key of the
 * user's `.gitlab-ci.yml` that is not a build job (other jobs, hidden templates, `stages`, `variables`, `include`,
 * `workflow`, `default`...) keeps its YAML source text byte for byte, with the comments above it; the adopted CI file
 * parses and has no GitLab CI schema error in what the fix wrote (and no more schema errors elsewhere than the user's
 * file had); every other adopted file still opens without a parse problem.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseAllDocuments, type Node, type Pair } from 'yaml';
import { generate } from '../generate';
import { loadCorpus } from '../../testing/fixtures/import-corpus/corpus';
import { adoptFiles } from './adopt';
import { readGitlabCi } from './ci';
import { importFiles } from './index';

const CASES = loadCorpus();

/** A top-level key of a CI document: its name, its source text with the comments above it, and its line span. */
interface TopLevelNode {
  key: string;
  text: string;
  firstLine: number;
  lastLine: number;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * The top-level keys of every document of a CI file (a component's `spec:` header is its own document), each with
 * the exact source text from the key to the end of its value, preceded by the key's leading comment and followed by
 * its trailing comment. Keys are prefixed with the document's index when the file has several documents.
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

for (const c of CASES) {
  const result = importFiles(c.files);
  const adopted = adoptFiles(result, generate(result.answers));
  const ciPath = result.setup.ci?.path ?? null;
  const buildJobs = new Set(result.buildJobs);
  const others = adopted.filter((a) => a.path !== ciPath);
  if (ciPath === null && others.length === 0) continue;

  describe(`adopting the fix: ${c.name}`, () => {
    it('starts each adopted file from the user’s own text', () => {
      for (const a of adopted) {
        const user = c.files.find((f) => f.path === a.path);
        if (user) expect(a.before, a.path).toBe(user.content);
      }
    });

    if (ciPath !== null) {
      const before = c.files.find((f) => f.path === ciPath)?.content ?? '';
      const entry = adopted.find((a) => a.path === ciPath);

      if (buildJobs.size > 0)
        it('adopts the build jobs into the user’s CI file', () => {
          expect(
            entry,
            `adoptFiles returns ${ciPath} (it returned ${adopted.map((a) => a.path).join(', ')})`,
          ).toBeDefined();
          expect(entry?.before).toBe(before);
        });

      it('keeps every top-level key that is not a build job byte for byte, with its comments', () => {
        const after = entry?.after ?? before;
        const kept = new Map(topLevelNodes(after).map((n) => [n.key, n.text]));
        const changed = topLevelNodes(before)
          .filter((n) => !buildJobs.has(n.key.replace(/^\d+:/, '')))
          .filter((n) => kept.get(n.key) !== n.text)
          .map((n) => (kept.has(n.key) ? `changed: ${n.key}` : `dropped: ${n.key}`));
        expect(changed).toEqual([]);
      });

      it('parses, and passes the CI schema in what the fix wrote', () => {
        const after = entry?.after ?? before;
        const read = readGitlabCi({ path: ciPath, content: after });
        expect(read.problems.filter((p) => p.kind === 'parse').map((p) => p.message.en)).toEqual([]);
        expect(read.ci, 'the adopted file is read').not.toBeNull();
        const userKeys = new Set(
          topLevelNodes(before)
            .filter((n) => !buildJobs.has(n.key.replace(/^\d+:/, '')))
            .map((n) => n.key),
        );
        const written = topLevelNodes(after).filter((n) => !userKeys.has(n.key));
        const schemaAfter = read.problems.filter((p) => p.kind === 'schema');
        const inWritten = schemaAfter.filter((p) =>
          written.some((n) => p.pos.line >= n.firstLine && p.pos.line <= n.lastLine),
        );
        expect(inWritten.map((p) => `${p.pos.line}: ${p.message.en}`)).toEqual([]);
        const schemaBefore = readGitlabCi({ path: ciPath, content: before }).problems.filter(
          (p) => p.kind === 'schema',
        );
        expect(schemaAfter.length - inWritten.length).toBeLessThanOrEqual(schemaBefore.length);
      });
    }

    if (others.length > 0)
      it('every other adopted file still opens without a parse problem', () => {
        for (const a of others) {
          const reread = importFiles([{ path: a.path, content: a.after }]);
          const parse = reread.setup.problems.filter((p) => p.kind === 'parse');
          expect(
            parse.map((p) => `${a.path}:${p.pos.line} ${p.message.en}`),
            `${a.path} after adopting`,
          ).toEqual([]);
        }
      });
  });
}
