/**
 * The diagram's model: the nodes, edges, trust boundaries and finding anchors of a setup, built from the plan by one
 * builder per area, in drawing order (the order of the nodes and edges is the order of the SVG and the description).
 */
import type { Lang } from '../i18n';
import type { Plan } from '../plan';
import { isBuildKitRootless, pushRegistry } from '../rules';
import { FILE_ANCHORS, findingAnchor } from './anchors';
import { OS_NAME, executorLabel, methodTitle } from './labels';
import type {
  DiagramBoundary,
  DiagramEdge,
  DiagramFinding,
  DiagramInput,
  DiagramModel,
  DiagramNode,
  NodeKind,
  T,
} from './types';

/** Where the daemon runs: the id of its parent node, and the DinD service that consumes shared volumes, if any. */
interface Placement {
  daemonParent: string;
  dindConsumer: string | null;
}

type PendingEdge = Omit<DiagramEdge, 'crossesBoundary'>;

/** What the builders share: the plan, the language, and the nodes and edges drawn so far (appended in order). */
interface Builder {
  p: Plan;
  t: T;
  /** The runner's configuration file, named in the details of what it sets. */
  configFile: string;
  nodes: DiagramNode[];
  edges: PendingEdge[];
  /** Adds a node; `false` and empty details are left out. */
  node: (id: string, kind: NodeKind, parent: string | null, label: string, detail?: (string | false)[]) => void;
  edge: (e: PendingEdge) => void;
  /** Adds the edge of a volume or file mounted into a container: `edge-mount-<from>-<to>`. */
  mount: (from: string, to: string, label: string) => void;
}

function builder(p: Plan, lang: Lang): Builder {
  const t: T = (en, ja) => (lang === 'ja' ? ja : en);
  const nodes: DiagramNode[] = [];
  const edges: PendingEdge[] = [];
  const node: Builder['node'] = (id, kind, parent, label, detail = []) =>
    nodes.push({ id, kind, parent, label, detail: detail.filter((d): d is string => d !== false && d !== '') });
  const edge = (e: PendingEdge) => edges.push(e);
  const mount = (from: string, to: string, label: string) =>
    edge({ id: `edge-mount-${from}-${to}`, from, to, label, protocol: 'mount', secure: true });
  return { p, t, configFile: p.runnerConfigFile ?? 'config.toml', nodes, edges, node, edge, mount };
}

/** The host (GitLab-hosted VM, Kubernetes node or runner host) and the runner on it. */
function runnerHost(ctx: Builder): void {
  const { p, t, node } = ctx;
  const a = p.a;
  if (p.hosted)
    node('host', 'host', null, t('GitLab-hosted runner VM', 'GitLabホストのRunner VM'), [
      'Linux',
      t('discarded after each job', 'ジョブごとに破棄'),
    ]);
  else if (p.k8s) node('host', 'host', null, t('Kubernetes node', 'Kubernetesノード'), [OS_NAME(p, t)]);
  else
    node('host', 'host', null, t('Runner host', 'Runnerホスト'), [
      OS_NAME(p, t),
      (a.executor === 'docker-autoscaler' || a.executor === 'docker+machine') &&
        t('an autoscaled instance per job', 'ジョブごとにオートスケールされたインスタンス'),
    ]);

  if (p.hosted) node('runner', 'runner', 'host', 'GitLab Runner', [t('managed by GitLab', 'GitLabが管理')]);
  else if (p.k8s)
    node('runner', 'runner', 'host', 'GitLab Runner', [
      a.helm ? t('Helm chart', 'Helmチャート') : t('runner in the cluster', 'クラスター内のRunner'),
      t(`namespace ${a.k8sNamespace}`, `ネームスペース ${a.k8sNamespace}`),
    ]);
  else
    node('runner', 'runner', 'host', 'GitLab Runner', [
      a.runnerDescription,
      a.runnerTags.length > 0 && t(`tags: ${a.runnerTags.join(', ')}`, `タグ: ${a.runnerTags.join('、')}`),
    ]);
}

