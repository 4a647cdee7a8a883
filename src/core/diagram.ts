/**
 * The diagram of a setup, drawn from the answers by the core (issue 7): a model (nodes, edges, trust boundaries and
 * the element each finding concerns), a self-contained SVG rendering of it, and a text description of the same graph
 * for screen readers and SETUP.md.
 *
 * Element ids are stable across answer changes, so the app can keep hover/focus state and wire findings to them:
 * - nodes: `host`, `runner`, `executor`, `job`, `service-dind` | `service-buildkitd`, `daemon` (the daemon or the
 *   daemonless builder that builds the image; its parent says where it runs), `volume-certs`, `volume-socket`,
 *   `socket`, `pipe`, `daemon-json`, `config-json`, `certs-d`, `buildkitd-toml`, and outside the host `gitlab`,
 *   `proxy`, `registry`, `cache`, `dependency-proxy`, `mirror`, `upstream`;
 * - edges: `edge-<what>`, e.g. `edge-client-daemon` (client to daemon: TLS, plain TCP, socket or pipe), `edge-push`,
 *   `edge-pull`, `edge-mirror`, `edge-cache`, `edge-runner-gitlab`, `edge-mount-<node>-<consumer>`;
 * - boundaries: `boundary-host`, `boundary-privileged`, `boundary-host-root`, `boundary-pod`.
 *
 * Pure: no DOM, no Node APIs. Every user-supplied text is XML-escaped in the SVG.
 */
import type { Finding, Severity } from './findings';
import type { Lang } from './i18n';
import type { Plan } from './plan';
import { isBuildKitRootless, pushRegistry } from './rules';

// ---------------------------------------------------------------------------------------------------------------
// Model

export type NodeKind =
  | 'host'
  | 'runner'
  | 'executor'
  | 'job'
  | 'service'
  | 'daemon' // a daemon that builds (dockerd, buildkitd), wherever it runs
  | 'builder' // a builder without a daemon outside the job (rootless BuildKit, Buildah, Podman)
  | 'volume'
  | 'socket'
  | 'pipe'
  | 'file'
  | 'gitlab'
  | 'registry'
  | 'cache'
  | 'mirror'
  | 'proxy'
  | 'upstream';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Image, alias:port, path, URL...: one line each. */
  detail: string[];
  /** The element this one is drawn inside; null for the host and the elements outside it. */
  parent: string | null;
}

export type EdgeProtocol = 'tls' | 'tcp' | 'unix' | 'pipe' | 'https' | 'http' | 'proxy' | 'mount' | 'file';

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  protocol: EdgeProtocol;
  port?: number;
  /** Encrypted and authenticated, or local without giving away the host; false for plain TCP, HTTP, host sockets. */
  secure: boolean;
  /** The boundaries with exactly one end of this edge inside. */
  crossesBoundary: string[];
}

export type BoundaryKind = 'host' | 'privileged' | 'host-root' | 'pod';

export interface DiagramBoundary {
  id: string;
  kind: BoundaryKind;
  label: string;
  /** Node ids inside the boundary, descendants included. */
  members: string[];
}

export interface DiagramFinding {
  id: string;
  severity: Severity;
  title: string;
  /** The id of the node, edge or boundary the finding concerns. */
  anchor: string;
}

export interface DiagramModel {
  lang: Lang;
  title: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  boundaries: DiagramBoundary[];
  findings: DiagramFinding[];
}

/** What the diagram is drawn from: a `GenerateResult` fits. */
export interface DiagramInput {
  plan: Plan;
  findings: readonly Pick<Finding, 'id' | 'file' | 'severity' | 'title'>[];
}

/** The element each finding concerns. Every anchor exists in the model whenever its finding applies (tested). */
export const FINDING_ANCHORS: Readonly<Record<string, string>> = {
  'privileged-container': 'boundary-privileged',
  'docker-group-root': 'boundary-host-root',
  'host-socket': 'socket',
  'host-pipe': 'pipe',
  'shared-host-daemon': 'daemon',
  'k8s-socket-containerd': 'socket',
  'dind-tls-off': 'edge-client-daemon',
  'certs-volume-shared': 'volume-certs',
  'image-not-fully-pinned': 'job',
  'password-on-command-line': 'job',
  'mounted-config-readonly': 'config-json',
  'buildkit-no-process-sandbox': 'daemon',
  'unconfined-security': 'job',
  'kaniko-unmaintained': 'daemon',
  'legacy-registration-token': 'runner',
  'insecure-mirror': 'edge-mirror',
  'dockerhub-rate-limit': 'edge-pull',
  'no-layer-cache': 'daemon',
};

/** Where a finding without an entry above is drawn: by the file it points at. */
const FILE_ANCHORS: Readonly<Record<string, string>> = {
  '.gitlab-ci.yml': 'job',
  'config.toml': 'runner',
  'values.yaml': 'runner',
  'register.sh': 'runner',
  'register.ps1': 'runner',
  'kubernetes.sh': 'executor',
  'daemon.json': 'daemon',
  'buildkitd.toml': 'daemon',
};

/** The id of the diagram element a finding concerns. */
export function findingAnchor(finding: Pick<Finding, 'id' | 'file'>): string {
  return FINDING_ANCHORS[finding.id] ?? FILE_ANCHORS[finding.file] ?? 'host';
}

type T = (en: string, ja: string) => string;

const OS_NAME = (p: Plan, t: T): string =>
  p.a.os === 'windows'
    ? `Windows Server ${p.a.windowsVersion}`
    : p.a.os === 'macos'
      ? t('macOS (Docker Desktop)', 'macOS（Docker Desktop）')
      : 'Linux';

