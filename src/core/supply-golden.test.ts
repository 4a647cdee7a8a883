/**
 * Golden files of the supply-chain and promotion features (issue 14, items 3 and 6), which no preset of the scenario
 * catalog turns on: every generated file in both languages plus each finding's id, file and line, frozen in
 * `src/core/__golden__/supply-<name>.<lang>.txt` like the presets' (`golden.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from './answers';
import { generate } from './generate';
import type { Lang } from './i18n';
import { expectFindingLine } from '../testing/finding-lines';

const LANGS: Lang[] = ['en', 'ja'];

/** The setups: keyless signing + promotion on GitLab.com; key signing with Buildah; buildctl attestations. */
const SETUPS: Record<string, Partial<Answers>> = {
  'keyless-promote': {
    runnerKind: 'gitlab-hosted',
    buildx: true,
    sbom: true,
    provenance: 'max',
    tagGitTag: true,
    tagLatest: true,
    sign: 'keyless',
    registryDockerHub: true,
    protectedOnly: true,
    promoteTargets: ['docker.io/acme/app', '$CI_REGISTRY_IMAGE/release'],
  },
  'key-buildah': {
    gitlabUrl: 'https://gitlab.example.com/',
    method: 'buildah',
    allowPrivileged: false,
    sign: 'key',
    registryOther: true,
    promoteTargets: ['registry.example.com/team/app'],
  },
  'buildctl-attest-self-managed-keyless': {
    gitlabUrl: 'https://gitlab.example.com/',
    method: 'buildctl',
    sbom: true,
    provenance: 'min',
    buildkitVersion: 'v0.32.0',
    sign: 'keyless',
  },
};

const run = (name: string, lang: Lang) => generate({ ...defaultAnswers(), ...SETUPS[name] }, { lang });

describe.each(Object.keys(SETUPS))('golden supply-%s', (name) => {
  it.each(LANGS)('%s', async (lang) => {
    const result = run(name, lang);
    const parts = result.files.map((f) => `=== file ${f.path} (${f.language})\n${f.content}\n`);
    parts.push(
      `=== findings\n${result.findings.map((f) => `${f.severity} ${f.id} ${f.file}:${f.line}`).join('\n')}\n`,
      `=== permalink\n${result.permalink}\n`,
    );
    await expect(parts.join('')).toMatchFileSnapshot(`__golden__/supply-${name}.${lang}.txt`);
    for (const f of result.findings) {
      expect(f.anchored, `${f.id}: no anchor resolved (${f.anchor})`).toBe(true);
      expectFindingLine(result.files.find((x) => x.path === f.file)?.content, f, result.setup);
    }
  });
});
