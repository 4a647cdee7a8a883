/**
 * Checkers for the failures of failures.md: given a set of files (generated, or a user's own files), does the setup
 * have the failure's cause? Each checker reads the files parsed (.gitlab-ci.yml as YAML, config.toml and Helm's
 * runners.config as TOML, daemon.json as JSON, scripts split into shell words), never the answers.
 *
 * A checker states the condition under which the error of the log occurs, in the environment that error reveals:
 * e.g. `dind-mtu-hang` holds for a dind daemon without `--mtu` (the log showed that the outer network is smaller than
 * 1500), `dind-proxy` for a setup without any proxy setting (the log showed that registries are only reachable
 * through one), `private-ca-x509` for a builder that is given no CA (the log showed a registry with a private CA).
 */
import { parse as parseToml } from '@iarna/toml';
import { parse as parseYaml } from 'yaml';
import type { FailureId } from '../core/troubleshoot';
import { GITLAB_RESERVED_KEYWORDS, psCommands, shellCommands, type FileLike } from './reference';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const strings = (v: unknown): string[] =>
  asArr(v)
    .filter((x) => typeof x === 'string' || typeof x === 'number')
    .map(String);

export interface Service {
  name: string;
  aliases: string[];
  command: string[];
  entrypoint: string[];
  variables: Record<string, string>;
  /** Declared in the runner configuration rather than in .gitlab-ci.yml. */
  runner: boolean;
}

export interface Image {
  name: string;
  entrypoint: string[] | null;
}

export interface Job {
  name: string;
  image: Image | null;
  services: Service[];
  variables: Record<string, string>;
  rules: Obj[];
  /** before_script, script and after_script lines as run. */
  lines: string[];
  /** Every command of `lines`, split into words, in order. */
  commands: string[][];
}

export interface Setup {
  file: (path: string) => string | undefined;
  ciText: string;
  jobs: Job[];
  /** `variables:` at the top of .gitlab-ci.yml. */
  variables: Record<string, string>;
  runner: Obj | null;
  executor: string | null;
  docker: Obj | null;
  kubernetes: Obj | null;
  runnerServices: Service[];
  runnerEnvironment: string[];
  dockerVolumes: string[];
  k8sVolumes: { kind: string; name: string; mountPath: string; hostPath: string }[];
  daemonJson: Obj | null;
  buildkitdToml: Obj | null;
  setupMd: string;
  windows: boolean;
}

const RESERVED = new Set<string>(GITLAB_RESERVED_KEYWORDS);

function variablesOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(asObj(v)))
    out[k] = typeof x === 'object' && x !== null ? String(asObj(x).value ?? '') : String(x);
  return out;
}

