/**
 * A build method family's contract. Each module of `src/core/methods/` serves one family (Docker CLI against a
 * Docker daemon, BuildKit, daemonless Buildah/Podman) and holds everything that is specific to it: its labels, the
 * images and service it runs, the CI/CD variables it needs, and the script fragments of the job (daemon check,
 * logins, build, push, clean-up). The `.gitlab-ci.yml` generator only arranges these fragments; adding a builder, or
 * a build feature to every builder, touches the builders' modules and the plan types.
 */
import type { Answers, Method } from '../answers';
import type { Msg } from '../i18n';
import type { MethodInput as Plan, BuildVariant, Daemon, K8sVolume, ServiceSpec } from '../plan';
import type { ShellKind } from '../quote';

/** Texts of one method, in every language: one wording for the questions, SETUP.md and the diagram. */
export interface MethodLabels {
  /** The option in the wizard's method question. */
  option: Msg;
  /** What the option costs, shown under it. */
  note: Msg;
  /** The method as a noun phrase in SETUP.md's title and the diagram ("rootless BuildKit"). */
  title: Msg;
}

/** A `variables:` entry of `.gitlab-ci.yml`, with the comment written above it. */
export interface CiVariable {
  name: string;
  value: string;
  comment?: Msg;
}

/** What a method decides of the job's container setup, from the answers and the runner facts. */
export interface MethodSetup {
  /** Where the daemon that builds runs. */
  daemon: Daemon;
  /** The daemon runs in a service container that must be privileged. */
  privileged: boolean;
  /** TLS port of the dind daemon (2376), its plain TCP port (2375), or null (no TCP daemon). */
  tlsPort: 2376 | 2375 | null;
  /** `DOCKER_HOST` of the job, or null when the client needs none. */
  dockerHost: string | null;
  /** The job image (with the Dependency Proxy prefix when asked), or null (shell executor). */
  jobImage: string | null;
  /** The job image's entrypoint must be reset (`entrypoint: [""]`): it would start a daemon instead of the script. */
  jobImageEntrypointReset: boolean;
  /** The service container of the daemon, or null. */
  service: ServiceSpec | null;
  /** The program that builds. */
  tool: 'docker' | 'buildctl' | 'buildah' | 'podman';
  /** What the runner mounts into the job for the method (the daemon's socket or pipe, the TLS certificates). */
  mounts: MethodMounts;
  /** Sandbox exceptions the builder needs in the job container (user namespaces and mounts). */
  security: MethodSecurity;
}

/**
 * The sandbox exceptions a builder needs in its container: Docker's `security_opt`, the Kubernetes pod annotations
 * (AppArmor), and, on Kubernetes, the user the build container must run as.
 */
export interface MethodSecurity {
  securityOpt: string[];
  podAnnotations: Record<string, string>;
  /**
   * Kubernetes: the unprivileged user of the builder's image that owns the subuid/subgid ranges of its user
   * namespace (`uid`), and whether the build container must be told to run as it (`required`: the image starts as
   * root, and a user without ranges gets "cannot write uid_map"); null for builders that need no user namespace.
   */
  k8sUser: { uid: number; required: boolean } | null;
}

/** The runner-side settings a method adds, before the ones every method shares (daemon.json, CA, config.json). */
export interface MethodMounts {
  /** `[runners.docker] volumes` entries. */
  docker: string[];
  /** `[[runners.kubernetes.volumes.*]]` entries. */
  k8s: K8sVolume[];
  featureFlags: Record<string, boolean>;
  nodeSelector: Record<string, string>;
}

/** The runner facts a method's setup depends on. */
export interface RunnerFacts {
  hosted: boolean;
  k8s: boolean;
  /** A self-managed Docker executor, docker-windows included (config.toml has `[runners.docker]`). */
  dockerExecutor: boolean;
  shellExecutor: boolean;
  /**
   * A tool image as the job pulls it (`fromSource` of images.ts): under the company's registry or mirror prefix, or
   * the Dependency Proxy's for Docker Hub images, or unchanged.
   */
  image: (ref: string) => string;
  mirrorHost: string | null;
  /** Registries the daemon must reach over plain HTTP (a plain-HTTP mirror, the answers' plain-HTTP registry). */
  insecureRegistries: readonly string[];
}

/** The commands of one build variant; `at` is the index of the build command itself (after a cache pull). */
export interface BuildCommands {
  script: string[];
  at: number;
}

/**
 * One method family's module: its labels, the job's container setup and its fragments of `.gitlab-ci.yml`, for each
 * `method` value in `ids`.
 */
export interface BuildMethod {
  /** The answers' `method` values this module serves. */
  readonly ids: readonly Method[];
  readonly labels: Readonly<Partial<Record<Method, MethodLabels>>>;
  /** The job can run the image it built (a Docker daemon): tests run in the build job, not in a later one. */
  readonly runsImage: boolean;
  /** The job's container setup for these answers. */
  setup(a: Answers, runner: RunnerFacts): MethodSetup;
  /** `variables:` entries the method needs, in file order. */
  variables(p: Plan): CiVariable[];
  /** Proxy variables are also set in lower case (BuildKit reads `http_proxy`, not `HTTP_PROXY`). */
  lowercaseProxy(a: Answers): boolean;
  /** Comments on `default.image`, `default.services` and `default.before_script`. */
  comments(p: Plan): { image?: Msg; services?: Msg; beforeScript: Msg };
  /** `default.before_script`: daemon check, CA, logins, builder set-up; `login` is the index of the first login. */
  beforeScript(p: Plan, shell: ShellKind): { script: string[]; login: number | null };
  build(p: Plan, v: BuildVariant, shell: ShellKind): BuildCommands;
  /** Commands run in the build job against the image just built: `docker compose up`, the tests (Docker CLI only). */
  test(p: Plan, v: BuildVariant, shell: ShellKind): string[];
  push(p: Plan, v: BuildVariant, shell: ShellKind): string[];
  /**
   * Commands after the push that write the pushed digest to the job's dotenv report (`digestReport` in
   * fragments.ts); [] when the variant does not push.
   */
  digest(p: Plan, v: BuildVariant, shell: ShellKind): string[];
  /** `after_script` clean-up commands. */
  after(p: Plan, shell: ShellKind): string[];
}
