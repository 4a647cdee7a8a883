/**
 * What rules a build method out, checked in order: each method lists the checks that concern it, and the first one
 * that speaks decides (`'allowed'` ends the list with no reason). The messages about the runner (Windows
 * containers, the shell executor, macOS, privileged containers) are written once here; each family's
 * `<family>.options.ts` composes them with its own.
 */
import type { Answers } from '../answers';
import { msg, type Msg } from '../i18n';
import { enforcesPodSecurity, isEmulatedMultiArch, isHosted } from '../vocabulary';

/** One check: a reason the method cannot be chosen, `'allowed'` to accept it at once, or null to go on. */
export type MethodCheck = (a: Answers) => Msg | 'allowed' | null;

/** The reason the first deciding check gives, or null when none rules the method out. */
export function firstReason(a: Answers, checks: readonly MethodCheck[]): Msg | null {
  for (const check of checks) {
    const r = check(a);
    if (r === 'allowed') return null;
    if (r) return r;
  }
  return null;
}

/** A daemon in a service container that must be privileged (failures.md #2 dind-not-privileged). */
export const privilegedDaemon: MethodCheck = (a) =>
  a.allowPrivileged
    ? null
    : msg(
        'Needs a privileged service container: the daemon cannot start without it. Pick rootless BuildKit, Buildah or Podman.',
        '特権サービスコンテナが必要です（無いとデーモンが起動しません）。ルートレスBuildKit、Buildah、Podmanを選んでください。',
      );

/**
 * A job namespace at the Pod Security level `baseline` or `restricted` rejects the job pod before it starts (the
 * admission webhook or `violates PodSecurity`): a daemon in a privileged container (`privileged`), or the host's
 * Docker socket as a hostPath volume (`hostPath`), is forbidden by both levels. Source: Kubernetes, Pod Security
 * Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/), controls "Privileged Containers"
 * and "HostPath Volumes" of the baseline level.
 */
export const podSecurity =
  (needs: 'privileged' | 'hostPath'): MethodCheck =>
  (a) => {
    if (!enforcesPodSecurity(a)) return null;
    return needs === 'privileged'
      ? msg(
          `The namespace enforces Pod Security "${a.k8sPodSecurity}", which rejects privileged containers: the daemon cannot run there. Rootless BuildKit, Buildah and Podman need no privileged container.`,
          `ネームスペースはPod Security「${a.k8sPodSecurity}」を強制しており、特権コンテナを拒否します。デーモンはそこで動きません。ルートレスBuildKit、Buildah、Podmanは特権コンテナを必要としません。`,
        )
      : msg(
          `The namespace enforces Pod Security "${a.k8sPodSecurity}", which rejects hostPath volumes such as the host's Docker socket.`,
          `ネームスペースはPod Security「${a.k8sPodSecurity}」を強制しており、ホストのDockerソケットのようなhostPathボリュームを拒否します。`,
        );
  };

/**
 * Windows containers (docker-windows, or Kubernetes with Windows nodes) on a runner you administer reach the host
 * Docker Engine through the named pipe only (failures.md #31 windows-pipe-binding: there is no Windows dind image).
 */
export const windowsContainers =
  (pipe: boolean): MethodCheck =>
  (a) => {
    const windowsTarget = (a.executor === 'docker-windows' || a.executor === 'kubernetes') && a.os === 'windows';
    if (!windowsTarget || isHosted(a)) return null;
    return pipe
      ? 'allowed'
      : msg(
          'Windows containers reach the host Docker Engine through the named pipe; there is no Windows Docker-in-Docker image.',
          'WindowsコンテナはホストのDocker Engineに名前付きパイプで接続します。Windows用のDocker-in-Dockerイメージはありません。',
        );
  };

/**
 * The shell executor runs jobs on the host and silently ignores `services:` (failures.md #7): only the methods it
 * `allows` work there.
 */
export const shellRunner =
  (allows: (a: Answers) => boolean): MethodCheck =>
  (a) => {
    if (isHosted(a) || a.executor !== 'shell') return null;
    return allows(a)
      ? 'allowed'
      : msg(
          'The shell executor runs jobs on the host and ignores services: use the host Docker daemon (or Buildah/Podman on Linux).',
          'shell executorはホストでジョブを実行し、servicesを無視します。ホストのDockerデーモン（LinuxならBuildah/Podman）を使います。',
        );
  };

/** On macOS (Docker Desktop), a runner you administer covers Docker-in-Docker and socket binding only. */
export const macOs: MethodCheck = (a) =>
  a.os === 'macos' && !isHosted(a)
    ? msg(
        'On macOS (Docker Desktop) this tool covers Docker-in-Docker and socket binding.',
        'macOS（Docker Desktop）ではDocker-in-Dockerとソケットバインディングが対象です。',
      )
    : null;

/** The shell executor works with no method but the ones that say so. */
export const never = (): boolean => false;

/**
 * The rows of other questions that depend on the method: the Buildx toggle and the layer cache. A family gives
 * the rows that concern it; a missing row rules nothing out.
 */
export interface MethodRows {
  buildx?: (a: Answers, on: boolean) => Msg | null;
  cache?: (a: Answers, cache: Answers['cache']) => Msg | null;
}

/**
 * Buildx for the Docker CLI with a Linux daemon: turning it off is refused where a builder is needed (several
 * platforms in one emulated job, failures.md #16 multiplatform-no-emulation; a native multi-arch build gives each
 * job one platform, which `docker build` handles; a registry cache export, failures.md #14
 * buildx-cache-export-docker-driver).
 */
export function buildxNeeded(a: Answers, on: boolean): Msg | null {
  if (!on && isEmulatedMultiArch(a))
    return msg(
      'A multi-platform build needs a Buildx builder.',
      'マルチプラットフォームビルドにはBuildxビルダーが必要です。',
    );
  if (!on && a.cache === 'registry')
    return msg(
      'A registry cache export needs a Buildx builder with the docker-container driver.',
      'レジストリキャッシュのエクスポートには、docker-containerドライバーのBuildxビルダーが必要です。',
    );
  return null;
}

/** Builders without a daemon keep their cache only in a registry: it needs the push. */
export function cacheNeedsPush(a: Answers, cache: Answers['cache']): Msg | null {
  return cache !== 'none' && !a.push
    ? msg(
        'The cache lives in a registry: enable the push.',
        'キャッシュはレジストリに保存されるため、プッシュを有効にしてください。',
      )
    : null;
}