/** The aliases GitLab gives a service: its `alias` (comma or space separated) or the two derived from the name. */
function aliasesOf(name: string, alias: unknown): string[] {
  if (typeof alias === 'string' && alias.trim())
    return alias
      .split(/[,\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  const base = name.replace(/(@[^@]+|:[^:/]+)$/, '');
  return [base.replace(/\//g, '__'), base.replace(/\//g, '-')];
}

function serviceOf(v: unknown, runner: boolean): Service {
  if (typeof v === 'string')
    return { name: v, aliases: aliasesOf(v, undefined), command: [], entrypoint: [], variables: {}, runner };
  const o = asObj(v);
  const name = String(o.name ?? '');
  const variables = variablesOf(o.variables);
  for (const e of strings(o.environment)) {
    const i = e.indexOf('=');
    if (i > 0) variables[e.slice(0, i)] = e.slice(i + 1);
  }
  return {
    name,
    aliases: aliasesOf(name, o.alias),
    command: strings(o.command),
    entrypoint: strings(o.entrypoint),
    variables,
    runner,
  };
}

function imageOf(v: unknown): Image | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return { name: v, entrypoint: null };
  const o = asObj(v);
  return { name: String(o.name ?? ''), entrypoint: o.entrypoint === undefined ? null : strings(o.entrypoint) };
}

function splitCommands(text: string, windows: boolean): string[][] {
  try {
    // PowerShell's `${env:NAME}` is read as `$NAME`, so that the checks are shared with POSIX shells.
    if (windows || /\$\{env:/.test(text))
      return psCommands(text).map((c) => c.map((w) => w.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$$1')));
    return shellCommands(text);
  } catch {
    return text
      .split(/[\n;|&]+/)
      .map((c) => c.trim().split(/\s+/).filter(Boolean))
      .filter((c) => c.length > 0);
  }
}

/** Parses the files of a setup. Missing files are simply absent (a hosted runner has no config.toml). */
export function parseSetup(files: FileLike[]): Setup {
  const file = (path: string) => files.find((f) => f.path === path)?.content;
  const ciText = file('.gitlab-ci.yml') ?? '';
  const ci = asObj(parseYaml(ciText));
  const def = asObj(ci.default);

  let runner: Obj | null = null;
  const toml =
    file('config.toml') ??
    (file('values.yaml') !== undefined
      ? String(asObj(asObj(parseYaml(file('values.yaml') ?? '')).runners).config ?? '')
      : undefined);
  if (toml !== undefined && toml.trim() !== '') runner = asObj(asArr(parseToml(toml).runners)[0]);
  const docker = runner?.docker ? asObj(runner.docker) : null;
  const kubernetes = runner?.kubernetes ? asObj(runner.kubernetes) : null;
  const executor = runner ? String(runner.executor ?? (kubernetes ? 'kubernetes' : '')) : null;
  const runnerServices = [...asArr(docker?.services), ...asArr(kubernetes?.services)].map((s) => serviceOf(s, true));
  const k8sVolumes = Object.entries(asObj(kubernetes?.volumes)).flatMap(([kind, list]) =>
    asArr(list).map((v) => {
      const o = asObj(v);
      return {
        kind,
        name: String(o.name ?? ''),
        mountPath: String(o.mount_path ?? ''),
        hostPath: String(o.host_path ?? ''),
      };
    }),
  );
  const allImages = [ci.image, def.image, ...Object.values(ci).map((j) => asObj(j).image)]
    .map(imageOf)
    .filter((i): i is Image => i !== null);
  const windows =
    executor === 'docker-windows' ||
    /windows/.test(JSON.stringify(asObj(kubernetes?.node_selector))) ||
    allImages.some((i) => /windowsservercore|nanoserver/.test(i.name));

  const globalVars = variablesOf(ci.variables);
  const jobs: Job[] = [];
  for (const [name, value] of Object.entries(ci)) {
    if (RESERVED.has(name) || name.startsWith('.')) continue;
    const j = asObj(value);
    if (j.script === undefined && j.trigger === undefined) continue;
    const pick = (key: string) => (j[key] !== undefined ? j[key] : def[key] !== undefined ? def[key] : ci[key]);
    const lines = [...strings(pick('before_script')), ...strings(j.script), ...strings(pick('after_script'))];
    jobs.push({
      name,
      image: imageOf(pick('image')),
      services: asArr(pick('services')).map((s) => serviceOf(s, false)),
      variables: { ...globalVars, ...variablesOf(j.variables) },
      rules: asArr(j.rules).map(asObj),
      lines,
      commands: lines.flatMap((l) => splitCommands(l, windows)),
    });
  }

  let daemonJson: Obj | null = null;
  if (file('daemon.json') !== undefined) daemonJson = asObj(JSON.parse(file('daemon.json') ?? '{}'));
  let buildkitdToml: Obj | null = null;
  if (file('buildkitd.toml') !== undefined) buildkitdToml = asObj(parseToml(file('buildkitd.toml') ?? ''));

  return {
    file,
    ciText,
    jobs,
    variables: globalVars,
    runner,
    executor,
    docker,
    kubernetes,
    runnerServices,
    runnerEnvironment: strings(runner?.environment),
    dockerVolumes: strings(docker?.volumes),
    k8sVolumes,
    daemonJson,
    buildkitdToml,
    setupMd: file('SETUP.md') ?? '',
    windows,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Shared facts

const isDind = (s: Service): boolean => /(^|\/)docker:(?:[^/]*-)?dind(?:-rootless)?$/.test(s.name);
const isBuildkitdService = (s: Service): boolean => /(^|\/)moby\/buildkit:(?![^/]*rootless)[^/]*$/.test(s.name);
const services = (s: Setup): Service[] => [...s.jobs.flatMap((j) => j.services), ...s.runnerServices];
const dinds = (s: Setup): Service[] => services(s).filter(isDind);
const commands = (s: Setup): string[][] => s.jobs.flatMap((j) => j.commands);
const k8s = (s: Setup): boolean => s.executor === 'kubernetes';
const dockerLike = (s: Setup): boolean => ['docker', 'docker-autoscaler', 'docker+machine'].includes(s.executor ?? '');
const jobImages = (s: Setup): Image[] => s.jobs.map((j) => j.image).filter((i): i is Image => i !== null);
const varsOf = (s: Setup): Record<string, string> => Object.assign({}, s.variables, ...s.jobs.map((j) => j.variables));
const isBuild = (c: string[]): boolean =>
  (c[0] === 'docker' && (c[1] === 'build' || (c[1] === 'buildx' && c[2] === 'build'))) ||
  ((c[0] === 'buildctl' || c[0] === 'buildctl-daemonless.sh') && c.includes('build')) ||
  ((c[0] === 'buildah' || c[0] === 'podman') && (c[1] === 'build' || c[1] === 'bud')) ||
  /(^|\/)kaniko\/executor$/.test(c[0] ?? '') ||
  c[0] === 'executor';
const builds = (s: Setup): string[][] => commands(s).filter(isBuild);
const DOCKER_DAEMON_COMMANDS = new Set([
  'build',
  'buildx',
  'info',
  'push',
  'pull',
  'run',
  'login',
  'compose',
  'tag',
  'image',
]);
const runsDocker = (s: Setup): boolean =>
  commands(s).some((c) => c[0] === 'docker' && DOCKER_DAEMON_COMMANDS.has(c[1] ?? ''));
/** Values of an option in a command: `--tag x` and `--tag=x`. */
function optionValues(c: string[], ...names: string[]): string[] {
  const out: string[] = [];
  c.forEach((w, i) => {
    for (const n of names) {
      if (w === n && c[i + 1] !== undefined) out.push(c[i + 1] as string);
      else if (w.startsWith(`${n}=`)) out.push(w.slice(n.length + 1));
    }
  });
  return out;
}
const daemonPort = (s: Setup): string | undefined => /:(\d+)\/?$/.exec(varsOf(s).DOCKER_HOST ?? '')?.[1];
const tlsOn = (s: Setup): boolean => {
  const v = varsOf(s);
  return v.DOCKER_TLS_CERTDIR !== '' && daemonPort(s) !== '2375';
};
const healthcheckPort = (svc: Service): string | undefined => svc.variables.HEALTHCHECK_TCP_PORT;
const imageTag = (name: string): string => /:([^:/@]+)(?:@.*)?$/.exec(name)?.[1] ?? 'latest';

/** Registry host of an image or tag: '$CI_REGISTRY' for the project's registry, 'docker.io' for Docker Hub. */
export function registryOf(ref: string): string | null {
  const r = ref.replace(/^docker:\/\//, '');
  if (/^\$\{?CI_REGISTRY(?:_IMAGE)?\}?(?:[/:]|$)/.test(r)) return '$CI_REGISTRY';
  if (/^\$\{?CI_DEPENDENCY_PROXY/.test(r)) return '$CI_DEPENDENCY_PROXY_SERVER';
  if (r.startsWith('$')) return null;
  const first = r.split('/')[0] ?? '';
  const hasHost = r.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasHost) return 'docker.io';
  const host = first.toLowerCase();
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io'].includes(host) ? 'docker.io' : host;
}

function normalizeRegistry(key: string): string {
  const k = key.trim();
  if (/CI_DEPENDENCY_PROXY_SERVER/.test(k)) return '$CI_DEPENDENCY_PROXY_SERVER';
  if (/^\$\{?CI_REGISTRY\}?$/.test(k)) return '$CI_REGISTRY';
  const host = k
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io', ''].includes(host) ? 'docker.io' : host;
}

/** Registries the jobs log in to; 'all' when the credentials come from a file whose content is unknown. */
function loggedIn(s: Setup): Set<string> | 'all' {
  if (/DOCKER_AUTH_CONFIG/.test(s.ciText) && s.jobs.some((j) => j.lines.some((l) => /config\.json/.test(l))))
    return 'all';
  if (s.dockerVolumes.some((v) => /config\.json/.test(v)) || s.k8sVolumes.some((v) => /config\.json/.test(v.mountPath)))
    return 'all';
  const out = new Set<string>();
  for (const c of commands(s)) {
    if (!['docker', 'buildah', 'podman'].includes(c[0] ?? '') || c[1] !== 'login') continue;
    const positional: string[] = [];
    for (let i = 2; i < c.length; i++) {
      const w = c[i] as string;
      if (['-u', '--username', '-p', '--password'].includes(w)) i++;
      else if (!w.startsWith('-')) positional.push(w);
    }
    out.add(positional[0] === undefined ? 'docker.io' : normalizeRegistry(positional[0]));
  }
  // ~/.docker/config.json written by the job (BuildKit, Kaniko): "KEY": { "auth": ... }
  for (const m of s.ciText.matchAll(/\\?"([^"\\\s]+)\\?"\s*:\s*\{[^{}]{0,80}?\\?"auth\\?"/g))
    if (m[1] !== 'auths') out.add(normalizeRegistry(m[1] ?? ''));
  for (const m of s.ciText.matchAll(/\\?"(\$\(echo -n \$CI_DEPENDENCY_PROXY_SERVER[^"]*?)\\?"\s*:/g))
    out.add(normalizeRegistry(m[1] ?? ''));
  return out;
}

/** Images and tags a job pushes. */
function pushTargets(s: Setup): string[] {
  const out: string[] = [];
  for (const c of commands(s)) {
    if (c[0] === 'docker' && c[1] === 'push') out.push(...c.slice(2).filter((w) => !w.startsWith('-')));
    if (c[0] === 'docker' && (c[1] === 'build' || c[2] === 'build') && c.includes('--push'))
      out.push(...optionValues(c, '--tag', '-t'));
    if ((c[0] === 'buildctl' || c[0] === 'buildctl-daemonless.sh') && c.includes('build'))
      for (const o of optionValues(c, '--output', '-o')) {
        if (!/push=true/.test(o)) continue;
        const quoted = /"name=([^"]*)"/.exec(o)?.[1];
        const names = quoted ?? /name=([^,]*)/.exec(o)?.[1] ?? '';
        out.push(...names.split(',').filter(Boolean));
      }
    if ((c[0] === 'buildah' || c[0] === 'podman') && c[1] === 'push') {
      const args = c.slice(2).filter((w) => !w.startsWith('-'));
      out.push(args[1] ?? args[0] ?? '');
    }
    if ((c[0] === 'buildah' || c[0] === 'podman') && c[1] === 'manifest' && c[2] === 'push') {
      const args = c.slice(3).filter((w) => !w.startsWith('-'));
      out.push(args[1] ?? args[0] ?? '');
    }
    if (/kaniko\/executor$/.test(c[0] ?? '')) out.push(...optionValues(c, '--destination', '-d'));
  }
  return out.filter(Boolean);
}

const PUBLIC_REGISTRIES = new Set([
  'docker.io',
  'quay.io',
  'gcr.io',
  'ghcr.io',
  'mcr.microsoft.com',
  'registry.k8s.io',
  'public.ecr.aws',
  'mirror.gcr.io',
  '$CI_REGISTRY',
  '$CI_DEPENDENCY_PROXY_SERVER',
]);

const dockerMajor = (image: string): number | null => {
  const m = /(?:^|\/)docker(?::([^@\s]+))?$/.exec(image.replace(/^\$\{[A-Z_]+\}\//, ''));
  if (!m) return null;
  const tag = m[1] ?? 'latest';
  if (/^stable/.test(tag)) return 19; // docker:stable stopped at 19.03
  const n = /^(\d+)/.exec(tag)?.[1];
  return n === undefined ? 29 : Number(n);
};

/**
 * Whether the files declare `host` plain HTTP to the builder that talks to it: a Buildx builder's buildkitd.toml
 * written by the job, the dind daemon's flag or daemon.json, a host daemon's daemon.json, rootless BuildKit's
 * buildkitd.toml, Buildah's or Podman's registries.conf (`insecure = true`) or `--tls-verify=false`.
 */
function declaredPlainHttp(s: Setup, host: string): boolean {
  const h = host.toLowerCase();
  const cmds = commands(s);
  const text = s.ciText.toLowerCase();
  const daemonJson = asArr(s.daemonJson?.['insecure-registries']).map((x) => String(x).toLowerCase());
  if (cmds.some((c) => c[0] === 'docker' && c[1] === 'buildx' && c[2] === 'create'))
    return text.includes(`[registry."${h}"]`) && /http = true/.test(text);
  if (dinds(s).length > 0)
    return (
      dinds(s).some((x) =>
        x.command.some(
          (w, i) =>
            w.toLowerCase() === `--insecure-registry=${h}` ||
            (w === '--insecure-registry' && x.command[i + 1]?.toLowerCase() === h),
        ),
      ) || daemonJson.includes(h)
    );
  if (cmds.some((c) => c[0] === 'buildah' || c[0] === 'podman'))
    return (
      (text.includes(`location = "${h}"`) && /insecure = true/.test(text)) ||
      cmds.some((c) => (c[0] === 'buildah' || c[0] === 'podman') && c.includes('--tls-verify=false'))
    );
  if (cmds.some((c) => c[0] === 'buildctl-daemonless.sh' || c[0] === 'buildctl')) {
    const registries = Object.entries(asObj(s.buildkitdToml?.registry));
    return registries.some(([k, v]) => k.toLowerCase() === h && asObj(v).http === true);
  }
  if (runsDocker(s)) return daemonJson.includes(h);
  return false;
}

// ---------------------------------------------------------------------------------------------------------------

export const FAILURE_CHECKS: Record<FailureId, (s: Setup) => boolean> = {
  'dind-tls-port-mismatch': (s) => {
    if (dinds(s).length === 0) return false;
    const host = varsOf(s).DOCKER_HOST ?? '';
    const m = /^tcp:\/\/[^:/]+:(\d+)/.exec(host);
    if (!m) return false;
    const certdirOn = varsOf(s).DOCKER_TLS_CERTDIR !== ''; // unset: dind's default /certs turns TLS on
    if (m[1] === '2375') return certdirOn;
    if (m[1] !== '2376') return false;
    if (!certdirOn) return true;
    if (dockerLike(s) && !s.dockerVolumes.some((v) => /^\/certs(\/client)?(:|$)/.test(v))) return true;
    return k8s(s) && !varsOf(s).DOCKER_TLS_VERIFY;
  },
  'dind-not-privileged': (s) => {
    if (!s.runner) return false;
    if (!services(s).some((x) => isDind(x) || isBuildkitdService(x))) return false;
    return (s.docker ?? s.kubernetes ?? {}).privileged !== true;
  },
  'socket-permission-denied': (s) =>
    s.executor === 'shell' && runsDocker(s) && !/usermod -aG docker gitlab-runner/.test(s.setupMd),
  'no-daemon-reachable': (s) => {
    if (!runsDocker(s) || s.executor === 'shell' || s.windows) return false;
    const host = varsOf(s).DOCKER_HOST;
    if (dinds(s).length > 0 && (host !== undefined || !k8s(s))) return false;
    return !(dockerLike(s) && s.dockerVolumes.some((v) => /docker\.sock:/.test(v)));
  },
  'docker29-client-too-old': (s) => {
    const cli = jobImages(s)
      .map((i) => dockerMajor(i.name))
      .find((x) => x !== null);
    if (cli === undefined || cli === null || cli >= 25) return false;
    const dind = dinds(s)
      .map((x) => dockerMajor(x.name.replace(/-dind(-rootless)?$/, '').replace(/:dind$/, '')))
      .find((x) => x !== null);
    return !(dind !== undefined && dind !== null && dind === cli);
  },
  'dockerhub-rate-limit': (s) => {
    const pulls = [...jobImages(s).map((i) => i.name), ...services(s).map((x) => x.name)];
    const fromHub = pulls.some((n) => registryOf(n) === 'docker.io') || builds(s).length > 0;
    if (!fromHub) return false;
    const logins = loggedIn(s);
    if (logins === 'all' || logins.has('docker.io')) return false;
    if (/DOCKER_AUTH_CONFIG/.test(s.ciText)) return false;
    const mirror =
      services(s).some((x) => x.command.includes('--registry-mirror')) ||
      asArr(s.daemonJson?.['registry-mirrors']).length > 0 ||
      asArr(asObj(asObj(s.buildkitdToml?.registry)['docker.io']).mirrors).length > 0;
    const proxy = /CI_DEPENDENCY_PROXY/.test(s.ciText);
    return !mirror && !proxy;
  },
  'dind-hostname-unresolved': (s) => {
    if (s.executor === 'shell' && s.jobs.some((j) => j.services.length > 0)) return true;
    if (
      [...s.dockerVolumes, ...s.k8sVolumes.flatMap((v) => [v.mountPath, v.hostPath])].some((v) =>
        /\/etc\/hosts/.test(v),
      )
    )
      return true;
    const host = /^tcp:\/\/([^:/]+)/.exec(varsOf(s).DOCKER_HOST ?? '')?.[1];
    if (host === undefined || host === 'localhost' || /^[\d.]+$/.test(host) || host.includes('.')) return false;
    return !services(s).some((x) => x.aliases.includes(host));
  },
  'private-ca-x509': (s) => {
    const text = s.ciText;
    if (dinds(s).length > 0) {
      if (!s.runner) return true; // a hosted runner's dind cannot be given a CA
      return !(
        s.dockerVolumes.some((v) => v.includes('/etc/docker/certs.d')) ||
        s.k8sVolumes.some((v) => v.mountPath.startsWith('/etc/docker/certs.d'))
      );
    }
    const cmds = commands(s);
    if (cmds.some((c) => c[0] === 'buildctl' || c[0] === 'buildctl-daemonless.sh')) return !/SSL_CERT_FILE/.test(text);
    if (cmds.some((c) => c[0] === 'buildah' || c[0] === 'podman')) return !text.includes('/etc/containers/certs.d');
    if (cmds.some((c) => /kaniko\/executor$/.test(c[0] ?? '')))
      return !/--registry-certificate|\/kaniko\/ssl\/certs/.test(text);
    if (runsDocker(s)) return !s.setupMd.includes('/etc/docker/certs.d');
    return false;
  },
  'socket-plus-dind-conflict': (s) =>
    dinds(s).length > 0 &&
    (s.dockerVolumes.some((v) => v.includes('docker.sock')) ||
      s.k8sVolumes.some((v) => v.hostPath.includes('docker.sock') || v.mountPath.includes('docker.sock'))),
  'protected-var-empty-login': (s) =>
    s.jobs.some((j) => {
      const logins = j.lines.filter(
        (l) => /\b(?:docker|buildah|podman) login\b/.test(l) || (/config\.json/.test(l) && /auth/.test(l)),
      );
      const userVars = logins.flatMap((l) =>
        [...l.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)]
          .map((m) => m[1] ?? '')
          .filter((v) => !v.startsWith('CI_') && v !== 'HOME'),
      );
      if (userVars.length === 0) return false;
      return !j.rules.some((r) => /\$CI_COMMIT_REF_PROTECTED == "true"/.test(String(r.if ?? '')));
    }),
  'push-access-denied': (s) => {
    const logins = loggedIn(s);
    if (logins === 'all') return false;
    return pushTargets(s).some((t) => {
      const r = registryOf(t);
      return r !== null && !logins.has(r);
    });
  },
  'k8s-dind-certs-race': (s) => {
    if (!k8s(s) || dinds(s).length === 0 || !tlsOn(s)) return false;
    const volume = s.k8sVolumes.some((v) => v.kind === 'empty_dir' && v.mountPath === '/certs/client');
    return !volume || !dinds(s).every((x) => healthcheckPort(x) !== undefined);
  },
  'k8s-service-args-and-healthcheck': (s) => {
    if (!k8s(s)) return false;
    if (services(s).some((x) => [...x.command, ...x.entrypoint].some((w) => w.includes('$')))) return true;
    return dinds(s).some((x) => healthcheckPort(x) === undefined);
  },
  'buildx-cache-export-docker-driver': (s) =>
    s.jobs.some((j) => {
      let builder = false;
      for (const c of j.commands) {
        if (c[0] === 'docker' && c[1] === 'buildx' && (c[2] === 'create' || c[2] === 'use')) {
          const driver = optionValues(c, '--driver')[0] ?? 'docker-container';
          if ((c[2] === 'use' || c.includes('--use')) && driver !== 'docker') builder = true;
        }
        const isDockerBuild = c[0] === 'docker' && (c[1] === 'build' || (c[1] === 'buildx' && c[2] === 'build'));
        if (!isDockerBuild) continue;
        const exports = optionValues(c, '--cache-to').filter((v) => !v.startsWith('type=inline'));
        if (exports.length > 0 && !builder && optionValues(c, '--builder').length === 0) return true;
      }
      return false;
    }),
  'buildx-tls-context': (s) => {
    const v = varsOf(s);
    const tlsEnv = v.DOCKER_TLS_VERIFY !== undefined || v.DOCKER_CERT_PATH !== undefined;
    if (!tlsEnv) return false;
    return s.jobs.some((j) => {
      const contexts = new Set<string>();
      for (const c of j.commands) {
        if (c[0] === 'docker' && c[1] === 'context' && c[2] === 'create' && c[3]) contexts.add(c[3]);
        if (c[0] === 'docker' && c[1] === 'buildx' && c[2] === 'create') {
          const positional: string[] = [];
          const valued = [
            '--name',
            '--driver',
            '--driver-opt',
            '--platform',
            '--buildkitd-flags',
            '--config',
            '--buildkitd-config',
            '--node',
          ];
          for (let i = 3; i < c.length; i++) {
            const w = c[i] as string;
            if (valued.includes(w)) i++;
            else if (!w.startsWith('-')) positional.push(w);
          }
          const endpoint = positional[positional.length - 1];
          if (endpoint === undefined || !contexts.has(endpoint)) return true;
        }
      }
      return false;
    });
  },
  'multiplatform-no-emulation': (s) =>
    s.jobs.some((j) => {
      let binfmt = false;
      let builder = false;
      for (const c of j.commands) {
        if (
          c[0] === 'docker' &&
          c[1] === 'run' &&
          c.some((w) => /tonistiigi\/binfmt/.test(w)) &&
          c.includes('--install')
        )
          binfmt = true;
        if (c[0] === 'docker' && c[1] === 'buildx' && c[2] === 'create' && c.includes('--use') && binfmt)
          builder = true;
        const platforms = [
          ...optionValues(c, '--platform'),
          ...optionValues(c, '--opt')
            .filter((o) => o.startsWith('platform='))
            .map((o) => o.slice('platform='.length)),
        ];
        if (!isBuild(c) || !platforms.some((p) => p.includes(','))) continue;
        if (c[0] === 'docker' && c[1] === 'build') return true;
        if (c[0] === 'docker' && c[1] === 'buildx' && !builder) return true;
        if (c[0] !== 'docker' && s.runner && !/binfmt/.test(s.setupMd)) return true;
      }
      return false;
    }),
  'cache-never-hits': (s) => {
    const list = builds(s);
    if (list.length === 0) return false;
    let exported = false;
    for (const c of list) {
      const to = [...optionValues(c, '--cache-to'), ...optionValues(c, '--export-cache')];
      for (const v of to) {
        if (v.startsWith('type=inline')) exported = true;
        else if (c[0] === 'buildah' || c[0] === 'podman') exported = true;
        else if (/image-manifest=true/.test(v) && /oci-mediatypes=true/.test(v)) exported = true;
        else return true; // a legacy cache manifest: rejected by some registries, never read back
      }
      if (optionValues(c, '--build-arg').includes('BUILDKIT_INLINE_CACHE=1')) exported = true;
      if (c[0] === 'docker' && c[1] === 'build' && optionValues(c, '--cache-from').length > 0)
        if (!optionValues(c, '--build-arg').includes('BUILDKIT_INLINE_CACHE=1')) return true;
      if (c.some((w) => w === '--cache=true' || w.startsWith('--cache-repo'))) exported = true; // Kaniko
    }
    return !exported;
  },
  'dind-startup-healthcheck': (s) => {
    const port = daemonPort(s);
    return dinds(s).some((x) => {
      const hc = healthcheckPort(x);
      if (hc === undefined) return k8s(s);
      return port !== undefined && hc !== port;
    });
  },
  'buildkit-rootless-share-mount': (s) => {
    const rootless =
      commands(s).some((c) => c[0] === 'buildctl-daemonless.sh') ||
      jobImages(s).some((i) => /moby\/buildkit:[^/]*rootless/.test(i.name));
    if (!rootless) return false;
    if (!/--oci-worker-no-process-sandbox/.test(varsOf(s).BUILDKITD_FLAGS ?? '')) return true;
    if (dockerLike(s)) {
      const opts = strings(s.docker?.security_opt);
      return !(opts.includes('seccomp:unconfined') && opts.includes('apparmor:unconfined'));
    }
    if (k8s(s))
      return (
        asObj(s.kubernetes?.pod_annotations)['container.apparmor.security.beta.kubernetes.io/build'] !== 'unconfined'
      );
    return false;
  },
  'buildkit-rootless-hang': (s) =>
    jobImages(s).some(
      (i) => /(^|\/)moby\/buildkit(:|$)/.test(i.name) && !(i.entrypoint?.length === 1 && i.entrypoint[0] === ''),
    ),
  'kaniko-deprecated': (s) =>
    jobImages(s).some((i) => /kaniko/i.test(i.name)) ||
    commands(s).some((c) => /(^|\/)kaniko\/executor$/.test(c[0] ?? '')),
  'kaniko-legacy-pitfalls': (s) =>
    s.jobs.some((j) => {
      if (!j.image || !/kaniko/i.test(j.image.name)) return false;
      if (!/debug/.test(imageTag(j.image.name))) return true;
      if (!(j.image.entrypoint?.length === 1 && j.image.entrypoint[0] === '')) return true;
      const keys = new Set<string>();
      for (const l of j.lines)
        for (const m of l.matchAll(/\\?"([^"\\\s]+)\\?"\s*:\s*\{\s*\\?"auth\\?"/g))
          keys.add(normalizeRegistry(m[1] ?? ''));
      const targets = j.commands
        .filter((c) => /kaniko\/executor$/.test(c[0] ?? ''))
        .flatMap((c) => optionValues(c, '--destination', '-d'))
        .map(registryOf)
        .filter((r): r is string => r !== null);
      return keys.size > 0 && targets.some((t) => !keys.has(t));
    }),
  'buildah-unprivileged': (s) => {
    const images = jobImages(s).filter((i) => /quay\.io\/(?:buildah|podman)\//.test(i.name));
    const used = images.length > 0 || commands(s).some((c) => c[0] === 'buildah' || c[0] === 'podman');
    if (!used) return false;
    const v = varsOf(s);
    if (v.STORAGE_DRIVER !== 'vfs' || v.BUILDAH_ISOLATION !== 'chroot') return true;
    if (images.some((i) => /buildah/.test(i.name) && /^v?1\.44(\.|$)/.test(imageTag(i.name)))) return true;
    if (dockerLike(s)) {
      const opts = strings(s.docker?.security_opt);
      return !(opts.includes('seccomp:unconfined') && opts.includes('apparmor:unconfined'));
    }
    return false;
  },
  'dind-mtu-hang': (s) =>
    dinds(s).some(
      (x) =>
        !x.command.some((w, i) => /^--mtu=\d+$/.test(w) || (w === '--mtu' && /^\d+$/.test(x.command[i + 1] ?? ''))),
    ),
  'dind-overlay-vfs': (s) =>
    k8s(s) && dinds(s).length > 0 && !s.k8sVolumes.some((v) => v.mountPath === '/var/lib/docker'),
  'dind-proxy': (s) => {
    if (builds(s).length === 0 && dinds(s).length === 0) return false;
    const names = /^(?:https?_proxy|no_proxy)$/i;
    const configured =
      Object.keys(varsOf(s)).some((k) => names.test(k)) ||
      s.runnerEnvironment.some((e) => names.test(e.split('=')[0] ?? '')) ||
      s.daemonJson?.proxies !== undefined ||
      builds(s).some((c) => c.some((w) => /(?:^|build-arg:)(?:HTTPS?_PROXY|https?_proxy)\b/.test(w)));
    return !configured;
  },
  'per-build-network-dns': (s) => dinds(s).some((x) => !x.command.some((w) => w === '--dns' || w.startsWith('--dns='))),
  'compose-v1-missing': (s) => commands(s).some((c) => c[0] === 'docker-compose'),
  'docker-auth-config': (s) => {
    const pulled = [...jobImages(s).map((i) => i.name), ...services(s).map((x) => x.name)];
    const privateImages = pulled.filter((n) => {
      const r = registryOf(n);
      return r !== null && !PUBLIC_REGISTRIES.has(r);
    });
    if (privateImages.length === 0) return false;
    const available =
      /\bDOCKER_AUTH_CONFIG\b/.test(s.ciText) || s.runnerEnvironment.some((e) => e.startsWith('DOCKER_AUTH_CONFIG='));
    return !available;
  },
  'dependency-proxy-auth': (s) => {
    const usesProxy = builds(s).some((c) =>
      c.some((w) => /CI_DEPENDENCY_PROXY_(?:DIRECT_)?GROUP_IMAGE_PREFIX/.test(w)),
    );
    if (!usesProxy) return false;
    const logins = loggedIn(s);
    return logins !== 'all' && !logins.has('$CI_DEPENDENCY_PROXY_SERVER');
  },
  // The log showed a registry answering in plain HTTP: any private registry the jobs push to or log in to that the
  // files do not declare plain HTTP to their builder.
  'registry-plain-http': (s) => {
    const hosts = new Set<string>();
    for (const t of pushTargets(s)) {
      const r = registryOf(t);
      if (r !== null && !PUBLIC_REGISTRIES.has(r)) hosts.add(r);
    }
    const logins = loggedIn(s);
    if (logins !== 'all') for (const r of logins) if (!PUBLIC_REGISTRIES.has(r)) hosts.add(r);
    return [...hosts].some((h) => !declaredPlainHttp(s, h));
  },
  // The log showed an unqualified FROM: Buildah or Podman without a single unqualified-search registry (or a
  // short-name mode that does not prompt) set by the job.
  'short-name-no-tty': (s) => {
    const used =
      commands(s).some((c) => c[0] === 'buildah' || c[0] === 'podman') ||
      jobImages(s).some((i) => /quay\.io\/(?:buildah|podman)\//.test(i.name));
    if (!used) return false;
    const single = /unqualified-search-registries = \[\s*"[^"]+"\s*\]/.test(s.ciText);
    const noPrompt = /short-name-mode = "(?:permissive|disabled)"/.test(s.ciText);
    return !(single || noPrompt);
  },
  // The log showed the container that builds was killed over its memory limit: the setup holds the cause unless the
  // runner gives that container memory of its own (the build container, or the dind/buildkitd service that builds).
  'build-oom-killed': (s) => {
    const daemonService = [...s.jobs.flatMap((j) => j.services), ...s.runnerServices].some((x) =>
      /dind|buildkit/.test(x.name),
    );
    if (s.kubernetes) return !(daemonService ? s.kubernetes.service_memory_limit : s.kubernetes.memory_limit);
    if (s.docker) return !(daemonService ? s.docker.service_memory : s.docker.memory);
    return true;
  },
  'windows-pipe-binding': (s) => {
    if (!s.windows) return false;
    if (dinds(s).length > 0) return true;
    if (s.executor === 'shell' || !runsDocker(s)) return false;
    const pipe =
      s.dockerVolumes.some((v) => /pipe[\\/]docker_engine/.test(v)) ||
      s.k8sVolumes.some((v) => /pipe[\\/]docker_engine/.test(v.hostPath));
    return !pipe;
  },
  // The instances' dockerd must be waited for (instance_ready_command running `docker info`) and reachable by the
  // connector user (SETUP.md puts that user in the instance image's docker group).
  'autoscaler-docker-unreachable': (s) => {
    if (s.executor !== 'docker-autoscaler') return false;
    const a = asObj(s.runner?.autoscaler);
    if (!s.runner?.autoscaler || typeof a.plugin !== 'string') return true;
    if (!/\bdocker info\b/.test(String(a.instance_ready_command ?? ''))) return true;
    const user = String(asObj(a.connector_config).username ?? '');
    return !user || !s.setupMd.includes(`usermod -aG docker ${user}`);
  },
  // The runner picks the helper from the host build; the log showed a build it has no helper for.
  'windows-unsupported-host-version': (s) =>
    s.executor === 'docker-windows' && !(typeof s.docker?.helper_image === 'string' && s.docker.helper_image !== ''),
  // A docker-windows volume without a drive letter or the named pipe.
  'windows-linux-volume': (s) =>
    s.executor === 'docker-windows' && s.dockerVolumes.some((v) => !/^(?:[A-Za-z]:\\|\\\\\.\\pipe\\)/.test(v)),
  // The log showed a namespace that rejects privileged containers, hostPath volumes and (its strictest reading, a
  // Gatekeeper rule or Pod Security restricted) containers that may gain privileges. The runner's own containers
  // (helper, services) must then be confined; the build container of a rootless builder needs an exemption that the
  // namespace's policy grants (SETUP.md), outside these files.
  'k8s-pod-security-rejected': (s) => {
    if (!k8s(s) || s.windows) return false;
    const kube = asObj(s.kubernetes);
    if (kube.privileged === true || s.k8sVolumes.some((v) => v.kind === 'host_path')) return true;
    const helper = asObj(kube.helper_container_security_context);
    const escalation = helper.allow_privilege_escalation ?? kube.allow_privilege_escalation;
    return escalation !== false;
  },
  // The log showed a pod on a node of another architecture than its images: without a kubernetes.io/arch node
  // selector (or a helper image that follows the runner's architecture) the amd64 helper can land anywhere.
  'k8s-node-arch-mismatch': (s) => {
    if (!k8s(s) || s.windows) return false;
    const kube = asObj(s.kubernetes);
    return asObj(kube.node_selector)['kubernetes.io/arch'] === undefined;
  },
  // The log showed Podman or Buildah run as a UID without subuid/subgid ranges; in quay.io/podman/stable and
  // quay.io/buildah/stable only the user 1000 has them, and a Kubernetes pod starts them as root unless told.
  'rootless-no-subuid': (s) => {
    if (!k8s(s)) return false;
    const daemonless = jobImages(s).some((i) => /quay\.io\/(?:buildah|podman)\//.test(i.name));
    if (!daemonless) return false;
    const kube = asObj(s.kubernetes);
    const uid =
      asObj(kube.build_container_security_context).run_as_user ?? asObj(kube.pod_security_context).run_as_user;
    return uid !== 1000;
  },
  // moby/moby#53293: a dind daemon of 29.7.0-29.7.2 (or a tag that moves among them) runs `docker push`.
  'dind-push-blob-unknown': (s) =>
    dinds(s).some((x) => /^29\.7(?:\.[0-2])?-dind$/.test(imageTag(x.name))) &&
    commands(s).some((c) => c[0] === 'docker' && c[1] === 'push'),
  // moby/buildkit#7007: a Buildx docker-container builder of BuildKit >= 0.32, or floating (no image= driver
  // option: moby/buildkit:buildx-stable-1), pushes its default attestations to a GitLab registry.
  'buildx-attestation-blob-unknown': (s) => {
    const vars = varsOf(s);
    if (vars.BUILDX_NO_DEFAULT_ATTESTATIONS || /^(?:1|true)$/i.test(vars.BUILDX_NO_DEFAULT_OCI_ARTIFACT ?? ''))
      return false;
    const pushes = commands(s).filter(
      (c) =>
        c[0] === 'docker' &&
        c[1] === 'buildx' &&
        c[2] === 'build' &&
        c.includes('--push') &&
        !c.some((w) => /^--provenance=(?:false|0)$/.test(w) || /^--attest=.*mode=min|^--sbom=false$/.test(w)),
    );
    const toGitlab = pushes.some((c) =>
      optionValues(c, '--tag', '-t').some((t) => {
        const r = registryOf(t);
        return r === '$CI_REGISTRY' || r === 'registry.gitlab.com';
      }),
    );
    if (!toGitlab) return false;
    const creates = commands(s).filter((c) => c[0] === 'docker' && c[1] === 'buildx' && c[2] === 'create');
    if (creates.length === 0) return false;
    return creates.some((c) => {
      const image = optionValues(c, '--driver-opt')
        .map((o) => /^image=(.*)$/.exec(o)?.[1])
        .find((x) => x !== undefined);
      if (image === undefined) return true;
      const m = /^v?(\d+)\.(\d+)/.exec(imageTag(image));
      return !m || Number(m[1]) > 0 || Number(m[2]) >= 32;
    });
  },
  // docker-library/docker#463: the log showed a host kernel without the image's iptables backend (nf_tables); the
  // dind service does not force iptables-legacy (DOCKER_IPTABLES_LEGACY non-empty, on the service or the job).
  'dind-iptables-backend': (s) => {
    const vars = varsOf(s);
    return dinds(s).some((x) => !(x.variables.DOCKER_IPTABLES_LEGACY ?? vars.DOCKER_IPTABLES_LEGACY));
  },
};

/** Whether the files have the cause of a failure (see the file comment). */
export function failureHolds(id: FailureId, files: FileLike[] | { files: FileLike[] }): boolean {
  return FAILURE_CHECKS[id](parseSetup(Array.isArray(files) ? files : files.files));
}