/** The executor and the job it runs, with the client that talks to the builder. */
function executorAndJob(ctx: Builder): void {
  const { p, t, node } = ctx;
  const a = p.a;
  node('executor', 'executor', 'host', executorLabel(p, t), [
    p.shellExecutor
      ? t('jobs run on the host as gitlab-runner', 'ジョブはホスト上でgitlab-runnerとして実行')
      : p.k8s
        ? t(
            `job and services share one pod (${a.k8sNamespace})`,
            `ジョブとサービスが1つのPodを共有（${a.k8sNamespace}）`,
          )
        : t('one container per job and service', 'ジョブとサービスごとにコンテナ'),
  ]);

  const client =
    p.daemon === 'buildkitd-service'
      ? t('buildctl client', 'buildctlクライアント')
      : p.daemon === 'in-job'
        ? isBuildKitRootless(a)
          ? 'buildctl-daemonless.sh'
          : a.method
        : p.buildx
          ? t('docker CLI with Buildx', 'docker CLI（Buildx）')
          : 'docker CLI';
  node(
    'job',
    'job',
    'executor',
    p.shellExecutor ? t('Job (shell on the host)', 'ジョブ（ホスト上のシェル）') : t('Job container', 'ジョブコンテナ'),
    [p.jobImage ?? t('user gitlab-runner', 'ユーザー gitlab-runner'), client],
  );
}

/** The service (DinD, buildkitd) and the daemon or daemonless builder that builds the image. */
function serviceAndDaemon(ctx: Builder): Placement {
  const { p, t, node, configFile } = ctx;
  const a = p.a;
  const service = p.service ?? p.runnerServices[0] ?? null;
  const fromRunner = !p.service && service !== null;
  let daemonParent = 'job';
  if (p.daemon === 'dind-service' && service) {
    const alias = service.alias ?? 'docker';
    node('service-dind', 'service', 'executor', t('Docker-in-Docker service', 'Docker-in-Dockerサービス'), [
      service.name,
      p.tlsPort ? `${alias}:${p.tlsPort}` : t(`${alias}, socket on a volume`, `${alias}、ボリューム上のソケット`),
      fromRunner && t(`started for every job (${configFile})`, `すべてのジョブで起動（${configFile}）`),
    ]);
    daemonParent = 'service-dind';
    node('daemon', 'daemon', 'service-dind', t('dockerd (Docker daemon)', 'dockerd（Dockerデーモン）'), [
      t('privileged container', '特権コンテナ'),
      p.tlsPort === 2376
        ? t('listens on TLS 2376', 'TLS 2376で待ち受け')
        : p.tlsPort === 2375
          ? t('listens on plain TCP 2375', '平文TCP 2375で待ち受け')
          : t('listens on a unix socket', 'UNIXソケットで待ち受け'),
      p.buildx && t('Buildx builder (docker-container)', 'Buildxビルダー（docker-container）'),
    ]);
  } else if (p.daemon === 'buildkitd-service' && service) {
    node('service-buildkitd', 'service', 'executor', t('BuildKit service', 'BuildKitサービス'), [
      service.name,
      `${service.alias ?? 'buildkitd'}:1234`,
    ]);
    daemonParent = 'service-buildkitd';
    node('daemon', 'daemon', 'service-buildkitd', t('buildkitd (BuildKit daemon)', 'buildkitd（BuildKitデーモン）'), [
      t('privileged container', '特権コンテナ'),
      t('tcp://0.0.0.0:1234, no TLS', 'tcp://0.0.0.0:1234、TLSなし'),
    ]);
  } else if (p.daemon === 'host-socket' || p.daemon === 'host-pipe' || p.daemon === 'host') {
    daemonParent = 'host';
    node(
      'daemon',
      'daemon',
      'host',
      p.k8s
        ? t('Docker Engine on the node', 'ノードのDocker Engine')
        : t('Docker Engine on the host', 'ホストのDocker Engine'),
      [
        a.os === 'windows'
          ? t('dockerd, runs as SYSTEM', 'dockerd、SYSTEMで動作')
          : a.os === 'macos'
            ? t('Docker Desktop VM', 'Docker DesktopのVM')
            : t('dockerd, runs as root', 'dockerd、rootで動作'),
        t('shared by every job', 'すべてのジョブで共有'),
        p.buildx && t('Buildx builder (docker-container)', 'Buildxビルダー（docker-container）'),
      ],
    );
  } else if (isBuildKitRootless(a)) {
    node('daemon', 'builder', 'job', t('buildkitd (rootless)', 'buildkitd（ルートレス）'), [
      t('in the job: no daemon outside it', 'ジョブ内：ジョブの外にデーモンなし'),
      t('unprivileged, no process sandbox', '非特権、プロセスサンドボックスなし'),
    ]);
  } else {
    node(
      'daemon',
      'builder',
      'job',
      t(
        `${a.method === 'podman' ? 'Podman' : 'Buildah'} (no daemon)`,
        `${a.method === 'podman' ? 'Podman' : 'Buildah'}（デーモンなし）`,
      ),
      [t('rootless, chroot isolation', 'ルートレス、chroot分離'), t('vfs storage', 'vfsストレージ')],
    );
  }
  const dindConsumer = p.daemon === 'dind-service' && service ? 'service-dind' : null;
  return { daemonParent, dindConsumer };
}

