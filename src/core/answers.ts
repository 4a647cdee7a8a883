/**
 * The answers model: every question the wizard asks, its type, its default and the syntax of typed values.
 *
 * Answers never hold secrets. Registries, proxies with credentials and tokens are referenced by the *names* of
 * CI/CD variables (or environment variables on the runner host); `secrets.ts` refuses anything that looks like a
 * credential in any string field.
 *
 * The rules *between* answers (what an answer implies, what it rules out) live in `rules.ts`.
 */
import * as v from 'valibot';
import { secretKind } from './secrets';
import { SHA_TAGS, TAG_PREFIX, TAG_SCHEMES, tagTemplateProblem, type ShaTag, type TagSchemeKind } from './tags';
import { CURRENT_DEFAULTS } from './versions';

/**
 * GitLab Runner executors the wizard offers: `docker-windows` is the Docker executor with Windows containers;
 * `docker-autoscaler` and `docker+machine` run the Docker executor on autoscaled VMs.
 */
export const EXECUTORS = [
  'shell',
  'docker',
  'docker-windows',
  'kubernetes',
  'docker-autoscaler',
  'docker+machine',
] as const;
/** One GitLab Runner executor: `executor` of `[[runners]]` in config.toml, `--executor` of `register`. */
export type Executor = (typeof EXECUTORS)[number];

/** How the image gets built, including where the daemon (if any) lives. */
export const METHODS = [
  'dind', // Docker CLI against a docker:dind service container
  'socket', // Docker CLI against the host daemon through /var/run/docker.sock (Linux)
  'pipe', // Docker CLI against the host daemon through \\.\pipe\docker_engine (Windows)
  'host', // Docker CLI against the host daemon, shell executor
  'buildkit-rootless', // buildctl-daemonless.sh in moby/buildkit:rootless, no daemon, no privileged
  'buildctl', // buildctl against a BuildKit daemon in a (privileged) service container
  'buildah',
  'podman',
] as const;
/** One build method: which builder runs and where its daemon, if any, lives (see `METHODS`). */
export type Method = (typeof METHODS)[number];

/** Operating system of the self-managed runner host: decides sh or PowerShell and where config.toml lives. */
export const OSES = ['linux', 'windows', 'macos'] as const;
/** One runner host operating system (see `OSES`). */
export type Os = (typeof OSES)[number];

/**
 * A self-managed runner (config.toml, registration and host changes are generated) or GitLab.com hosted instance
 * runners (only `.gitlab-ci.yml`: each job runs privileged in a throwaway VM).
 */
export const RUNNER_KINDS = ['self-managed', 'gitlab-hosted'] as const;
/**
 * How the runner registers: a runner authentication token (`glrt-`, `--token`, created in the GitLab UI) or the
 * legacy registration token (`--registration-token`; deprecated, disabled by default since GitLab 17).
 */
export const REGISTRATIONS = ['token', 'legacy'] as const;
/** How the job reaches the dind daemon: TLS on 2376, plain TCP on 2375, or a Unix socket on a shared volume. */
export const DIND_CONNECTIONS = ['tls', 'socket-volume', 'plain-tcp'] as const;
/** One way the job reaches the dind daemon (see `DIND_CONNECTIONS`). */
export type DindConnection = (typeof DIND_CONNECTIONS)[number];
/**
 * Where HTTP_PROXY / HTTPS_PROXY / NO_PROXY are set: nowhere, in `.gitlab-ci.yml` `variables:` (the job, its
 * services and the build), or in the runner's `environment` in config.toml (every job of the runner).
 */
export const PROXY_MODES = ['none', 'job', 'runner'] as const;
/**
 * Where the registry mirror is configured: the dind service's `command` in `.gitlab-ci.yml`, the dind service the
 * runner defines in config.toml, daemon.json, or buildkitd.toml (rootless BuildKit).
 */
export const MIRROR_PLACES = ['ci-service', 'runner-service', 'daemon-json', 'buildkitd'] as const;
/** One place for the registry mirror (see `MIRROR_PLACES`). */
export type MirrorPlace = (typeof MIRROR_PLACES)[number];
/**
 * Layer cache: none, a cache image in the registry (`type=registry` at `cacheRef`), or inline cache metadata in the
 * pushed image (read back with `--cache-from`; final stage only).
 */
export const CACHE_MODES = ['none', 'registry', 'inline'] as const;
/**
 * The default registry cache's repository. BuildKit takes it with a tag (the default `cacheRef`,
 * `<repository>:buildcache`); Buildah and Podman take the repository alone (each cached layer gets its own tag).
 */
export const CACHE_REPOSITORY = '$CI_REGISTRY_IMAGE/cache';
/** BuildKit's cache export `mode=`: `max` exports the layers of every stage, `min` those of the final stage. */
export const CACHE_EXPORT_MODES = ['max', 'min'] as const;
/**
 * The iptables backend of the dind service's dockerd: the image entrypoint's own choice, or forced through
 * `DOCKER_IPTABLES_LEGACY` (`"1"`: iptables-legacy, `""`: nf_tables) for a host kernel without the other one
 * (docker-library/docker#463; see `DIND_IPTABLES` in versions.ts).
 */
export const DIND_IPTABLES_BACKENDS = ['auto', 'legacy', 'nftables'] as const;
/** Where overlay2 is asked for the dind daemon: nowhere (the daemon's default), per job (CI variable), runner-wide. */
export const OVERLAY2_PLACES = ['default', 'job', 'runner'] as const;
/**
 * How jobs log in to registries: a login in the job script (`docker login` or the builder's own), the
 * DOCKER_AUTH_CONFIG CI/CD variable (one JSON for every registry), or a config.json the runner mounts.
 */
export const AUTH_METHODS = ['login', 'docker-auth-config', 'mounted-config'] as const;
/** One registry authentication method (see `AUTH_METHODS`). */
export type AuthMethod = (typeof AUTH_METHODS)[number];
/**
 * Windows Server version of the Windows container host: the `windowsservercore-<version>` image tags and, on
 * Kubernetes, the node's `node.kubernetes.io/windows-build` (10.0.20348 / 10.0.26100).
 */
