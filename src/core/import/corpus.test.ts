/**
 * The import corpus (src/testing/fixtures/import-corpus/README.md): real public GitLab configurations annotated by
 * hand. For each case, `importFiles` opens every file without a parse problem, recognises exactly the annotated build
 * jobs with their tools, infers the annotated method (and executor when annotated), and places exactly the annotated
 * findings: every (id, file, line) of the catalog (`FINDING_RULES`), the troubleshooter's failures that files reveal
 * (`FAILURE_IDS`) and the lint-only ids of issue 15. Reader problems (parse, schema, unknown keys, secrets) are not
 * findings here. A difference is reported as a table of missing and unexpected findings.
 */
import { describe, expect, it } from 'vitest';
import { importFinishes, loadCorpus, type CorpusCase } from '../../testing/fixtures/import-corpus/corpus';
import { importFiles } from './index';
import type { ImportResult } from './types';

/** The reader's problem kinds: they are `LintFinding`s too, but not catalog findings. */
const READER_KINDS = new Set(['parse', 'schema', 'unknown-key', 'secret', 'note']);

const CASES = loadCorpus();

/** Milliseconds one case may take: a case takes about a second on a loaded machine. */
const LIMIT_MS = 20_000;

/** Whether importFiles returns on each case, found in a worker thread first: a hang there fails only that case. */
const FINISHES = await importFinishes(CASES, LIMIT_MS);

/** `id file:line`, the key two findings are the same by. */
const key = (id: string, file: string, line: number) => `${id} ${file}:${line}`;

/** The catalog findings of a result, as (id, file, line) with the title, sorted by file, line and id. */
function reported(result: ImportResult): { id: string; file: string; line: number; title: string }[] {
  return result.findings
    .filter((f) => !READER_KINDS.has(f.id))
    .map((f) => ({ id: f.id, file: f.pos.file, line: f.pos.line, title: f.title.en }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id));
}

/**
 * The differences between the annotated findings and the reported ones, as a table: one row per finding that is
 * annotated and not reported ("missing") or reported and not annotated ("unexpected"). Empty when they agree.
 */
function findingDiff(c: CorpusCase, result: ImportResult): string {
  const want = new Map(c.annotation.findings.map((f) => [key(f.id, f.file, f.line), f.why]));
  const got = new Map(reported(result).map((f) => [key(f.id, f.file, f.line), f.title]));
  const rows: string[][] = [];
  for (const [k, why] of want) if (!got.has(k)) rows.push(['missing', k, why]);
  for (const [k, title] of got) if (!want.has(k)) rows.push(['unexpected', k, title]);
  if (rows.length === 0) return '';
  const width = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => (i < 2 ? cell.padEnd(width[i] ?? 0) : cell)).join(' | ');
  return [
    `${c.name}: findings differ from the hand annotations (case.json)`,
    line(['', 'id file:line', 'annotation / reported title']),
    ...rows.map(line),
  ].join('\n');
}

describe('import corpus', () => {
  it('has at least 30 cases, most of them CI files that build images', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const building = CASES.filter((c) => Object.keys(c.annotation.buildJobs).length > 0);
    expect(building.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of CASES)
    describe(c.name, () => {
      const finished = FINISHES.get(c.name);
      if (typeof finished !== 'number') {
        it('importFiles returns', () => {
          expect.fail(
            finished === null
              ? `importFiles did not return within ${LIMIT_MS} ms (endless or exponential loop): the other checks of this case are not run`
              : `importFiles threw: ${finished ?? 'no answer'}`,
          );
        });
        return;
      }
      const result = importFiles(c.files);

      it('opens every file without a parse problem', () => {
        const parse = result.setup.problems.filter((p) => p.kind === 'parse');
        expect(parse.map((p) => `${p.pos.file}:${p.pos.line} ${p.message.en}`)).toEqual([]);
        for (const f of c.files) {
          const kind = result.setup.files.find((x) => x.path === f.path)?.kind ?? null;
          expect(kind, `${f.path} is recognised`).not.toBeNull();
        }
      });

      it('recognises exactly the annotated build jobs and their tools', () => {
        const want = Object.entries(c.annotation.buildJobs).sort(([a], [b]) => a.localeCompare(b));
        expect([...result.buildJobs].sort((a, b) => a.localeCompare(b))).toEqual(want.map(([job]) => job));
        const jobs = (result.setup.ci?.jobs ?? [])
          .filter((j) => j.build !== null)
          .map((j) => [j.name, j.build] as const)
          .sort(([a], [b]) => a.localeCompare(b));
        expect(jobs).toEqual(want);
      });

      if (c.annotation.method !== undefined)
        it(`infers the method ${c.annotation.method}`, () => {
          expect(result.answers.method).toBe(c.annotation.method);
        });

      if (c.annotation.executor !== undefined)
        it(`infers the executor ${c.annotation.executor}`, () => {
          expect(result.answers.executor).toBe(c.annotation.executor);
        });

      it('places exactly the annotated findings', () => {
        const diff = findingDiff(c, result);
        if (diff !== '') throw new Error(diff);
      });
    });
});
