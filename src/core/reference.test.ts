/**
 * Every generated file is checked against the reference data of the tool that reads it (src/testing/reference.ts):
 * GitLab's CI schema (and GitLab's YAML 1.1 reading), gitlab-runner's config.toml keys and `register` flags,
 * dockerd's daemon.json keys and buildkitd's buildkitd.toml keys. The answers come from the arbitraries
 * (every field, adversarial-but-valid strings) and are normalized first, as the app and the CLI do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, parseAnswers } from './answers';
import { generate } from './generate';
import { normalize, validateCombination } from './rules';
import { answersArb } from '../testing/arbitraries';
import { checkFiles } from '../testing/reference';

const RUNS = 1000;

describe('generated files against the reference data', () => {
  it('the defaults produce files that pass every reference check', () => {
    const r = generate(defaultAnswers());
    expect(checkFiles(r.files)).toEqual([]);
  });

  it(`every file of ${RUNS} normalized answer combinations passes; normalize is valid and idempotent`, () => {
    let runs = 0;
    const files = new Map<string, number>();
    const methods = new Map<string, number>();
    fc.assert(
      fc.property(answersArb, (a) => {
        runs++;
        expect(parseAnswers(a).ok).toBe(true);
        const n = normalize(a);
        expect(validateCombination(n)).toEqual([]);
        expect(normalize(n)).toEqual(n);
        const r = generate(a);
        expect(r.answers).toEqual(n);
        for (const f of r.files) files.set(f.path, (files.get(f.path) ?? 0) + 1);
        methods.set(n.method, (methods.get(n.method) ?? 0) + 1);
        const problems = checkFiles(r.files);
        if (problems.length) {
          const detail = r.files.filter((f) => problems.some((p) => p.startsWith(f.path) || p.startsWith('register') && f.path === 'register.sh')).map((f) => `--- ${f.path}\n${f.content}`);
          throw new Error(`${problems.join('\n')}\n${detail.join('\n')}`);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`reference checks: ${runs} generated combinations; files ${JSON.stringify(Object.fromEntries(files))}; methods ${JSON.stringify(Object.fromEntries(methods))}`);
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });
});
