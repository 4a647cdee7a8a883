import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseAllDocuments, type ParsedNode, type Pair } from 'yaml';
import type { Answers } from '../answers';
import { generate } from '../generate';
import { PRESETS } from '../presets';
import { answersArb } from '../../testing/arbitraries';
import { checkGitlabCi } from '../../testing/reference';
import TOML from '@iarna/toml';
import { checkBuildkitdToml, checkDaemonJson, checkHelmValues, checkRunnerToml } from '../../testing/reference';
import {
  adoptBuildkitdToml,
  adoptCi,
  AdoptError,
  adoptFiles,
  adoptHelmValues,
  adoptJson,
  adoptRunnerToml,
} from './adopt';
import { importFiles } from './index';
import type { ImportResult, InputFile } from './types';

// ---- helpers (independent of adopt.ts: they read the files with the yaml library's node ranges)

const YAML11 = { version: '1.1', merge: true } as const;

/** Each top-level entry's source text, from the start of its key's line to the end of its value's last line. */
function entrySlices(text: string): { key: string; slice: string; start: number }[] {
  const docs = parseAllDocuments(text, YAML11);
  const doc = Array.isArray(docs) ? docs[docs.length - 1] : undefined;
  if (!doc || !isMap(doc.contents)) return [];
  return (doc.contents.items as Pair<ParsedNode, ParsedNode | null>[]).map((p) => {
    const k = p.key;
    const start = text.lastIndexOf('\n', (k.range?.[0] ?? 0) - 1) + 1;
    let end = p.value?.range?.[1] ?? k.range?.[1] ?? start;
    if (end > 0 && text[end - 1] !== '\n') {
      const nl = text.indexOf('\n', end);
      end = nl === -1 ? text.length : nl + 1;
    }
    const key = isScalar(k) ? (typeof k.value === 'symbol' ? '<<' : String(k.value)) : '?';
    return { key, slice: text.slice(start, end), start };
  });
}

/**
 * Every top-level entry of the user's file that adopting did not replace or extend is in the result with the
 * same bytes and in the same order; the text before the first entry (the header comments) is unchanged.
 */
function expectKept(user: string, result: string, touched: readonly string[]): void {
  const before = entrySlices(user).filter((e) => !touched.includes(e.key));
  const after = new Map(entrySlices(result).map((e) => [e.key, e]));
  for (const e of before) expect(after.get(e.key)?.slice, `entry ${e.key}`).toBe(e.slice);
  const order = before.map((e) => after.get(e.key)?.start ?? -1);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  const first = entrySlices(user)[0];
  if (first) expect(result.startsWith(user.slice(0, first.start))).toBe(true);
}

const data = (text: string): Record<string, unknown> => {
  const docs = parseAllDocuments(text, YAML11);
  const doc = Array.isArray(docs) ? docs[docs.length - 1] : undefined;
  return (doc?.toJS({ maxAliasCount: -1 }) ?? {}) as Record<string, unknown>;
};
const job = (text: string, name: string) => data(text)[name] as Record<string, unknown> | undefined;

const preset = (id: string): Answers => {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.answers;
};
const ciOf = (a: Answers): string => generate(a).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';

/** The generated file's build jobs: stage build or manifest (what adoptCi replaces the user's build jobs with). */
const buildJobsOf = (text: string): string[] =>
  Object.entries(data(text)).flatMap(([k, v]) => {
    const stage = (v as { stage?: unknown } | null)?.stage;
    return !k.startsWith('.') && (stage === 'build' || stage === 'manifest') ? [k] : [];
  });

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const listOf = (v: unknown): string[] | true | false =>
  v === undefined || v === true ? true : v === false ? false : Array.isArray(v) ? v.map(String) : true;

/**
 * A job as GitLab runs it (no `extends` in these files): `default:` keys per `inherit:default`, then the job's
 * keys; variables: the global ones per `inherit:variables`, then the job's. `inherit` itself is left out.
 */
