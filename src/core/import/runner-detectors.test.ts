/**
 * The runner-side detectors on hand-written files (every detector's positions, exactly, and nothing else), on every
 * preset's generated files (each position is a finding the generated files already show: same id, and the same
 * line where it is the same file), and on the runner-side files of the import corpus (its hand annotations).
 */
import { describe, expect, it } from 'vitest';
import { FINDING_RULES } from '../findings';
import { generate } from '../generate';
import { PRESETS } from '../presets';
import { FAILURE_IDS } from '../troubleshoot/types';
import { loadCorpus } from '../../testing/fixtures/import-corpus/corpus';
import { readGitlabCi } from './ci';
import { floatingBuildImage, RUNNER_DETECTORS } from './runner-detectors';
import { readBuildkitdToml, readDaemonJson, readRunnerConfig } from './runner';
import type { ImportedSetup, InputFile } from './types';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const RUNNER_FILES = new Set(['config.toml', 'values.yaml', 'daemon.json', 'buildkitd.toml']);

/** The kind of a file, by its name (the corpus keeps real names: `gitlab-runner-values.yaml`, `*.gitlab-ci.yml`). */
function kindOf(path: string): 'ci' | 'config-toml' | 'helm-values' | 'daemon-json' | 'buildkitd-toml' | null {
  const name = path.split('/').pop() ?? path;
  if (name === 'config.toml' || /runner.*\.toml$/.test(name)) return 'config-toml';
  if (name === 'buildkitd.toml') return 'buildkitd-toml';
  if (name === 'daemon.json') return 'daemon-json';
  if (/values.*\.ya?ml$/.test(name)) return 'helm-values';
  if (/\.ya?ml$/.test(name)) return 'ci';
  return null;
}

/** Reads files with the runner-side readers and `readGitlabCi` into a setup. */
function setupOf(files: InputFile[]): ImportedSetup {
  const s: ImportedSetup = {
    files: files.map((f) => ({ ...f, kind: null })),
    ci: null,
    runner: null,
    daemonJson: null,
    buildkitd: null,
    problems: [],
  };
  for (const f of files) {
    const kind = kindOf(f.path);
    if (kind === 'ci' && !s.ci) s.ci = readGitlabCi(f).ci;
    if (kind === 'config-toml' || kind === 'helm-values') s.runner = readRunnerConfig(f, kind).runner;
    if (kind === 'daemon-json') s.daemonJson = readDaemonJson(f).config;
    if (kind === 'buildkitd-toml') s.buildkitd = readBuildkitdToml(f).config;
  }
  return s;
}

/** Every detector's positions as `file:line`, for the detectors that find something. */
function detect(s: ImportedSetup): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, d] of Object.entries(RUNNER_DETECTORS)) {
    const found = d(s).map((p) => `${p.file}:${p.line}`);
    if (found.length) out[id] = found;
  }
  return out;
}

const DIND_CI = lines(
  'build:',
  '  image: docker:27.3.1',
  '  services:',
  '    - docker:27.3.1-dind',
  '  script:',
  '    - docker build -t "$CI_REGISTRY_IMAGE" .',
  '    - docker push "$CI_REGISTRY_IMAGE"',
);
const ci = (content = DIND_CI): InputFile => ({ path: '.gitlab-ci.yml', content });
const toml = (...l: string[]): InputFile => ({ path: 'config.toml', content: lines(...l) });