export const WINDOWS_VERSIONS = ['ltsc2022', 'ltsc2025'] as const;
/**
 * The cloud of the autoscaled instances (docker-autoscaler, docker+machine): the fleeting plugin
 * (`gitlab-org/fleeting/plugins/aws|googlecompute|azure`) or the Docker Machine driver (`amazonec2`, `google`,
 * `azure`). GitLab maintains fleeting plugins for these three clouds (docs "Fleeting",
 * https://docs.gitlab.com/runner/fleet_scaling/fleeting/).
 */
export const CLOUDS = ['aws', 'gcp', 'azure'] as const;
/** One cloud of autoscaled instances (see `CLOUDS`). */
export type Cloud = (typeof CLOUDS)[number];
/**
 * The build job on the branches that push neither `latest` nor a git tag (asked when `tagLatest` or `tagGitTag` is
 * on): build and push the SHA tag, build without pushing, or no job (S38 tag-and-branch-rules).
 */
export const OTHER_BRANCHES = ['push-sha', 'build-only', 'skip'] as const;
/**
 * What the admission of the job pods' namespace enforces: nothing (or the Pod Security level `privileged`), the
 * Pod Security Standards level `baseline`, or `restricted`. A Gatekeeper, Kyverno or OpenShift SCC policy modelled
 * on them counts as the level it copies (Gatekeeper's psp-allow-privilege-escalation rule is part of `restricted`).
 * Source: https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export const K8S_POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
/** One Pod Security level of the job namespace (see `K8S_POD_SECURITY_LEVELS`). */
export type K8sPodSecurity = (typeof K8S_POD_SECURITY_LEVELS)[number];
/**
 * The CPU architecture of the nodes the job pods may run on: any node (no node selector: the runner assumes amd64
 * for its helper image), amd64 or arm64 nodes only, or a mixed cluster (amd64 by default; a job may ask for arm64
 * with `KUBERNETES_NODE_SELECTOR_ARCH`). The runner picks the helper image's architecture from the
 * `kubernetes.io/arch` node selector (GitLab Runner docs, Kubernetes executor, "Operating system, architecture, and
 * Windows kernel version").
 */
export const K8S_NODE_ARCHES = ['any', 'amd64', 'arm64', 'mixed'] as const;
/** One node architecture answer (see `K8S_NODE_ARCHES`). */
export type K8sNodeArch = (typeof K8S_NODE_ARCHES)[number];
/**
 * Provenance attestation of the build (BuildKit's SLSA provenance): `auto` keeps the builder's default (Buildx adds
 * `mode=min` when it pushes, buildctl adds none) except where the registry refuses it (a GitLab registry and a
 * BuildKit of moby/buildkit#7007: then none), `off` none, `min` or `max` the provenance of that mode.
 * Source: https://docs.docker.com/build/metadata/attestations/slsa-provenance/
 */
export const PROVENANCE_MODES = ['auto', 'off', 'min', 'max'] as const;
/** One provenance answer (see `PROVENANCE_MODES`). */
export type ProvenanceMode = (typeof PROVENANCE_MODES)[number];
/**
 * Signing of the pushed digest with cosign in a `sign` job: none, keyless (a GitLab ID token with the audience
 * `sigstore`, Fulcio and Rekor of the public Sigstore: GitLab.com only), or a key pair whose private key is a
 * File-type CI/CD variable. Source: https://docs.gitlab.com/ci/yaml/signing_examples/
 */
export const SIGN_MODES = ['none', 'keyless', 'key'] as const;
/** One signing answer (see `SIGN_MODES`). */
export type SignMode = (typeof SIGN_MODES)[number];
/** Most repositories a promotion copies the image to. */
export const MAX_PROMOTE_TARGETS = 5;

/**
 * Target platforms (`--platform`, `os/arch[/variant]`); two or more build a multi-platform image, none builds for
 * the runner's own platform.
 */
/**
 * hadolint's `--failure-threshold`: the job fails when a rule of this severity or a more severe one is violated
 * (inclusive since hadolint 2.5, hadolint/hadolint#653; levels error > warning > info > style).
 */
export const LINT_THRESHOLDS = ['error', 'warning', 'info', 'style'] as const;
/**
 * The vulnerability scan of the pushed image: none, Trivy in a pinned image (fails on the severity threshold), or
 * GitLab's Container Scanning template (reports; never fails the job on findings).
 */
export const SCANNERS = ['none', 'trivy', 'gitlab'] as const;
/** The lowest vulnerability severity that counts (Trivy `--severity`, GitLab `CS_SEVERITY_THRESHOLD`). */
export const SCAN_SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
/**
 * What a failing gate does: `block` fails the pipeline (the jobs of later stages do not run), `report` lets the
 * pipeline pass with a warning (`allow_failure: true`).
 */
export const GATE_POLICIES = ['block', 'report'] as const;

export const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le', 'linux/s390x'] as const;
/**
 * How a multi-platform image is built (issue 14, item 5): `qemu`, one job that emulates the other CPUs (binfmt
 * handlers registered with a privileged container on the build host or node), or `native`, one build job per
 * platform on a runner of that CPU architecture, then a `manifest` job that merges the pushed images into one
 * manifest list. Native builds cover linux/amd64 and linux/arm64 (GitLab.com's hosted runners and the common
 * self-managed fleets).
 */
export const MULTI_ARCH_MODES = ['qemu', 'native'] as const;
/** One way of building a multi-platform image (see `MULTI_ARCH_MODES`). */
export type MultiArchMode = (typeof MULTI_ARCH_MODES)[number];
/** The platforms a native multi-arch build has runners for. */
export const NATIVE_PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

/**
 * Every answer of the wizard, one field per question, grouped by step: the shape of an answers file's `answers`.
 * Credentials are never values here, only the names of the CI/CD variables that hold them.
 */