/** The edge from the job's client to the daemon: TLS, plain TCP, socket or pipe. */
function clientDaemonEdge(ctx: Builder): void {
  const { p, t, edge } = ctx;
  const a = p.a;
  if (p.daemon === 'dind-service') {
    if (p.tlsPort === 2376)
      edge({
        id: 'edge-client-daemon',
        from: 'job',
        to: 'daemon',
        label: 'TLS 2376',
        protocol: 'tls',
        port: 2376,
        secure: true,
      });
    else if (p.tlsPort === 2375)
      edge({
        id: 'edge-client-daemon',
        from: 'job',
        to: 'daemon',
        label: t('plain TCP 2375', '平文TCP 2375'),
        protocol: 'tcp',
        port: 2375,
        secure: false,
      });
    else
      edge({
        id: 'edge-client-daemon',
        from: 'job',
        to: 'daemon',
        label: t('unix socket', 'UNIXソケット'),
        protocol: 'unix',
        secure: true,
      });
  } else if (p.daemon === 'buildkitd-service') {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label: t('plain TCP 1234', '平文TCP 1234'),
      protocol: 'tcp',
      port: 1234,
      secure: false,
    });
  } else if (p.daemon === 'host-socket') {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label: t('docker.sock: host root', 'docker.sock：ホストのroot'),
      protocol: 'unix',
      secure: false,
    });
  } else if (p.daemon === 'host-pipe' || (p.daemon === 'host' && a.os === 'windows')) {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label: t('named pipe: host', '名前付きパイプ：ホスト'),
      protocol: 'pipe',
      secure: false,
    });
  } else if (p.daemon === 'host') {
    edge({
      id: 'edge-client-daemon',
      from: 'job',
      to: 'daemon',
      label:
        a.os === 'linux' ? t('docker group = root', 'dockerグループ = root') : t('Docker socket', 'Dockerソケット'),
      protocol: 'unix',
      secure: false,
    });
  }
}

