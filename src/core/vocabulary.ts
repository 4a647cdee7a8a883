/**
 * The field's vocabulary as named predicates over the answers: which client builds, where the daemon lives, which
 * runner runs the job. Rules, method modules and the plan use these names instead of comparing raw answers, so a
 * question like "does this setup use the Docker CLI?" has one answer in one place.
 */
import type { Answers, Executor, Method } from './answers';
import { defectsOf, toolOf, VERSION_ANSWERS, type Defect, type DefectScope, type VersionAnswer } from './versions';

/** Methods where the job's Docker CLI drives a Docker daemon: dind, socket, pipe, host. */
export const DOCKER_CLI_METHODS: readonly Method[] = ['dind', 'socket', 'pipe', 'host'];
/** The job builds with the Docker CLI (`docker build` or `docker buildx build`) against a Docker daemon. */
export const usesDockerCli = (a: Pick<Answers, 'method'>): boolean => DOCKER_CLI_METHODS.includes(a.method);
/** The Docker executors on Linux hosts (docker-windows excluded). */
export const isDockerLikeExecutor = (e: Executor): boolean =>
  e === 'docker' || e === 'docker-autoscaler' || e === 'docker+machine';
/**
 * A self-managed runner whose Docker executor runs the jobs on autoscaled cloud instances: docker-autoscaler
 * (fleeting plugins, `[runners.autoscaler]`) or docker+machine (Docker Machine, `[runners.machine]`; deprecated).
 */
export const isAutoscaled = (a: Pick<Answers, 'executor' | 'runnerKind'>): boolean =>
  !isHosted(a) && (a.executor === 'docker-autoscaler' || a.executor === 'docker+machine');
/** The jobs run on GitLab.com hosted runners: no runner-side file is generated. */
export const isHosted = (a: Pick<Answers, 'runnerKind'>): boolean => a.runnerKind === 'gitlab-hosted';
/** The Kubernetes executor on a self-managed runner (hosted runners never use it). */
export const isKubernetes = (a: Pick<Answers, 'executor' | 'runnerKind'>): boolean =>
  !isHosted(a) && a.executor === 'kubernetes';
/**
 * The Kubernetes executor with Linux nodes: the Pod Security level and the node architecture questions apply
 * (Pod Security Standards have no meaning for Windows pods, and Windows nodes get their own node selector).
 */
export const isKubernetesLinux = (a: Pick<Answers, 'executor' | 'runnerKind' | 'os'>): boolean =>
  isKubernetes(a) && a.os !== 'windows';
/**
 * The job namespace enforces the Pod Security level `baseline` or `restricted` (or a policy engine's copy of it):
 * no privileged container, no hostPath volume, no Unconfined AppArmor or seccomp profile (baseline), and under
 * `restricted` no privilege escalation, no root user, every capability dropped and a RuntimeDefault seccomp profile.
 */
export const enforcesPodSecurity = (a: Pick<Answers, 'executor' | 'runnerKind' | 'os' | 'k8sPodSecurity'>): boolean =>
  isKubernetesLinux(a) && a.k8sPodSecurity !== 'privileged';
/** Rootless BuildKit in the job (also the replacement of a Kaniko job). */
export const isBuildKitRootless = (a: Pick<Answers, 'method'>): boolean => a.method === 'buildkit-rootless';
/** A daemon runs in a service container that must be privileged. */
export const needsPrivileged = (a: Pick<Answers, 'method'>): boolean => a.method === 'dind' || a.method === 'buildctl';
/** The Docker CLI drives BuildKit through buildx (`docker buildx build`). */
export const usesBuildx = (a: Pick<Answers, 'method' | 'buildx'>): boolean =>
  a.buildx && (a.method === 'dind' || a.method === 'socket' || a.method === 'host');