export interface Answers {
  // 1. Where the jobs run
  gitlabUrl: string;
  runnerKind: (typeof RUNNER_KINDS)[number];
  os: Os;
  executor: Executor;
  k8sNamespace: string;
  helm: boolean;
  windowsVersion: (typeof WINDOWS_VERSIONS)[number];
  /**
   * `[runners.docker] helper_image` for docker-windows, or '' to let the runner pick the helper for the host build.
   * A runner release without a helper for a newer host build fails with `unsupported Windows version`.
   */
  windowsHelperImage: string;
  eksDockerdRename: boolean;
  /** Autoscaled instances (docker-autoscaler, docker+machine): the cloud. */
  cloud: Cloud;
  /** The AWS Auto Scaling group, Google Cloud instance group or Azure scale set the fleeting plugin drives. */
  instanceGroup: string;
  /** AWS region, Google Cloud zone or Azure location of the instances. */
  cloudRegion: string;
  /** Google Cloud project ID, or Azure subscription ID. */
  cloudProject: string;
  /** Azure resource group of the scale set (or of the Docker Machine VMs). */
  cloudResourceGroup: string;
  /** The user the runner connects as (SSH) on the autoscaled instances; must be in their docker group. */
  connectorUser: string;
  /** Most instances at once (`max_instances`). */
  maxInstances: number;
  /** Jobs one instance runs at the same time (`capacity_per_instance`). */
  capacityPerInstance: number;
  /** Jobs an instance runs before it is deleted (`max_use_count`, Docker Machine `MaxBuilds`); 0: no limit. */
  maxUseCount: number;
  /** Idle instances kept ready on working days (`idle_count`, Docker Machine `IdleCount`). */
  idleCount: number;
  /** Minutes an idle instance is kept before it is deleted (`idle_time`, Docker Machine `IdleTime`). */
  idleMinutes: number;
  /** The Pod Security level the job namespace enforces (Kubernetes executor on Linux nodes). */
  k8sPodSecurity: K8sPodSecurity;
  /** The CPU architecture of the nodes the job pods run on (Kubernetes executor on Linux nodes). */
  k8sNodeArch: K8sNodeArch;
  /**
   * Memory for the container that runs the build (`MEMORY_QUANTITY`, e.g. `4Gi`), requested and limited by the
   * runner: on Kubernetes the build container's or the daemon service's `memory_request`/`memory_limit`, on a Docker
   * executor `memory` or `service_memory`. '' leaves it to the runner's and cluster's defaults (a namespace
   * LimitRange often caps pods far below what a build needs: exit code 137, OOMKilled).
   */
  buildMemory: string;
  runnerDescription: string;
  runnerTags: string[];
  registration: (typeof REGISTRATIONS)[number];
  allowPrivileged: boolean;
  // 2. How the image is built
  method: Method;
  /** The user replaces a Kaniko job: the rootless BuildKit job comes with the migration notes (S32). */
  fromKaniko: boolean;
  buildx: boolean;
  dockerVersion: string;
  buildkitVersion: string;
  buildahVersion: string;
  podmanVersion: string;
  dockerfile: string;
  context: string;
  image: string;
  push: boolean;
  tagSha: boolean;
  tagLatest: boolean;
  tagGitTag: boolean;
  otherBranches: (typeof OTHER_BRANCHES)[number];
  /**
   * Where the image tags come from (issue 14, "Tags from git"): `fixed`, the refs of `tagSha`, `tagLatest` and
   * `tagGitTag`; `semver`, tags computed in the job from the git ref (`tagsScript` of tags.ts: `1.4.2`, `1.4`, `1`,
   * `latest` for a tag `v1.4.2`, `mr-<iid>`, the branch slug, the SHA); `template`, the words of `tagTemplate`.
   */
  tagScheme: TagSchemeKind;
  /** `semver`: the prefix of the repository's version tags (`v` for `v1.4.2`; '' for `1.4.2`). */
  tagPrefix: string;
  /** `semver`: the commit SHA tag, full (40 hex digits), short (`CI_COMMIT_SHORT_SHA`) or none. */
  tagShaForm: ShaTag;
  /** `semver`: the highest stable version also gets `latest`. */
  tagSemverLatest: boolean;
  /** `template`: space-separated tag templates with GitLab predefined variables (`tagTemplateProblem` in tags.ts). */
  tagTemplate: string;
  /**
   * OCI labels (and annotations where the builder writes them) from predefined variables:
   * `org.opencontainers.image.source`, `revision`, `created`, `version`, `title`, `url`.
   */
  ociLabels: boolean;
  /** Build arguments `NAME=value`, passed literally (never secrets: those are `buildSecrets`). */
  buildArgs: string[];
  /**
   * Build secrets: names of CI/CD variables, each passed as the BuildKit secret of the same id (`--secret
   * id=NAME,env=NAME`), read in the Dockerfile with `RUN --mount=type=secret,id=NAME`; never a build argument.
   */
  buildSecrets: string[];
  /** The Dockerfile stage to build (`--target`), or '' for the last stage. */
  buildTarget: string;
  platforms: string[];
  /** How a multi-platform image is built: emulated in one job, or natively per architecture (`MULTI_ARCH_MODES`). */
  multiArch: MultiArchMode;
  /**
   * Native multi-arch on self-managed runners (not Kubernetes): the runner tag, besides `runnerTags`, of the runners
   * on amd64 hosts; the amd64 build job asks for both.
   */
  archTagAmd64: string;
  /** The same for the runners on arm64 hosts. */
  archTagArm64: string;
  compose: boolean;
  composeFile: string;
  runTests: boolean;
  testCommand: string;
  // 3. TLS
  dindConnection: DindConnection;
  customCaVar: string;
  customCaHost: string;
  /**
   * A registry (`host` or `host:port`) that speaks plain HTTP, '' for none: declared insecure to the builder that
   * talks to it (dind `--insecure-registry`, daemon.json `insecure-registries`, buildkitd.toml `http = true`, a
   * registries.conf drop-in for Buildah and Podman). A high finding: prefer TLS with a private CA.
   */
  plainHttpRegistry: string;
  // 4. Network
  proxy: (typeof PROXY_MODES)[number];
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
  mirrorUrl: string;
  mirrorPlace: MirrorPlace;
  /**
   * The company's registry or mirror the tool images (Docker CLI, dind, BuildKit, Buildah, Podman, binfmt) come from,
   * as an image reference prefix (`registry.example.com:5050/infra/images`), '' for the public registries. Each image
   * keeps its path under it (`…/images/docker:29.7.2-dind`); the dind service keeps the alias `docker`.
   */
  toolImagePrefix: string;
  mtu: number;
  // 5. Cache
  cache: (typeof CACHE_MODES)[number];
  cacheMode: (typeof CACHE_EXPORT_MODES)[number];
  cacheRef: string;
  /**
   * Registry cache per ref (issue 14, item 7): the build reads the cache of its own ref
   * (`<cache repository>:$CI_COMMIT_REF_SLUG`, Buildah/Podman `<cache repository>/$CI_COMMIT_REF_SLUG`) and then the
   * default branch's (`$CI_DEFAULT_BRANCH_SLUG`), and writes its own ref's. Off: one cache ref (`cacheRef`) for all.
   */
  cachePerRef: boolean;
  /**
   * Only pipelines of protected branches and tags write the registry cache (`$CI_COMMIT_REF_PROTECTED == "true"`);
   * other refs and merge requests read it only, so they cannot poison the layers protected builds reuse.
   */
  cacheProtectedWrite: boolean;
  overlay2: (typeof OVERLAY2_PLACES)[number];
  /** dind only: the daemon's iptables backend (see `DIND_IPTABLES_BACKENDS`). */
  dindIptables: (typeof DIND_IPTABLES_BACKENDS)[number];
  // 6. Registry authentication
  authMethod: AuthMethod;
  passwordStdin: boolean;
  registryGitlab: boolean;
  registryDockerHub: boolean;
  dockerHubUserVar: string;
  dockerHubPasswordVar: string;
  registryOther: boolean;
  otherRegistryHost: string;
  otherUserVar: string;
  otherPasswordVar: string;
  dependencyProxy: boolean;
  authConfigVar: string;
  protectedOnly: boolean;
  // 7. CI/CD catalog component (issue 14, item 8)
  /** Also emit the pipeline as a CI/CD catalog component (`component/templates/<componentName>.yml`) and its usage. */
  component: boolean;
  /** The component's name: its file `templates/<name>.yml` and the last part of `include: component:`. */
  componentName: string;
  /** Full path of the project that will hold the component (`group/subgroup/project`), for the usage snippet. */
  componentProject: string;
  // 7. Supply chain and promotion (issue 14, items 3 and 6)
  /** BuildKit SBOM attestation of the pushed image (Buildx `--sbom=true`, buildctl `--opt attest:sbom=`). */
  sbom: boolean;
  /** BuildKit provenance attestation (see `PROVENANCE_MODES`). */
  provenance: ProvenanceMode;
  /** cosign signing of the pushed digest (see `SIGN_MODES`). */
  sign: SignMode;
  /** File-type CI/CD variable holding the cosign private key (`cosign.key`), for `sign: key`. */
  cosignKeyVar: string;
  /** CI/CD variable holding the password of the cosign private key, for `sign: key`. */
  cosignPasswordVar: string;
  /**
   * Repositories the pushed image is copied to by digest, on protected refs only (`docker.io/acme/app`,
   * `registry.example.com/team/app`, `$CI_REGISTRY_IMAGE/release`); [] for no promotion. Each gets every tag the
   * build job pushed.
   */
  promoteTargets: string[];
  // Gates (issue 14, item 4): asked in the build step.
  /** A `lint-dockerfile` job runs hadolint on the Dockerfile in stage `lint`, before the build. */
  lint: boolean;
  /** hadolint's `--failure-threshold` (see `LINT_THRESHOLDS`). */
  lintThreshold: (typeof LINT_THRESHOLDS)[number];
  /** The vulnerability scan of the pushed image, by digest, in stage `scan` (see `SCANNERS`). */
  scan: (typeof SCANNERS)[number];
  /** The lowest severity the scan counts (see `SCAN_SEVERITIES`). */
  scanSeverity: (typeof SCAN_SEVERITIES)[number];
  /** Whether a failing gate fails the pipeline (see `GATE_POLICIES`). */
  gatePolicy: (typeof GATE_POLICIES)[number];
  /**
   * CI/CD variables with a read-only (pull) credential for the scan, when the image is not in the GitLab registry:
   * the scan job never gets the push credentials.
   */
  scanUserVar: string;
  scanPasswordVar: string;
}