/** The volumes, sockets and pipes shared with the job (and with the DinD service). */
function volumes(ctx: Builder, dindConsumer: string | null): void {
  const { p, t, node, mount, configFile } = ctx;
  const a = p.a;
  if (a.method === 'dind' && a.tls === 'tcp') {
    node('volume-certs', 'volume', 'executor', '/certs/client', [
      t('TLS client certificates', 'TLSクライアント証明書'),
      p.k8s
        ? t('in-memory emptyDir of the pod', 'Podのメモリ上のemptyDir')
        : p.hosted
          ? t("GitLab's runner configuration", 'GitLabのRunner設定')
          : t(`volume in ${configFile}: persists`, `${configFile}のボリューム：永続`),
    ]);
    mount('volume-certs', 'job', t('client certificates', 'クライアント証明書'));
    if (dindConsumer) mount('volume-certs', dindConsumer, t('server writes them', 'サーバーが書き込む'));
  }
  if (a.method === 'dind' && a.tls === 'socket-volume') {
    node('volume-socket', 'volume', 'executor', '/runner/services/docker', [
      t('docker.sock of the service', 'サービスのdocker.sock'),
      t('temporary, per job', '一時的、ジョブごと'),
    ]);
    mount('volume-socket', 'job', t('client socket', 'クライアントのソケット'));
    if (dindConsumer) mount('volume-socket', dindConsumer, t('dockerd creates the socket', 'dockerdがソケットを作成'));
  }
  if (a.method === 'socket' || (p.daemon === 'host' && a.os !== 'windows')) {
    node('socket', 'socket', 'host', '/var/run/docker.sock', [
      p.daemon === 'host'
        ? t('group docker', 'dockerグループ')
        : p.k8s
          ? t('hostPath of the node, read-only', 'ノードのhostPath、読み取り専用')
          : t(`mounted into every job (${configFile})`, `すべてのジョブにマウント（${configFile}）`),
    ]);
    if (a.method === 'socket') mount('socket', 'job', t('host socket', 'ホストのソケット'));
  }
  if (a.method === 'pipe' || (p.daemon === 'host' && a.os === 'windows')) {
    node('pipe', 'pipe', 'host', '\\\\.\\pipe\\docker_engine', [
      p.daemon === 'host'
        ? t('Docker Engine of the host', 'ホストのDocker Engine')
        : p.k8s
          ? t('hostPath of the node', 'ノードのhostPath')
          : t(`mounted into every job (${configFile})`, `すべてのジョブにマウント（${configFile}）`),
    ]);
    if (a.method === 'pipe') mount('pipe', 'job', t('host pipe', 'ホストのパイプ'));
  }
}

/** The files that configure the daemon or the job: daemon.json, buildkitd.toml, the registry CA, config.json. */
function files(ctx: Builder, dindConsumer: string | null): void {
  const { p, t, node, edge, mount } = ctx;
  const a = p.a;
  if (p.daemonJson) {
    const what = [
      'registry-mirrors' in p.daemonJson && t('registry mirror', 'レジストリミラー'),
      'proxies' in p.daemonJson && t('proxy', 'プロキシ'),
    ]
      .filter((x) => x !== false)
      .join(', ');
    if (p.daemonJsonTarget === 'k8s-configmap') {
      node('daemon-json', 'file', 'executor', 'daemon.json', [
        t('ConfigMap docker-daemon', 'ConfigMap docker-daemon'),
        what,
      ]);
      if (dindConsumer) mount('daemon-json', dindConsumer, '/etc/docker/daemon.json');
    } else if (p.daemonJsonTarget === 'runner-host-volume') {
      node('daemon-json', 'file', 'host', 'daemon.json', ['/opt/docker/daemon.json', what]);
      if (dindConsumer) mount('daemon-json', dindConsumer, '/etc/docker/daemon.json');
    } else {
      node('daemon-json', 'file', 'host', 'daemon.json', [
        a.os === 'windows' ? 'C:\\ProgramData\\docker\\config\\daemon.json' : '/etc/docker/daemon.json',
        what,
      ]);
      edge({
        id: 'edge-daemon-json',
        from: 'daemon-json',
        to: 'daemon',
        label: t('read by dockerd', 'dockerdが読み込む'),
        protocol: 'file',
        secure: true,
      });
    }
  }
  if (p.buildkitdToml) {
    node('buildkitd-toml', 'file', 'job', 'buildkitd.toml', [
      '$CI_PROJECT_DIR/buildkitd.toml',
      t('registry mirror', 'レジストリミラー'),
    ]);
    edge({
      id: 'edge-buildkitd-toml',
      from: 'buildkitd-toml',
      to: 'daemon',
      label: '--config',
      protocol: 'file',
      secure: true,
    });
  }
  if (a.customCaVar && a.method === 'dind' && !p.hosted && dindConsumer) {
    node('certs-d', 'file', p.k8s ? 'executor' : 'host', t('Registry CA', 'レジストリのCA'), [
      p.k8s ? t('ConfigMap registry-ca', 'ConfigMap registry-ca') : '/etc/docker/certs.d',
      a.customCaHost,
    ]);
    mount('certs-d', dindConsumer, `/etc/docker/certs.d/${a.customCaHost}`);
  } else if (a.customCaVar && (a.method === 'socket' || a.method === 'host')) {
    node('certs-d', 'file', 'host', t('Registry CA', 'レジストリのCA'), ['/etc/docker/certs.d', a.customCaHost]);
    edge({
      id: 'edge-certs-d',
      from: 'certs-d',
      to: 'daemon',
      label: t('trusted by dockerd', 'dockerdが信頼'),
      protocol: 'file',
      secure: true,
    });
  }
  if (a.authMethod === 'mounted-config' && !p.hosted) {
    node('config-json', 'file', p.k8s ? 'executor' : 'host', 'config.json', [
      p.k8s ? t('ConfigMap docker-client-config', 'ConfigMap docker-client-config') : '/opt/.docker/config.json',
      t('registry credentials, read-only', 'レジストリの認証情報、読み取り専用'),
    ]);
    mount('config-json', 'job', '/root/.docker/config.json');
  }
}

