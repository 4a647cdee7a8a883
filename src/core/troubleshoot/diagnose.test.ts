/**
 * The troubleshooter: failures.md (copied into src/testing/reference-data) and FAILURES agree; every failure is
 * recognised in realistic job logs (its failures.md text and variants from other releases, with timestamps, colours,
 * section markers and CRLF); clean logs of successful builds give nothing; every fix, applied to answers whose
 * generated files have the failure's cause (checked on the files, by src/testing/failure-checks.ts), gives files
 * without it; long and hostile logs stay fast.
 */
import { describe, expect, it } from 'vitest';
import failuresMd from '../../testing/reference-data/failures.md?raw';
import { defaultAnswers, parseAnswers, type Answers } from '../answers';
import {
  FAILURE_IDS,
  FAILURES,
  genericChecks,
  readLogSetup,
  setupMismatch,
  MAX_LOG_CHARS,
  applyFix,
  cleanLine,
  diagnose,
  diagnoseLog,
  failureById,
  fixPatch,
  questionsFor,
  type Facts,
  type FailureId,
  type FixChoices,
} from '.';
import { generate } from '../generate';
import { normalize } from '../rules';
import { failureHolds } from '../../testing/failure-checks';
import { CLEAN_LOGS, FAILURE_SAMPLES } from '../../testing/failure-logs';
import { jobLog, type JobLogOptions } from '../../testing/job-logs';
import type { FileLike } from '../../testing/reference';

/** The default Docker version (versions.ts): what the generated files pin. */
const DV = defaultAnswers().dockerVersion;

// ---------------------------------------------------------------------------------------------------------------
// failures.md

interface SpecEntry {
  n: number;
  id: string;
  refs: string[];
}

