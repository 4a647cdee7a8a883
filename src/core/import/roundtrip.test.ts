/**
 * Round trip (issue 15): importing every preset's own generated files (`.gitlab-ci.yml`, `config.toml` or
 * `values.yaml`, `daemon.json`, `buildkitd.toml`) gives answers that regenerate the SAME importable files byte for
 * byte, in both languages: that is what "the same answers" means for files. Answers the files cannot carry (they
 * change only SETUP.md, the register scripts or kubernetes.sh) may differ from the preset's; each such answer is
 * listed below with the reason, and the test fails when the list is not exactly what differs. Linting the imported
 * files gives no finding whose id the generated files' findings do not already have.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_KEYS, parseAnswers, type Answers } from '../answers';
import { generate } from '../generate';
import { LANGS } from '../i18n';
import { PRESETS } from '../presets';
import { normalize } from '../rules';
import { importFiles } from './index';

/** The generated files a user can import. */
const IMPORTABLE = new Set(['.gitlab-ci.yml', 'config.toml', 'values.yaml', 'daemon.json', 'buildkitd.toml']);

/**
 * Presets whose importable files cannot give back files equal to theirs, with the answer the files cannot express.
 * Empty: every preset round-trips.
 */
const KNOWN_LOSSY: Readonly<Record<string, { answer: keyof Answers; reason: string }>> = {};

/**
 * Answers that differ from the preset's (normalized) while the regenerated importable files are the same: the
 * importable files do not show them.
 */
const NOT_IN_THE_FILES: Readonly<Record<string, Partial<Record<keyof Answers, string>>>> = {
  S11: {
    eksDockerdRename:
      "EKS's dockerd rename is a node setting: it changes kubernetes.sh and SETUP.md only, never .gitlab-ci.yml or values.yaml.",
  },
  S32: {
    fromKaniko:
      'The Kaniko migration writes the same rootless BuildKit job as buildkit-rootless; only SETUP.md carries its migration notes.',
  },
};

/**
 * Answer sets beyond the presets (gates, signing, promotion, tags from git, native multi-arch, autoscaling, hosted
 * runners, builder options, registries, proxies, versions), each with the answers its importable files do not show.
 */
