/**
 * What to look at when no known failure is recognised in a log: generic checks for the build tool of the setup
 * (the Docker CLI and its daemon, BuildKit, Buildah, Podman), each with a command or setting to try where there is
 * one (shown by the app's troubleshooter and by `generate --diagnose`, which then exits 2).
 */
import { msg } from '../i18n';
import type { GenericCheck } from './types';

/** The build tools whose checks differ: the Docker CLI (any Docker daemon), BuildKit's buildctl, Buildah, Podman. */
export type CheckTool = 'docker' | 'buildctl' | 'buildah' | 'podman';

const SERVICE_LOGS: GenericCheck = {
  title: msg(
    "Show the service containers' own logs (dind, buildkitd) in the job log with the CI/CD variable CI_DEBUG_SERVICES.",
    'CI/CD変数CI_DEBUG_SERVICESで、サービスコンテナ（dind、buildkitd）自身のログをジョブログに表示します。',
  ),
  command: 'variables:\n  CI_DEBUG_SERVICES: "true"',
};

const PROXIES = 'env | grep -i -E "^(no|https?)_proxy=" | cut -d= -f1';

/** Checks shared by every tool: the runner in debug mode, the Kubernetes pod, the files compared. */
const COMMON: readonly GenericCheck[] = [
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

/** Buildah's and Podman's own checks (`buildah info`, `podman info`), registries.conf and the user namespace. */
function daemonlessChecks(tool: 'buildah' | 'podman'): GenericCheck[] {
  const name = tool === 'podman' ? 'Podman' : 'Buildah';
  return [
    {
      title: msg(
        `Print ${name}'s version and what it sees: storage driver, isolation, registries, user namespace mappings.`,
        `${name}のバージョンと、${name}から見える設定（ストレージドライバー、分離方式、レジストリ、ユーザー名前空間のマッピング）を表示します。`,
      ),
      command: `${tool} version && ${tool} info`,
    },
    {
      title: msg(
        'Show the registries configuration: the unqualified-search registries, short-name mode and aliases, insecure registries, and the drop-ins that override them.',
        'レジストリの設定（短い名前の検索先レジストリ、short-name-modeとエイリアス、安全でないレジストリ、それらを上書きするドロップイン）を表示します。',
      ),
      command:
        'cat /etc/containers/registries.conf; ls /etc/containers/registries.conf.d "$HOME/.config/containers/registries.conf.d" 2>/dev/null; cat "$HOME"/.config/containers/registries.conf.d/*.conf 2>/dev/null',
    },
    {
      title: msg(
        'Check the user and its namespace: who runs the build, which UIDs it may map, and the storage and isolation settings.',
        'ビルドを実行するユーザー、マッピングできるUID、ストレージと分離方式の設定を確認します。',
      ),
      command:
        'id; cat /proc/self/uid_map; grep "^$(id -un):" /etc/subuid; echo "STORAGE_DRIVER=$STORAGE_DRIVER BUILDAH_ISOLATION=$BUILDAH_ISOLATION"',
    },
    {
      title: msg(
        'Check the proxies and name resolution of the registries from inside the job.',
        'ジョブ内からプロキシとレジストリの名前解決を確認します。',
      ),
      command: `${PROXIES}; cat /etc/resolv.conf; cat /sys/class/net/eth0/mtu`,
    },
  ];
}

/** BuildKit's checks: its workers, the buildkitd logs, the configuration it was given. */
const BUILDKIT: readonly GenericCheck[] = [
  {
    title: msg(
      'List the BuildKit workers: does buildctl reach a buildkitd, and which platforms and snapshotter does it offer? (Rootless: buildctl-daemonless.sh starts its own.)',
      'BuildKitのワーカーを一覧表示します。buildctlがbuildkitdに到達しているか、どのプラットフォームとスナップショッターが使えるかを確認します（ルートレスではbuildctl-daemonless.shが自分で起動します）。',
    ),
    command: 'buildctl --version; buildctl debug workers || buildctl-daemonless.sh debug workers',
  },
  SERVICE_LOGS,
  {
    title: msg(
      'Check the settings the job really passes to BuildKit: BUILDKIT_HOST, BUILDKITD_FLAGS (and the buildkitd.toml it names), the proxies.',
      'ジョブが実際にBuildKitへ渡している設定（BUILDKIT_HOST、BUILDKITD_FLAGSとそれが指すbuildkitd.toml、プロキシ）を確認します。',
    ),
    command: `echo "BUILDKIT_HOST=$BUILDKIT_HOST BUILDKITD_FLAGS=$BUILDKITD_FLAGS"; ${PROXIES}`,
  },
  {
    title: msg(
      'Check name resolution and the network MTU from inside the job.',
      'ジョブ内から名前解決とネットワークのMTUを確認します。',
    ),
    command: 'cat /etc/resolv.conf; cat /sys/class/net/eth0/mtu',
  },
];

/** The Docker CLI's checks: the client and the daemon, the service logs, the connection settings. */
const DOCKER: readonly GenericCheck[] = [
  {
    title: msg(
      'Print the client and daemon versions at the start of the job: does the client reach a daemon, and which one?',
      'ジョブの最初にクライアントとデーモンのバージョンを表示し、クライアントがデーモンに到達しているか、どのデーモンに接続しているかを確認します。',
    ),
    command: 'docker version && docker info',
  },
  SERVICE_LOGS,
  {
    title: msg(
      'Check the connection settings the job really sees (DOCKER_HOST, TLS, proxies).',
      'ジョブが実際に受け取っている接続設定（DOCKER_HOST、TLS、プロキシ）を確認します。',
    ),
    command: `echo "DOCKER_HOST=$DOCKER_HOST DOCKER_TLS_CERTDIR=$DOCKER_TLS_CERTDIR"; ${PROXIES}`,
  },
  {
    title: msg(
      'Check name resolution and the network MTU from inside the job.',
      'ジョブ内から名前解決とネットワークのMTUを確認します。',
    ),
    command: 'cat /etc/resolv.conf; cat /sys/class/net/eth0/mtu; nslookup docker || true',
  },
];

/**
 * The generic checks for a build tool, in the order they are shown: the tool's own (Docker: `docker info`; BuildKit:
 * `buildctl debug workers`; Buildah and Podman: `<tool> info`, registries.conf, the user namespace), then the
 * runner's, the cluster's and the comparison with the generated files.
 */
export function genericChecks(tool: CheckTool): readonly GenericCheck[] {
  const own = tool === 'docker' ? DOCKER : tool === 'buildctl' ? BUILDKIT : daemonlessChecks(tool);
  return [...own, ...COMMON];
}

/** The generic checks of the Docker CLI (the default setup's tool). */
export const GENERIC_CHECKS: readonly GenericCheck[] = genericChecks('docker');