function methodTitle(p: Plan, t: T): string {
  const a = p.a;
  switch (a.method) {
    case 'dind':
      return a.tls === 'tcp'
        ? t('Docker-in-Docker with TLS', 'TLS付きDocker-in-Docker')
        : a.tls === 'off'
          ? t('Docker-in-Docker without TLS', 'TLSなしのDocker-in-Docker')
          : t('Docker-in-Docker through a socket volume', 'ソケットボリューム経由のDocker-in-Docker');
    case 'socket':
      return t('Docker socket binding', 'Dockerソケットバインディング');
    case 'pipe':
      return t('Docker pipe binding', 'Dockerパイプバインディング');
    case 'host':
      return t('the host Docker daemon', 'ホストのDockerデーモン');
    case 'buildkit-rootless':
      return t('rootless BuildKit', 'ルートレスBuildKit');
    case 'kaniko-migration':
      return t('rootless BuildKit (migrated from Kaniko)', 'ルートレスBuildKit（Kanikoから移行）');
    case 'buildctl':
      return t('buildctl with a buildkitd service', 'buildkitdサービスとbuildctl');
    case 'buildah':
      return 'Buildah';
    case 'podman':
      return 'Podman';
  }
}

function executorLabel(p: Plan, t: T): string {
  if (p.hosted) return t('Docker executor (GitLab.com)', 'Docker executor（GitLab.com）');
  switch (p.a.executor) {
    case 'shell':
      return t('Shell executor', 'Shell executor');
    case 'docker':
      return t('Docker executor', 'Docker executor');
    case 'docker-windows':
      return t('Docker executor (Windows containers)', 'Docker executor（Windowsコンテナ）');
    case 'docker-autoscaler':
      return t('Docker Autoscaler executor', 'Docker Autoscaler executor');
    case 'docker+machine':
      return t('Docker Machine executor', 'Docker Machine executor');
    case 'kubernetes':
      return t('Kubernetes executor: build pod', 'Kubernetes executor：ビルドPod');
  }
}

