import { describe, expect, it, vi } from 'vitest';
import { defaultAnswers, type Answers } from '../core/answers';
import * as generator from '../core/generate';
import { PRESETS } from '../core/presets';
import { isRelevant, normalize, whyNot } from '../core/rules';
import { STEPS } from './questions';
import { generateCached, nearbyChanges, prepareNearby } from './speculate';

const OPTIONS = { lang: 'en' as const, baseUrl: 'https://wizard.example/' };

/** The engine with a counting generate(): a prepared change must not be generated again. */
function countingEngine() {
  const generate = vi.fn(generator.generate);
  return { engine: { ...generator, generate }, generate };
}

/** A preset's answers with a distinct build target, so that no other test has generated them (the cache is shared). */
function presetAnswers(index: number, target: string): Answers {
  const preset = PRESETS[index];
  if (!preset) throw new Error(`no preset ${index}`);
  return normalize({ ...preset.answers, buildTarget: target });
}

const comparable = (r: generator.GenerateResult) => ({
  files: r.files.map((f) => [f.path, f.content]),
  findings: JSON.stringify(r.findings),
  permalink: r.permalink,
});

describe('nearbyChanges', () => {
  it.each(PRESETS.slice(0, 12).map((p) => [p.id, p.answers] as const))(
    '%s: every change is one allowed answer of a relevant question of the step, or a finding fix',
    (_id, answers) => {
      for (const step of STEPS) {
        const fixes = [{ allowPrivileged: false }] as Partial<Answers>[];
        const changes = nearbyChanges(step.questions, answers, fixes);
        expect(changes.slice(-1)).toEqual(fixes);
        for (const change of changes.slice(0, -1)) {
          const keys = Object.keys(change) as (keyof Answers)[];
          expect(keys).toHaveLength(1);
          const key = keys[0] as keyof Answers;
          const q = step.questions.find((x) => x.key === key);
          expect(q, `${String(key)} is not a question of ${step.id}`).toBeDefined();
          expect(isRelevant(answers, key)).toBe(true);
          expect(JSON.stringify(change[key])).not.toBe(JSON.stringify(answers[key]));
          if (q?.kind !== 'multi') expect(whyNot(answers, key, change[key] as never)).toBeNull();
        }
      }
    },
  );

  it('offers every other build method on the build step and nothing for typed fields', () => {
    const a = defaultAnswers();
    const build = STEPS.find((s) => s.id === 'build');
    if (!build) throw new Error('no build step');
    const changes = nearbyChanges(build.questions, a, []);
    const methods = changes.filter((c) => 'method' in c).map((c) => c.method);
    expect(methods.length).toBeGreaterThan(3);
    expect(methods).not.toContain(a.method);
    const typed = new Set(
      build.questions.filter((q) => !['choice', 'toggle', 'multi'].includes(q.kind)).map((q) => q.key),
    );
    expect(changes.some((c) => Object.keys(c).some((k) => typed.has(k as keyof Answers)))).toBe(false);
  });
});

describe('generateCached and prepareNearby', () => {
  it('gives the same result object for the same answers, and a new one for other answers', () => {
    const { engine, generate } = countingEngine();
    const a = presetAnswers(3, 'cached-test-a');
    const first = generateCached(engine, a, OPTIONS);
    expect(generateCached(engine, { ...a }, OPTIONS)).toBe(first);
    expect(generate).toHaveBeenCalledTimes(1);
    const other = generateCached(engine, a, { ...OPTIONS, lang: 'ja' });
    expect(other).not.toBe(first);
    expect(generate).toHaveBeenCalledTimes(2);
  });

  it('prepares each change as the store would make it, equal to a fresh generate(), so the click generates nothing', async () => {
    vi.useFakeTimers();
    try {
      const { engine, generate } = countingEngine();
      const answers = presetAnswers(0, 'prepared-test');
      const build = STEPS.find((s) => s.id === 'build');
      if (!build) throw new Error('no build step');
      const changes = nearbyChanges(build.questions, answers, []);
      expect(changes.length).toBeGreaterThan(3);
      prepareNearby(engine, answers, changes, OPTIONS, '.gitlab-ci.yml');
      await vi.runAllTimersAsync();
      expect(generate).toHaveBeenCalledTimes(changes.length);
      for (const change of changes) {
        // The store's commit: normalize({ ...answers, [key]: value }).
        const after = normalize({ ...answers, ...change });
        const prepared = generateCached(engine, after, OPTIONS);
        expect(comparable(prepared)).toEqual(comparable(generator.generate(after, OPTIONS)));
      }
      expect(generate).toHaveBeenCalledTimes(changes.length);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops when asked: nothing more is prepared after the next answer change', async () => {
    vi.useFakeTimers();
    try {
      const { engine, generate } = countingEngine();
      const answers = presetAnswers(1, 'stopped-test');
      const changes = nearbyChanges(
        STEPS.flatMap((s) => s.questions),
        answers,
        [],
      );
      const stop = prepareNearby(engine, answers, changes, OPTIONS, '.gitlab-ci.yml');
      await vi.advanceTimersByTimeAsync(60);
      const done = generate.mock.calls.length;
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(changes.length);
      stop();
      await vi.runAllTimersAsync();
      expect(generate).toHaveBeenCalledTimes(done);
    } finally {
      vi.useRealTimers();
    }
  });
});
