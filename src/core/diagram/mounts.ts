/** The diagram's model, the volumes, sockets, pipes and files shared with the job and the daemon. */
import type { Builder } from './builder';

/** The volumes, sockets and pipes shared with the job (and with the DinD service). */
export function volumes(ctx: Builder, dindConsumer: string | null): void {
  const { p, t, node, mount, configFile } = ctx;
  if (p.method.dindConnection === 'tls') {
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
  if (p.method.dindConnection === 'socket-volume') {
    node('volume-socket', 'volume', 'executor', '/runner/services/docker', [
      t('docker.sock of the service', 'サービスのdocker.sock'),
      t('temporary, per job', '一時的、ジョブごと'),
    ]);
    mount('volume-socket', 'job', t('client socket', 'クライアントのソケット'));
    if (dindConsumer) mount('volume-socket', dindConsumer, t('dockerd creates the socket', 'dockerdがソケットを作成'));
  }
  if (p.daemon === 'host-socket' || (p.daemon === 'host' && p.runner.os !== 'windows')) {
    node('socket', 'socket', 'host', '/var/run/docker.sock', [
      p.daemon === 'host'
        ? t('group docker', 'dockerグループ')
        : p.k8s
          ? t('hostPath of the node, read-only', 'ノードのhostPath、読み取り専用')
          : t(`mounted into every job (${configFile})`, `すべてのジョブにマウント（${configFile}）`),
    ]);
    if (p.daemon === 'host-socket') mount('socket', 'job', t('host socket', 'ホストのソケット'));
  }
  if (p.daemon === 'host-pipe' || (p.daemon === 'host' && p.runner.os === 'windows')) {
    node('pipe', 'pipe', 'host', '\\\\.\\pipe\\docker_engine', [
      p.daemon === 'host'
        ? t('Docker Engine of the host', 'ホストのDocker Engine')
        : p.k8s
          ? t('hostPath of the node', 'ノードのhostPath')
          : t(`mounted into every job (${configFile})`, `すべてのジョブにマウント（${configFile}）`),
    ]);
    if (p.daemon === 'host-pipe') mount('pipe', 'job', t('host pipe', 'ホストのパイプ'));
  }
}

/** The files that configure the daemon or the job: daemon.json, buildkitd.toml, the registry CA, config.json. */
export function files(ctx: Builder, dindConsumer: string | null): void {
  const { p, t, node, edge, mount } = ctx;
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
        p.runner.os === 'windows' ? 'C:\\ProgramData\\docker\\config\\daemon.json' : '/etc/docker/daemon.json',
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
  const ca = p.auth.customCa;
  if (ca && !p.hosted && dindConsumer) {
    node('certs-d', 'file', p.k8s ? 'executor' : 'host', t('Registry CA', 'レジストリのCA'), [
      p.k8s ? t('ConfigMap registry-ca', 'ConfigMap registry-ca') : '/etc/docker/certs.d',
      ca.host,
    ]);
    mount('certs-d', dindConsumer, `/etc/docker/certs.d/${ca.host}`);
  } else if (ca && (p.daemon === 'host-socket' || p.daemon === 'host')) {
    node('certs-d', 'file', 'host', t('Registry CA', 'レジストリのCA'), ['/etc/docker/certs.d', ca.host]);
    edge({
      id: 'edge-certs-d',
      from: 'certs-d',
      to: 'daemon',
      label: t('trusted by dockerd', 'dockerdが信頼'),
      protocol: 'file',
      secure: true,
    });
  }
  if (p.auth.method === 'mounted-config' && !p.hosted) {
    node('config-json', 'file', p.k8s ? 'executor' : 'host', 'config.json', [
      p.k8s ? t('ConfigMap docker-client-config', 'ConfigMap docker-client-config') : '/opt/.docker/config.json',
      t('registry credentials, read-only', 'レジストリの認証情報、読み取り専用'),
    ]);
    mount('config-json', 'job', '/root/.docker/config.json');
  }
}