/** Two or more target platforms: the build makes a multi-platform image (a manifest list). */
export const isMultiPlatform = (a: Pick<Answers, 'platforms'>): boolean => a.platforms.length > 1;
/**
 * A multi-platform image built natively (issue 14, item 5): one build job per platform on a runner of that CPU
 * architecture, then a `manifest` job merging the pushed images into one manifest list.
 */
export const isNativeMultiArch = (a: Pick<Answers, 'platforms' | 'multiArch'>): boolean =>
  isMultiPlatform(a) && a.multiArch === 'native';
/** A multi-platform image built in one job that emulates the other CPUs with QEMU (binfmt handlers). */
export const isEmulatedMultiArch = (a: Pick<Answers, 'platforms' | 'multiArch'>): boolean =>
  isMultiPlatform(a) && a.multiArch !== 'native';

/** Docker CLI with a Linux daemon (buildx can apply). */
export function usesDockerCliDaemon(a: Pick<Answers, 'method'>): boolean {
  return a.method === 'dind' || a.method === 'socket' || a.method === 'host';
}

/** Which registry the image is pushed to. */
export function pushRegistry(
  a: Pick<Answers, 'image' | 'otherRegistryHost'>,
): 'gitlab' | 'dockerhub' | 'other' | 'unknown' {
  const image = a.image;
  if (/^\$\{?CI_REGISTRY(?:_IMAGE)?\}?(?:[/:]|$)/.test(image)) return 'gitlab';
  const first = image.split('/')[0] ?? '';
  const hasHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasHost) return first.startsWith('$') ? 'unknown' : 'dockerhub';
  if (first === 'docker.io' || first === 'index.docker.io') return 'dockerhub';
  if (first.toLowerCase() === a.otherRegistryHost.toLowerCase()) return 'other';
  return 'unknown';
}

/**
 * Whether a setup meets a defect of the scope (see `DefectScope` in versions.ts): the dind daemon pushes with
 * `docker push`, or a Buildx builder pushes to a GitLab container registry.
 */
export function meetsDefectScope(
  a: Pick<Answers, 'method' | 'buildx' | 'push' | 'image' | 'otherRegistryHost' | 'sbom' | 'provenance'>,
  scope: DefectScope,
): boolean {
  switch (scope) {
    case 'dind-docker-push':
      return a.method === 'dind' && a.push && !usesBuildx(a);
    case 'buildx-push-gitlab':
      // With `provenance: auto` the build sets BUILDX_NO_DEFAULT_ATTESTATIONS for such a BuildKit (supply.ts): only
      // attestations asked for are pushed then.
      return (
        usesBuildx(a) &&
        a.push &&
        pushRegistry(a) === 'gitlab' &&
        (a.sbom || a.provenance === 'min' || a.provenance === 'max')
      );
  }
}

/** A known defect a setup meets: the version answer that pins the tool, its value and the defect. */
export interface VersionDefectHit {
  answer: VersionAnswer;
  version: string;
  defect: Defect;
}

/**
 * The known defects (versions.ts) of the versions these answers pin that this setup meets, in the order of the
 * version answers. Empty for a setup without any.
 */
export function versionDefectsOf(a: Answers): VersionDefectHit[] {
  return VERSION_ANSWERS.flatMap((answer) =>
    defectsOf(toolOf(answer), a[answer])
      .filter((defect) => meetsDefectScope(a, defect.scope))
      .map((defect) => ({ answer, version: a[answer], defect })),
  );
}

/**
 * The runner can give the build its memory (`buildMemory`): a self-managed Kubernetes or Docker executor whose job or
 * service container builds. A host daemon (socket, pipe, shell) builds outside the containers the runner limits.
 */
export const limitsBuildMemory = (a: Pick<Answers, 'runnerKind' | 'executor' | 'method'>): boolean =>
  !isHosted(a) &&
  (isKubernetes(a) || isDockerLikeExecutor(a.executor) || a.executor === 'docker-windows') &&
  a.method !== 'socket' &&
  a.method !== 'pipe' &&
  a.method !== 'host';