/** Outside the host: GitLab, and the proxy with the elements that use it. */
function gitlabAndProxy(ctx: Builder, daemonParent: string): void {
  const { p, t, node, edge, configFile } = ctx;
  const a = p.a;
  node('gitlab', 'gitlab', null, 'GitLab', [a.gitlabUrl]);
  const gitlabTls = a.gitlabUrl.startsWith('https:');
  edge({
    id: 'edge-runner-gitlab',
    from: 'runner',
    to: 'gitlab',
    label: t('fetches jobs', 'ジョブを取得'),
    protocol: gitlabTls ? 'https' : 'http',
    secure: gitlabTls,
  });

  if (a.proxy !== 'none') {
    node('proxy', 'proxy', null, t('HTTP(S) proxy', 'HTTP(S)プロキシ'), [
      a.httpProxy || a.httpsProxy ? '' : t('URLs from CI/CD variables', 'URLはCI/CD変数から'),
      a.httpProxy && `HTTP_PROXY ${a.httpProxy}`,
      a.httpsProxy && a.httpsProxy !== a.httpProxy && `HTTPS_PROXY ${a.httpsProxy}`,
      a.proxy === 'runner'
        ? t(`runner environment (${configFile})`, `Runnerの環境変数（${configFile}）`)
        : t('variables in .gitlab-ci.yml', '.gitlab-ci.ymlの変数'),
    ]);
    const viaProxy = (from: string) =>
      // HTTPS is tunnelled through the proxy (CONNECT): the proxy sees host names, not contents.
      edge({
        id: `edge-${from}-proxy`,
        from,
        to: 'proxy',
        label: t('via proxy', 'プロキシ経由'),
        protocol: 'proxy',
        secure: true,
      });
    if (a.proxy === 'runner') viaProxy('runner');
    viaProxy('job');
    const daemonUsesProxy =
      daemonParent === 'host'
        ? p.daemonJson !== null && 'proxies' in p.daemonJson
        : daemonParent !== 'job' && a.proxy === 'job';
    if (daemonUsesProxy) viaProxy('daemon');
  }
}