/** Current practice: DinD with TLS on a self-managed Linux runner with the Docker executor, images pinned. */
export const DEFAULT_ANSWERS: Readonly<Answers> = Object.freeze({
  gitlabUrl: 'https://gitlab.com/',
  runnerKind: 'self-managed',
  os: 'linux',
  executor: 'docker',
  k8sNamespace: 'gitlab-runner',
  helm: true,
  windowsVersion: 'ltsc2022',
  windowsHelperImage: '',
  eksDockerdRename: false,
  cloud: 'aws',
  instanceGroup: 'gitlab-runner-instances',
  cloudRegion: 'us-east-1',
  cloudProject: 'gitlab-runners',
  cloudResourceGroup: 'gitlab-runners',
  connectorUser: 'ubuntu',
  maxInstances: 10,
  capacityPerInstance: 1,
  maxUseCount: 1,
  idleCount: 1,
  idleMinutes: 20,
  k8sPodSecurity: 'privileged',
  k8sNodeArch: 'any',
  buildMemory: '',
  runnerDescription: 'docker-build-runner',
  runnerTags: Object.freeze(['docker-build']) as unknown as string[],
  registration: 'token',
  allowPrivileged: true,
  method: 'dind',
  fromKaniko: false,
  buildx: false,
  // The version defaults come from the versions table (versions.ts): releases without a known defect.
  dockerVersion: CURRENT_DEFAULTS.dockerVersion,
  buildkitVersion: CURRENT_DEFAULTS.buildkitVersion,
  buildahVersion: CURRENT_DEFAULTS.buildahVersion,
  podmanVersion: CURRENT_DEFAULTS.podmanVersion,
  dockerfile: 'Dockerfile',
  context: '.',
  image: '$CI_REGISTRY_IMAGE',
  push: true,
  tagSha: true,
  tagLatest: false,
  tagGitTag: false,
  otherBranches: 'push-sha',
  tagScheme: 'fixed',
  tagPrefix: 'v',
  tagShaForm: 'long',
  tagSemverLatest: true,
  tagTemplate: '$CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID',
  ociLabels: false,
  buildArgs: Object.freeze([]) as unknown as string[],
  buildSecrets: Object.freeze([]) as unknown as string[],
  buildTarget: '',
  platforms: Object.freeze([]) as unknown as string[],
  multiArch: 'qemu',
  archTagAmd64: 'amd64',
  archTagArm64: 'arm64',
  compose: false,
  composeFile: 'docker-compose.test.yml',
  runTests: false,
  testCommand: '/script/to/run/tests',
  dindConnection: 'tls',
  customCaVar: '',
  customCaHost: '',
  plainHttpRegistry: '',
  proxy: 'none',
  httpProxy: '',
  httpsProxy: '',
  noProxy: '',
  mirrorUrl: '',
  mirrorPlace: 'ci-service',
  toolImagePrefix: '',
  mtu: 0,
  cache: 'none',
  cacheMode: 'max',
  cacheRef: `${CACHE_REPOSITORY}:buildcache`,
  cachePerRef: false,
  cacheProtectedWrite: false,
  overlay2: 'default',
  dindIptables: 'auto',
  authMethod: 'login',
  passwordStdin: true,
  registryGitlab: true,
  registryDockerHub: false,
  dockerHubUserVar: 'DOCKER_HUB_USER',
  dockerHubPasswordVar: 'DOCKER_HUB_PASSWORD',
  registryOther: false,
  otherRegistryHost: 'registry.example.com',
  otherUserVar: 'REGISTRY_USER',
  otherPasswordVar: 'REGISTRY_PASSWORD',
  dependencyProxy: false,
  authConfigVar: 'DOCKER_AUTH_CONFIG',
  protectedOnly: false,
  component: false,
  componentName: 'build-image',
  componentProject: 'my-group/ci-components',
  sbom: false,
  provenance: 'auto',
  sign: 'none',
  cosignKeyVar: 'COSIGN_PRIVATE_KEY',
  cosignPasswordVar: 'COSIGN_PASSWORD',
  promoteTargets: Object.freeze([]) as unknown as string[],
  lint: false,
  lintThreshold: 'warning',
  scan: 'none',
  scanSeverity: 'HIGH',
  gatePolicy: 'block',
  scanUserVar: 'SCAN_REGISTRY_USER',
  scanPasswordVar: 'SCAN_REGISTRY_PASSWORD',
} satisfies Answers);

