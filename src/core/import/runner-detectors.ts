/**
 * Detectors of the runner side: where a catalog finding (`FINDING_RULES` in findings.ts, same id) or a known failure
 * of the troubleshooter (`FAILURE_IDS`, same id) holds in a user's `config.toml`, Helm `values.yaml`
 * (`runners.config` and the chart's own keys), `daemon.json` or `buildkitd.toml`. Each detector reads the files only
 * (never inferred answers) and returns one position per offending line, placed by the placement rules of issue 15:
 * a key or an item on its own line, an absence on the line of what lacks it.
 *
 * A runner of config.toml is each `[[runners]]` entry; its executor is its `executor` key (for the Helm chart, the
 * chart's `runners.executor` value or `kubernetes` when the TOML has none: the chart registers with
 * `--executor {{ .Values.runners.executor | default "kubernetes" }}`). Settings of another executor's section
 * (`[runners.docker]` of a Kubernetes runner) do nothing and are not reported.
 *
 * Catalog ids not detected here, and why: the CI-side ids (`dockerhub-rate-limit`, `no-layer-cache`,
 * `build-arg-secret`, `scan-never-fails`, `gates-report-only`, `scan-pull-is-push-credential`, the signing ids,
 * `qemu-binfmt-privileged`) are decided by `.gitlab-ci.yml` (ci-detectors.ts); `attestations-rejected` is not
 * detectable from files; `cache-writable-unprotected` is about the registry layer cache the CI's build command
 * exports, which the runner's `[runners.cache]` (job cache of GitLab, keyed by `cache:key`) does not decide.
 * Failures that need more than the files (the namespace's Pod Security level, the node's architecture, the network's
 * MTU, the instance image's docker group) are not detected either.
 */
import { FINDING_RULES } from '../findings';
import { FAILURE_IDS } from '../troubleshoot/types';
import { defectsOf } from '../versions';
import { helmExecutor } from './runner';
import type { CiJob, Detector, ImportedSetup, SourcePos } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Reading the runner side

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asObject = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

/** One `[[runners]]` entry with its executor and the user's line of its keys. */
interface RunnerEntry {
  index: number;
  data: Record<string, unknown>;
  /** The executor that runs its jobs (see the module comment for Helm's default). */
  executor: string | null;
  /** The line of a key path inside this runner (`at('docker', 'privileged')`). */
  at(...path: (string | number)[]): SourcePos | null;
  /** The line of the executor key, else of the entry (its `[[runners]]` header). */
  home(): SourcePos | null;
}

const DOCKER_EXECUTORS = new Set(['docker', 'docker-windows', 'docker+machine', 'docker-autoscaler']);

/** The runners of the setup's runner configuration. */
function runners(s: ImportedSetup): RunnerEntry[] {
  const r = s.runner;
  if (!r) return [];
  const chartDefault = r.kind === 'helm-values' ? helmExecutor(asObject(asObject(r.helm).runners)) : null;
  return asArray(r.toml.runners).flatMap((data, index) => {
    if (!isObject(data)) return [];
    const executor = typeof data.executor === 'string' ? data.executor : chartDefault;
    const at = (...path: (string | number)[]) => r.lineOf(['runners', index, ...path]);
    return [{ index, data, executor, at, home: () => at('executor') ?? at() }];
  });
}

const dockerRunners = (s: ImportedSetup) => runners(s).filter((r) => DOCKER_EXECUTORS.has(r.executor ?? ''));
const k8sRunners = (s: ImportedSetup) => runners(s).filter((r) => r.executor === 'kubernetes');

/** A Docker volume `source:destination[:mode]` (or a bare destination) split; Windows drive letters kept whole. */
function splitVolume(v: string): { source: string | null; dest: string; modes: string[] } {
  const parts = v.match(/(?:[A-Za-z]:)?[^:]+/g) ?? [v];
  if (parts.length === 1) return { source: null, dest: parts[0] ?? v, modes: [] };
  return { source: parts[0] ?? null, dest: parts[1] ?? '', modes: (parts[2] ?? '').split(',') };
}

const trimSlash = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, '') : p);
const isDockerSock = (p: string | null | undefined): boolean => !!p && /(?:^|\/)docker\.sock$/.test(trimSlash(p));
const PIPE = /^(?:\\\\|\/\/)[.?][\\/]pipe[\\/]docker_engine/i;
const isPipe = (p: string | null | undefined): boolean => !!p && PIPE.test(p);

/** Each string item of a runner's `[runners.docker] volumes` (Docker executors only). */
function dockerVolumes(s: ImportedSetup): { runner: RunnerEntry; value: string; pos: SourcePos | null }[] {
  return dockerRunners(s).flatMap((runner) =>
    asArray(asObject(runner.data.docker).volumes).flatMap((v, i) =>
      typeof v === 'string' ? [{ runner, value: v, pos: runner.at('docker', 'volumes', i) }] : [],
    ),
  );
}

/** The Kubernetes volume kinds of `[[runners.kubernetes.volumes.<kind>]]`. */
const K8S_VOLUME_KINDS = ['host_path', 'pvc', 'config_map', 'secret', 'empty_dir', 'csi', 'nfs'] as const;

