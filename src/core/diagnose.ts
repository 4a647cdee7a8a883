/**
 * The troubleshooter: recognises the failures of failures.md (section A) in a pasted GitLab job log, explains them,
 * and repairs the answers so that the generated files no longer have the cause.
 *
 * - `FAILURES`: one entry per failure id of failures.md, with its texts (en/ja), sources, log recognisers and fix.
 * - `diagnose(log)`: every failure the log shows, with the matched lines (ANSI colours, GitLab section markers and
 *   timestamps removed). One linear pass over the lines; each line is first checked against cheap lowercase
 *   keywords, and only lines holding a keyword meet the regexes (which have no nested quantifiers). Logs longer than
 *   `MAX_LOG_CHARS` are read from their end (errors are at the end; GitLab itself cuts logs at 4 MiB by default),
 *   and lines are matched on their first `MAX_LINE_CHARS` characters.
 * - `applyFix(answers, failure, choices)`: the answers with the fix applied, normalized (`rules.ts`). A fix is a
 *   patch, a set of questions whose options are patches, or both (the patch first, then the chosen options).
 * - `GENERIC_CHECKS`: what to look at when nothing is recognised.
 *
 * Pure: no DOM, no Node.
 */
import { DEFAULT_ANSWERS, HOST_PORT, type Answers } from './answers';
import { msg, type Msg } from './i18n';
import { redactSecrets, secretKind } from './secrets';
import { isDockerLikeExecutor, isHosted, isKubernetes, normalize, pushRegistry, usesDockerCli } from './rules';

export const FAILURE_IDS = [
  'dind-tls-port-mismatch',
  'dind-not-privileged',
  'socket-permission-denied',
  'no-daemon-reachable',
  'docker29-client-too-old',
  'dockerhub-rate-limit',
  'dind-hostname-unresolved',
  'private-ca-x509',
  'socket-plus-dind-conflict',
  'protected-var-empty-login',
  'push-access-denied',
  'k8s-dind-certs-race',
  'k8s-service-args-and-healthcheck',
  'buildx-cache-export-docker-driver',
  'buildx-tls-context',
  'multiplatform-no-emulation',
  'cache-never-hits',
  'dind-startup-healthcheck',
  'buildkit-rootless-share-mount',
  'buildkit-rootless-hang',
  'kaniko-deprecated',
  'kaniko-legacy-pitfalls',
  'buildah-unprivileged',
  'dind-mtu-hang',
  'dind-overlay-vfs',
  'dind-proxy',
  'per-build-network-dns',
  'compose-v1-missing',
  'docker-auth-config',
  'dependency-proxy-auth',
  'windows-pipe-binding',
] as const;
export type FailureId = (typeof FAILURE_IDS)[number];

/** Values read from the matched log line (named groups), e.g. the registry `host` of an x509 error. */
export type Facts = Record<string, string>;

export interface Recogniser {
  /** Lowercase literals; a line holding none of them is not tested (the cheap pre-filter). */
  kw: readonly string[];
  /** Tested on each cleaned line. Named groups become facts. */
  re: RegExp;
  /** Extra facts read from the matched line. */
  facts?: RegExp;
  /** A line that also matches this belongs to another failure. */
  unless?: RegExp;
  /** The log must also hold this somewhere (for messages that alone say too little). */
  context?: RegExp;
  /** The log must not hold this anywhere. */
  unlessContext?: RegExp;
}

export interface FixOption {
  id: string;
  label: Msg;
  patch: (a: Answers, facts: Facts) => Partial<Answers>;
  /** Whether the option applies to these answers (default: always). */
  available?: (a: Answers) => boolean;
}

export interface FixQuestion {
  id: string;
  text: Msg;
  options: readonly FixOption[];
  /** The option taken when no choice is given. */
  recommended: (a: Answers) => string;
}

export interface FailureFix {
  /** What applying the fix changes in the answers. */
  label: Msg;
  /** Applied first. */
  patch?: (a: Answers, facts: Facts) => Partial<Answers>;
  /** Choices the user makes; each chosen option's patch is applied after `patch`, in order. */
  questions?: readonly FixQuestion[];
  /** What to do outside the generated files (GitLab settings, the runner host, the cluster). */
  outside?: Msg;
}

export interface Failure {
  id: FailureId;
  /** Its number in failures.md. */
  n: number;
  title: Msg;
  cause: Msg;
  /** How to fix it, in words (the generated files carry it once the fix is applied). */
  fixText: Msg;
  fix: FailureFix;
  /** The threads and docs failures.md cites for it. */
  sources: readonly string[];
  recognisers: readonly Recogniser[];
  /** Failures whose messages this one causes in the same log (a dind that never started leaves "no such host"). */
  explains?: readonly FailureId[];
}

// ---------------------------------------------------------------------------------------------------------------
// Contexts shared by several recognisers

const K8S_LOG =
  /Using Kubernetes (?:namespace|executor)|Preparing the "kubernetes" executor|Waiting for pod [\w.-]+\/runner-/i;
const BUILDKIT_LOG = /moby\/buildkit|buildkitd|rootlesskit|buildctl/i;
const BUILDAH_LOG = /buildah|podman|quay\.io\/(?:buildah|podman)/i;
const KANIKO_LOG = /kaniko/i;
const DIND_LOG = /docker:[\w.-]*dind|docker:dind/i;
const DEPENDENCY_PROXY_LOG = /CI_DEPENDENCY_PROXY|dependency_proxy/i;
const WINDOWS_LOG = /\\\\\.\\pipe|\/\/\.\/pipe|docker_engine|windows|powershell|pwsh/i;
const PUBLIC_DNS = /\b8\.8\.(?:8\.8|4\.4):53\b/;

/** `--connect` patterns of the Docker CLI across releases ("daemon" until 27, "docker API" from 28). */
const CONNECT = String.raw`(?:Cannot connect to the Docker daemon|failed to connect to the docker API)`;
const LOOKUP_FAILED = String.raw`(?:no such host|server misbehaving|Temporary failure in name resolution|i/o timeout)`;
const RESOLVER = String.raw`(?: on [0-9A-Fa-f.:\[\]]{3,45})?`;

// ---------------------------------------------------------------------------------------------------------------
// Patch helpers

const major = (version: string): number => Number(/^v?(\d+)/.exec(version)?.[1] ?? '0');
const dockerExecutor = (a: Answers): boolean => !isHosted(a) && isDockerLikeExecutor(a.executor);
const shellRunner = (a: Answers): boolean => !isHosted(a) && a.executor === 'shell';
const DEFAULT_CA_VAR = 'REGISTRY_CA_FILE';

/** What replaces a Kaniko job (both Kaniko failures ask it). */
const KANIKO_REPLACEMENT: FixQuestion = {
  id: 'builder',
  text: msg('Build with what instead of Kaniko?', 'Kanikoの代わりに何でビルドしますか？'),
  recommended: () => 'buildkit',
  options: [
    {
      id: 'buildkit',
      label: msg('Rootless BuildKit (closest to Kaniko)', 'ルートレスBuildKit（Kanikoに最も近い）'),
      patch: () => ({ method: 'buildkit-rootless' }),
    },
    { id: 'buildah', label: msg('Buildah', 'Buildah'), patch: () => ({ method: 'buildah' }) },
  ],
};