describe('runner detectors on hand-written files', () => {
  it('a Docker runner with every risky setting', () => {
    const config = toml(
      'concurrent = 2', // 1
      '', // 2
      '[[runners]]', // 3
      '  name = "dind"', // 4
      '  executor = "docker"', // 5
      '  environment = ["DOCKER_TLS_CERTDIR=", "DOCKER_HOST=tcp://docker:2376", "BUILDKITD_FLAGS=--oci-worker-no-process-sandbox"]', // 6
      '  pre_build_script = """', // 7
      'echo start', // 8
      'docker login -u me -p hunter22 registry.example.com', // 9
      '"""', // 10
      '  [runners.docker]', // 11
      '    image = "docker:24"', // 12
      '    privileged = true', // 13
      '    volumes = ["/certs/client", "/cache",', // 14
      '      "/var/run/docker.sock:/var/run/docker.sock",', // 15
      '      "/home/ci/.docker:/root/.docker:ro"]', // 16
      '    security_opt = [', // 17
      '      "seccomp=unconfined",', // 18
      '      "label=disable",', // 19
      '    ]', // 20
      '    [[runners.docker.services]]', // 21
      '      name = "docker:dind"', // 22
      '      command = ["--registry-mirror=http://mirror.internal:5000", "--insecure-registry", "registry.internal:5000"]', // 23
      '  [runners.feature_flags]', // 24
      '    FF_NETWORK_PER_BUILD = true', // 25
    );
    expect(detect(setupOf([config]))).toEqual({
      'privileged-container': ['config.toml:13'],
      'host-socket': ['config.toml:15'],
      'shared-host-daemon': ['config.toml:15'],
      'dind-tls-off': ['config.toml:6'],
      'certs-volume-shared': ['config.toml:14'],
      'image-not-fully-pinned': ['config.toml:12', 'config.toml:22'],
      'password-on-command-line': ['config.toml:9'],
      'mounted-config-readonly': ['config.toml:16'],
      'buildkit-no-process-sandbox': ['config.toml:6'],
      'unconfined-security': ['config.toml:18'],
      'insecure-mirror': ['config.toml:23'],
      'plain-http-registry': ['config.toml:23'],
      'dind-tls-port-mismatch': ['config.toml:6'],
      'socket-plus-dind-conflict': ['config.toml:15'],
      'per-build-network-dns': ['config.toml:25'],
    });
  });

  it('a safe Docker runner has no finding, with or without a dind pipeline', () => {
    const config = toml(
      '[[runners]]',
      '  executor = "docker"',
      '  environment = ["DOCKER_TLS_CERTDIR=/certs", "DOCKER_HOST=tcp://docker:2376"]',
      '  pre_build_script = "echo \\"$PW\\" | docker login -u me --password-stdin registry.example.com"',
      '  [runners.docker]',
      '    image = "docker:27.3.1-cli"',
      '    privileged = true',
      '    volumes = ["/cache", "/certs/client:/certs/client-other", "/etc/docker/certs.d:/etc/docker/certs.d:ro"]',
      '    security_opt = ["no-new-privileges"]',
      '    [[runners.docker.services]]',
      '      name = "docker:27.3.1-dind@sha256:0123456789abcdef"',
      '  [runners.kubernetes]',
      '    privileged = true',
    );
    expect(detect(setupOf([config]))).toEqual({ 'privileged-container': ['config.toml:7'] });
    expect(detect(setupOf([config, ci()]))).toEqual({ 'privileged-container': ['config.toml:7'] });
  });

  it('autoscaled runners: Docker Machine and docker-autoscaler', () => {
    const config = toml(
      '[[runners]]', // 1
      '  executor = "docker+machine"', // 2
      '  [runners.docker]', // 3
      '    privileged = true', // 4
      '  [runners.machine]', // 5
      '    MachineDriver = "google"', // 6
      '    MachineName = "ci-%s"', // 7
      '[[runners]]', // 8
      '  executor = "docker-autoscaler"', // 9
      '  [runners.docker]', // 10
      '    services_privileged = true', // 11
      '  [runners.autoscaler]', // 12
      '    plugin = "aws"', // 13
      '    max_use_count = 1', // 14
      '    capacity_per_instance = 4', // 15
      '[[runners]]', // 16
      '  executor = "docker+machine"', // 17
      '  [runners.machine]', // 18
      '    MaxBuilds = 1', // 19
    );
    expect(detect(setupOf([config]))).toEqual({
      'privileged-container': ['config.toml:4', 'config.toml:11'],
      'autoscaled-instance-reused': ['config.toml:5', 'config.toml:15'],
      'docker-machine-deprecated': ['config.toml:2', 'config.toml:17'],
    });
  });

  it('a Kubernetes runner with a dind pipeline', () => {
    const config = toml(
      '[[runners]]', // 1
      '  executor = "kubernetes"', // 2
      '  [runners.kubernetes]', // 3
      '    privileged = false', // 4
      '    [runners.kubernetes.pod_annotations]', // 5
      '      "container.apparmor.security.beta.kubernetes.io/build" = "unconfined"', // 6
      '    [runners.kubernetes.build_container_security_context]', // 7
      '      allow_privilege_escalation = true', // 8
      '    [[runners.kubernetes.volumes.host_path]]', // 9
      '      name = "docker"', // 10
      '      mount_path = "/var/run/docker.sock"', // 11
      '    [[runners.kubernetes.volumes.secret]]', // 12
      '      name = "docker-config"', // 13
      '      mount_path = "/root/.docker"', // 14
    );
    const withCi = detect(setupOf([config, ci()]));
    expect(withCi).toEqual({
      'host-socket': ['config.toml:11'],
      'shared-host-daemon': ['config.toml:11'],
      'k8s-socket-containerd': ['config.toml:11'],
      'mounted-config-readonly': ['config.toml:13'],
      'unconfined-security': ['config.toml:6'],
      'k8s-build-exemption': ['config.toml:7'],
      'dind-not-privileged': ['config.toml:4'],
      'k8s-dind-certs-race': ['config.toml:3'],
    });
    const alone = detect(setupOf([config]));
    expect(alone['dind-not-privileged']).toBeUndefined();
    expect(alone['k8s-dind-certs-race']).toBeUndefined();
    const tlsOff = ci(DIND_CI.replace('build:\n', 'build:\n  variables:\n    DOCKER_TLS_CERTDIR: ""\n'));
    expect(detect(setupOf([config, tlsOff]))['k8s-dind-certs-race']).toBeUndefined();
  });

  it('a shell runner is docker-group-root only when its jobs run docker', () => {
    const config = toml(
      '[[runners]]', // 1
      '  executor = "shell"', // 2
      '[[runners]]', // 3
      '  executor = "shell"', // 4
      '  shell = "powershell"', // 5
    );
    expect(detect(setupOf([config]))).toEqual({});
    expect(detect(setupOf([config, ci()]))).toEqual({
      'docker-group-root': ['config.toml:2'],
      'shared-host-daemon': ['config.toml:2', 'config.toml:4'],
    });
    const buildah = ci(lines('build:', '  script:', '    - buildah bud -t x .'));
    expect(detect(setupOf([config, buildah]))).toEqual({});
  });

  it('a Windows runner', () => {
    const config = toml(
      '[[runners]]', // 1
      '  executor = "docker-windows"', // 2
      '  [runners.docker]', // 3
      "    volumes = ['c:\\cache', '/certs/client',", // 4
      "      '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine']", // 5
    );
    expect(detect(setupOf([config, ci()]))).toEqual({
      'host-pipe': ['config.toml:5'],
      'shared-host-daemon': ['config.toml:5'],
      'certs-volume-shared': ['config.toml:4'],
      'windows-linux-volume': ['config.toml:4'],
      'windows-pipe-binding': ['config.toml:2'],
    });
  });

  it('daemon.json mirrors and insecure registries', () => {
    const daemon: InputFile = {
      path: 'daemon.json',
      content: lines(
        '{', // 1
        '  "registry-mirrors": ["http://10.1.2.3:5000",', // 2
        '    "https://mirror.gcr.io"],', // 3
        '  "insecure-registries": ["10.1.2.3:5000",', // 4
        '    "registry.internal:5000"]', // 5
        '}', // 6
      ),
    };
    expect(detect(setupOf([daemon]))).toEqual({
      'insecure-mirror': ['daemon.json:2'],
      'plain-http-registry': ['daemon.json:5'],
    });
    const safe = { path: 'daemon.json', content: '{"registry-mirrors": ["https://mirror.gcr.io"]}' };
    expect(detect(setupOf([safe]))).toEqual({});
  });

  it('buildkitd.toml mirrors and registries', () => {
    const buildkitd: InputFile = {
      path: 'buildkitd.toml',
      content: lines(
        '[registry."docker.io"]', // 1
        '  mirrors = ["mirror.internal:5000"]', // 2
        '[registry."mirror.internal:5000"]', // 3
        '  http = true', // 4
        '[registry."registry.internal"]', // 5
        '  insecure = true', // 6
        '[registry."secure.internal"]', // 7
        '  ca = ["/etc/ca.pem"]', // 8
      ),
    };
    expect(detect(setupOf([buildkitd]))).toEqual({
      'insecure-mirror': ['buildkitd.toml:4'],
      'plain-http-registry': ['buildkitd.toml:6'],
    });
  });

  it('Helm values: the registration token and the chart default executor', () => {
    const values = (token: string): InputFile => ({
      path: 'values.yaml',
      content: lines(
        `runnerRegistrationToken: "${token}"`, // 1
        'runners:', // 2
        '  config: |', // 3
        '    [[runners]]', // 4
        '      [runners.kubernetes]', // 5
        '        privileged = true', // 6
        '        image = "gcr.io/kaniko-project/executor:debug"', // 7
      ),
    });
    expect(detect(setupOf([values('GR1348941abcdefghijklmnop')]))).toEqual({
      'legacy-registration-token': ['values.yaml:1'],
      'privileged-container': ['values.yaml:6'],
      'kaniko-unmaintained': ['values.yaml:7'],
    });
    expect(detect(setupOf([values('')]))['legacy-registration-token']).toBeUndefined();
  });

  it('a runner dind service with a known defect, when a job pushes with docker push', () => {
    const config = toml(
      '[[runners]]', // 1
      '  executor = "docker"', // 2
      '  [runners.docker]', // 3
      '    privileged = true', // 4
      '    [[runners.docker.services]]', // 5
      '      name = "docker:29.7.1-dind"', // 6
    );
    expect(detect(setupOf([config, ci()]))['version-known-defect']).toEqual(['config.toml:6']);
    const noPush = ci(DIND_CI.replace(/ {4}- docker push.*\n/, ''));
    expect(detect(setupOf([config, noPush]))['version-known-defect']).toBeUndefined();
  });

  it('judges build image tags', () => {
    for (const moving of [
      'docker',
      'docker:latest',
      'docker:24',
      'docker:24-dind',
      'docker:dind',
      'moby/buildkit:rootless',
      'quay.io/buildah/stable',
      'quay.io/podman/stable:latest',
      '${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/docker:27',
    ])
      expect(floatingBuildImage(moving), moving).toBe(true);
    for (const pinned of [
      'docker:27.3.1',
      'docker:27.3.1-dind',
      'moby/buildkit:v0.31.2-rootless',
      'docker@sha256:abc',
      'quay.io/buildah/stable:v1.43',
      'alpine',
      'docker:$DOCKER_VERSION',
    ])
      expect(floatingBuildImage(pinned), pinned).toBe(false);
  });

  it('every detector is a catalog finding or a troubleshooter failure', () => {
    const ids = new Set<string>([...FINDING_RULES.map((r) => r.id), ...FAILURE_IDS]);
    for (const id of Object.keys(RUNNER_DETECTORS)) expect(ids.has(id), id).toBe(true);
  });
});