function readSpec(md: string): SpecEntry[] {
  const section = md.slice(md.indexOf('## A.'), md.indexOf('## B.'));
  const entries: SpecEntry[] = [];
  for (const block of section.split(/\n(?=### )/).slice(1)) {
    const head = /^### (\d+)\. `([a-z0-9-]+)`/.exec(block);
    if (!head) throw new Error(`unreadable heading: ${block.slice(0, 60)}`);
    const refs = /- \*\*Refs:\*\* (.*)/.exec(block)?.[1] ?? '';
    entries.push({ n: Number(head[1]), id: head[2] ?? '', refs: refs.split(' · ').map((r) => r.trim()) });
  }
  return entries;
}

const SPEC = readSpec(failuresMd);

describe('failures.md and FAILURES', () => {
  it('the copy of failures.md lists 31 failures', () => {
    expect(SPEC.length).toBe(31);
    expect(SPEC.map((e) => e.n)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it("failures.md's ids come first in FAILURE_IDS, with the same numbers", () => {
    expect(FAILURE_IDS.slice(0, SPEC.length)).toEqual(SPEC.map((e) => e.id));
    for (const e of SPEC) expect(failureById(e.id)?.n, e.id).toBe(e.n);
  });

  it('FAILURES, gathered from the area files, is in the order of FAILURE_IDS', () => {
    // diagnoseLog breaks ties and picks causes by this order: the split into area files must not change it.
    expect(FAILURES.map((f) => f.id)).toEqual([...FAILURE_IDS]);
    expect(FAILURES.map((f) => f.n)).toEqual(FAILURE_IDS.map((_, i) => i + 1));
  });

  it('each failure cites the sources failures.md gives for it; the later ones (real-world reports) cite theirs', () => {
    // failures.md's sources first, in its order; a failure extended by a later report cites it after them.
    for (const e of SPEC) {
      const sources = failureById(e.id)?.sources ?? [];
      expect(sources.slice(0, e.refs.length), e.id).toEqual(e.refs);
      for (const s of sources.slice(e.refs.length)) expect(s, e.id).toMatch(/^https:\/\//);
    }
    for (const id of FAILURE_IDS.slice(SPEC.length)) {
      const sources = failureById(id)?.sources ?? [];
      expect(sources.length, id).toBeGreaterThan(0);
      for (const s of sources) expect(s, id).toMatch(/^https:\/\//);
    }
  });

  it('texts exist in English and Japanese', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const f of FAILURES)
      for (const m of [f.title, f.cause, f.fixText, f.fix.label, ...(f.fix.outside ? [f.fix.outside] : [])]) {
        expect(m.en.trim().length, f.id).toBeGreaterThan(0);
        expect(m.ja, `${f.id}: ${m.en}`).toMatch(japanese);
        expect(m.ja, f.id).not.toBe(m.en);
      }
    for (const tool of ['docker', 'buildctl', 'buildah', 'podman'] as const)
      for (const c of genericChecks(tool)) expect(c.title.ja, `${tool}: ${c.title.en}`).toMatch(japanese);
    for (const f of FAILURES) {
      const note = f.note?.({ serviceImage: 'registry.example.com/x/docker:29-dind', alias: 'docker' });
      if (note) expect(note.ja, f.id).toMatch(japanese);
    }
  });

  it('fixes are a patch and/or 1-3 questions of 2-3 options, with a recommended option that exists', () => {
    const a = defaultAnswers();
    for (const f of FAILURES) {
      expect(f.fix.patch !== undefined || (f.fix.questions ?? []).length > 0, f.id).toBe(true);
      const questions = f.fix.questions ?? [];
      expect(questions.length, f.id).toBeLessThanOrEqual(3);
      for (const q of questions) {
        expect(q.options.length, `${f.id}.${q.id}`).toBeGreaterThanOrEqual(2);
        expect(q.options.length, `${f.id}.${q.id}`).toBeLessThanOrEqual(3);
        expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
        expect(
          q.options.map((o) => o.id),
          `${f.id}.${q.id}`,
        ).toContain(q.recommended(a));
        expect(q.text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });

  it('recognisers are pre-filtered by lowercase keywords', () => {
    for (const f of FAILURES)
      for (const r of f.recognisers) {
        expect(r.kw.length, f.id).toBeGreaterThan(0);
        for (const k of r.kw) expect(k, f.id).toBe(k.toLowerCase());
      }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Recognition

const STYLES: Pick<JobLogOptions, 'timestamps' | 'ansi' | 'crlf'>[] = [
  { timestamps: true, ansi: true, crlf: false },
  { timestamps: true, ansi: true, crlf: true },
  { timestamps: false, ansi: true, crlf: false },
  { timestamps: false, ansi: false, crlf: true },
];

describe('recognition in job logs', () => {
  for (const id of FAILURE_IDS) {
    const samples = FAILURE_SAMPLES[id];
    it(`${id}: its failures.md text and at least two variants`, () => {
      expect(samples.length, 'samples').toBeGreaterThanOrEqual(3);
      samples.forEach((sample, i) => {
        for (const [k, style] of [STYLES[i % STYLES.length] ?? {}, STYLES[(i + 1) % STYLES.length] ?? {}].entries()) {
          const log = jobLog({ ...sample.job, ...style, seed: 1000 * i + k + 1 });
          const where = `${id} / ${sample.name} / style ${JSON.stringify(style)}`;
          // The fixture holds what it claims: its raw text contains the error, with the runner's noise around it.
          const rawLines = log.split('\n');
          expect(rawLines.length, where).toBeGreaterThan(15);
          expect(
            rawLines.some((l) => l.includes(sample.needle)),
            `${where}: fixture has the needle`,
          ).toBe(true);
          if (style.timestamps) expect(log).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z 0[01][OE] /m);
          if (style.ansi) expect(log).toContain('\x1b[');
          expect(log).toContain('section_start:');

          const found = diagnose(log);
          const ids = found.map((d) => d.id);
          expect(ids, where).toContain(id);
          for (const other of ids)
            expect([id, ...(sample.also ?? [])], `${where}: unexpected ${other}`).toContain(other);
          for (const also of sample.also ?? []) expect(ids, `${where}: also ${also}`).toContain(also);

          const d = found.find((x) => x.id === id);
          if (!d) throw new Error('unreachable');
          const hit = d.matches.find((m) => m.text.includes(sample.needle));
          expect(hit, `${where}: a match on the needle line; got ${JSON.stringify(d.matches)}`).toBeDefined();
          // Line numbers are those of the log as pasted; excerpts are clean.
          expect(rawLines[(hit?.line ?? 0) - 1], where).toContain(sample.needle);
          expect(d.lines).toContain(hit?.line);
          for (const m of d.matches) {
            expect(m.text.includes('\x1b'), where).toBe(false);
            expect(m.text, where).not.toMatch(/section_(start|end):|\r|^\d{4}-\d\d-\d\dT/);
          }
          expect(d.excerpt).toBe(d.matches[0]?.text);
          for (const [k2, v] of Object.entries(sample.facts ?? {})) expect(d.facts[k2], `${where}: fact ${k2}`).toBe(v);
        }
      });
    });
  }

  it('lines are cleaned of colours, GitLab sections and timestamps', () => {
    expect(
      cleanLine(
        '2026-11-20T10:11:12.123456Z 01O section_start:1763633472:step_script\r\x1b[0K\x1b[0K\x1b[36;1mExecuting "step_script" stage\x1b[0;m\r',
      ),
    ).toBe('Executing "step_script" stage');
    expect(cleanLine('2026-11-20T10:11:12.123456Z 01E+\x1b[31;1mERROR: Job failed\x1b[0;m')).toBe('ERROR: Job failed');
    expect(cleanLine('50%\r100% done')).toBe('50% 100% done');
  });

  it('an excerpt pasted alone (no runner preamble) is recognised', () => {
    const ids = diagnose(
      'ERROR: Cannot connect to the Docker daemon at tcp://docker:2375. Is the docker daemon running?\r\n',
    ).map((d) => d.id);
    expect(ids).toEqual(['dind-tls-port-mismatch']);
    expect(diagnose('toomanyrequests: You have reached your pull rate limit.').map((d) => d.id)).toEqual([
      'dockerhub-rate-limit',
    ]);
  });

  it('a cause comes before the failures it explains', () => {
    const sample = FAILURE_SAMPLES['dind-not-privileged'][0];
    if (!sample) throw new Error('no sample');
    const found = diagnose(jobLog({ ...sample.job, seed: 3 }));
    expect(found.map((d) => [d.id, d.causedBy])).toEqual([
      ['dind-not-privileged', undefined],
      ['dind-startup-healthcheck', 'dind-not-privileged'],
      ['dind-hostname-unresolved', 'dind-not-privileged'],
    ]);
  });

  it('diagnoses come in the order of their first line', () => {
    const log = [
      'x509: certificate signed by unknown authority',
      'noise',
      'docker-compose: not found',
      'Error: Cannot perform an interactive login from a non TTY device',
      'denied: requested access to the resource is denied',
    ].join('\n');
    expect(diagnose(log).map((d) => [d.id, d.lines[0]])).toEqual([
      ['private-ca-x509', 1],
      ['compose-v1-missing', 3],
      ['protected-var-empty-login', 4],
      ['push-access-denied', 5],
    ]);
  });
});

describe('no false recognition in clean logs', () => {
  it(`has at least 8 clean logs`, () => expect(CLEAN_LOGS.length).toBeGreaterThanOrEqual(8));
  for (const clean of CLEAN_LOGS)
    it(clean.name, () => {
      for (const [k, style] of STYLES.entries()) {
        const log = jobLog({ ...clean.job, ...style, seed: 77 + k });
        expect(log).toMatch(/docker|buildah|podman|buildctl/i);
        expect(diagnose(log), `${clean.name} ${JSON.stringify(style)}`).toEqual([]);
      }
    });

  it('the clean logs mention the risky words in harmless contexts', () => {
    const all = CLEAN_LOGS.map((c) => jobLog({ ...c.job, seed: 1 })).join('\n');
    for (const word of ['docker', 'certs', 'TLS', 'denied', 'x509', 'Permission denied', 'proxy', 'dependency_proxy'])
      expect(all, word).toContain(word);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Fixes: from a configuration whose files have the cause, to one whose files do not

interface FixCase {
  name: string;
  answers: Partial<Answers>;
  /** The user's change to the generated files that reintroduces the mistake of the source threads. */
  mutate?: (files: FileLike[]) => FileLike[];
  facts?: Facts;
}

/** Replaces text in one file; fails when nothing changes (the mutation must really apply). */
const edit =
  (path: string, from: string | RegExp, to: string) =>
  (files: FileLike[]): FileLike[] =>
    files.map((f) => {
      if (f.path !== path) return f;
      const content = typeof from === 'string' ? f.content.split(from).join(to) : f.content.replace(from, to);
      if (content === f.content) throw new Error(`mutation of ${path} did not apply: ${String(from)}`);
      return { ...f, content };
    });
const chain =
  (...steps: ((f: FileLike[]) => FileLike[])[]) =>
  (files: FileLike[]) =>
    steps.reduce((acc, s) => s(acc), files);
const replaceFile =
  (path: string, content: string) =>
  (files: FileLike[]): FileLike[] => [...files.filter((f) => f.path !== path), { path, content }];

const K8S: Partial<Answers> = { executor: 'kubernetes', helm: false };
const OTHER_REGISTRY: Partial<Answers> = {
  registryOther: true,
  image: 'registry.example.com/grp/app',
  otherRegistryHost: 'registry.example.com',
};

const KANIKO_CI = (image: string, key = '${CI_REGISTRY}', destination = '${CI_REGISTRY_IMAGE}:${CI_COMMIT_SHA}') => `
build:
  stage: build
  image:
    name: ${image}
    entrypoint: [""]
  script:
    - mkdir -p /kaniko/.docker
    - echo "{\\"auths\\":{\\"${key}\\":{\\"auth\\":\\"$(printf "%s:%s" "\${CI_REGISTRY_USER}" "\${CI_REGISTRY_PASSWORD}" | base64 | tr -d '\\n')\\"}}}" > /kaniko/.docker/config.json
    - /kaniko/executor --context "\${CI_PROJECT_DIR}" --dockerfile "\${CI_PROJECT_DIR}/Dockerfile" --destination "${destination}"
`;

const FIX_CASES: Record<FailureId, FixCase[]> = {
  'dind-tls-port-mismatch': [
    {
      name: 'client dials 2375 while dind runs TLS',
      answers: {},
      mutate: edit('.gitlab-ci.yml', 'tcp://docker:2376', 'tcp://docker:2375'),
    },
    {
      name: 'runner without the /certs/client volume',
      answers: {},
      mutate: edit('config.toml', '"/certs/client", ', ''),
    },
    {
      name: 'TLS off without DOCKER_TLS_CERTDIR ""',
      answers: { dindConnection: 'plain-tcp' },
      mutate: edit('.gitlab-ci.yml', /\n\s*DOCKER_TLS_CERTDIR: ""/, ''),
    },
  ],
  'dind-not-privileged': [
    { name: 'Docker executor', answers: {}, mutate: edit('config.toml', 'privileged = true', 'privileged = false') },
    {
      name: 'Kubernetes executor',
      answers: K8S,
      mutate: edit('config.toml', 'privileged = true', 'privileged = false'),
    },
  ],
  'socket-permission-denied': [
    {
      name: 'shell runner set up without the docker group',
      answers: { executor: 'shell', method: 'host' },
      mutate: edit('SETUP.md', /sudo usermod -aG docker gitlab-runner/g, 'sudo systemctl enable --now docker'),
    },
  ],
  'no-daemon-reachable': [
    { name: 'Kubernetes socket binding on containerd nodes', answers: { ...K8S, method: 'socket' } },
    {
      name: 'job without the dind service',
      answers: {},
      mutate: edit('.gitlab-ci.yml', /\n {2}services:\n {4}- docker:[^\n]*/, ''),
    },
  ],
  'docker29-client-too-old': [
    { name: 'socket binding with a Docker 24 client', answers: { method: 'socket', dockerVersion: '24.0.9' } },
    {
      name: 'docker:stable against a floating docker:dind',
      answers: {},
      mutate: chain(
        edit('.gitlab-ci.yml', `docker:${DV}-cli`, 'docker:stable'),
        edit('.gitlab-ci.yml', `docker:${DV}-dind`, 'docker:dind'),
      ),
    },
  ],
  'dockerhub-rate-limit': [
    { name: 'DinD pulling anonymously', answers: {} },
    { name: 'rootless BuildKit pulling anonymously', answers: { method: 'buildkit-rootless' } },
    { name: 'socket binding pulling anonymously', answers: { method: 'socket' } },
  ],
  'dind-hostname-unresolved': [
    {
      name: 'DOCKER_HOST names another alias',
      answers: {},
      mutate: edit('.gitlab-ci.yml', 'tcp://docker:2376', 'tcp://dind:2376'),
    },
    {
      name: 'dind image from a mirror without an alias',
      answers: {},
      mutate: edit('.gitlab-ci.yml', `- docker:${DV}-dind`, `- registry.example.com/mirror/docker:${DV}-dind`),
    },
    {
      name: 'services on a shell runner',
      answers: { executor: 'shell', method: 'host' },
      mutate: edit('.gitlab-ci.yml', 'default:\n', `default:\n  services:\n    - docker:${DV}-dind\n`),
    },
  ],
  'private-ca-x509': [
    { name: 'DinD daemon without the CA', answers: {}, facts: { host: 'registry.example.com:5050' } },
    { name: 'DinD on Kubernetes', answers: K8S, facts: { host: 'harbor.corp.internal' } },
    {
      name: 'rootless BuildKit without the CA',
      answers: { method: 'buildkit-rootless' },
      facts: { host: 'nexus.intra.example:8443' },
    },
    { name: 'Buildah without the CA', answers: { method: 'buildah' } },
    { name: 'host daemon through the socket', answers: { method: 'socket' }, facts: { host: 'registry.example.com' } },
    {
      name: 'DinD on a GitLab-hosted runner',
      answers: { runnerKind: 'gitlab-hosted' },
      facts: { host: 'registry.example.com:5050' },
    },
  ],
  'socket-plus-dind-conflict': [
    {
      name: 'dind runner that also mounts the host socket',
      answers: {},
      mutate: edit(
        'config.toml',
        'volumes = [ "/certs/client", "/cache" ]',
        'volumes = [ "/var/run/docker.sock:/var/run/docker.sock", "/certs/client", "/cache" ]',
      ),
    },
  ],
  'protected-var-empty-login': [
    { name: 'push to another registry on every branch', answers: OTHER_REGISTRY },
    { name: 'Docker Hub login on every branch', answers: { registryDockerHub: true } },
    {
      name: 'rootless BuildKit config.json from protected variables',
      answers: { ...OTHER_REGISTRY, method: 'buildkit-rootless' },
    },
  ],
  'push-access-denied': [
    {
      name: 'bare tag resolves to docker.io',
      answers: {},
      mutate: edit('.gitlab-ci.yml', /\$CI_REGISTRY_IMAGE:\$CI_COMMIT_SHA/g, 'myapp:$CI_COMMIT_SHA'),
    },
    {
      name: 'Docker Hub push without the Docker Hub login',
      answers: { image: 'docker.io/acme/app', registryDockerHub: true },
      mutate: edit('.gitlab-ci.yml', /\n\s*- echo "\$DOCKER_HUB_PASSWORD" \| docker login[^\n]*/, ''),
    },
  ],
  'k8s-dind-certs-race': [
    {
      name: 'no shared /certs/client volume',
      answers: K8S,
      mutate: edit('config.toml', /\[\[runners\.kubernetes\.volumes\.empty_dir\]\][\s\S]*?medium = "Memory"/, ''),
    },
    {
      name: 'no wait for dind',
      answers: K8S,
      mutate: edit('.gitlab-ci.yml', /\n {6}variables:\n {8}HEALTHCHECK_TCP_PORT: "2376"/, ''),
    },
  ],
  'k8s-service-args-and-healthcheck': [
    {
      name: 'variable in the service command',
      answers: K8S,
      mutate: edit('.gitlab-ci.yml', '--mtu=1450', '--mtu=$DIND_MTU'),
    },
    {
      name: 'no HEALTHCHECK_TCP_PORT',
      answers: K8S,
      mutate: edit('.gitlab-ci.yml', /\n {6}variables:\n {8}HEALTHCHECK_TCP_PORT: "2376"/, ''),
    },
  ],
  'buildx-cache-export-docker-driver': [
    {
      name: 'registry cache without creating a builder (dind)',
      answers: { buildx: true, cache: 'registry' },
      mutate: edit(
        '.gitlab-ci.yml',
        /\n\s*- docker context create tls-env\n\s*- docker buildx create[^\n]*\n\s*- docker buildx inspect --bootstrap/,
        '',
      ),
    },
    {
      name: 'registry cache without creating a builder (socket)',
      answers: { method: 'socket', buildx: true, cache: 'registry' },
      mutate: edit('.gitlab-ci.yml', /\n\s*- docker buildx create[^\n]*\n\s*- docker buildx inspect --bootstrap/, ''),
    },
  ],
  'buildx-tls-context': [
    {
      name: 'bare buildx create with TLS dind',
      answers: { buildx: true },
      mutate: chain(
        edit('.gitlab-ci.yml', /\n\s*- docker context create tls-env/, ''),
        edit('.gitlab-ci.yml', ' --use tls-env', ' --use'),
      ),
    },
  ],
  'multiplatform-no-emulation': [
    {
      name: 'builder without QEMU',
      answers: { buildx: true, platforms: ['linux/amd64', 'linux/arm64'] },
      mutate: edit('.gitlab-ci.yml', /\n\s*- docker run --privileged --rm tonistiigi\/binfmt[^\n]*/, ''),
    },
    {
      name: 'plain docker build with several platforms',
      answers: { buildx: true, platforms: ['linux/amd64', 'linux/arm64'] },
      mutate: edit('.gitlab-ci.yml', 'docker buildx build', 'docker build'),
    },
  ],
  'cache-never-hits': [
    { name: 'DinD without cache', answers: {} },
    { name: 'rootless BuildKit without cache', answers: { method: 'buildkit-rootless' } },
    { name: 'Buildah without cache', answers: { method: 'buildah' } },
    { name: 'build-only pipeline (no push, no export)', answers: { method: 'buildkit-rootless', push: false } },
    {
      name: 'legacy cache manifest',
      answers: { buildx: true, cache: 'registry' },
      mutate: edit('.gitlab-ci.yml', ',image-manifest=true,oci-mediatypes=true', ''),
    },
  ],
  'dind-startup-healthcheck': [
    {
      name: 'Kubernetes health check on the wrong port',
      answers: K8S,
      mutate: edit('.gitlab-ci.yml', 'HEALTHCHECK_TCP_PORT: "2376"', 'HEALTHCHECK_TCP_PORT: "2375"'),
    },
    {
      name: 'Docker executor health check on the plain port with TLS',
      answers: {},
      mutate: edit(
        '.gitlab-ci.yml',
        `    - docker:${DV}-dind`,
        `    - name: docker:${DV}-dind\n      variables:\n        HEALTHCHECK_TCP_PORT: "2375"`,
      ),
    },
  ],
  'buildkit-rootless-share-mount': [
    {
      name: 'no BUILDKITD_FLAGS',
      answers: { method: 'buildkit-rootless' },
      mutate: edit('.gitlab-ci.yml', /\n\s*BUILDKITD_FLAGS: [^\n]*/, ''),
    },
    {
      name: 'runner without security_opt',
      answers: { method: 'buildkit-rootless' },
      mutate: edit('config.toml', /\n\s*security_opt = [^\n]*/, ''),
    },
    {
      name: 'Kubernetes without the AppArmor annotation',
      answers: { ...K8S, method: 'buildkit-rootless' },
      mutate: edit('config.toml', /\n\s*\[runners\.kubernetes\.pod_annotations\]\n[^\n]*/, ''),
    },
  ],
  'buildkit-rootless-hang': [
    {
      name: 'image without an empty entrypoint',
      answers: { method: 'buildkit-rootless' },
      mutate: edit('.gitlab-ci.yml', /\n {4}entrypoint:\n {6}- ""/, ''),
    },
  ],
  'kaniko-deprecated': [
    {
      name: 'a Kaniko job',
      answers: { method: 'buildkit-rootless', fromKaniko: true },
      mutate: replaceFile('.gitlab-ci.yml', KANIKO_CI('gcr.io/kaniko-project/executor:v1.23.2-debug')),
    },
    {
      name: 'a Chainguard Kaniko job',
      answers: {},
      mutate: replaceFile('.gitlab-ci.yml', KANIKO_CI('cgr.dev/chainguard/kaniko:latest')),
    },
  ],
  'kaniko-legacy-pitfalls': [
    {
      name: 'non-debug image',
      answers: { method: 'buildkit-rootless', fromKaniko: true },
      mutate: replaceFile('.gitlab-ci.yml', KANIKO_CI('gcr.io/kaniko-project/executor:v1.23.2')),
    },
    {
      name: 'config.json key does not match the destination',
      answers: { method: 'buildkit-rootless', fromKaniko: true },
      mutate: replaceFile(
        '.gitlab-ci.yml',
        KANIKO_CI(
          'gcr.io/kaniko-project/executor:v1.23.2-debug',
          'https://index.docker.io/v1/',
          'registry.example.com:5050/grp/app:1.0',
        ),
      ),
    },
  ],
  'buildah-unprivileged': [
    { name: 'Buildah 1.44', answers: { method: 'buildah', buildahVersion: 'v1.44' } },
    {
      name: 'overlay storage',
      answers: { method: 'buildah' },
      mutate: edit('.gitlab-ci.yml', /\n\s*STORAGE_DRIVER: vfs/, ''),
    },
    {
      name: 'Podman without chroot isolation',
      answers: { method: 'podman' },
      mutate: edit('.gitlab-ci.yml', /\n\s*BUILDAH_ISOLATION: chroot/, ''),
    },
    {
      name: 'runner without security_opt',
      answers: { method: 'buildah' },
      mutate: edit('config.toml', /\n\s*security_opt = [^\n]*/, ''),
    },
  ],
  'dind-mtu-hang': [
    { name: 'Docker executor without --mtu', answers: {} },
    {
      name: 'Kubernetes without --mtu',
      answers: K8S,
      mutate: edit('.gitlab-ci.yml', /\n {6}command:\n {8}- --mtu=1450/, ''),
    },
  ],
  'dind-overlay-vfs': [
    { name: 'dind on Kubernetes', answers: K8S },
    { name: 'dind on Kubernetes with DOCKER_DRIVER overlay2', answers: { ...K8S, overlay2: 'job' } },
  ],
  'dind-proxy': [
    { name: 'DinD without proxy settings', answers: {} },
    { name: 'rootless BuildKit without proxy settings', answers: { method: 'buildkit-rootless' } },
    { name: 'Buildah without proxy settings', answers: { method: 'buildah' } },
    { name: 'GitLab-hosted DinD', answers: { runnerKind: 'gitlab-hosted' } },
  ],
  'per-build-network-dns': [
    { name: 'Docker executor dind', answers: {} },
    { name: 'Kubernetes dind', answers: K8S },
  ],
  'compose-v1-missing': [
    {
      name: 'compose job calling docker-compose',
      answers: { compose: true },
      mutate: edit('.gitlab-ci.yml', /docker compose /g, 'docker-compose '),
    },
    {
      name: 'script line added by hand',
      answers: {},
      mutate: edit(
        '.gitlab-ci.yml',
        '  script:\n',
        '  script:\n    - docker-compose -f docker-compose.test.yml up -d\n',
      ),
    },
  ],
  'docker-auth-config': [
    {
      name: 'test job runs the image from a private registry',
      answers: { ...OTHER_REGISTRY, method: 'buildkit-rootless', runTests: true },
    },
    {
      name: 'job image from a private registry',
      answers: {},
      mutate: edit(
        '.gitlab-ci.yml',
        `image: docker:${DV}-cli`,
        `image: registry.example.com:5050/tools/docker-cli:${DV}`,
      ),
    },
  ],
  'dependency-proxy-auth': [
    {
      name: 'DinD without the Dependency Proxy login',
      answers: { dependencyProxy: true },
      mutate: edit('.gitlab-ci.yml', /\n\s*- echo "\$CI_DEPENDENCY_PROXY_PASSWORD" \| docker login[^\n]*/, ''),
    },
    {
      name: 'Buildah without the Dependency Proxy login',
      answers: { method: 'buildah', dependencyProxy: true },
      mutate: edit('.gitlab-ci.yml', /\n\s*- echo "\$CI_DEPENDENCY_PROXY_PASSWORD" \| buildah login[^\n]*/, ''),
    },
  ],
  'windows-pipe-binding': [
    {
      name: 'docker-windows without the pipe volume',
      answers: { os: 'windows', executor: 'docker-windows', method: 'pipe' },
      mutate: edit('config.toml', /"[^"\n]*pipe[^"\n]*",?\s*/, ''),
    },
    {
      name: 'dind service on docker-windows',
      answers: { os: 'windows', executor: 'docker-windows', method: 'pipe' },
      mutate: edit('.gitlab-ci.yml', 'default:\n', 'default:\n  services:\n    - docker:dind\n'),
    },
  ],
  'autoscaler-docker-unreachable': [
    {
      name: 'config.toml without [runners.autoscaler] (what the wizard once generated)',
      answers: { executor: 'docker-autoscaler' },
      mutate: edit('config.toml', /\n\s*\[runners\.autoscaler\][\s\S]*$/, '\n'),
    },
    {
      name: 'no instance_ready_command: jobs reach instances before dockerd is up',
      answers: { executor: 'docker-autoscaler', cloud: 'gcp' },
      mutate: edit('config.toml', /\n\s*instance_ready_command = [^\n]*/, ''),
    },
    {
      name: 'instance image without the connector user in the docker group',
      answers: { executor: 'docker-autoscaler', connectorUser: 'ec2-user' },
      mutate: edit('SETUP.md', /\nsudo usermod -aG docker ec2-user/, ''),
    },
  ],
  'windows-unsupported-host-version': [
    {
      name: 'docker-windows letting the runner pick the helper',
      answers: { os: 'windows', executor: 'docker-windows', method: 'pipe', windowsVersion: 'ltsc2025' },
    },
  ],
  'windows-linux-volume': [
    {
      name: 'docker-windows config.toml with /cache',
      answers: { os: 'windows', executor: 'docker-windows', method: 'pipe' },
      mutate: edit('config.toml', '"c:\\\\cache"', '"/cache"'),
    },
  ],
  'k8s-pod-security-rejected': [
    { name: 'rootless BuildKit without security contexts', answers: { ...K8S, method: 'buildkit-rootless' } },
    { name: 'Podman without security contexts', answers: { ...K8S, method: 'podman' } },
    {
      name: 'the helper may gain privileges again',
      answers: { ...K8S, method: 'buildkit-rootless', k8sPodSecurity: 'restricted' },
      mutate: edit('config.toml', 'allow_privilege_escalation = false\n', ''),
    },
  ],
  'k8s-node-arch-mismatch': [
    { name: 'dind on a cluster without a node selector', answers: K8S },
    {
      name: 'the arch node selector removed',
      answers: { ...K8S, k8sNodeArch: 'arm64' },
      mutate: edit('config.toml', '"kubernetes.io/arch" = "arm64"\n', ''),
    },
  ],
  'rootless-no-subuid': [
    {
      name: 'Podman without run_as_user',
      answers: { ...K8S, method: 'podman' },
      mutate: edit('config.toml', /run_as_user = 1_?000\n/g, ''),
    },
  ],
  'dind-push-blob-unknown': [
    { name: 'dind 29.7.0 pinned (moby/moby#53293)', answers: { dockerVersion: '29.7.0' } },
    { name: 'dind 29.7 floating among the affected releases', answers: { dockerVersion: '29.7' } },
  ],
  'buildx-attestation-blob-unknown': [
    { name: 'Buildx builder pinned to BuildKit 0.32', answers: { buildx: true, buildkitVersion: 'v0.32.0' } },
    {
      name: 'Buildx builder created without --driver-opt image= (buildx-stable-1)',
      answers: { buildx: true },
      mutate: edit('.gitlab-ci.yml', / --driver-opt image=moby\/buildkit:v[\d.]+/, ''),
    },
  ],
  'dind-iptables-backend': [
    { name: 'host kernel without nf_tables (the image default)', answers: {}, facts: { backend: 'nf_tables' } },
    {
      name: 'Kubernetes node without nf_tables',
      answers: { executor: 'kubernetes' },
      facts: { backend: 'nf_tables' },
    },
  ],
  'registry-plain-http': [
    { name: 'dind', answers: OTHER_REGISTRY, facts: { host: 'registry.example.com' } },
    { name: 'dind with Buildx', answers: { ...OTHER_REGISTRY, buildx: true }, facts: { host: 'registry.example.com' } },
    { name: 'host socket', answers: { ...OTHER_REGISTRY, method: 'socket' }, facts: { host: 'registry.example.com' } },
    {
      name: 'rootless BuildKit',
      answers: { ...OTHER_REGISTRY, method: 'buildkit-rootless' },
      facts: { host: 'registry.example.com' },
    },
    { name: 'Buildah', answers: { ...OTHER_REGISTRY, method: 'buildah' }, facts: { host: 'registry.example.com' } },
    {
      name: 'Podman, host read from the answers',
      answers: { ...OTHER_REGISTRY, method: 'podman' },
    },
  ],
  'short-name-no-tty': [
    {
      name: 'Buildah job without the registries.conf drop-in',
      answers: { method: 'buildah', allowPrivileged: false },
      mutate: edit('.gitlab-ci.yml', /\n\s*- printf '%s\\n' 'unqualified-search-registries[^\n]*/, ''),
    },
    {
      name: 'Podman job with several search registries',
      answers: { method: 'podman' },
      mutate: edit('.gitlab-ci.yml', '["docker.io"]', '["registry.fedoraproject.org", "docker.io"]'),
    },
  ],
  'build-oom-killed': [
    { name: 'dind service on the Docker executor', answers: {} },
    { name: 'Buildah build container on the Docker executor', answers: { method: 'buildah' } },
    { name: 'dind service on Kubernetes', answers: K8S },
    { name: 'rootless BuildKit build container on Kubernetes', answers: { ...K8S, method: 'buildkit-rootless' } },
  ],
};

/** Every combination of the options that apply (no questions: one empty choice). */
function allChoices(id: FailureId, a: Answers): FixChoices[] {
  let out: FixChoices[] = [{}];
  const base = { ...a, ...(failureById(id)?.fix.patch?.(a, {}) ?? {}) };
  for (const q of questionsFor(id, base)) out = out.flatMap((c) => q.options.map((o) => ({ ...c, [q.id]: o.id })));
  return out;
}

describe('every fix removes the failure from the generated files', () => {
  for (const id of FAILURE_IDS)
    it(id, () => {
      const cases = FIX_CASES[id];
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const start = normalize({ ...defaultAnswers(), ...c.answers });
        for (const [k, v] of Object.entries(c.answers))
          expect(start[k as keyof Answers], `${id} / ${c.name}: start answer ${k} is accepted`).toEqual(v);
        const generated = generate(start).files;
        const before = c.mutate ? c.mutate(generated) : generated;
        expect(failureHolds(id, before), `${id} / ${c.name}: the failure holds before the fix`).toBe(true);
        if (c.mutate)
          expect(failureHolds(id, generated), `${id} / ${c.name}: generated files never have it`).toBe(false);
        for (const choices of allChoices(id, start)) {
          const fixed = applyFix(start, { id, facts: c.facts ?? {} }, choices);
          expect(normalize(fixed), 'applyFix returns normalized answers').toEqual(fixed);
          const after = generate(fixed).files;
          expect(failureHolds(id, after), `${id} / ${c.name} / ${JSON.stringify(choices)}: fixed`).toBe(false);
          if (!c.mutate) expect(fixed, `${id} / ${c.name}: the fix changes the answers`).not.toEqual(start);
        }
      }
    });

  it('on the default answers, only the checkers of environment-dependent failures hold', () => {
    // The defaults prevent every failure that the files alone decide; what remains depends on the network and the
    // registries the log reveals (no MTU, proxy, DNS, CA, mirror or cache is configured by default).
    const files = generate(defaultAnswers()).files;
    const holding = FAILURE_IDS.filter((id) => failureHolds(id, files));
    expect(holding.sort()).toEqual(
      [
        'build-oom-killed',
        'cache-never-hits',
        'dind-mtu-hang',
        'dind-proxy',
        'dind-iptables-backend',
        'dockerhub-rate-limit',
        'per-build-network-dns',
        'private-ca-x509',
      ].sort(),
    );
  });
});

describe('applyFix and questions', () => {
  it('uses the facts read from the log (the registry host of an x509 error)', () => {
    const sample = FAILURE_SAMPLES['private-ca-x509'][0];
    if (!sample) throw new Error('no sample');
    const d = diagnose(jobLog({ ...sample.job, seed: 5 })).find((x) => x.id === 'private-ca-x509');
    if (!d) throw new Error('not recognised');
    expect(d.facts.host).toBe('registry.example.com:5050');
    const fixed = applyFix(defaultAnswers(), d);
    expect(fixed.customCaHost).toBe('registry.example.com:5050');
    expect(fixed.customCaVar).toBe('REGISTRY_CA_FILE');
    expect(generate(fixed).files.find((f) => f.path === 'config.toml')?.content).toContain('/etc/docker/certs.d');
  });

  it('a host that is not a host:port is not copied into the answers', () => {
    const fixed = applyFix(defaultAnswers(), { id: 'private-ca-x509', facts: { host: 'evil host"\n' } });
    expect(fixed.customCaHost).toBe('registry.example.com');
  });

  it('takes the recommended option without choices, and the chosen one with', () => {
    const a = defaultAnswers();
    expect(applyFix(a, 'dind-tls-port-mismatch').dindConnection).toBe('tls');
    expect(applyFix(a, 'dind-tls-port-mismatch', { connection: 'socket-volume' }).dindConnection).toBe('socket-volume');
    expect(applyFix(a, 'dind-tls-port-mismatch', { connection: 'tls-off' }).dindConnection).toBe('plain-tcp');
    expect(applyFix(a, 'dind-not-privileged').method).toBe('buildkit-rootless');
    expect(applyFix(a, 'dind-not-privileged', { privileged: 'yes' }).method).toBe('dind');
    expect(fixPatch(a, 'dind-mtu-hang', { mtu: '1360' })).toEqual({ mtu: 1360 });
  });

  it('offers only the options that apply, and refuses the others', () => {
    const k8s = normalize({ ...defaultAnswers(), ...K8S });
    expect(questionsFor('dind-tls-port-mismatch', k8s)[0]?.options.map((o) => o.id)).toEqual(['tls', 'tls-off']);
    expect(() => applyFix(k8s, 'dind-tls-port-mismatch', { connection: 'socket-volume' })).toThrow(/does not apply/);
    expect(() => applyFix(k8s, 'dind-tls-port-mismatch', { connection: 'nope' })).toThrow(/not an option/);
    expect(() => applyFix(k8s, 'nope' as FailureId)).toThrow(/unknown failure/);
  });

  it('an out-of-memory build gets twice the memory it had, or 4Gi when the runner set none', () => {
    const k8s = normalize({ ...defaultAnswers(), ...K8S, method: 'podman' });
    expect(applyFix(k8s, 'build-oom-killed').buildMemory).toBe('4Gi');
    expect(applyFix({ ...k8s, buildMemory: '2Gi' }, 'build-oom-killed').buildMemory).toBe('4Gi');
    expect(applyFix({ ...k8s, buildMemory: '512Mi' }, 'build-oom-killed').buildMemory).toBe('1Gi');
    expect(applyFix({ ...k8s, buildMemory: '768Mi' }, 'build-oom-killed').buildMemory).toBe('1536Mi');
    const runner = generate(applyFix(k8s, 'build-oom-killed')).files.find(
      (f) => f.path === 'config.toml' || f.path === 'values.yaml',
    );
    expect(runner?.content).toContain('memory_limit = "4Gi"');
    const dind = generate(applyFix(defaultAnswers(), 'build-oom-killed')).files.find((f) => f.path === 'config.toml');
    expect(dind?.content).toContain('service_memory = "4g"');
  });

  it('GitLab-hosted runners get the mtu they need whatever the choice', () => {
    const hosted = normalize({ ...defaultAnswers(), runnerKind: 'gitlab-hosted' });
    expect(applyFix(hosted, 'dind-mtu-hang', { mtu: '1450' }).mtu).toBe(1360);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Size and speed

describe('long and hostile logs', () => {
  const noise = CLEAN_LOGS.map((c, i) => jobLog({ ...c.job, timestamps: true, seed: i })).join('');

  it('50,000 lines (4.6 MB) with an error near the end: found on the right line, quickly', () => {
    const lines = noise.split('\n');
    const big: string[] = [];
    while (big.length < 50_000) big.push(...lines);
    big.length = 50_000;
    big.push('2026-11-20T11:00:00.000001Z 01E denied: requested access to the resource is denied');
    const log = big.join('\n');
    expect(log.length).toBeLessThan(MAX_LOG_CHARS);
    const t0 = performance.now();
    const result = diagnoseLog(log);
    const ms = performance.now() - t0;
    console.log(`[diagnose] ${result.lines} lines, ${(log.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`);
    expect(result.truncated).toBe(false);
    expect(result.lines).toBe(50_001);
    expect(result.diagnoses.map((d) => [d.id, d.lines[0]])).toEqual([['push-access-denied', 50_001]]);
    expect(ms).toBeLessThan(3000);
  });

  it('logs over MAX_LOG_CHARS are read from their end, with the original line numbers', () => {
    const filler = `${'#5 12.3 compiling module acme/internal/util ... ok\n'.repeat(Math.ceil((MAX_LOG_CHARS + 1e6) / 52))}`;
    const head = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';
    const log = `${head}${filler}docker-compose: not found\n`;
    const lineOfTail = log.split('\n').length - 1;
    const result = diagnoseLog(log);
    expect(result.truncated).toBe(true);
    expect(result.diagnoses.map((d) => [d.id, d.lines[0]])).toEqual([['compose-v1-missing', lineOfTail]]);
  });

  it('pathological lines stay linear', () => {
    const hostile = [
      'lookup '.repeat(200_000),
      `Cannot connect to the Docker daemon at unix://${'a'.repeat(500_000)}`,
      `${'x509: '.repeat(100_000)}`,
      `dependency_proxy/containers${' denied'.repeat(1)}${'a'.repeat(300_000)}`,
      `${'\x1b['.repeat(200_000)}`,
      `section_start:${'1'.repeat(200_000)}`,
      `:2375 ${'a'.repeat(300_000)}`,
      `${'2026-11-20T10:11:12.123456Z 01O '.repeat(20_000)}`,
    ].join('\n');
    const t0 = performance.now();
    diagnose(hostile);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('many crafted lines that meet the keywords but not the patterns stay fast', () => {
    const crafted = [
      `server gave HTTP response to HTTPS client ${':2375 '.repeat(1400)}`,
      `failed to load listeners: ${'docker.sock x '.repeat(700)}`,
      'lookup a.b on '.repeat(700),
      `containers/storage/overlay mount ${'mount /containers/storage/overlay '.repeat(250)}`,
      'dependency_proxy/containers '.repeat(300),
      `unshare(${'Error during unshare(CLONE_NEWUSER'.repeat(200)}`,
      `execution took longer than ${'Job failed: execution took longer than '.repeat(200)}`,
    ];
    const log = crafted.flatMap((l) => Array<string>(80).fill(l)).join('\n');
    const t0 = performance.now();
    const result = diagnoseLog(log);
    const ms = performance.now() - t0;
    expect(result.truncated).toBe(false);
    console.log(`[diagnose] crafted ${(log.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(3000);
  });

  it('a log with lone carriage returns as line ends', () => {
    const log =
      'Running with gitlab-runner 17.11.1\r$ docker-compose up -d\r/bin/sh: eval: line 3: docker-compose: not found\r';
    expect(diagnose(log).map((d) => [d.id, d.lines[0]])).toEqual([['compose-v1-missing', 3]]);
  });

  it('empty and odd inputs', () => {
    expect(diagnose('')).toEqual([]);
    expect(diagnose('\n\n\r\n')).toEqual([]);
    expect(diagnose('\u2028\u0000\uffff')).toEqual([]);
  });
});

describe('the setup a log comes from (issue 13 item 7, issue 16)', () => {
  const sampleLog = (id: FailureId, i = 0): string => {
    const s = FAILURE_SAMPLES[id][i];
    if (!s) throw new Error(`no sample ${id} #${i}`);
    return jobLog({ ...s.job, seed: 3, ansi: true });
  };

  it('reads the build tool and the executor from the log', () => {
    expect(readLogSetup(sampleLog('short-name-no-tty'))).toEqual({ tool: 'buildah', executor: 'docker' });
    expect(readLogSetup(sampleLog('short-name-no-tty', 1))).toEqual({ tool: 'podman', executor: 'kubernetes' });
    expect(readLogSetup(sampleLog('registry-plain-http'))).toEqual({ tool: 'docker', executor: 'docker' });
    expect(readLogSetup(sampleLog('registry-plain-http', 2)).tool).toBe('buildctl');
    expect(readLogSetup('no tool here')).toEqual({ tool: null, executor: null });
  });

  it('notes a log of another build tool or executor than the answers, and nothing when they agree', () => {
    const buildah = readLogSetup(sampleLog('short-name-no-tty'));
    const note = setupMismatch(defaultAnswers(), buildah);
    expect(note?.en).toMatch(/comes from Buildah, but the current answers generate files for Docker/);
    expect(note?.ja).toMatch(/Buildah/);
    expect(setupMismatch(normalize({ ...defaultAnswers(), method: 'buildah', allowPrivileged: false }), buildah)).toBe(
      null,
    );
    const k8s = readLogSetup(sampleLog('short-name-no-tty', 1));
    expect(setupMismatch(normalize({ ...defaultAnswers(), method: 'podman' }), k8s)?.en).toMatch(
      /the "kubernetes" executor.*the "docker" executor/,
    );
    // GitLab-hosted runners name their autoscaling executor: only the tool is compared.
    const hosted = normalize({ ...defaultAnswers(), runnerKind: 'gitlab-hosted', mtu: 1360 });
    expect(setupMismatch(hosted, { tool: 'docker', executor: 'docker+machine' })).toBe(null);
  });

  it('the generic checks follow the build tool', () => {
    const commands = (tool: Parameters<typeof genericChecks>[0]) =>
      genericChecks(tool)
        .map((c) => c.command ?? '')
        .join('\n');
    expect(commands('docker')).toContain('docker info');
    expect(commands('buildah')).toContain('buildah info');
    expect(commands('buildah')).toContain('/etc/containers/registries.conf');
    expect(commands('buildah')).not.toContain('docker info');
    expect(commands('podman')).toContain('podman info');
    expect(commands('buildctl')).toContain('buildctl debug workers');
    expect(commands('buildctl')).toContain('CI_DEBUG_SERVICES');
    for (const tool of ['docker', 'buildctl', 'buildah', 'podman'] as const)
      expect(commands(tool)).toContain('gitlab-runner --debug run');
  });
});

describe('registries as they are (issue 13 item 5)', () => {
  it('a dind image copied into a company registry: the fact names the alias, the fix keeps the registry', () => {
    const d = diagnose(
      jobLog({ ...(FAILURE_SAMPLES['dind-hostname-unresolved'][0] as { job: JobLogOptions }).job, seed: 9 }),
    ).find((x) => x.id === 'dind-hostname-unresolved');
    if (!d) throw new Error('not recognised');
    const image = 'registry.corp.example:5050/platform/mirror/docker:27.5.1-dind';
    expect(d.facts.serviceImage).toBe(image);
    const note = failureById('dind-hostname-unresolved')?.note?.(d.facts);
    expect(note?.en).toContain('registry.corp.example:5050__platform__mirror__docker');
    const fixed = applyFix(defaultAnswers(), d);
    expect(fixed.toolImagePrefix).toBe('registry.corp.example:5050/platform/mirror');
    const ci = generate(fixed).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
    const v = defaultAnswers().dockerVersion;
    expect(ci).toContain(`- name: registry.corp.example:5050/platform/mirror/docker:${v}-dind\n      alias: docker`);
    expect(ci).toContain(`image: registry.corp.example:5050/platform/mirror/docker:${v}-cli`);
    // Docker Hub's own image: nothing more to say, nothing to prefix.
    expect(
      failureById('dind-hostname-unresolved')?.note?.({ serviceImage: 'docker:29.7.2-dind', alias: 'docker' }),
    ).toBe(null);
    expect(
      applyFix(defaultAnswers(), { id: 'dind-hostname-unresolved', facts: { serviceImage: 'evil"/docker:1-dind' } })
        .toolImagePrefix,
    ).toBe('');
  });

  it('a company prefix takes every tool image, keeps the alias, and reaches the runner config literally', () => {
    const prefix = 'harbor.example.com/dockerhub-proxy';
    const files = (a: Partial<Answers>) =>
      generate(normalize({ ...defaultAnswers(), toolImagePrefix: prefix, ...a })).files;
    const text = (a: Partial<Answers>, path: string) => files(a).find((f) => f.path === path)?.content ?? '';
    expect(text({ method: 'buildah', allowPrivileged: false }, '.gitlab-ci.yml')).toContain(
      `image: ${prefix}/buildah/stable:v1.43`,
    );
    expect(text({ method: 'podman', allowPrivileged: false }, 'config.toml')).toContain(
      `image = "${prefix}/podman/stable:v5.6"`,
    );
    expect(text({ method: 'buildkit-rootless', allowPrivileged: false }, '.gitlab-ci.yml')).toContain(
      `${prefix}/moby/buildkit:v0.31.2-rootless`,
    );
    expect(text({ method: 'buildctl' }, '.gitlab-ci.yml')).toContain(
      `${prefix}/moby/buildkit:v0.31.2\n      alias: buildkitd`,
    );
    expect(text({ buildx: true, platforms: ['linux/amd64', 'linux/arm64'] }, '.gitlab-ci.yml')).toContain(
      `${prefix}/tonistiigi/binfmt:`,
    );
    expect(text({}, 'config.toml')).toContain(`image = "${prefix}/docker:${defaultAnswers().dockerVersion}-cli"`);
    // The Dependency Proxy alone keeps quay.io images and strips its variable from config.toml, as before.
    const dp = generate(
      normalize({ ...defaultAnswers(), dependencyProxy: true, method: 'buildah', allowPrivileged: false }),
    ).files;
    expect(dp.find((f) => f.path === '.gitlab-ci.yml')?.content).toContain('image: quay.io/buildah/stable:v1.43');
  });

  it('the image prefix is checked with the reference grammar', () => {
    for (const ok of [
      'registry.example.com',
      'gitlab.example.com:5050/infra/images',
      'localhost:5000/a_b/c-d',
      'r/x__y',
    ])
      expect(parseAnswers({ toolImagePrefix: ok }).ok, ok).toBe(true);
    for (const bad of [
      'https://registry.example.com',
      'registry.example.com/',
      'registry.example.com/Images',
      'r.example.com/x:1',
      'r.example.com/x@sha256:ab',
      '$CI_REGISTRY/x',
      'r.example.com/a b',
      'r.example.com//x',
    ])
      expect(parseAnswers({ toolImagePrefix: bad }).ok, bad).toBe(false);
  });

  it('a plain-HTTP registry is declared to each builder, with a high finding', () => {
    const host = 'registry.lan:5000';
    const run = (a: Partial<Answers>) =>
      generate(normalize({ ...defaultAnswers(), ...OTHER_REGISTRY, plainHttpRegistry: host, ...a }));
    const file = (r: ReturnType<typeof run>, path: string) => r.files.find((f) => f.path === path)?.content ?? '';
    const dind = run({});
    expect(file(dind, '.gitlab-ci.yml')).toMatch(/- --insecure-registry\n\s+- registry\.lan:5000/);
    expect(dind.findings.find((f) => f.id === 'plain-http-registry')?.severity).toBe('high');
    const daemonJson = run({ mirrorUrl: 'https://mirror.example.com', mirrorPlace: 'daemon-json' });
    expect(JSON.parse(file(daemonJson, 'daemon.json'))['insecure-registries']).toEqual([host]);
    expect(file(run({ method: 'socket' }), 'daemon.json')).toContain(host);
    expect(file(run({ method: 'buildkit-rootless', allowPrivileged: false }), 'buildkitd.toml')).toContain(
      `[registry."${host}"]\nhttp = true`,
    );
    expect(file(run({ method: 'podman', allowPrivileged: false }), '.gitlab-ci.yml')).toContain(
      `'location = "${host}"' 'insecure = true'`,
    );
    expect(file(run({ buildx: true }), '.gitlab-ci.yml')).toContain('--buildkitd-config /tmp/buildkitd.toml');
    // buildkitd in a service container cannot read the job's buildkitd.toml: the answer is refused there.
    expect(normalize({ ...defaultAnswers(), method: 'buildctl', plainHttpRegistry: host }).plainHttpRegistry).toBe('');
    // The finding's fix asks for TLS with a private CA instead.
    const fix = dind.findings.find((f) => f.id === 'plain-http-registry')?.fix.patch;
    expect(fix).toMatchObject({ plainHttpRegistry: '', customCaHost: host });
  });
});