/** Every answer's key, in the order of `DEFAULT_ANSWERS` (the order permalinks and diffs list them in). */
export const ANSWER_KEYS = Object.keys(DEFAULT_ANSWERS) as (keyof Answers)[];

/** A fresh, mutable copy of `DEFAULT_ANSWERS` (with its own `runnerTags`, `platforms`, `buildArgs`, `buildSecrets`). */
export function defaultAnswers(): Answers {
  return structuredClone({
    ...DEFAULT_ANSWERS,
    runnerTags: [...DEFAULT_ANSWERS.runnerTags],
    platforms: [],
    buildArgs: [],
    buildSecrets: [],
    promoteTargets: [],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Syntax of typed values. Each pattern is strict where the value reaches a tool that has a grammar of its own, and
// permissive (any printable text) where the value is plain text: the serializers quote it for its target.

/** A CI/CD variable name, as GitLab accepts it. */
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
/** An image reference that may use CI/CD variables: `$CI_REGISTRY_IMAGE/app`, `registry.example.com:5050/g/p`. */
export const IMAGE_REF = /^(?:[A-Za-z0-9._/:@-]|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/;
/**
 * Whether an image reference names a tag (`:stable` in its last path segment) or a digest (`@sha256:...`). The
 * target image must not: the build jobs add their own tags, so `$CI_REGISTRY_IMAGE:stable` would become
 * `$CI_REGISTRY_IMAGE:stable:$CI_COMMIT_SHA`, which no registry accepts. A registry port (`host:5050/group/app`) is not
 * a tag.
 */
export function hasTagOrDigest(ref: string): boolean {
  if (ref.includes('@')) return true;
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return last.includes(':');
}
/** `host` or `host:port`, no scheme. */
export const HOST_PORT =
  /^(?=.{1,253}(?::\d{1,5})?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?$/;
/**
 * An image reference prefix: a repository name of distribution/reference's grammar without tag or digest
 * (`registry.example.com:5050/infra/images`, `harbor.example.com/dockerhub-proxy`): an optional registry host with
 * its port, then path components of lowercase letters and digits joined by `.`, `_`, `__` or dashes. No CI/CD
 * variable: the runner's config.toml, which does not expand them, uses it too.
 * Source: https://github.com/distribution/reference/blob/main/reference.go (the grammar).
 */
export const IMAGE_PREFIX =
  /^(?=.{1,200}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\d{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-{1,10})[a-z0-9]+)*)*$/;
/**
 * A memory amount in mebibytes or gibibytes as Kubernetes quantities write it (`512Mi`, `4Gi`, 1 to 1,048,576 Mi):
 * the form both the Kubernetes executor's `memory_limit` and, converted (`4g`), the Docker executor's `memory` take.
 */
export const MEMORY_QUANTITY = /^(?:[1-9]\d{0,6}Mi|[1-9]\d{0,3}Gi)$/;
/** A Kubernetes namespace name (RFC 1123 label): lowercase letters, digits and `-`, 1 to 63 characters. */
export const K8S_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A Docker version without `v`: one to three dot-separated numbers (`29`, `29.7`, `29.7.2`), never `latest`. */
export const VERSION = /^\d{1,3}(?:\.\d{1,3}){0,2}$/;
/** A version tag with an optional `v` (`v0.31.2`, `v1.43`): BuildKit, Buildah and Podman image tags. */
export const IMAGE_TAG_VERSION = /^v?\d{1,3}(?:\.\d{1,3}){0,2}$/;
/** A runner tag: no comma (the tag list is comma-separated), no `$` (GitLab expands variables in `tags:`). */
export const RUNNER_TAG = /^[^,$\s\p{Cc}](?:[^,$\p{Cc}]{0,252}[^,$\s\p{Cc}])?$/u;
/** A build argument `NAME=value`: an ARG name, `=`, then any one-line value (passed literally). */
export const BUILD_ARG = /^[A-Za-z_][A-Za-z0-9_]{0,127}=[^\p{Cc}]{0,500}$/u;
/** A Dockerfile stage name (`FROM image AS name`): letters, digits, `_`, `.`, `-`, starting with a letter or digit. */
export const STAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** Plain one-line text: anything printable. Quotes, `$`, `#`, backticks, `;` and unicode are kept literally. */
export const ONE_LINE = /^[^\p{Cc}]*$/u;
/** A relative path inside the repository. */
export const REL_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\p{Cc}]{1,255}$/u;
/**
 * A cloud resource name: an Auto Scaling group, instance group or scale set, a project, subscription ID or resource
 * group (letters, digits, `.`, `_`, `-`; 1 to 128 characters).
 */
export const CLOUD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** An AWS region (`us-east-1`), Google Cloud zone (`europe-west4-b`) or Azure location (`westeurope`). */
export const CLOUD_REGION = /^[a-z][a-z0-9-]{1,62}$/;
/** A Linux user name: the connector's SSH user on the instances. */
export const LINUX_USER = /^[a-z_][a-z0-9_-]{0,31}$/;
/** NO_PROXY: comma-separated hosts, domains (`.example.com`, `*`), `host:port` or CIDRs, without spaces. */
export const NO_PROXY_LIST = /^[A-Za-z0-9.*:/_-]+(?:,[A-Za-z0-9.*:/_-]+)*$/;

/**
 * Characters no generated file can carry as typed: U+2028/U+2029 are line breaks for GitLab's YAML parser (libyaml),
 * U+FFFE/U+FFFF are refused by it, and a lone surrogate has no UTF-8 encoding.
 */
const NOT_TEXT = /[\u2028\u2029\uFFFE\uFFFF]|\p{Cs}/u;
const notText = v.check((s: string) => !NOT_TEXT.test(s), 'holds a line separator, a noncharacter or a lone surrogate');

const text = (pattern: RegExp, message: string) =>
  v.pipe(
    v.string(),
    v.maxLength(1000, 'is longer than 1000 characters'),
    notText,
    v.check((s) => secretKind(s) === null, 'looks like a secret; reference a CI/CD variable instead'),
    v.regex(pattern, message),
  );

const optionalText = (pattern: RegExp, message: string) =>
  v.pipe(
    v.string(),
    v.maxLength(1000, 'is longer than 1000 characters'),
    notText,
    v.check((s) => secretKind(s) === null, 'looks like a secret; reference a CI/CD variable instead'),
    v.check((s) => s === '' || pattern.test(s), message),
  );

const httpUrl = (optional: boolean) =>
  v.pipe(
    v.string(),
    v.maxLength(1000, 'is longer than 1000 characters'),
    notText,
    v.check((s) => secretKind(s) === null, 'holds credentials; keep them in a masked CI/CD variable instead'),
    v.check((s) => (optional && s === '') || isHttpUrl(s), 'must be an http:// or https:// URL without spaces'),
  );

/**
 * True when `s` is an absolute http:// or https:// URL with a host and no spaces, quotes, backslashes or `<>{}|^`.
 * False for anything else (never throws).
 */
export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\/[^\s"'`\\<>{}|^]+$/.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** A token pasted where a variable name belongs (a legacy registration token is made of name characters). */
const notASecret = v.check(
  (s: string) => secretKind(s) === null,
  'looks like a secret; give the name of the CI/CD variable that holds it',
);
const varName = v.pipe(v.string(), notASecret, v.regex(VAR_NAME, 'must be a CI/CD variable name (letters, digits, _)'));
const optionalVarName = v.pipe(
  v.string(),
  notASecret,
  v.check((s) => s === '' || VAR_NAME.test(s), 'must be empty or a CI/CD variable name (letters, digits, _)'),
);

/** An integer between `min` and `max` (inclusive). */
const count = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.integer('must be a whole number'),
    v.check((n) => n >= min && n <= max, `must be between ${min} and ${max}`),
  );

/**
 * A CI/CD component's name: the file `templates/<name>.yml` of the component project and the last segment of
 * `include: component: <fqdn>/<project path>/<name>@<version>` (https://docs.gitlab.com/ci/components/#directory-structure).
 * Kept to lowercase letters, digits, `-` and `_`: no `.` (the file extension), `/` (a directory) or `@` (the version).
 */
const COMPONENT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/**
 * A GitLab project's full path: namespaces and project, each starting with a letter, digit or `_` and holding
 * letters, digits, `_`, `-` and `.`, not ending in `.git` or `.atom` (GitLab's path rules).
 */
const PROJECT_PATH =
  /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}\/){1,20}[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$(?<!\.git|\.atom)/;

/** Field-by-field schema. Every field is optional in an answers file: missing fields take their default. */
export const AnswersSchema = v.strictObject({
  gitlabUrl: v.optional(httpUrl(false)),
  runnerKind: v.optional(v.picklist(RUNNER_KINDS)),
  os: v.optional(v.picklist(OSES)),
  executor: v.optional(v.picklist(EXECUTORS)),
  k8sNamespace: v.optional(text(K8S_NAME, 'must be a Kubernetes namespace name (a-z, 0-9, -)')),
  helm: v.optional(v.boolean()),
  windowsVersion: v.optional(v.picklist(WINDOWS_VERSIONS)),
  windowsHelperImage: v.optional(
    optionalText(IMAGE_REF, 'must be empty or an image reference; ${CI_RUNNER_VERSION} is allowed'),
  ),
  eksDockerdRename: v.optional(v.boolean()),
  cloud: v.optional(v.picklist(CLOUDS)),
  instanceGroup: v.optional(text(CLOUD_NAME, 'must be a cloud resource name (letters, digits, ., _, -)')),
  cloudRegion: v.optional(text(CLOUD_REGION, 'must be a region, zone or location such as us-east-1')),
  cloudProject: v.optional(text(CLOUD_NAME, 'must be a project or subscription ID (letters, digits, ., _, -)')),
  cloudResourceGroup: v.optional(text(CLOUD_NAME, 'must be a resource group name (letters, digits, ., _, -)')),
  connectorUser: v.optional(text(LINUX_USER, 'must be a Linux user name (a-z, 0-9, _, -)')),
  maxInstances: v.optional(count(1, 1000)),
  capacityPerInstance: v.optional(count(1, 100)),
  maxUseCount: v.optional(count(0, 100000)),
  idleCount: v.optional(count(0, 1000)),
  idleMinutes: v.optional(count(1, 1440)),
  k8sPodSecurity: v.optional(v.picklist(K8S_POD_SECURITY_LEVELS)),
  k8sNodeArch: v.optional(v.picklist(K8S_NODE_ARCHES)),
  buildMemory: v.optional(
    optionalText(MEMORY_QUANTITY, 'must be empty or an amount such as 512Mi or 4Gi (Mi or Gi, a whole number)'),
  ),
  runnerDescription: v.optional(text(ONE_LINE, 'must be one line of text')),
  runnerTags: v.optional(
    v.pipe(
      v.array(text(RUNNER_TAG, 'must be a runner tag without commas, `$` or surrounding spaces')),
      v.maxLength(20, 'holds more than 20 tags'),
    ),
  ),
  registration: v.optional(v.picklist(REGISTRATIONS)),
  allowPrivileged: v.optional(v.boolean()),
  method: v.optional(v.picklist(METHODS)),
  fromKaniko: v.optional(v.boolean()),
  buildx: v.optional(v.boolean()),
  dockerVersion: v.optional(text(VERSION, 'must be a version such as 29.7.2 (pinned, never latest)')),
  buildkitVersion: v.optional(text(IMAGE_TAG_VERSION, 'must be a version such as v0.31.2 (pinned, never latest)')),
  buildahVersion: v.optional(text(IMAGE_TAG_VERSION, 'must be a version such as v1.43 (pinned, never latest)')),
  podmanVersion: v.optional(text(IMAGE_TAG_VERSION, 'must be a version such as v5.6 (pinned, never latest)')),
  dockerfile: v.optional(text(REL_PATH, 'must be a relative path inside the repository')),
  context: v.optional(text(REL_PATH, 'must be a relative path inside the repository')),
  image: v.optional(
    v.pipe(
      text(IMAGE_REF, 'must be an image name; CI/CD variables such as $CI_REGISTRY_IMAGE are allowed'),
      v.check(
        (s) => !hasTagOrDigest(s),
        'must be a repository without a tag or digest: the tags come from the tag options ($CI_COMMIT_SHA, latest, the git tag)',
      ),
    ),
  ),
  push: v.optional(v.boolean()),
  tagSha: v.optional(v.boolean()),
  tagLatest: v.optional(v.boolean()),
  tagGitTag: v.optional(v.boolean()),
  otherBranches: v.optional(v.picklist(OTHER_BRANCHES)),
  tagScheme: v.optional(v.picklist(TAG_SCHEMES)),
  tagPrefix: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        TAG_PREFIX,
        'must be at most 32 letters, digits, ., _, / or - (the prefix of the version tags, such as v)',
      ),
    ),
  ),
  tagShaForm: v.optional(v.picklist(SHA_TAGS)),
  tagSemverLatest: v.optional(v.boolean()),
  tagTemplate: v.optional(
    v.pipe(
      text(ONE_LINE, 'must be one line of text'),
      v.check(
        (s) => tagTemplateProblem(s) === null,
        (issue) => `${tagTemplateProblem(String(issue.input))}`,
      ),
    ),
  ),
  ociLabels: v.optional(v.boolean()),
  buildArgs: v.optional(
    v.pipe(
      v.array(text(BUILD_ARG, 'must be NAME=value (an ARG name of letters, digits and _, then one line of text)')),
      v.maxLength(30, 'holds more than 30 build arguments'),
    ),
  ),
  buildSecrets: v.optional(v.pipe(v.array(varName), v.maxLength(20, 'holds more than 20 build secrets'))),
  buildTarget: v.optional(
    optionalText(STAGE_NAME, 'must be empty or a Dockerfile stage name (letters, digits, _, ., -)'),
  ),
  platforms: v.optional(v.pipe(v.array(v.picklist(PLATFORMS)), v.maxLength(PLATFORMS.length))),
  multiArch: v.optional(v.picklist(MULTI_ARCH_MODES)),
  archTagAmd64: v.optional(text(RUNNER_TAG, 'must be a runner tag without commas, `$` or surrounding spaces')),
  archTagArm64: v.optional(text(RUNNER_TAG, 'must be a runner tag without commas, `$` or surrounding spaces')),
  compose: v.optional(v.boolean()),
  composeFile: v.optional(text(REL_PATH, 'must be a relative path inside the repository')),
  runTests: v.optional(v.boolean()),
  testCommand: v.optional(text(ONE_LINE, 'must be one line of text')),
  dindConnection: v.optional(v.picklist(DIND_CONNECTIONS)),
  customCaVar: v.optional(optionalVarName),
  customCaHost: v.optional(optionalText(HOST_PORT, 'must be a registry host or host:port, without scheme')),
  plainHttpRegistry: v.optional(optionalText(HOST_PORT, 'must be a registry host or host:port, without scheme')),
  proxy: v.optional(v.picklist(PROXY_MODES)),
  httpProxy: v.optional(httpUrl(true)),
  httpsProxy: v.optional(httpUrl(true)),
  noProxy: v.optional(optionalText(NO_PROXY_LIST, 'must be a comma-separated list of hosts, domains or CIDRs')),
  // dockerd refuses a mirror with a query, a fragment or user info (failures.md #6: the daemon would not start).
  mirrorUrl: v.optional(
    v.pipe(
      httpUrl(true),
      v.check(
        (s) => s === '' || !isHttpUrl(s) || (!/[?#]/.test(s) && new URL(s).username === ''),
        'must be a registry URL without query, fragment or user name',
      ),
    ),
  ),
  mirrorPlace: v.optional(v.picklist(MIRROR_PLACES)),
  toolImagePrefix: v.optional(
    optionalText(
      IMAGE_PREFIX,
      'must be an image name prefix such as registry.example.com:5050/infra/images (no scheme, tag, digest or variable)',
    ),
  ),
  mtu: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.check((n) => n === 0 || (n >= 1000 && n <= 9000), 'must be 0 (unset) or between 1000 and 9000'),
    ),
  ),
  cache: v.optional(v.picklist(CACHE_MODES)),
  cacheMode: v.optional(v.picklist(CACHE_EXPORT_MODES)),
  cacheRef: v.optional(text(IMAGE_REF, 'must be an image reference; CI/CD variables are allowed')),
  cachePerRef: v.optional(v.boolean()),
  cacheProtectedWrite: v.optional(v.boolean()),
  overlay2: v.optional(v.picklist(OVERLAY2_PLACES)),
  dindIptables: v.optional(v.picklist(DIND_IPTABLES_BACKENDS)),
  authMethod: v.optional(v.picklist(AUTH_METHODS)),
  passwordStdin: v.optional(v.boolean()),
  registryGitlab: v.optional(v.boolean()),
  registryDockerHub: v.optional(v.boolean()),
  dockerHubUserVar: v.optional(varName),
  dockerHubPasswordVar: v.optional(varName),
  registryOther: v.optional(v.boolean()),
  otherRegistryHost: v.optional(text(HOST_PORT, 'must be a registry host or host:port, without scheme')),
  otherUserVar: v.optional(varName),
  otherPasswordVar: v.optional(varName),
  dependencyProxy: v.optional(v.boolean()),
  authConfigVar: v.optional(varName),
  protectedOnly: v.optional(v.boolean()),
  component: v.optional(v.boolean()),
  componentName: v.optional(
    text(COMPONENT_NAME, 'must be a component name: a-z, 0-9, - and _, starting with a letter or digit (at most 64)'),
  ),
  componentProject: v.optional(
    text(PROJECT_PATH, 'must be a GitLab project path such as my-group/ci-components (no URL, no leading /)'),
  ),
  sbom: v.optional(v.boolean()),
  provenance: v.optional(v.picklist(PROVENANCE_MODES)),
  sign: v.optional(v.picklist(SIGN_MODES)),
  cosignKeyVar: v.optional(varName),
  cosignPasswordVar: v.optional(varName),
  promoteTargets: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          text(IMAGE_REF, 'must be an image repository; CI/CD variables such as $CI_REGISTRY_IMAGE are allowed'),
          v.check(
            (s) => !hasTagOrDigest(s),
            'must be a repository without a tag or digest: every tag of the build job is copied',
          ),
        ),
      ),
      v.maxLength(MAX_PROMOTE_TARGETS, `holds more than ${MAX_PROMOTE_TARGETS} repositories`),
    ),
  ),
  lint: v.optional(v.boolean()),
  lintThreshold: v.optional(v.picklist(LINT_THRESHOLDS)),
  scan: v.optional(v.picklist(SCANNERS)),
  scanSeverity: v.optional(v.picklist(SCAN_SEVERITIES)),
  gatePolicy: v.optional(v.picklist(GATE_POLICIES)),
  scanUserVar: v.optional(varName),
  scanPasswordVar: v.optional(varName),
});