function effective(file: Record<string, unknown>, name: string): Record<string, unknown> {
  const j = (file[name] ?? {}) as Record<string, unknown>;
  const inherit = isObj(j.inherit) ? j.inherit : {};
  const dflt = isObj(file.default) ? file.default : {};
  const allowD = listOf(inherit.default);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dflt))
    if (allowD === true || (allowD !== false && allowD.includes(k))) out[k] = v;
  for (const [k, v] of Object.entries(j)) if (k !== 'inherit' && k !== 'variables') out[k] = v;
  const globals = isObj(file.variables) ? file.variables : {};
  const allowV = listOf(inherit.variables);
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(globals))
    if (allowV === true || (allowV !== false && allowV.includes(k))) vars[k] = v;
  Object.assign(vars, isObj(j.variables) ? j.variables : {});
  if (Object.keys(vars).length) out.variables = vars;
  return out;
}

const PLACEMENT = ['stage', 'rules', 'only', 'except', 'needs', 'dependencies', 'when', 'allow_failure', 'tags'];

/** B's build job `g` is in the result as `r`: every key B's job gets has the same value (needs renamed). */
function expectSameBuild(
  resultText: string,
  r: string,
  generatedText: string,
  g: string,
  renamed: Record<string, string>,
): void {
  const effB = effective(data(generatedText), g);
  const effR = effective(data(resultText), r);
  const rename = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map((n) =>
          typeof n === 'string' ? (renamed[n] ?? n) : isObj(n) ? { ...n, job: renamed[String(n.job)] ?? n.job } : n,
        )
      : v;
  for (const [k, v] of Object.entries(effB))
    if (k !== 'variables') expect(effR[k], `${r}: ${k}`).toEqual(k === 'needs' || k === 'dependencies' ? rename(v) : v);
  // Every variable B's job gets; the others come from the user's own global variables, never a build variable.
  const varsB = (effB.variables ?? {}) as Record<string, unknown>;
  const varsR = (effR.variables ?? {}) as Record<string, unknown>;
  const userGlobals = (data(resultText).variables ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(varsB)) expect(varsR[name], `${r}: variable ${name}`).toEqual(value);
  for (const [name, value] of Object.entries(varsR))
    if (!(name in varsB)) {
      expect(userGlobals[name], `${r}: extra variable ${name}`).toEqual(value);
      expect(name).not.toMatch(/^DOCKER_(?:HOST|TLS_CERTDIR|TLS_VERIFY|CERT_PATH)$|^BUILDKIT_HOST$/);
    }
  for (const k of Object.keys(effR))
    if (!(k in effB) && k !== 'variables') expect(PLACEMENT, `${r}: extra key ${k}`).toContain(k);
}

// ---- hand-written user files

const RICH = `# Pipeline of the demo app.
# Owned by the platform team.

include:
  - local: ci/common.yml   # shared rules
  - project: group/ci-templates
    file: /node.yml

stages: [test, build, deploy]

variables:
  APP_NAME: demo
  DOCKER_HOST: tcp://docker:2375
  DOCKER_TLS_CERTDIR: ""
  NODE_VERSION: &node "20"

.node: &node_defaults
  image: node:20
  cache:
    key: npm
    paths: [node_modules/]

.docker-tpl:
  image: docker:24.0.5
  services:
    - docker:24.0.5-dind
  tags: [docker]
  retry: 1

unit-tests:
  <<: *node_defaults
  stage: test
  script:
    - npm ci
    - npm test   # fast

docker-test:
  extends: .docker-tpl
  stage: test
  script:
    - docker run --rm alpine true

# Builds and pushes the image.
docker-build:
  extends: .docker-tpl
  stage: build
  variables:
    IMAGE: $CI_REGISTRY_IMAGE
  script:
    - docker login -u $CI_REGISTRY_USER -p $CI_REGISTRY_PASSWORD $CI_REGISTRY
    - docker build -t $IMAGE:$CI_COMMIT_SHA .
    - docker push $IMAGE:$CI_COMMIT_SHA

windows-tests:
  stage: test
  tags: [windows]
  script:
    - '& "C:\\Program Files\\tool.exe" --check'
    - 'Write-Host "done: $env:CI_JOB_ID"'

deploy:
  stage: deploy
  needs: [docker-build]
  environment: production
  script: ./deploy.sh "$APP_NAME"
`;