const VARIANTS: readonly {
  name: string;
  answers: Partial<Answers>;
  notInFiles?: Partial<Record<keyof Answers, string>>;
}[] = [
  {
    name: 'gates',
    answers: { lint: true, lintThreshold: 'error', scan: 'trivy', scanSeverity: 'CRITICAL', gatePolicy: 'report' },
  },
  { name: 'gitlab scan', answers: { scan: 'gitlab' } },
  { name: 'sign with a key', answers: { sign: 'key', cosignKeyVar: 'MY_KEY', cosignPasswordVar: 'MY_PW' } },
  { name: 'keyless signing', answers: { sign: 'keyless' } },
  {
    name: 'semver tags',
    answers: { tagScheme: 'semver', tagPrefix: 'release-', tagShaForm: 'short', tagSemverLatest: false },
  },
  { name: 'template tags', answers: { tagScheme: 'template', tagTemplate: '$CI_COMMIT_REF_SLUG-x $CI_PIPELINE_IID' } },
  {
    name: 'native multi-arch (rootless BuildKit)',
    answers: {
      method: 'buildkit-rootless',
      platforms: ['linux/amd64', 'linux/arm64'],
      multiArch: 'native',
      archTagAmd64: 'x86',
      archTagArm64: 'aarch64',
    },
    notInFiles: { tagSha: 'Native builds push per-architecture tags and the manifest job the SHA tag either way.' },
  },
  {
    name: 'native multi-arch (Buildx)',
    answers: { buildx: true, platforms: ['linux/amd64', 'linux/arm64'], multiArch: 'native' },
    notInFiles: { tagSha: 'Native builds push per-architecture tags and the manifest job the SHA tag either way.' },
  },
  {
    name: 'docker-autoscaler on Google Cloud',
    answers: {
      executor: 'docker-autoscaler',
      cloud: 'gcp',
      instanceGroup: 'my-group',
      cloudRegion: 'europe-west4-b',
      cloudProject: 'proj-1',
      maxInstances: 7,
      capacityPerInstance: 2,
      idleCount: 3,
      idleMinutes: 30,
      connectorUser: 'runner',
    },
  },
  {
    name: 'docker+machine on Azure',
    answers: {
      executor: 'docker+machine',
      cloud: 'azure',
      cloudResourceGroup: 'rg-1',
      idleCount: 2,
      idleMinutes: 15,
      maxUseCount: 5,
    },
  },
  {
    name: 'GitLab-hosted runners',
    answers: { runnerKind: 'gitlab-hosted', mtu: 1360 },
    notInFiles: { runnerTags: 'Hosted jobs carry no runner tags: the tags of a self-managed runner are not written.' },
  },
  {
    name: 'buildctl options',
    answers: {
      method: 'buildctl',
      dockerfile: 'docker/Dockerfile.prod',
      context: 'app',
      buildArgs: ['A=1', 'B=two words'],
      buildSecrets: ['NPM_TOKEN'],
      buildTarget: 'runtime',
      sbom: true,
      provenance: 'max',
      ociLabels: true,
    },
  },
  {
    name: 'Buildx options and protected cache',
    answers: {
      buildx: true,
      dockerfile: 'Dockerfile.ci',
      context: 'src',
      buildArgs: ['X=y'],
      buildSecrets: ['GH_TOKEN'],
      buildTarget: 'prod',
      sbom: true,
      provenance: 'min',
      ociLabels: true,
      cache: 'registry',
      cacheMode: 'min',
      cachePerRef: true,
      cacheProtectedWrite: true,
    },
  },
  {
    name: 'Buildah cache',
    answers: {
      method: 'buildah',
      cache: 'registry',
      cacheRef: '$CI_REGISTRY_IMAGE/cache',
      buildArgs: ['Q=1'],
      buildTarget: 't',
    },
  },
  {
    name: 'Podman multi-platform, latest and build-only branches',
    answers: {
      method: 'podman',
      platforms: ['linux/amd64', 'linux/arm64'],
      tagLatest: true,
      otherBranches: 'build-only',
    },
  },
  {
    name: 'custom CA for dind',
    answers: { customCaVar: 'MY_CA', customCaHost: 'registry.internal:5050' },
    notInFiles: {
      customCaVar: 'The runner mounts /etc/docker/certs.d; the variable is named only in SETUP.md.',
      customCaHost: 'The runner mounts all of /etc/docker/certs.d; the host is named only in SETUP.md.',
    },
  },
  { name: 'plain-HTTP registry (dind)', answers: { plainHttpRegistry: 'registry.internal:5000' } },
  {
    name: 'plain-HTTP registry (BuildKit)',
    answers: { method: 'buildkit-rootless', plainHttpRegistry: 'registry.internal:5000' },
  },
  { name: 'tool image prefix', answers: { toolImagePrefix: 'registry.example.com:5050/infra/images' } },
  {
    name: 'tool image prefix (BuildKit)',
    answers: { method: 'buildkit-rootless', toolImagePrefix: 'harbor.example.com/proxy' },
  },
  {
    name: 'Kubernetes restricted',
    answers: {
      executor: 'kubernetes',
      method: 'buildkit-rootless',
      k8sPodSecurity: 'restricted',
      k8sNodeArch: 'arm64',
      buildMemory: '4Gi',
      k8sNamespace: 'ci-builds',
    },
  },
  {
    name: 'runner memory and tags',
    answers: { buildMemory: '2Gi', runnerDescription: 'my runner', runnerTags: ['a', 'b c'] },
  },
  {
    name: 'promotion',
    answers: { promoteTargets: ['docker.io/acme/app', '$CI_REGISTRY_IMAGE/release'], registryDockerHub: true },
  },
  {
    name: 'other registry',
    answers: {
      image: 'registry.example.com/team/app',
      registryOther: true,
      otherRegistryHost: 'registry.example.com',
      otherUserVar: 'RU',
      otherPasswordVar: 'RP',
      registryGitlab: false,
    },
  },
  {
    name: 'Docker Hub push',
    answers: {
      image: 'docker.io/acme/app',
      registryDockerHub: true,
      dockerHubUserVar: 'HUB_U',
      dockerHubPasswordVar: 'HUB_P',
      registryGitlab: false,
    },
  },
  { name: 'password argument', answers: { passwordStdin: false } },
  {
    name: 'protected variables only',
    answers: { protectedOnly: true },
    notInFiles: {
      protectedOnly: 'Protecting the variables is a GitLab setting: SETUP.md says it, no file carries it.',
    },
  },
  { name: 'iptables and overlay2', answers: { dindIptables: 'legacy', overlay2: 'job' } },
  {
    name: 'runner proxy',
    answers: {
      proxy: 'runner',
      httpProxy: 'http://proxy:3128',
      httpsProxy: 'http://proxy:3128',
      noProxy: '.internal,10.0.0.0/8',
    },
  },
  { name: 'Windows shell', answers: { os: 'windows', executor: 'shell', method: 'host' } },
  { name: 'macOS socket', answers: { os: 'macos', executor: 'docker', method: 'socket' } },
  {
    name: 'Windows ltsc2025 and helper image',
    answers: {
      os: 'windows',
      executor: 'docker-windows',
      method: 'pipe',
      windowsVersion: 'ltsc2025',
      windowsHelperImage:
        'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v17.0.0-servercore21H2',
    },
  },
  { name: 'legacy registration (Helm)', answers: { executor: 'kubernetes', registration: 'legacy', mtu: 1450 } },
  { name: 'older Docker with Buildx', answers: { dockerVersion: '27.5.1', buildx: true } },
  { name: 'older BuildKit', answers: { method: 'buildkit-rootless', buildkitVersion: 'v0.20.0' } },
  {
    name: 'compose tests',
    answers: { compose: true, composeFile: 'ci/compose.yml', runTests: true, testCommand: 'make test' },
  },
  { name: 'DOCKER_AUTH_CONFIG variable', answers: { authMethod: 'docker-auth-config', authConfigVar: 'MY_AUTH_JSON' } },
  {
    name: 'latest and git tag only',
    answers: { tagSha: false, tagLatest: true, tagGitTag: true, otherBranches: 'skip' },
  },
  { name: 'no push', answers: { push: false } },
  {
    name: 'runner-service mirror with MTU',
    answers: { mirrorUrl: 'https://mirror.example.com', mirrorPlace: 'runner-service', mtu: 1400 },
  },
];

