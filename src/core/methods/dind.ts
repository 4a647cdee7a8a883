/**
 * Docker-in-Docker: the Docker CLI in the job against a fresh dockerd in a privileged `docker:<version>-dind`
 * service container, reached over TLS on 2376, plain TCP on 2375, or a Unix socket on a volume both containers share.
 */
import type { Answers } from '../answers';
import { msg } from '../i18n';
import { dindImage, dockerCliImage } from '../images';
import { DIND_IPTABLES } from '../versions';
import type { ServiceSpec } from '../plan';
import { dockerCliScripts } from './docker-cli';
import { NO_SECURITY_EXCEPTIONS } from './fragments';
import { DIND_LABELS } from './dind.options';
import type { BuildMethod, CiVariable, MethodMounts, RunnerFacts } from './types';

/**
 * The dind service's variables: `HEALTHCHECK_TCP_PORT` on Kubernetes, which cannot detect the service port (without
 * it the job does not wait for dockerd; failures.md #12, #13, #18), and `DOCKER_IPTABLES_LEGACY` when the iptables
 * backend is forced (`"1"` legacy, `""` nf_tables), which the image's dockerd-entrypoint.sh reads
 * (docker-library/docker#463). Undefined when there are none.
 */
export function dindServiceVariables(
  a: Pick<Answers, 'dindIptables'>,
  k8s: boolean,
  tlsPort: number | null,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (k8s && tlsPort) out.HEALTHCHECK_TCP_PORT = String(tlsPort);
  if (a.dindIptables !== 'auto') out[DIND_IPTABLES.variable] = a.dindIptables === 'legacy' ? '1' : '';
  return Object.keys(out).length ? out : undefined;
}

/** Docker-in-Docker: the Docker CLI against a `docker:<version>-dind` service (TLS 2376, TCP 2375 or a Unix socket). */
/** The client's side of the connection: the TLS certificates, or the directory of the daemon's socket. */
function dindMounts(a: Answers, r: RunnerFacts): MethodMounts {
  const m: MethodMounts = { docker: [], k8s: [], featureFlags: {}, nodeSelector: {} };
  if (a.dindConnection === 'tls') {
    if (r.dockerExecutor) m.docker.push('/certs/client');
    // failures.md #12 k8s-dind-certs-race: an in-memory volume shared by the job and the service
    if (r.k8s) m.k8s.push({ kind: 'empty_dir', name: 'docker-certs', mountPath: '/certs/client', medium: 'Memory' });
  }
  if (a.dindConnection === 'socket-volume' && r.dockerExecutor) m.docker.push('/runner/services/docker');
  return m;
}