/** Outside the host: the registry the image is pushed to, and the layer cache. */
function registryAndCache(ctx: Builder): void {
  const { p, t, node, edge } = ctx;
  const a = p.a;
  if (a.push) {
    const target = pushRegistry(a);
    node(
      'registry',
      'registry',
      null,
      target === 'gitlab'
        ? t('GitLab container registry', 'GitLabコンテナレジストリ')
        : target === 'dockerhub'
          ? 'Docker Hub'
          : target === 'other'
            ? a.otherRegistryHost
            : t('Registry', 'レジストリ'),
      [a.image],
    );
    edge({
      id: 'edge-push',
      from: 'daemon',
      to: 'registry',
      label: t('push', 'プッシュ'),
      protocol: 'https',
      secure: true,
    });
  }
  if (a.cache !== 'none') {
    node('cache', 'cache', null, t('Layer cache', 'レイヤーキャッシュ'), [
      a.cache === 'registry' ? a.cacheRef : `${a.image}:latest`,
      a.cache === 'registry'
        ? a.method === 'buildah' || a.method === 'podman'
          ? t('registry cache', 'レジストリキャッシュ')
          : t(`registry cache, mode=${a.cacheMode}`, `レジストリキャッシュ、mode=${a.cacheMode}`)
        : t('inline cache', 'インラインキャッシュ'),
    ]);
    edge({
      id: 'edge-cache',
      from: 'daemon',
      to: 'cache',
      label: t('cache', 'キャッシュ'),
      protocol: 'https',
      secure: true,
    });
  }
}

/** Outside the host: where base images come from (Dependency Proxy, mirror, upstream registry). */
function pullSources(ctx: Builder): void {
  const { p, t, node, edge, configFile } = ctx;
  const a = p.a;
  if (a.dependencyProxy) {
    node('dependency-proxy', 'mirror', null, t('GitLab Dependency Proxy', 'GitLab依存プロキシ'), [
      '${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}',
    ]);
    edge({
      id: 'edge-dependency-proxy',
      from: 'daemon',
      to: 'dependency-proxy',
      label: t('base images', 'ベースイメージ'),
      protocol: 'https',
      secure: true,
    });
  }
  if (a.mirrorUrl) {
    const place =
      a.mirrorPlace === 'ci-service'
        ? t('dind service flag (.gitlab-ci.yml)', 'dindサービスのフラグ（.gitlab-ci.yml）')
        : a.mirrorPlace === 'runner-service'
          ? t(`runner service (${configFile})`, `Runnerのサービス（${configFile}）`)
          : a.mirrorPlace === 'daemon-json'
            ? 'daemon.json'
            : 'buildkitd.toml';
    node('mirror', 'mirror', null, t('Registry mirror', 'レジストリミラー'), [a.mirrorUrl, place]);
    edge({
      id: 'edge-mirror',
      from: 'daemon',
      to: 'mirror',
      label: p.mirrorInsecure ? t('pull, plain HTTP', 'pull、平文HTTP') : 'pull',
      protocol: p.mirrorInsecure ? 'http' : 'https',
      secure: !p.mirrorInsecure,
    });
  }
  node(
    'upstream',
    'upstream',
    null,
    p.windows ? t('Base image registry', 'ベースイメージのレジストリ') : 'Docker Hub',
    [p.windows ? 'mcr.microsoft.com' : t('docker.io, base images', 'docker.io、ベースイメージ')],
  );
  if (!a.mirrorUrl && !a.dependencyProxy)
    edge({ id: 'edge-pull', from: 'daemon', to: 'upstream', label: 'pull', protocol: 'https', secure: true });
  if (a.mirrorUrl)
    edge({
      id: 'edge-mirror-upstream',
      from: 'mirror',
      to: 'upstream',
      label: t('mirrors', 'ミラー元'),
      protocol: 'https',
      secure: true,
    });
  if (a.dependencyProxy)
    edge({
      id: 'edge-dependency-proxy-upstream',
      from: 'dependency-proxy',
      to: 'upstream',
      label: t('caches', 'キャッシュ元'),
      protocol: 'https',
      secure: true,
    });
}

