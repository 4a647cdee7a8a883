/**
 * The host's Docker daemon: reached from a job container through the bind-mounted socket (`/var/run/docker.sock`,
 * Linux) or named pipe (`\\.\pipe\docker_engine`, Windows containers), or used directly by a shell runner. No
 * service container, no daemon per job: every job controls the host daemon.
 */
import { dockerCliImage } from '../images';
import { dockerCliScripts } from './docker-cli';
import type { Answers } from '../answers';
import { NO_SECURITY_EXCEPTIONS } from './fragments';
import { HOST_DAEMON_LABELS } from './host-daemon.options';
import type { BuildMethod, MethodMounts, RunnerFacts } from './types';

/** The host daemon family: `socket` (/var/run/docker.sock), `pipe` (Windows named pipe), `host` (shell executor). */
const PIPE = '\\\\.\\pipe\\docker_engine';

/** The host daemon's socket or named pipe, bind-mounted into the job (and the Windows node's selectors). */
function hostMounts(a: Answers, r: RunnerFacts): MethodMounts {
  const m: MethodMounts = { docker: [], k8s: [], featureFlags: {}, nodeSelector: {} };
  if (a.method === 'socket') {
    if (r.dockerExecutor) m.docker.push('/var/run/docker.sock:/var/run/docker.sock');
    if (r.k8s)
      m.k8s.push({
        kind: 'host_path',
        name: 'docker-sock',
        hostPath: '/var/run/docker.sock',
        mountPath: '/var/run/docker.sock',
        readOnly: true,
      });
  }
  if (a.method === 'pipe') {
    if (r.dockerExecutor) m.docker.push(`${PIPE}:${PIPE}`);
    if (r.k8s) {
      m.k8s.push({ kind: 'host_path', name: 'docker-pipe', hostPath: PIPE, mountPath: PIPE, readOnly: true });
      m.featureFlags.FF_USE_POWERSHELL_PATH_RESOLVER = true;
      m.nodeSelector['kubernetes.io/arch'] = 'amd64';
      m.nodeSelector['kubernetes.io/os'] = 'windows';
      m.nodeSelector['node.kubernetes.io/windows-build'] =
        a.windowsVersion === 'ltsc2025' ? '10.0.26100' : '10.0.20348';
    }
  }
  return m;
}

/** The host-daemon family: `socket`, `pipe` and `host` (shell executor). */
export const hostDaemon: BuildMethod = {
  ids: ['socket', 'pipe', 'host'],
  labels: HOST_DAEMON_LABELS,

  setup(a, r) {
    return {
      daemon: a.method === 'socket' ? 'host-socket' : a.method === 'pipe' ? 'host-pipe' : 'host',
      privileged: false,
      tlsPort: null,
      dockerHost: null,
      jobImage: r.shellExecutor ? null : r.image(dockerCliImage(a)),
      jobImageEntrypointReset: false,
      service: null,
      tool: 'docker',
      mounts: hostMounts(a, r),
      security: NO_SECURITY_EXCEPTIONS(),
    };
  },

  variables: () => [],
  ...dockerCliScripts,
};