/** The Docker-in-Docker family (`dind`). */
export const dind: BuildMethod = {
  ids: ['dind'],
  labels: DIND_LABELS,

  setup(a: Answers, r) {
    const tlsPort = a.dindConnection === 'plain-tcp' ? 2375 : a.dindConnection === 'tls' ? 2376 : null;
    const command: string[] = [];
    if (a.mirrorUrl && a.mirrorPlace === 'ci-service') command.push('--registry-mirror', a.mirrorUrl);
    // The daemon's plain-HTTP registries go with its other flags: here, unless a mirror placed elsewhere takes them
    // (daemon.json, the runner's service). https://docs.docker.com/reference/cli/dockerd/#insecure-registries
    if (!a.mirrorUrl || a.mirrorPlace === 'ci-service')
      for (const host of r.insecureRegistries) command.push('--insecure-registry', host);
    if (a.mtu > 0) command.push(`--mtu=${a.mtu}`);
    const service: ServiceSpec = { name: r.image(dindImage(a)) };
    // The alias GitLab derives from docker:…-dind is `docker`; any prefix changes it (`registry.example.com/x/docker`
    // gives `registry.example.com__x__docker`), so name it (failures.md #7 dind-hostname-unresolved).
    if (service.name !== dindImage(a)) service.alias = 'docker';
    if (command.length) service.command = command;
    const variables = dindServiceVariables(a, r.k8s, tlsPort);
    if (variables) service.variables = variables;
    return {
      daemon: 'dind-service',
      privileged: true,
      tlsPort,
      dockerHost:
        a.dindConnection === 'socket-volume' ? 'unix:///runner/services/docker/docker.sock' : `tcp://docker:${tlsPort}`,
      jobImage: r.shellExecutor ? null : r.image(dockerCliImage(a)),
      jobImageEntrypointReset: false,
      service,
      tool: 'docker',
      mounts: dindMounts(a, r),
      security: NO_SECURITY_EXCEPTIONS(),
    };
  },

  variables(p) {
    const a = p.a;
    const k8s = p.k8s;
    const out: CiVariable[] = [];
    const host = p.dockerHost ?? '';
    if (a.dindConnection === 'socket-volume')
      out.push({
        name: 'DOCKER_HOST',
        value: host,
        comment: msg(
          'Shared by the DinD service (creates docker.sock here) and the client (connects to it).',
          'DinDサービス（ここにdocker.sockを作成）とクライアント（ここに接続）で共有します。',
        ),
      });
    else if (a.dindConnection === 'tls')
      out.push(
        {
          name: 'DOCKER_HOST',
          value: host,
          comment: msg(
            "The daemon runs in the service, reached by its alias 'docker' on the TLS port 2376.",
            'デーモンはサービス内で動き、エイリアス「docker」のTLSポート2376で接続します。',
          ),
        },
        {
          name: 'DOCKER_TLS_CERTDIR',
          value: '/certs',
          comment: msg(
            'dockerd creates its certificates here; the client ones land in /certs/client, shared with the job.',
            'dockerdはここに証明書を作成します。クライアント用は/certs/clientに置かれ、ジョブと共有されます。',
          ),
        },
        {
          name: 'DOCKER_TLS_VERIFY',
          value: '1',
          comment: k8s
            ? msg(
                'Set explicitly: the Kubernetes executor does not run image entrypoints, which would set these.',
                'Kubernetes executorはイメージのエントリポイントを実行しないため、明示的に設定します。',
              )
            : msg(
                "Set explicitly: the client verifies dockerd's certificate whatever the job image's entrypoint does.",
                'ジョブイメージのエントリポイントに関わらず、クライアントがdockerdの証明書を検証するよう明示的に設定します。',
              ),
        },
        { name: 'DOCKER_CERT_PATH', value: '$DOCKER_TLS_CERTDIR/client' },
      );
    else
      out.push(
        {
          name: 'DOCKER_HOST',
          value: host,
          comment: msg('TLS disabled: plain TCP on port 2375.', 'TLS無効: ポート2375の平文TCPです。'),
        },
        {
          name: 'DOCKER_TLS_CERTDIR',
          value: '',
          comment: msg('Empty: dind starts without TLS.', '空にするとdindはTLSなしで起動します。'),
        },
      );
    if (a.overlay2 === 'job')
      out.push({
        name: 'DOCKER_DRIVER',
        value: 'overlay2',
        comment: msg(
          'overlay2 avoids copying the file system for every layer (vfs).',
          'overlay2はレイヤーごとのファイルシステムのコピー（vfs）を避けます。',
        ),
      });
    return out;
  },

  ...dockerCliScripts,
  comments: (p) => ({
    ...dockerCliScripts.comments(p),
    services: p.k8s
      ? msg(
          'HEALTHCHECK_TCP_PORT makes the job wait until dockerd listens (Kubernetes cannot detect the port).',
          'HEALTHCHECK_TCP_PORTにより、dockerdが待ち受けるまでジョブが待機します（Kubernetesはポートを検出できません）。',
        )
      : msg(
          'Docker-in-Docker: a fresh daemon per job, in a privileged service container.',
          'Docker-in-Docker: ジョブごとに新しいデーモンを特権サービスコンテナで起動します。',
        ),
  }),
};
