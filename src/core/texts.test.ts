/**
 * Texts fit the setup they describe (issue 16, truthful texts): comments and finding reasons never talk about a part
 * the setup does not have. Checked on 500 random accepted combinations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from './generate';
import { answersArb } from '../testing/arbitraries';

const comments = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => l.trimStart().startsWith('#'))
    .map((l) => l.trim());

describe('texts that fit the setup', () => {
  it('.gitlab-ci.yml mentions a cache only where one is configured, and Kubernetes only on Kubernetes', () => {
    let uncached = 0;
    fc.assert(
      fc.property(answersArb, (input) => {
        const r = generate(input);
        const ci = comments(r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '');
        if (r.plan.cache.kind === 'none') {
          uncached++;
          expect(ci.filter((l) => /cache/i.test(l))).toEqual([]);
        }
        if (!r.plan.k8s) expect(ci.filter((l) => /Kubernetes/.test(l))).toEqual([]);
      }),
      { numRuns: 500 },
    );
    expect(uncached).toBeGreaterThan(50);
  });

  it('finding reasons name the dind daemon only with a dind service, and say where unconfined profiles apply', () => {
    fc.assert(
      fc.property(answersArb, (input) => {
        const r = generate(input);
        for (const f of r.findings) {
          if (f.id === 'dockerhub-rate-limit' && r.plan.daemon !== 'dind-service') expect(f.reason).not.toMatch(/dind/);
          if (f.id === 'unconfined-security')
            expect(f.reason).toMatch(r.plan.securityOpt.length > 0 ? /runner-wide/ : /job pod/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
