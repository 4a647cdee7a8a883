/**
 * Issue 14, items 1 and 2, against real tools: a generated pipeline with tags computed from git (`tagScheme`
 * semver, tag `v1.4.2` in a real git repository) or from a template, OCI labels, a build argument, a build secret
 * and a target stage, run with dockerd 20.10 (dind), Buildah and Podman (see `run-setup.ts`). The image-tags job
 * runs with the host's git and awk in busybox sh and hands IMAGE_TAGS to the build job through its dotenv report.
 * After the run, the registry is asked which tags exist (`skopeo list-tags`) and what the image's labels are
 * (`skopeo inspect`), and the pushed image is run to read what the build wrote: the build argument, the SHA-256 of
 * the secret (never the secret) and the stage. BuildKit (buildctl) and Buildx are not installable here: their
 * command lines are checked as text by the unit tests and by shellcheck below.
 *
 * The Docker CLI here is 28 without the buildx plugin against dockerd 20.10: `docker build` uses the legacy builder,
 * which has no `--secret` (BuildKit only), so the dind case builds without a secret.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../../core/answers';
import { generate } from '../../core/generate';
import { normalize } from '../../core/rules';
import { pipelineJobs } from './ci-job';
import { assertRequirements, SKIP_REAL_TOOLS } from './requirements';
import { runSetup, type RealSetup, type SetupResult } from './run-setup';
import { REGISTRY_PASSWORD, REGISTRY_USER, Sandbox } from './sandbox';
import { sandboxed } from './suite';

const SECRET = 'npm-token-value-for-the-real-tools-test';
const SECRET_SHA = createHash('sha256').update(SECRET).digest('hex');
const SHA = '8f2e6c1d4b3a59e7c0d1f2a3b4c5d6e7f8091a2b';
/** The repository's other tags: a higher pre-release and an older patch never stop 1.4.2 from being latest. */
const OTHERS = ['v1.3.9', 'v1.4.1', 'v2.0.0-rc.1', 'v1.5.0-beta.1', 'not-a-version'];

/** A Dockerfile with a `runtime` stage (the target) and a later `debug` stage that would overwrite the marker. */
const dockerfile =
  (secret: boolean) =>
  (marker: string): string[] => [
    'FROM docker.io/library/busybox:stable AS runtime',
    'ARG APP_VERSION',
    `RUN echo ${marker} > /built.txt`,
    ...(secret
      ? [`RUN --mount=type=secret,id=NPM_TOKEN sha256sum /run/secrets/NPM_TOKEN | cut -d ' ' -f 1 > /secret.sha256`]
      : []),
    `RUN printf '%s\\n' "$APP_VERSION" > /app-version.txt`,
    'FROM runtime AS debug',
    'RUN echo wrong-stage > /built.txt',
  ];

interface TagCase extends RealSetup {
  name: string;
  /** The tags the registry must hold afterwards, exactly. */
  tags: string[];
  secret: boolean;
}

const base = (over: Partial<Answers>): Answers =>
  sandboxed(
    normalize({
      ...defaultAnswers(),
      ociLabels: true,
      buildArgs: ['APP_VERSION=1.4.2 final'],
      buildTarget: 'runtime',
      ...over,
    }),
  );

const CASES: TagCase[] = [
  {
    id: 'TAGS-DIND',
    name: 'dind (dockerd 20.10): semver tags of v1.4.2, labels, build arg, target stage',
    answers: base({ method: 'dind', tagScheme: 'semver' }),
    gitTag: { tag: 'v1.4.2', others: OTHERS },
    dockerfile: dockerfile(false),
    tags: ['1', '1.4', '1.4.2', SHA, 'latest'],
    secret: false,
  },
  {
    id: 'TAGS-BUILDAH',
    name: 'Buildah: semver tags of v1.4.2 (short SHA, no latest), labels, build arg, secret, target stage',
    answers: base({
      method: 'buildah',
      tagScheme: 'semver',
      tagShaForm: 'short',
      tagSemverLatest: false,
      buildSecrets: ['NPM_TOKEN'],
    }),
    gitTag: { tag: 'v1.4.2', others: OTHERS },
    dockerfile: dockerfile(true),
    projectVariables: { NPM_TOKEN: SECRET },
    tags: ['1', '1.4', '1.4.2', SHA.slice(0, 8)],
    secret: true,
  },
  {
    id: 'TAGS-PODMAN',
    name: 'Podman: template tags on the default branch, labels, build arg, secret, target stage',
    answers: base({
      method: 'podman',
      tagScheme: 'template',
      tagTemplate: '$CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID ${CI_COMMIT_TAG} stable',
      tagShaForm: 'none',
      buildSecrets: ['NPM_TOKEN'],
    }),
    dockerfile: dockerfile(true),
    projectVariables: { NPM_TOKEN: SECRET },
    tags: ['main-42', 'stable'],
    secret: true,
  },
];

