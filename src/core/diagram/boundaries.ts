/** The diagram's model, the trust boundaries: host, pod, privileged containers, host root. */
import type { Builder } from './builder';
import type { DiagramBoundary } from './types';

/** The trust boundaries (host, pod, privileged containers, host root), each with its members, descendants included. */
export function trustBoundaries(ctx: Builder, daemonParent: string): DiagramBoundary[] {
  const { p, t, nodes } = ctx;
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
        p.daemon === 'host' && p.runner.os === 'linux'
          ? t('Host root via the docker group', 'dockerグループ経由でホストのroot')
          : p.daemon === 'host-pipe' || (p.daemon === 'host' && p.runner.os === 'windows')
            ? t('Host reachable via the pipe', 'パイプ経由でホストに到達可能')
            : t('Host root via the socket', 'ソケット経由でホストのroot'),
      members: withDescendants(['job', 'daemon', ...(via ? [via] : [])]),
    });
  }
  return boundaries;
}
