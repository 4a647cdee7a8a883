/**
 * The plan: facts derived once from normalized answers and shared by every generator, by the findings and by
 * the tests (where the daemon runs, which images, which volumes, which port). Generators only serialize it.
 */
import type {
  Answers,
  AuthMethod,
  Cloud,
  Executor,
  K8sNodeArch,
  K8sPodSecurity,
  Method,
  MirrorPlace,
  Os,
} from './answers';
import { msg, type Msg } from './i18n';
import { tagCheckScript, tagsScript, templateScript, type ShaTag } from './tags';
import {
  BINFMT_IMAGE,
  GIT_IMAGE,
  dindImage,
  dockerCliImage,
  fromSource,
  imageSource,
  type ImageSource,
} from './images';

export { K8S_DEFAULT_IMAGE } from './images';
import { FROM_KANIKO_LABELS, methodLabels, methodModule, type CiVariable } from './methods';
import { dindServiceVariables } from './methods/dind';
import { gatesPlan, type GatesPlan } from './gates';
import { DIGEST_REPORT } from './methods/fragments';
import { supplyPlan, type SupplyChainPlan } from './supply';
import { mergeScript } from './methods/manifest';
import {
  isAutoscaled,
  isBuildKitRootless,
  isDockerLikeExecutor,
  isHosted,
  isKubernetes,
  isKubernetesLinux,
  isMultiPlatform,
  isNativeMultiArch,
  limitsBuildMemory,
  pushRegistry,
  usesBuildx,
  usesDockerCli,
  versionDefectsOf,
  type VersionDefectHit,
} from './vocabulary';

/** Where the daemon that builds the image runs. */
export type Daemon =
  | 'dind-service' // dockerd in a privileged docker:dind service container
  | 'buildkitd-service' // buildkitd in a privileged moby/buildkit service container
  | 'host-socket' // the host's dockerd through /var/run/docker.sock
  | 'host-pipe' // the Windows host's dockerd through \\.\pipe\docker_engine
  | 'host' // the host's dockerd, used by the shell executor directly
  | 'in-job'; // no daemon outside the job: rootless BuildKit, Buildah, Podman

/** A Kubernetes executor volume, `[[runners.kubernetes.volumes.<kind>]]` in config.toml (`mountPath`: `mount_path`). */
export interface K8sVolume {
  kind: 'empty_dir' | 'host_path' | 'config_map';
  name: string;
  mountPath: string;
  hostPath?: string;
  medium?: string;
  subPath?: string;
  readOnly?: boolean;
}

/**
 * One Kubernetes security context as the runner's config.toml writes it (`[runners.kubernetes.pod_security_context]`
 * or `[runners.kubernetes.<container>_container_security_context]`); unset fields are left out.
 */
export interface K8sSecurityContext {
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  /** `capabilities.drop` */
  dropCapabilities?: string[];
  /** `seccomp_profile.type` */
  seccomp?: 'RuntimeDefault' | 'Unconfined';
}

/** What the build container needs that the namespace's Pod Security level forbids (the exemption to ask for). */
export type K8sBuildException = 'apparmor-unconfined' | 'seccomp-unconfined' | 'privilege-escalation' | 'capabilities';

/**
 * The job pod of the Kubernetes executor on Linux nodes: the Pod Security level it must pass, the runner-wide
 * `allow_privilege_escalation`, the pod's and each container's security context, what the build container still
 * needs beyond the level, and where the pod may be scheduled (node architecture).
 */
export interface K8sPodPlan {
  level: K8sPodSecurity;
  /** `[runners.kubernetes] allow_privilege_escalation`, or null (unset). */
  allowPrivilegeEscalation: boolean | null;
  pod: K8sSecurityContext | null;
  build: K8sSecurityContext | null;
  helper: K8sSecurityContext | null;
  service: K8sSecurityContext | null;
  initPermissions: K8sSecurityContext | null;
  /** What the build container needs that the level forbids, in the order SETUP.md lists them ([] when none). */
  buildExceptions: K8sBuildException[];
  nodeArch: K8sNodeArch;
  /** `node_selector_overwrite_allowed` (a regex of `key=value`), or null. */
  nodeSelectorOverwrite: string | null;
}

/** A ConfigMap that kubernetes.sh creates from a local file (daemon.json, the registry CA, a client config.json). */
export interface ConfigMapSpec {
  name: string;
  /** File given to `kubectl create configmap --from-file`. */
  fromFile: string;
  /** Key inside the ConfigMap. */
  key: string;
}

/**
 * A `services:` entry (in `.gitlab-ci.yml`, or a service the runner defines in config.toml): image `name`, hostname
 * `alias`, the daemon's `command` flags and its `variables`.
 */
export interface ServiceSpec {
  name: string;
  alias?: string;
  command?: string[];
  variables?: Record<string, string>;
}

/** What the build method contributes to `.gitlab-ci.yml`, rendered for the job's shell. */
export interface JobPlan {
  /** The method's `variables:` entries, in file order. */
  variables: CiVariable[];
  /** Proxy variables are also set in lower case (BuildKit). */
  lowercaseProxy: boolean;
  /** The build job can run the image it built; otherwise a later `test` job does. */
  runsImage: boolean;
  /** Comments on `default.image`, `default.services` and `default.before_script`. */
  notes: { image?: Msg; services?: Msg; beforeScript: Msg };
  beforeScript: string[];
  /** Index of the first login command in `beforeScript`, or null. */
  loginIndex: number | null;
  /**
   * The CI/CD variables `beforeScript` reads that GitLab does not predefine, in first-use order: the job checks
   * them before anything else, so a missing (or protected, on an unprotected ref) variable stops it with a message
   * naming the variable instead of an obscure login or certificate error (failures.md #10).
   */
  required: RequiredVariable[];
  /**
   * One entry per build variant (same order as `variants`); `report` is the dotenv report holding the pushed digest
   * (`build.env`: `IMAGE_DIGEST`, `IMAGE_REF`), or null for a variant that does not push.
   */
  builds: { script: string[]; buildIndex: number; after: string[]; report: string | null }[];
  /**
   * Native multi-arch: per build variant (same order as `variants`), its per-architecture jobs and, for a variant
   * that pushes, the merge job that takes the variant's name; [] otherwise.
   */
  native: NativeJobs[];
}

/** One job of `.gitlab-ci.yml` as the generator writes it. */
export interface JobScript {
  job: string;
  script: string[];
  buildIndex: number;
  after: string[];
  /** Its dotenv report file, or null. */
  report: string | null;
}

/** The jobs of one build variant in a native multi-arch build. */
export interface NativeJobs {
  /** Per-architecture build jobs, in `multiArch.archs` order. */
  archJobs: (JobScript & { arch: ArchBuild })[];
  /**
   * The merge job (stage `manifest`, `needs:` every per-architecture job), or null for a variant that does not push.
   * `image`: a job image other than the default one (BuildKit merges with the Docker CLI image), with its
   * entrypoint kept; `noServices`: the default services are not needed.
   */
  merge: (JobScript & { image: string | null; noServices: boolean }) | null;
}

/** A CI/CD variable the job needs: a value (`test -n`), or a File-type variable whose value is a file's path. */
export interface RequiredVariable {
  name: string;
  file: boolean;
}

/** The plan without the job's script fragments. */
export type BasePlan = Omit<Plan, 'job' | 'component'>;

/**
 * What the method modules render the job's fragments from: the plan so far and the answers (method modules are the
 * one place, besides the rules and the plan itself, that reads answers; renderers never get them).
 */
export type MethodInput = BasePlan & { readonly a: Answers };

/** Who runs the jobs and how the runner is registered. */
export interface RunnerPlan {
  os: Os;
  executor: Executor;
  /** GitLab's address (`https://gitlab.com/`). */
  gitlabUrl: string;
  description: string;
  tags: string[];
  registration: 'token' | 'legacy';
  /** Environment variable the registration scripts read the token from. */
  tokenVariable: 'RUNNER_TOKEN' | 'REGISTRATION_TOKEN';
  k8sNamespace: string;
  /** Kubernetes runner installed with the Helm chart (values.yaml) rather than a bare config.toml. */
  helm: boolean;
  windowsVersion: 'ltsc2022' | 'ltsc2025';
  /** AWS EKS Windows nodes need dockerd renamed (eks-dockerd.ps1). */
  eksDockerdRename: boolean;
  /** The user's runner may run privileged containers. */
  allowPrivileged: boolean;
  /** A self-managed Docker executor (docker, docker-windows, docker-autoscaler, docker+machine): config.toml has `[runners.docker]`. */
  dockerExecutor: boolean;
  /** `[runners.docker] helper_image` (docker-windows, when the user overrides the runner's choice), or null. */
  helperImage: string | null;
  /** The runner's cache volume: `/cache`, or `c:\cache` for Windows containers (no drive letter is refused there). */
  cacheVolume: string | null;
}

/**
 * Autoscaled instances of a Docker executor: docker-autoscaler drives an instance group through a fleeting plugin
 * (`[runners.autoscaler]`), docker+machine creates VMs with Docker Machine (`[runners.machine]`, deprecated in
 * GitLab 17.5, removed in 20.0). Sources: https://docs.gitlab.com/runner/executors/docker_autoscaler/,
 * https://docs.gitlab.com/runner/configuration/autoscale/.
 */