describe.skipIf(SKIP_REAL_TOOLS)('real tools: tags from git, labels and build inputs (issue 14)', () => {
  let box: Sandbox | undefined;
  const results = new Map<string, Promise<SetupResult>>();

  beforeAll(async () => {
    assertRequirements();
    box = await Sandbox.start();
    for (const c of CASES) {
      const p = runSetup(box, c);
      p.catch(() => undefined);
      results.set(c.id, p);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(results.values());
    box?.dispose();
  }, 120_000);

  for (const c of CASES) {
    it(
      c.name,
      async () => {
        const r = await results.get(c.id);
        if (!r || !box) throw new Error(`no result for ${c.id}`);
        expect(r.ok, r.log).toBe(true);
        const repo = `registry.gitlab.example.com/group/${c.id.toLowerCase()}`;
        const creds = `--creds ${REGISTRY_USER}:${REGISTRY_PASSWORD}`;
        const list = await box.run(`skopeo list-tags ${creds} docker://${repo}`);
        expect(list.code, list.output).toBe(0);
        const tags = (JSON.parse(list.output) as { Tags: string[] }).Tags;
        expect([...tags].sort()).toEqual([...c.tags].sort());
        const first = c.tags.find((t) => t.startsWith('1.4.2') || t.startsWith('main')) ?? c.tags[0] ?? '';
        const inspect = await box.run(`skopeo inspect ${creds} docker://${repo}:${first}`);
        expect(inspect.code, inspect.output).toBe(0);
        const labels = (JSON.parse(inspect.output) as { Labels: Record<string, string> }).Labels;
        expect(labels).toMatchObject({
          'org.opencontainers.image.source': `https://gitlab.example.com/group/${c.id.toLowerCase()}`,
          'org.opencontainers.image.url': `https://gitlab.example.com/group/${c.id.toLowerCase()}`,
          'org.opencontainers.image.revision': SHA,
          'org.opencontainers.image.created': '2026-11-30T12:00:00Z',
          'org.opencontainers.image.version': first,
          'org.opencontainers.image.title': `Project ${c.id}`,
        });
        // What the build wrote, read from the pulled image: the build argument, the secret's hash, the stage.
        const files = c.secret ? '/app-version.txt /built.txt /secret.sha256' : '/app-version.txt /built.txt';
        const run = await box.runImage(`${repo}:${first}`, `cat ${files}`);
        expect(run.code, run.output).toBe(0);
        expect(run.output).toContain('1.4.2 final');
        expect(run.output).toContain(`built-by-${c.id}`);
        expect(run.output).not.toContain('wrong-stage');
        if (c.secret) {
          expect(run.output).toContain(SECRET_SHA);
          expect(run.output).not.toContain(SECRET);
        }
        console.log(`[realtools] ${c.id}: ${(r.ms / 1000).toFixed(1)} s; tags ${tags.join(' ')}`);
      },
      600_000,
    );
  }
});

describe.skipIf(SKIP_REAL_TOOLS)('real tools: shellcheck -s sh of the tag and build-input jobs (every builder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'realtools-tags-sc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const methods = ['dind', 'socket', 'host', 'buildkit-rootless', 'buildctl', 'buildah', 'podman'] as const;
  for (const method of methods)
    for (const scheme of ['semver', 'template'] as const)
      for (const buildx of method === 'dind' ? [false, true] : [false])
        it(`${method}${buildx ? ' + Buildx' : ''}, ${scheme}, multi-platform, labels, args, secret, target`, () => {
          assertRequirements();
          const a = normalize({
            ...defaultAnswers(),
            method,
            executor: method === 'host' ? 'shell' : 'docker',
            buildx,
            tagScheme: scheme,
            ociLabels: true,
            buildArgs: ['A=x y', "B=it's (literal)"],
            buildSecrets: ['NPM_TOKEN'],
            buildTarget: 'runtime',
            platforms: ['linux/amd64', 'linux/arm64'],
          });
          expect(a.tagScheme).toBe(scheme);
          const ci = generate(a).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
          const problems: string[] = [];
          for (const job of pipelineJobs(ci, { CI_COMMIT_TAG: 'v1.4.2' })) {
            const names = new Set(
              [...job.script.join('\n').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]),
            );
            const header = [...names].map((n) => `export ${n}="\${${n}:-}"`).join('\n');
            const file = join(dir, `${method}-${buildx}-${scheme}-${job.name}.sh`);
            writeFileSync(file, `#!/bin/sh\n${header}\n${job.script.join('\n')}\n`);
            const r = spawnSync('shellcheck', ['-s', 'sh', '-f', 'gcc', file], { encoding: 'utf8' });
            if (r.status !== 0) problems.push(`${r.stdout}${r.stderr}`);
          }
          expect(problems.join('\n')).toBe('');
        });
});
