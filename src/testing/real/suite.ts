/**
 * The shape every real-tool test file shares: one sandbox per file, every setup started at once in `beforeAll` (the
 * lanes of `run-setup.ts` bound what runs together), one `it` per setup that awaits its result and prints its time.
 * Requirements are checked first (`requirements.ts`): missing tools fail the file, `REAL_TOOLS=skip` skips it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../core/answers';
import { normalize } from '../../core/rules';
import { assertRequirements, SKIP_REAL_TOOLS } from './requirements';
import { runSetup, type RealSetup, type SetupResult } from './run-setup';
import { Sandbox } from './sandbox';

/** A setup of a suite: its test name and whether it must pass (`pass`) or be caught failing (`fail`, with a reason). */
export interface SuiteCase extends RealSetup {
  name: string;
  expect: 'pass' | { fail: RegExp };
  /** What a passing setup must report as having run for real (each pattern matches a line of `SetupResult.real`). */
  mustShow?: RegExp[];
}

/** Why part of a setup is stubbed, for its test name, or null when everything runs for real. */
export function stubNote(a: Answers): string | null {
  if (a.method === 'buildkit-rootless' || a.method === 'buildctl') return 'BuildKit stubbed: buildctl runs as buildah';
  if (a.buildx) return 'buildx stubbed: legacy docker build + push';
  return null;
}

/** Declares the suite `title` over `cases` (see module comment). */
export function realSuite(title: string, cases: readonly SuiteCase[]): void {
  describe.skipIf(SKIP_REAL_TOOLS)(title, () => {
    let box: Sandbox | undefined;
    const results = new Map<string, Promise<SetupResult>>();
    let startError: unknown = null;

    beforeAll(async () => {
      assertRequirements();
      const t = Date.now();
      box = await Sandbox.start();
      console.log(`[realtools] ${title}: sandbox ready in ${Date.now() - t} ms`);
      for (const c of cases) {
        const p = runSetup(box, c);
        p.catch((e: unknown) => (startError = e));
        results.set(c.id, p);
      }
    }, 120_000);

    afterAll(async () => {
      await Promise.allSettled(results.values());
      box?.dispose();
    }, 120_000);

    for (const c of cases) {
      it(
        c.name,
        async () => {
          const r = await results.get(c.id);
          if (!r) throw new Error(`no result for ${c.id}: ${String(startError)}`);
          console.log(
            `[realtools] ${c.id}: ${(r.ms / 1000).toFixed(1)} s, ${r.ok ? 'passed' : 'failed'}${
              r.stubs.length ? `; stand-ins: ${r.stubs.length}` : ''
            }`,
          );
          if (c.expect === 'pass') {
            expect(r.ok, r.log).toBe(true);
            expect(r.real.length, 'nothing ran for real').toBeGreaterThan(0);
            for (const re of c.mustShow ?? []) expect(r.real.join('\n'), r.log).toMatch(re);
          } else {
            expect(r.ok, `expected the real tools to catch this:\n${r.log}`).toBe(false);
            expect(r.log).toMatch(c.expect.fail);
          }
        },
        600_000,
      );
    }
  });
}

/**
 * Answers with their network names and free text pointed at the sandbox's stand-ins (GitLab, proxy, mirror, the other
 * registry, the project's image, paths, the test command), normalized; the structure of the setup is kept. A
 * docker-windows executor becomes the Docker executor (no Windows here).
 */
export function sandboxed(a: Answers): Answers {
  return normalize({
    ...a,
    executor: a.executor === 'docker-windows' ? 'docker' : a.executor,
    gitlabUrl: 'https://gitlab.example.com/',
    httpProxy: a.httpProxy ? 'http://proxy.example.com:3128' : '',
    httpsProxy: a.httpsProxy ? 'http://proxy.example.com:3128' : '',
    noProxy: '',
    mirrorUrl: a.mirrorUrl ? 'https://registry-mirror.example.com' : '',
    // No stand-in serves the company's copies of the tool images (the binfmt image is pulled for real).
    toolImagePrefix: '',
    otherRegistryHost: 'registry.example.com',
    customCaHost: a.customCaHost ? 'registry.gitlab.example.com' : '',
    image: '$CI_REGISTRY_IMAGE',
    dockerfile: 'Dockerfile',
    context: '.',
    testCommand: '/script/to/run/tests',
    compose: false,
    cacheRef: '$CI_REGISTRY_IMAGE:buildcache',
    runnerDescription: 'real-tools runner',
    runnerTags: [],
    // hadolint, Trivy and GitLab's Container Scanning analyzer are not installable here (no Debian package, no
    // network for their databases): the gate jobs are checked as text (src/core/gates.test.ts) and by shellcheck
    // (gates.real.test.ts), not run.
    lint: false,
    scan: 'none',
  });
}
