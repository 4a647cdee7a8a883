/**
 * Security and correctness findings. Each rule is data plus a predicate on the plan: a stable id, a severity,
 * where it applies (file and a line pattern, resolved against the generated text), why it matters, and the answer
 * change that removes it. No positions are stored: the line is found in the file that was actually generated.
 */
import type { Answers } from './answers';
import { msg, type Lang, type Msg } from './i18n';
import { PROTECTED_REF, type Plan } from './plan';
import type { KeyPath, LineIndex } from './render/line-index';
import { SETUP_ANCHORS } from './setup/types';
import { CURRENT_DEFAULTS, defectsOf, TOOL_NAMES, toolOf, VERSION_ANSWERS, type VersionAnswer } from './versions';

import { SEVERITY_ORDER, type Severity } from './severity';

export { SEVERITY_ORDER, type Severity };

/**
 * One rule of the findings catalog: a stable id, a severity, texts in both languages, a predicate on the plan,
 * the candidate places of its line and the answers patch that removes it.
 */
export interface FindingRule {
  id: string;
  /** The questions whose answers cause the finding: the wizard shows its badge under them. */
  questions: readonly (keyof Answers)[];
  severity: Severity;
  title: Msg;
  /** Why it matters, worded for the setup (a text that would not fit the plan is chosen by it). */
  reason: Msg | ((p: Plan) => Msg);
  /** What the fix does, worded for these answers (the fix itself depends on them). */
  fixLabel: Msg | ((a: Answers) => Msg);
  applies: (p: Plan) => boolean;
  /**
   * Candidate places, most specific first: the first one whose file was generated and whose key path (or named
   * mark) the file's serializer can place wins. A finding whose candidates all miss is reported as unanchored.
   */
  where: (p: Plan) => Anchor[];
  fix: (a: Answers) => Partial<Answers>;
}

/** A place in a generated file: a key path of its data, or a mark its generator set (a script line). */
export type Anchor = { file: string; path: KeyPath } | { file: string; mark: string };

/** A rule that applies to this plan, placed on a line of a generated file and worded in one language. */
export interface Finding {
  id: string;
  severity: Severity;
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** The key path (or mark) the line comes from. */
  anchor: string;
  /** False when no candidate place resolved (a bug the tests catch): the line is then 1. */
  anchored: boolean;
  title: string;
  reason: string;
  fix: { label: string; patch: Partial<Answers> };
  /** The questions whose answers cause the finding (its badge is shown under them). */
  questions: readonly (keyof Answers)[];
}

/**
 * A build argument name that looks like a secret (`NPM_TOKEN`, `DB_PASSWORD`, `API_KEY`, `SECRET_X`, `AWS_ACCESS_KEY_ID`):
 * Docker's build check SecretsUsedInArgOrEnv looks for the same words
 * (https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/).
 */
export const SECRET_ARG_NAME =
  /(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH(?!OR))/i;

const FULL_VERSION = /^v?\d+\.\d+\.\d+$/;
/** The Docker client and daemon images move: their tag has no patch version. */
const floatingDocker = (p: Plan): boolean =>
  p.method.tool === 'docker' && p.jobImage !== null && !FULL_VERSION.test(p.method.dockerVersion);
/** A BuildKit image (rootless, buildctl's daemon, the Buildx builder) moves: its tag has no patch version. */
const floatingBuildKit = (p: Plan): boolean =>
  p.method.buildkitVersion !== null && !FULL_VERSION.test(p.method.buildkitVersion);
/** The version answers without a patch version, each with the current default (versions.ts). */
const floatingFixes = (a: Answers): [VersionAnswer, string][] => {
  const docker = ['dind', 'socket', 'pipe', 'host'].includes(a.method);
  const buildkit = a.method === 'buildkit-rootless' || a.method === 'buildctl' || (docker && a.buildx);
  return (['dockerVersion', 'buildkitVersion'] as const).flatMap((k): [VersionAnswer, string][] =>
    (k === 'dockerVersion' ? docker : buildkit) && !FULL_VERSION.test(a[k]) ? [[k, CURRENT_DEFAULTS[k]]] : [],
  );
};

/** The version answers with a known defect, each with the nearest release without it (versions.ts). */
const versionFixes = (a: Answers): [VersionAnswer, string][] =>
  VERSION_ANSWERS.flatMap((k): [VersionAnswer, string][] => {
    const defect = defectsOf(toolOf(k), a[k])[0];
    return defect ? [[k, defect.nearestGood]] : [];
  });

const saferMethod = (a: Answers): Partial<Answers> =>
  a.executor === 'shell' ? { executor: 'docker', method: 'buildkit-rootless' } : { method: 'buildkit-rootless' };

// ---------------------------------------------------------------------------------------------------------------
// Places in the runner configuration. config.toml holds one `[[runners]]` entry; the Helm chart's values.yaml holds
// the same TOML under `runners.config`.

const RUNNER: KeyPath = ['runners', 0];
/** The same runner key in config.toml and in the TOML embedded in values.yaml. */
const inRunnerConfig = (path: KeyPath): Anchor[] => [
  { file: 'config.toml', path: [...RUNNER, ...path] },
  { file: 'values.yaml', path: ['runners', 'config', ...RUNNER, ...path] },
];
const dockerVolume = (p: Plan, test: (v: string) => boolean): Anchor[] => {
  const i = p.dockerVolumes.findIndex(test);
  return i === -1 ? [] : [{ file: 'config.toml', path: [...RUNNER, 'docker', 'volumes', i] }];
};
/** A Kubernetes volume entry (`[[runners.kubernetes.volumes.<kind>]]`) and one of its keys. */
const k8sVolume = (p: Plan, name: string, key: string): Anchor[] => {
  const volume = p.k8sVolumes.find((v) => v.name === name);
  if (!volume) return [];
  const i = p.k8sVolumes.filter((v) => v.kind === volume.kind).indexOf(volume);
  return inRunnerConfig(['kubernetes', 'volumes', volume.kind, i, key]);
};
/** Marks set by the .gitlab-ci.yml generator on script lines. */
const ciMark = (mark: 'build-command' | 'login-command' | 'lint-command' | 'scan-command'): Anchor => ({
  file: '.gitlab-ci.yml',
  mark,
});
/** The registry mirror's URL where the mirror is configured. */
const mirrorAnchors = (p: Plan): Anchor[] => {
  const url = p.network.mirror?.url ?? '';
  const out: Anchor[] = [];
  const serviceArg = p.service?.command?.indexOf(url) ?? -1;
  if (serviceArg !== -1) out.push({ file: '.gitlab-ci.yml', path: ['default', 'services', 0, 'command', serviceArg] });
  if (p.daemonJson) out.push({ file: 'daemon.json', path: ['registry-mirrors', 0] });
  if (p.buildkitdToml && p.mirrorHost) out.push({ file: 'buildkitd.toml', path: ['registry', p.mirrorHost, 'http'] });
  const runnerArg = p.runnerServices[0]?.command?.indexOf(url) ?? -1;
  if (runnerArg !== -1) {
    const executor = p.k8s ? 'kubernetes' : 'docker';
    out.push(...inRunnerConfig([executor, 'services', 0, 'command', runnerArg]));
  }
  return out;
};