/**
 * Findings the detectors place on a variant's files that its generated files do not have: the detectors read the
 * files only, and these files do not show what the catalog's `applies` decides on.
 */
const VARIANT_EXTRA_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  // A job without runner tags may run on hosted runners or on a self-managed one that takes untagged jobs.
  'GitLab-hosted runners': ['dockerhub-rate-limit'],
  // The catalog's docker-group-root is about Linux hosts (`p.runner.os === 'linux'`); the runner detector reports
  // every shell executor (reported to imp-runner).
  'Windows shell': ['docker-group-root'],
  // The catalog's no-layer-cache applies to builds that push (`p.build.push`); the CI detector reports a build
  // that does not push too (reported to imp-ci).
  'no push': ['no-layer-cache'],
};

const importable = (files: { path: string; content: string }[]) =>
  files.filter((f) => IMPORTABLE.has(f.path)).map((f) => ({ path: f.path, content: f.content }));

describe('import round trip of every preset', () => {
  for (const preset of PRESETS) {
    for (const lang of LANGS) {
      it(`${preset.id} (${lang}): the inferred answers regenerate the same files`, () => {
        const generated = generate(preset.answers, { lang });
        const files = importable(generated.files);
        expect(files.length).toBeGreaterThan(0);
        const result = importFiles(files);
        expect(result.setup.problems.filter((p) => p.kind === 'parse')).toEqual([]);
        const again = importable(generate(result.answers, { lang }).files);
        const lossy = KNOWN_LOSSY[preset.id];
        if (lossy) {
          expect(again).not.toEqual(files);
          return;
        }
        expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
        for (const f of files) expect(again.find((g) => g.path === f.path)?.content, f.path).toBe(f.content);

        const want = normalize(preset.answers);
        const differing = ANSWER_KEYS.filter((k) => JSON.stringify(want[k]) !== JSON.stringify(result.answers[k]));
        expect(differing).toEqual(Object.keys(NOT_IN_THE_FILES[preset.id] ?? {}));
      });

      it(`${preset.id} (${lang}): linting the files finds nothing the generated findings do not have`, () => {
        const generated = generate(preset.answers, { lang });
        const result = importFiles(importable(generated.files));
        const known = new Set(generated.findings.map((f) => f.id));
        const extra = result.findings.filter((f) => !known.has(f.id));
        expect(extra.map((f) => `${f.id} ${f.pos.file}:${f.pos.line} ${f.reason.en}`)).toEqual([]);
      });
    }
  }

  for (const variant of VARIANTS) {
    for (const lang of LANGS) {
      it(`${variant.name} (${lang}): the inferred answers regenerate the same files`, () => {
        const parsed = parseAnswers(variant.answers);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const want = normalize(parsed.answers);
        const generated = generate(want, { lang });
        const files = importable(generated.files);
        const result = importFiles(files);
        const again = importable(generate(result.answers, { lang }).files);
        expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
        for (const f of files) expect(again.find((g) => g.path === f.path)?.content, f.path).toBe(f.content);
        const differing = ANSWER_KEYS.filter((k) => JSON.stringify(want[k]) !== JSON.stringify(result.answers[k]));
        expect(differing).toEqual(Object.keys(variant.notInFiles ?? {}));
        const known = new Set([
          ...generated.findings.map((f) => f.id),
          ...(VARIANT_EXTRA_FINDINGS[variant.name] ?? []),
        ]);
        expect(
          result.findings.filter((f) => !known.has(f.id)).map((f) => `${f.id} ${f.pos.file}:${f.pos.line}`),
        ).toEqual([]);
      });
    }
  }

  it('the known-lossy table names only presets and answers that exist', () => {
    for (const [id, entry] of Object.entries(KNOWN_LOSSY)) {
      expect(PRESETS.some((p) => p.id === id)).toBe(true);
      expect(ANSWER_KEYS).toContain(entry.answer);
    }
  });
});