export interface AutoscalePlan {
  kind: 'fleeting' | 'docker-machine';
  cloud: Cloud;
  /** AWS Auto Scaling group, Google Cloud instance group or Azure scale set (fleeting). */
  instanceGroup: string;
  /** AWS region, Google Cloud zone or Azure location. */
  region: string;
  /** Google Cloud project ID or Azure subscription ID. */
  project: string;
  /** Azure resource group. */
  resourceGroup: string;
  /** SSH user of the fleeting connector on the instances. */
  connectorUser: string;
  maxInstances: number;
  capacityPerInstance: number;
  /** Jobs per instance before it is deleted; 0: no limit. */
  maxUseCount: number;
  idleCount: number;
  /** Minutes an idle instance is kept. */
  idleMinutes: number;
}

/** The build method, as the renderers need it (labels from the method modules). */
export interface MethodPlan {
  id: Method;
  /** The method as a noun phrase ("rootless BuildKit"), one wording for SETUP.md and the diagram. */
  title: Msg;
  /** The program that builds: the Docker CLI, BuildKit's buildctl, Buildah or Podman. */
  tool: 'docker' | 'buildctl' | 'buildah' | 'podman';
  /** rootless BuildKit, also as the replacement of a Kaniko job. */
  rootlessBuildKit: boolean;
  /** The user came from Kaniko: SETUP.md and the findings explain the migration. */
  fromKaniko: boolean;
  /** How the job reaches the dind daemon: TLS on 2376, plain TCP on 2375, a Unix socket on a shared volume. */
  dindConnection: 'tls' | 'plain-tcp' | 'socket-volume' | null;
  /** Docker version of the client and daemon images (pinned). */
  dockerVersion: string;
  /** BuildKit's version where a BuildKit image runs (rootless BuildKit, buildctl, a Buildx builder), else null. */
  buildkitVersion: string | null;
  /** The Docker CLI image for this runner's OS (`docker:<v>-cli`, or the Windows Server Core variant). */
  dockerCliImage: string;
  /** overlay2 for the dind daemon: set per job, on the runner, or left to the default. */
  overlay2: 'job' | 'runner' | null;
}

/** What is built and where it goes. */
export interface BuildPlan {
  image: string;
  dockerfile: string;
  context: string;
  push: boolean;
  platforms: string[];
  /** `docker compose` file started after the build, or null. */
  composeFile: string | null;
  /** The user's test command, or null. */
  testCommand: string | null;
  /** Only protected refs push to Docker Hub or another registry (their credentials are protected variables). */
  protectedOnly: boolean;
  /** The registry the image is pushed to, read from the image name. */
  registry: 'gitlab' | 'dockerhub' | 'other' | 'unknown';
}

/** One rule of `workflow: rules:` (`if` absent: the catch-all rule). */
export interface WorkflowRule {
  if?: string;
  when: 'never' | 'always';
}

/** The layer cache. */
export interface CachePlan {
  kind: 'none' | 'registry' | 'inline';
  /** `mode=` of BuildKit's registry cache export. */
  exportMode: 'max' | 'min';
  /** The answers' cache reference (`cacheRef`): an image reference (BuildKit) or a repository (Buildah, Podman). */
  ref: string;
  /** Registry cache per ref: each ref reads its own cache, then the default branch's (issue 14, item 7). */
  perRef: boolean;
  /** Registry cache written only by pipelines of protected refs; the other jobs read it only. */
  protectedWrite: boolean;
  /**
   * The registry cache references a build reads, in order (its own ref's first, then the default branch's), or []
   * without a registry cache. Image references for BuildKit, repositories for Buildah and Podman.
   */
  imports: string[];
  /** The registry cache reference the writing jobs export to, or null without a registry cache. */
  exportRef: string | null;
  /**
   * `workflow: rules:` that keep merge request pipelines from running beside branch pipelines, or null when no job
   * rule can match a merge request pipeline (https://docs.gitlab.com/ci/yaml/workflow/#switch-between-branch-pipelines-and-merge-request-pipelines).
   */
  workflowRules: WorkflowRule[] | null;
}

/** Proxy and registry mirror. */
export interface NetworkPlan {
  proxy: 'none' | 'job' | 'runner';
  httpProxy: string;
  httpsProxy: string;
  /** NO_PROXY entries written literally (runner environment, daemon.json). */
  noProxy: string[];
  /** NO_PROXY entries for CI/CD variables (may reference `$CI_SERVER_HOST`). */
  noProxyCi: string[];
  mirror: { url: string; place: MirrorPlace; host: string; insecure: boolean } | null;
  /**
   * Registries declared insecure to the builder (`host` or `host:port`): a plain-HTTP mirror, then the plain-HTTP
   * registry of the answers (`plainHttpRegistry`), without duplicates.
   */
  insecureRegistries: string[];
  /** The registry the answers say speaks plain HTTP (`plainHttpRegistry`), or null. */
  plainHttpRegistry: string | null;
  /** MTU of the dind daemon's bridge, or 0 (unset). */
  mtu: number;
}

/** Registry authentication. */
export interface AuthPlan {
  method: AuthMethod;
  passwordStdin: boolean;
  /** CI/CD variable holding a whole config.json (docker-auth-config). */
  authConfigVar: string;
  dependencyProxy: boolean;
  registryDockerHub: boolean;
  registryOther: boolean;
  otherRegistryHost: string;
  /** File variable with the registry's CA certificate and the registry host it is for, or null. */
  customCa: { variable: string; host: string } | null;
}

/**
 * Image tags computed in the pipeline (issue 14, "Tags from git"): a small job (`image-tags`, stage `.pre`) computes
 * them with POSIX sh (tags.ts) and hands them to the build job through a dotenv report, as `IMAGE_TAGS` (tags
 * separated by commas). A separate job rather than lines of the build job: the semver scheme needs `git`, which
 * none of the builder images holds (docker:cli and moby/buildkit are Alpine without git, quay.io/buildah and
 * quay.io/podman are Fedora without it), and `apk add git` in every build would need the Alpine mirror, which an
 * air-gapped runner cannot reach; `alpine/git` holds sh, awk and git, and the job takes seconds. The dotenv report
 * reaches the jobs of later stages (https://docs.gitlab.com/ci/variables/dotenv_variables/); `.pre` always runs
 * first and needs no `stages:` entry (https://docs.gitlab.com/ci/yaml/#stage-pre).
 */
export interface TagsPlan {
  scheme: 'semver' | 'template';
  /** The job's name. */
  job: 'image-tags';
  /** Its image (`alpine/git`, entrypoint reset), or null on the shell executor (the runner host has git). */
  image: string | null;
  /** The job's script: POSIX sh, each entry one command or block. */
  script: string[];
  /** The dotenv report file. */
  dotenv: 'tags.env';
  /**
   * semver: the job's tag pipelines need every tag of the repository (`git tag --list` decides `latest`, `X.Y`,
   * `X`): a full clone there (`GIT_DEPTH: 0` in a `rules:` entry for `$CI_COMMIT_TAG`), the default depth elsewhere.
   */
  fullCloneOnTags: boolean;
  /** semver: the version tag prefix, SHA form and whether `latest` moves; template: the template. */
  prefix: string;
  sha: ShaTag;
  latest: boolean;
  template: string;
}

/** An OCI label or annotation: its key and its value, an expansion template of CI/CD variables. */
export interface MetadataEntry {
  key: string;
  value: string;
}

/**
 * Image metadata and build inputs (issue 14, "Metadata and build inputs"): OCI labels from predefined variables,
 * which builders also write them as annotations, build arguments, build secrets and the target stage.
 */
export interface MetadataPlan {
  /** `--label` / `--opt label:` entries ([] when not asked). */
  labels: MetadataEntry[];
  /**
   * The annotations the builder writes (manifest annotations): Buildx (`--annotation`) and buildctl (`annotation.`
   * keys of `--output`). [] for `docker build` without Buildx, Buildah and Podman (`BUILDAH_FORMAT=docker`: Docker
   * schema 2 manifests have no annotations) and where not asked. buildctl leaves out the values that may hold a
   * comma (title, a branch name as version): the `--output` value is a CSV list.
   */
  annotations: MetadataEntry[];
  /** Build arguments, passed literally. */
  buildArgs: { name: string; value: string }[];
  /** CI/CD variables passed as BuildKit secrets of the same id (`--secret id=NAME,env=NAME`). */
  secrets: string[];
  /** `--target` stage, or null. */
  target: string | null;
}