describe('adoptCi: the user file', () => {
  it('replaces the build job only; every other entry, comment and anchor stays byte-for-byte', () => {
    const generated = ciOf(preset('S02'));
    const r = adoptCi(RICH, generated, ['docker-build']);
    expect(r.replaced).toEqual(['docker-build']);
    expectKept(RICH, r.text, ['docker-build']);
    // The job keeps the user's name (deploy needs it) and runs the generated build.
    const built = job(r.text, 'docker-build');
    const gen = job(generated, 'build-image');
    expect(built?.script).toEqual(gen?.script);
    expect(built?.services).toEqual(['docker:29.6.2-dind']);
    expect((built?.variables as Record<string, string>).DOCKER_TLS_CERTDIR).toBe('/certs');
    expect((built?.variables as Record<string, string>).DOCKER_HOST).toBe('tcp://docker:2376');
    // The template shared with docker-test is untouched; the job keeps it for tags and retry and says so.
    expect(built?.extends).toBe('.docker-tpl');
    expect(r.notes.some((n) => n.en.includes('.docker-tpl') && n.en.includes('docker-test'))).toBe(true);
    // The comment above the job stays above it.
    expect(r.text).toContain('# Builds and pushes the image.\ndocker-build:\n');
    // The user's own merge key (`<<`, which GitLab reads) is what the strict checks flag besides the includes.
    expect(checkGitlabCi(r.text).filter((p) => !/include|<<|YAML 1.1 \(GitLab\) and YAML 1.2/.test(p))).toEqual([]);
  });

  it('does not change the meaning of the other jobs (their resolved data is equal)', () => {
    const r = adoptCi(RICH, ciOf(preset('S19')), ['docker-build']);
    const before = data(RICH);
    const after = data(r.text);
    for (const k of Object.keys(before).filter((k) => k !== 'docker-build')) expect(after[k], k).toEqual(before[k]);
  });

  it('adopting a preset into a file built from another preset yields the new build (shell host -> Buildah)', () => {
    const user = `${ciOf(preset('S01')).trimEnd()}\n\nlint:\n  stage: build\n  script: [make lint]\n`;
    const generated = ciOf(preset('S19'));
    const r = adoptCi(user, generated, ['build-image']);
    expectKept(user, r.text, ['build-image']);
    expectSameBuild(r.text, 'build-image', generated, 'build-image', r.renamed ?? {});
    // S01's default before_script (docker info) must not reach the Buildah job: it sets its own.
    expect(effective(data(r.text), 'build-image').before_script).toEqual(
      (data(generated).default as Record<string, unknown>).before_script,
    );
    // The user's other job still gets the user's default.
    expect(effective(data(r.text), 'lint').before_script).toEqual(['docker info']);
    expect(checkGitlabCi(r.text)).toEqual([]);
  });

  it('keeps a build job that builds another image, with a note, and still replaces the one it pairs with', () => {
    const user = `build-app:
  image: docker:24
  services: [docker:24-dind]
  script:
    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .
    - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"

# The image the end-to-end tests run in.
build-e2e-image:
  image: docker:24
  services: [docker:24-dind]
  script:
    - docker build -t "$CI_REGISTRY_IMAGE/e2e:latest" e2e/
    - docker push "$CI_REGISTRY_IMAGE/e2e:latest"
`;
    const r = adoptCi(user, ciOf(preset('S02')), ['build-app', 'build-e2e-image']);
    expect(r.replaced).toEqual(['build-app']);
    const e2e = user.slice(user.indexOf('# The image the end-to-end'));
    expect(r.text).toContain(e2e);
    expect(r.notes.map((n) => n.en).join('\n')).toMatch(
      /build-e2e-image builds another image \(\$CI_REGISTRY_IMAGE\/e2e\)/,
    );
    expect(checkGitlabCi(r.text)).toEqual([]);
  });

  it('cuts off the defaults and global build variables of the user that the new build does not set', () => {
    const user = `variables:
  DOCKER_HOST: tcp://docker:2375
  GREETING: hello

default:
  image: docker:24
  services: [docker:24-dind]
  interruptible: true

build:
  script: [docker build .]

test:
  image: node:20
  script: [npm test]
`;
    const generated = ciOf(preset('S19')); // Buildah: no service, no DOCKER_HOST
    const r = adoptCi(user, generated, ['build']);
    expectKept(user, r.text, ['build']);
    const eff = effective(data(r.text), 'build');
    expect(eff.services).toBeUndefined();
    expect((eff.variables as Record<string, unknown>).DOCKER_HOST).toBeUndefined();
    expect((eff.variables as Record<string, unknown>).GREETING).toBe('hello');
    expect(eff.interruptible).toBe(true);
    expect(eff.image).toEqual((data(generated).default as Record<string, unknown>).image);
    // The job had no stage (GitLab: test); the generated build stage is in GitLab's default list.
    expect(eff.stage).toBe('build');
    expect(checkGitlabCi(r.text)).toEqual([]);
  });

  it('pairs two build jobs by their rules and keeps the user names; needs of the generated jobs follow', () => {
    const user = `stages:
  - build
  - deploy

docker:main:
  stage: build
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script: [docker build -t app:latest .]

docker:release:
  stage: build
  rules:
    - if: $CI_COMMIT_TAG
  script: [docker build -t app:$CI_COMMIT_TAG .]

deploy:
  stage: deploy
  script: [./deploy]
`;
    const generated = ciOf(preset('S38'));
    expect(buildJobsOf(generated)).toEqual(['release-image', 'latest-image', 'build-image']);
    const r = adoptCi(user, generated, ['docker:main', 'docker:release']);
    expectKept(user, r.text, ['docker:main', 'docker:release']);
    expect(r.renamed?.['latest-image']).toBe('docker:main');
    expect(r.renamed?.['release-image']).toBe('docker:release');
    expect(r.added).toContain('build-image');
    for (const [g, name] of Object.entries(r.renamed ?? {}))
      if (buildJobsOf(generated).includes(g)) expectSameBuild(r.text, name, generated, g, r.renamed ?? {});
    expect(r.notes.some((n) => n.en.includes('latest-image') && n.en.includes('docker:main'))).toBe(true);
    expect(checkGitlabCi(r.text)).toEqual([]);
  });

  it('keeps the original of a build job whose anchors other jobs use, as a hidden job', () => {
    const user = `build:
  image: &img docker:24
  script: [docker build .]

check:
  image: *img
  script: [docker version]
`;
    const r = adoptCi(user, ciOf(preset('S08')), ['build']);
    expect(data(r.text).check).toEqual(data(user).check);
    expect(r.text).toContain('".build-before-adopt":\n  image: &img docker:24\n');
    expect(r.notes.some((n) => n.en.includes('&img'))).toBe(true);
    expectKept(user, r.text, ['build']);
  });

  it('keeps Windows line endings and PowerShell jobs as they are', () => {
    const unix = `stages: [build, test]

build:
  stage: build
  tags: [windows]
  script:
    - docker build -t app .

ps-test:
  stage: test
  tags: [windows]
  script:
    - 'Get-ChildItem -Path "C:\\build" | ForEach-Object { $_.Name }'
`;
    const user = unix.replace(/\n/g, '\r\n');
    const generated = ciOf(preset('S10'));
    const r = adoptCi(user, generated, ['build']);
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
    expectKept(unix, r.text.replace(/\r\n/g, '\n'), ['build']);
    expect(job(r.text, 'build')?.script).toEqual(job(generated, 'build-image')?.script);
  });

  it('adds the generated jobs around the build, the stages they need and the scanner template', () => {
    const user = `include: 'ci/common.yml'

test:
  script: [make test]

build:
  only: [main]
  script: [docker build .]
`;
    const a = { ...preset('S02'), scan: 'gitlab', sign: 'keyless', lint: true } as Answers;
    const generated = ciOf(a);
    const r = adoptCi(user, generated, ['build']);
    expectKept(user, r.text, ['build', 'include']);
    const d = data(r.text);
    expect(d.stages).toEqual(['lint', 'build', 'test', 'scan', 'sign', 'deploy']);
    expect(d.include).toEqual(['ci/common.yml', { template: 'Jobs/Container-Scanning.gitlab-ci.yml' }]);
    // The scan and sign jobs read the build job's report under the user's name.
    const scan = Object.entries(d).find(([k]) => k.startsWith('scan-'))?.[1] as Record<string, unknown>;
    expect(scan.needs).toEqual([{ job: 'build', artifacts: true }]);
    // The generated rules win over the user's only: (they cannot stand together); B has none here, so only stays.
    expect((d.build as Record<string, unknown>).only).toEqual(['main']);
    expect(checkGitlabCi(r.text).filter((p) => !p.includes('ci/common.yml'))).toEqual([]);
  });

  it('refuses a file that does not parse', () => {
    expect(() => adoptCi('build:\n  script: [a\n', ciOf(preset('S01')), ['build'])).toThrow(AdoptError);
  });
});

