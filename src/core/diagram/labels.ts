/** The labels of the model that depend on several facts of the plan: the OS, the build method, the executor. */
import type { Plan } from '../plan';
import type { T } from './types';

/** The host's operating system, e.g. `Windows Server ltsc2022`, `Linux`. */
export const OS_NAME = (p: Plan, t: T): string =>
  p.runner.os === 'windows'
    ? `Windows Server ${p.runner.windowsVersion}`
    : p.runner.os === 'macos'
      ? t('macOS (Docker Desktop)', 'macOS（Docker Desktop）')
      : 'Linux';

/**
 * The build method as a phrase, e.g. `Docker-in-Docker with TLS`: the end of the diagram's title. The method's own
 * title (`p.method.title`, shared with the questions and SETUP.md), qualified by the connection for Docker-in-Docker.
 */
export function methodTitle(p: Plan, t: T): string {
  const { en, ja } = p.method.title;
  switch (p.method.dindConnection) {
    case 'tls':
      return t(`${en} with TLS`, `TLS付き${ja}`);
    case 'plain-tcp':
      return t(`${en} without TLS`, `TLSなしの${ja}`);
    case 'socket-volume':
      return t(`${en} through a socket volume`, `ソケットボリューム経由の${ja}`);
    case null:
      return t(en, ja);
  }
}

/** The executor node's label, e.g. `Docker executor`, `Kubernetes executor: build pod`. */
export function executorLabel(p: Plan, t: T): string {
  if (p.hosted) return t('Docker executor (GitLab.com)', 'Docker executor（GitLab.com）');
  switch (p.runner.executor) {
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
