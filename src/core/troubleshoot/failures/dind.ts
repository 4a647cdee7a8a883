/**
 * Docker-in-Docker: the dind service, its TLS port, its privileges, its name, its start-up and its storage.
 *
 * failures.md #1, #2, #7, #18, #25; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { IMAGE_PREFIX, type Answers } from '../../answers';
import { msg } from '../../i18n';
import { derivedServiceAlias } from '../../quote';
import { isHosted } from '../../vocabulary';
import { dockerExecutor, shellRunner, daemonlessBuilder } from '../fix-helpers';
import { K8S_LOG, CONNECT, LOOKUP_FAILED, RESOLVER } from '../log-patterns';
import type { Failure } from '../types';

/**
 * The image prefix of a dind service image copied into a company registry or mirror, as the log's `Starting service`
 * line names it (`gitlab.example.com:5050/infra/images` of `gitlab.example.com:5050/infra/images/docker:24.0.7-dind`),
 * or null when the image is Docker Hub's own `docker:…-dind` or its last path component is not `docker` (a prefix
 * would not reproduce it). Validated like the answer (`IMAGE_PREFIX`).
 */
export function dindImagePrefix(image: string | undefined): string | null {
  if (!image) return null;
  const slash = image.lastIndexOf('/');
  if (slash <= 0 || !/^docker:[\w.-]*dind[\w.-]*$/.test(image.slice(slash + 1))) return null;
  const prefix = image.slice(0, slash);
  return IMAGE_PREFIX.test(prefix) ? prefix : null;
}

/**
 * failures.md #1 dind-tls-port-mismatch, #2 dind-not-privileged, #7 dind-hostname-unresolved,
 * #18 dind-startup-healthcheck and #25 dind-overlay-vfs, in that order.
 */
export const DIND_FAILURES: readonly Failure[] = [
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
              patch: () => ({ dindConnection: 'tls' }),
            },
            {
              id: 'socket-volume',
              label: msg(
                'Unix socket on a per-job volume (no port, no certificates; Docker executor)',
                'ジョブごとのボリューム上のUnixソケット（ポートも証明書も不要、Docker executor）',
              ),
              patch: () => ({ dindConnection: 'socket-volume' }),
              available: dockerExecutor,
            },
            {
              id: 'tls-off',
              label: msg(
                'TLS off on port 2375 (DOCKER_TLS_CERTDIR ""; unauthenticated plain TCP)',
                'ポート2375でTLSなし（DOCKER_TLS_CERTDIRは""、認証なしの平文TCP）',
              ),
              patch: () => ({ dindConnection: 'plain-tcp' }),
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
        // dockerd got as far as iptables, whose backend the host kernel lacks: dind-iptables-backend, not privileges.
        unless:
          /\((?:nf_tables|legacy)\):\s+(?:[A-Z_]+ failed \((?:No such file or directory|Not supported|Protocol not supported)\)|can't initialize iptables table \S+: Table does not exist)|Could not fetch rule set generation id/i,
      },
    ],
  },
  {
    id: 'dind-hostname-unresolved',
    n: 7,
    title: msg('The dind service name does not resolve', 'dindサービスのホスト名を解決できない'),
    cause: msg(
      'The host in DOCKER_HOST is not a running service: the service never started (see dind-not-privileged), its alias differs from DOCKER_HOST (a dind image copied into a company registry or pulled through a mirror gets the alias GitLab derives from its whole name, such as registry.example.com__images__docker, unless the service sets alias: docker), the shell executor silently ignores services:, /etc/hosts was mounted into the job container, or an old Kubernetes executor (12.7 or earlier) needed localhost.',
      'DOCKER_HOSTのホストが動作中のサービスではありません。サービスが起動しなかった（dind-not-privilegedを参照）、エイリアスがDOCKER_HOSTと異なる（会社のレジストリにコピーした、またはミラー経由でpullするdindイメージには、サービスでalias: dockerを指定しない限り、GitLabが名前全体から作るregistry.example.com__images__dockerのようなエイリアスが付きます）、shell executorがservices:を黙って無視している、/etc/hostsをジョブコンテナにマウントした、または古いKubernetes executor（12.7以前）でlocalhostが必要だった、のいずれかです。',
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
      // The dind image the log shows from a company registry keeps coming from it, with `alias: docker`.
      patch: (a, facts) => {
        const patch: Partial<Answers> = shellRunner(a) ? { executor: 'docker', method: 'dind' } : { method: 'dind' };
        const prefix = dindImagePrefix(facts.serviceImage);
        if (prefix) patch.toolImagePrefix = prefix;
        return patch;
      },
      outside: msg(
        'A shell runner cannot run services: register a Docker executor runner (register.sh) for these jobs. Remove any /etc/hosts volume from the runner.',
        'shell Runnerではサービスを実行できません。このジョブ用にDocker executorのRunnerを登録します（register.sh）。Runnerから/etc/hostsのボリュームを削除します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab/-/issues/8818',
      'https://gitlab.com/gitlab-org/gitlab-ee/issues/3755',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/289906',
      'https://github.com/docker-library/docker/issues/283',
    ],
    recognisers: [
      {
        kw: ['lookup '],
        re: new RegExp(String.raw`lookup (?<alias>[A-Za-z0-9_-]+(?:__[A-Za-z0-9_.-]+)?)${RESOLVER}: ${LOOKUP_FAILED}`),
        // The dind service image the runner started (`Starting service <image> ...`).
        logFacts: /Starting service (?<serviceImage>[A-Za-z0-9._/:@-]{0,300}dind[A-Za-z0-9._:@-]{0,100}) \.\.\./,
      },
    ],
    note: (facts) => {
      const image = facts.serviceImage;
      if (!image || !image.includes('/')) return null;
      const alias = derivedServiceAlias(image);
      if (alias === (facts.alias ?? 'docker')) return null;
      const prefix = dindImagePrefix(image);
      return msg(
        `The log starts the dind service from ${image}. Without an alias, GitLab names that service ${alias} (and ${alias.replace(/__/g, '-')}), so "${facts.alias ?? 'docker'}" never resolves: give the service alias: docker${prefix ? `, or answer that the tool images come from ${prefix} (the fix does), which adds it` : ''}.`,
        `ログはdindサービスを${image}から起動しています。エイリアスがないと、GitLabはこのサービスに${alias}（と${alias.replace(/__/g, '-')}）という名前を付けるため、「${facts.alias ?? 'docker'}」は解決されません。サービスにalias: dockerを指定してください${prefix ? `。またはツールのイメージを${prefix}から取得すると回答すると（この修正がそうします）、エイリアスが追加されます` : ''}。`,
      );
    },
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
      patch: () => ({ overlay2: 'default' }),
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
];