describe('adoptCi: property', () => {
  it("adopting generate(B) into generate(A) gives B's build jobs and leaves A's other jobs unchanged", () => {
    fc.assert(
      fc.property(answersArb, answersArb, (a, b) => {
        const user = ciOf(a);
        const generated = ciOf(b);
        const buildJobs = buildJobsOf(user);
        const r = adoptCi(user, generated, buildJobs);
        expectKept(user, r.text, [...buildJobs, 'stages', 'include']);
        for (const g of buildJobsOf(generated)) {
          const name = r.renamed?.[g];
          expect(name, g).toBeDefined();
          expectSameBuild(r.text, name ?? g, generated, g, r.renamed ?? {});
        }
        // Valid for GitLab, but for A's own jobs that still need a build job B has no counterpart for (noted).
        const removed = buildJobs.filter((j) => !Object.values(r.renamed ?? {}).includes(j));
        const problems = checkGitlabCi(r.text).filter(
          (p) => !removed.some((j) => p.includes(`needs ${j},`) || p.includes(`depends on ${j},`)),
        );
        expect(problems).toEqual([]);
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});

// ---- config.toml, values.yaml, daemon.json, buildkitd.toml

/** A value of parsed TOML, YAML or JSON at a key path (undefined where the path leads nowhere). */
function dig(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}
const toml = (text: string): unknown => TOML.parse(text);

const fileOf = (a: Answers, path: string): string => generate(a).files.find((f) => f.path === path)?.content ?? '';

/** The text of a TOML file with the lines of the given 1-based line ranges removed. */
const linesOf = (text: string) => text.split('\n');

const CONFIG_TOML = `# Global settings (kept)
concurrent = 4
check_interval = 0

[session_server]
  session_timeout = 1800

# The shell runner (kept)
[[runners]]
  name = "deploy-runner"
  url = "https://gitlab.example.com/"
  token = "glrt-REDACTED-1"
  executor = "shell"

# The image builder
[[runners]]
  name = "builder"   # builds images
  url = "https://gitlab.example.com/"
  token = "glrt-REDACTED-2"
  executor = "docker"
  [runners.cache]
    MaxUploadedArchiveSize = 0
  [runners.docker]
    tls_verify = false
    image = "docker:24"
    privileged = false   # was off
    volumes = ["/var/run/docker.sock:/var/run/docker.sock", "/cache"]
    security_opt = ["seccomp:unconfined"]
    shm_size = 0
`;

describe('adoptRunnerToml', () => {
  it('sets the generated keys in the runner that builds; the other runner, globals, token and comments stay', () => {
    const generated = fileOf(preset('S02'), 'config.toml'); // dind with TLS
    const r = adoptRunnerToml(CONFIG_TOML, generated);
    const before = toml(CONFIG_TOML);
    const after = toml(r.text);
    const gen = toml(generated);
    expect(dig(after, 'concurrent')).toBe(4);
    expect(dig(after, 'session_server')).toEqual(dig(before, 'session_server'));
    expect(dig(after, 'runners', 0)).toEqual(dig(before, 'runners', 0));
    expect(dig(after, 'runners', 1, 'token')).toBe('glrt-REDACTED-2');
    expect(dig(after, 'runners', 1, 'name')).toBe('builder');
    expect(dig(after, 'runners', 1, 'cache')).toEqual(dig(before, 'runners', 1, 'cache'));
    // Every docker key the generated entry sets; the user's shm_size stays; the risky security_opt goes.
    for (const [k, v] of Object.entries(dig(gen, 'runners', 0, 'docker') as Record<string, unknown>))
      expect(dig(after, 'runners', 1, 'docker', k), k).toEqual(v);
    expect(dig(after, 'runners', 1, 'docker', 'shm_size')).toBe(0);
    expect(dig(after, 'runners', 1, 'docker', 'security_opt')).toBeUndefined();
    // Lines: everything up to the builder's docker section is unchanged, comments included; the trailing comment of
    // a replaced value stays on its line.
    const cut = CONFIG_TOML.indexOf('  [runners.docker]');
    expect(r.text.slice(0, cut)).toBe(CONFIG_TOML.slice(0, cut));
    expect(r.text).toContain('privileged = true   # was off');
    expect(r.notes.some((n) => n.en.includes('"builder"'))).toBe(true);
    expect(checkRunnerToml(r.text)).toEqual([]);
  });

  it('adds a missing executor section and changes the executor when no runner has it', () => {
    const user =
      '# mine\nconcurrent = 1\n\n[[runners]]\n  name = "r"\n  url = "https://gitlab.example.com/"\n  token = "x"\n  executor = "shell"\n';
    const r = adoptRunnerToml(user, fileOf(preset('S24'), 'config.toml'));
    const after = toml(r.text);
    expect(dig(after, 'runners', 0, 'executor')).toBe('docker');
    expect(dig(after, 'runners', 0, 'docker', 'security_opt')).toEqual(['seccomp:unconfined', 'apparmor:unconfined']);
    expect(dig(after, 'runners', 0, 'token')).toBe('x');
    expect(r.text.startsWith('# mine\nconcurrent = 1\n')).toBe(true);
    expect(r.notes.some((n) => n.en.includes('changed from shell'))).toBe(true);
    expect(checkRunnerToml(r.text)).toEqual([]);
  });

  it('replaces arrays of tables (Kubernetes volumes) and keeps the user layout around them', () => {
    const user = `[[runners]]
  name = "k8s"
  executor = "kubernetes"
  [runners.kubernetes]
    namespace = "ci"
    image = "ubuntu:22.04"
    [[runners.kubernetes.volumes.host_path]]
      name = "docker-sock"
      mount_path = "/var/run/docker.sock"
      host_path = "/var/run/docker.sock"
  [runners.kubernetes.node_selector]
    "kubernetes.io/os" = "linux"
`;
    const generated = generatedRunnerOf(preset('S06'));
    const r = adoptRunnerToml(user, generated);
    const after = toml(r.text);
    const gen = toml(generated);
    expect(dig(after, 'runners', 0, 'kubernetes', 'volumes')).toEqual(dig(gen, 'runners', 0, 'kubernetes', 'volumes'));
    expect(dig(after, 'runners', 0, 'kubernetes', 'node_selector')).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(dig(after, 'runners', 0, 'kubernetes', 'privileged')).toBe(true);
  });

  it('appends the generated entry to a file without runners, and refuses what does not parse', () => {
    const r = adoptRunnerToml('concurrent = 2\n', fileOf(preset('S02'), 'config.toml'));
    expect(r.text.startsWith('concurrent = 2\n')).toBe(true);
    expect(dig(toml(r.text), 'runners')).toHaveLength(1);
    expect(() => adoptRunnerToml('[[runners]\n', fileOf(preset('S02'), 'config.toml'))).toThrow(AdoptError);
  });
});

/** The generated runner configuration as TOML (config.toml, else the Helm values' runners.config). */
function generatedRunnerOf(a: Answers): string {
  const toml = fileOf(a, 'config.toml');
  if (toml) return toml;
  return String(dig(data(fileOf(a, 'values.yaml')), 'runners', 'config'));
}

describe('adoptHelmValues', () => {
  const VALUES = `# Values of our runner release.
gitlabUrl: https://gitlab.example.com/
concurrent: 10

rbac:
  create: true

runners:
  secret: our-runner-secret   # created by ops
  config: |
    [[runners]]
      [runners.kubernetes]
        namespace = "{{.Release.Namespace}}"
        image = "ubuntu:22.04"
        privileged = false

  # ops: keep the cache off
  cache: {}

podLabels:
  team: ci
`;
  it("adopts runners.config in place and keeps every other key, comment and the chart's template expressions", () => {
    const generated = fileOf(preset('S06'), 'values.yaml');
    const r = adoptHelmValues(VALUES, generated);
    const before = data(VALUES);
    const after = data(r.text);
    for (const k of ['gitlabUrl', 'concurrent', 'rbac', 'podLabels']) expect(dig(after, k), k).toEqual(dig(before, k));
    expect(dig(after, 'runners', 'secret')).toBe('our-runner-secret');
    expect(dig(after, 'runners', 'cache')).toEqual({});
    const tml = toml(String(dig(after, 'runners', 'config')));
    const gen = toml(String(dig(data(generated), 'runners', 'config')));
    expect(dig(tml, 'runners', 0, 'kubernetes', 'namespace')).toBe('{{.Release.Namespace}}');
    expect(dig(tml, 'runners', 0, 'kubernetes', 'privileged')).toBe(true);
    expect(dig(tml, 'runners', 0, 'kubernetes', 'volumes')).toEqual(dig(gen, 'runners', 0, 'kubernetes', 'volumes'));
    expect(r.text).toContain('  secret: our-runner-secret   # created by ops\n');
    expect(r.text).toContain('  # ops: keep the cache off\n  cache: {}\n\npodLabels:\n  team: ci\n');
    expect(r.text.startsWith('# Values of our runner release.\ngitlabUrl: https://gitlab.example.com/\n')).toBe(true);
  });

  it('adds runners.config when the values have none', () => {
    const user = 'gitlabUrl: https://gitlab.example.com/\nrunners:\n  secret: s\npodLabels: {}\n';
    const r = adoptHelmValues(user, fileOf(preset('S06'), 'values.yaml'));
    const after = data(r.text);
    expect(dig(after, 'runners', 'secret')).toBe('s');
    expect(typeof dig(after, 'runners', 'config')).toBe('string');
    expect(dig(after, 'podLabels')).toEqual({});
    expect(checkHelmValues(r.text).filter((p) => !p.includes('[[runners]] entry'))).toEqual([]);
  });
});

describe('adoptJson and adoptBuildkitdToml', () => {
  it("daemon.json: the generated keys are set where they are; the user's other keys keep their text", () => {
    const user =
      '{\n    "log-driver": "json-file",\n    "registry-mirrors": ["http://old-mirror"],\n    "debug": true\n}\n';
    const generated = fileOf(preset('S15'), 'daemon.json');
    const r = adoptJson(user, generated);
    expect(JSON.parse(r.text)).toEqual({ ...JSON.parse(user), ...JSON.parse(generated) });
    expect(linesOf(r.text)[1]).toBe('    "log-driver": "json-file",');
    expect(r.text.endsWith('    "debug": true\n}\n')).toBe(true);
    expect(r.replaced).toEqual(['registry-mirrors']);
    expect(r.kept).toEqual(['log-driver', 'debug']);
    const added = adoptJson('{"debug": true}', generated);
    expect(JSON.parse(added.text)).toEqual({ debug: true, ...JSON.parse(generated) });
    expect(added.text.startsWith('{"debug": true, ')).toBe(true);
    expect(() => adoptJson('{"a": }', generated)).toThrow(AdoptError);
    expect(checkDaemonJson(r.text)).toEqual([]);
  });

  it('buildkitd.toml: keys of the generated tables are set; the other tables stay', () => {
    const user =
      '# ours\ndebug = true\n\n[worker.oci]\n  max-parallelism = 4\n\n[registry."docker.io"]\n  mirrors = ["old.example.com"]\n  # keep\n';
    const generated = fileOf(preset('S29'), 'buildkitd.toml');
    const r = adoptBuildkitdToml(user, generated);
    const after = toml(r.text);
    const gen = toml(generated);
    expect(dig(after, 'worker')).toEqual({ oci: { 'max-parallelism': 4 } });
    expect(dig(after, 'registry', 'docker.io', 'mirrors')).toEqual(dig(gen, 'registry', 'docker.io', 'mirrors'));
    expect(r.text.startsWith('# ours\ndebug = true\n\n[worker.oci]\n  max-parallelism = 4\n')).toBe(true);
    expect(checkBuildkitdToml(r.text)).toEqual([]);
  });
});

describe('adoptFiles', () => {
  it('adopts each imported file and adds the generated files the setup needs that the user did not have', () => {
    const user: InputFile[] = [
      { path: 'ci/.gitlab-ci.yml', content: RICH },
      { path: 'runner/config.toml', content: CONFIG_TOML },
      { path: 'notes.txt', content: 'hello' },
    ];
    const imported = importFiles(user);
    const target = generate({ ...imported.answers, method: 'dind', dindConnection: 'tls' } as Answers);
    const files = adoptFiles(imported, target);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.has('notes.txt')).toBe(false);
    const ci = byPath.get('ci/.gitlab-ci.yml');
    expect(ci?.before).toBe(RICH);
    expect(ci?.after).not.toBe(RICH);
    expectKept(RICH, ci?.after ?? '', imported.buildJobs);
    expect(byPath.get('runner/config.toml')?.before).toBe(CONFIG_TOML);
    // Generated files the user did not have: never another form of the runner file, never the documents.
    const added = files.filter((f) => f.before === '').map((f) => f.path);
    expect(added).not.toContain('config.toml');
    expect(added).not.toContain('values.yaml');
    expect(added).not.toContain('SETUP.md');
    expect(added).not.toContain('diagram.svg');
    for (const p of added) expect(target.files.some((f) => f.path === p)).toBe(true);
  });

  it('keeps a file it cannot edit, with the reason', () => {
    const imported = importFiles([{ path: '.gitlab-ci.yml', content: RICH }]);
    const broken: ImportResult = {
      ...imported,
      setup: { ...imported.setup, files: [{ path: 'daemon.json', content: '{"a": ', kind: 'daemon-json' }] },
    };
    const files = adoptFiles(broken, generate(preset('S15')));
    const dj = files.find((f) => f.path === 'daemon.json');
    expect(dj?.after).toBe('{"a": ');
    expect(dj?.notes[0]?.en).toMatch(/kept as it is: daemon\.json is not valid JSON/);
  });

  it('round trip: importing a preset and adopting its own files changes nothing in the files', () => {
    for (const id of ['S02', 'S06', 'S15', 'S29']) {
      const g = generate(preset(id));
      const inputs = g.files
        .filter((f) =>
          ['.gitlab-ci.yml', 'config.toml', 'values.yaml', 'daemon.json', 'buildkitd.toml'].includes(f.path),
        )
        .map((f) => ({ path: f.path, content: f.content }));
      const imported = importFiles(inputs);
      for (const f of adoptFiles(imported, generate(imported.answers)).filter((x) => x.before !== ''))
        expect(data(f.after), `${id} ${f.path}`).toEqual(data(f.before));
    }
  });
});
