/**
 * The images the generated jobs and runners use, pinned. One place for every image name, so that the method
 * modules, the plan and the renderers agree; the tags come from the versions table (`versions.ts`).
 */
import type { Answers } from './answers';
import { TOOL_TABLE } from './versions';

/** Image that registers QEMU handlers for multi-platform builds (failures.md #16). */
export const BINFMT_IMAGE = `${TOOL_TABLE.binfmt.image}:${TOOL_TABLE.binfmt.pinned}`;
/** Fallback job image for Kubernetes runners: jobs set their own image. */
export const K8S_DEFAULT_IMAGE = `${TOOL_TABLE.alpine.image}:${TOOL_TABLE.alpine.pinned}`;

/** The Docker CLI image for the runner's OS: `docker:<v>-cli`, or Windows Server Core for Windows containers. */
export const dockerCliImage = (a: Answers): string =>
  a.os === 'windows' && a.runnerKind === 'self-managed'
    ? `docker:${a.dockerVersion}-windowsservercore-${a.windowsVersion}`
    : `docker:${a.dockerVersion}-cli`;
/** The Docker-in-Docker service image, the same version as the CLI. */
export const dindImage = (a: Answers): string => `docker:${a.dockerVersion}-dind`;
/** BuildKit's image, rootless or not. */
export const buildkitImage = (a: Answers, rootless: boolean): string =>
  `${TOOL_TABLE.buildkit.image}:${a.buildkitVersion}${rootless ? '-rootless' : ''}`;
/**
 * The image of a Buildx `docker-container` builder (`--driver-opt image=`): BuildKit at the pinned version. Without
 * it the builder floats to `moby/buildkit:buildx-stable-1`, the newest BuildKit (moby/buildkit#7007: BuildKit
 * 0.32's attestations are refused by the GitLab registry).
 */
export const buildxBuilderImage = (a: Answers): string => buildkitImage(a, false);

/** GitLab's Dependency Proxy prefix for Docker Hub images. */
export const DEPENDENCY_PROXY_PREFIX = '${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}';
/** Buildah's or Podman's image (quay.io/<tool>/stable). */
export const daemonlessImage = (a: Pick<Answers, 'method' | 'buildahVersion' | 'podmanVersion'>): string =>
  a.method === 'podman'
    ? `${TOOL_TABLE.podman.image}:${a.podmanVersion}`
    : `${TOOL_TABLE.buildah.image}:${a.buildahVersion}`;