/** An answers object as a file may hold it: any subset of `Answers`, before the defaults fill in the rest. */
export type PartialAnswers = v.InferInput<typeof AnswersSchema>;

/** One refused answer: `field` is its dotted path (`runnerTags.2`, `(answers)` for the object), `message` English. */
export interface FieldError {
  field: string;
  message: string;
}

/** Validates the syntax of a (partial) answers object and fills in defaults. Rules between answers are not checked here. */
export function parseAnswers(input: unknown): { ok: true; answers: Answers } | { ok: false; errors: FieldError[] } {
  const result = v.safeParse(AnswersSchema, input);
  if (!result.success) {
    return {
      ok: false,
      errors: result.issues.map((issue) => {
        const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
        if (issue.type === 'strict_object') {
          return { field: path, message: 'is not a known field' };
        }
        return { field: path || '(answers)', message: issue.message };
      }),
    };
  }
  const answers = defaultAnswers();
  for (const [key, value] of Object.entries(result.output)) {
    if (value !== undefined) (answers as unknown as Record<string, unknown>)[key] = value;
  }
  return { ok: true, answers };
}

/** The answers that differ from the defaults (what a permalink carries). */
export function diffFromDefaults(answers: Answers): Partial<Answers> {
  const out: Record<string, unknown> = {};
  for (const key of ANSWER_KEYS) {
    if (JSON.stringify(answers[key]) !== JSON.stringify(DEFAULT_ANSWERS[key])) out[key] = answers[key];
  }
  return out as Partial<Answers>;
}