/** Where the plain-HTTP registry of the answers is declared insecure to the builder. */
const plainHttpAnchors = (p: Plan): Anchor[] => {
  const host = p.network.plainHttpRegistry ?? '';
  const out: Anchor[] = [];
  const serviceArg = p.service?.command?.lastIndexOf(host) ?? -1;
  if (serviceArg !== -1) out.push({ file: '.gitlab-ci.yml', path: ['default', 'services', 0, 'command', serviceArg] });
  const inDaemonJson = (p.daemonJson?.['insecure-registries'] as string[] | undefined)?.indexOf(host) ?? -1;
  if (inDaemonJson !== -1) out.push({ file: 'daemon.json', path: ['insecure-registries', inDaemonJson] });
  if (p.buildkitdToml) out.push({ file: 'buildkitd.toml', path: ['registry', host, 'http'] });
  const runnerArg = p.runnerServices[0]?.command?.lastIndexOf(host) ?? -1;
  if (runnerArg !== -1)
    out.push(...inRunnerConfig([p.k8s ? 'kubernetes' : 'docker', 'services', 0, 'command', runnerArg]));
  // Buildah and Podman: the registries.conf drop-in written by the second line of before_script.
  if (p.method.tool === 'buildah' || p.method.tool === 'podman')
    out.push({ file: '.gitlab-ci.yml', path: ['default', 'before_script', 1] });
  return out;
};

/**
 * The CI/CD variable names that hold a push credential in this setup: the DOCKER_AUTH_CONFIG-style variable, or the
 * user and password variables of each login other than GitLab's registry and Dependency Proxy (the job token).
 */
const pushCredentialNames = (p: Plan): string[] =>
  p.auth.method === 'docker-auth-config'
    ? [p.auth.authConfigVar]
    : p.auth.method === 'login'
      ? p.logins
          // GitLab's registry and Dependency Proxy logins use the job's own token, not a stored credential.
          .filter((l) => l.registry !== '$CI_REGISTRY' && l.registry !== '$CI_DEPENDENCY_PROXY_SERVER')
          .flatMap((l) => [l.user, l.password].map((v) => v.slice(1)))
      : [];
/** The scan's pull credential names that are also push credential names (empty when the scan uses the job token). */
const scanPushCredentials = (p: Plan): string[] => {
  const pull = p.gates.scan?.pull;
  if (!pull || pull === 'job-token') return [];
  const push = pushCredentialNames(p);
  return [pull.user, pull.password].map((v) => v.slice(1)).filter((v) => push.includes(v));
};
/** Names for the scan's pull credential that no push credential of these answers uses. */
const freshScanNames = (a: Answers): Partial<Answers> => {
  const taken = new Set([
    a.dockerHubUserVar,
    a.dockerHubPasswordVar,
    a.otherUserVar,
    a.otherPasswordVar,
    a.authConfigVar,
  ]);
  const pick = (base: string) => [base, `${base}_RO`, `${base}_PULL`].find((n) => !taken.has(n)) ?? `${base}_SCAN`;
  return { scanUserVar: pick('SCAN_REGISTRY_USER'), scanPasswordVar: pick('SCAN_REGISTRY_PASSWORD') };
};
/** Where the scan's pull credential is passed to the scanner, in the first scan job. */
const scanCredentialAnchor = (p: Plan): Anchor[] => {
  const job = p.gates.scan?.jobs[0]?.job;
  if (!job) return [];
  const key = p.gates.scan?.kind === 'gitlab' ? 'CS_REGISTRY_PASSWORD' : 'TRIVY_PASSWORD';
  return [{ file: '.gitlab-ci.yml', path: [job, 'variables', key] }];
};

/**
 * The findings catalog, evaluated in this order by `evaluateFindings` (then sorted by severity); ids are stable:
 * the golden files record them.
 */