/**
 * Where the placement rules of issue 15 put a finding on a different line of the same file than the generator
 * does: `docker-machine-deprecated` is on the `executor = "docker+machine"` line (the generated file anchors it on
 * `MaxBuilds`).
 */
const PLACED_ELSEWHERE = new Set(['docker-machine-deprecated']);

describe("every preset's generated files", () => {
  it('show every runner-side finding the detectors report (same id; same line in the same file)', () => {
    const count = { sameLine: 0, otherFile: 0, elsewhere: 0 };
    for (const preset of PRESETS) {
      const r = generate(preset.answers, { lang: 'en' });
      const s = setupOf(r.files);
      for (const [id, detector] of Object.entries(RUNNER_DETECTORS))
        for (const pos of detector(s)) {
          const generated = r.findings.filter((f) => f.id === id);
          const what = `${preset.id} ${id} ${pos.file}:${pos.line}`;
          expect(generated.length, what).toBeGreaterThan(0);
          const sameFile = generated.filter((f) => f.file === pos.file);
          if (sameFile.some((f) => f.line === pos.line)) count.sameLine += 1;
          else if (sameFile.length === 0) count.otherFile += 1;
          else {
            expect(PLACED_ELSEWHERE.has(id), what).toBe(true);
            count.elsewhere += 1;
          }
        }
      // And each runner-side finding of the generated files is found on its line.
      for (const f of r.findings.filter((x) => RUNNER_FILES.has(x.file)))
        expect(
          RUNNER_DETECTORS[f.id]?.(s).some((p) => p.file === f.file && p.line === f.line),
          `${preset.id} ${f.id} ${f.file}:${f.line}`,
        ).toBe(true);
    }
    // 57 on the same line, 6 in another file (shared-host-daemon and docker-group-root: the generator places them in
    // .gitlab-ci.yml and SETUP.md), 0 elsewhere in the same file.
    expect(count).toEqual({ sameLine: 57, otherFile: 6, elsewhere: 0 });
  });
});

describe('the import corpus (hand annotations)', () => {
  it.each(loadCorpus().map((c) => [c.name, c] as const))(
    '%s: the runner-side findings are the annotated ones',
    (_name, c) => {
      const runnerSide = new Set(c.files.filter((f) => kindOf(f.path) !== 'ci').map((f) => f.path));
      const want = c.annotation.findings
        .filter((f) => runnerSide.has(f.file))
        .map((f) => `${f.id} ${f.file}:${f.line}`)
        .sort();
      const s = setupOf(c.files);
      const got = Object.entries(RUNNER_DETECTORS)
        .flatMap(([id, d]) => d(s).map((p) => `${id} ${p.file}:${p.line}`))
        .filter((k) => [...runnerSide].some((f) => k.includes(` ${f}:`)))
        .sort();
      expect(got).toEqual(want);
    },
  );
});
