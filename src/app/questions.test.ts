/** Every finding's badge has a place: the questions a finding names are asked in a step of the wizard. */
import { describe, expect, it } from 'vitest';
import { FINDING_RULES } from '../core/findings';
import { STEPS } from './questions';

describe('finding badges', () => {
  const asked = new Set(STEPS.flatMap((s) => s.questions.map((q) => q.key)));
  it.each(FINDING_RULES.map((r) => [r.id, r.questions] as const))(
    '%s stands under questions the wizard asks',
    (_id, keys) => {
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) expect(asked.has(k), k).toBe(true);
    },
  );
});