/** The diagram's model for these answers (the plan) and their findings, in one language. */
export function diagramModel(input: DiagramInput, lang: Lang): DiagramModel {
  const p = input.plan;
  const a = p.a;
  const t: T = (en, ja) => (lang === 'ja' ? ja : en);
  const nodes: DiagramNode[] = [];
  const edges: Omit<DiagramEdge, 'crossesBoundary'>[] = [];
  const node = (id: string, kind: NodeKind, parent: string | null, label: string, detail: (string | false)[] = []) =>
    nodes.push({ id, kind, parent, label, detail: detail.filter((d): d is string => d !== false && d !== '') });
  const edge = (e: Omit<DiagramEdge, 'crossesBoundary'>) => edges.push(e);
  const mount = (from: string, to: string, label: string) =>
    edge({ id: `edge-mount-${from}-${to}`, from, to, label, protocol: 'mount', secure: true });
  const configFile = p.runnerConfigFile ?? 'config.toml';

  // ---- the host, the runner, the executor, the job
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

  // ---- the service and the daemon that builds
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

  // ---- client to daemon
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

  // ---- volumes, sockets and files shared with the job
  const dindConsumer = p.daemon === 'dind-service' && service ? 'service-dind' : null;
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

  // ---- outside the host: GitLab, the proxy, the registries, the cache
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

  // ---- trust boundaries
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

// ---------------------------------------------------------------------------------------------------------------
// Text description

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SEVERITY_JA: Record<Severity, string> = { critical: '重大', high: '高', medium: '中', low: '低', info: '情報' };

/** The same graph as sentences, for screen readers (the SVG's `<desc>`) and SETUP.md. */
export function describeDiagram(model: DiagramModel, lang: Lang): string[] {
  const ja = lang === 'ja';
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const edgeName = (e: DiagramEdge): string => {
    const from = byId.get(e.from)?.label ?? e.from;
    const to = byId.get(e.to)?.label ?? e.to;
    return ja ? `${from}から${to}への接続（${e.label}）` : `the connection from ${from} to ${to} (${e.label})`;
  };
  const labelOf = (id: string): string => {
    const n = byId.get(id);
    if (n) return n.label;
    const e = model.edges.find((x) => x.id === id);
    if (e) return edgeName(e);
    const b = model.boundaries.find((x) => x.id === id);
    return b ? (ja ? `信頼境界「${b.label}」` : `the trust boundary "${b.label}"`) : id;
  };
  const inHost = (id: string) => {
    for (let n = byId.get(id); n; n = n.parent ? byId.get(n.parent) : undefined) if (n.kind === 'host') return true;
    return false;
  };
  const lines: string[] = [];
  for (const n of model.nodes) {
    const parent = n.parent ? byId.get(n.parent) : undefined;
    const where =
      n.kind === 'host'
        ? ''
        : parent
          ? ja
            ? `${parent.label}の中の`
            : `, inside ${parent.label}`
          : ja
            ? 'ホストの外の'
            : ', outside the host';
    const detail = n.detail.join(ja ? '、' : '; ');
    lines.push(
      ja ? `${where}${n.label}${detail ? `：${detail}` : ''}。` : `${n.label}${where}${detail ? `: ${detail}` : ''}.`,
    );
  }
  for (const e of model.edges) {
    const from = labelOf(e.from);
    const to = labelOf(e.to);
    // Leaving the host for the network is drawn, not said: only crossings inside the host are named.
    const crosses =
      inHost(e.from) && inHost(e.to)
        ? e.crossesBoundary
            .filter((id) => model.boundaries.some((b) => b.id === id && (b.kind === 'host' || b.kind === 'host-root')))
            .map(labelOf)
        : [];
    const crossing = ja
      ? crosses.length
        ? `。${crosses.join('と')}を越えます`
        : ''
      : crosses.length
        ? `, crossing ${crosses.join(' and ')}`
        : '';
    if (e.protocol === 'mount') {
      lines.push(
        ja
          ? `${from}は${to}にマウントされます（${e.label}）${crossing}。`
          : `${from} is mounted into ${to} (${e.label})${crossing}.`,
      );
      continue;
    }
    const port = e.port ? (ja ? `、ポート${e.port}` : `, port ${e.port}`) : '';
    lines.push(
      ja
        ? `${from}から${to}へ：${e.label}（${e.protocol.toUpperCase()}${port}、${e.secure ? '安全' : '安全でない'}）${crossing}。`
        : `${from} to ${to}: ${e.label} (${e.protocol.toUpperCase()}${port}, ${e.secure ? 'secure' : 'not secure'})${crossing}.`,
    );
  }
  for (const b of model.boundaries) {
    const members = b.members.map(labelOf);
    lines.push(
      ja
        ? `${labelOf(b.id)}に含まれるもの：${members.join('、')}。`
        : `${capitalize(labelOf(b.id))} contains: ${members.join(', ')}.`,
    );
  }
  for (const f of model.findings) {
    lines.push(
      ja
        ? `指摘事項（${SEVERITY_JA[f.severity]}）「${f.title}」は${labelOf(f.anchor)}に関するものです。`
        : `Finding (${f.severity}) "${f.title}" concerns ${labelOf(f.anchor)}.`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// SVG

export interface SvgOptions {
  lang: Lang;
  /** Prefix of the SVG's internal ids (title, desc, markers) when several diagrams share a page. */
  idPrefix?: string;
}

/** Characters XML 1.0 cannot carry at all: removed. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute value, escaped for XML. */
export function escapeXml(s: string): string {
  if (PLAIN_XML.test(s)) return s;
  const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}
/** Text that needs no escaping (the common case: labels, paths, image names). */
const PLAIN_XML = /^[\t\n\r !#-%(-;=?-\uD7FF\uE000-\uFFFD]*$/;

const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F000}-\u{3FFFD}]/u;

/** Approximate width in px of `s` at `size` px (sans-serif; wide characters count double). */
function textWidth(s: string, size: number): number {
  let units = 0;
  for (const ch of s) units += ch.charCodeAt(0) < 0x1100 ? 1 : WIDE.test(ch) ? 1.9 : 1;
  return units * size * 0.6;
}

/** `s` cut to fit `width` px, with an ellipsis. */
function fit(s: string, width: number, size: number): string {
  if (textWidth(s, size) <= width) return s;
  let out = '';
  let used = textWidth('…', size);
  for (const ch of s) {
    used += textWidth(ch, size);
    if (used > width) break;
    out += ch;
  }
  return `${out}…`;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const LEAF_W = 230;
const LABEL = 12.5;
const DETAIL = 11;
const PAD = 14;
const GAP = 16;
const ROW_GAP = 36;
const CLIENT_GAP = 170; // room for the label of the client-daemon edge
const MAX_ROW = 700;
const LANES = 230;
const HEADING = 36;
/** Room under a container's header for the tags of the boundaries drawn around its children. */
const TAG_ROOM = 22;

const headerHeight = (n: DiagramNode) => 24 + 15 * n.detail.length + TAG_ROOM;
const leafHeight = (n: DiagramNode) => 26 + 15 * n.detail.length;
/** Wide enough for the label beside a findings badge and for short details; long details are cut (tooltip). */
const leafWidth = (n: DiagramNode) =>
  Math.round(
    Math.min(
      320,
      Math.max(
        LEAF_W,
        textWidth(n.label, LABEL) + 2 * PAD + 24,
        ...n.detail.map((d) => textWidth(d, DETAIL) + 2 * PAD),
      ),
    ),
  );

interface Layout {
  boxes: Map<string, Box>;
  width: number;
  height: number;
  hostRight: number;
  columnRight: number;
}

/** A row of cells side by side; a cell is a stack of nodes. */
interface Row {
  cells: DiagramNode[][];
  gap: number;
}

/**
 * Nested boxes: the host holds the runner, then the executor with the host's own elements (daemon, socket, files)
 * stacked to its right; the executor holds the job and the services, then the volumes; other containers stack their
 * children. The elements outside the host form a column on the right, with a lane per edge between.
 */
function layout(model: DiagramModel): Layout {
  const children = new Map<string, DiagramNode[]>();
  for (const n of model.nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const sizes = new Map<string, { w: number; h: number; rows: Row[] }>();
  const hasEdge = (id: string) => model.edges.some((e) => e.id === id);

  const wrap = (list: DiagramNode[], gap: number): Row[] => {
    const out: Row[] = [];
    let cells: DiagramNode[][] = [];
    let w = 0;
    for (const k of list) {
      const kw = measure(k).w;
      if (cells.length && w + gap + kw > MAX_ROW) {
        out.push({ cells, gap });
        cells = [];
        w = 0;
      }
      w += (cells.length ? gap : 0) + kw;
      cells.push([k]);
    }
    if (cells.length) out.push({ cells, gap });
    return out;
  };

  const rowsOf = (n: DiagramNode, kids: DiagramNode[]): Row[] => {
    if (n.kind === 'host') {
      const level = kids.filter((k) => k.kind !== 'runner' && k.kind !== 'executor');
      // The daemon last: its edges leave to the right.
      level.sort((x, y) => Number(x.id === 'daemon') - Number(y.id === 'daemon'));
      const main = [kids.filter((k) => k.kind === 'executor'), level].filter((c) => c.length > 0);
      return [
        ...wrap(
          kids.filter((k) => k.kind === 'runner'),
          GAP,
        ),
        { cells: main, gap: level.some((k) => k.id === 'daemon') ? CLIENT_GAP : GAP },
      ].filter((r) => r.cells.length > 0);
    }
    if (n.kind === 'executor') {
      const main = kids.filter((k) => k.kind === 'job' || k.kind === 'service');
      return [
        ...wrap(main, hasEdge('edge-client-daemon') ? CLIENT_GAP : GAP),
        ...wrap(
          kids.filter((k) => k.kind !== 'job' && k.kind !== 'service'),
          GAP,
        ),
      ];
    }
    return kids.map((k) => ({ cells: [[k]], gap: GAP }));
  };

  const cellSize = (cell: DiagramNode[]) => ({
    w: Math.max(...cell.map((k) => measure(k).w)),
    h: cell.reduce((sum, k, i) => sum + measure(k).h + (i ? GAP : 0), 0),
  });

  function measure(n: DiagramNode): { w: number; h: number } {
    const known = sizes.get(n.id);
    if (known) return known;
    const kids = children.get(n.id) ?? [];
    if (kids.length === 0) {
      const s = { w: leafWidth(n), h: leafHeight(n), rows: [] };
      sizes.set(n.id, s);
      return s;
    }
    const rows = rowsOf(n, kids);
    let w = Math.min(
      MAX_ROW,
      Math.max(
        LEAF_W,
        textWidth(n.label, LABEL) + 2 * PAD + 30,
        ...n.detail.map((d) => textWidth(d, DETAIL) + 2 * PAD + 16),
      ),
    );
    let h = headerHeight(n);
    rows.forEach((r, i) => {
      const rw = r.cells.reduce((sum, c, j) => sum + cellSize(c).w + (j ? r.gap : 0), 0);
      w = Math.max(w, rw + 2 * PAD);
      h += Math.max(...r.cells.map((c) => cellSize(c).h)) + (i ? ROW_GAP : 0);
    });
    const s = { w, h: h + PAD + 8, rows };
    sizes.set(n.id, s);
    return s;
  }

  const boxes = new Map<string, Box>();
  function place(n: DiagramNode, x: number, y: number) {
    const { w, h } = measure(n);
    boxes.set(n.id, { x, y, w, h });
    let cy = y + headerHeight(n);
    (sizes.get(n.id)?.rows ?? []).forEach((r, i) => {
      if (i) cy += ROW_GAP;
      let cx = x + PAD;
      for (const cell of r.cells) {
        let ky = cy;
        for (const k of cell) {
          place(k, cx, ky);
          ky += measure(k).h + GAP;
        }
        cx += cellSize(cell).w + r.gap;
      }
      cy += Math.max(...r.cells.map((c) => cellSize(c).h));
    });
  }

  const top = 8 + HEADING;
  const left = 24; // room for boundary outlines
  const host = model.nodes.find((n) => n.kind === 'host');
  let hostRight = left;
  let bottom = top;
  if (host) {
    place(host, left, top);
    const { w, h } = measure(host);
    hostRight = left + w;
    bottom = top + h;
  }
  const columnLeft = hostRight + LANES;
  let cy = top;
  const order: NodeKind[] = ['gitlab', 'proxy', 'registry', 'cache', 'mirror', 'upstream'];
  const external = model.nodes
    .filter((n) => n.parent === null && n.kind !== 'host')
    .sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
  const columnW = Math.max(LEAF_W, ...external.map(leafWidth));
  for (const n of external) {
    const h = leafHeight(n);
    boxes.set(n.id, { x: columnLeft, y: cy, w: columnW, h });
    cy += h + 22;
  }
  const columnRight = columnLeft + columnW;
  // Edges between elements outside the host run on the right of the column, with their labels.
  const farEdges = model.edges.some((e) => external.some((n) => n.id === e.from));
  return {
    boxes,
    width: columnRight + (farEdges ? 130 : 40),
    height: Math.max(bottom, cy) + 8,
    hostRight,
    columnRight,
  };
}

const SEVERITY_RANK: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const STYLE = `
.dg{--dg-fg:var(--diagram-fg,#1f1e24);--dg-muted:var(--diagram-muted,#5e5d66);--dg-bg:var(--diagram-bg,#ffffff);--dg-box:var(--diagram-box,#f3f2f7);--dg-box2:var(--diagram-box-2,#e8e6ef);--dg-line:var(--diagram-line,#6b6a73);--dg-ok:var(--diagram-ok,#1a7f37);--dg-bad:var(--diagram-bad,#b81c0b);--dg-warn:var(--diagram-warn,#8a4a00);--dg-pod:var(--diagram-pod,#1a65b0);--dg-focus:var(--diagram-focus,#1f75cb);color:var(--dg-fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Hiragino Sans",Meiryo,sans-serif}
@media (prefers-color-scheme:dark){:root:not([data-theme='light']) .dg,.dg:root{--dg-fg:var(--diagram-fg,#ececef);--dg-muted:var(--diagram-muted,#a9a8b0);--dg-bg:var(--diagram-bg,#222128);--dg-box:var(--diagram-box,#2b2a31);--dg-box2:var(--diagram-box-2,#35333d);--dg-line:var(--diagram-line,#9d9ca5);--dg-ok:var(--diagram-ok,#6fd08c);--dg-bad:var(--diagram-bad,#ff8e80);--dg-warn:var(--diagram-warn,#f0c27b);--dg-pod:var(--diagram-pod,#8ec0f2);--dg-focus:var(--diagram-focus,#63a6e9)}}
:root[data-theme='dark'] .dg{--dg-fg:var(--diagram-fg,#ececef);--dg-muted:var(--diagram-muted,#a9a8b0);--dg-bg:var(--diagram-bg,#222128);--dg-box:var(--diagram-box,#2b2a31);--dg-box2:var(--diagram-box-2,#35333d);--dg-line:var(--diagram-line,#9d9ca5);--dg-ok:var(--diagram-ok,#6fd08c);--dg-bad:var(--diagram-bad,#ff8e80);--dg-warn:var(--diagram-warn,#f0c27b);--dg-pod:var(--diagram-pod,#8ec0f2);--dg-focus:var(--diagram-focus,#63a6e9)}
.dg .dg-canvas{fill:var(--dg-bg)}
.dg text{fill:currentColor;font-size:${DETAIL}px}
.dg .dg-heading{font-size:15px;font-weight:600}
.dg .dg-label{font-size:${LABEL}px;font-weight:600}
.dg .dg-detail,.dg .dg-muted{fill:var(--dg-muted)}
.dg .dg-box{fill:var(--dg-bg);stroke:var(--dg-line);stroke-width:1.2}
.dg .k-host>.dg-box{fill:var(--dg-box)}
.dg .k-executor>.dg-box{fill:var(--dg-box2)}
.dg .k-daemon>.dg-box,.dg .k-builder>.dg-box{stroke-width:2.2}
.dg .k-gitlab>.dg-box,.dg .k-registry>.dg-box,.dg .k-cache>.dg-box,.dg .k-mirror>.dg-box,.dg .k-proxy>.dg-box,.dg .k-upstream>.dg-box{fill:var(--dg-box)}
.dg .dg-b{fill:none;stroke-width:2}
.dg .b-host .dg-b{stroke:var(--dg-muted);stroke-dasharray:10 3 2 3}
.dg .b-pod .dg-b{stroke:var(--dg-pod);stroke-dasharray:6 3}
.dg .b-privileged .dg-b{stroke:var(--dg-bad);stroke-dasharray:8 4}
.dg .b-host-root .dg-b{stroke:var(--dg-bad);stroke-dasharray:2 3;stroke-width:2.6}
.dg .b-host text{fill:var(--dg-muted)}
.dg .b-pod text{fill:var(--dg-pod)}
.dg .b-privileged text,.dg .b-host-root text{fill:var(--dg-bad)}
.dg .dg-boundary-tag .dg-badge text{fill:var(--dg-bg)}
.dg .dg-tag{fill:var(--dg-bg)}
.dg .dg-line{fill:none;stroke:var(--dg-line);stroke-width:1.6}
.dg .dg-hit{fill:none;stroke:transparent;stroke-width:12}
.dg .e-secure .dg-line{stroke:var(--dg-ok)}
.dg .e-insecure .dg-line{stroke:var(--dg-bad);stroke-dasharray:6 3}
.dg .e-mount .dg-line{stroke:var(--dg-muted);stroke-dasharray:2 3;stroke-width:1.4}
.dg .e-secure text{fill:var(--dg-ok)}
.dg .e-plain text{fill:var(--dg-muted)}
.dg .e-insecure text{fill:var(--dg-bad)}
.dg .dg-arrow{fill:var(--dg-line)}
.dg .dg-arrow-ok{fill:var(--dg-ok)}
.dg .dg-arrow-bad{fill:var(--dg-bad)}
.dg .dg-lock{fill:none;stroke:var(--dg-ok);stroke-width:1.4}
.dg .dg-lock-body{fill:var(--dg-ok)}
.dg .sev-critical,.dg .sev-high{fill:var(--dg-bad)}
.dg .sev-medium{fill:var(--dg-warn)}
.dg .sev-low{fill:var(--dg-pod)}
.dg .sev-info{fill:var(--dg-muted)}
.dg .dg-badge text{fill:var(--dg-bg);font-size:10px;font-weight:700}
.dg [data-id]{outline:none}
.dg [data-id]:hover>.dg-box,.dg [data-id].dg-hl>.dg-box,.dg [data-id]:focus-visible>.dg-box{stroke:var(--dg-focus);stroke-width:3}
.dg [data-id]:hover>.dg-line,.dg [data-id].dg-hl>.dg-line,.dg [data-id]:focus-visible>.dg-line,.dg [data-id]:hover>.dg-b,.dg [data-id].dg-hl>.dg-b,.dg [data-id]:focus-visible>.dg-b{stroke-width:4}
.dg [data-id]:focus-visible>.dg-focus{stroke:var(--dg-focus);stroke-width:2;fill:none}
`;

/** Renders the model as one self-contained SVG document (no external reference, no script). */
export function renderDiagramSvg(model: DiagramModel, options: SvgOptions): string {
  const lang = options.lang;
  const ja = lang === 'ja';
  const t: T = (en, jp) => (ja ? jp : en);
  const pre = escapeXml(options.idPrefix ?? 'dg-');
  const L = layout(model);
  const r = (n: number) => Math.round(n * 10) / 10;
  const findingsOf = new Map<string, DiagramFinding[]>();
  for (const f of model.findings) findingsOf.set(f.anchor, [...(findingsOf.get(f.anchor) ?? []), f]);
  const labels = new Map<string, string>(model.nodes.map((n) => [n.id, n.label]));

  /** data-id, data-findings, focusability and the accessible name of one element. */
  const attrs = (id: string, role: string, name: string) => {
    const fs = findingsOf.get(id) ?? [];
    const withFindings = fs.length
      ? `${name}. ${t('Findings', '指摘事項')}: ${fs.map((f) => f.title).join(ja ? '、' : ', ')}`
      : name;
    return `data-id="${escapeXml(id)}"${fs.length ? ` data-findings="${escapeXml(fs.map((f) => f.id).join(' '))}"` : ''} tabindex="0" role="${role}" aria-label="${escapeXml(withFindings)}"`;
  };
  const badge = (id: string, x: number, y: number): string => {
    const fs = findingsOf.get(id) ?? [];
    if (fs.length === 0) return '';
    const worst = SEVERITY_RANK.find((s) => fs.some((f) => f.severity === s)) ?? 'info';
    return `<g class="dg-badge" aria-hidden="true"><circle class="sev-${worst}" cx="${r(x)}" cy="${r(y)}" r="9"/><text x="${r(x)}" y="${r(y + 3.5)}" text-anchor="middle">${fs.length}</text></g>`;
  };
  const tooltip = (s: string) => `<title>${escapeXml(s)}</title>`;
  const describe = (n: DiagramNode) => (n.detail.length ? `${n.label}: ${n.detail.join(ja ? '、' : '; ')}` : n.label);

  const out: string[] = [];
  const containers: string[] = [];
  const leaves: string[] = [];
  const hasChildren = new Set(model.nodes.map((n) => n.parent).filter((p): p is string => p !== null));
  for (const n of model.nodes) {
    const b = L.boxes.get(n.id);
    if (!b) continue;
    const textW = b.w - 2 * PAD - (findingsOf.has(n.id) ? 16 : 0);
    const lines = [
      `<text class="dg-label" x="${r(b.x + PAD)}" y="${r(b.y + 18)}">${escapeXml(fit(n.label, textW, LABEL))}</text>`,
      ...n.detail.map(
        (d, i) =>
          `<text class="dg-detail" x="${r(b.x + PAD)}" y="${r(b.y + 18 + 15 * (i + 1))}">${escapeXml(fit(d, b.w - 2 * PAD, DETAIL))}</text>`,
      ),
    ];
    const container = hasChildren.has(n.id);
    const svg =
      `<g class="dg-node k-${n.kind}" ${attrs(n.id, container ? 'graphics-object' : 'graphics-symbol', describe(n))}>` +
      tooltip(describe(n)) +
      `<rect class="dg-box" x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="7"/>` +
      lines.join('') +
      badge(n.id, b.x + b.w - 12, b.y + 12) +
      `</g>`;
    (container ? containers : leaves).push(svg);
  }

  // Boundaries: an outline around each cluster of members that holds no other element, each kind at its own
  // distance; the tag with the label sits on the first outline (right end, or left end for pods and host root).
  const margin: Record<BoundaryKind, number> = { host: 5, privileged: 6, pod: 12, 'host-root': 16 };
  const parentOf = new Map(model.nodes.map((n) => [n.id, n.parent]));
  const ancestorCache = new Map<string, string[]>();
  const ancestors = (id: string): string[] => {
    const known = ancestorCache.get(id);
    if (known) return known;
    const out: string[] = [];
    for (let p = parentOf.get(id) ?? null; p; p = parentOf.get(p) ?? null) out.push(p);
    ancestorCache.set(id, out);
    return out;
  };
  const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const union = (a: Box, b: Box): Box => {
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  };
  const boundarySvg: string[] = [];
  const boundaryTags: string[] = [];
  for (const bd of model.boundaries) {
    const inside = new Set(bd.members);
    const tops = bd.members.filter((id) => !ancestors(id).some((p) => inside.has(p)));
    const around = new Set(tops.flatMap(ancestors));
    const obstacles = model.nodes
      .filter((n) => !inside.has(n.id) && !around.has(n.id) && !ancestors(n.id).some((p) => inside.has(p)))
      .map((n) => L.boxes.get(n.id))
      .filter((b): b is Box => b !== undefined);
    const clusters: Box[] = [];
    for (const id of tops) {
      const b = L.boxes.get(id);
      if (!b) continue;
      let merged = { ...b };
      for (let i = clusters.length - 1; i >= 0; i--) {
        const c = clusters[i];
        if (!c) continue;
        const u = union(c, merged);
        if (!obstacles.some((o) => overlaps(u, o))) {
          merged = u;
          clusters.splice(i, 1);
        }
      }
      clusters.push(merged);
    }
    if (clusters.length === 0) continue;
    const m = margin[bd.kind];
    const rects = clusters.map((c) => ({ x: c.x - m, y: c.y - m, w: c.w + 2 * m, h: c.h + 2 * m }));
    const first = rects.reduce((a, b) => (b.y < a.y || (b.y === a.y && b.x < a.x) ? b : a));
    const text = fit(bd.label, Math.max(first.w - 40, 220), DETAIL);
    const tw = textWidth(text, DETAIL) + 10;
    const leftTag = bd.kind === 'pod' || bd.kind === 'host-root';
    const tx = leftTag ? first.x + 24 : first.x + first.w - tw - 12;
    const name = `${t('Trust boundary', '信頼境界')}: ${bd.label}`;
    boundarySvg.push(
      `<g class="dg-boundary b-${bd.kind}" ${attrs(bd.id, 'graphics-object', name)}>` +
        tooltip(name) +
        rects
          .map((c) => `<rect class="dg-b" x="${r(c.x)}" y="${r(c.y)}" width="${r(c.w)}" height="${r(c.h)}" rx="10"/>`)
          .join('') +
        `</g>`,
    );
    // The tag is drawn above every line; it carries the same data-id for hover, and is hidden from the
    // accessibility tree (the outline above holds the name).
    const fs = findingsOf.get(bd.id) ?? [];
    boundaryTags.push(
      `<g class="dg-boundary-tag b-${bd.kind}" data-id="${escapeXml(bd.id)}"${fs.length ? ` data-findings="${escapeXml(fs.map((f) => f.id).join(' '))}"` : ''} aria-hidden="true">` +
        tooltip(name) +
        `<rect class="dg-tag" x="${r(tx)}" y="${r(first.y - 14)}" width="${r(tw)}" height="16" rx="3"/>` +
        `<text x="${r(tx + 5)}" y="${r(first.y - 2)}">${escapeXml(text)}</text>` +
        badge(bd.id, leftTag ? tx + tw + 12 : tx - 12, first.y - 6) +
        `</g>`,
    );
  }

  const ancestorsOf = ancestors;
  // Edges: straight between elements of the host; through a lane of their own to the elements outside it.
  const isExternal = (id: string) => {
    const n = model.nodes.find((x) => x.id === id);
    return n !== undefined && n.parent === null && n.kind !== 'host';
  };
  const outgoing = new Map<string, number>();
  const incoming = new Map<string, number>();
  const edgeSvg: string[] = [];
  let lane = 0;
  let farLane = 0;
  const center = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
  /** Where the segment from the center of `b` toward (tx, ty) leaves `b`. */
  const clip = (b: Box, tx: number, ty: number) => {
    const c = center(b);
    const dx = tx - c.x;
    const dy = ty - c.y;
    if (dx === 0 && dy === 0) return c;
    const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
    const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
    const s = Math.min(sx, sy);
    return { x: c.x + dx * s, y: c.y + dy * s };
  };
  for (const e of model.edges) {
    const fb = L.boxes.get(e.from);
    const tb = L.boxes.get(e.to);
    if (!fb || !tb) continue;
    const marker =
      e.protocol === 'mount' || e.protocol === 'file'
        ? ''
        : ` marker-end="url(#${pre}${e.protocol === 'proxy' ? 'arrow' : e.secure ? 'arrow-ok' : 'arrow-bad'})"`;
    let d: string;
    let lx: number;
    let ly: number;
    let anchor: 'start' | 'middle' | 'end' = 'middle';
    const kOut = outgoing.get(e.from) ?? 0;
    outgoing.set(e.from, kOut + 1);
    const kIn = incoming.get(e.to) ?? 0;
    incoming.set(e.to, kIn + 1);
    if (isExternal(e.to) && isExternal(e.from)) {
      // Both outside the host: around the right of the column.
      const x = L.columnRight + 14 + farLane * 10;
      farLane += 1;
      const sy = fb.y + fb.h / 2;
      const ty = tb.y + tb.h / 2 - 6 + kIn * 12;
      d = `M${r(fb.x + fb.w)},${r(sy)} H${r(x)} V${r(ty)} H${r(tb.x + tb.w + 2)}`;
      lx = x + 4;
      ly = (sy + ty) / 2;
      anchor = 'start';
    } else if (isExternal(e.to)) {
      const x = L.hostRight + 12 + lane * 9;
      lane += 1;
      const sy = Math.min(fb.y + fb.h - 6, fb.y + fb.h / 2 - 8 + kOut * 6);
      const ty = Math.min(tb.y + tb.h - 4, tb.y + 14 + kIn * 14);
      // A box to the right of the source (the job beside its services): leave through the top instead.
      const mine = new Set([e.from, ...ancestorsOf(e.from)]);
      const blocked = model.nodes.some((n) => {
        const b = L.boxes.get(n.id);
        return (
          b !== undefined &&
          !mine.has(n.id) &&
          n.parent !== null &&
          b.x >= fb.x + fb.w &&
          b.x < x &&
          b.y <= sy &&
          b.y + b.h >= sy
        );
      });
      if (blocked) {
        const sx = fb.x + fb.w - 16 - kOut * 6;
        d = `M${r(sx)},${r(fb.y)} V${r(fb.y - 3)} H${r(x)} V${r(ty)} H${r(tb.x - 2)}`;
      } else d = `M${r(fb.x + fb.w)},${r(sy)} H${r(x)} V${r(ty)} H${r(tb.x - 2)}`;
      lx = tb.x - 10;
      ly = ty - 4;
      anchor = 'end';
    } else {
      const tc = center(tb);
      const fc = center(fb);
      const p1 = clip(fb, tc.x, tc.y);
      const p2 = clip(tb, fc.x, fc.y);
      d = `M${r(p1.x)},${r(p1.y)} L${r(p2.x)},${r(p2.y)}`;
      lx = (p1.x + p2.x) / 2;
      ly = (p1.y + p2.y) / 2 + 4;
    }
    const cls =
      e.protocol === 'mount' || e.protocol === 'file'
        ? 'e-mount'
        : e.protocol === 'proxy'
          ? 'e-plain'
          : e.secure
            ? 'e-secure'
            : 'e-insecure';
    const from = labels.get(e.from) ?? e.from;
    const to = labels.get(e.to) ?? e.to;
    const name =
      e.protocol === 'mount'
        ? t(`${from} mounted into ${to}: ${e.label}`, `${from}を${to}にマウント：${e.label}`)
        : t(
            `${from} to ${to}: ${e.label} (${e.protocol.toUpperCase()}${e.port ? ` ${e.port}` : ''}, ${e.secure ? 'secure' : 'not secure'})`,
            `${from}から${to}へ：${e.label}（${e.protocol.toUpperCase()}${e.port ? ` ${e.port}` : ''}、${e.secure ? '安全' : '安全でない'}）`,
          );
    let label = '';
    if (e.protocol !== 'mount' && e.protocol !== 'file') {
      const text = fit(e.label, anchor === 'middle' ? CLIENT_GAP - 10 : LANES - 40, DETAIL);
      const tw = textWidth(text, DETAIL);
      const lock = e.protocol === 'tls' || e.protocol === 'https';
      const width = tw + (lock && e.secure ? 14 : 0) + 8;
      const left = anchor === 'end' ? lx - width + 4 : anchor === 'start' ? lx - 2 : lx - width / 2;
      const lockSvg =
        lock && e.secure
          ? `<path class="dg-lock" d="M${r(left + 5)},${r(ly - 5)} v-2.5 a3,3 0 0 1 6,0 v2.5"/><rect class="dg-lock-body" x="${r(left + 3.5)}" y="${r(ly - 5)}" width="9" height="6.5" rx="1"/>`
          : '';
      label =
        `<rect class="dg-tag" x="${r(left)}" y="${r(ly - 11)}" width="${r(width)}" height="15" rx="3"/>` +
        lockSvg +
        `<text x="${r(left + (lock && e.secure ? 17 : 4))}" y="${r(ly)}">${escapeXml(text)}</text>`;
    }
    edgeSvg.push(
      `<g class="dg-edge ${cls} p-${e.protocol}" ${attrs(e.id, 'graphics-symbol', name)}>` +
        tooltip(name) +
        `<path class="dg-hit" d="${d}"/>` +
        `<path class="dg-line" d="${d}"${marker}/>` +
        label +
        badge(e.id, anchor === 'end' ? lx + 4 : lx, ly - 14) +
        `</g>`,
    );
  }

  // Legend
  const legendY = L.height + 10;
  const has = (kind: BoundaryKind) => model.boundaries.some((b) => b.kind === kind);
  const legendItems: { show: boolean; sample: string; text: string }[] = [
    {
      show: model.edges.some((e) => e.secure && !['mount', 'file', 'proxy'].includes(e.protocol)),
      sample: `<path class="dg-line" style="stroke:var(--dg-ok)" d="M0,0 H34"/>`,
      text: t('encrypted (TLS, HTTPS) or local', '暗号化（TLS、HTTPS）またはローカル'),
    },
    {
      show: model.edges.some((e) => !e.secure),
      sample: `<path class="dg-line" style="stroke:var(--dg-bad);stroke-dasharray:6 3" d="M0,0 H34"/>`,
      text: t('plain text or host access', '平文またはホストへのアクセス'),
    },
    {
      show: model.edges.some((e) => e.protocol === 'mount' || e.protocol === 'file'),
      sample: `<path class="dg-line" style="stroke:var(--dg-muted);stroke-dasharray:2 3" d="M0,0 H34"/>`,
      text: t('mounted volume or file', 'マウントされたボリュームやファイル'),
    },
    {
      show: has('privileged'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-bad);stroke-dasharray:8 4" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('privileged containers', '特権コンテナ'),
    },
    {
      show: has('host-root'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-bad);stroke-dasharray:2 3" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('host root reachable from the job', 'ジョブからホストのrootに到達可能'),
    },
    {
      show: has('pod'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-pod);stroke-dasharray:6 3" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('Kubernetes pod', 'KubernetesのPod'),
    },
    {
      show: has('host'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-muted);stroke-dasharray:10 3 2 3" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('host, outside the containers', 'ホスト（コンテナの外）'),
    },
    {
      show: model.findings.length > 0,
      sample: `<circle class="sev-high" cx="17" cy="0" r="8"/>`,
      text: t('number of findings', '指摘事項の数'),
    },
  ].filter((item) => item.show);
  const legend: string[] = [];
  const colW = 300;
  const perRow = Math.max(1, Math.floor((L.width - 24) / colW));
  legendItems.forEach((item, i) => {
    const x = 24 + (i % perRow) * colW;
    const y = legendY + 20 + Math.floor(i / perRow) * 22;
    legend.push(
      `<g transform="translate(${x},${y})">${item.sample}<text class="dg-muted" x="44" y="4">${escapeXml(item.text)}</text></g>`,
    );
  });
  const height = legendY + 20 + Math.ceil(legendItems.length / perRow) * 22 + 6;
  const width = L.width;

  const description = describeDiagram(model, lang).join(' ');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="dg" viewBox="0 0 ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}" role="graphics-document" aria-labelledby="${pre}title" aria-describedby="${pre}desc" lang="${lang}" xml:lang="${lang}">`,
    `<title id="${pre}title">${escapeXml(model.title)}</title>`,
    `<desc id="${pre}desc">${escapeXml(description)}</desc>`,
    `<style>${STYLE.trim()}</style>`,
    `<defs>` +
      `<marker id="${pre}arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dg-arrow" d="M0,0 L10,5 L0,10 z"/></marker>` +
      `<marker id="${pre}arrow-ok" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dg-arrow-ok" d="M0,0 L10,5 L0,10 z"/></marker>` +
      `<marker id="${pre}arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dg-arrow-bad" d="M0,0 L10,5 L0,10 z"/></marker>` +
      `</defs>`,
    `<rect class="dg-canvas" width="${r(width)}" height="${r(height)}"/>`,
    `<text class="dg-heading" x="24" y="26">${escapeXml(fit(model.title, width - 48, 15))}</text>`,
    `<g class="dg-containers">${containers.join('')}</g>`,
    `<g class="dg-boundaries">${boundarySvg.join('')}</g>`,
    `<g class="dg-edges">${edgeSvg.join('')}</g>`,
    `<g class="dg-leaves">${leaves.join('')}</g>`,
    `<g class="dg-boundary-tags">${boundaryTags.join('')}</g>`,
    `<g class="dg-legend" aria-hidden="true"><text class="dg-label" x="24" y="${r(legendY)}">${escapeXml(t('Legend', '凡例'))}</text>${legend.join('')}</g>`,
    `</svg>`,
  );
  return `${out.join('\n')}\n`;
}