export const FINDING_RULES: FindingRule[] = [
  {
    id: 'privileged-container',
    questions: ['method'],
    severity: 'high',
    title: msg('Privileged containers', '特権コンテナ'),
    reason: msg(
      'A privileged container disables the container security mechanisms: a job can escape to the host (container breakout) and act as root there. Every job on this runner gets it, not only image builds.',
      '特権コンテナはコンテナのセキュリティ機構を無効にします。ジョブがホストへ脱出し（コンテナブレイクアウト）、rootとして操作できます。イメージのビルドだけでなく、このRunnerのすべてのジョブが対象です。',
    ),
    fixLabel: (a) =>
      a.os === 'macos'
        ? msg('Use socket binding (no privileged container)', 'ソケットバインディングを使う（特権コンテナなし）')
        : msg(
            'Build with rootless BuildKit (no privileged container)',
            'ルートレスBuildKitでビルドする（特権コンテナなし）',
          ),
    applies: (p) => p.privileged && !p.hosted,
    where: () => [...inRunnerConfig(['docker', 'privileged']), ...inRunnerConfig(['kubernetes', 'privileged'])],
    // macOS covers only dind and socket binding: rootless BuildKit would be normalized back to dind.
    fix: (a) => (a.os === 'macos' ? { method: 'socket' } : { method: 'buildkit-rootless' }),
  },
  {
    id: 'docker-group-root',
    questions: ['method'],
    severity: 'high',
    title: msg('docker group = root on the host', 'dockerグループ = ホストのroot'),
    reason: msg(
      'Members of the docker group control the Docker daemon, which runs as root: any job can mount the host file system and take over the machine.',
      'dockerグループのメンバーはrootで動くDockerデーモンを操作できます。どのジョブもホストのファイルシステムをマウントし、マシンを乗っ取れます。',
    ),
    fixLabel: msg('Use the Docker executor with rootless BuildKit', 'Docker executorとルートレスBuildKitを使う'),
    applies: (p) => p.shellExecutor && p.daemon === 'host' && p.runner.os === 'linux',
    where: () => [{ file: 'SETUP.md', path: [SETUP_ANCHORS.dockerGroup] }],
    fix: saferMethod,
  },
  {
    id: 'host-socket',
    questions: ['method'],
    severity: 'high',
    title: msg('Host Docker socket in the job', 'ジョブにホストのDockerソケット'),
    reason: msg(
      "The socket gives every job full control of the host daemon: root on the host, the runner's own containers included (`docker rm -f $(docker ps -aq)` removes them).",
      'ソケットにより、すべてのジョブがホストのデーモンを完全に操作できます。ホストのroot権限であり、Runner自身のコンテナも含みます（`docker rm -f $(docker ps -aq)`で削除できます）。',
    ),
    fixLabel: (a) =>
      a.allowPrivileged
        ? msg('Use Docker-in-Docker with TLS', 'TLS付きDocker-in-Dockerを使う')
        : a.os === 'macos'
          ? msg(
              'Allow privileged containers and use Docker-in-Docker with TLS',
              '特権コンテナを許可し、TLS付きDocker-in-Dockerを使う',
            )
          : msg('Use rootless BuildKit', 'ルートレスBuildKitを使う'),
    applies: (p) => p.daemon === 'host-socket',
    where: (p) => [
      ...dockerVolume(p, (v) => v.startsWith('/var/run/docker.sock')),
      ...k8sVolume(p, 'docker-sock', 'host_path'),
    ],
    // On macOS rootless BuildKit is not covered (it would be normalized back to socket binding): DinD needs privileged.
    fix: (a) =>
      a.allowPrivileged
        ? { method: 'dind', dindConnection: 'tls' }
        : a.os === 'macos'
          ? { method: 'dind', dindConnection: 'tls', allowPrivileged: true }
          : { method: 'buildkit-rootless' },
  },
  {
    id: 'host-pipe',
    questions: ['method'],
    severity: 'high',
    title: msg('Host Docker pipe in the job', 'ジョブにホストのDockerパイプ'),
    reason: msg(
      "The named pipe gives every job full control of the Windows host's Docker Engine, with the same isolation problems as socket binding.",
      '名前付きパイプにより、すべてのジョブがWindowsホストのDocker Engineを完全に操作できます。ソケットバインディングと同じ分離の問題があります。',
    ),
    fixLabel: msg(
      'Run Windows builds on a dedicated, disposable runner (no automatic fix)',
      'Windowsのビルドは専用の使い捨てRunnerで実行する（自動修正なし）',
    ),
    applies: (p) => p.daemon === 'host-pipe',
    where: (p) => [...dockerVolume(p, (v) => v.includes('pipe')), ...k8sVolume(p, 'docker-pipe', 'host_path')],
    fix: () => ({ os: 'linux', executor: 'docker', method: 'buildkit-rootless' }),
  },
  {
    id: 'shared-host-daemon',
    questions: ['method'],
    severity: 'medium',
    title: msg('Jobs share the host daemon', 'ジョブがホストのデーモンを共有'),
    reason: msg(
      'Containers started by a job are siblings of the job, not children; fixed container names clash between concurrent jobs; `-v $(pwd)/src:/src` paths resolve on the host, not in the job.',
      'ジョブが起動したコンテナはジョブの子ではなく兄弟です。固定のコンテナ名は同時実行ジョブ間で衝突します。`-v $(pwd)/src:/src`のパスはジョブ内ではなくホスト上で解決されます。',
    ),
    fixLabel: msg('Use Docker-in-Docker (one daemon per job)', 'Docker-in-Dockerを使う（ジョブごとのデーモン）'),
    applies: (p) => p.daemon === 'host-socket' || p.daemon === 'host-pipe' || p.daemon === 'host',
    where: () => [ciMark('build-command')],
    fix: (a) =>
      a.os === 'linux' && a.allowPrivileged
        ? { executor: a.executor === 'shell' ? 'docker' : a.executor, method: 'dind' }
        : { os: 'linux', executor: 'docker', method: 'buildkit-rootless' },
  },
  {
    id: 'k8s-socket-containerd',
    questions: ['method'],
    severity: 'high',
    title: msg('Kubernetes nodes may have no Docker socket', 'KubernetesノードにDockerソケットがない可能性'),
    reason: msg(
      'Nodes running containerd or CRI-O have no /var/run/docker.sock: the job fails with "Cannot connect to the Docker daemon". Where it exists, it is the node\'s root.',
      'containerdやCRI-Oのノードには/var/run/docker.sockがなく、「Cannot connect to the Docker daemon」で失敗します。存在する場合はノードのroot権限になります。',
    ),
    fixLabel: msg('Use rootless BuildKit', 'ルートレスBuildKitを使う'),
    applies: (p) => p.k8s && p.daemon === 'host-socket',
    where: (p) => k8sVolume(p, 'docker-sock', 'host_path'),
    fix: () => ({ method: 'buildkit-rootless' }),
  },
  {
    id: 'dind-tls-off',
    questions: ['dindConnection'],
    severity: 'high',
    title: msg('Docker-in-Docker without TLS', 'TLSなしのDocker-in-Docker'),
    reason: msg(
      'The daemon listens on plain TCP 2375 without authentication: anything that reaches the service network can run containers in the privileged daemon.',
      'デーモンが認証なしの平文TCP 2375で待ち受けます。サービスのネットワークに届くものは誰でも特権デーモンでコンテナを実行できます。',
    ),
    fixLabel: msg('Turn TLS on', 'TLSを有効にする'),
    applies: (p) => p.method.dindConnection === 'plain-tcp',
    // The first line that turns TLS off, as the import page places it (issue 15): the client's plain-TCP address,
    // else the empty certificate directory.
    where: () => [
      { file: '.gitlab-ci.yml', path: ['variables', 'DOCKER_HOST'] },
      { file: '.gitlab-ci.yml', path: ['variables', 'DOCKER_TLS_CERTDIR'] },
    ],
    fix: () => ({ dindConnection: 'tls' }),
  },
  {
    id: 'certs-volume-shared',
    questions: ['dindConnection'],
    severity: 'medium',
    title: msg(
      '/certs/client persists and is shared by concurrent jobs',
      '/certs/clientが永続化され同時実行ジョブで共有される',
    ),
    reason: msg(
      "Volumes listed in config.toml persist between builds: concurrent DinD jobs write their certificates to the same path and may use each other's.",
      'config.tomlのボリュームはビルド間で永続化されます。同時実行のDinDジョブが同じパスに証明書を書き込み、互いの証明書を使う可能性があります。',
    ),
    fixLabel: msg('Use a Unix socket on a per-job shared volume', 'ジョブごとの共有ボリューム上のUnixソケットを使う'),
    applies: (p) => p.dockerVolumes.includes('/certs/client'),
    where: (p) => dockerVolume(p, (v) => v === '/certs/client'),
    fix: () => ({ dindConnection: 'socket-volume' }),
  },
  {
    id: 'image-not-fully-pinned',
    questions: ['dockerVersion', 'buildkitVersion'],
    severity: 'low',
    title: msg('Docker image tag moves', 'Dockerイメージのタグが移動する'),
    reason: msg(
      'A tag without a patch version is updated in place: client and daemon (or the Buildx builder) can be pulled at different releases on different hosts, including releases with known defects.',
      'パッチバージョンのないタグは上書き更新されます。ホストごとにクライアントとデーモン（またはBuildxのビルダー）が異なるリリースで取得される可能性があり、既知の不具合があるリリースも含まれます。',
    ),
    fixLabel: (a) => {
      const pins = floatingFixes(a)
        .map(([k, v]) => `${TOOL_NAMES[toolOf(k)]} ${v}`)
        .join(', ');
      return msg(`Pin the full version: ${pins}`, `完全なバージョンに固定する: ${pins}`);
    },
    applies: (p) => floatingDocker(p) || floatingBuildKit(p),
    where: (p) =>
      floatingDocker(p) ? [{ file: '.gitlab-ci.yml', path: ['default', 'image'] }] : [ciMark('build-command')],
    fix: (a) => Object.fromEntries(floatingFixes(a)),
  },
  {
    // The versions table (versions.ts): a pinned release with a known defect that this setup meets.
    id: 'version-known-defect',
    questions: ['dockerVersion', 'buildkitVersion'],
    severity: 'medium',
    title: msg('Pinned version has a known defect', '固定したバージョンに既知の不具合がある'),
    reason: (p) => {
      const each = (lang: Lang) =>
        p.versionDefects
          .map((h) =>
            lang === 'en'
              ? `${TOOL_NAMES[h.defect.tool]} ${h.version}: ${h.defect.title.en} (${h.defect.sources[0] ?? ''}); ${h.defect.nearestGood} does not have it.`
              : `${TOOL_NAMES[h.defect.tool]} ${h.version}: ${h.defect.title.ja}（${h.defect.sources[0] ?? ''}）。${h.defect.nearestGood}にはこの不具合はありません。`,
          )
          .join(' ');
      return msg(each('en'), each('ja'));
    },
    fixLabel: (a) => {
      const pins = versionFixes(a)
        .map(([k, v]) => `${TOOL_NAMES[toolOf(k)]} ${v}`)
        .join(', ');
      return msg(`Pin ${pins}`, `${pins}に固定する`);
    },
    applies: (p) => p.versionDefects.length > 0,
    where: (p) =>
      p.versionDefects.some((h) => h.answer === 'dockerVersion')
        ? [
            { file: '.gitlab-ci.yml', path: ['default', 'services', 0] },
            { file: '.gitlab-ci.yml', path: ['default', 'image'] },
          ]
        : [ciMark('build-command')],
    fix: (a) => Object.fromEntries(versionFixes(a)),
  },
  {
    id: 'password-on-command-line',
    questions: ['passwordStdin'],
    severity: 'high',
    title: msg('Password on the command line', 'コマンドラインにパスワード'),
    reason: msg(
      '`docker login -p` puts the password in the process list and may print it in the job log; Docker warns about it on every run.',
      '`docker login -p`はパスワードをプロセス一覧に載せ、ジョブログに出力する場合があります。Dockerは毎回警告します。',
    ),
    fixLabel: msg('Use --password-stdin', '--password-stdinを使う'),
    applies: (p) =>
      p.auth.method === 'login' && !p.auth.passwordStdin && p.method.tool === 'docker' && p.logins.length > 0,
    where: () => [ciMark('login-command')],
    fix: () => ({ passwordStdin: true }),
  },
  {
    id: 'mounted-config-readonly',
    questions: ['authMethod'],
    severity: 'medium',
    title: msg('Read-only config.json: docker login fails', '読み取り専用のconfig.json: docker loginが失敗する'),
    reason: msg(
      'Every job on the runner is logged in with the mounted credentials, and any command that writes ~/.docker/config.json (docker login, buildx create) fails on the read-only mount.',
      'Runnerのすべてのジョブがマウントされた認証情報でログイン済みになり、~/.docker/config.jsonに書き込むコマンド（docker login、buildx create）は読み取り専用マウントのため失敗します。',
    ),
    fixLabel: msg('Log in per job with --password-stdin', 'ジョブごとに--password-stdinでログインする'),
    applies: (p) => p.auth.method === 'mounted-config',
    where: (p) => [
      ...dockerVolume(p, (v) => v.includes('/.docker/config.json')),
      ...k8sVolume(p, 'docker-client-config', 'name'),
    ],
    fix: () => ({ authMethod: 'login', passwordStdin: true }),
  },
  {
    id: 'buildkit-no-process-sandbox',
    questions: ['method'],
    severity: 'medium',
    title: msg('BuildKit without process sandbox', 'プロセスサンドボックスなしのBuildKit'),
    reason: msg(
      '--oci-worker-no-process-sandbox runs RUN steps without a separate PID namespace: a build step can see and signal the other processes of the build container.',
      '--oci-worker-no-process-sandboxはRUNステップを別のPID名前空間なしで実行します。ビルドステップはビルドコンテナの他のプロセスを参照・シグナル送信できます。',
    ),
    fixLabel: msg('Build with Buildah instead', '代わりにBuildahでビルドする'),
    applies: (p) => p.method.rootlessBuildKit,
    where: () => [{ file: '.gitlab-ci.yml', path: ['variables', 'BUILDKITD_FLAGS'] }],
    fix: () => ({ method: 'buildah', cache: 'none' }),
  },
  {
    id: 'unconfined-security',
    questions: ['method'],
    severity: 'medium',
    title: msg('AppArmor/seccomp unconfined', 'AppArmor/seccompの制限解除'),
    reason: (p) =>
      p.securityOpt.length > 0
        ? msg(
            'Every job container of this runner runs without the AppArmor and seccomp profiles (security_opt is runner-wide), so the kernel attack surface is larger; still far less than privileged mode.',
            'このRunnerのすべてのジョブコンテナがAppArmorとseccompのプロファイルなしで動きます（security_optはRunner全体の設定です）。カーネルの攻撃面が広がりますが、特権モードよりはるかに小さい範囲です。',
          )
        : msg(
            'The build container of every job pod runs without its AppArmor profile, so the kernel attack surface is larger; still far less than privileged mode.',
            'すべてのジョブポッドのビルドコンテナがAppArmorプロファイルなしで動くため、カーネルの攻撃面が広がります。それでも特権モードよりはるかに小さい範囲です。',
          ),
    fixLabel: msg(
      'Run builds on GitLab-hosted runners (disposable VMs)',
      'GitLabホストのRunner（使い捨てVM）でビルドする',
    ),
    applies: (p) => p.securityOpt.length > 0 || Object.keys(p.podAnnotations).length > 0,
    where: (p) => [
      ...inRunnerConfig(['docker', 'security_opt']),
      ...Object.keys(p.podAnnotations).flatMap((k) => inRunnerConfig(['kubernetes', 'pod_annotations', k])),
    ],
    fix: () => ({ runnerKind: 'gitlab-hosted' }),
  },
  {
    // Kubernetes Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/):
    // no Linux builder of this tool creates its user namespace within baseline (Unconfined AppArmor) or restricted
    // (also privilege escalation, capabilities, Unconfined seccomp); the privileged daemons are refused outright.
    id: 'k8s-build-exemption',
    questions: ['k8sPodSecurity', 'method'],
    severity: 'medium',
    title: msg('The build container needs an exemption from Pod Security', 'ビルドコンテナにPod Securityの除外が必要'),
    reason: (p) =>
      p.k8sPod?.level === 'restricted'
        ? msg(
            'Under restricted, the helper, service and init containers run confined, but the builder needs privilege escalation (setuid newuidmap), its capabilities and Unconfined seccomp and AppArmor profiles to create its user namespace: without an exemption for the build container, the namespace rejects the job pod. SETUP.md says how to exempt it.',
            'restrictedでは、ヘルパー、サービス、initコンテナは制限付きで動きますが、ビルダーはユーザー名前空間を作るために権限昇格（setuidのnewuidmap）、ケーパビリティ、UnconfinedのseccompとAppArmorプロファイルを必要とします。ビルドコンテナを除外しないと、ネームスペースはジョブポッドを拒否します。除外の方法はSETUP.mdにあります。',
          )
        : msg(
            'Baseline forbids the Unconfined AppArmor profile the builder needs for the mounts of its user namespace: without an exemption for the build container, the namespace rejects the job pod. SETUP.md says how to exempt it.',
            'baselineは、ビルダーがユーザー名前空間のマウントに必要とするUnconfinedのAppArmorプロファイルを禁止します。ビルドコンテナを除外しないと、ネームスペースはジョブポッドを拒否します。除外の方法はSETUP.mdにあります。',
          ),
    fixLabel: msg(
      'Build on GitLab-hosted runners (disposable VMs): no exemption needed',
      'GitLabホストのRunner（使い捨てVM）でビルドする（除外は不要）',
    ),
    applies: (p) => (p.k8sPod?.buildExceptions.length ?? 0) > 0,
    where: (p) => [
      ...inRunnerConfig(['kubernetes', 'build_container_security_context']),
      ...Object.keys(p.podAnnotations).flatMap((k) => inRunnerConfig(['kubernetes', 'pod_annotations', k])),
    ],
    fix: () => ({ runnerKind: 'gitlab-hosted' }),
  },
  {
    id: 'kaniko-unmaintained',
    questions: ['fromKaniko'],
    severity: 'medium',
    title: msg('Kaniko is no longer maintained', 'Kanikoはメンテナンスされていない'),
    reason: msg(
      'GitLab removed its Kaniko page and the upstream project is archived: no more security fixes. The generated job is the rootless BuildKit equivalent of your Kaniko job.',
      'GitLabはKanikoのページを削除し、上流プロジェクトはアーカイブされました。セキュリティ修正はもうありません。生成したジョブはKanikoジョブと同等のルートレスBuildKitジョブです。',
    ),
    fixLabel: msg(
      'Drop the Kaniko migration notes: the job is rootless BuildKit',
      'Kaniko移行の注記を外す（ジョブはルートレスBuildKit）',
    ),
    applies: (p) => p.method.fromKaniko,
    where: () => [ciMark('build-command')],
    fix: () => ({ fromKaniko: false }),
  },
  {
    id: 'legacy-registration-token',
    questions: ['registration'],
    severity: 'medium',
    title: msg('Legacy registration token', 'レガシー登録トークン'),
    reason: msg(
      'Registration tokens are deprecated and disabled by default since GitLab 17.0; anyone holding one can attach runners to the project and receive its jobs.',
      '登録トークンは非推奨で、GitLab 17.0以降はデフォルトで無効です。トークンを持つ人は誰でもRunnerをプロジェクトに追加し、ジョブを受け取れます。',
    ),
    fixLabel: msg('Use a runner authentication token', 'Runner認証トークンを使う'),
    applies: (p) => p.runner.registration === 'legacy' && !p.hosted,
    where: () => [
      { file: 'register.sh', path: ['--registration-token'] },
      { file: 'register.ps1', path: ['--registration-token'] },
      { file: 'kubernetes.sh', path: ['--from-literal=runner-registration-token'] },
      { file: 'SETUP.md', path: [SETUP_ANCHORS.legacyRegistrationToken] },
    ],
    fix: () => ({ registration: 'token' }),
  },
  {
    id: 'insecure-mirror',
    questions: ['mirrorUrl'],
    severity: 'high',
    title: msg('Plain-HTTP registry mirror', '平文HTTPのレジストリミラー'),
    reason: msg(
      'Images pulled over plain HTTP can be read and replaced on the network, and the daemon must mark the mirror as an insecure registry.',
      '平文HTTPで取得するイメージはネットワーク上で読み取り・置換される可能性があり、デーモンはミラーを安全でないレジストリとして登録する必要があります。',
    ),
    fixLabel: msg('Use an https:// mirror', 'https://のミラーを使う'),
    applies: (p) => p.mirrorInsecure,
    where: mirrorAnchors,
    fix: (a) => ({ mirrorUrl: a.mirrorUrl.replace(/^http:/, 'https:') }),
  },
  {
    id: 'plain-http-registry',
    questions: ['plainHttpRegistry'],
    severity: 'high',
    title: msg('Registry over plain HTTP', '平文HTTPのレジストリ'),
    reason: msg(
      'Credentials, images and layers travel unencrypted: anyone on the network can read the login and replace what is pulled or pushed. Prefer TLS with a certificate from a private CA that the builder trusts.',
      '認証情報、イメージ、レイヤーが暗号化されずに流れます。ネットワーク上の誰もがログイン情報を読み、pullやpushされる内容を置き換えられます。ビルダーが信頼するプライベートCAの証明書でTLSを使うことを推奨します。',
    ),
    fixLabel: msg('Serve the registry over TLS with a private CA', 'プライベートCAのTLSでレジストリを提供する'),
    applies: (p) => p.network.plainHttpRegistry !== null,
    where: plainHttpAnchors,
    fix: (a) =>
      a.method === 'buildctl'
        ? { plainHttpRegistry: '' }
        : {
            plainHttpRegistry: '',
            customCaVar: a.customCaVar || 'REGISTRY_CA_FILE',
            customCaHost: a.plainHttpRegistry,
          },
  },
  {
    id: 'dockerhub-rate-limit',
    questions: ['dependencyProxy'],
    severity: 'low',
    title: msg('Docker Hub pulls without auth or mirror', '認証もミラーもないDocker Hubからのpull'),
    reason: (p) =>
      p.daemon === 'dind-service'
        ? msg(
            "Anonymous pulls are limited to 10 per hour per IP address, shared by every runner behind the same NAT; the dind daemon does not use the host's mirror.",
            '匿名のpullはIPアドレスあたり1時間に10回に制限され、同じNATの背後のすべてのRunnerで共有されます。dindデーモンはホストのミラーを使いません。',
          )
        : msg(
            'Anonymous pulls are limited to 10 per hour per IP address, shared by every runner behind the same NAT.',
            '匿名のpullはIPアドレスあたり1時間に10回に制限され、同じNATの背後のすべてのRunnerで共有されます。',
          ),
    fixLabel: msg('Pull through the GitLab Dependency Proxy', 'GitLab依存プロキシ経由でpullする'),
    applies: (p) =>
      !p.hosted &&
      !p.windows &&
      !p.auth.dependencyProxy &&
      !p.auth.registryDockerHub &&
      !p.network.mirror &&
      p.method.tool !== 'buildah' &&
      p.method.tool !== 'podman' &&
      p.auth.method !== 'mounted-config',
    where: () => [{ file: '.gitlab-ci.yml', path: ['default', 'image'] }, ciMark('build-command')],
    fix: () => ({ dependencyProxy: true }),
  },
  {
    id: 'no-layer-cache',
    questions: ['cache'],
    severity: 'low',
    title: msg('No layer cache: slow builds', 'レイヤーキャッシュなし: ビルドが遅い'),
    reason: msg(
      'Every job starts with an empty builder and downloads and rebuilds every layer.',
      'すべてのジョブが空のビルダーで始まり、すべてのレイヤーをダウンロードして再ビルドします。',
    ),
    fixLabel: msg('Add a registry cache', 'レジストリキャッシュを追加する'),
    applies: (p) =>
      p.cache.kind === 'none' &&
      p.build.push &&
      p.daemon !== 'host' &&
      p.daemon !== 'host-socket' &&
      p.daemon !== 'host-pipe',
    where: () => [ciMark('build-command')],
    fix: (a) => ({
      cache: 'registry',
      ...(a.method === 'buildah' || a.method === 'podman' ? { cacheRef: '$CI_REGISTRY_IMAGE/cache' } : {}),
    }),
  },
  {
    // Issue 14, item 7: cache poisoning. The GitHub analogue and its fix (write the cache from trusted refs only):
    // https://docs.docker.com/build/ci/github-actions/cache/ ; GitLab: https://gitlab.com/gitlab-org/gitlab/-/issues/408586
    id: 'cache-writable-unprotected',
    questions: ['cacheProtectedWrite'],
    severity: 'medium',
    title: msg(
      'Unprotected branches write the layer cache protected builds reuse',
      '保護されていないブランチが、保護されたビルドの再利用するレイヤーキャッシュに書き込む',
    ),
    reason: msg(
      'Every pipeline of this job exports the registry cache, and the builds of the default branch and of release tags import it. Anyone who can push a branch can put layers into the cache that the next protected build takes without running the step again: their code then ships in your release images.',
      'このジョブのすべてのパイプラインがレジストリキャッシュをエクスポートし、デフォルトブランチとリリースタグのビルドがそれをインポートします。ブランチをpushできる人なら誰でも、次の保護されたビルドがステップを実行せずに使うレイヤーをキャッシュに入れられ、そのコードがリリースイメージに入ります。',
    ),
    fixLabel: msg(
      'Write the cache from protected branches and tags only',
      'キャッシュの書き込みを保護されたブランチとタグだけにする',
    ),
    applies: (p) =>
      p.cache.kind === 'registry' &&
      !p.cache.protectedWrite &&
      p.variants.some(
        (v) =>
          v.exportCache &&
          v.push &&
          !v.rule?.includes(PROTECTED_REF) &&
          v.rule !== '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
      ),
    where: () => [ciMark('build-command')],
    fix: () => ({ cacheProtectedWrite: true }),
  },
  {
    id: 'autoscaled-instance-reused',
    questions: ['maxUseCount', 'capacityPerInstance'],
    severity: 'high',
    title: msg('Privileged jobs share autoscaled instances', '特権ジョブが自動スケールのインスタンスを共有する'),
    reason: (p) =>
      p.autoscale?.kind === 'docker-machine'
        ? msg(
            'A privileged job can take over its machine, and MaxBuilds lets later jobs (of other projects too) run on the machine it left: they inherit whatever it installed, and their secrets can be read. One build per machine (MaxBuilds = 1) starts every job on a fresh VM.',
            '特権ジョブはマシンを乗っ取れます。MaxBuildsにより後続のジョブ（他のプロジェクトのものも）がそのマシンで実行され、残されたものを引き継ぎ、シークレットを読まれるおそれがあります。マシンごとに1ビルド（MaxBuilds = 1）にすると、すべてのジョブが新しいVMで始まります。',
          )
        : msg(
            'A privileged job can take over its instance: with max_use_count other than 1, later jobs (of other projects too) run on what it left behind, and with capacity_per_instance above 1 it runs beside other jobs and can read their files and secrets. One job per instance (both 1) starts every job on a fresh VM.',
            '特権ジョブはインスタンスを乗っ取れます。max_use_countが1以外なら後続のジョブ（他のプロジェクトのものも）が残されたものの上で実行され、capacity_per_instanceが2以上なら他のジョブと同時に動き、そのファイルやシークレットを読めます。インスタンスごとに1ジョブ（どちらも1）にすると、すべてのジョブが新しいVMで始まります。',
          ),
    fixLabel: msg('Run one job per instance', 'インスタンスごとに1ジョブにする'),
    applies: (p) =>
      p.privileged &&
      p.autoscale !== null &&
      (p.autoscale.maxUseCount !== 1 || (p.autoscale.kind === 'fleeting' && p.autoscale.capacityPerInstance > 1)),
    where: (p) =>
      p.autoscale?.kind === 'docker-machine'
        ? [{ file: 'config.toml', path: [...RUNNER, 'machine', 'MaxBuilds'] }]
        : [
            {
              file: 'config.toml',
              path: [
                ...RUNNER,
                'autoscaler',
                p.autoscale?.maxUseCount !== 1 ? 'max_use_count' : 'capacity_per_instance',
              ],
            },
          ],
    fix: () => ({ maxUseCount: 1, capacityPerInstance: 1 }),
  },
  {
    // Gates (issue 14, item 4). GitLab's analyzer exits 0 with findings; its template sets allow_failure: true.
    id: 'scan-never-fails',
    questions: ['scan'],
    severity: 'medium',
    title: msg('The vulnerability scan never fails', '脆弱性スキャンが失敗しない'),
    reason: msg(
      "GitLab's Container Scanning reports vulnerabilities but does not fail the job on them (CS_SEVERITY_THRESHOLD only filters the report), so a vulnerable image passes. The merge request widget and the vulnerability report that show the results, and the approval policies that can block on them, are GitLab Ultimate; other tiers keep the JSON report as a job artifact.",
      'GitLabのContainer Scanningは脆弱性を報告しますが、それによってジョブを失敗させません（CS_SEVERITY_THRESHOLDはレポートを絞り込むだけです）。そのため脆弱なイメージも通過します。結果を表示するマージリクエストのウィジェットと脆弱性レポート、およびそれでブロックできる承認ポリシーはGitLab Ultimateの機能です。その他のプランではJSONレポートがジョブのアーティファクトとして残るだけです。',
    ),
    fixLabel: msg(
      'Scan with Trivy and fail the pipeline at the threshold',
      'Trivyでスキャンし、しきい値でパイプラインを失敗させる',
    ),
    applies: (p) => p.gates.scan?.kind === 'gitlab',
    where: () => [ciMark('scan-command')],
    fix: () => ({ scan: 'trivy', gatePolicy: 'block' }),
  },
  {
    id: 'gates-report-only',
    questions: ['gatePolicy'],
    severity: 'low',
    title: msg('Failing gates do not stop the pipeline', '失敗したゲートがパイプラインを止めない'),
    reason: msg(
      'With the policy "report", a failing lint or scan is only a warning (allow_failure): the build runs on a Dockerfile that failed the lint, and a pipeline whose image failed the scan passes, so nothing downstream (deployments, promotion) waits for a clean result.',
      '方針「報告」では、lintやスキャンの失敗は警告（allow_failure）にすぎません。lintに失敗したDockerfileでもビルドが実行され、スキャンに失敗したイメージのパイプラインも成功するため、後続（デプロイ、プロモーション）は問題のない結果を待ちません。',
    ),
    fixLabel: msg('Block the pipeline on a failing gate', 'ゲートが失敗したらパイプラインを止める'),
    applies: (p) =>
      p.gates.lint?.allowFailure === true || (p.gates.scan?.kind === 'trivy' && p.gates.scan.allowFailure),
    where: (p) => [
      ...(p.gates.lint?.allowFailure ? [{ file: '.gitlab-ci.yml', path: [p.gates.lint.job, 'allow_failure'] }] : []),
      ...(p.gates.scan?.jobs[0] ? [{ file: '.gitlab-ci.yml', path: [p.gates.scan.jobs[0].job, 'allow_failure'] }] : []),
    ],
    fix: () => ({ gatePolicy: 'block' }),
  },
  {
    id: 'scan-pull-is-push-credential',
    questions: ['scanUserVar', 'scanPasswordVar'],
    severity: 'high',
    title: msg('The scanner gets a push credential', 'スキャナーにプッシュ用の認証情報が渡る'),
    reason: msg(
      "The scan job pulls the image with a CI/CD variable that also holds the build's push credential. The scanner is a third-party image that downloads its database from the internet: a compromised release (as Trivy's tags were in March 2026, CVE-2026-33634) could push over your images with it. Give the scan a read-only token of its own (a deploy token with read_registry, or a pull-only robot account).",
      'スキャンジョブは、ビルドのプッシュ用認証情報を持つCI/CD変数でイメージを取得します。スキャナーはインターネットからデータベースをダウンロードするサードパーティのイメージです。侵害されたリリース（2026年3月のTrivyのタグ、CVE-2026-33634）がこれを使ってイメージを上書きできます。スキャン専用の読み取り専用トークン（read_registryのデプロイトークン、またはpull専用のロボットアカウント）を渡してください。',
    ),
    fixLabel: msg('Use a read-only credential of its own for the scan', 'スキャンには専用の読み取り専用認証情報を使う'),
    applies: (p) => scanPushCredentials(p).length > 0,
    where: (p) => scanCredentialAnchor(p),
    fix: (a) => freshScanNames(a),
  },
  {
    // Issue 14, build inputs: a build argument is stored in the image's history and visible to anyone who pulls it
    // (`docker history`, the image config); BuildKit secrets are mounted for one RUN step only. Sources:
    // https://docs.docker.com/build/building/secrets/, https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/
    id: 'build-arg-secret',
    questions: ['buildArgs'],
    severity: 'high',
    title: msg('A secret passed as a build argument', 'ビルド引数で渡す秘密情報'),
    reason: (p) => {
      const names = p.metadata.buildArgs.filter((b) => SECRET_ARG_NAME.test(b.name)).map((b) => b.name);
      return msg(
        `${names.join(', ')} looks like a secret: build arguments stay in the image's history and config, readable by anyone who pulls the image. Pass it as a build secret (--secret id=NAME,env=NAME) from a masked CI/CD variable and read it with RUN --mount=type=secret,id=NAME.`,
        `${names.join('、')}は秘密情報のようです。ビルド引数はイメージの履歴と設定に残り、イメージをpullした誰でも読めます。マスクしたCI/CD変数からビルドシークレット（--secret id=NAME,env=NAME）として渡し、RUN --mount=type=secret,id=NAMEで読んでください。`,
      );
    },
    fixLabel: msg(
      'Pass it as a build secret from the CI/CD variable of the same name',
      '同名のCI/CD変数からビルドシークレットとして渡す',
    ),
    applies: (p) => p.metadata.buildArgs.some((b) => SECRET_ARG_NAME.test(b.name)),
    where: () => [ciMark('build-command')],
    fix: (a) => {
      const secret = (arg: string) => SECRET_ARG_NAME.test(arg.slice(0, arg.indexOf('=')));
      const names = a.buildArgs.filter(secret).map((arg) => arg.slice(0, arg.indexOf('=')));
      return {
        buildArgs: a.buildArgs.filter((arg) => !secret(arg)),
        buildSecrets: [...new Set([...a.buildSecrets, ...names])].slice(0, 20),
      };
    },
  },
  {
    // Issue 14, item 3: keyless signing on a self-managed GitLab (the public Fulcio trusts GitLab.com only).
    id: 'keyless-sigstore-untrusted',
    questions: ['sign', 'gitlabUrl'],
    severity: 'high',
    title: msg(
      'Keyless signing without a Sigstore that trusts this GitLab',
      'このGitLabを信頼するSigstoreのないキーレス署名',
    ),
    reason: msg(
      "The public Sigstore's Fulcio issues certificates for GitLab.com ID tokens only: on a self-managed GitLab the sign job fails unless you run your own Fulcio, Rekor and Certificate Transparency log and give cosign their URLs. ID tokens (id_tokens) also need GitLab 15.7 or later, and are not given to keyless signing from included files or child pipelines.",
      '公開SigstoreのFulcioはGitLab.comのIDトークンにのみ証明書を発行します。セルフマネージドのGitLabでは、独自のFulcio、Rekor、Certificate Transparencyログを運用してcosignにそのURLを渡さない限り、署名ジョブは失敗します。IDトークン（id_tokens）にはGitLab 15.7以降が必要で、インクルードしたファイルや子パイプラインからのキーレス署名には渡されません。',
    ),
    fixLabel: msg('Sign with a key pair from a CI/CD variable', 'CI/CD変数の鍵ペアで署名する'),
    applies: (p) => p.supplyChain.sign?.ownSigstoreNeeded === true,
    where: () => [
      { file: '.gitlab-ci.yml', mark: 'sign-id-tokens' },
      { file: '.gitlab-ci.yml', mark: 'sign-command' },
    ],
    fix: () => ({ sign: 'key' }),
  },
  {
    // Issue 14, item 3: the private key is only as safe as the variable that holds it.
    id: 'signing-key-variable',
    questions: ['sign', 'cosignKeyVar'],
    severity: 'low',
    title: msg('Signing key in a CI/CD variable', 'CI/CD変数にある署名鍵'),
    reason: msg(
      'Whoever can run a job that reads the private key signs as this project. In Settings > CI/CD > Variables set the key variable to type File and Protected, and its password variable to Masked and hidden and Protected (the sign jobs run on protected refs only); limit who may push and merge to protected branches and tags; rotate the key when someone leaves.',
      '秘密鍵を読むジョブを実行できる人は、このプロジェクトとして署名できます。設定 > CI/CD > 変数で、鍵の変数をタイプ「ファイル」かつ保護に、パスワードの変数をマスク・非表示・保護にします（署名ジョブは保護されたrefでのみ動きます）。保護ブランチとタグへのプッシュとマージができる人を限定し、メンバーが抜けたら鍵を交換します。',
    ),
    fixLabel: msg('Sign keyless (GitLab.com)', 'キーレスで署名する（GitLab.com）'),
    applies: (p) => p.supplyChain.sign?.mode === 'key',
    where: () => [{ file: '.gitlab-ci.yml', mark: 'sign-command' }],
    fix: () => ({ sign: 'keyless' }),
  },
  {
    // Issue 14, item 3: keyless signatures are logged publicly with the signer's identity.
    id: 'keyless-public-log',
    questions: ['sign'],
    severity: 'info',
    title: msg('Keyless signatures are public', 'キーレス署名は公開される'),
    reason: msg(
      "Each keyless signature is recorded in the public Rekor transparency log with the certificate's claims: the project path, the ref and the pipeline. For a private project that names it publicly.",
      'キーレス署名はそれぞれ証明書の内容（プロジェクトのパス、ref、パイプライン）とともに公開のRekor透明性ログに記録されます。非公開のプロジェクトでは、その名前が公開されます。',
    ),
    fixLabel: msg('Sign with a key pair instead', '代わりに鍵ペアで署名する'),
    applies: (p) => p.supplyChain.sign?.mode === 'keyless',
    where: () => [
      { file: '.gitlab-ci.yml', mark: 'sign-id-tokens' },
      { file: '.gitlab-ci.yml', mark: 'sign-command' },
    ],
    fix: () => ({ sign: 'key' }),
  },
  {
    // Issue 14, item 3 and moby/buildkit#7007: buildctl pushes attestations the GitLab registry refuses (the Buildx
    // case is the version-known-defect finding).
    id: 'attestations-rejected',
    questions: ['sbom', 'provenance', 'buildkitVersion'],
    severity: 'high',
    title: msg('The registry refuses these attestations', 'レジストリがこのアテステーションを拒否する'),
    reason: msg(
      'BuildKit 0.32 and later push SBOM and provenance attestations as OCI artifacts whose subject is the new image manifest; the GitLab container registry refuses them ("blob unknown to registry", moby/buildkit#7007), so the push fails.',
      'BuildKit 0.32以降は、SBOMとprovenanceのアテステーションを新しいイメージマニフェストをsubjectとするOCIアーティファクトとしてプッシュします。GitLabコンテナレジストリはこれを拒否するため（「blob unknown to registry」、moby/buildkit#7007）、プッシュが失敗します。',
    ),
    fixLabel: (a) => {
      const v = defectsOf('buildkit', a.buildkitVersion)[0]?.nearestGood ?? CURRENT_DEFAULTS.buildkitVersion;
      return msg(`Pin BuildKit ${v}`, `BuildKit ${v}に固定する`);
    },
    applies: (p) => p.supplyChain.attestations.rejectedByRegistry,
    where: () => [ciMark('build-command')],
    fix: (a) => ({
      buildkitVersion: defectsOf('buildkit', a.buildkitVersion)[0]?.nearestGood ?? CURRENT_DEFAULTS.buildkitVersion,
    }),
  },
  {
    // Issue 14, item 5: QEMU emulation needs binfmt handlers registered in the build host's kernel by a privileged
    // container (tonistiigi/binfmt `--install all`), which the job namespace's policy does not show. Said, not hidden.
    id: 'qemu-binfmt-privileged',
    questions: ['multiArch', 'platforms'],
    severity: 'medium',
    title: msg('QEMU emulation needs a privileged binfmt install', 'QEMUエミュレーションには特権でのbinfmt登録が必要'),
    reason: (p) =>
      p.multiArch?.binfmtByJob
        ? msg(
            'Every job starts a privileged container in the dind daemon to register QEMU handlers in the kernel of the runner host: binfmt_misc is not namespaced, so the handlers apply to every process of the host. Emulated builds are also several times slower than native ones.',
            'すべてのジョブがdindデーモンで特権コンテナを起動し、RunnerホストのカーネルにQEMUハンドラーを登録します。binfmt_miscは名前空間で分離されないため、ハンドラーはホストのすべてのプロセスに適用されます。エミュレーションによるビルドはネイティブより数倍遅くなります。',
          )
        : p.k8s
          ? msg(
              'The build pods cannot register QEMU handlers themselves: a privileged container (a DaemonSet in a namespace that allows privileged pods) must install them on every node that runs build pods, and again after each reboot, whatever the job namespace enforces. The handlers apply to every process of the node. Emulated builds are also several times slower than native ones.',
              'ビルドポッドは自分でQEMUハンドラーを登録できません。ジョブのネームスペースの設定に関わらず、特権コンテナ（特権ポッドを許可するネームスペースのDaemonSet）がビルドポッドを実行するすべてのノードに登録し、再起動のたびに再度必要です。ハンドラーはノードのすべてのプロセスに適用されます。エミュレーションによるビルドはネイティブより数倍遅くなります。',
            )
          : msg(
              'The build cannot register QEMU handlers itself: someone with root on the runner host must run a privileged container once, and again after each reboot. The handlers apply to every process of the host. Emulated builds are also several times slower than native ones.',
              'ビルドは自分でQEMUハンドラーを登録できません。Runnerホストのrootを持つ人が特権コンテナを一度実行し、再起動のたびに再度必要です。ハンドラーはホストのすべてのプロセスに適用されます。エミュレーションによるビルドはネイティブより数倍遅くなります。',
            ),
    fixLabel: msg(
      'Build each architecture natively on its own runner, then merge the manifest list',
      'アーキテクチャごとに専用のRunnerでネイティブにビルドし、マニフェストリストにまとめる',
    ),
    applies: (p) => p.multiArch?.mode === 'qemu' && !p.hosted && !p.windows,
    where: (p) => [
      { file: '.gitlab-ci.yml', mark: 'binfmt-command' },
      { file: 'SETUP.md', path: [SETUP_ANCHORS.binfmt] },
      ...(p.k8s ? inRunnerConfig(['kubernetes']) : inRunnerConfig(['executor'])),
    ],
    fix: (a) => {
      // The platforms native builds have runners for (`NATIVE_PLATFORMS` of answers.ts, which findings do not import).
      const native = ['linux/amd64', 'linux/arm64'];
      const platforms = a.platforms.filter((x) => native.includes(x));
      return {
        multiArch: 'native',
        ...(platforms.length === a.platforms.length ? {} : { platforms: native }),
        // Native builds push the fixed tags (rules.ts `multiArch`).
        ...(a.push && a.tagScheme !== 'fixed' ? { tagScheme: 'fixed' as const } : {}),
        ...(a.executor === 'kubernetes' && a.runnerKind === 'self-managed' ? { k8sNodeArch: 'mixed' as const } : {}),
      };
    },
  },
  {
    id: 'docker-machine-deprecated',
    questions: ['executor'],
    severity: 'medium',
    title: msg('Docker Machine executor is deprecated', 'Docker Machine executorは非推奨'),
    reason: msg(
      'GitLab deprecated the Docker Machine executor in 17.5 and removes it in GitLab 20.0 (May 2027); its Docker Machine fork gets security fixes only. docker-autoscaler replaces it with fleeting plugins for AWS, Google Cloud and Azure, for the same [runners.docker] settings.',
      'GitLabはDocker Machine executorを17.5で非推奨にし、GitLab 20.0（2027年5月）で削除します。Docker Machineのフォークはセキュリティ修正のみです。docker-autoscalerがAWS、Google Cloud、Azure用のfleetingプラグインで置き換え、[runners.docker]の設定はそのまま使えます。',
    ),
    fixLabel: msg('Move to docker-autoscaler', 'docker-autoscalerへ移行する'),
    applies: (p) => p.autoscale?.kind === 'docker-machine',
    where: () => [{ file: 'config.toml', path: [...RUNNER, 'machine', 'MachineDriver'] }],
    fix: () => ({ executor: 'docker-autoscaler' }),
  },
];

