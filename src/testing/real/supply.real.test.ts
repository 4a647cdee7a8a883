/**
 * Supply chain and promotion with real tools (issue 14, items 3 and 6): generated pipelines whose build job pushes to
 * the sandbox's GitLab registry stand-in, a sign job (cosign stand-in: no Debian or npm package; it checks that it
 * signs `<repository>@sha256:<hex>` with the ID token or key set, and that the registry serves that digest), and a
 * promote job whose real skopeo copies the image by digest to a second registry (the Docker Hub stand-in) and to
 * another repository of the GitLab registry. Afterwards the test reads each target tag back with real skopeo
 * (`skopeo inspect --raw | sha256sum`) and compares it with `IMAGE_DIGEST` of the build job's dotenv report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../../core/answers';
import { generate } from '../../core/generate';
import { shQuote } from '../../core/quote';
import { parseDotenv, pipelineJobs } from './ci-job';
import { assertRequirements, SKIP_REAL_TOOLS } from './requirements';
import { runSetup, type SetupResult } from './run-setup';
import { CI_REGISTRY, REGISTRY_PASSWORD, REGISTRY_USER, Sandbox } from './sandbox';
import { sandboxed } from './suite';

const SHA = '8f2e6c1d4b3a59e7c0d1f2a3b4c5d6e7f8091a2b';
/** Each setup promotes to repositories of its own: setups run side by side and push the same commit SHA tag. */
const targets = (id: string) => [`docker.io/acme/${id}`, '$CI_REGISTRY_IMAGE/release'];

interface Case {
  id: string;
  name: string;
  answers: Answers;
  /** A negative case: the files are edited so that it must fail with this message. */
  mutate?: (files: Map<string, string>) => void;
  fail?: RegExp;
}

const cases: Case[] = [
  {
    id: 'supply-dind',
    name: 'dind (real dockerd 20.10): keyless sign job (cosign stubbed) + promote job with real skopeo to Docker Hub and a release repository',
    answers: sandboxed({ ...defaultAnswers(), sign: 'keyless', promoteTargets: targets('supply-dind') }),
  },
  {
    id: 'supply-buildah',
    name: 'Buildah (real): key sign job (cosign stubbed) + promote job with real skopeo',
    answers: sandboxed({
      ...defaultAnswers(),
      method: 'buildah',
      allowPrivileged: false,
      sign: 'key',
      promoteTargets: targets('supply-buildah'),
    }),
  },
  {
    id: 'supply-buildctl',
    name: 'buildctl with SBOM and provenance mode=max (BuildKit stubbed: buildctl runs as buildah, attestations not made) + keyless sign (cosign stubbed) + promote with real skopeo',
    answers: sandboxed({
      ...defaultAnswers(),
      method: 'buildctl',
      sbom: true,
      provenance: 'max',
      sign: 'keyless',
      promoteTargets: targets('supply-buildctl'),
    }),
  },
  {
    id: 'supply-sign-tag',
    name: 'negative: a sign job edited to sign the commit SHA tag is refused (cosign stand-in)',
    answers: sandboxed({ ...defaultAnswers(), method: 'buildah', allowPrivileged: false, sign: 'keyless' }),
    mutate: (files) =>
      files.set(
        '.gitlab-ci.yml',
        (files.get('.gitlab-ci.yml') ?? '').replace(
          'cosign sign "$IMAGE_REF"',
          'cosign sign "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
        ),
      ),
    fail: /refusing to sign a tag/,
  },
  {
    id: 'supply-podman',
    name: 'Podman (real): promote job with real skopeo, no signing',
    answers: sandboxed({ ...defaultAnswers(), method: 'podman', promoteTargets: [`docker.io/acme/supply-podman`] }),
  },
];

describe.skipIf(SKIP_REAL_TOOLS)('real tools: sign and promote by digest', () => {
  let box: Sandbox | undefined;
  const results = new Map<string, Promise<SetupResult>>();

  beforeAll(async () => {
    assertRequirements();
    box = await Sandbox.start();
    for (const c of cases)
      results.set(c.id, runSetup(box, { id: c.id, answers: c.answers, ...(c.mutate ? { mutate: c.mutate } : {}) }));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(results.values());
    box?.dispose();
  }, 120_000);

  it('the sign and promote job scripts pass shellcheck -s sh', () => {
    for (const c of cases) {
      const ci = generate(c.answers).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
      const jobs = pipelineJobs(ci, {
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_COMMIT_REF_PROTECTED: 'true',
      }).filter((j) => j.stage === 'sign' || j.stage === 'promote');
      expect(jobs.length, c.id).toBeGreaterThan(0);
      for (const j of jobs) {
        // The job's variables come from GitLab's environment (the dotenv report, PROMOTE_TAGS, the CI/CD variables).
        const header = 'export IMAGE_REF IMAGE_DIGEST PROMOTE_TAGS CI_REGISTRY CI_REGISTRY_USER CI_REGISTRY_PASSWORD\n';
        const r = spawnSync('shellcheck', ['-s', 'sh', '-f', 'gcc', '-'], {
          input: header + j.script.join('\n') + '\n',
          encoding: 'utf8',
        });
        expect(r.status, `${c.id} ${j.name}:\n${r.stdout}${r.stderr}`).toBe(0);
      }
    }
  });

  for (const c of cases) {
    it(
      c.name,
      async () => {
        const r = await results.get(c.id);
        if (!r || !box) throw new Error(`no result for ${c.id}`);
        if (c.fail) {
          expect(r.ok, r.log).toBe(false);
          expect(r.log).toMatch(c.fail);
          return;
        }
        expect(r.ok, r.log).toBe(true);
        // The jobs ran: sign (where asked) and promote, after the build.
        expect(r.log).toMatch(/--- job promote-build-image \(exit 0/);
        if (c.answers.sign !== 'none') {
          expect(r.log).toMatch(/--- job sign-build-image \(exit 0/);
          expect(r.log).toContain('[realtools stub] cosign sign');
        }
        // The digest the build reported, from its dotenv report in the project directory.
        const project = join(box.hostDir, c.id, 'builds', 'group', c.id.toLowerCase());
        const env = join(project, 'build.env');
        expect(existsSync(env), 'build.env').toBe(true);
        const report = parseDotenv(readFileSync(env, 'utf8'));
        expect(report.IMAGE_DIGEST).toMatch(/^sha256:[0-9a-f]{64}$/);
        const image = `${CI_REGISTRY}/group/${c.id.toLowerCase()}`;
        const targets = c.answers.promoteTargets.map((t) => t.replace('$CI_REGISTRY_IMAGE', image));
        for (const target of targets) {
          const ref = `docker://${target}:${SHA}`;
          const creds = target.startsWith('docker.io/') ? '' : `--creds ${REGISTRY_USER}:${REGISTRY_PASSWORD}`;
          const served = await box.run(`skopeo inspect --raw ${creds} ${shQuote(ref)} | sha256sum`);
          expect(served.code, served.output).toBe(0);
          expect(`sha256:${served.output.trim().split(/\s+/)[0] ?? ''}`, `${target}:${SHA}`).toBe(report.IMAGE_DIGEST);
          if (c.answers.sign !== 'none') {
            // The signature tag (sha256-<hex>.sig) went along with the image.
            const sig = `docker://${target}:sha256-${(report.IMAGE_DIGEST ?? '').slice('sha256:'.length)}.sig`;
            const s = await box.run(`skopeo inspect --raw ${creds} ${shQuote(sig)} >/dev/null`);
            expect(s.code, `${sig}: ${s.output}`).toBe(0);
          }
        }
      },
      600_000,
    );
  }
});
