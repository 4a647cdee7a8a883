/**
 * Issue 14, item 7 for real: a registry cache per ref, written from protected refs only, with Buildah and Podman
 * (the builders that are real here; buildx and buildctl are stand-ins in this harness, their cache flags are checked
 * as text in src/core/cache.test.ts). Two pipelines of one project run one after the other against the sandbox's
 * registry:
 *
 * 1. the default branch `main`, protected: the job `build-image` runs and writes `$CI_REGISTRY_IMAGE/cache/main`;
 * 2. the branch `feature/x`, unprotected: the job `build-image-unprotected` runs, reads the cache, writes nothing.
 *
 * Then `skopeo list-tags` on the registry: the default branch's cache repository holds tags, the feature branch's
 * does not exist; the image of the second pipeline was pushed and runs. The second build takes its layer from the
 * default branch's cache (`--> Cache pulled from remote <registry>/<project>/cache/main:<key>` in its log).
 *
 * Buildah 1.28 and Podman 4.3 (Debian) take one `--cache-from`: the last one given wins, which is the default
 * branch's fallback here; the pinned Buildah v1.43 takes both (containers/buildah#4443).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../../core/answers';
import { normalize } from '../../core/rules';
import { shQuote } from '../../core/quote';
import { assertRequirements, SKIP_REAL_TOOLS } from './requirements';
import { runSetup, type SetupResult } from './run-setup';
import { CI_REGISTRY, REGISTRY_PASSWORD, REGISTRY_USER, Sandbox } from './sandbox';

const FEATURE = {
  CI_COMMIT_BRANCH: 'feature/x',
  CI_COMMIT_REF_NAME: 'feature/x',
  CI_COMMIT_REF_SLUG: 'feature-x',
  CI_COMMIT_REF_PROTECTED: 'false',
};

const answersFor = (method: 'buildah' | 'podman'): Answers =>
  normalize({
    ...defaultAnswers(),
    gitlabUrl: 'https://gitlab.example.com/',
    method,
    runnerTags: [],
    cache: 'registry',
    cacheRef: '$CI_REGISTRY_IMAGE/cache',
    cachePerRef: true,
    cacheProtectedWrite: true,
  });

describe.skipIf(SKIP_REAL_TOOLS)('real tools: cache per ref, written from protected refs only', () => {
  let box: Sandbox | undefined;
  beforeAll(async () => {
    assertRequirements();
    box = await Sandbox.start();
  }, 120_000);
  afterAll(() => box?.dispose(), 120_000);

  /** `skopeo list-tags` of a repository of the project's registry: its tags, or null when it does not exist. */
  async function tagsOf(repository: string): Promise<string[] | null> {
    if (!box) throw new Error('no sandbox');
    const r = await box.run(
      `skopeo list-tags --creds ${shQuote(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`)} ${shQuote(`docker://${CI_REGISTRY}/${repository}`)}`,
    );
    if (r.code !== 0) {
      expect(r.output, 'skopeo fails only because the repository is unknown').toMatch(
        /NAME_UNKNOWN|name unknown|not found/i,
      );
      return null;
    }
    return (JSON.parse(r.output.slice(r.output.indexOf('{'))) as { Tags: string[] }).Tags;
  }

  for (const method of ['buildah', 'podman'] as const) {
    it(`${method}: the default branch writes its cache, an unprotected branch reads it and writes none`, async () => {
      if (!box) throw new Error('no sandbox');
      const id = `cache-${method}`;
      const answers = answersFor(method);
      expect(answers.cache).toBe('registry');
      const repository = `group/${id}`;

      const first: SetupResult = await runSetup(box, { id, answers });
      expect(first.ok, first.log).toBe(true);
      expect(first.log).toContain('--- job build-image ');
      expect(first.log).not.toContain('--- job build-image-unprotected');
      const written = await tagsOf(`${repository}/cache/main`);
      expect(written?.length ?? 0, 'the default branch wrote its cache').toBeGreaterThan(0);

      const second: SetupResult = await runSetup(box, { id, answers, pipeline: FEATURE });
      expect(second.ok, second.log).toBe(true);
      expect(second.log).toContain('--- job build-image-unprotected ');
      expect(second.log).not.toMatch(/--- job build-image \(/);
      // The layer of the Dockerfile's RUN step came from the default branch's cache, not from running it again.
      expect(second.log).toMatch(new RegExp(`Cache pulled from remote ${CI_REGISTRY}/${repository}/cache/main:`));
      expect(second.real.some((l) => l.startsWith('pulled back and ran'))).toBe(true);

      expect(await tagsOf(`${repository}/cache/feature-x`), 'the unprotected branch wrote no cache').toBeNull();
      expect(await tagsOf(`${repository}/cache/main`), 'the default branch cache is unchanged').toEqual(written);
      console.log(
        `[realtools] ${id}: cache/main holds ${written?.length ?? 0} tag(s); feature/x read it and wrote none (${(
          (first.ms + second.ms) /
          1000
        ).toFixed(1)} s)`,
      );
    }, 600_000);
  }
});