/** Every fact the generators, findings and diagram read, derived once from normalized answers by `makePlan`. */
export interface Plan {
  runner: RunnerPlan;
  /** Autoscaled instances (docker-autoscaler, docker+machine), or null. */
  autoscale: AutoscalePlan | null;
  method: MethodPlan;
  build: BuildPlan;
  cache: CachePlan;
  network: NetworkPlan;
  auth: AuthPlan;
  /** The build method's fragments of `.gitlab-ci.yml`. */
  job: JobPlan;
  hosted: boolean;
  k8s: boolean;
  windows: boolean;
  shellExecutor: boolean;
  /** Scripts run in PowerShell (Windows containers or a Windows shell runner). */
  powershell: boolean;
  daemon: Daemon;
  privileged: boolean;
  tlsPort: 2376 | 2375 | null;
  dockerHost: string | null;
  /** Where the tool images come from (`images.ts`): their public registries, a company prefix, the Dependency Proxy. */
  imageSource: ImageSource;
  /** The runner's default image (config.toml, register): the job image without a prefix config.toml cannot expand. */
  runnerImage: string;
  /** The QEMU binfmt image (multi-platform builds), from the image source. */
  binfmtImage: string;
  jobImage: string | null;
  jobImageEntrypointReset: boolean;
  service: ServiceSpec | null;
  /** `[runners.docker] volumes` for Docker executors (including the implicit `/cache`). */
  dockerVolumes: string[];
  k8sVolumes: K8sVolume[];
  securityOpt: string[];
  podAnnotations: Record<string, string>;
  nodeSelector: Record<string, string>;
  /** The job pod's security contexts and placement (Kubernetes executor on Linux nodes), or null. */
  k8sPod: K8sPodPlan | null;
  /**
   * Memory the runner requests and limits for the container that builds (`buildMemory`): the job's build container,
   * or the service that runs the daemon (dind, buildkitd); `quantity` in Kubernetes form (`4Gi`). Null: the runner's
   * and cluster's defaults.
   */
  buildMemory: { place: 'build' | 'service'; quantity: string } | null;
  featureFlags: Record<string, boolean>;
  runnerEnvironment: string[];
  runnerServices: ServiceSpec[];
  configMaps: ConfigMapSpec[];
  daemonJson: Record<string, unknown> | null;
  /** Where daemon.json goes. */
  daemonJsonTarget: 'runner-host-volume' | 'k8s-configmap' | 'docker-host' | null;
  buildkitdToml: Record<string, unknown> | null;
  mirrorHost: string | null;
  mirrorInsecure: boolean;
  /** Runner registration happens through `register.sh` / `register.ps1`. */
  registerScript: 'sh' | 'ps1' | null;
  runnerConfigFile: 'config.toml' | 'values.yaml' | null;
  buildx: boolean;
  /**
   * Known defects (versions.ts) of the pinned versions that this setup meets, each with the version to pin instead
   * (findings report them).
   */
  versionDefects: VersionDefectHit[];
  /** The build jobs, in file order (S38 tag-and-branch-rules). */
  variants: BuildVariant[];
  /** A multi-platform build, emulated or native per architecture (issue 14, item 5), or null (one platform). */
  multiArch: MultiArchPlan | null;
  /** Tags computed in the pipeline (semver or template scheme), or null (fixed tags). */
  tags: TagsPlan | null;
  /** OCI labels and annotations, build arguments, secrets and target stage. */
  metadata: MetadataPlan;
  /** Registry logins of the job (`docker login` or an `auths` entry each). */
  logins: Login[];
  /** Attestations, the sign jobs and the promote jobs (issue 14, items 3 and 6). */
  supplyChain: SupplyChainPlan;
  /** The lint job before the build and the scan jobs after it (issue 14, item 4 "Gates"). */
  gates: GatesPlan;
  /** The files emitted, in display order. */
  files: string[];
  /** The CI/CD catalog component made of the same jobs (issue 14, item 8), or null. */
  component: ComponentPlan | null;
}

function mirrorHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function mirrorPathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/**
 * Derives the plan from answers that are already normalized (`normalize` in rules.ts): combinations are not checked
 * again here. Pure; throws only when `a.method` has no method module.
 */