/** What the findings need of one generated file: its line index and the marks its generator set. */
export interface PlacedFile {
  index: LineIndex;
  marks?: Readonly<Record<string, KeyPath>>;
}

/** The line of an anchor in the generated files, or null when its file is absent or the place is not in it. */
export function resolveAnchor(anchor: Anchor, files: ReadonlyMap<string, PlacedFile>): number | null {
  const file = files.get(anchor.file);
  if (!file) return null;
  const path = 'path' in anchor ? anchor.path : file.marks?.[anchor.mark];
  return path ? file.index.lineOf(path) : null;
}

const anchorText = (a: Anchor): string => ('path' in a ? JSON.stringify(a.path) : `mark:${a.mark}`);

/**
 * Evaluates every rule on the plan and places each finding on the line its anchor resolves to in the generated
 * files (`files`: path -> line index and marks); `answers` are what the fix patches change. A finding whose anchors all miss keeps line 1 with
 * `anchored: false`; the tests fail on it.
 */
export function evaluateFindings(
  p: Plan,
  files: ReadonlyMap<string, PlacedFile>,
  lang: Lang,
  answers: Answers,
): Finding[] {
  const out: Finding[] = [];
  for (const rule of FINDING_RULES) {
    if (!rule.applies(p)) continue;
    const candidates = rule.where(p);
    let place: { anchor: Anchor; line: number } | null = null;
    for (const anchor of candidates) {
      const line = resolveAnchor(anchor, files);
      if (line !== null) {
        place = { anchor, line };
        break;
      }
    }
    const fallback = candidates.find((c) => files.has(c.file)) ?? { file: '.gitlab-ci.yml', path: [] };
    out.push({
      id: rule.id,
      severity: rule.severity,
      file: (place?.anchor ?? fallback).file,
      line: place?.line ?? 1,
      anchor: anchorText(place?.anchor ?? fallback),
      anchored: place !== null,
      title: rule.title[lang],
      reason: (typeof rule.reason === 'function' ? rule.reason(p) : rule.reason)[lang],
      fix: {
        label: (typeof rule.fixLabel === 'function' ? rule.fixLabel(answers) : rule.fixLabel)[lang],
        patch: rule.fix(answers),
      },
      questions: rule.questions,
    });
  }
  out.sort((x, y) => SEVERITY_ORDER.indexOf(x.severity) - SEVERITY_ORDER.indexOf(y.severity));
  return out;
}
