/**
 * The thirteen real-world failures (src/testing/fixtures/real-world/README.md): for each case with an expectation,
 * the reporter's log gives the right cause first and none of the wrong ones; the files generated from the reporter's
 * answers have the cause exactly when the product was at fault (checked on the files by the independent checkers of
 * src/testing/failure-checks.ts); the fix, applied to those answers with the facts of the log, gives files without
 * the cause that pass the reference checks; and `fixOutcome` tells the user the truth about it.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../generate';
import { restoreAnswers } from '../restore';
import { normalize } from '../rules';
import { applyFix, diagnoseLog, fixOutcome, FAILURE_IDS, type FailureId, type FixOutcome } from '.';
import { failureHolds } from '../../testing/failure-checks';
import { checkFiles } from '../../testing/reference';

const LOGS = import.meta.glob<string>('../../testing/fixtures/real-world/*.log', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const ANSWERS = import.meta.glob<string>('../../testing/fixtures/real-world/*.answers.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const EXPECTS = import.meta.glob<string>('../../testing/fixtures/real-world/*.expect.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

interface Expectation {
  failure: FailureId;
  wrong: FailureId[];
  faultInFiles: boolean;
  outcome?: FixOutcome;
}

const base = (path: string) => path.replace(/^.*\//, '').replace(/\.(log|answers\.json|expect\.json)$/, '');
const CASES = Object.keys(LOGS).map(base).sort();
const byCase = (files: Record<string, string>) =>
  new Map(Object.entries(files).map(([path, text]) => [base(path), text]));
const answersOf = byCase(ANSWERS);
const expectOf = byCase(EXPECTS);
const logOf = byCase(LOGS);

describe('real-world failures', () => {
  it('every case has its log, its answers and its expectation', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(13);
    for (const id of CASES) expect(answersOf.has(id), id).toBe(true);
    for (const id of CASES) expect(expectOf.has(id), `${id} has its expectation`).toBe(true);
    for (const id of expectOf.keys()) expect(logOf.has(id), id).toBe(true);
  });

  for (const id of CASES)
    describe(id, () => {
      const want = JSON.parse(expectOf.get(id) ?? '') as Expectation;
      const restored = restoreAnswers({ kind: 'file', raw: answersOf.get(id) ?? '' });
      if (!restored.ok) throw new Error(`${id}: the answers are refused: ${JSON.stringify(restored.error)}`);
      const answers = normalize(restored.answers);
      const result = diagnoseLog(logOf.get(id) ?? '');
      const causes = result.diagnoses.filter((d) => !d.causedBy);

      it('the expectation names known failures', () => {
        for (const f of [want.failure, ...want.wrong]) expect(FAILURE_IDS, f).toContain(f);
      });

      it(`the log gives ${want.failure} first, and no wrong cause`, () => {
        expect(causes[0]?.id).toBe(want.failure);
        const ids = result.diagnoses.map((d) => d.id);
        for (const w of want.wrong) expect(ids, `wrong cause ${w}`).not.toContain(w);
      });

      it(`the reporter's files ${want.faultInFiles ? 'have' : 'do not have'} the cause`, () => {
        expect(failureHolds(want.failure, generate(answers).files)).toBe(want.faultInFiles);
      });

      it('the fix gives files without the cause, which pass the reference checks', () => {
        const d = causes[0];
        if (!d) throw new Error('nothing recognised');
        const fixed = applyFix(answers, d);
        const files = generate(fixed).files;
        expect(failureHolds(want.failure, files)).toBe(false);
        expect(checkFiles(files)).toEqual([]);
        expect(fixOutcome(answers, d)).toBe(want.outcome ?? (want.faultInFiles ? 'changes' : 'avoided'));
      });
    });
});
