/** The labels of the model that depend on several answers: the OS, the build method, the executor. */
import type { Plan } from '../plan';
import type { T } from './types';

/** The host's operating system, e.g. `Windows Server ltsc2022`, `Linux`. */
export const OS_NAME = (p: Plan, t: T): string =>
  p.a.os === 'windows'
    ? `Windows Server ${p.a.windowsVersion}`
    : p.a.os === 'macos'
      ? t('macOS (Docker Desktop)', 'macOS（Docker Desktop）')
      : 'Linux';

/** The build method as a phrase, e.g. `Docker-in-Docker with TLS`: the end of the diagram's title. */
export function methodTitle(p: Plan, t: T): string {
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

/** The executor node's label, e.g. `Docker executor`, `Kubernetes executor: build pod`. */
export function executorLabel(p: Plan, t: T): string {
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
