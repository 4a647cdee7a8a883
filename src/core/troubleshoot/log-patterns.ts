/**
 * Log patterns shared by the recognisers of several failures (failures/*.ts): log-wide contexts (which executor or
 * builder the log comes from) and regex fragments for messages that vary across Docker releases.
 */

/** A log of the Kubernetes executor. */
export const K8S_LOG =
  /Using Kubernetes (?:namespace|executor)|Preparing the "kubernetes" executor|Waiting for pod [\w.-]+\/runner-/i;
/** A log of a BuildKit build (the moby/buildkit image, buildkitd, buildctl). */
export const BUILDKIT_LOG = /moby\/buildkit|buildkitd|rootlesskit|buildctl/i;
/** A log of a Buildah or Podman build. */
export const BUILDAH_LOG = /buildah|podman|quay\.io\/(?:buildah|podman)/i;
/** A log of a Kaniko build. */
export const KANIKO_LOG = /kaniko/i;
/** A log of a job with a docker:dind service. */
export const DIND_LOG = /docker:[\w.-]*dind|docker:dind/i;
/** A log of a job that pulls through the GitLab Dependency Proxy. */
export const DEPENDENCY_PROXY_LOG = /CI_DEPENDENCY_PROXY|dependency_proxy/i;
/** A log of a Windows job (named pipe, docker_engine, PowerShell). */
export const WINDOWS_LOG = /\\\\\.\\pipe|\/\/\.\/pipe|docker_engine|windows|powershell|pwsh/i;
/** A lookup sent to Google's public resolvers (per-build-network-dns, not a proxy problem). */
export const PUBLIC_DNS = /\b8\.8\.(?:8\.8|4\.4):53\b/;

/** `--connect` patterns of the Docker CLI across releases ("daemon" until 27, "docker API" from 28). */
export const CONNECT = String.raw`(?:Cannot connect to the Docker daemon|failed to connect to the docker API)`;
/** The ways a Go resolver says a name lookup failed. */
export const LOOKUP_FAILED = String.raw`(?:no such host|server misbehaving|Temporary failure in name resolution|i/o timeout)`;
/** The optional ` on <resolver address>` of a Go lookup error. */
export const RESOLVER = String.raw`(?: on [0-9A-Fa-f.:\[\]]{3,45})?`;

/**
 * Signs of a cross-platform build in a log (a `--platform` list, BuildKit's `[linux/arm64 2/5]` steps, QEMU's
 * binfmt): an `exec format error` there is an emulation problem (multiplatform-no-emulation), not a pod on a node
 * of another architecture (k8s-node-arch-mismatch).
 */
export const CROSS_PLATFORM_BUILD = /--platform[ =]|\[linux\/[\w/]{1,20} \d{1,3}\/\d{1,3}\]|binfmt/i;
/** A Kubernetes log without any sign of a cross-platform build (anchored at the start: one pass over the log). */
export const K8S_LOG_WITHOUT_CROSS_PLATFORM_BUILD =
  /^(?![\s\S]*(?:--platform[ =]|\[linux\/[\w/]{1,20} \d{1,3}\/\d{1,3}\]|binfmt))[\s\S]*?(?:Using Kubernetes (?:namespace|executor)|Preparing the "kubernetes" executor)/i;