export function makePlan(a: Answers): Plan {
  const hosted = isHosted(a);
  const k8s = isKubernetes(a);
  const windows = a.os === 'windows' && !hosted;
  const shellExecutor = !hosted && a.executor === 'shell';
  const powershell = windows;
  // The tool images come from the company's registry or mirror, or (Docker Hub images only) through the Dependency
  // Proxy when asked (failures.md #6 dockerhub-rate-limit, #7 dind-hostname-unresolved: the dind alias is kept).
  const source = imageSource(a);
  const image = (ref: string): string => fromSource(ref, source);
  const mirrorHost = a.mirrorUrl ? mirrorHostOf(a.mirrorUrl) : null;
  const mirrorInsecure = a.mirrorUrl.startsWith('http://');
  const insecureRegistries = [
    ...new Set([
      ...(mirrorInsecure && mirrorHost ? [mirrorHost] : []),
      ...(a.plainHttpRegistry ? [a.plainHttpRegistry] : []),
    ]),
  ];
  const dockerExec = !hosted && (isDockerLikeExecutor(a.executor) || a.executor === 'docker-windows');
  const method = methodModule(a.method).setup(a, {
    hosted,
    k8s,
    dockerExecutor: dockerExec,
    shellExecutor,
    image,
    mirrorHost,
    insecureRegistries,
  });
  const { daemon, privileged, tlsPort, dockerHost, jobImage, jobImageEntrypointReset } = method;
  let service = method.service;

  // Runner-side settings: the method's own mounts first (the daemon's socket or pipe, the TLS certificates).
  const dockerVolumes: string[] = [...method.mounts.docker];
  const k8sVolumes: K8sVolume[] = [...method.mounts.k8s];
  const { securityOpt, podAnnotations } = method.security;
  const { featureFlags } = method.mounts;
  const nodeSelector = { ...method.mounts.nodeSelector };
  const k8sPod = isKubernetesLinux(a) ? k8sPodOf(a, method.security.k8sUser, privileged) : null;
  if (k8sPod && k8sPod.nodeArch !== 'any') {
    // The runner takes the helper image's architecture from this selector (GitLab Runner docs, Kubernetes
    // executor, "Operating system, architecture, and Windows kernel version"); a mixed cluster defaults to amd64.
    nodeSelector['kubernetes.io/arch'] = k8sPod.nodeArch === 'arm64' ? 'arm64' : 'amd64';
    nodeSelector['kubernetes.io/os'] = 'linux';
  }
  const runnerEnvironment: string[] = [];
  const runnerServices: ServiceSpec[] = [];
  const configMaps: ConfigMapSpec[] = [];

  // NO_PROXY entries: written literally (runner environment), and for CI/CD variables (may use $CI_SERVER_HOST).
  const noProxy = noProxyList(a, true);
  const noProxyCi = noProxyList(a, false);
  const side: RunnerSide = { dockerExecutor: dockerExec, k8s, dockerVolumes, k8sVolumes, configMaps };
  // Registry mirror and proxy of the daemon (S12-S16, S29), as daemon.json where the runner or the host holds it.
  const daemonConfig = daemonJsonOf(a, { hosted, insecureRegistries, noProxy: noProxyCi });
  const daemonJson = daemonConfig?.json ?? null;
  const daemonJsonTarget: Plan['daemonJsonTarget'] =
    daemonConfig === null
      ? null
      : daemonConfig.hostDaemon
        ? 'docker-host'
        : k8s
          ? 'k8s-configmap'
          : 'runner-host-volume';
  if (daemonConfig && !daemonConfig.hostDaemon)
    mountFile(side, {
      docker: '/opt/docker/daemon.json:/etc/docker/daemon.json:ro',
      configMap: { name: 'docker-daemon', fromFile: 'daemon.json', key: 'daemon.json' },
      mountPath: '/etc/docker/daemon.json',
    });
  const mirrorService = runnerMirrorService(a, { k8s, image, insecureRegistries, tlsPort });
  if (mirrorService) {
    runnerServices.push(mirrorService);
    // The runner starts this dind service for every job (S13, S14): the job must not declare a second one. The
    // Kubernetes executor would run both daemons in one pod (same port, same /certs/client).
    service = null;
  }
  const buildkitdToml = isBuildKitRootless(a) ? buildkitdTomlOf(a.mirrorUrl, mirrorHost, insecureRegistries) : null;

  // Registry CA for the daemon that talks to the registry (failures.md #8 private-ca-x509).
  if (a.customCaVar && a.method === 'dind' && !hosted)
    mountFile(side, {
      docker: '/etc/docker/certs.d:/etc/docker/certs.d:ro',
      configMap: { name: 'registry-ca', fromFile: 'ca.crt', key: 'ca.crt' },
      mountPath: `/etc/docker/certs.d/${a.customCaHost}/ca.crt`,
    });
  // Mounted ~/.docker/config.json (S21, S22).
  if (a.authMethod === 'mounted-config')
    mountFile(side, {
      docker: '/opt/.docker/config.json:/root/.docker/config.json:ro',
      configMap: { name: 'docker-client-config', fromFile: 'config.json', key: 'config.json' },
      mountPath: '/root/.docker/config.json',
    });
  runnerEnvironment.push(...runnerEnvironmentOf(a, hosted, noProxy));

  // The cache volume comes last, where `gitlab-runner register` appends it after the --docker-volumes it is given:
  // register always adds it (`c:\cache` for docker-windows), so config.toml shows it for every Docker executor.
  // Windows containers refuse a path without a drive letter (`invalid volume specification: "/cache"`).
  const cacheVolume = dockerExec ? (a.executor === 'docker-windows' ? 'c:\\cache' : '/cache') : null;
  if (cacheVolume) dockerVolumes.push(cacheVolume);
  const volumes = dockerVolumes;

  const registerScript: Plan['registerScript'] = hosted || k8s ? null : windows ? 'ps1' : 'sh';
  const runnerConfigFile: Plan['runnerConfigFile'] = hosted ? null : k8s && a.helm ? 'values.yaml' : 'config.toml';
  const files = filesOf({
    runnerConfigFile,
    registerScript,
    daemonJson,
    buildkitdToml,
    k8s,
    component: a.component ? a.componentName : null,
  });

  const variants = buildVariants(a);
  const base: BasePlan = {
    runner: {
      os: a.os,
      executor: a.executor,
      gitlabUrl: a.gitlabUrl,
      description: a.runnerDescription,
      tags: [...a.runnerTags],
      registration: a.registration,
      tokenVariable: a.registration === 'legacy' ? 'REGISTRATION_TOKEN' : 'RUNNER_TOKEN',
      k8sNamespace: a.k8sNamespace,
      helm: a.helm,
      windowsVersion: a.windowsVersion,
      eksDockerdRename: a.eksDockerdRename,
      allowPrivileged: a.allowPrivileged,
      dockerExecutor: dockerExec,
      helperImage: dockerExec && a.executor === 'docker-windows' && a.windowsHelperImage ? a.windowsHelperImage : null,
      cacheVolume,
    },
    autoscale: isAutoscaled(a)
      ? {
          kind: a.executor === 'docker-autoscaler' ? 'fleeting' : 'docker-machine',
          cloud: a.cloud,
          instanceGroup: a.instanceGroup,
          region: a.cloudRegion,
          project: a.cloudProject,
          resourceGroup: a.cloudResourceGroup,
          connectorUser: a.connectorUser,
          maxInstances: a.maxInstances,
          capacityPerInstance: a.capacityPerInstance,
          maxUseCount: a.maxUseCount,
          idleCount: a.idleCount,
          idleMinutes: a.idleMinutes,
        }
      : null,
    method: {
      id: a.method,
      title: a.fromKaniko && isBuildKitRootless(a) ? FROM_KANIKO_LABELS.title : methodLabels(a.method).title,
      tool: method.tool,
      rootlessBuildKit: isBuildKitRootless(a),
      fromKaniko: a.fromKaniko && isBuildKitRootless(a),
      dindConnection: a.method !== 'dind' ? null : a.dindConnection,
      dockerVersion: a.dockerVersion,
      buildkitVersion: usesBuildx(a) || isBuildKitRootless(a) || a.method === 'buildctl' ? a.buildkitVersion : null,
      dockerCliImage: dockerCliImage(a),
      overlay2: a.method !== 'dind' || a.overlay2 === 'default' ? null : a.overlay2,
    },
    build: {
      image: a.image,
      dockerfile: a.dockerfile,
      context: a.context,
      push: a.push,
      platforms: [...a.platforms],
      composeFile: a.compose ? a.composeFile : null,
      testCommand: a.runTests ? a.testCommand : null,
      protectedOnly: a.protectedOnly,
      registry: pushRegistry(a),
    },
    cache: cachePlan(a),
    network: {
      proxy: a.proxy,
      httpProxy: a.httpProxy,
      httpsProxy: a.httpsProxy,
      noProxy,
      noProxyCi,
      mirror:
        a.mirrorUrl && mirrorHost
          ? { url: a.mirrorUrl, place: a.mirrorPlace, host: mirrorHost, insecure: mirrorInsecure }
          : null,
      insecureRegistries,
      plainHttpRegistry: a.plainHttpRegistry || null,
      mtu: a.mtu,
    },
    auth: {
      method: a.authMethod,
      passwordStdin: a.passwordStdin,
      authConfigVar: a.authConfigVar,
      dependencyProxy: a.dependencyProxy,
      registryDockerHub: a.registryDockerHub,
      registryOther: a.registryOther,
      otherRegistryHost: a.otherRegistryHost,
      customCa: a.customCaVar ? { variable: a.customCaVar, host: a.customCaHost } : null,
    },
    hosted,
    k8s,
    windows,
    shellExecutor,
    powershell,
    daemon,
    privileged,
    tlsPort,
    dockerHost,
    imageSource: source,
    // config.toml does not expand CI/CD variables: the runner's default image drops the Dependency Proxy prefix.
    runnerImage: source.literal
      ? (jobImage ?? image(dockerCliImage(a)))
      : (jobImage ?? dockerCliImage(a)).replace(`${source.prefix}/`, ''),
    binfmtImage: image(BINFMT_IMAGE),
    jobImage,
    jobImageEntrypointReset,
    service,
    dockerVolumes: volumes,
    k8sVolumes,
    securityOpt,
    podAnnotations,
    nodeSelector,
    k8sPod,
    buildMemory:
      a.buildMemory && limitsBuildMemory(a)
        ? {
            place: daemon === 'dind-service' || daemon === 'buildkitd-service' ? 'service' : 'build',
            quantity: a.buildMemory,
          }
        : null,
    featureFlags,
    runnerEnvironment,
    runnerServices,
    configMaps,
    daemonJson,
    daemonJsonTarget,
    buildkitdToml,
    mirrorHost,
    mirrorInsecure,
    registerScript,
    runnerConfigFile,
    buildx: usesBuildx(a),
    versionDefects: versionDefectsOf(a),
    logins: logins(a),
    variants,
    gates: gatesPlan(a, variants, image),
    multiArch: multiArchOf(a, { hosted, k8s }),
    tags: tagsPlanOf(a, shellExecutor ? null : image(GIT_IMAGE)),
    metadata: metadataOf(a),
    supplyChain: supplyPlan(a, variants, image),
    files,
  };
  const plan: Plan = { ...base, job: jobPlan({ ...base, a }), component: null };
  if (a.component) plan.component = componentPlan(a);
  return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// CI/CD catalog component (issue 14, item 8)

/** The component's file in the zip: `templates/<name>.yml` of the component project, under `component/`. */
export const componentFile = (name: string): string => `component/templates/${name}.yml`;
/** The component project's README (the catalog shows it), under `component/`. */
export const COMPONENT_README = 'component/README.md';
/** The `include: component:` snippet that uses the component, as a `.gitlab-ci.yml` of a consuming project. */
export const COMPONENT_USAGE = '.gitlab-ci.component-usage.yml';
/** The version the usage snippet pins: the first release of the component project (SETUP.md creates it). */
export const COMPONENT_VERSION = '1.0.0';

/**
 * One `spec: inputs:` entry (https://docs.gitlab.com/ci/inputs/): `id` (the key, used as `$[[ inputs.<id> ]]`),
 * type, default (the answers' value), description in both languages, and `regex` / `options` that keep a value
 * safe where it is interpolated (a shell word, unquoted or in double quotes).
 */
export interface ComponentInput {
  id: string;
  type: 'string' | 'array';
  default: string | string[];
  description: Msg;
  regex?: string;
  options?: string[];
}

/**
 * A candidate input and plans made from the same answers with that one answer replaced by a marker (a word that
 * appears nowhere else). The component generator renders them: where the plain jobs and a marked plan's jobs differ
 * only by the answer's value standing where the marker stands, the marker's places become `$[[ inputs.<id> ]]`;
 * otherwise (the value changes the structure, e.g. `--file` appears only for a Dockerfile that is not the default)
 * the value stays literal. `marks` is empty for inputs that are not answers (stage, job prefix).
 */
export interface ComponentCandidate {
  input: ComponentInput;
  /**
   * The markings to try, in order. `marker` is the text that stands for the value in the marked plan's files: the
   * marker word (for `platforms`, one marker per platform joined by commas, as the builders write them); an array
   * input's marked plan holds `[marker]`. A value with a CI/CD variable is also tried with a `$VARIABLE` marker, so
   * that the commands quote it the same way (`"$CI_REGISTRY_IMAGE/cache"`).
   */
  marks: { marker: string; marked: Plan }[];
}

/** The component: its name, the project that will hold it, the version the usage pins, and the candidate inputs. */
export interface ComponentPlan {
  name: string;
  project: string;
  version: string;
  file: string;
  candidates: ComponentCandidate[];
}

/**
 * Markers of an input: lowercase letters and digits only (no quoting rule of any shell or of YAML treats them
 * specially), and a CI/CD variable reference for a value that holds one.
 */
const markers = (id: string, value: unknown): string[] => {
  const word = id.replace(/[^a-z0-9]/g, '');
  return typeof value === 'string' && value.includes('$')
    ? [`zqinput${word}qz`, `$ZQINPUT${word.toUpperCase()}QZ`]
    : [`zqinput${word}qz`];
};

/**
 * Characters an interpolated value may hold: letters, digits and `$ { } _ . / : -` (CI/CD variables, registry
 * paths, tags). No space, quote, backslash, `;`, `&`, `|`, `<`, `>`, `*`, `?` or backtick: a value lands in a shell
 * command as one word, and GitLab inserts inputs as they are (https://docs.gitlab.com/ci/inputs/#specify-functions-to-manipulate-input-values).
 */
const WORD = '^[A-Za-z0-9$][A-Za-z0-9${}_./:-]*$';

/**
 * The component's plan: one candidate per answer that can become an input, with the plan made from the answers
 * with that answer replaced by a marker, and the inputs that are not answers (the jobs' stages and a job name
 * prefix, https://gitlab.com/gitlab-org/gitlab/-/merge_requests/156622).
 */
function componentPlan(a: Answers): ComponentPlan {
  const marked = (change: Partial<Answers>): Plan => makePlan({ ...a, ...change, component: false });
  const candidates: ComponentCandidate[] = [];
  const add = (
    input: ComponentInput,
    change: (m: string) => Partial<Answers> | null,
    text: (m: string) => string = (m) => m,
  ) => {
    const marks = markers(input.id, input.default).flatMap((m) => {
      const c = change(m);
      return c ? [{ marker: text(m), marked: marked(c) }] : [];
    });
    candidates.push({ input, marks });
  };
  add(
    {
      id: 'image',
      type: 'string',
      default: a.image,
      description: msg(
        'Image repository the build pushes to, without a tag (CI/CD variables allowed).',
        'ビルドがpushするイメージリポジトリ（タグなし、CI/CD変数可）。',
      ),
      regex: WORD,
    },
    (m) => ({ image: m }),
  );
  add(
    {
      id: 'dockerfile',
      type: 'string',
      default: a.dockerfile,
      description: msg('Path of the Dockerfile in the repository.', 'リポジトリ内のDockerfileのパス。'),
      regex: '^[A-Za-z0-9_.][A-Za-z0-9_./-]*$',
    },
    (m) => ({ dockerfile: m }),
  );
  add(
    {
      id: 'context',
      type: 'string',
      default: a.context,
      description: msg(
        'Build context directory in the repository.',
        'リポジトリ内のビルドコンテキストのディレクトリ。',
      ),
      regex: '^[A-Za-z0-9_.][A-Za-z0-9_./-]*$',
    },
    (m) => ({ context: m }),
  );
  if (a.platforms.length)
    add(
      {
        id: 'platforms',
        type: 'string',
        default: a.platforms.join(','),
        description: msg(
          'Target platforms, comma-separated (linux/amd64,linux/arm64).',
          'ターゲットプラットフォーム（カンマ区切り、linux/amd64,linux/arm64）。',
        ),
        regex: '^[a-z0-9]+/[a-z0-9]+(?:/[a-z0-9]+)?(?:,[a-z0-9]+/[a-z0-9]+(?:/[a-z0-9]+)?)*$',
      },
      // As many markers as platforms: the builders decide by their number (one image or a manifest list).
      (m) => ({ platforms: a.platforms.map((_, i) => `${m}${i}`) }),
      (m) => a.platforms.map((_, i) => `${m}${i}`).join(','),
    );
  if (a.cache === 'registry') {
    add(
      {
        id: 'cache-ref',
        type: 'string',
        default: a.cacheRef,
        description: msg(
          'Registry cache reference (a repository for Buildah and Podman).',
          'レジストリキャッシュの参照（Buildah/Podmanではリポジトリ）。',
        ),
        regex: WORD,
      },
      (m) => ({ cacheRef: m }),
    );
    add(
      {
        id: 'cache-mode',
        type: 'string',
        default: a.cacheMode,
        description: msg(
          'BuildKit cache export mode: max (every stage) or min (final stage).',
          'BuildKitのキャッシュエクスポートモード: max（全ステージ）またはmin（最終ステージ）。',
        ),
        options: ['max', 'min'],
      },
      (m) => ({ cacheMode: m as Answers['cacheMode'] }),
    );
  }
  add(
    {
      id: 'runner-tags',
      type: 'array',
      default: [...a.runnerTags],
      description: msg('Tags of the runners that may run the jobs.', 'ジョブを実行できるRunnerのタグ。'),
    },
    (m) => ({ runnerTags: [m] }),
  );
  add(
    {
      id: 'stage',
      type: 'string',
      default: 'build',
      description: msg('Stage of the build jobs.', 'ビルドジョブのステージ。'),
      regex: '^[A-Za-z0-9_. -]+$',
    },
    () => null,
  );
  add(
    {
      id: 'test-stage',
      type: 'string',
      default: 'test',
      description: msg(
        'Stage of the job that tests the built image (Buildah, Podman, BuildKit).',
        'ビルドしたイメージをテストするジョブのステージ（Buildah、Podman、BuildKit）。',
      ),
      regex: '^[A-Za-z0-9_. -]+$',
    },
    () => null,
  );
  add(
    {
      id: 'job-prefix',
      type: 'string',
      default: '',
      description: msg(
        'Prefix of the job names, so that the jobs do not collide with jobs of the including pipeline.',
        'ジョブ名の接頭辞。取り込む側のパイプラインのジョブと名前が衝突しないようにします。',
      ),
      regex: '^[A-Za-z0-9_-]*$',
    },
    () => null,
  );
  return {
    name: a.componentName,
    project: a.componentProject,
    version: COMPONENT_VERSION,
    file: componentFile(a.componentName),
    candidates,
  };
}

/**
 * The job pod's security contexts for the namespace's Pod Security level (Kubernetes, Pod Security Standards:
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/), the builder's user, and the node
 * architecture. `privileged` (the default level) adds nothing but the builder's user where its image needs it.
 * - baseline forbids privileged containers, hostPath volumes, added capabilities and Unconfined AppArmor or seccomp
 *   profiles; the methods that need the first two are refused (methods/constraints.ts `podSecurity`), and an
 *   Unconfined AppArmor profile for the build container is an exemption the namespace's policy must grant;
 * - restricted adds: no privilege escalation, a non-root user, every capability dropped, a RuntimeDefault seccomp
 *   profile, for every container (`allow_privilege_escalation = false`, the pod context, the helper's, services' and
 *   init container's contexts); a rootless builder's build container still needs its setuid `newuidmap` (privilege
 *   escalation, capabilities) and an Unconfined seccomp profile to create its user namespace: exemptions again.
 */
function k8sPodOf(a: Answers, user: { uid: number; required: boolean } | null, privileged: boolean): K8sPodPlan {
  const level = a.k8sPodSecurity;
  const restricted = level === 'restricted';
  const builderUser = user && (user.required || restricted) ? user.uid : undefined;
  const pod: K8sSecurityContext = {};
  let build: K8sSecurityContext | null = null;
  let confined: K8sSecurityContext | null = null;
  const buildExceptions: K8sBuildException[] = [];
  if (restricted) {
    // Every container runs as the builder's user (1000), or as 1000 when the daemon-less helper is all that runs.
    const uid = user?.uid ?? 1000;
    Object.assign(pod, {
      runAsNonRoot: true,
      runAsUser: uid,
      runAsGroup: uid,
      fsGroup: uid,
      seccomp: 'RuntimeDefault',
    });
    confined = { allowPrivilegeEscalation: false, dropCapabilities: ['ALL'] };
  } else if (builderUser !== undefined) {
    pod.runAsUser = builderUser;
  }
  if (user) {
    build = {};
    if (builderUser !== undefined) build.runAsUser = builderUser;
    if (level !== 'privileged') buildExceptions.push('apparmor-unconfined');
    if (restricted) {
      build.allowPrivilegeEscalation = true;
      build.seccomp = 'Unconfined';
      buildExceptions.push('privilege-escalation', 'capabilities', 'seccomp-unconfined');
    }
    if (Object.keys(build).length === 0) build = null;
  }
  return {
    level,
    allowPrivilegeEscalation: restricted && !privileged ? false : null,
    pod: Object.keys(pod).length ? pod : null,
    build,
    helper: confined,
    service: confined,
    initPermissions: confined,
    buildExceptions,
    nodeArch: a.k8sNodeArch,
    nodeSelectorOverwrite: a.k8sNodeArch === 'mixed' ? 'kubernetes.io/arch=.*' : null,
  };
}

/** Where the runner-side settings of a plan accumulate. */
interface RunnerSide {
  dockerExecutor: boolean;
  k8s: boolean;
  dockerVolumes: string[];
  k8sVolumes: K8sVolume[];
  configMaps: ConfigMapSpec[];
}

/**
 * A file the runner mounts into the job or the service: a read-only bind mount from the runner host for Docker
 * executors, a ConfigMap (created by kubernetes.sh) mounted with `sub_path` for Kubernetes.
 */
function mountFile(side: RunnerSide, file: { docker: string; configMap: ConfigMapSpec; mountPath: string }): void {
  if (side.dockerExecutor) side.dockerVolumes.push(file.docker);
  if (side.k8s) {
    side.configMaps.push(file.configMap);
    side.k8sVolumes.push({
      kind: 'config_map',
      name: file.configMap.name,
      mountPath: file.mountPath,
      subPath: file.configMap.key,
    });
  }
}

/**
 * daemon.json: the registry mirror (`registry-mirrors`) when it is placed there, the registries the daemon must reach
 * over plain HTTP (`insecure-registries`: a plain-HTTP mirror placed there, the answers' plain-HTTP registry when
 * the daemon's flags go there), and the proxy of a host daemon (`proxies`); null when none applies. `hostDaemon`:
 * the file is for the host's dockerd, not for a dind service. Source:
 * https://docs.docker.com/reference/cli/dockerd/#insecure-registries
 */
function daemonJsonOf(
  a: Answers,
  r: { hosted: boolean; insecureRegistries: readonly string[]; noProxy: readonly string[] },
): { json: Record<string, unknown>; hostDaemon: boolean } | null {
  let json: Record<string, unknown> | null = null;
  const hostDaemon = a.method === 'socket' || a.method === 'host' || a.method === 'pipe';
  const mirrorHere = a.mirrorUrl !== '' && a.mirrorPlace === 'daemon-json';
  if (mirrorHere) json = { 'registry-mirrors': [a.mirrorUrl] };
  // A host daemon takes its flags from daemon.json only; dind takes them here when the mirror is here.
  const insecure = mirrorHere || (hostDaemon && !r.hosted) ? r.insecureRegistries : [];
  if (insecure.length) {
    json ??= {};
    json['insecure-registries'] = [...insecure];
  }
  if (hostDaemon && a.proxy !== 'none' && !r.hosted && (a.httpProxy || a.httpsProxy)) {
    json ??= {};
    const proxies: Record<string, string> = {};
    if (a.httpProxy) proxies['http-proxy'] = a.httpProxy;
    if (a.httpsProxy) proxies['https-proxy'] = a.httpsProxy;
    proxies['no-proxy'] = r.noProxy.join(',');
    json.proxies = proxies;
  }
  return json ? { json, hostDaemon } : null;
}

/** The dind service the runner starts for every job, with the registry mirror (S13, S14); null when not asked. */
function runnerMirrorService(
  a: Answers,
  r: { k8s: boolean; image: (ref: string) => string; insecureRegistries: readonly string[]; tlsPort: number | null },
): ServiceSpec | null {
  if (!(a.mirrorUrl && a.mirrorPlace === 'runner-service' && a.method === 'dind')) return null;
  const command = ['--registry-mirror', a.mirrorUrl];
  for (const host of r.insecureRegistries) command.push('--insecure-registry', host);
  if (a.mtu > 0) command.push(`--mtu=${a.mtu}`);
  const name = r.image(dindImage(a));
  return {
    name,
    // The alias GitLab derives from any other name than docker:…-dind is not `docker` (failures.md #7).
    ...(name !== dindImage(a) ? { alias: 'docker' } : {}),
    command,
    ...(() => {
      const variables = dindServiceVariables(a, r.k8s, r.tlsPort);
      return variables ? { variables } : {};
    })(),
  };
}

/**
 * buildkitd.toml for rootless BuildKit's registry mirror and its plain-HTTP registries, or null without either.
 * buildkitd takes `host[:port][/path]` (a mirror under a path, such as a Nexus proxy repository, keeps its path);
 * the options of a registry (`http = true`: plain HTTP) are keyed by its host alone. Source:
 * https://github.com/moby/buildkit/blob/master/docs/buildkitd.toml.md
 */
function buildkitdTomlOf(
  mirrorUrl: string,
  mirrorHost: string | null,
  insecureRegistries: readonly string[],
): Record<string, unknown> | null {
  const registries: Record<string, unknown> = {};
  if (mirrorUrl && mirrorHost) registries['docker.io'] = { mirrors: [`${mirrorHost}${mirrorPathOf(mirrorUrl)}`] };
  for (const host of insecureRegistries) registries[host] = { http: true };
  return Object.keys(registries).length ? { registry: registries } : null;
}

/** The runner's `environment`: overlay2 for every dind daemon, the proxy for every job (self-managed runners). */
function runnerEnvironmentOf(a: Answers, hosted: boolean, noProxy: readonly string[]): string[] {
  const env: string[] = [];
  if (hosted) return env;
  if (a.overlay2 === 'runner') env.push('DOCKER_DRIVER=overlay2');
  if (a.proxy === 'runner') {
    if (a.httpProxy) env.push(`HTTP_PROXY=${a.httpProxy}`, `http_proxy=${a.httpProxy}`);
    if (a.httpsProxy) env.push(`HTTPS_PROXY=${a.httpsProxy}`, `https_proxy=${a.httpsProxy}`);
    const np = noProxy.join(',');
    env.push(`NO_PROXY=${np}`, `no_proxy=${np}`);
  }
  return env;
}

/** The files of the setup, in display order. */
function filesOf(f: {
  runnerConfigFile: Plan['runnerConfigFile'];
  registerScript: Plan['registerScript'];
  daemonJson: unknown;
  buildkitdToml: unknown;
  k8s: boolean;
  component: string | null;
}): string[] {
  const files = ['.gitlab-ci.yml'];
  if (f.component) files.push(componentFile(f.component), COMPONENT_README, COMPONENT_USAGE);
  if (f.runnerConfigFile) files.push(f.runnerConfigFile);
  if (f.registerScript) files.push(f.registerScript === 'sh' ? 'register.sh' : 'register.ps1');
  if (f.daemonJson) files.push('daemon.json');
  if (f.buildkitdToml) files.push('buildkitd.toml');
  if (f.k8s) files.push('kubernetes.sh');
  files.push('SETUP.md');
  return files;
}

/**
 * NO_PROXY entries: the dind alias and loopback, buildkitd for buildctl, GitLab's host, `$CI_SERVER_HOST` (unless
 * `literalOnly`, for files that do not expand variables), the other registry's host, then the user's entries.
 */
export function noProxyList(a: Answers, literalOnly: boolean): string[] {
  const list = ['docker', 'localhost', '127.0.0.1'];
  if (a.method === 'buildctl') list.push('buildkitd');
  try {
    list.push(new URL(a.gitlabUrl).hostname);
  } catch {
    /* validated earlier */
  }
  if (!literalOnly) list.push('$CI_SERVER_HOST');
  if (a.registryOther) list.push(a.otherRegistryHost.replace(/:\d+$/, ''));
  for (const entry of a.noProxy.split(',')) if (entry && !list.includes(entry)) list.push(entry);
  return [...new Set(list)];
}

/** A registry the job logs in to: CI/CD variable references (`$NAME`) for the user and the password. */
export interface Login {
  registry: string | null; // null: Docker Hub (no argument)
  user: string;
  password: string;
  configKey: string; // key in ~/.docker/config.json
}

/** The registries the job logs in to, in login order; none with a mounted config.json. */
export function logins(a: Answers): Login[] {
  if (a.authMethod === 'mounted-config') return [];
  const list: Login[] = [];
  if (a.registryGitlab)
    list.push({
      registry: '$CI_REGISTRY',
      user: '$CI_REGISTRY_USER',
      password: '$CI_REGISTRY_PASSWORD',
      configKey: '$CI_REGISTRY',
    });
  if (a.registryDockerHub)
    list.push({
      registry: null,
      user: `$${a.dockerHubUserVar}`,
      password: `$${a.dockerHubPasswordVar}`,
      configKey: 'https://index.docker.io/v1/',
    });
  if (a.registryOther)
    list.push({
      registry: a.otherRegistryHost,
      user: `$${a.otherUserVar}`,
      password: `$${a.otherPasswordVar}`,
      configKey: a.otherRegistryHost,
    });
  if (a.dependencyProxy)
    list.push({
      registry: '$CI_DEPENDENCY_PROXY_SERVER',
      user: '$CI_DEPENDENCY_PROXY_USER',
      password: '$CI_DEPENDENCY_PROXY_PASSWORD',
      configKey: '$CI_DEPENDENCY_PROXY_SERVER',
    });
  return list;
}

/** `rules: if:` of the jobs that may write the cache: pipelines of protected branches and tags. */
export const PROTECTED_REF = '$CI_COMMIT_REF_PROTECTED == "true"';
/** `rules: if:` of the read-only twin of a cache-writing job: every other pipeline. */
export const UNPROTECTED_REF = '$CI_COMMIT_REF_PROTECTED != "true"';

/**
 * The registry cache of the answers (issue 14, item 7). Per ref, the cache reference is the cache repository with
 * the ref's slug: `<repository>:$CI_COMMIT_REF_SLUG` for BuildKit (a tag; `cacheRef`'s own tag is replaced), and
 * `<repository>/$CI_COMMIT_REF_SLUG` for Buildah and Podman (they take a repository and tag each cached layer by
 * its key: https://github.com/containers/buildah/discussions/6657). The fallback is the default branch's:
 * `$CI_DEFAULT_BRANCH_SLUG` is the predefined slug of `$CI_DEFAULT_BRANCH`
 * (https://docs.gitlab.com/ci/variables/predefined_variables/). Both are read in that order: BuildKit takes several
 * `--cache-from` / `--import-cache` (https://docs.docker.com/build/cache/backends/#multiple-caches), Buildah and
 * Podman several `--cache-from` since Buildah 1.29 (https://github.com/containers/buildah/pull/4443).
 */
function cachePlan(a: Answers): CachePlan {
  const registry = a.cache === 'registry';
  const perRef = registry && a.cachePerRef;
  const protectedWrite = registry && a.cacheProtectedWrite;
  const repositoryCache = a.method === 'buildah' || a.method === 'podman';
  const ref = (slug: string): string => {
    if (!perRef) return a.cacheRef;
    if (repositoryCache) return `${a.cacheRef}/${slug}`;
    // The tag is what follows the last ':' after the last '/' (a registry port comes before the first '/').
    const slash = a.cacheRef.lastIndexOf('/');
    const colon = a.cacheRef.indexOf(':', slash + 1);
    return `${colon === -1 ? a.cacheRef : a.cacheRef.slice(0, colon)}:${slug}`;
  };
  const own = ref('$CI_COMMIT_REF_SLUG');
  return {
    kind: a.cache,
    exportMode: a.cacheMode,
    ref: a.cacheRef,
    perRef,
    protectedWrite,
    imports: !registry ? [] : perRef ? [own, ref('$CI_DEFAULT_BRANCH_SLUG')] : [a.cacheRef],
    exportRef: registry ? own : null,
    // The read-only twins match every unprotected pipeline, merge request pipelines included: without this rule a
    // branch with an open merge request would run both a branch pipeline and a merge request pipeline. Merge
    // requests show the source branch's pipeline; a fork's merge request runs in the fork, with the fork's registry.
    workflowRules: protectedWrite
      ? [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' }, { when: 'always' }]
      : null,
  };
}

/**
 * One build job: the refs it tags, whether it pushes them, and whether it writes the layer cache. With tags computed
 * in the pipeline (`dynamicTags`), `refs` is the one local name `<image>:$IMAGE_TAG` (the first computed tag, set by
 * the job's script) and the builders tag and push every word of `$IMAGE_TAGS`.
 */
export interface BuildVariant {
  job: string;
  rule: string | null;
  refs: string[];
  push: boolean;
  exportCache: boolean;
  dynamicTags: boolean;
  /**
   * Native multi-arch only: the one platform this per-architecture job builds (`linux/arm64`), its architecture
   * (`arm64`: the suffix of its layer cache references, so the jobs never overwrite each other's cache), and where
   * the job reports its digest.
   */
  arch?: { platform: string; arch: string; report: ArchReport };
}

/**
 * Where a per-architecture build job reports the digest it pushed: `file` (`build-arm64.env`) holding
 * `IMAGE_DIGEST<suffix>` and `IMAGE_REF<suffix>` (`_ARM64`), so that the dotenv variables of the jobs of one
 * pipeline never collide; only the merge job writes `IMAGE_DIGEST` and `IMAGE_REF` (the manifest list).
 */
export interface ArchReport {
  suffix: string;
  file: string;
}

/** One architecture of a native multi-arch build: where its jobs run and how they report. */
export interface ArchBuild {
  platform: string;
  /** `amd64` or `arm64`: the suffix of its jobs' names and of its image tag (`$CI_COMMIT_SHA-arm64`). */
  arch: string;
  /** `tags:` of its build jobs, or null (none: GitLab.com's default amd64 runners, never the case here). */
  tags: string[] | null;
  /**
   * `variables:` of its build jobs: `KUBERNETES_NODE_SELECTOR_ARCH` (`kubernetes.io/arch=arm64`) on a cluster of
   * mixed nodes, which the runner allows through `node_selector_overwrite_allowed`.
   */
  variables: Record<string, string>;
  report: ArchReport;
}

/**
 * How the merge job makes the manifest list from the per-architecture images (issue 14, item 5):
 * - `docker-manifest`: `docker manifest create` + `push`, the plain Docker CLI (no longer experimental since 20.10);
 * - `imagetools`: `docker buildx imagetools create`, for Buildx and for BuildKit (buildctl), in the pinned Docker CLI
 *   image: it copies the per-architecture descriptors, annotations and attestation manifests included, and reads the
 *   same `~/.docker/config.json` as BuildKit;
 * - `buildah` / `podman`: `manifest create`, `manifest add docker://…@sha256:…`, `manifest push --all=false`.
 */
export type MergeTool = 'docker-manifest' | 'imagetools' | 'buildah' | 'podman';

/** A multi-platform build (two or more platforms), emulated or native; null in the plan for a single platform. */
export interface MultiArchPlan {
  mode: 'qemu' | 'native';
  platforms: string[];
  /** Native: the architectures, in platform order; [] for QEMU. */
  archs: ArchBuild[];
  /** Native: the merge job's tool; null for QEMU. */
  merge: MergeTool | null;
  /**
   * QEMU: the binfmt handlers are registered with a privileged container in the host's kernel: by the job itself
   * (Buildx against a dind daemon) or by whoever administers the host or nodes (every other builder).
   */
  binfmtByJob: boolean;
}

/** The variable holding the first computed tag in a build job with computed tags. */
export const FIRST_TAG = '$IMAGE_TAG';

/** The tags job of the semver and template schemes, or null for fixed tags (see `TagsPlan`). */
export function tagsPlanOf(a: Answers, image: string | null): TagsPlan | null {
  if (a.tagScheme === 'fixed' || !a.push) return null;
  const semver = a.tagScheme === 'semver';
  const compute = semver
    ? tagsScript({ prefix: a.tagPrefix, sha: a.tagShaForm, latest: a.tagSemverLatest })
    : [
        ...templateScript(a.tagTemplate),
        ...(a.tagShaForm === 'none'
          ? []
          : [`IMAGE_TAGS="$IMAGE_TAGS ${a.tagShaForm === 'long' ? '$CI_COMMIT_SHA' : '$CI_COMMIT_SHORT_SHA'}"`]),
      ];
  return {
    scheme: semver ? 'semver' : 'template',
    job: 'image-tags',
    image,
    script: [
      compute.join('\n'),
      tagCheckScript().join('\n'),
      'echo "IMAGE_TAGS=$IMAGE_TAG_LIST" > tags.env',
      'echo "Image tags: $IMAGE_TAG_LIST"',
    ],
    dotenv: 'tags.env',
    fullCloneOnTags: semver,
    prefix: a.tagPrefix,
    sha: a.tagShaForm,
    latest: a.tagSemverLatest,
    template: a.tagTemplate,
  };
}

/** OCI labels and annotations (https://github.com/opencontainers/image-spec/blob/main/annotations.md). */
function metadataOf(a: Answers): MetadataPlan {
  const dynamic = a.tagScheme !== 'fixed' && a.push;
  const version = dynamic ? FIRST_TAG : '$CI_COMMIT_REF_NAME';
  const labels: MetadataEntry[] = a.ociLabels
    ? [
        { key: 'org.opencontainers.image.source', value: '$CI_PROJECT_URL' },
        { key: 'org.opencontainers.image.url', value: '$CI_PROJECT_URL' },
        { key: 'org.opencontainers.image.revision', value: '$CI_COMMIT_SHA' },
        { key: 'org.opencontainers.image.created', value: '$CI_PIPELINE_CREATED_AT' },
        { key: 'org.opencontainers.image.version', value: version },
        { key: 'org.opencontainers.image.title', value: '$CI_PROJECT_TITLE' },
      ]
    : [];
  const buildx = usesBuildx(a);
  const buildctl = a.method === 'buildctl' || a.method === 'buildkit-rootless';
  // The --output CSV of buildctl: only values that never hold a comma (URLs, SHA, timestamp, a computed tag).
  const annotations = buildx
    ? labels
    : buildctl
      ? labels.filter((l) => l.key !== 'org.opencontainers.image.title' && (l.value !== version || dynamic))
      : [];
  return {
    labels,
    annotations,
    buildArgs: a.buildArgs.map((arg) => {
      const i = arg.indexOf('=');
      return { name: arg.slice(0, i), value: arg.slice(i + 1) };
    }),
    secrets: [...a.buildSecrets],
    target: a.buildTarget === '' ? null : a.buildTarget,
  };
}

const SHA = '$CI_COMMIT_SHA';

/** The jobs to emit: which refs each pushes and whether it writes the cache (S38 tag-and-branch-rules). */
function refVariants(a: Answers): BuildVariant[] {
  const image = a.image;
  // A builder without a daemon cannot run what it built: the later test job pulls `<image>:<commit SHA>`, so every
  // pushing job pushes that tag too (a tag-only release would otherwise leave the test job an image that was never
  // pushed; found by the real-tool tests).
  const testedFromRegistry = a.runTests && !usesDockerCli(a);
  const sha = (refs: string[]) => (a.tagSha || testedFromRegistry ? [`${image}:${SHA}`, ...refs] : refs);
  const protectedGuard = (cond: string | null): string | null => {
    if (!a.protectedOnly || !(a.registryDockerHub || a.registryOther) || a.authMethod === 'mounted-config') return cond;
    const guard = '$CI_COMMIT_REF_PROTECTED == "true"';
    return cond ? `${cond} && ${guard}` : guard;
  };
  if (!a.push) {
    return [
      {
        job: 'build-image',
        rule: protectedGuard(null),
        refs: [a.tagSha ? `${image}:${SHA}` : image],
        push: false,
        exportCache: false,
        dynamicTags: false,
      },
    ];
  }
  // Tags from git or a template: one job for every pipeline, tagging what the image-tags job computed. The fixed
  // tag answers (tagSha, tagLatest, tagGitTag, otherBranches) do not apply (rules.ts isRelevant).
  if (a.tagScheme !== 'fixed')
    return [
      {
        job: 'build-image',
        rule: protectedGuard(null),
        refs: [`${image}:${FIRST_TAG}`],
        push: true,
        exportCache: true,
        dynamicTags: true,
      },
    ];
  if (!a.tagLatest && !a.tagGitTag) {
    const refs = sha([]);
    // Inline cache with plain `docker build` reads the previous `:latest` (S39 docker-pull-cache-from).
    if (a.cache === 'inline' && usesDockerCli(a) && !a.buildx) refs.push(`${image}:latest`);
    if (refs.length === 0) refs.push(`${image}:${SHA}`);
    return [
      { job: 'build-image', rule: protectedGuard(null), refs, push: true, exportCache: true, dynamicTags: false },
    ];
  }
  const variants: BuildVariant[] = [];
  if (a.tagGitTag)
    variants.push({
      job: 'release-image',
      rule: protectedGuard('$CI_COMMIT_TAG'),
      refs: sha([`${image}:$CI_COMMIT_TAG`]),
      push: true,
      exportCache: false,
      dynamicTags: false,
    });
  if (a.tagLatest)
    variants.push({
      job: 'latest-image',
      rule: protectedGuard('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'),
      refs: sha([`${image}:latest`]),
      push: true,
      exportCache: true,
      dynamicTags: false,
    });
  const branchRule = a.tagLatest ? '$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH' : '$CI_COMMIT_BRANCH';
  if (a.otherBranches === 'push-sha')
    variants.push({
      job: 'build-image',
      rule: protectedGuard(branchRule),
      refs: [`${image}:${SHA}`],
      push: true,
      exportCache: !a.tagLatest,
      dynamicTags: false,
    });
  else if (a.otherBranches === 'build-only')
    variants.push({
      job: 'build-image',
      rule: branchRule,
      refs: [`${image}:${SHA}`],
      push: false,
      exportCache: false,
      dynamicTags: false,
    });
  return variants;
}

/**
 * The build jobs with the cache writes kept to protected refs (issue 14, item 7): a job that would write the
 * registry cache in any pipeline becomes two jobs with the same refs, `<job>` for protected refs (writes the cache)
 * and `<job>-unprotected` for every other ref (reads it only). Rules, not a shell condition, so every script stays
 * static. A job whose rule already requires a protected ref stays as it is.
 */
export function buildVariants(a: Answers): BuildVariant[] {
  const variants = refVariants(a);
  if (a.cache !== 'registry' || !a.cacheProtectedWrite) return variants;
  return variants.flatMap((v) => {
    if (!v.exportCache || !v.push || v.rule?.includes(PROTECTED_REF)) return [v];
    const and = (guard: string) => (v.rule ? `${v.rule} && ${guard}` : guard);
    return [
      { ...v, rule: and(PROTECTED_REF) },
      { ...v, job: `${v.job}-unprotected`, rule: and(UNPROTECTED_REF), exportCache: false },
    ];
  });
}

/** The build method's fragments of `.gitlab-ci.yml` for this plan, rendered for the job's shell. */
function jobPlan(p: MethodInput): JobPlan {
  const method = methodModule(p.a.method);
  const shell = p.powershell ? 'ps' : 'sh';
  const before = method.beforeScript(p, shell);
  const variables = method.variables(p);
  // `docker build --secret` needs BuildKit: the default builder since Docker 23, and with DOCKER_BUILDKIT=1 before
  // (https://docs.docker.com/build/buildkit/#getting-started).
  if (p.metadata.secrets.length && usesDockerCli(p.a) && !p.buildx)
    variables.push({
      name: 'DOCKER_BUILDKIT',
      value: '1',
      comment: msg(
        'Build secrets need BuildKit (the default builder since Docker 23).',
        'ビルドシークレットにはBuildKitが必要です（Docker 23以降の既定のビルダー）。',
      ),
    });
  return {
    variables: [...variables, ...supplyVariables(p)],
    lowercaseProxy: method.lowercaseProxy(p.a),
    runsImage: method.runsImage,
    notes: method.comments(p),
    beforeScript: before.script,
    loginIndex: before.login,
    required: [
      ...requiredVariables(p, before.script),
      // Build secrets: a missing (or protected, on an unprotected ref) variable stops the job before the build.
      ...p.metadata.secrets.map((name) => ({ name, file: false })),
    ].filter((v, i, all) => all.findIndex((w) => w.name === v.name) === i),
    builds: p.variants.map((v) => {
      const build = method.build(p, v, shell);
      const digest = method.digest(p, v, shell);
      return {
        script: [...build.script, ...method.test(p, v, shell), ...method.push(p, v, shell), ...digest],
        buildIndex: build.at,
        after: method.after(p, shell),
        report: digest.length ? DIGEST_REPORT : null,
      };
    }),
    native: p.multiArch?.mode === 'native' ? p.variants.map((v) => nativeJobs(p, v, shell)) : [],
  };
}

/** GitLab.com's hosted Linux runner of each architecture (docs "Hosted runners on Linux", machine types). */
export const HOSTED_ARCH_TAGS: Readonly<Record<string, string>> = {
  amd64: 'saas-linux-small-amd64',
  arm64: 'saas-linux-small-arm64',
};

/**
 * The multi-platform build of these answers, or null for one platform. Native: one `ArchBuild` per platform, placed
 * by runner tags (GitLab.com: `saas-linux-small-<arch>`, https://docs.gitlab.com/ci/runners/hosted_runners/linux/;
 * self-managed: `runnerTags` plus the architecture's tag) or, on a Kubernetes cluster of mixed nodes, by the
 * `KUBERNETES_NODE_SELECTOR_ARCH` job variable that `node_selector_overwrite_allowed` lets through
 * (https://docs.gitlab.com/runner/executors/kubernetes/#overwrite-the-node-selector, gitlab-runner MR 3221).
 */
export function multiArchOf(a: Answers, r: { hosted: boolean; k8s: boolean }): MultiArchPlan | null {
  if (!isMultiPlatform(a)) return null;
  if (!isNativeMultiArch(a))
    return {
      mode: 'qemu',
      platforms: [...a.platforms],
      archs: [],
      merge: null,
      binfmtByJob: usesBuildx(a) && a.method === 'dind',
    };
  const archs = a.platforms.map((platform): ArchBuild => {
    const arch = platform.slice(platform.lastIndexOf('/') + 1);
    const own = arch === 'arm64' ? a.archTagArm64 : a.archTagAmd64;
    const tags = r.hosted
      ? [HOSTED_ARCH_TAGS[arch] ?? `saas-linux-small-${arch}`]
      : r.k8s
        ? a.runnerTags.length
          ? [...a.runnerTags]
          : null
        : [...new Set([...a.runnerTags, own])];
    return {
      platform,
      arch,
      tags,
      variables: r.k8s ? { KUBERNETES_NODE_SELECTOR_ARCH: `kubernetes.io/arch=${arch}` } : {},
      report: { suffix: `_${arch.toUpperCase()}`, file: `build-${arch}.env` },
    };
  });
  const merge: MergeTool =
    a.method === 'buildah'
      ? 'buildah'
      : a.method === 'podman'
        ? 'podman'
        : usesBuildx(a) || a.method === 'buildctl' || a.method === 'buildkit-rootless'
          ? 'imagetools'
          : 'docker-manifest';
  return { mode: 'native', platforms: [...a.platforms], archs, merge, binfmtByJob: false };
}

/**
 * The per-architecture build jobs of variant `v` and, when it pushes, its merge job: each architecture builds
 * `<image>:$CI_COMMIT_SHA-<arch>` for its platform only, with its own layer cache (`<cacheRef>-<arch>`), and reports
 * `IMAGE_DIGEST_<ARCH>`; the merge job keeps the variant's name, so later jobs `needs:` it as before.
 */
function nativeJobs(p: MethodInput, v: BuildVariant, shell: 'sh' | 'ps'): NativeJobs {
  const ma = p.multiArch;
  if (!ma || ma.mode !== 'native' || !ma.merge) throw new Error('native jobs without a native multi-arch plan');
  const method = methodModule(p.a.method);
  const archJobs = ma.archs.map((arch) => {
    const av: BuildVariant = {
      ...v,
      job: `${v.job}-${arch.arch}`,
      refs: [`${p.a.image}:${SHA}-${arch.arch}`],
      // Each architecture's job tags its own image; computed tags go on the manifest list only.
      dynamicTags: false,
      arch: { platform: arch.platform, arch: arch.arch, report: arch.report },
    };
    const build = method.build(p, av, shell);
    const digest = method.digest(p, av, shell);
    return {
      arch,
      job: av.job,
      script: [...build.script, ...method.test(p, av, shell), ...method.push(p, av, shell), ...digest],
      buildIndex: build.at,
      after: method.after(p, shell),
      report: digest.length ? arch.report.file : null,
    };
  });
  if (!v.push) return { archJobs, merge: null };
  // BuildKit's images hold no Docker CLI: its merge job runs in the pinned Docker CLI image, without the buildkitd
  // service (imagetools talks to the registry only).
  const buildkit = p.a.method === 'buildctl' || p.a.method === 'buildkit-rootless';
  return {
    archJobs,
    merge: {
      job: v.job,
      script: mergeScript(p, v, ma.archs, ma.merge, shell),
      buildIndex: 0,
      after: buildkit ? [] : method.after(p, shell).filter((c) => !c.includes('compose')),
      report: DIGEST_REPORT,
      image: buildkit && p.jobImage !== null ? fromSource(p.method.dockerCliImage, p.imageSource) : null,
      noServices: buildkit && p.service !== null,
    },
  };
}

/**
 * `BUILDX_NO_DEFAULT_ATTESTATIONS: "1"` where `provenance: auto` turns off Buildx's default provenance: a GitLab
 * registry refuses the attestations of a BuildKit of moby/buildkit#7007 ("blob unknown to registry"; real-world case
 * buildkit-oci-attestation-blob-unknown). https://docs.docker.com/build/building/variables/#buildx_no_default_attestations
 */
function supplyVariables(p: MethodInput): CiVariable[] {
  if (!p.supplyChain.attestations.buildxNoDefault) return [];
  return [
    {
      name: 'BUILDX_NO_DEFAULT_ATTESTATIONS',
      value: '1',
      comment: msg(
        'Buildx pushes no default provenance: the GitLab registry refuses the attestations of this BuildKit (moby/buildkit#7007).',
        'Buildxは既定のprovenanceをプッシュしません。GitLabレジストリはこのBuildKitのアテステーションを拒否します（moby/buildkit#7007）。',
      ),
    },
  ];
}

/**
 * The user-defined CI/CD variables the job's `before_script` reads (`$NAME`, `${NAME}`, `$env:NAME`): the registry
 * credentials of the logins, the DOCKER_AUTH_CONFIG-style variable, and the CA certificate (a File variable). The
 * predefined `CI_*` variables are left out: GitLab sets them whenever the registry is enabled.
 */
function requiredVariables(p: MethodInput, script: readonly string[]): RequiredVariable[] {
  const a = p.a;
  const candidates: RequiredVariable[] = [];
  if (a.authMethod === 'docker-auth-config') candidates.push({ name: a.authConfigVar, file: false });
  else if (a.authMethod === 'login')
    for (const l of p.logins)
      for (const ref of [l.user, l.password]) candidates.push({ name: ref.replace(/^\$/, ''), file: false });
  if (a.customCaVar) candidates.push({ name: a.customCaVar, file: true });
  const text = script.join('\n');
  const seen = new Set<string>();
  return candidates.filter(({ name }) => {
    if (name.startsWith('CI_') || seen.has(name)) return false;
    seen.add(name);
    return new RegExp(`\\$(?:env:)?\\{?${name}(?![A-Za-z0-9_])`).test(text);
  });
}