/** The trust boundaries (host, pod, privileged containers, host root), each with its members, descendants included. */
function trustBoundaries(ctx: Builder, daemonParent: string): DiagramBoundary[] {
  const { p, t, nodes } = ctx;
  const a = p.a;
  const childrenOf = (id: string) => nodes.filter((n) => n.parent === id).map((n) => n.id);
  const withDescendants = (ids: string[]): string[] => {
    const out: string[] = [];
    const visit = (id: string) => {
      if (out.includes(id)) return;
      out.push(id);
      for (const c of childrenOf(id)) visit(c);
    };
    for (const id of ids) visit(id);
    return out;
  };
  const boundaries: DiagramBoundary[] = [];
  const hostLevel = nodes
    .filter((n) => n.parent === 'host' && n.kind !== 'executor' && !(p.k8s && n.kind === 'runner'))
    .map((n) => n.id);
  const hostMembers = withDescendants(p.shellExecutor ? [...hostLevel, 'executor'] : hostLevel);
  if (hostMembers.length)
    boundaries.push({
      id: 'boundary-host',
      kind: 'host',
      label: p.hosted
        ? t('VM, outside containers', 'VM（コンテナの外）')
        : p.k8s
          ? t('Node, outside pods', 'ノード（Podの外）')
          : t('Host, outside containers', 'ホスト（コンテナの外）'),
      members: hostMembers,
    });
  if (p.k8s)
    boundaries.push({
      id: 'boundary-pod',
      kind: 'pod',
      label: t('Build pod: shared network and volumes', 'ビルドPod：ネットワークとボリュームを共有'),
      members: withDescendants(childrenOf('executor')),
    });
  if (p.privileged)
    boundaries.push({
      id: 'boundary-privileged',
      kind: 'privileged',
      label: p.hosted
        ? t('Privileged containers (disposable VM)', '特権コンテナ（使い捨てVM）')
        : t('Privileged: host root reachable', '特権：ホストのrootに到達可能'),
      // privileged = true applies to every container of the job, not only to the daemon's service.
      members: withDescendants(childrenOf('executor').filter((id) => id === 'job' || id.startsWith('service-'))),
    });
  if (daemonParent === 'host') {
    const via = nodes.find((n) => n.id === 'socket' || n.id === 'pipe')?.id;
    boundaries.push({
      id: 'boundary-host-root',
      kind: 'host-root',
      label:
        p.daemon === 'host' && a.os === 'linux'
          ? t('Host root via the docker group', 'dockerグループ経由でホストのroot')
          : p.daemon === 'host-pipe' || (p.daemon === 'host' && a.os === 'windows')
            ? t('Host reachable via the pipe', 'パイプ経由でホストに到達可能')
            : t('Host root via the socket', 'ソケット経由でホストのroot'),
      members: withDescendants(['job', 'daemon', ...(via ? [via] : [])]),
    });
  }
  return boundaries;
}

/** The diagram's model for these answers (the plan) and their findings, in one language. */
export function diagramModel(input: DiagramInput, lang: Lang): DiagramModel {
  const p = input.plan;
  const ctx = builder(p, lang);
  const { t, nodes, edges } = ctx;
  runnerHost(ctx);
  executorAndJob(ctx);
  const { daemonParent, dindConsumer } = serviceAndDaemon(ctx);
  clientDaemonEdge(ctx);
  volumes(ctx, dindConsumer);
  files(ctx, dindConsumer);
  gitlabAndProxy(ctx, daemonParent);
  registryAndCache(ctx);
  pullSources(ctx);
  const boundaries = trustBoundaries(ctx, daemonParent);

  const finalEdges: DiagramEdge[] = edges.map((e) => ({
    ...e,
    crossesBoundary: boundaries.filter((b) => b.members.includes(e.from) !== b.members.includes(e.to)).map((b) => b.id),
  }));

  const ids = new Set<string>([
    ...nodes.map((n) => n.id),
    ...finalEdges.map((e) => e.id),
    ...boundaries.map((b) => b.id),
  ]);
  const findings: DiagramFinding[] = input.findings.map((f) => {
    const preferred = findingAnchor(f);
    const anchor = ids.has(preferred)
      ? preferred
      : ids.has(FILE_ANCHORS[f.file] ?? '')
        ? (FILE_ANCHORS[f.file] ?? 'host')
        : 'host';
    return { id: f.id, severity: f.severity, title: f.title, anchor };
  });

  return {
    lang,
    title: t(`Diagram of this setup: ${methodTitle(p, t)}`, `この構成の図：${methodTitle(p, t)}`),
    nodes,
    edges: finalEdges,
    boundaries,
    findings,
  };
}
