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

/**
 * The image of the `image-tags` job (tags from git): sh, awk and git (`alpine/git`, entrypoint `git`, reset by the
 * job). https://hub.docker.com/r/alpine/git
 */
export const GIT_IMAGE = `${TOOL_TABLE.git.image}:${TOOL_TABLE.git.pinned}`;

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

/**
 * Where the tool images (Docker CLI, dind, BuildKit, Buildah, Podman, binfmt) are pulled from:
 * - `prefix` '' : from their public registries, as published (`docker:29.7.2-dind`, `quay.io/buildah/stable:v1.43`);
 * - the company's registry or mirror (`toolImagePrefix`): every tool image, under the prefix with its path and no
 *   registry host (`registry.example.com/mirror/docker:29.7.2-dind`, `…/mirror/buildah/stable:v1.43`);
 * - the GitLab Dependency Proxy (`dependencyProxy`): the Docker Hub images only (it proxies Docker Hub alone).
 * `literal`: the prefix holds no CI/CD variable, so the runner's config.toml (which does not expand them) can use it.
 */
export interface ImageSource {
  prefix: string;
  hubOnly: boolean;
  literal: boolean;
}

/** The source of the tool images for these answers: the company prefix wins over the Dependency Proxy. */
export function imageSource(a: Pick<Answers, 'toolImagePrefix' | 'dependencyProxy'>): ImageSource {
  if (a.toolImagePrefix) return { prefix: a.toolImagePrefix, hubOnly: false, literal: true };
  if (a.dependencyProxy) return { prefix: DEPENDENCY_PROXY_PREFIX, hubOnly: true, literal: false };
  return { prefix: '', hubOnly: false, literal: true };
}

/**
 * The registry host of an image reference (`quay.io` of `quay.io/buildah/stable:v1`), or null for a Docker Hub
 * name (`docker:29-dind`, `moby/buildkit:v0.31.2`): the first path component is a host when it holds `.` or `:`
 * or is `localhost` (the reference grammar of distribution/reference).
 */
export function registryHostOf(ref: string): string | null {
  const slash = ref.indexOf('/');
  if (slash === -1) return null;
  const first = ref.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : null;
}

/**
 * A tool image as pulled from `src`: unchanged without a prefix (or a Docker-Hub-only prefix for another registry's
 * image), else `<prefix>/<path>` with the image's registry host dropped. E.g. `quay.io/podman/stable:v5.6` from
 * `registry.example.com/mirror` is `registry.example.com/mirror/podman/stable:v5.6`.
 */
export function fromSource(ref: string, src: ImageSource): string {
  if (!src.prefix) return ref;
  const host = registryHostOf(ref);
  if (host !== null && src.hubOnly) return ref;
  return `${src.prefix}/${host === null ? ref : ref.slice(host.length + 1)}`;
}
/** Buildah's or Podman's image (quay.io/<tool>/stable). */
export const daemonlessImage = (a: Pick<Answers, 'method' | 'buildahVersion' | 'podmanVersion'>): string =>
  a.method === 'podman'
    ? `${TOOL_TABLE.podman.image}:${a.podmanVersion}`
    : `${TOOL_TABLE.buildah.image}:${a.buildahVersion}`;