interface K8sVolume {
  runner: RunnerEntry;
  kind: (typeof K8S_VOLUME_KINDS)[number];
  data: Record<string, unknown>;
  /** The line of one of its keys, else of the entry. */
  at(...keys: string[]): SourcePos | null;
}

function k8sVolumes(s: ImportedSetup): K8sVolume[] {
  return k8sRunners(s).flatMap((runner) =>
    K8S_VOLUME_KINDS.flatMap((kind) =>
      asArray(asObject(asObject(runner.data.kubernetes).volumes)[kind]).flatMap((data, i): K8sVolume[] => {
        if (!isObject(data)) return [];
        const at = (...keys: string[]) => {
          for (const k of keys) if (data[k] !== undefined) return runner.at('kubernetes', 'volumes', kind, i, k);
          return runner.at('kubernetes', 'volumes', kind, i);
        };
        return [{ runner, kind, data, at }];
      }),
    ),
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** A Kubernetes host_path volume's host path (it defaults to the mount path). */
const hostPathOf = (v: K8sVolume): string | null => str(v.data.host_path) ?? str(v.data.mount_path);

/** A service of a runner (`[[runners.docker.services]]` / `[[runners.kubernetes.services]]`) with its lines. */
interface RunnerService {
  runner: RunnerEntry;
  name: string;
  command: string[];
  environment: string[];
  at(...path: (string | number)[]): SourcePos | null;
}

function runnerServices(s: ImportedSetup): RunnerService[] {
  return runners(s).flatMap((runner) => {
    const section =
      runner.executor === 'kubernetes' ? 'kubernetes' : DOCKER_EXECUTORS.has(runner.executor ?? '') ? 'docker' : null;
    if (!section) return [];
    return asArray(asObject(runner.data[section]).services).flatMap((svc, i): RunnerService[] => {
      if (!isObject(svc) || typeof svc.name !== 'string') return [];
      const strings = (v: unknown) => asArray(v).map((x) => (typeof x === 'string' ? x : ''));
      return [
        {
          runner,
          name: svc.name,
          command: strings(svc.command),
          environment: strings(svc.environment),
          at: (...path) => runner.at(section, 'services', i, ...path),
        },
      ];
    });
  });
}

/** A Docker-in-Docker image: the docker image with a dind tag, or any image named for dind. */
const isDindImage = (name: string): boolean => /dind/i.test(name);

/** The jobs of `.gitlab-ci.yml` that run (hidden templates excluded). */
const ciJobs = (s: ImportedSetup): CiJob[] => (s.ci?.jobs ?? []).filter((j) => !j.hidden);
/** Whether the CI (when given) uses a Docker-in-Docker service. */
const ciUsesDind = (s: ImportedSetup): boolean => ciJobs(s).some((j) => j.services.some((v) => isDindImage(v.name)));
/** Whether the runner itself starts a Docker-in-Docker service for every job. */
const runnerUsesDind = (runner: RunnerEntry, s: ImportedSetup): boolean =>
  runnerServices(s).some((v) => v.runner.index === runner.index && isDindImage(v.name));
/** Whether some job runs the docker CLI. */
const ciRunsDocker = (s: ImportedSetup): boolean =>
  ciJobs(s).some(
    (j) => j.build === 'docker' || j.build === 'buildx' || j.commands.some((c) => c.words[0] === 'docker'),
  );

/** `NAME=value` items of a runner's `environment`, with their lines. */
function environment(runner: RunnerEntry): { name: string; value: string; pos: SourcePos | null }[] {
  return asArray(runner.data.environment).flatMap((v, i) => {
    if (typeof v !== 'string' || !v.includes('=')) return [];
    const eq = v.indexOf('=');
    return [{ name: v.slice(0, eq), value: v.slice(eq + 1), pos: runner.at('environment', i) }];
  });
}

/** Positions without nulls and without repeats (one per file and line), in order. */
function unique(positions: readonly (SourcePos | null | undefined)[]): SourcePos[] {
  const seen = new Set<string>();
  const out: SourcePos[] = [];
  for (const p of positions) {
    if (!p) continue;
    const key = `${p.file}\u0000${p.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Daemons: registries and mirrors

/** The host (and port) of a registry mirror URL or host. */
const hostOf = (ref: string): string => ref.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');

/** daemon.json's `registry-mirrors` items with their lines. */
function daemonMirrors(s: ImportedSetup): { value: string; pos: SourcePos | null }[] {
  const d = s.daemonJson;
  if (!d) return [];
  return asArray(d.data['registry-mirrors']).flatMap((m, i) =>
    typeof m === 'string' ? [{ value: m, pos: d.lineOf(['registry-mirrors', i]) }] : [],
  );
}

/** buildkitd.toml's `[registry."host"]` tables, each with whether another registry lists it as a mirror. */
function buildkitdRegistries(
  s: ImportedSetup,
): { host: string; cfg: Record<string, unknown>; mirror: boolean; at(key: string): SourcePos | null }[] {
  const b = s.buildkitd;
  if (!b) return [];
  const registry = asObject(b.data.registry);
  const mirrors = new Set(
    Object.values(registry).flatMap((cfg) =>
      asArray(asObject(cfg).mirrors).flatMap((m) => (typeof m === 'string' ? [hostOf(m)] : [])),
    ),
  );
  return Object.entries(registry).flatMap(([host, cfg]) =>
    isObject(cfg)
      ? [{ host, cfg, mirror: mirrors.has(hostOf(host)), at: (key: string) => b.lineOf(['registry', host, key]) }]
      : [],
  );
}

/**
 * The items of a service command that give a daemon flag's value: `--flag=value` items, and the item after a bare
 * `--flag`. `flag` without dashes.
 */
function flagValues(command: string[], flag: string): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  command.forEach((w, i) => {
    if (w.startsWith(`--${flag}=`)) out.push({ value: w.slice(flag.length + 3), index: i });
    else if (w === `--${flag}` && command[i + 1] !== undefined) out.push({ value: command[i + 1] ?? '', index: i + 1 });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Images

const FULL_VERSION = /^v?\d+\.\d+\.\d+/;
/** Repositories (after the registry host) of docker (and its dind tags) and BuildKit images. */
const DAEMON_IMAGE = /^(?:(?:library\/)?docker|moby\/buildkit)$/;
/** Repositories of Buildah and Podman images. */
const DAEMONLESS_IMAGE =
  /^(?:(?:buildah|containers)\/(?:stable|buildah|upstream)|(?:podman|containers)\/(?:stable|podman|upstream))$/;
/** Tags that name no release. */
const MOVING_TAG = /^(?:latest|stable|dind|rootless|cli|edge|testing|upstream|git)$/;

/** An image reference split into repository (without registry host) and tag (null when absent). */
function splitImage(ref: string): { repo: string; tag: string | null; digest: boolean } {
  const digest = ref.includes('@');
  let rest = ref.replace(/@.*$/, '');
  // A registry host (has a dot or port, or is localhost) or a variable prefix such as the Dependency Proxy's.
  const first = rest.split('/')[0] ?? '';
  if (rest.includes('/') && (/[.:]/.test(first) || first === 'localhost' || first.startsWith('$')))
    rest = rest.slice(first.length + 1);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repo: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repo: rest, tag: null, digest };
}

/**
 * Whether a build image's tag moves. docker (dind) and BuildKit images: a tag that is missing, `latest`, `dind`,
 * `rootless` or without a patch version (`docker:24-dind`), as the catalog's `image-not-fully-pinned` judges the
 * Docker and BuildKit versions. Buildah and Podman images: a missing or moving tag (`latest`, `stable`); their
 * minor-version tags (`v1.43`) are the releases the product itself pins (versions.ts), so they are not judged. A
 * digest pins any image; a tag from a variable is not judged.
 */
export function floatingBuildImage(ref: string): boolean {
  const { repo, tag, digest } = splitImage(ref.trim());
  if (digest || (tag !== null && tag.includes('$'))) return false;
  if (DAEMON_IMAGE.test(repo)) return tag === null || !FULL_VERSION.test(tag);
  if (DAEMONLESS_IMAGE.test(repo)) return tag === null || MOVING_TAG.test(tag);
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The detectors

/**
 * `privileged-container`: a Docker or Kubernetes runner whose containers run privileged: `privileged = true` in
 * `[runners.docker]` (Docker executors) or `[runners.kubernetes]` (Kubernetes executor), `services_privileged = true`
 * (Docker: the services run privileged even when the job does not), or `privileged = true` in a Kubernetes
 * build/service container security context. The line of that key. Source: https://docs.gitlab.com/runner/configuration/advanced-configuration/
 */
const privilegedContainer: Detector = (s) =>
  unique(
    runners(s).flatMap((r) => {
      if (DOCKER_EXECUTORS.has(r.executor ?? '')) {
        const d = asObject(r.data.docker);
        return [
          d.privileged === true ? r.at('docker', 'privileged') : null,
          d.services_privileged === true ? r.at('docker', 'services_privileged') : null,
        ];
      }
      if (r.executor === 'kubernetes') {
        const k = asObject(r.data.kubernetes);
        return [
          k.privileged === true ? r.at('kubernetes', 'privileged') : null,
          ...['build_container_security_context', 'service_container_security_context'].map((c) =>
            asObject(k[c]).privileged === true ? r.at('kubernetes', c, 'privileged') : null,
          ),
        ];
      }
      return [];
    }),
  );

/** Docker volume items that mount the host's docker.sock, and Kubernetes host_path items of it (their host_path line). */
function socketPositions(s: ImportedSetup, k8sOnly = false): SourcePos[] {
  return unique([
    ...(k8sOnly
      ? []
      : dockerVolumes(s)
          .filter((v) => isDockerSock(splitVolume(v.value).source))
          .map((v) => v.pos)),
    ...k8sVolumes(s)
      .filter((v) => v.kind === 'host_path' && isDockerSock(hostPathOf(v)))
      .map((v) => v.at('host_path', 'mount_path')),
  ]);
}

/** Docker volume items that mount the Windows Docker Engine pipe, and Kubernetes host_path items of it. */
function pipePositions(s: ImportedSetup): SourcePos[] {
  return unique([
    ...dockerVolumes(s)
      .filter((v) => isPipe(v.value))
      .map((v) => v.pos),
    ...k8sVolumes(s)
      .filter((v) => v.kind === 'host_path' && isPipe(hostPathOf(v)))
      .map((v) => v.at('host_path', 'mount_path')),
  ]);
}

/**
 * `host-socket`: the host's `/var/run/docker.sock` mounted into the jobs: a `[runners.docker] volumes` item whose
 * source is a docker.sock, or a `[[runners.kubernetes.volumes.host_path]]` of it (its `host_path` line, else its
 * `mount_path` line: host_path defaults to it). Source: https://docs.gitlab.com/ci/docker/using_docker_build/#use-the-docker-executor-with-docker-socket-binding
 */
const hostSocket: Detector = (s) => socketPositions(s);

/** `host-pipe`: the Windows `\\.\pipe\docker_engine` named pipe as a volume item (or Kubernetes host_path). */
const hostPipe: Detector = (s) => pipePositions(s);

/**
 * A shell-executor runner whose jobs run the docker CLI: its `executor = "shell"` line. Only when `.gitlab-ci.yml`
 * is given and a job runs `docker` (a shell runner whose jobs use a daemonless builder shares no daemon).
 */
function shellDockerRunners(s: ImportedSetup): RunnerEntry[] {
  if (!ciRunsDocker(s)) return [];
  return runners(s).filter((r) => r.executor === 'shell');
}

/**
 * `docker-group-root`: a shell executor runner (Linux shells: not `powershell`/`pwsh`) whose jobs run docker: the
 * gitlab-runner user must be in the docker group, which is root on the host. The `executor = "shell"` line; only
 * when config.toml and `.gitlab-ci.yml` are both given. Source: https://docs.gitlab.com/ci/docker/using_docker_build/#use-the-shell-executor
 */
const dockerGroupRoot: Detector = (s) =>
  unique(
    shellDockerRunners(s)
      .filter((r) => !/^(?:powershell|pwsh)$/i.test(str(r.data.shell) ?? ''))
      .map((r) => r.at('executor')),
  );

/**
 * `shared-host-daemon`: jobs share one daemon: the lines of `host-socket`, `host-pipe` and of the shell runners
 * whose jobs run docker (any shell: Windows shell runners share the host's Docker Engine too).
 */
const sharedHostDaemon: Detector = (s) =>
  unique([...socketPositions(s), ...pipePositions(s), ...shellDockerRunners(s).map((r) => r.at('executor'))]);

/**
 * `k8s-socket-containerd`: a Kubernetes runner mounting the node's docker.sock (host_path item, its host_path line):
 * containerd and CRI-O nodes have none. Source: https://docs.gitlab.com/runner/executors/kubernetes/use_docker/
 */
const k8sSocketContainerd: Detector = (s) => socketPositions(s, true);

/**
 * `certs-volume-shared`: a Docker runner volume whose destination is `/certs/client` or `/certs` (persists between
 * jobs, shared by concurrent ones), or a Kubernetes host_path, pvc or nfs volume mounted there (an empty_dir is per
 * pod and is not). The item's line (Kubernetes: its mount_path line).
 */
const certsVolumeShared: Detector = (s) => {
  const certs = (p: string | null) => !!p && ['/certs/client', '/certs'].includes(trimSlash(p));
  return unique([
    ...dockerVolumes(s)
      .filter((v) => certs(splitVolume(v.value).dest))
      .map((v) => v.pos),
    ...k8sVolumes(s)
      .filter((v) => ['host_path', 'pvc', 'nfs'].includes(v.kind) && certs(str(v.data.mount_path)))
      .map((v) => v.at('mount_path')),
  ]);
};

/**
 * `mounted-config-readonly`: a Docker runner volume mounting a docker `config.json` or `.docker` directory `:ro`,
 * or a Kubernetes secret/config_map volume mounted there (always read-only), or another Kubernetes volume with
 * `read_only = true`: the item's line (Kubernetes: its `name` line, as the generated file).
 */
const mountedConfigReadonly: Detector = (s) => {
  const dockerConfig = (p: string | null) => !!p && /(?:^|\/)\.docker(?:\/config\.json)?\/?$/.test(p);
  return unique([
    ...dockerVolumes(s)
      .filter((v) => {
        const vol = splitVolume(v.value);
        return dockerConfig(vol.dest) && vol.modes.includes('ro');
      })
      .map((v) => v.pos),
    ...k8sVolumes(s)
      .filter(
        (v) =>
          dockerConfig(str(v.data.mount_path)) &&
          (v.kind === 'secret' || v.kind === 'config_map' || v.data.read_only === true),
      )
      .map((v) => v.at('name', 'mount_path')),
  ]);
};

const UNCONFINED = /^(?:seccomp|apparmor|systempaths)[=:]unconfined$/i;

/**
 * `unconfined-security`: `seccomp=unconfined`, `apparmor=unconfined` or `systempaths=unconfined` (`:` also) in a
 * Docker runner's `security_opt` or `services_security_opt` (each item's line), or a Kubernetes pod annotation
 * `container.apparmor.security.beta.kubernetes.io/<container> = "unconfined"` / `seccomp...: unconfined` (the
 * annotation's line).
 */
const unconfinedSecurity: Detector = (s) =>
  unique(
    runners(s).flatMap((r) => {
      if (DOCKER_EXECUTORS.has(r.executor ?? '')) {
        const d = asObject(r.data.docker);
        return ['security_opt', 'services_security_opt'].flatMap((key) =>
          asArray(d[key]).map((o, i) => (typeof o === 'string' && UNCONFINED.test(o) ? r.at('docker', key, i) : null)),
        );
      }
      if (r.executor === 'kubernetes')
        return Object.entries(asObject(asObject(r.data.kubernetes).pod_annotations)).map(([k, v]) =>
          /(?:apparmor|seccomp)/i.test(k) && typeof v === 'string' && /unconfined/i.test(v)
            ? r.at('kubernetes', 'pod_annotations', k)
            : null,
        );
      return [];
    }),
  );

/**
 * `k8s-build-exemption` (decided here): a Kubernetes runner whose build container security context asks for what
 * the baseline or restricted Pod Security Standards refuse: `allow_privilege_escalation = true`, an `Unconfined`
 * seccomp or AppArmor profile, or added capabilities. Such a pod runs only where the namespace exempts the build
 * container: the line of `[runners.kubernetes.build_container_security_context]`. An AppArmor annotation alone is
 * `unconfined-security` (the namespace's level, which decides whether an exemption is needed, is not in the files).
 * Source: https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
const k8sBuildExemption: Detector = (s) =>
  unique(
    k8sRunners(s).map((r) => {
      const c = asObject(asObject(r.data.kubernetes).build_container_security_context);
      const unconfined = (v: unknown) => /^unconfined$/i.test(str(asObject(v).type) ?? '');
      const needs =
        c.allow_privilege_escalation === true ||
        unconfined(c.seccomp_profile) ||
        unconfined(c.app_armor_profile) ||
        asArray(asObject(c.capabilities).add).length > 0;
      return needs ? r.at('kubernetes', 'build_container_security_context') : null;
    }),
  );

/**
 * `legacy-registration-token`: the Helm chart's `runnerRegistrationToken:` with a value (a deprecated registration
 * token; config.toml never holds one). The key's line in values.yaml. Source: https://docs.gitlab.com/runner/install/kubernetes/
 */
const legacyRegistrationToken: Detector = (s) => {
  const r = s.runner;
  if (!r || r.kind !== 'helm-values') return [];
  const v = asObject(r.helm).runnerRegistrationToken;
  return typeof v === 'string' && v.trim() !== '' ? unique([r.lineOf(['$helm', 'runnerRegistrationToken'])]) : [];
};

/**
 * `insecure-mirror`: a plain-HTTP registry mirror: a daemon.json `registry-mirrors` item `http://...`, a runner
 * service (dind) command `--registry-mirror=http://...` (the item holding the URL), or a buildkitd
 * `[registry."host"]` listed as another registry's mirror with `http = true` (the `http` line).
 */
const insecureMirror: Detector = (s) =>
  unique([
    ...daemonMirrors(s)
      .filter((m) => /^http:\/\//i.test(m.value))
      .map((m) => m.pos),
    ...runnerServices(s).flatMap((v) =>
      flagValues(v.command, 'registry-mirror')
        .filter((f) => /^http:\/\//i.test(f.value))
        .map((f) => v.at('command', f.index)),
    ),
    ...buildkitdRegistries(s)
      .filter((r) => r.mirror && r.cfg.http === true)
      .map((r) => r.at('http')),
  ]);

/**
 * `plain-http-registry`: a registry the daemon talks to without TLS (or without verifying it): a daemon.json
 * `insecure-registries` item or a runner service command `--insecure-registry` (the item holding the host), except
 * the host of a plain-HTTP mirror (dockerd needs it declared insecure: that is `insecure-mirror`); a buildkitd
 * `[registry."host"]` that is no mirror with `http = true` or `insecure = true` (that key's line).
 */
const plainHttpRegistry: Detector = (s) => {
  const httpMirrors = new Set(
    [
      ...daemonMirrors(s).map((m) => m.value),
      ...runnerServices(s).flatMap((v) => flagValues(v.command, 'registry-mirror').map((f) => f.value)),
    ]
      .filter((m) => /^http:\/\//i.test(m))
      .map(hostOf),
  );
  const d = s.daemonJson;
  return unique([
    ...(d
      ? asArray(d.data['insecure-registries']).map((r, i) =>
          typeof r === 'string' && !httpMirrors.has(hostOf(r)) ? d.lineOf(['insecure-registries', i]) : null,
        )
      : []),
    ...runnerServices(s).flatMap((v) =>
      flagValues(v.command, 'insecure-registry')
        .filter((f) => !httpMirrors.has(hostOf(f.value)))
        .map((f) => v.at('command', f.index)),
    ),
    ...buildkitdRegistries(s)
      .filter((r) => !r.mirror)
      .flatMap((r) => [r.cfg.http === true ? r.at('http') : null, r.cfg.insecure === true ? r.at('insecure') : null]),
  ]);
};

/** `docker-machine-deprecated`: `executor = "docker+machine"` (its line). Source: https://docs.gitlab.com/runner/executors/docker_machine/ */
const dockerMachineDeprecated: Detector = (s) =>
  unique(
    runners(s)
      .filter((r) => r.executor === 'docker+machine')
      .map((r) => r.at('executor')),
  );

/**
 * `autoscaled-instance-reused`: a privileged autoscaled runner (docker+machine or docker-autoscaler with
 * `privileged = true`) whose instances take more than one job: docker+machine `MaxBuilds` other than 1 (absent or 0
 * is unlimited), docker-autoscaler `max_use_count` other than 1 (absent or 0 is unlimited) or else
 * `capacity_per_instance` above 1. One position per runner: the offending key's line, or the `[runners.machine]` /
 * `[runners.autoscaler]` table's line when the key is absent.
 */
const autoscaledInstanceReused: Detector = (s) =>
  unique(
    runners(s).map((r) => {
      if (asObject(r.data.docker).privileged !== true && asObject(r.data.docker).services_privileged !== true)
        return null;
      if (r.executor === 'docker+machine') {
        const m = asObject(r.data.machine);
        if (m.MaxBuilds === 1) return null;
        return r.at('machine', 'MaxBuilds') ?? r.at('machine') ?? r.home();
      }
      if (r.executor === 'docker-autoscaler') {
        const a = asObject(r.data.autoscaler);
        if (a.max_use_count !== 1) return r.at('autoscaler', 'max_use_count') ?? r.at('autoscaler') ?? r.home();
        if (typeof a.capacity_per_instance === 'number' && a.capacity_per_instance > 1)
          return r.at('autoscaler', 'capacity_per_instance');
      }
      return null;
    }),
  );

/**
 * `image-not-fully-pinned`: a runner-side build image (a runner service such as `docker:dind`, or the runner's
 * default job `image`) whose tag moves (`floatingBuildImage`: docker and BuildKit without a patch version, Buildah
 * and Podman without a release tag). The service's `name` line or the `image` line.
 */
const imageNotFullyPinned: Detector = (s) =>
  unique([
    ...runners(s).flatMap((r) => {
      const section =
        r.executor === 'kubernetes' ? 'kubernetes' : DOCKER_EXECUTORS.has(r.executor ?? '') ? 'docker' : null;
      const image = section ? str(asObject(r.data[section]).image) : null;
      return image && floatingBuildImage(image) ? [r.at(section ?? '', 'image')] : [];
    }),
    ...runnerServices(s)
      .filter((v) => floatingBuildImage(v.name))
      .map((v) => v.at('name')),
  ]);

/**
 * `version-known-defect`: a runner-level Docker-in-Docker service whose docker version has a known defect of
 * `src/core/versions.ts` that this setup meets: the dind push defect needs a job that runs `docker push`, so only
 * when `.gitlab-ci.yml` is given and has one. The service's `name` line.
 */
const versionKnownDefect: Detector = (s) => {
  const pushes = ciJobs(s).some((j) => j.commands.some((c) => c.words[0] === 'docker' && c.words[1] === 'push'));
  if (!pushes) return [];
  return unique(
    runnerServices(s)
      .filter((v) => {
        const { repo, tag } = splitImage(v.name);
        if (!/(?:^|\/)docker$/.test(repo) || !tag) return false;
        const version = /^(\d+\.\d+\.\d+)/.exec(tag)?.[1];
        return !!version && defectsOf('docker', version).some((d) => d.scope === 'dind-docker-push');
      })
      .map((v) => v.at('name')),
  );
};

/**
 * `kaniko-unmaintained`: a Kaniko image on the runner side (`gcr.io/kaniko-project/executor` as the runner's default
 * job image or a runner service): its line.
 */
const kanikoUnmaintained: Detector = (s) =>
  unique([
    ...runners(s).flatMap((r) =>
      ['docker', 'kubernetes'].map((section) =>
        /kaniko-project\/executor/.test(str(asObject(r.data[section]).image) ?? '') ? r.at(section, 'image') : null,
      ),
    ),
    ...runnerServices(s)
      .filter((v) => /kaniko-project\/executor/.test(v.name))
      .map((v) => v.at('name')),
  ]);

/**
 * `buildkit-no-process-sandbox`: `--oci-worker-no-process-sandbox` in a runner `environment` item
 * (`BUILDKITD_FLAGS=...`) or a runner service's command item: that item's line.
 */
const buildkitNoProcessSandbox: Detector = (s) =>
  unique([
    ...runners(s).flatMap((r) =>
      environment(r)
        .filter((e) => e.value.includes('--oci-worker-no-process-sandbox'))
        .map((e) => e.pos),
    ),
    ...runnerServices(s).flatMap((v) =>
      v.command.flatMap((w, i) => (w.includes('--oci-worker-no-process-sandbox') ? [v.at('command', i)] : [])),
    ),
  ]);

/**
 * `dind-tls-off`: Docker-in-Docker without TLS set on the runner side: the runner's `environment` item
 * `DOCKER_TLS_CERTDIR=` (empty) or `DOCKER_HOST=tcp://...:2375`, or a runner dind service's `environment` item
 * `DOCKER_TLS_CERTDIR=` or command item `--tls=false`. The first such line per runner.
 */
const dindTlsOff: Detector = (s) =>
  unique(
    runners(s).map((r) => {
      const lines = [
        ...environment(r)
          .filter(
            (e) =>
              (e.name === 'DOCKER_TLS_CERTDIR' && e.value.trim() === '') ||
              (e.name === 'DOCKER_HOST' && /^tcp:\/\/[^/]*:2375\b/.test(e.value)),
          )
          .map((e) => e.pos),
        ...runnerServices(s)
          .filter((v) => v.runner.index === r.index && isDindImage(v.name))
          .flatMap((v) => [
            ...v.environment.flatMap((e, i) => (/^DOCKER_TLS_CERTDIR=\s*$/.test(e) ? [v.at('environment', i)] : [])),
            ...v.command.flatMap((w, i) => (w === '--tls=false' ? [v.at('command', i)] : [])),
          ]),
      ].filter((p): p is SourcePos => p !== null);
      return lines.sort((a, b) => a.line - b.line)[0] ?? null;
    }),
  );

/**
 * `password-on-command-line`: `docker|buildah|podman|skopeo login ... -p X` / `--password X` / `--password=X` (not
 * `--password-stdin`) in a runner script (`pre_get_sources_script`, `pre_build_script`, `post_build_script`): the
 * line of the command inside the script (the key's line plus the command's line in the value).
 */
const passwordOnCommandLine: Detector = (s) => {
  const text = (s.runner && s.files.find((f) => f.path === s.runner?.path)?.content) ?? '';
  const fileLines = text.split('\n');
  return unique(
    runners(s).flatMap((r) =>
      ['pre_get_sources_script', 'pre_build_script', 'post_build_script'].flatMap((key) => {
        const script = str(r.data[key]);
        const pos = r.at(key);
        if (!script || !pos) return [];
        // A multi-line string whose delimiter ends the key's line starts on the next line (TOML trims that newline).
        const opensBlock = /(?:"""|''')\s*$/.test(fileLines[pos.line - 1] ?? '');
        return script
          .split('\n')
          .flatMap((line, n) =>
            /\b(?:docker|buildah|podman|skopeo)\s+login\b/.test(line) &&
            /(?:^|\s)(?:-p\s*\S|--password(?:=|\s+)(?!-)\S)/.test(line.replace(/--password-stdin/g, ''))
              ? [{ ...pos, line: pos.line + n + (opensBlock ? 1 : 0), column: 1 }]
              : [],
          );
      }),
    ),
  );
};

// Failures of the troubleshooter (FAILURE_IDS) that the runner side shows.

/**
 * `dind-not-privileged`: Docker-in-Docker (a dind service of a job in `.gitlab-ci.yml`, or of the runner itself) on
 * a Docker or Kubernetes runner that does not run privileged containers, while no runner of the file does: the
 * runner's `privileged = false` line, else its executor line. Source: https://docs.gitlab.com/ci/docker/using_docker_build/#use-docker-in-docker
 */
const dindNotPrivileged: Detector = (s) => {
  // docker-windows has no privileged mode and no dind image at all: that is `windows-pipe-binding`.
  const candidates = runners(s).filter(
    (r) => (DOCKER_EXECUTORS.has(r.executor ?? '') && r.executor !== 'docker-windows') || r.executor === 'kubernetes',
  );
  const section = (r: RunnerEntry) => (r.executor === 'kubernetes' ? 'kubernetes' : 'docker');
  const privileged = (r: RunnerEntry) =>
    asObject(r.data[section(r)]).privileged === true || asObject(r.data.docker).services_privileged === true;
  if (candidates.some(privileged)) return [];
  return unique(
    candidates
      .filter((r) => ciUsesDind(s) || runnerUsesDind(r, s))
      .map((r) => r.at(section(r), 'privileged') ?? r.home()),
  );
};

/**
 * `socket-plus-dind-conflict`: a runner that mounts the host's docker.sock while its jobs (or the runner's own
 * services) use a Docker-in-Docker service: the socket volume item's line.
 */
const socketPlusDindConflict: Detector = (s) =>
  unique(
    dockerVolumes(s)
      .filter((v) => isDockerSock(splitVolume(v.value).source) && (ciUsesDind(s) || runnerUsesDind(v.runner, s)))
      .map((v) => v.pos),
  );

/**
 * `windows-linux-volume`: a docker-windows runner volume without a drive letter or named pipe (`/cache`): the
 * executor refuses it ("invalid volume specification"). The item's line.
 */
const windowsLinuxVolume: Detector = (s) =>
  unique(
    dockerVolumes(s)
      .filter(
        (v) =>
          v.runner.executor === 'docker-windows' && !/^(?:[A-Za-z]:[\\/]|\\\\\.\\pipe\\|\/\/\.\/pipe\/)/.test(v.value),
      )
      .map((v) => v.pos),
  );

/**
 * `windows-pipe-binding`: a docker-windows runner whose jobs use a Docker-in-Docker service (there is no Windows
 * dind image): the runner's executor line.
 */
const windowsPipeBinding: Detector = (s) =>
  unique(
    runners(s)
      .filter((r) => r.executor === 'docker-windows' && (ciUsesDind(s) || runnerUsesDind(r, s)))
      .map((r) => r.at('executor')),
  );

/**
 * `per-build-network-dns`: `FF_NETWORK_PER_BUILD` on (`[runners.feature_flags]` or a runner `environment` item) on
 * a runner whose jobs use Docker-in-Docker: the flag's line.
 */
const perBuildNetworkDns: Detector = (s) =>
  unique(
    runners(s).flatMap((r) => {
      if (!ciUsesDind(s) && !runnerUsesDind(r, s)) return [];
      const flag =
        asObject(r.data.feature_flags).FF_NETWORK_PER_BUILD === true
          ? r.at('feature_flags', 'FF_NETWORK_PER_BUILD')
          : null;
      const env = environment(r)
        .filter((e) => e.name === 'FF_NETWORK_PER_BUILD' && /^(?:true|1)$/i.test(e.value.trim()))
        .map((e) => e.pos);
      return [flag, ...env];
    }),
  );

/**
 * `k8s-dind-certs-race`: a Kubernetes runner whose jobs use Docker-in-Docker with TLS (the CI does not set
 * `DOCKER_TLS_CERTDIR: ""`) and that declares no volume at `/certs/client` (or `/certs`) shared by the job and the
 * service: the `[runners.kubernetes]` line.
 */
const k8sDindCertsRace: Detector = (s) => {
  if (!ciUsesDind(s)) return [];
  const tlsOff = (vars: Record<string, { value: string }>) => vars.DOCKER_TLS_CERTDIR?.value.trim() === '';
  const ci = s.ci;
  const tls = ciJobs(s).some(
    (j) => j.services.some((v) => isDindImage(v.name)) && !tlsOff({ ...(ci?.variables ?? {}), ...j.variables }),
  );
  if (!tls) return [];
  const volumes = k8sVolumes(s);
  return unique(
    k8sRunners(s)
      .filter(
        (r) =>
          !volumes.some(
            (v) =>
              v.runner.index === r.index &&
              ['/certs/client', '/certs'].includes(trimSlash(str(v.data.mount_path) ?? '')),
          ),
      )
      .map((r) => r.at('kubernetes') ?? r.home()),
  );
};

/**
 * `dind-tls-port-mismatch`: a runner `environment` whose `DOCKER_HOST` port contradicts its `DOCKER_TLS_CERTDIR`
 * (`tcp://...:2376` with `DOCKER_TLS_CERTDIR=` empty, or `:2375` with a certificate directory): the DOCKER_HOST
 * item's line.
 */
const dindTlsPortMismatch: Detector = (s) =>
  unique(
    runners(s).flatMap((r) => {
      const env = environment(r);
      const certdir = env.find((e) => e.name === 'DOCKER_TLS_CERTDIR');
      const host = env.find((e) => e.name === 'DOCKER_HOST');
      if (!certdir || !host) return [];
      const port = /^tcp:\/\/[^/]*:(\d+)/.exec(host.value.trim())?.[1];
      const tls = certdir.value.trim() !== '';
      return (port === '2376' && !tls) || (port === '2375' && tls) ? [host.pos] : [];
    }),
  );

// ---------------------------------------------------------------------------------------------------------------

/** Finding id (catalog or failure) -> detector of the runner side. */
export const RUNNER_DETECTORS: Readonly<Record<string, Detector>> = {
  'privileged-container': privilegedContainer,
  'docker-group-root': dockerGroupRoot,
  'host-socket': hostSocket,
  'host-pipe': hostPipe,
  'shared-host-daemon': sharedHostDaemon,
  'k8s-socket-containerd': k8sSocketContainerd,
  'dind-tls-off': dindTlsOff,
  'certs-volume-shared': certsVolumeShared,
  'image-not-fully-pinned': imageNotFullyPinned,
  'version-known-defect': versionKnownDefect,
  'password-on-command-line': passwordOnCommandLine,
  'mounted-config-readonly': mountedConfigReadonly,
  'buildkit-no-process-sandbox': buildkitNoProcessSandbox,
  'unconfined-security': unconfinedSecurity,
  'k8s-build-exemption': k8sBuildExemption,
  'kaniko-unmaintained': kanikoUnmaintained,
  'legacy-registration-token': legacyRegistrationToken,
  'insecure-mirror': insecureMirror,
  'plain-http-registry': plainHttpRegistry,
  'autoscaled-instance-reused': autoscaledInstanceReused,
  'docker-machine-deprecated': dockerMachineDeprecated,
  'dind-tls-port-mismatch': dindTlsPortMismatch,
  'dind-not-privileged': dindNotPrivileged,
  'socket-plus-dind-conflict': socketPlusDindConflict,
  'per-build-network-dns': perBuildNetworkDns,
  'k8s-dind-certs-race': k8sDindCertsRace,
  'windows-pipe-binding': windowsPipeBinding,
  'windows-linux-volume': windowsLinuxVolume,
};

/** The ids above that are known failures of the troubleshooter (reported with severity high and its texts). */
export const RUNNER_FAILURE_IDS: readonly string[] = Object.keys(RUNNER_DETECTORS).filter((id) =>
  (FAILURE_IDS as readonly string[]).includes(id),
);

/** Every other id above is a catalog finding (checked by the tests). */
export const RUNNER_CATALOG_IDS: readonly string[] = Object.keys(RUNNER_DETECTORS).filter((id) =>
  FINDING_RULES.some((r) => r.id === id),
);
