/**
 * The images the generated jobs and runners use, pinned. One place for every image name, so that the method
 * modules, the plan and the renderers agree (and a versions table can take over later).
 */
import type { Answers } from './answers';

/** Image that registers QEMU handlers for multi-platform builds (failures.md #16). */
export const BINFMT_IMAGE = 'tonistiigi/binfmt:qemu-v9.2.2';
/** Fallback job image for Kubernetes runners: jobs set their own image. */
export const K8S_DEFAULT_IMAGE = 'alpine:3.22';

/** The Docker CLI image for the runner's OS: `docker:<v>-cli`, or Windows Server Core for Windows containers. */
export const dockerCliImage = (a: Answers): string =>
  a.os === 'windows' && a.runnerKind === 'self-managed'
    ? `docker:${a.dockerVersion}-windowsservercore-${a.windowsVersion}`
    : `docker:${a.dockerVersion}-cli`;
/** The Docker-in-Docker service image, the same version as the CLI. */
export const dindImage = (a: Answers): string => `docker:${a.dockerVersion}-dind`;
/** BuildKit's image, rootless or not. */
export const buildkitImage = (a: Answers, rootless: boolean): string =>
  `moby/buildkit:${a.buildkitVersion}${rootless ? '-rootless' : ''}`;

/** GitLab's Dependency Proxy prefix for Docker Hub images. */
export const DEPENDENCY_PROXY_PREFIX = '${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}';
/** Buildah's or Podman's image (quay.io/<tool>/stable). */
export const daemonlessImage = (a: Pick<Answers, 'method' | 'buildahVersion' | 'podmanVersion'>): string =>
  a.method === 'podman' ? `quay.io/podman/stable:${a.podmanVersion}` : `quay.io/buildah/stable:${a.buildahVersion}`;