/** "Build without the dind daemon": rootless BuildKit (recommended) or Buildah, for what dind cannot do here. */
function daemonlessBuilder(text: Msg, rootless: Msg, buildah: Msg): FixQuestion {
  return {
    id: 'builder',
    text,
    recommended: () => 'rootless',
    options: [
      { id: 'rootless', label: rootless, patch: () => ({ method: 'buildkit-rootless' }) },
      { id: 'buildah', label: buildah, patch: () => ({ method: 'buildah' }) },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------

export const FAILURES: readonly Failure[] = [
  {
    id: 'dind-tls-port-mismatch',
    n: 1,
    title: msg(
      'Docker-in-Docker: client port and TLS do not match',
      'Docker-in-Docker: クライアントのポートとTLS設定が一致しない',
    ),
    cause: msg(
      'Since Docker 19.03, docker:dind creates TLS certificates and listens on 2376 whenever DOCKER_TLS_CERTDIR is set (it is by default). The client still dials 2375, speaks plain HTTP to the TLS port, or never receives the client certificates in /certs/client.',
      'Docker 19.03以降、docker:dindはDOCKER_TLS_CERTDIRが設定されていると（デフォルトで設定済み）TLS証明書を作成し、2376番ポートで待ち受けます。クライアントが2375番に接続している、TLSのポートに平文HTTPで接続している、または/certs/clientのクライアント証明書を受け取れていない状態です。',
    ),
    fixText: msg(
      'Make the port match the TLS choice. TLS on: DOCKER_HOST tcp://docker:2376, DOCKER_TLS_CERTDIR "/certs", DOCKER_TLS_VERIFY 1, DOCKER_CERT_PATH "$DOCKER_TLS_CERTDIR/client", and the runner shares /certs/client (config.toml volumes, privileged = true). TLS off: DOCKER_HOST tcp://docker:2375 with DOCKER_TLS_CERTDIR "". A Unix socket on a per-job volume avoids ports and certificates altogether.',
      'ポートをTLSの選択に合わせます。TLSありの場合は、DOCKER_HOSTをtcp://docker:2376、DOCKER_TLS_CERTDIRを"/certs"、DOCKER_TLS_VERIFYを1、DOCKER_CERT_PATHを"$DOCKER_TLS_CERTDIR/client"にし、Runnerで/certs/clientを共有します（config.tomlのvolumesとprivileged = true）。TLSなしの場合は、DOCKER_HOSTをtcp://docker:2375にし、DOCKER_TLS_CERTDIRを""にします。ジョブごとのボリューム上のUnixソケットを使えば、ポートも証明書も不要です。',
    ),
    fix: {
      label: msg(
        'Regenerate the Docker-in-Docker connection with matching port and TLS',
        'ポートとTLSが一致したDocker-in-Dockerの接続設定を生成し直す',
      ),
      patch: () => ({ method: 'dind' }),
      questions: [
        {
          id: 'connection',
          text: msg('How should the job reach the dind daemon?', 'ジョブからdindデーモンへの接続方法は？'),
          recommended: () => 'tls',
          options: [
            {
              id: 'tls',
              label: msg(
                'TLS on port 2376, client certificates shared through /certs/client',
                'ポート2376でTLS、クライアント証明書は/certs/clientで共有',
              ),
              patch: () => ({ tls: 'tcp' }),
            },
            {
              id: 'socket-volume',
              label: msg(
                'Unix socket on a per-job volume (no port, no certificates; Docker executor)',
                'ジョブごとのボリューム上のUnixソケット（ポートも証明書も不要、Docker executor）',
              ),
              patch: () => ({ tls: 'socket-volume' }),
              available: dockerExecutor,
            },
            {
              id: 'tls-off',
              label: msg(
                'TLS off on port 2375 (DOCKER_TLS_CERTDIR ""; unauthenticated plain TCP)',
                'ポート2375でTLSなし（DOCKER_TLS_CERTDIRは""、認証なしの平文TCP）',
              ),
              patch: () => ({ tls: 'off' }),
            },
          ],
        },
      ],
      outside: msg(
        'Merge the generated config.toml into the runner (the /certs/client volume and privileged = true) and restart it with `gitlab-runner restart`.',
        '生成したconfig.tomlをRunnerにマージし（/certs/clientボリュームとprivileged = true）、`gitlab-runner restart`で再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/4501',
      'https://gitlab.com/gitlab-org/gitlab-ce/issues/64968',
      'https://github.com/docker-library/docker/issues/170',
    ],
    recognisers: [
      {
        kw: ['cannot connect to the docker daemon at tcp', 'failed to connect to the docker api at tcp'],
        re: new RegExp(String.raw`${CONNECT} at tcp://(?<host>[\w.-]+):(?<port>2375|2376)\b`, 'i'),
        // A name that does not resolve is dind-hostname-unresolved.
        unless: /\blookup \S{1,255}?(?: on \S{1,64})?: /,
      },
      {
        kw: ['connection refused'],
        re: /dial tcp [0-9A-Fa-f.:[\]]{3,45}:(?<port>2375|2376): connect: connection refused/i,
      },
      {
        kw: ['http request to an https server'],
        re: /Client sent an HTTP request to an HTTPS server/i,
      },
      {
        kw: ['server gave http response to https client'],
        re: /:(?<port>2375|2376)\/[^\s"]{0,200}"?: http: server gave HTTP response to HTTPS client/i,
      },
      {
        kw: ['.pem'],
        re: /open (?<path>\/[^\s:]*\/(?:ca|cert|key)\.pem): no such file or directory/i,
        unlessContext: K8S_LOG,
      },
    ],
  },
  {
    id: 'dind-not-privileged',
    n: 2,
    title: msg(
      'Docker-in-Docker service not privileged: dockerd did not start',
      'Docker-in-Dockerサービスが特権モードでない: dockerdが起動していない',
    ),
    cause: msg(
      'The runner has privileged = false, so dockerd inside the docker:dind service cannot mount, set up iptables or start. The job keeps running and fails later with a connection or "no such host" error, which hides the real cause.',
      'Runnerがprivileged = falseのため、docker:dindサービス内のdockerdがマウントやiptablesの設定を行えず、起動できません。ジョブはそのまま進み、後で接続エラーや「no such host」で失敗するため、本当の原因が見えにくくなります。',
    ),
    fixText: msg(
      'Set privileged = true in [runners.docker] (Kubernetes: [runners.kubernetes]) of the runner that takes these jobs, or build without a daemon: rootless BuildKit or Buildah need no privileged container.',
      'このジョブを実行するRunnerの[runners.docker]（Kubernetesでは[runners.kubernetes]）でprivileged = trueを設定するか、デーモンなしでビルドします。ルートレスBuildKitやBuildahは特権コンテナを必要としません。',
    ),
    fix: {
      label: msg('Match the build method to what the runner allows', 'Runnerが許可する範囲にビルド方法を合わせる'),
      questions: [
        {
          id: 'privileged',
          text: msg(
            'Can this runner run privileged containers (you administer it, and policy allows it)?',
            'このRunnerで特権コンテナを実行できますか（自分で管理しており、ポリシー上も許可されている）？',
          ),
          recommended: (a) => (isHosted(a) ? 'yes' : 'no'),
          options: [
            {
              id: 'no',
              label: msg(
                'No: build without a daemon (rootless BuildKit)',
                'いいえ: デーモンなしでビルドする（ルートレスBuildKit）',
              ),
              patch: () => ({ allowPrivileged: false }),
            },
            {
              id: 'yes',
              label: msg(
                'Yes: keep Docker-in-Docker and set privileged = true on the runner',
                'はい: Docker-in-Dockerのまま、Runnerでprivileged = trueを設定する',
              ),
              patch: () => ({ allowPrivileged: true, method: 'dind' }),
            },
          ],
        },
      ],
      outside: msg(
        'With Docker-in-Docker, apply privileged = true from the generated config.toml (or Helm values) to the runner and restart it; a runner you do not administer needs its administrator.',
        'Docker-in-Dockerを使う場合は、生成したconfig.toml（またはHelmのvalues）のprivileged = trueをRunnerに反映して再起動します。自分で管理していないRunnerでは管理者に依頼してください。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/388040',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/420647',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      { kw: ['are you root'], re: /mount: permission denied \(are you root\?\)/i },
      { kw: ['/sys/kernel/security'], re: /Could not mount \/sys\/kernel\/security/i },
      { kw: ['privileged mode might break'], re: /AppArmor detection and --privileged mode might break/i },
      {
        kw: ['you must be root'],
        re: /can't initialize iptables table [`'"]?(?<table>\w+)[`'"]?: Permission denied \(you must be root\)/i,
      },
      {
        kw: ['error initializing network controller'],
        re: /Error initializing network controller.{0,600}(?:operation not permitted|permission denied|iptables)/i,
      },
    ],
  },
  {
    id: 'socket-permission-denied',
    n: 3,
    title: msg('Permission denied on the Docker socket', 'Dockerソケットへのアクセスが拒否された'),
    cause: msg(
      'The job talks to the host daemon through /var/run/docker.sock but may not open it: with the shell executor, the gitlab-runner user is not in the docker group; with socket binding, the job image runs as a user without access to the socket.',
      'ジョブは/var/run/docker.sock経由でホストのデーモンに接続しますが、ソケットを開く権限がありません。shell executorではgitlab-runnerユーザーがdockerグループに入っていません。ソケットバインディングでは、ジョブのイメージがソケットにアクセスできないユーザーで動いています。',
    ),
    fixText: msg(
      'On the runner host: `sudo usermod -aG docker gitlab-runner`, then `sudo gitlab-runner restart`. Membership in the docker group is equivalent to root on the host. Or build without the host daemon.',
      'Runnerホストで`sudo usermod -aG docker gitlab-runner`を実行し、`sudo gitlab-runner restart`で再起動します。dockerグループのメンバーはホストのrootと同等です。または、ホストのデーモンを使わずにビルドします。',
    ),
    fix: {
      label: msg(
        'Grant socket access, or build without the host daemon',
        'ソケットへのアクセスを許可するか、ホストのデーモンなしでビルドする',
      ),
      questions: [
        {
          id: 'daemon',
          text: msg('Keep using the host Docker daemon?', 'ホストのDockerデーモンを使い続けますか？'),
          recommended: () => 'docker-group',
          options: [
            {
              id: 'docker-group',
              label: msg(
                'Yes: add gitlab-runner to the docker group (root on the host)',
                'はい: gitlab-runnerをdockerグループに追加する（ホストのroot相当）',
              ),
              patch: (a) => (shellRunner(a) ? { method: 'host' } : { method: 'socket' }),
            },
            {
              id: 'no-daemon',
              label: msg(
                'No: Docker executor with rootless BuildKit (no host daemon)',
                'いいえ: Docker executorとルートレスBuildKit（ホストのデーモンなし）',
              ),
              patch: (a) =>
                shellRunner(a) ? { executor: 'docker', method: 'buildkit-rootless' } : { method: 'buildkit-rootless' },
            },
          ],
        },
      ],
      outside: msg(
        'The docker group change is made on the runner host (SETUP.md has the commands); restart the runner afterwards.',
        'dockerグループの変更はRunnerホストで行います（コマンドはSETUP.mdにあります）。その後Runnerを再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/4660',
      'https://docs.gitlab.com/17.6/ci/docker/using_docker_build',
    ],
    recognisers: [
      {
        kw: ['permission denied while trying to connect to the docker'],
        re: /permission denied while trying to connect to the Docker (?:daemon socket|API) at (?<socket>unix:\/\/[^\s;:]+)/i,
      },
      {
        kw: ['connect: permission denied'],
        re: /dial unix (?<socket>\/[^\s:]*docker\.sock): connect: permission denied/i,
      },
    ],
  },
  {
    id: 'no-daemon-reachable',
    n: 4,
    title: msg('No Docker daemon reachable from the job', 'ジョブから到達できるDockerデーモンがない'),
    cause: msg(
      'The job has a docker CLI but neither a dind service (with DOCKER_HOST) nor a mounted socket, so the client falls back to unix:///var/run/docker.sock, which does not exist. On Kubernetes, nodes running containerd or CRI-O have no docker.sock to mount at all.',
      'ジョブにdocker CLIはありますが、dindサービス（とDOCKER_HOST）もマウントされたソケットもないため、クライアントは存在しないunix:///var/run/docker.sockに接続しようとします。Kubernetesでは、containerdやCRI-Oのノードにはマウントできるdocker.sockがそもそもありません。',
    ),
    fixText: msg(
      'Give the job a daemon: a docker:dind service with DOCKER_HOST (privileged runner), or on the Docker executor volumes = ["/var/run/docker.sock:/var/run/docker.sock", "/cache"]. On Kubernetes, use Docker-in-Docker, rootless BuildKit or Buildah instead of the node socket. With the shell executor, start Docker on the host (`sudo systemctl start docker`).',
      'ジョブにデーモンを用意します。DOCKER_HOST付きのdocker:dindサービス（特権Runner）か、Docker executorでvolumes = ["/var/run/docker.sock:/var/run/docker.sock", "/cache"]を使います。Kubernetesではノードのソケットの代わりに、Docker-in-Docker、ルートレスBuildKit、Buildahを使います。shell executorではホストでDockerを起動します（`sudo systemctl start docker`）。',
    ),
    fix: {
      label: msg(
        'Use a build method that brings its own daemon or needs none',
        'デーモンを持つか、デーモン不要のビルド方法を使う',
      ),
      questions: [
        {
          id: 'builder',
          text: msg('How should the image be built?', 'イメージのビルド方法は？'),
          recommended: (a) => (shellRunner(a) ? 'buildah' : a.allowPrivileged ? 'dind' : 'rootless'),
          options: [
            {
              id: 'dind',
              label: msg('Docker-in-Docker service (privileged runner)', 'Docker-in-Dockerサービス（特権Runner）'),
              patch: () => ({ method: 'dind' }),
              available: (a) => a.allowPrivileged && !shellRunner(a),
            },
            {
              id: 'rootless',
              label: msg('Rootless BuildKit (no daemon, unprivileged)', 'ルートレスBuildKit（デーモンなし、非特権）'),
              patch: () => ({ method: 'buildkit-rootless' }),
              available: (a) => !shellRunner(a),
            },
            {
              id: 'buildah',
              label: msg('Buildah (no daemon)', 'Buildah（デーモンなし）'),
              patch: () => ({ method: 'buildah' }),
            },
          ],
        },
      ],
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/428875',
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/2590',
    ],
    recognisers: [
      {
        kw: ['cannot connect to the docker daemon at unix', 'failed to connect to the docker api at unix'],
        re: new RegExp(String.raw`${CONNECT} at (?<socket>unix://[^\s;]*?\.sock)`, 'i'),
      },
      {
        kw: ['connect: no such file or directory'],
        re: /dial unix (?<socket>\/[^\s:]*docker\.sock): connect: no such file or directory/i,
      },
    ],
  },
  {
    id: 'docker29-client-too-old',
    n: 5,
    title: msg('Docker client too old for Docker Engine 29', 'DockerクライアントがDocker Engine 29に対して古すぎる'),
    cause: msg(
      'Docker Engine 29 (November 2025) raised the minimum API version to 1.44 (Docker 25). A floating docker:dind, or a host engine upgraded to 29, meets an old client: docker:stable, an old tool image, or an old runner or docker-machine (which then fail at "Preparation failed").',
      'Docker Engine 29（2025年11月）で最小APIバージョンが1.44（Docker 25）に引き上げられました。タグを固定していないdocker:dindや29に更新したホストのエンジンが、古いクライアント（docker:stable、古いツールイメージ、古いRunnerやdocker-machine。この場合は「Preparation failed」で失敗）と組み合わさっています。',
    ),
    fixText: msg(
      'Pin a matching pair, such as image docker:29-cli with service docker:29-dind; never use docker:stable. If the runner itself fails at "Preparation failed", upgrade GitLab Runner (runner#39129) or hold the host engine at 28.',
      'docker:29-cliのイメージとdocker:29-dindのサービスのように、対応するバージョンの組で固定します。docker:stableは使いません。Runner自体が「Preparation failed」で失敗する場合は、GitLab Runnerを更新する（runner#39129）か、ホストのエンジンを28のままにします。',
    ),
    fix: {
      label: msg('Pin the Docker client to a current version', 'Dockerクライアントを現行バージョンに固定する'),
      patch: (a) => (major(a.dockerVersion) < 29 ? { dockerVersion: DEFAULT_ANSWERS.dockerVersion } : {}),
      outside: msg(
        'If the error appears before the job starts ("Preparation failed"), upgrade GitLab Runner on the runner host.',
        'ジョブの開始前（「Preparation failed」）にエラーが出る場合は、RunnerホストのGitLab Runnerを更新します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/580731',
      'https://github.com/docker-library/docker/issues/559',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/39129',
    ],
    recognisers: [
      {
        kw: ['is too old'],
        re: /client version (?<client>\d+\.\d+) is too old\. Minimum supported API version is (?<min>\d+\.\d+)/i,
      },
    ],
  },
  {
    id: 'dockerhub-rate-limit',
    n: 6,
    title: msg('Docker Hub pull rate limit', 'Docker Hubのpull回数制限'),
    cause: msg(
      "Anonymous Docker Hub pulls are limited per IPv4 address (or IPv6 /64), shared by every runner behind the same NAT. The limit also hits the pull of docker:dind itself, and the dind daemon does not use the runner host's mirror.",
      'Docker Hubの匿名pullはIPv4アドレス（またはIPv6の/64）ごとに制限され、同じNATの背後のすべてのRunnerで共有されます。docker:dind自体のpullも制限の対象で、dindデーモンはRunnerホストのミラーを使いません。',
    ),
    fixText: msg(
      'Pull through the GitLab Dependency Proxy (images and FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/…), log in to Docker Hub in the job before building, or give the daemon a registry mirror (--registry-mirror on the dind service, or a daemon.json).',
      'GitLabの依存プロキシ経由でpullする（イメージとFROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/…）、ビルド前にジョブでDocker Hubにログインする、またはデーモンにレジストリミラーを設定します（dindサービスの--registry-mirror、またはdaemon.json）。',
    ),
    fix: {
      label: msg('Authenticate the pulls from Docker Hub', 'Docker Hubからのpullを認証付きにする'),
      questions: [
        {
          id: 'pull',
          text: msg('How should Docker Hub images be pulled?', 'Docker Hubのイメージをどうpullしますか？'),
          recommended: () => 'dependency-proxy',
          options: [
            {
              id: 'dependency-proxy',
              label: msg(
                'Through the GitLab Dependency Proxy (no extra credentials)',
                'GitLabの依存プロキシ経由（追加の認証情報は不要）',
              ),
              patch: () => ({ dependencyProxy: true }),
            },
            {
              id: 'hub-login',
              label: msg('Log in to Docker Hub with CI/CD variables', 'CI/CD変数でDocker Hubにログインする'),
              patch: () => ({ registryDockerHub: true }),
            },
          ],
        },
      ],
      outside: msg(
        'Dependency Proxy: the project must belong to a group with the Dependency Proxy enabled, and Dockerfiles should use FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/image. Docker Hub login: create masked CI/CD variables DOCKER_HUB_USER and DOCKER_HUB_PASSWORD (an access token). A mirror URL can be set in the Network step.',
        '依存プロキシ: プロジェクトは依存プロキシが有効なグループに属している必要があり、DockerfileではFROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/imageを使います。Docker Hubへのログイン: マスクしたCI/CD変数DOCKER_HUB_USERとDOCKER_HUB_PASSWORD（アクセストークン）を作成します。ミラーのURLは「ネットワーク」の手順で設定できます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27171',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27193',
      'https://github.com/docker/docs/pull/22081',
    ],
    recognisers: [
      { kw: ['toomanyrequests'], re: /toomanyrequests:/i },
      { kw: ['pull rate limit'], re: /You have reached your (?:unauthenticated )?pull rate limit/i },
      { kw: ['increase-rate-limit'], re: /docker\.com\/increase-rate-limit/i },
    ],
  },
  {
    id: 'dind-hostname-unresolved',
    n: 7,
    title: msg('The dind service name does not resolve', 'dindサービスのホスト名を解決できない'),
    cause: msg(
      'The host in DOCKER_HOST is not a running service: the service never started (see dind-not-privileged), its alias differs from DOCKER_HOST, the shell executor silently ignores services:, /etc/hosts was mounted into the job container, or an old Kubernetes executor (12.7 or earlier) needed localhost.',
      'DOCKER_HOSTのホストが動作中のサービスではありません。サービスが起動しなかった（dind-not-privilegedを参照）、エイリアスがDOCKER_HOSTと異なる、shell executorがservices:を黙って無視している、/etc/hostsをジョブコンテナにマウントした、または古いKubernetes executor（12.7以前）でlocalhostが必要だった、のいずれかです。',
    ),
    fixText: msg(
      'Declare services: [{name: docker:29-dind, alias: docker}] with DOCKER_HOST tcp://docker:2376 on a Docker or Kubernetes executor, and never mount /etc/hosts.',
      'DockerまたはKubernetes executorで、services: [{name: docker:29-dind, alias: docker}]とDOCKER_HOST tcp://docker:2376を設定します。/etc/hostsは決してマウントしないでください。',
    ),
    fix: {
      label: msg(
        'Regenerate the dind service with the alias DOCKER_HOST uses',
        'DOCKER_HOSTが使うエイリアス付きでdindサービスを生成し直す',
      ),
      patch: (a) => (shellRunner(a) ? { executor: 'docker', method: 'dind' } : { method: 'dind' }),
      outside: msg(
        'A shell runner cannot run services: register a Docker executor runner (register.sh) for these jobs. Remove any /etc/hosts volume from the runner.',
        'shell Runnerではサービスを実行できません。このジョブ用にDocker executorのRunnerを登録します（register.sh）。Runnerから/etc/hostsのボリュームを削除します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/8818',
      'https://gitlab.com/gitlab-org/gitlab-ee/issues/3755',
    ],
    recognisers: [
      {
        kw: ['lookup '],
        re: new RegExp(String.raw`lookup (?<alias>[A-Za-z0-9_-]+(?:__[A-Za-z0-9_.-]+)?)${RESOLVER}: ${LOOKUP_FAILED}`),
      },
    ],
  },
  {
    id: 'private-ca-x509',
    n: 8,
    title: msg(
      'Registry certificate signed by an unknown authority',
      'レジストリの証明書が不明な認証局で署名されている',
    ),
    cause: msg(
      "The pull, push or login is made by the daemon or builder (dockerd inside dind, BuildKit, Buildah), which does not trust the private CA. The runner's tls-ca-file only covers the runner's own connection to GitLab.",
      'pull、push、ログインを行うのはデーモンやビルダー（dind内のdockerd、BuildKit、Buildah）であり、プライベートCAを信頼していません。Runnerのtls-ca-fileが対象とするのは、RunnerからGitLabへの接続だけです。',
    ),
    fixText: msg(
      'Give the CA to the component that talks to the registry: for dind, mount /etc/docker/certs.d (with certs.d/<host:port>/ca.crt) into the service through the runner volumes; for BuildKit, pass the CA file (SSL_CERT_FILE); for Buildah and Podman, /etc/containers/certs.d/<host:port>/ca.crt. --insecure-registry is a last resort only.',
      'レジストリと通信するコンポーネントにCAを渡します。dindでは、Runnerのvolumesで/etc/docker/certs.d（certs.d/<host:port>/ca.crtを含む）をサービスにマウントします。BuildKitではCAファイルを渡します（SSL_CERT_FILE）。BuildahとPodmanでは/etc/containers/certs.d/<host:port>/ca.crtを使います。--insecure-registryは最後の手段です。',
    ),
    fix: {
      label: msg('Trust the registry CA in the build', 'ビルドでレジストリのCAを信頼させる'),
      patch: (a, facts) => {
        const host =
          facts.host && HOST_PORT.test(facts.host)
            ? facts.host
            : a.customCaHost || (a.registryOther ? a.otherRegistryHost : 'registry.example.com');
        const patch: Partial<Answers> = { customCaVar: a.customCaVar || DEFAULT_CA_VAR, customCaHost: host };
        // The dind daemon of a GitLab-hosted runner cannot be given a CA: the rootless builder reads the job's file.
        if (isHosted(a) && a.method === 'dind') patch.method = 'buildkit-rootless';
        if (a.method === 'buildctl') patch.method = 'buildkit-rootless';
        return patch;
      },
      outside: msg(
        `Create a File-type CI/CD variable (${DEFAULT_CA_VAR} unless you named another) holding the CA certificate. For Docker-in-Docker or a host daemon, also put the CA at /etc/docker/certs.d/<host:port>/ca.crt on the runner host (SETUP.md shows where).`,
        `CA証明書を入れたファイル型のCI/CD変数（別の名前にしていなければ${DEFAULT_CA_VAR}）を作成します。Docker-in-Dockerやホストのデーモンでは、RunnerホストのCA証明書を/etc/docker/certs.d/<host:port>/ca.crtにも置きます（場所はSETUP.mdに記載）。`,
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/1350',
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/1842',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/21229',
    ],
    recognisers: [
      {
        kw: ['x509: certificate signed by unknown authority'],
        re: /x509: certificate signed by unknown authority/i,
        facts: /https:\/\/(?<host>[A-Za-z0-9.-]+(?::\d{1,5})?)\//,
      },
    ],
  },
  {
    id: 'socket-plus-dind-conflict',
    n: 9,
    title: msg(
      'Host socket mounted beside a Docker-in-Docker service',
      'Docker-in-Dockerサービスと同時にホストのソケットをマウントしている',
    ),
    cause: msg(
      "The runner's volumes include the host's /var/run/docker.sock, and runner volumes are mounted into service containers too: the docker:dind service cannot create its own socket.",
      'Runnerのvolumesにホストの/var/run/docker.sockが含まれており、Runnerのボリュームはサービスコンテナにもマウントされます。そのためdocker:dindサービスが自分のソケットを作成できません。',
    ),
    fixText: msg(
      'Use one approach per runner: give Docker-in-Docker runners no socket volume, and separate socket-binding runners from dind runners with tags.',
      'Runnerごとに方式を1つにします。Docker-in-DockerのRunnerにはソケットのボリュームを設定せず、ソケットバインディングのRunnerとdindのRunnerはタグで分けます。',
    ),
    fix: {
      label: msg('Keep one daemon approach for the runner', 'Runnerのデーモン方式を1つにする'),
      questions: [
        {
          id: 'approach',
          text: msg('Which daemon should the jobs use?', 'ジョブが使うデーモンは？'),
          recommended: (a) => (a.allowPrivileged ? 'dind' : 'socket'),
          options: [
            {
              id: 'dind',
              label: msg(
                'Docker-in-Docker only (no socket volume)',
                'Docker-in-Dockerのみ（ソケットのボリュームなし）',
              ),
              patch: () => ({ method: 'dind' }),
            },
            {
              id: 'socket',
              label: msg(
                'The host daemon through the socket only (no dind service)',
                'ソケット経由のホストのデーモンのみ（dindサービスなし）',
              ),
              patch: () => ({ method: 'socket' }),
              available: dockerExecutor,
            },
          ],
        },
      ],
      outside: msg(
        'Remove "/var/run/docker.sock:/var/run/docker.sock" from the volumes of the Docker-in-Docker runner in config.toml, restart it, and give each kind of runner its own tags.',
        'config.tomlでDocker-in-DockerのRunnerのvolumesから"/var/run/docker.sock:/var/run/docker.sock"を削除して再起動し、Runnerの種類ごとに別のタグを付けます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/4260',
      'https://gitlab.com/postgres-ai/database-lab/-/issues/634',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      {
        kw: ["can't create unix socket"],
        re: /can't create unix socket (?<socket>\/[^\s:]*docker\.sock): (?:is a directory|device or resource busy|address already in use)/i,
      },
      {
        kw: ['failed to load listeners'],
        re: /failed to load listeners:.{0,600}?docker\.sock: (?:is a directory|device or resource busy|address already in use)/i,
      },
    ],
  },
  {
    id: 'protected-var-empty-login',
    n: 10,
    title: msg(
      'Registry login with empty (protected) variables',
      '空の（保護された）変数でレジストリにログインしている',
    ),
    cause: msg(
      'The registry credentials are Protected (or environment-scoped) CI/CD variables: on unprotected branches they are empty, so docker login asks for a password on a terminal the job does not have.',
      'レジストリの認証情報が保護された（または環境スコープ付きの）CI/CD変数です。保護されていないブランチでは空になるため、docker loginがジョブにはない端末でパスワードを求めます。',
    ),
    fixText: msg(
      'Run the jobs that log in with protected variables only on protected refs (rules: if: $CI_COMMIT_REF_PROTECTED == "true"), or push to the GitLab registry with the predefined CI_REGISTRY_USER / CI_REGISTRY_PASSWORD (the job token). Always pass the password with --password-stdin.',
      '保護された変数でログインするジョブは、保護されたrefでのみ実行します（rules: if: $CI_COMMIT_REF_PROTECTED == "true"）。または、定義済みのCI_REGISTRY_USER / CI_REGISTRY_PASSWORD（ジョブトークン）でGitLabレジストリにプッシュします。パスワードは常に--password-stdinで渡します。',
    ),
    fix: {
      label: msg('Log in only where the credentials exist', '認証情報が存在する場合にだけログインする'),
      questions: [
        {
          id: 'scope',
          text: msg('How should the job get registry credentials?', 'ジョブはレジストリの認証情報をどう取得しますか？'),
          recommended: (a) => (a.registryDockerHub || a.registryOther ? 'protected-only' : 'gitlab-registry'),
          options: [
            {
              id: 'protected-only',
              label: msg(
                'Keep the protected variables; run those jobs on protected branches and tags only',
                '保護された変数のまま、そのジョブは保護されたブランチとタグでのみ実行する',
              ),
              patch: () => ({ protectedOnly: true, passwordStdin: true }),
              available: (a) => a.registryDockerHub || a.registryOther,
            },
            {
              id: 'gitlab-registry',
              label: msg(
                'Push to the GitLab registry with the job token (predefined CI_REGISTRY_* variables)',
                'ジョブトークン（定義済みのCI_REGISTRY_*変数）でGitLabレジストリにプッシュする',
              ),
              patch: () => ({
                image: '$CI_REGISTRY_IMAGE',
                registryGitlab: true,
                registryDockerHub: false,
                registryOther: false,
                authMethod: 'login',
                passwordStdin: true,
              }),
            },
          ],
        },
      ],
      outside: msg(
        'Or, in Settings > CI/CD > Variables, clear "Protect variable" (and the environment scope) on the registry variables if every branch may push.',
        'または、すべてのブランチがプッシュしてよい場合は、「設定 > CI/CD > 変数」でレジストリの変数の「変数の保護」（と環境スコープ）を外します。',
      ),
    },
    sources: [
      'https://github.com/JanMikes/gitlab-ci-push-to-gcr/issues/2',
      'https://github.com/GoogleContainerTools/kaniko/issues/702',
    ],
    recognisers: [
      {
        kw: ['interactive login from a non tty device'],
        re: /Cannot perform an interactive login from a non TTY device/i,
      },
      {
        kw: ['error checking push permissions'],
        re: /error checking push permissions.{0,600}UNAUTHORIZED/i,
      },
    ],
  },
  {
    id: 'push-access-denied',
    n: 11,
    title: msg('Push denied by the registry', 'レジストリがプッシュを拒否した'),
    cause: msg(
      'The tag is not under $CI_REGISTRY_IMAGE (another namespace, or a bare name that resolves to docker.io), or the job logged in to a different host than the one it pushes to.',
      'タグが$CI_REGISTRY_IMAGEの下にない（別の名前空間、またはdocker.ioと解釈される名前だけのタグ）か、ジョブがプッシュ先とは別のホストにログインしています。',
    ),
    fixText: msg(
      'Tag "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" and log in to "$CI_REGISTRY" with CI_REGISTRY_USER / CI_REGISTRY_PASSWORD. For a push to another project, use a deploy token with write_registry.',
      '"$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"でタグ付けし、CI_REGISTRY_USER / CI_REGISTRY_PASSWORDで"$CI_REGISTRY"にログインします。別のプロジェクトへプッシュする場合は、write_registry権限のデプロイトークンを使います。',
    ),
    fix: {
      label: msg('Push to a registry the job is logged in to', 'ジョブがログインしているレジストリへプッシュする'),
      questions: [
        {
          id: 'target',
          text: msg('Where should the image be pushed?', 'イメージのプッシュ先は？'),
          recommended: () => 'gitlab',
          options: [
            {
              id: 'gitlab',
              label: msg(
                "This project's GitLab registry ($CI_REGISTRY_IMAGE)",
                'このプロジェクトのGitLabレジストリ（$CI_REGISTRY_IMAGE）',
              ),
              patch: () => ({ image: '$CI_REGISTRY_IMAGE', registryGitlab: true, push: true }),
            },
            {
              id: 'keep',
              label: msg(
                'Keep the image name and log in to its registry',
                'イメージ名はそのままで、そのレジストリにログインする',
              ),
              patch: (a) => {
                const to = pushRegistry(a);
                if (to === 'dockerhub') return { registryDockerHub: true, authMethod: 'login' };
                if (to === 'other') return { registryOther: true, authMethod: 'login' };
                if (to === 'gitlab') return { registryGitlab: true, authMethod: 'login' };
                return { image: '$CI_REGISTRY_IMAGE', registryGitlab: true };
              },
            },
          ],
        },
      ],
      outside: msg(
        "Check that the project's container registry is enabled and that the user running the pipeline has at least the Developer role. For another project, create a deploy token with write_registry and store it in masked CI/CD variables.",
        'プロジェクトのコンテナレジストリが有効で、パイプラインを実行するユーザーがDeveloper以上のロールを持つことを確認します。別のプロジェクトへは、write_registry権限のデプロイトークンを作成し、マスクしたCI/CD変数に保存します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/3216',
      'https://gitlab.com/gitlab-org/gitlab-foss/issues/42463',
    ],
    recognisers: [
      {
        kw: ['requested access to the resource is denied'],
        re: /denied: requested access to the resource is denied/i,
        unless: /pull access denied/i,
      },
      { kw: ['http basic: access denied'], re: /unauthorized: HTTP Basic: Access denied/i },
      { kw: ['denied: access forbidden'], re: /denied: access forbidden/i },
    ],
  },
  {
    id: 'k8s-dind-certs-race',
    n: 12,
    title: msg('Kubernetes: the dind client certificates are missing', 'Kubernetes: dindのクライアント証明書がない'),
    cause: msg(
      'On Kubernetes there is no shared /certs/client volume unless the runner declares one, or the script starts before dind has written its certificates.',
      'Kubernetesでは、Runnerで宣言しない限り共有の/certs/clientボリュームがありません。または、dindが証明書を書き込む前にスクリプトが始まっています。',
    ),
    fixText: msg(
      'Declare [[runners.kubernetes.volumes.empty_dir]] name = "docker-certs", mount_path = "/certs/client", medium = "Memory" in config.toml, and set HEALTHCHECK_TCP_PORT: "2376" on the service so that the job waits for dockerd. As a fallback, start the script with `until docker info; do sleep 1; done`.',
      'config.tomlで[[runners.kubernetes.volumes.empty_dir]] name = "docker-certs"、mount_path = "/certs/client"、medium = "Memory"を宣言し、サービスにHEALTHCHECK_TCP_PORT: "2376"を設定して、ジョブがdockerdを待つようにします。予備策として、スクリプトの先頭で`until docker info; do sleep 1; done`を実行します。',
    ),
    fix: {
      label: msg(
        'Regenerate the Kubernetes dind setup with the certificate volume and the health check',
        '証明書ボリュームとヘルスチェック付きでKubernetesのdind構成を生成し直す',
      ),
      patch: () => ({ method: 'dind', tls: 'tcp' }),
      outside: msg(
        'Apply the empty_dir volume from the generated config.toml (or Helm values.yaml) to the runner and restart it.',
        '生成したconfig.toml（またはHelmのvalues.yaml）のempty_dirボリュームをRunnerに反映し、再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27384',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27306',
    ],
    explains: ['dind-tls-port-mismatch'],
    recognisers: [
      {
        kw: ['.pem'],
        re: /open (?<path>\/[^\s:]*\/(?:ca|cert|key)\.pem): no such file or directory/i,
        context: K8S_LOG,
      },
    ],
  },
  {
    id: 'k8s-service-args-and-healthcheck',
    n: 13,
    title: msg(
      'Kubernetes: dind service flags mangled, or no wait for the service',
      'Kubernetes: dindサービスのフラグが壊れている、またはサービスを待っていない',
    ),
    cause: msg(
      'The Kubernetes executor historically put both entrypoint and command into the container command, and CI/CD variables are not expanded in services command/entrypoint, so dockerd receives a literal $VAR or runs a flag as a program. Kubernetes cannot detect a service port: without HEALTHCHECK_TCP_PORT the job does not wait for dind at all.',
      'Kubernetes executorは以前、entrypointとcommandの両方をコンテナのcommandに入れていました。またservicesのcommand/entrypointではCI/CD変数が展開されないため、dockerdがリテラルの$VARを受け取ったり、フラグをプログラムとして実行したりします。Kubernetesはサービスのポートを検出できないため、HEALTHCHECK_TCP_PORTがないとジョブはdindを待ちません。',
    ),
    fixText: msg(
      'Write literal flags (command: ["--mtu=1450"]), set HEALTHCHECK_TCP_PORT on the service, and use DOCKER_HOST tcp://docker:2376.',
      'フラグはリテラルで書き（command: ["--mtu=1450"]）、サービスにHEALTHCHECK_TCP_PORTを設定し、DOCKER_HOSTにtcp://docker:2376を使います。',
    ),
    fix: {
      label: msg(
        'Regenerate the dind service with literal flags and HEALTHCHECK_TCP_PORT',
        'リテラルのフラグとHEALTHCHECK_TCP_PORT付きでdindサービスを生成し直す',
      ),
      patch: () => ({ method: 'dind' }),
      outside: msg(
        'Upgrade GitLab Runner if the service command is still run as a program.',
        'サービスのcommandがまだプログラムとして実行される場合は、GitLab Runnerを更新します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/3071',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/3808',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27215',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      {
        kw: ['invalid argument "$'],
        re: /invalid argument "(?<value>\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)" for "(?<flag>-{1,2}[\w-]+)" flag/,
      },
      {
        kw: ['executable file not found'],
        re: /exec: "(?<arg>-{1,2}[A-Za-z][\w-]*(?:=[^"]*)?)": executable file not found in \$PATH/,
      },
    ],
  },
  {
    id: 'buildx-cache-export-docker-driver',
    n: 14,
    title: msg('Buildx cache export with the docker driver', 'dockerドライバーでのBuildxキャッシュのエクスポート'),
    cause: msg(
      "The default docker driver of buildx only supports inline cache unless the containerd image store is enabled; GitLab's docs flag this for Docker 27.0.1 and later.",
      'buildxのデフォルトのdockerドライバーは、containerdイメージストアを有効にしない限りインラインキャッシュしか扱えません。GitLabのドキュメントではDocker 27.0.1以降の注意点とされています。',
    ),
    fixText: msg(
      'Create a builder first: `docker buildx create --driver docker-container --use` (with TLS dind, on a docker context, see buildx-tls-context), or export the cache inline with --cache-to type=inline.',
      '先にビルダーを作成します: `docker buildx create --driver docker-container --use`（TLSのdindではdockerコンテキスト上に作成。buildx-tls-contextを参照）。またはキャッシュを--cache-to type=inlineでインラインにエクスポートします。',
    ),
    fix: {
      label: msg(
        'Export the cache in a way the builder supports',
        'ビルダーが対応する方法でキャッシュをエクスポートする',
      ),
      questions: [
        {
          id: 'cache',
          text: msg('Which layer cache?', 'どのレイヤーキャッシュを使いますか？'),
          recommended: () => 'builder',
          options: [
            {
              id: 'builder',
              label: msg(
                'Registry cache with a docker-container builder',
                'docker-containerビルダーとレジストリキャッシュ',
              ),
              patch: (a) => ({ cache: 'registry', ...(usesDockerCli(a) ? { buildx: true } : {}) }),
            },
            {
              id: 'inline',
              label: msg('Inline cache (in the pushed image)', 'インラインキャッシュ（プッシュするイメージ内）'),
              patch: () => ({ cache: 'inline' }),
            },
          ],
        },
      ],
    },
    sources: ['https://github.com/docker/buildx/issues/701', 'https://docs.gitlab.com/ci/docker/docker_layer_caching/'],
    recognisers: [
      {
        kw: ['docker driver'],
        re: /cache export (?:feature )?is (?:currently )?not supported for (?:the )?docker driver/i,
      },
    ],
  },
  {
    id: 'buildx-tls-context',
    n: 15,
    title: msg(
      'Buildx builder cannot use TLS settings from the environment',
      'BuildxビルダーがTLS設定を環境変数から使えない',
    ),
    cause: msg(
      'With TLS dind, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are set, and `docker buildx create` refuses to create a builder from TLS data in the environment.',
      'TLSのdindではDOCKER_TLS_VERIFYとDOCKER_CERT_PATHが設定されており、`docker buildx create`は環境変数のTLS情報からビルダーを作成しません。',
    ),
    fixText: msg(
      'Create a context first: `docker context create tls-env`, then `docker buildx create --name builder --driver docker-container --use tls-env`.',
      '先にコンテキストを作成します: `docker context create tls-env`の後に`docker buildx create --name builder --driver docker-container --use tls-env`を実行します。',
    ),
    fix: {
      label: msg('Create the buildx builder on a docker context', 'dockerコンテキスト上にbuildxビルダーを作成する'),
      patch: (a) => (usesDockerCli(a) ? { buildx: true } : {}),
    },
    sources: [
      'https://github.com/docker/buildx/issues/413',
      'https://github.com/docker/setup-buildx-action/issues/105',
    ],
    recognisers: [
      {
        kw: ['tls data loaded from environment'],
        re: /could not create a builder instance with TLS data loaded from environment/i,
      },
    ],
  },
  {
    id: 'multiplatform-no-emulation',
    n: 16,
    title: msg(
      'Multi-platform build without a capable builder or emulation',
      '対応するビルダーやエミュレーションなしでのマルチプラットフォームビルド',
    ),
    cause: msg(
      'The build uses the default docker driver, which cannot build several platforms, or no QEMU binfmt handlers are registered (hosted runners have lost them before), or the builder was created before binfmt was installed.',
      'ビルドが複数プラットフォームを扱えないデフォルトのdockerドライバーを使っているか、QEMUのbinfmtハンドラーが登録されていない（ホストされたRunnerで消えたことがあります）か、binfmtを導入する前にビルダーを作成しています。',
    ),
    fixText: msg(
      'Run `docker run --privileged --rm tonistiigi/binfmt --install all`, then create a builder (`docker buildx create --use tls-env`), then `docker buildx build --platform linux/amd64,linux/arm64 --push`. Native arm64 runners avoid emulation.',
      '`docker run --privileged --rm tonistiigi/binfmt --install all`を実行してからビルダーを作成し（`docker buildx create --use tls-env`）、`docker buildx build --platform linux/amd64,linux/arm64 --push`を実行します。ネイティブのarm64 Runnerならエミュレーションは不要です。',
    ),
    fix: {
      label: msg(
        'Build the platforms with a buildx builder after registering QEMU',
        'QEMUを登録してからbuildxビルダーで各プラットフォームをビルドする',
      ),
      patch: (a) => ({
        platforms: a.platforms.length > 1 ? a.platforms : ['linux/amd64', 'linux/arm64'],
        ...(usesDockerCli(a) ? { buildx: true } : {}),
      }),
      outside: msg(
        'Daemonless builders (rootless BuildKit, Buildah) use the host kernel: register the binfmt handlers on the runner host or nodes (SETUP.md has the command).',
        'デーモンなしのビルダー（ルートレスBuildKit、Buildah）はホストのカーネルを使います。Runnerホストまたはノードでbinfmtハンドラーを登録します（コマンドはSETUP.mdに記載）。',
      ),
    },
    sources: [
      'https://github.com/docker/buildx/issues/1996',
      'https://github.com/moby/buildkit/issues/2437',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/457554',
    ],
    recognisers: [
      {
        kw: ['multi-platform build is not supported'],
        re: /Multi-platform build is not supported for the docker driver/i,
      },
      {
        kw: ['exec format error'],
        re: /exec (?<path>\/[^\s:]+): exec format error|exec user process caused:? "?exec format error/i,
      },
    ],
  },
  {
    id: 'cache-never-hits',
    n: 17,
    title: msg('The layer cache never hits', 'レイヤーキャッシュが一度も効かない'),
    cause: msg(
      'Every Docker-in-Docker daemon starts empty. With BuildKit, --cache-from only works on images built with cache metadata (inline or a registry cache export), and some registries reject the legacy cache manifest format.',
      'Docker-in-Dockerのデーモンは毎回空の状態で起動します。BuildKitの--cache-fromは、キャッシュのメタデータ付き（インライン、またはレジストリキャッシュのエクスポート）でビルドしたイメージでしか機能しません。また一部のレジストリは旧形式のキャッシュマニフェストを拒否します。',
    ),
    fixText: msg(
      'Export and import a registry cache with OCI manifests: --cache-from type=registry,ref=$CI_REGISTRY_IMAGE/cache:$CI_COMMIT_REF_SLUG --cache-to type=registry,ref=…,mode=max,image-manifest=true,oci-mediatypes=true, or use inline cache (--build-arg BUILDKIT_INLINE_CACHE=1).',
      'OCIマニフェストでレジストリキャッシュをエクスポート・インポートします: --cache-from type=registry,ref=$CI_REGISTRY_IMAGE/cache:$CI_COMMIT_REF_SLUG --cache-to type=registry,ref=…,mode=max,image-manifest=true,oci-mediatypes=true。またはインラインキャッシュ（--build-arg BUILDKIT_INLINE_CACHE=1）を使います。',
    ),
    fix: {
      label: msg(
        'Add a registry cache with OCI cache manifests',
        'OCIキャッシュマニフェストのレジストリキャッシュを追加する',
      ),
      patch: (a) => ({
        cache: 'registry',
        push: true,
        ...(a.method === 'buildah' || a.method === 'podman' ? { cacheRef: '$CI_REGISTRY_IMAGE/cache' } : {}),
      }),
    },
    sources: ['https://gitlab.com/gitlab-org/gitlab-foss/issues/65670', 'https://github.com/moby/buildkit/issues/2251'],
    recognisers: [
      { kw: ['invalid build cache from'], re: /error on cache query: invalid build cache from/i },
      {
        kw: [
          'error writing manifest blob',
          'error writing layer blob',
          'failed to export cache',
          'error exporting cache',
        ],
        re: /(?:error writing (?:manifest|layer) blob|failed to export cache|error exporting cache).{0,600}(?:400 Bad Request|unexpected status)/i,
      },
      { kw: ['failed to configure registry cache'], re: /failed to configure registry cache (?:importer|exporter)/i },
    ],
  },
  {
    id: 'dind-startup-healthcheck',
    n: 18,
    title: msg('dind service health check timed out', 'dindサービスのヘルスチェックがタイムアウトした'),
    cause: msg(
      "The runner's detection of the service port has regressed several times (runner 15.1, FF_NETWORK_PER_BUILD, Docker 29 hosts), and TLS certificate generation slows dind's startup: the job may start before dockerd listens.",
      'Runnerによるサービスのポート検出は何度も退行しています（Runner 15.1、FF_NETWORK_PER_BUILD、Docker 29のホスト）。またTLS証明書の生成でdindの起動が遅くなるため、dockerdが待ち受ける前にジョブが始まることがあります。',
    ),
    fixText: msg(
      'Set HEALTHCHECK_TCP_PORT on the service to the daemon port (2376 with TLS, 2375 without), retry the first docker command, and upgrade the runner.',
      'サービスのHEALTHCHECK_TCP_PORTをデーモンのポート（TLSありは2376、なしは2375）に合わせ、最初のdockerコマンドを再試行し、Runnerを更新します。',
    ),
    fix: {
      label: msg(
        'Regenerate the dind service with a health-check port that matches TLS',
        'TLSに合うヘルスチェックポート付きでdindサービスを生成し直す',
      ),
      patch: () => ({ method: 'dind' }),
      outside: msg(
        'Upgrade GitLab Runner on the runner host. If the first docker command still fails now and then, begin the script with `for i in $(seq 1 30); do docker info && break; sleep 1; done`.',
        'RunnerホストのGitLab Runnerを更新します。それでも最初のdockerコマンドがときどき失敗する場合は、スクリプトの先頭で`for i in $(seq 1 30); do docker info && break; sleep 1; done`を実行します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/29130',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/27686',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/39100',
    ],
    recognisers: [
      {
        kw: ['wait-for-service'],
        re: /-wait-for-service"?:? (?:timeout|timed out|context deadline exceeded)/i,
      },
      {
        kw: ['health check error'],
        re: /Health check error:.{0,600}(?:timeout|timed out|deadline exceeded)/i,
      },
    ],
  },
  {
    id: 'buildkit-rootless-share-mount',
    n: 19,
    title: msg('Rootless BuildKit cannot create its namespaces', 'ルートレスBuildKitが名前空間を作成できない'),
    cause: msg(
      'AppArmor or seccomp blocks mount/unshare in the unprivileged build container; Ubuntu 23.10 and later also restrict unprivileged user namespaces. buildkitd never starts, so buildctl cannot connect to its socket.',
      'AppArmorまたはseccompが、非特権のビルドコンテナでのmount/unshareを禁止しています。Ubuntu 23.10以降は非特権ユーザー名前空間も制限しています。buildkitdが起動しないため、buildctlがソケットに接続できません。',
    ),
    fixText: msg(
      'Job: BUILDKITD_FLAGS: --oci-worker-no-process-sandbox. Docker executor: security_opt = ["seccomp:unconfined", "apparmor:unconfined"]. Kubernetes: the pod annotation container.apparmor.security.beta.kubernetes.io/build = "unconfined". This weakens isolation (still far less than privileged).',
      'ジョブ: BUILDKITD_FLAGS: --oci-worker-no-process-sandbox。Docker executor: security_opt = ["seccomp:unconfined", "apparmor:unconfined"]。Kubernetes: Podのアノテーションcontainer.apparmor.security.beta.kubernetes.io/build = "unconfined"。分離は弱まります（それでも特権モードよりはるかに安全です）。',
    ),
    fix: {
      label: msg(
        'Regenerate rootless BuildKit with the flags and security options it needs',
        '必要なフラグとセキュリティオプション付きでルートレスBuildKitを生成し直す',
      ),
      patch: () => ({ method: 'buildkit-rootless' }),
      outside: msg(
        'Apply security_opt (or the pod annotation) from the generated runner configuration and restart the runner. On Ubuntu 23.10+ hosts, unprivileged user namespaces may also need to be allowed (kernel.apparmor_restrict_unprivileged_userns).',
        '生成したRunner設定のsecurity_opt（またはPodのアノテーション）を反映し、Runnerを再起動します。Ubuntu 23.10以降のホストでは、非特権ユーザー名前空間の許可（kernel.apparmor_restrict_unprivileged_userns）も必要な場合があります。',
      ),
    },
    sources: [
      'https://github.com/moby/buildkit/issues/2441',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/38266',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/574252',
    ],
    recognisers: [
      {
        kw: ['failed to share mount point'],
        re: /failed to share mount point: (?<mount>\S+?):? (?:permission denied|operation not permitted)/i,
      },
      {
        kw: ['failed to start the child'],
        re: /failed to start the child: fork\/exec \/proc\/self\/exe: (?:operation not permitted|permission denied)/i,
      },
      {
        kw: ['buildkitd.sock after'],
        re: /could not connect to (?<addr>unix:\/\/[^\s]*buildkitd\.sock) after \d+ trials/i,
      },
      {
        kw: ['uid_map'],
        re: /newuidmap: write to uid_map failed: Operation not permitted/i,
        context: BUILDKIT_LOG,
      },
    ],
  },
  {
    id: 'buildkit-rootless-hang',
    n: 20,
    title: msg('Rootless BuildKit job hangs until the timeout', 'ルートレスBuildKitのジョブがタイムアウトまで止まる'),
    cause: msg(
      "The moby/buildkit image's default entrypoint starts a long-running buildkitd instead of running the job's script.",
      'moby/buildkitイメージのデフォルトのエントリポイントが、ジョブのスクリプトを実行する代わりに常駐するbuildkitdを起動します。',
    ),
    fixText: msg(
      'Use image: {name: moby/buildkit:rootless, entrypoint: [""]}, then `buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true`, with the registry credentials in ~/.docker/config.json.',
      'image: {name: moby/buildkit:rootless, entrypoint: [""]}を使い、`buildctl-daemonless.sh build --frontend dockerfile.v0 --local context=. --local dockerfile=. --output type=image,name=$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA,push=true`を実行します。レジストリの認証情報は~/.docker/config.jsonに書き込みます。',
    ),
    fix: {
      label: msg(
        'Regenerate the rootless BuildKit job with an empty entrypoint',
        '空のエントリポイントでルートレスBuildKitのジョブを生成し直す',
      ),
      patch: () => ({ method: 'buildkit-rootless' }),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/549941',
      'https://gitlab.com/gitlab-org/gitlab/-/merge_requests/244172',
    ],
    recognisers: [
      {
        kw: ['execution took longer than'],
        re: /Job failed: execution took longer than (?<timeout>[\dhms.]+)/i,
        context: BUILDKIT_LOG,
      },
    ],
  },
  {
    id: 'kaniko-deprecated',
    n: 21,
    title: msg('Kaniko is no longer maintained', 'Kanikoはメンテナンスされていない'),
    cause: msg(
      'GitLab\'s page now reads "Use kaniko to build Docker images (removed)" and the upstream repository is unmaintained (archived): no more fixes.',
      'GitLabのページは「Use kaniko to build Docker images (removed)」となり、上流のリポジトリはメンテナンスされていません（アーカイブ済み）。今後修正は出ません。',
    ),
    fixText: msg(
      'Migrate to rootless BuildKit or Buildah. Community forks (chainguard-dev, osscontainertools) exist, but new Kaniko jobs should not be written.',
      'ルートレスBuildKitまたはBuildahに移行します。コミュニティのフォーク（chainguard-dev、osscontainertools）はありますが、新たにKanikoのジョブを書くべきではありません。',
    ),
    fix: {
      label: msg('Replace the Kaniko job', 'Kanikoのジョブを置き換える'),
      questions: [KANIKO_REPLACEMENT],
      outside: msg(
        'Replace the Kaniko job in your .gitlab-ci.yml with the generated build job, and apply the generated runner configuration: it adds the security options rootless BuildKit and Buildah need (no privileged mode).',
        '.gitlab-ci.ymlのKanikoのジョブを生成したビルドジョブに置き換え、生成したRunner設定を反映します。ルートレスBuildKitやBuildahに必要なセキュリティオプションが追加されます（特権モードは不要です）。',
      ),
    },
    sources: [
      'https://github.com/GoogleContainerTools/kaniko/issues/3348',
      'https://docs.gitlab.com/ci/docker/using_kaniko',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/38957',
    ],
    recognisers: [
      { kw: ['kaniko-project/executor'], re: /gcr\.io\/kaniko-project\/executor/i },
      { kw: ['/kaniko/executor'], re: /(?:^|[\s"'=$>])\/kaniko\/executor\b/ },
      { kw: ['kaniko'], re: /(?:chainguard|osscontainertools)\/kaniko/i },
    ],
  },
  {
    id: 'kaniko-legacy-pitfalls',
    n: 22,
    title: msg('Kaniko job pitfalls (existing pipelines)', 'Kanikoジョブの落とし穴（既存のパイプライン）'),
    cause: msg(
      'The non-debug Kaniko image has no shell, so GitLab cannot run the script in it (and on Kubernetes the build container is gone before the script attaches); or the key in /kaniko/.docker/config.json does not match the destination host exactly.',
      'debug版でないKanikoイメージにはシェルがないため、GitLabはその中でスクリプトを実行できません（Kubernetesではスクリプトが接続する前にbuildコンテナが終了します）。または/kaniko/.docker/config.jsonのキーがプッシュ先のホストと完全には一致していません。',
    ),
    fixText: msg(
      'For an existing Kaniko job: use the :debug image with entrypoint: [""], and key /kaniko/.docker/config.json by the exact destination host (https://index.docker.io/v1/ for Docker Hub). Better, migrate to rootless BuildKit or Buildah.',
      '既存のKanikoジョブでは、:debugイメージをentrypoint: [""]で使い、/kaniko/.docker/config.jsonのキーをプッシュ先のホストと完全に一致させます（Docker Hubはhttps://index.docker.io/v1/）。できればルートレスBuildKitかBuildahに移行します。',
    ),
    fix: {
      label: msg('Replace the Kaniko job', 'Kanikoのジョブを置き換える'),
      questions: [KANIKO_REPLACEMENT],
      outside: msg(
        'Replace the Kaniko job in your .gitlab-ci.yml with the generated build job, and apply the generated runner configuration: it adds the security options rootless BuildKit and Buildah need (no privileged mode).',
        '.gitlab-ci.ymlのKanikoのジョブを生成したビルドジョブに置き換え、生成したRunner設定を反映します。ルートレスBuildKitやBuildahに必要なセキュリティオプションが追加されます（特権モードは不要です）。',
      ),
    },
    sources: [
      'https://github.com/GoogleContainerTools/kaniko/issues/430',
      'https://github.com/GoogleContainerTools/kaniko/issues/1325',
      'https://github.com/GoogleContainerTools/kaniko/issues/3418',
    ],
    explains: ['push-access-denied'],
    recognisers: [
      {
        kw: ['stat /bin/'],
        re: /exec: \\?"\/bin\/(?:sh|bash)\\?": stat \/bin\/(?:sh|bash): no such file or directory/,
        context: KANIKO_LOG,
      },
      {
        kw: ['unable to upgrade connection'],
        re: /unable to upgrade connection: container not found \("(?<container>[\w-]+)"\)/,
        context: KANIKO_LOG,
      },
      {
        kw: ['error checking push permissions'],
        re: /error checking push permissions -- make sure you entered the correct tag name/i,
      },
    ],
  },
  {
    id: 'buildah-unprivileged',
    n: 23,
    title: msg('Buildah or Podman in an unprivileged container', '非特権コンテナでのBuildahまたはPodman'),
    cause: msg(
      'Buildah defaults to overlay storage and namespace isolation, which an unprivileged container (seccomp, AppArmor, overlayfs underneath) does not allow; Buildah 1.44 also regressed on the overlay over the build context.',
      'Buildahはデフォルトでoverlayストレージと名前空間による分離を使いますが、非特権コンテナ（seccomp、AppArmor、下層がoverlayfs）ではこれらが許可されません。Buildah 1.44ではビルドコンテキスト上のoverlayにも退行があります。',
    ),
    fixText: msg(
      'Set STORAGE_DRIVER: vfs, BUILDAH_ISOLATION: chroot and BUILDAH_FORMAT: docker, with security_opt = ["seccomp:unconfined", "apparmor:unconfined"] on the runner. Pin quay.io/buildah/stable:v1.43.x until the 1.44 regression is fixed.',
      'STORAGE_DRIVER: vfs、BUILDAH_ISOLATION: chroot、BUILDAH_FORMAT: dockerを設定し、Runnerにsecurity_opt = ["seccomp:unconfined", "apparmor:unconfined"]を設定します。1.44の退行が直るまではquay.io/buildah/stable:v1.43.xに固定します。',
    ),
    fix: {
      label: msg(
        'Regenerate Buildah with vfs storage, chroot isolation and a pinned 1.43',
        'vfsストレージ、chroot分離、1.43固定でBuildahを生成し直す',
      ),
      patch: (a) => ({
        method: a.method === 'podman' ? 'podman' : 'buildah',
        ...(/^v?1\.44(?:\.|$)/.test(a.buildahVersion) ? { buildahVersion: DEFAULT_ANSWERS.buildahVersion } : {}),
      }),
      outside: msg(
        'Apply security_opt from the generated config.toml to the runner and restart it.',
        '生成したconfig.tomlのsecurity_optをRunnerに反映し、再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/36837',
      'https://github.com/podman-container-tools/buildah/issues/6892',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/574252',
    ],
    recognisers: [
      { kw: ['unshare('], re: /Error during unshare\([A-Z_|]+\): Operation not permitted/i },
      {
        kw: ['containers/storage/overlay'],
        re: /mount (?<path>\S{0,200}containers\/storage\/overlay[^\s,]{0,300}),? .{0,600}?(?:permission denied|operation not permitted)/i,
      },
      { kw: ['a mount_program is required'], re: /'overlay' is not supported over \w+, a mount_program is required/i },
      {
        kw: ['mounting an overlay over build context'],
        re: /mounting an overlay over build context directory:.{0,600}invalid argument/i,
      },
      { kw: ['uid_map'], re: /newuidmap: write to uid_map failed: Operation not permitted/i, context: BUILDAH_LOG },
    ],
  },
  {
    id: 'dind-mtu-hang',
    n: 24,
    title: msg(
      'Downloads hang inside docker build (MTU too large)',
      'docker build内のダウンロードが止まる（MTUが大きすぎる）',
    ),
    cause: msg(
      "The bridge of the inner dockerd defaults to an MTU of 1500, larger than the outer network's (Kubernetes VXLAN about 1450, GitLab.com small hosted runners 1360 since May 2026): large packets are dropped, TLS handshakes time out and RUN steps hang.",
      '内側のdockerdのブリッジはデフォルトでMTU 1500ですが、外側のネットワーク（KubernetesのVXLANは約1450、GitLab.comの小型ホストRunnerは2026年5月以降1360）より大きいため、大きなパケットが破棄され、TLSハンドシェイクがタイムアウトし、RUNステップが止まります。',
    ),
    fixText: msg(
      'Start dind with an MTU no larger than the outer one: services: [{name: docker:29-dind, command: ["--mtu=1360"]}].',
      '外側以下のMTUでdindを起動します: services: [{name: docker:29-dind, command: ["--mtu=1360"]}]。',
    ),
    fix: {
      label: msg('Set the MTU of the dind daemon', 'dindデーモンのMTUを設定する'),
      questions: [
        {
          id: 'mtu',
          text: msg('MTU of the network the runner is on?', 'RunnerがつながるネットワークのMTUは？'),
          recommended: (a) => (isHosted(a) ? '1360' : '1450'),
          options: [
            {
              id: '1450',
              label: msg('1450 (Kubernetes VXLAN, most clouds)', '1450（KubernetesのVXLAN、多くのクラウド）'),
              patch: () => ({ mtu: 1450 }),
            },
            {
              id: '1360',
              label: msg('1360 (GitLab.com hosted runners, VPNs)', '1360（GitLab.comのホストRunner、VPN）'),
              patch: () => ({ mtu: 1360 }),
            },
          ],
        },
      ],
      outside: msg(
        'The outer MTU is shown by `cat /sys/class/net/eth0/mtu` in a job (or `ip link` on the host); the dind value must not be larger.',
        '外側のMTUはジョブ内の`cat /sys/class/net/eth0/mtu`（またはホストの`ip link`）で確認できます。dindの値はそれより大きくしてはいけません。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/6737',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/3229',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/25380',
    ],
    recognisers: [
      { kw: ['tls handshake timeout'], re: /net\/http: TLS handshake timeout/i },
      { kw: ['ssl_error_syscall'], re: /SSL_ERROR_SYSCALL/ },
      {
        kw: ['execution took longer than'],
        re: /Job failed: execution took longer than (?<timeout>[\dhms.]+)/i,
        context: DIND_LOG,
        unlessContext: BUILDKIT_LOG,
      },
    ],
  },
  {
    id: 'dind-overlay-vfs',
    n: 25,
    title: msg(
      'dind storage on overlayfs: overlay2 refused or vfs fallback',
      'overlayfs上のdindストレージ: overlay2が使えない、またはvfsにフォールバック',
    ),
    cause: msg(
      "/var/lib/docker of the dind daemon sits on overlayfs (a Kubernetes pod's root file system) or on xfs without d_type, so overlay2 is refused and the daemon falls back to vfs, which is twice as slow and fills the disk.",
      'dindデーモンの/var/lib/dockerがoverlayfs（KubernetesのPodのルートファイルシステム）上、またはd_typeのないxfs上にあるため、overlay2が使えず、デーモンがvfsにフォールバックします。vfsは2倍遅く、ディスクを圧迫します。',
    ),
    fixText: msg(
      'On Kubernetes, give dind its own volume: [[runners.kubernetes.volumes.empty_dir]] name = "dind-storage", mount_path = "/var/lib/docker". Set DOCKER_DRIVER: overlay2 only where it is supported, and check with `docker info | grep "Storage Driver"`. Or build without a daemon.',
      'Kubernetesではdind専用のボリュームを用意します: [[runners.kubernetes.volumes.empty_dir]] name = "dind-storage"、mount_path = "/var/lib/docker"。DOCKER_DRIVER: overlay2は対応している場合にだけ設定し、`docker info | grep "Storage Driver"`で確認します。またはデーモンなしでビルドします。',
    ),
    fix: {
      label: msg('Build without a daemon storage on overlayfs', 'overlayfs上のデーモンストレージなしでビルドする'),
      patch: () => ({ storageDriver: 'default' }),
      questions: [
        daemonlessBuilder(
          msg(
            'The generated files do not give dind a storage volume on Kubernetes yet. Build with:',
            '生成するファイルは、Kubernetes上のdindにまだストレージボリュームを用意しません。ビルド方法は：',
          ),
          msg('Rootless BuildKit (no daemon storage)', 'ルートレスBuildKit（デーモンのストレージなし）'),
          msg('Buildah (vfs in the job container)', 'Buildah（ジョブコンテナ内のvfs）'),
        ),
      ],
      outside: msg(
        "To keep Docker-in-Docker on Kubernetes, add the dind-storage empty_dir at /var/lib/docker to the runner configuration by hand. On a Docker executor with xfs, reformat with ftype=1 or move Docker's data-root.",
        'KubernetesでDocker-in-Dockerを続ける場合は、/var/lib/dockerにdind-storageのempty_dirを手作業でRunner設定に追加します。xfs上のDocker executorでは、ftype=1で再フォーマットするか、Dockerのdata-rootを移します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-foss/issues/21596',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/2548',
    ],
    explains: ['dind-startup-healthcheck', 'dind-hostname-unresolved', 'dind-tls-port-mismatch', 'no-daemon-reachable'],
    recognisers: [
      { kw: ["'overlay2' is not supported over"], re: /'overlay2' is not supported over (?<fs>\w+)/i },
      {
        kw: ['error initializing graphdriver'],
        re: /error initializing graphdriver: (?:driver not supported|.{0,600}overlay)/i,
      },
      { kw: ['storage driver: vfs'], re: /^\s*Storage Driver: vfs\s*$/i },
      {
        kw: ['storage-driver=overlay2'],
        re: /failed to mount overlay: invalid argument.{0,600}storage-driver=overlay2/i,
      },
    ],
  },
  {
    id: 'dind-proxy',
    n: 26,
    title: msg(
      'The proxy does not reach the dind daemon or the build',
      'プロキシ設定がdindデーモンやビルドに届いていない',
    ),
    cause: msg(
      "The host daemon's proxy configuration does not reach the dind daemon or the build containers: pulls cannot resolve or reach registries, and RUN steps cannot download anything.",
      'ホストのデーモンのプロキシ設定は、dindデーモンにもビルドコンテナにも届きません。pullでレジストリの名前解決や接続ができず、RUNステップは何もダウンロードできません。',
    ),
    fixText: msg(
      'Set job variables HTTP_PROXY, HTTPS_PROXY and NO_PROXY: "docker,localhost,127.0.0.1,<internal>" (variables reach services too; docker in NO_PROXY keeps the daemon connection direct), and pass them to the build: `docker build --build-arg HTTP_PROXY --build-arg HTTPS_PROXY --build-arg NO_PROXY`.',
      'ジョブの変数HTTP_PROXY、HTTPS_PROXY、NO_PROXY: "docker,localhost,127.0.0.1,<内部ホスト>"を設定し（変数はサービスにも渡ります。NO_PROXYにdockerを入れるとデーモンへの接続は直接になります）、ビルドにも渡します: `docker build --build-arg HTTP_PROXY --build-arg HTTPS_PROXY --build-arg NO_PROXY`。',
    ),
    fix: {
      label: msg('Pass the proxy to the daemon and the build', 'プロキシをデーモンとビルドに渡す'),
      patch: (a) => (a.proxy === 'none' ? { proxy: 'job' } : {}),
      outside: msg(
        'Define HTTP_PROXY and HTTPS_PROXY as CI/CD variables of the project or group (or type the proxy URLs in the Network step); a proxy with credentials belongs in a masked variable.',
        'HTTP_PROXYとHTTPS_PROXYをプロジェクトまたはグループのCI/CD変数として定義します（または「ネットワーク」の手順でプロキシのURLを入力します）。認証情報付きのプロキシはマスクした変数に入れます。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/3763',
      'https://github.com/docker-library/docker/issues/140',
    ],
    recognisers: [
      {
        kw: ['lookup '],
        re: new RegExp(String.raw`lookup (?<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)${RESOLVER}: ${LOOKUP_FAILED}`),
        unless: PUBLIC_DNS,
      },
      {
        kw: ['dial tcp'],
        re: /dial tcp (?<addr>[0-9A-Fa-f.:[\]]{3,45}):443: (?:i\/o timeout|connect: connection timed out|connect: network is unreachable)/,
      },
      { kw: ['temporary failure resolving'], re: /Temporary failure resolving '(?<host>[^']+)'/ },
      {
        kw: ['could not resolve host'],
        re: /Could not resolve host: (?<host>[A-Za-z0-9-]+\.[A-Za-z0-9.-]+)/,
      },
      { kw: ['getaddrinfo'], re: /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<host>[A-Za-z0-9-]+\.[A-Za-z0-9.-]+)/ },
    ],
  },
  {
    id: 'per-build-network-dns',
    n: 27,
    title: msg('Containers inside dind use public DNS (8.8.8.8)', 'dind内のコンテナが公開DNS（8.8.8.8）を使っている'),
    cause: msg(
      'With FF_NETWORK_PER_BUILD, containers inside dind fall back to the DNS servers 8.8.8.8 and 8.8.4.4, which corporate networks block. Unix-socket errors have also been reported with this flag.',
      'FF_NETWORK_PER_BUILDを使うと、dind内のコンテナがDNSサーバー8.8.8.8と8.8.4.4にフォールバックしますが、企業ネットワークではこれらがブロックされています。このフラグではUnixソケットのエラーも報告されています。',
    ),
    fixText: msg(
      'Give the dind daemon the internal resolver: command: ["--dns", "<internal-resolver>"] on the service, or build without a nested daemon.',
      'dindデーモンに内部のDNSサーバーを指定します（サービスのcommand: ["--dns", "<内部DNSサーバー>"]）。または入れ子のデーモンなしでビルドします。',
    ),
    fix: {
      label: msg('Build without a nested daemon', '入れ子のデーモンなしでビルドする'),
      questions: [
        daemonlessBuilder(
          msg(
            'The generated files cannot set --dns on the dind service yet. Build with:',
            '生成するファイルは、まだdindサービスに--dnsを設定できません。ビルド方法は：',
          ),
          msg("Rootless BuildKit (uses the job's resolver)", 'ルートレスBuildKit（ジョブのDNS設定を使う）'),
          msg("Buildah (uses the job's resolver)", 'Buildah（ジョブのDNS設定を使う）'),
        ),
      ],
      outside: msg(
        'To keep Docker-in-Docker, add command: ["--dns", "<internal-resolver>"] to the dind service by hand, or turn FF_NETWORK_PER_BUILD off for this runner.',
        'Docker-in-Dockerを続ける場合は、dindサービスにcommand: ["--dns", "<内部DNSサーバー>"]を手作業で追加するか、このRunnerでFF_NETWORK_PER_BUILDを無効にします。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/work_items/27867',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/30944',
    ],
    recognisers: [
      {
        kw: ['8.8.'],
        re: new RegExp(
          String.raw`lookup (?<host>[^\s:]+) on (?<dns>8\.8\.(?:8\.8|4\.4)):53: (?:read udp \S+: )?${LOOKUP_FAILED}`,
        ),
      },
      {
        kw: ['dial udp 8.8.'],
        re: /dial udp (?<dns>8\.8\.(?:8\.8|4\.4)):53: (?:i\/o timeout|connect: network is unreachable|connection refused)/,
      },
    ],
  },
  {
    id: 'compose-v1-missing',
    n: 28,
    title: msg('docker-compose (v1) not found', 'docker-compose（v1）が見つからない'),
    cause: msg(
      'The docker image ships the Compose v2 plugin (`docker compose`), not the v1 docker-compose binary, and tmaier/docker-compose is deprecated.',
      'dockerイメージに入っているのはCompose v2プラグイン（`docker compose`）で、v1のdocker-composeバイナリではありません。tmaier/docker-composeは非推奨です。',
    ),
    fixText: msg(
      'Use `docker compose -f docker-compose.test.yml up -d` (with a space).',
      '`docker compose -f docker-compose.test.yml up -d`（スペース区切り）を使います。',
    ),
    fix: {
      label: msg('Run Compose v2 (docker compose)', 'Compose v2（docker compose）で実行する'),
      patch: () => ({ compose: true }),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-ce/issues/30426',
      'https://github.com/tmaier/docker-compose/blob/master/README.md',
    ],
    recognisers: [
      { kw: ['docker-compose'], re: /docker-compose: (?:command )?not found/i },
      { kw: ['docker-compose'], re: /The term 'docker-compose' is not recognized/i },
    ],
  },
  {
    id: 'docker-auth-config',
    n: 29,
    title: msg('The runner cannot pull a private image', 'Runnerがプライベートイメージをpullできない'),
    cause: msg(
      'DOCKER_AUTH_CONFIG is missing or malformed, its key does not match the image host and port exactly, or it is a protected variable. docker login in script does not help the runner pull job or service images.',
      'DOCKER_AUTH_CONFIGがない、形式が誤っている、キーがイメージのホストとポートに完全には一致していない、または保護された変数です。script内のdocker loginは、Runnerによるジョブやサービスのイメージのpullには効きません。',
    ),
    fixText: msg(
      'Define DOCKER_AUTH_CONFIG = {"auths":{"registry.example.com:5050":{"auth":"<base64 user:token>"}}} as a CI/CD variable, or in config.toml with environment = ["DOCKER_AUTH_CONFIG=…"].',
      'CI/CD変数としてDOCKER_AUTH_CONFIG = {"auths":{"registry.example.com:5050":{"auth":"<user:tokenのbase64>"}}}を定義するか、config.tomlでenvironment = ["DOCKER_AUTH_CONFIG=…"]を設定します。',
    ),
    fix: {
      label: msg(
        'Authenticate with DOCKER_AUTH_CONFIG (read by the runner too)',
        'DOCKER_AUTH_CONFIGで認証する（Runnerも読み取る）',
      ),
      patch: () => ({ authMethod: 'docker-auth-config', authConfigVar: 'DOCKER_AUTH_CONFIG' }),
      outside: msg(
        'Create the CI/CD variable DOCKER_AUTH_CONFIG (masked where possible, not protected unless the jobs run only on protected refs); its key must be the image host with its port exactly, and "auth" is base64 of user:token.',
        'CI/CD変数DOCKER_AUTH_CONFIGを作成します（可能ならマスクし、保護されたrefでのみ実行する場合を除き保護しない）。キーはイメージのホストとポートに完全に一致させ、"auth"はuser:tokenのbase64にします。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/2066',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/26832',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/461545',
    ],
    recognisers: [
      {
        kw: ['pull access denied'],
        re: /pull access denied for (?<image>[^\s,]+), repository does not exist or may require/i,
      },
      { kw: ['no basic auth credentials'], re: /no basic auth credentials/i },
      {
        kw: ['image pull failed'],
        re: /image pull failed:.{0,600}(?:401 Unauthorized|unauthorized|authorization failed)/i,
      },
    ],
  },
  {
    id: 'dependency-proxy-auth',
    n: 30,
    title: msg('Dependency Proxy pull not authorized', '依存プロキシからのpullが認可されない'),
    cause: msg(
      'The daemon that reads the FROM lines is not logged in to the Dependency Proxy, or the user who triggered the pipeline is not a member of the group.',
      'FROM行を読むデーモンが依存プロキシにログインしていないか、パイプラインを起動したユーザーがグループのメンバーではありません。',
    ),
    fixText: msg(
      'Log in before building: echo "$CI_DEPENDENCY_PROXY_PASSWORD" | docker login -u "$CI_DEPENDENCY_PROXY_USER" --password-stdin "$CI_DEPENDENCY_PROXY_SERVER".',
      'ビルドの前にログインします: echo "$CI_DEPENDENCY_PROXY_PASSWORD" | docker login -u "$CI_DEPENDENCY_PROXY_USER" --password-stdin "$CI_DEPENDENCY_PROXY_SERVER"。',
    ),
    fix: {
      label: msg('Log in to the Dependency Proxy in the job', 'ジョブで依存プロキシにログインする'),
      patch: () => ({ dependencyProxy: true }),
      outside: msg(
        'The project must belong to a group with the Dependency Proxy enabled (Settings > Packages and registries), and the user who runs the pipeline must be a member of that group.',
        'プロジェクトは依存プロキシが有効なグループに属している必要があり（「設定 > パッケージとレジストリ」）、パイプラインを実行するユーザーはそのグループのメンバーである必要があります。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/354826',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/349341',
    ],
    recognisers: [
      {
        kw: ['dependency_proxy'],
        re: /dependency_proxy\/containers.{0,600}(?:unauthorized|authentication required|manifest unknown|not found|forbidden|denied)/i,
      },
      {
        kw: ['dependency_proxy'],
        re: /(?:unauthorized|authentication required|manifest unknown|not found|forbidden|denied).{0,600}dependency_proxy\/containers/i,
      },
      {
        kw: ['unauthorized: authentication required'],
        re: /unauthorized: authentication required/i,
        unless: /push|requested access/i,
        context: DEPENDENCY_PROXY_LOG,
      },
    ],
  },
  {
    id: 'windows-pipe-binding',
    n: 31,
    title: msg(
      'Windows: no Docker daemon through the named pipe',
      'Windows: 名前付きパイプ経由のDockerデーモンに接続できない',
    ),
    cause: msg(
      'There is no Windows dind image, so services: docker:dind cannot work on docker-windows. Older runners rejected named-pipe volumes, and Docker Desktop in Linux-container mode exposes another pipe (docker_engine_linux).',
      'Windows用のdindイメージはないため、docker-windowsではservices: docker:dindは動きません。古いRunnerは名前付きパイプのボリュームを拒否し、LinuxコンテナモードのDocker Desktopは別のパイプ（docker_engine_linux）を公開します。',
    ),
    fixText: msg(
      'In config.toml set volumes = ["//./pipe/docker_engine://./pipe/docker_engine"] (a runner with named-pipe support, gitlab-runner!1879; check it against your runner version), use a Windows image that contains docker.exe, or use the shell executor with PowerShell.',
      'config.tomlでvolumes = ["//./pipe/docker_engine://./pipe/docker_engine"]を設定し（名前付きパイプに対応したRunnerが必要です。gitlab-runner!1879を参照し、Runnerのバージョンを確認してください）、docker.exeを含むWindowsイメージを使うか、PowerShellのshell executorを使います。',
    ),
    fix: {
      label: msg(
        'Bind the host Docker Engine through the named pipe',
        '名前付きパイプでホストのDocker Engineに接続する',
      ),
      patch: (a) =>
        shellRunner(a)
          ? { os: 'windows', method: 'host' }
          : { os: 'windows', executor: isKubernetes(a) ? 'kubernetes' : 'docker-windows', method: 'pipe' },
      outside: msg(
        'Check that the runner version supports named-pipe volumes and that Docker on the host runs Windows containers (not Docker Desktop in Linux mode).',
        'Runnerのバージョンが名前付きパイプのボリュームに対応していること、ホストのDockerがWindowsコンテナで動いていること（LinuxモードのDocker Desktopではないこと）を確認します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/issues/4295',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/1879',
      'https://github.com/docker/for-win/issues/11734',
    ],
    recognisers: [
      {
        kw: ['invalid volume specification'],
        re: /invalid volume specification/i,
        context: WINDOWS_LOG,
      },
      {
        kw: ['pipe/docker', 'pipe\\docker'],
        re: /open (?<pipe>(?:\/\/\.\/pipe\/|\\\\\.\\pipe\\)(?:docker_engine\w*|docker\w*Engine)):/i,
      },
      {
        kw: ['at npipe:'],
        re: new RegExp(String.raw`${CONNECT} at npipe:`, 'i'),
      },
      {
        kw: ['no matching manifest for windows'],
        re: /no matching manifest for windows\/amd64/i,
        context: DIND_LOG,
      },
    ],
  },
];

const BY_ID = new Map<string, Failure>(FAILURES.map((f) => [f.id, f]));

export function failureById(id: string): Failure | undefined {
  return BY_ID.get(id);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a log

/** Logs longer than this are read from their end (GitLab cuts job logs at 4 MiB by default). */
export const MAX_LOG_CHARS = 5 * 1024 * 1024;
/** Each line is matched on its first characters only (a minified blob on one line stays cheap). */
export const MAX_LINE_CHARS = 8192;
/** Matched lines kept per failure (the count of all matches is kept). */
export const MAX_MATCHES = 20;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const SECTION = /section_(?:start|end):\d{1,20}:[A-Za-z0-9_.-]{1,200}(?:\[[^\]\r\n]{0,200}\])?\r?/g;
/** GitLab's own prefix (`2026-11-20T10:11:12.123456Z 01O `, `01E+` for continuations) or a plain ISO timestamp. */
const TIMESTAMP = /^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? (?:\d{2}[OE]\+? ?)?)+/;

/** One log line as a reader sees it: no colours, section markers, runner timestamp or carriage returns. */
export function cleanLine(raw: string): string {
  let s = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw;
  if (s.includes('\x1b')) s = s.replace(ANSI, '');
  if (s.includes('section_')) s = s.replace(SECTION, '');
  if (s.endsWith('\r')) s = s.slice(0, -1);
  if (s.includes('\r')) s = s.replace(/\r+/g, ' ');
  s = s.replace(TIMESTAMP, '');
  return s.trimEnd();
}

export interface LineMatch {
  /** 1-based line number in the log as given. */
  line: number;
  /** The cleaned line. */
  text: string;
}

export interface Diagnosis {
  id: FailureId;
  /** Line numbers (1-based) of the matched lines, at most MAX_MATCHES. */
  lines: number[];
  /** The first matched line, cleaned. */
  excerpt: string;
  matches: LineMatch[];
  /** How many lines matched in all. */
  count: number;
  /** Values read from the matched lines (the first value of each name wins). */
  facts: Facts;
  /** Another failure in the same log that explains this one's messages (listed after it). */
  causedBy?: FailureId;
}

export interface DiagnoseResult {
  diagnoses: Diagnosis[];
  /** The log was longer than MAX_LOG_CHARS: only its end was read. */
  truncated: boolean;
  /** Lines read. */
  lines: number;
}

interface Candidate {
  failure: Failure;
  recogniser: Recogniser;
  line: number;
  text: string;
  groups: Facts;
}

const KEYWORDS: { kw: string; index: number }[] = [];
const RECOGNISERS: { failure: Failure; recogniser: Recogniser }[] = [];
for (const failure of FAILURES)
  for (const recogniser of failure.recognisers) {
    const index = RECOGNISERS.length;
    RECOGNISERS.push({ failure, recogniser });
    for (const kw of recogniser.kw) KEYWORDS.push({ kw, index });
  }

function groupsOf(m: RegExpExecArray | null): Facts {
  const out: Facts = {};
  if (m?.groups) for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) out[k] = v;
  return out;
}

/** Every failure of FAILURES that the log shows: causes first, then consequences, each by first matched line. */
export function diagnoseLog(log: string): DiagnoseResult {
  let text = log;
  let lineOffset = 0;
  let truncated = false;
  if (text.length > MAX_LOG_CHARS) {
    truncated = true;
    let start = text.length - MAX_LOG_CHARS;
    const nl = text.indexOf('\n', start);
    start = nl === -1 ? start : nl + 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) lineOffset++;
    text = text.slice(start);
  }
  // Old Mac-style logs end lines with a lone CR: read them as lines.
  const newline = text.includes('\n') || !text.includes('\r') ? '\n' : '\r';
  const candidates: Candidate[] = [];
  const hit = new Set<number>();
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    const end = text.indexOf(newline, pos);
    const raw = text.slice(pos, end === -1 ? text.length : end);
    pos = end === -1 ? text.length + 1 : end + 1;
    lineNo++;
    if (raw.length === 0) continue;
    const line = cleanLine(raw);
    if (line.length === 0) continue;
    const lower = line.toLowerCase();
    hit.clear();
    for (const k of KEYWORDS) if (!hit.has(k.index) && lower.includes(k.kw)) hit.add(k.index);
    for (const index of hit) {
      const { failure, recogniser } = RECOGNISERS[index] as (typeof RECOGNISERS)[number];
      const m = recogniser.re.exec(line);
      if (!m) continue;
      if (recogniser.unless?.test(line)) continue;
      const groups = groupsOf(m);
      if (recogniser.facts) Object.assign(groups, { ...groupsOf(recogniser.facts.exec(line)), ...groups });
      candidates.push({ failure, recogniser, line: lineOffset + lineNo, text: redactSecrets(line.trim()), groups });
    }
  }
  // Log-wide conditions, evaluated once per recogniser that matched.
  const contextOk = new Map<Recogniser, boolean>();
  const holds = (r: Recogniser): boolean => {
    let ok = contextOk.get(r);
    if (ok === undefined) {
      ok = (!r.context || r.context.test(text)) && (!r.unlessContext || !r.unlessContext.test(text));
      contextOk.set(r, ok);
    }
    return ok;
  };
  const byId = new Map<FailureId, Diagnosis>();
  for (const c of candidates) {
    if (!holds(c.recogniser)) continue;
    let d = byId.get(c.failure.id);
    if (!d) {
      d = { id: c.failure.id, lines: [], excerpt: c.text, matches: [], count: 0, facts: {} };
      byId.set(c.failure.id, d);
    }
    if (d.lines.includes(c.line)) continue;
    d.count++;
    if (d.matches.length < MAX_MATCHES) {
      d.matches.push({ line: c.line, text: c.text });
      d.lines.push(c.line);
    }
    for (const [k, v] of Object.entries(c.groups)) if (!(k in d.facts) && secretKind(v) === null) d.facts[k] = v;
  }
  for (const d of byId.values()) {
    const cause = FAILURES.find((f) => f.id !== d.id && byId.has(f.id) && f.explains?.includes(d.id));
    if (cause) d.causedBy = cause.id;
  }
  // Causes first, then their consequences; each group in the order of the first matched line.
  const order = new Map(FAILURES.map((f, i) => [f.id, i]));
  const diagnoses = [...byId.values()].sort(
    (x, y) =>
      Number(x.causedBy !== undefined) - Number(y.causedBy !== undefined) ||
      (x.lines[0] ?? 0) - (y.lines[0] ?? 0) ||
      (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0),
  );
  return { diagnoses, truncated, lines: lineNo };
}

/** Every failure the log shows (see diagnoseLog). */
export function diagnose(log: string): Diagnosis[] {
  return diagnoseLog(log).diagnoses;
}

// ---------------------------------------------------------------------------------------------------------------
// Fixing the answers

/** Choices for a failure's questions: question id -> option id. Missing questions take the recommended option. */
export type FixChoices = Record<string, string>;

/** The questions of a failure with only the options that apply to these answers. */
export function questionsFor(id: FailureId, a: Answers): FixQuestion[] {
  const failure = BY_ID.get(id);
  if (!failure) throw new RangeError(`unknown failure "${id}"`);
  return (failure.fix.questions ?? []).map((q) => ({
    ...q,
    options: q.options.filter((o) => !o.available || o.available(a)),
  }));
}

/** The option a question takes with these choices (the recommended one, or the first that applies). */
function chosenOption(q: FixQuestion, a: Answers, choices: FixChoices): FixOption {
  const wanted = choices[q.id];
  if (wanted !== undefined) {
    const option = q.options.find((o) => o.id === wanted);
    if (!option) throw new RangeError(`"${wanted}" is not an option of question "${q.id}"`);
    if (option.available && !option.available(a))
      throw new RangeError(`option "${wanted}" of question "${q.id}" does not apply to these answers`);
    return option;
  }
  const recommended = q.recommended(a);
  const option = q.options.find((o) => o.id === recommended && (!o.available || o.available(a)));
  const fallback = option ?? q.options.find((o) => !o.available || o.available(a));
  if (!fallback) throw new RangeError(`question "${q.id}" has no option for these answers`);
  return fallback;
}

/** The answer changes a fix makes (before normalization). */
export function fixPatch(
  a: Answers,
  target: FailureId | Pick<Diagnosis, 'id' | 'facts'>,
  choices: FixChoices = {},
): Partial<Answers> {
  const id = typeof target === 'string' ? target : target.id;
  const facts = typeof target === 'string' ? {} : target.facts;
  const failure = BY_ID.get(id);
  if (!failure) throw new RangeError(`unknown failure "${id}"`);
  const patch: Partial<Answers> = { ...(failure.fix.patch?.(a, facts) ?? {}) };
  const base = { ...a, ...patch };
  for (const q of failure.fix.questions ?? []) Object.assign(patch, chosenOption(q, base, choices).patch(base, facts));
  return patch;
}

/** The answers with the fix of a failure applied, normalized. A Diagnosis passes the facts read from the log. */
export function applyFix(
  a: Answers,
  target: FailureId | Pick<Diagnosis, 'id' | 'facts'>,
  choices: FixChoices = {},
): Answers {
  return normalize({ ...a, ...fixPatch(a, target, choices) });
}

// ---------------------------------------------------------------------------------------------------------------
// When nothing is recognised

export interface GenericCheck {
  title: Msg;
  /** A command or setting to try, when there is one. */
  command?: string;
}

export const GENERIC_CHECKS: readonly GenericCheck[] = [
  {
    title: msg(
      'Print the client and daemon versions at the start of the job: does the client reach a daemon, and which one?',
      'ジョブの最初にクライアントとデーモンのバージョンを表示し、クライアントがデーモンに到達しているか、どのデーモンに接続しているかを確認します。',
    ),
    command: 'docker version && docker info',
  },
  {
    title: msg(
      "Show the service containers' own logs (dind, buildkitd) in the job log with the CI/CD variable CI_DEBUG_SERVICES.",
      'CI/CD変数CI_DEBUG_SERVICESで、サービスコンテナ（dind、buildkitd）自身のログをジョブログに表示します。',
    ),
    command: 'variables:\n  CI_DEBUG_SERVICES: "true"',
  },
  {
    title: msg(
      'Check the connection settings the job really sees (DOCKER_HOST, TLS, proxies).',
      'ジョブが実際に受け取っている接続設定（DOCKER_HOST、TLS、プロキシ）を確認します。',
    ),
    command:
      'echo "DOCKER_HOST=$DOCKER_HOST DOCKER_TLS_CERTDIR=$DOCKER_TLS_CERTDIR"; env | grep -i -E "^(no|https?)_proxy=" | cut -d= -f1',
  },
  {
    title: msg(
      'Check name resolution and the network MTU from inside the job.',
      'ジョブ内から名前解決とネットワークのMTUを確認します。',
    ),
    command: 'cat /etc/resolv.conf; cat /sys/class/net/eth0/mtu; nslookup docker || true',
  },
  {
    title: msg(
      'Run the runner in debug mode on its host to see how it starts the job and its services, and check its version.',
      'RunnerホストでRunnerをデバッグモードで実行し、ジョブとサービスがどう起動されるかを確認します。Runnerのバージョンも確認します。',
    ),
    command: 'gitlab-runner --version; sudo gitlab-runner --debug run',
  },
  {
    title: msg(
      'On Kubernetes, inspect the job pod and the logs of its service containers.',
      'Kubernetesでは、ジョブのPodとサービスコンテナのログを確認します。',
    ),
    command:
      'kubectl -n gitlab-runner get pods; kubectl -n gitlab-runner describe pod <pod>; kubectl -n gitlab-runner logs <pod> -c svc-0',
  },
  {
    title: msg(
      'Compare your .gitlab-ci.yml and config.toml with the files generated for your answers: most failures come from a setting that differs.',
      'あなたの.gitlab-ci.ymlとconfig.tomlを、回答から生成したファイルと比べます。ほとんどの失敗は設定の違いから起きます。',
    ),
  },
];
