/**
 * Golden tests of the scenario catalog (spec/scenarios.md, S01-S40): for every preset, the generated files are
 * parsed (YAML, TOML, JSON; the Helm values' `runners.config` as TOML; shell commands as words) and checked for the
 * essential elements of its scenario. Versions follow the preset (Docker 29.7.2 by default) instead of the
 * documents' 24.0.5; the runner is registered with a runner authentication token (`--token`), so its tags live in
 * GitLab, not in a `--tag-list`.
 */
import { parse as parseToml } from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { generate, type GenerateResult } from './generate';
import { PRESETS, presetById } from './presets';
import { validateCombination } from './rules';

const VER = DEFAULT_ANSWERS.dockerVersion;
const DIND = `docker:${VER}-dind`;
const CLI = `docker:${VER}-cli`;
const MIRROR = 'https://registry-mirror.example.com';
const PROXY = 'http://proxy.example.com:3128';

/** Every id of the catalog. */
const CATALOG_IDS = Array.from({ length: 40 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);

// ---------------------------------------------------------------------------------------------------------------
// Access to parsed data

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) throw new Error(`${what}: expected a map, got ${JSON.stringify(v)}`);
  return v;
}
function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${what}: expected a list, got ${JSON.stringify(v)}`);
  return v;
}
function strings(v: unknown, what: string): string[] {
  return list(v, what).map((x) => {
    if (typeof x !== 'string') throw new Error(`${what}: expected strings, got ${JSON.stringify(x)}`);
    return x;
  });
}
/** `a.b.c` (or a path array) into nested maps; undefined when a step is missing. */
function at(v: unknown, path: string | (string | number)[]): unknown {
  const steps = typeof path === 'string' ? path.split('.') : path;
  let cur: unknown = v;
  for (const s of steps) {
    if (Array.isArray(cur) && typeof s === 'number') cur = cur[s];
    else if (isObj(cur)) cur = cur[String(s)];
    else return undefined;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------------------------
// Shell words: enough of POSIX sh and PowerShell quoting to read the commands the generator writes.

/** Splits one command into words, removing quotes and line continuations; `$VAR` stays as written. */
function words(command: string, shell: 'sh' | 'ps' = 'sh'): string[] {
  const text = shell === 'sh' ? command.replace(/\\\n/g, ' ') : command.replace(/`\n/g, ' ');
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated ' in ${command}`);
        if (text[i] === "'") {
          if (shell === 'ps' && text[i + 1] === "'") {
            cur += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cur += text[i];
        i++;
      }
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated " in ${command}`);
        const d = text[i] ?? '';
        if (d === '"') {
          i++;
          break;
        }
        if (shell === 'sh' && d === '\\' && /["\\$`]/.test(text[i + 1] ?? '')) {
          cur += text[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
    } else if (c === '\\' && shell === 'sh') {
      cur += text[i + 1] ?? '';
      i += 2;
    } else {
      cur += c;
      i++;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

/** The values given to a repeated option (`--opt a --opt b` -> [a, b]). */
function optionValues(ws: string[], name: string): string[] {
  const out: string[] = [];
  ws.forEach((w, i) => {
    if (w === name && i + 1 < ws.length) out.push(ws[i + 1] ?? '');
    else if (w.startsWith(`${name}=`)) out.push(w.slice(name.length + 1));
  });
  return out;
}
function optionValue(ws: string[], name: string): string {
  const values = optionValues(ws, name);
  expect(values, `${name} in ${ws.join(' ')}`).toHaveLength(1);
  return values[0] ?? '';
}
/** `type=registry,ref=x,mode=max` -> {type, ref, mode}. */
function csv(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    out[eq === -1 ? part : part.slice(0, eq)] = eq === -1 ? '' : part.slice(eq + 1);
  }
  return out;
}

/**
 * Evaluates the `echo "{...}" > ~/.docker/config.json` line that BuildKit jobs write, with the given CI/CD
 * variables: `${VAR}`, `$(printf "%s:%s" "${U}" "${P}" | base64 | tr -d '\n')` and the Dependency Proxy host
 * extraction are the only shell constructs it holds. Returns the parsed JSON.
 */
function evalConfigJson(line: string, env: Record<string, string>): unknown {
  const m = /^echo "([\s\S]*)" > ~\/\.docker\/config\.json$/.exec(line);
  if (!m) throw new Error(`not a config.json line: ${line}`);
  const v = (name: string): string => {
    const value = env[name];
    if (value === undefined) throw new Error(`variable ${name} not set in the test`);
    return value;
  };
  let body = m[1] ?? '';
  body = body.replace(
    /\$\(printf "%s:%s" "\$\{(\w+)\}" "\$\{(\w+)\}" \| base64 \| tr -d '\\n'\)/g,
    (_, u: string, p: string) => btoa(`${v(u)}:${v(p)}`),
  );
  // `${NAME%%:*}`: the value up to its first `:` (the dependency proxy's host without its port).
  body = body.replace(/\$\{(\w+)%%:\*\}/g, (_, n: string) => v(n).split(':')[0] ?? '');
  body = body.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => v(a ?? b ?? ''));
  body = body.replace(/\\"/g, '"');
  return JSON.parse(body);
}

// ---------------------------------------------------------------------------------------------------------------
// The generated files of one preset, parsed

interface Job {
  name: string;
  image: unknown;
  imageName: string | null;
  services: unknown[];
  serviceNames: string[];
  before: string[];
  script: string[];
  after: string[];
  /** Global variables overlaid with the job's own. */
  variables: Obj;
  tags: unknown;
  rules: unknown;
}

interface Gen {
  id: string;
  answers: Answers;
  result: GenerateResult;
  paths: string[];
  text: (path: string) => string;
  ci: Obj;
  variables: Obj;
  /** Build and test jobs (every top-level key with a script). */
  jobNames: string[];
  job: (name: string) => Job;
  buildJobs: () => Job[];
  /** The `[[runners]]` entry, from config.toml or from the Helm values' runners.config. */
  runner: () => Obj;
  /** The words of `gitlab-runner register` in register.sh / register.ps1. */
  register: () => string[];
  findings: string[];
  finding: (id: string) => GenerateResult['findings'][number];
}

const imageName = (image: unknown): string | null =>
  typeof image === 'string' ? image : isObj(image) && typeof image.name === 'string' ? image.name : null;

function gen(id: string): Gen {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const result = generate(preset.answers);
  const files = new Map(result.files.map((f) => [f.path, f.content]));
  const text = (path: string): string => {
    const content = files.get(path);
    if (content === undefined)
      throw new Error(`${id}: ${path} was not generated (files: ${[...files.keys()].join(', ')})`);
    return content;
  };
  const ci = obj(parseYaml(text('.gitlab-ci.yml')), '.gitlab-ci.yml');
  const variables = isObj(ci.variables) ? ci.variables : {};
  const def = isObj(ci.default) ? ci.default : {};
  const jobNames = Object.keys(ci).filter((k) => isObj(ci[k]) && 'script' in obj(ci[k], k));
  const lines = (v: unknown, what: string): string[] => (v === undefined ? [] : strings(v, what));
  const job = (name: string): Job => {
    const j = obj(ci[name], name);
    const image = 'image' in j ? j.image : def.image;
    const services =
      'services' in j
        ? list(j.services, `${name}.services`)
        : def.services === undefined
          ? []
          : list(def.services, 'default.services');
    return {
      name,
      image,
      imageName: imageName(image),
      services,
      serviceNames: services.map((s) => imageName(s) ?? ''),
      before: lines('before_script' in j ? j.before_script : def.before_script, `${name}.before_script`),
      script: lines(j.script, `${name}.script`),
      after: lines('after_script' in j ? j.after_script : def.after_script, `${name}.after_script`),
      variables: { ...variables, ...(isObj(j.variables) ? j.variables : {}) },
      tags: j.tags,
      rules: j.rules,
    };
  };
  const runner = (): Obj => {
    let doc: unknown;
    if (files.has('config.toml')) doc = parseToml(text('config.toml'));
    else if (files.has('values.yaml')) {
      const config = at(parseYaml(text('values.yaml')), 'runners.config');
      if (typeof config !== 'string') throw new Error(`${id}: values.yaml has no runners.config`);
      doc = parseToml(config);
    } else throw new Error(`${id}: no runner configuration`);
    const runners = list(at(doc, 'runners'), 'runners');
    expect(runners).toHaveLength(1);
    return obj(runners[0], '[[runners]]');
  };
  const register = (): string[] => {
    const ps = files.has('register.ps1');
    const script = text(ps ? 'register.ps1' : 'register.sh');
    const joined = ps ? script.replace(/`\n/g, ' ') : script.replace(/\\\n/g, ' ');
    const line = joined
      .split('\n')
      .find((l) => /gitlab-runner(\.exe)? register\b/.test(l) && !l.trimStart().startsWith('#'));
    if (!line) throw new Error(`${id}: no register command`);
    return words(line, ps ? 'ps' : 'sh');
  };
  const findings = result.findings.map((f) => f.id);
  return {
    id,
    answers: preset.answers,
    result,
    paths: [...files.keys()],
    text,
    ci,
    variables,
    jobNames,
    job,
    buildJobs: () => jobNames.filter((n) => n !== 'test-image').map(job),
    runner,
    register,
    findings,
    finding: (fid: string) => {
      const f = result.findings.find((x) => x.id === fid);
      if (!f) throw new Error(`${id}: no finding ${fid} (findings: ${findings.join(', ')})`);
      return f;
    },
  };
}

/** The one build job of a preset that builds on every pipeline. */
function only(g: Gen): Job {
  const jobs = g.buildJobs();
  expect(jobs.map((j) => j.name)).toEqual(['build-image']);
  const j = jobs[0];
  if (!j) throw new Error('no build job');
  return j;
}
/** The single script line that starts with `prefix` (a command name), as words. */
function command(lines: string[], prefix: RegExp, shell: 'sh' | 'ps' = 'sh'): string[] {
  const found = lines.filter((l) => prefix.test(l));
  expect(found, `one line matching ${prefix} in ${JSON.stringify(lines)}`).toHaveLength(1);
  return words(found[0] ?? '', shell);
}
function k8sVolumes(r: Obj, kind: string): Obj[] {
  const v = at(r, ['kubernetes', 'volumes', kind]);
  return v === undefined ? [] : list(v, kind).map((x) => obj(x, kind));
}
/** Words of one line of kubernetes.sh, with `NAMESPACE` resolved. */
function kubectlLines(g: Gen): string[][] {
  const script = g.text('kubernetes.sh');
  const ns = /^NAMESPACE=(.*)$/m.exec(script)?.[1] ?? '';
  return script
    .split('\n')
    .filter((l) => l.startsWith('kubectl '))
    .map((l) => words(l).map((w) => w.replace('$NAMESPACE', words(ns)[0] ?? '')));
}
const dindServiceObj = (j: Job): Obj => {
  const s = j.services.find((x) => imageName(x) === DIND);
  if (s === undefined) throw new Error(`${j.name}: no ${DIND} service in ${JSON.stringify(j.services)}`);
  return isObj(s) ? s : { name: s };
};

// ---------------------------------------------------------------------------------------------------------------
// Checks per scenario

const CHECKS: Record<string, (g: Gen) => void> = {
  S01: (g) => {
    expect(g.register()).toEqual(expect.arrayContaining(['--executor', 'shell']));
    expect(optionValue(g.register(), '--executor')).toBe('shell');
    expect(g.runner().executor).toBe('shell');
    const setup = g.text('SETUP.md');
    expect(setup).toMatch(/^sudo usermod -aG docker gitlab-runner$/m);
    expect(setup).toMatch(/^sudo -u gitlab-runner -H docker info$/m);
    expect(at(g.ci, 'default.before_script')).toEqual(['docker info']);
    const j = only(g);
    expect(j.imageName).toBeNull();
    expect(j.services).toEqual([]);
    const build = command(j.script, /^docker build /);
    expect(optionValue(build, '--tag')).toBe('my-docker-image');
    expect(build.at(-1)).toBe('.');
    const run = command(j.script, /^docker run /);
    expect(run).toContain('my-docker-image');
    expect(g.findings).toContain('docker-group-root');
  },
  S02: (g) => {
    const reg = g.register();
    expect(optionValue(reg, '--executor')).toBe('docker');
    expect(optionValue(reg, '--docker-image')).toBe(CLI);
    expect(reg).toContain('--docker-privileged');
    expect(optionValues(reg, '--docker-volumes')).toEqual(['/certs/client']);
    const docker = obj(g.runner().docker, 'runners.docker');
    expect(docker.image).toBe(CLI);
    expect(docker.privileged).toBe(true);
    expect(docker.volumes).toEqual(['/certs/client', '/cache']);
    const j = only(g);
    expect(j.image).toBe(CLI);
    expect(j.services).toEqual([DIND]);
    expect(j.variables.DOCKER_TLS_CERTDIR).toBe('/certs');
    expect(j.tags).toEqual(['tls-docker-runner']);
    // Token flow: the tags are set on the runner in GitLab; SETUP.md says which.
    expect(g.text('SETUP.md')).toContain('`tls-docker-runner`');
    expect(g.findings).toContain('privileged-container');
  },
  S03: (g) => {
    const docker = obj(g.runner().docker, 'runners.docker');
    expect(docker.privileged).toBe(true);
    // The catalog's volume, then the cache volume that `gitlab-runner register` appends to every Docker runner:
    // config.toml shows what register writes.
    expect(docker.volumes).toEqual(['/runner/services/docker', '/cache']);
    const j = only(g);
    expect(j.variables.DOCKER_HOST).toBe('unix:///runner/services/docker/docker.sock');
    expect(j.serviceNames).toEqual([DIND]);
    // Why: /certs/client persists between builds and concurrent jobs collide (a comment on the volume).
    expect(g.text('config.toml')).toMatch(/^\s*#.*\/certs\/client.*persists between builds.*concurrent/m);
    expect(g.findings).not.toContain('certs-volume-shared');
  },
  S04: (g) => {
    const docker = obj(g.runner().docker, 'runners.docker');
    expect(docker.privileged).toBe(true);
    expect(docker.volumes).toEqual(['/cache']);
    const j = only(g);
    expect(j.variables.DOCKER_HOST).toBe('tcp://docker:2375');
    expect(j.variables.DOCKER_TLS_CERTDIR).toBe('');
    expect(j.serviceNames).toEqual([DIND]);
    expect(g.findings).toContain('dind-tls-off');
  },
  S05: (g) => {
    // Global variables reach the dind service too: its daemon pulls and pushes through the proxy.
    expect(g.variables.HTTP_PROXY).toBe(PROXY);
    expect(g.variables.HTTPS_PROXY).toBe(PROXY);
    const noProxy = String(g.variables.NO_PROXY).split(',');
    expect(noProxy).toContain('docker');
    // The GitLab host: its registry (registry.<host> or <host>:<port>) matches the domain entry.
    expect(noProxy).toContain('gitlab.example.com');
    const j = only(g);
    expect(j.serviceNames).toEqual([DIND]);
    const build = command(j.script, /^docker build /);
    expect(optionValues(build, '--build-arg')).toEqual(
      expect.arrayContaining(['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY']),
    );
  },
  S06: (g) => {
    const r = g.runner();
    expect(at(r, 'kubernetes.privileged')).toBe(true);
    expect(k8sVolumes(r, 'empty_dir')).toContainEqual({
      name: 'docker-certs',
      mount_path: '/certs/client',
      medium: 'Memory',
    });
    const j = only(g);
    expect(j.image).toBe(CLI);
    const s = dindServiceObj(j);
    expect(s.variables).toEqual({ HEALTHCHECK_TCP_PORT: '2376' });
    expect(j.variables.DOCKER_HOST).toBe('tcp://docker:2376');
    expect(j.variables.DOCKER_TLS_CERTDIR).toBe('/certs');
    expect(String(j.variables.DOCKER_TLS_VERIFY)).toBe('1');
    expect(j.variables.DOCKER_CERT_PATH).toBe('$DOCKER_TLS_CERTDIR/client');
    expect(g.paths).not.toContain('register.sh');
  },
  S07: (g) => {
    const r = g.runner();
    expect(k8sVolumes(r, 'empty_dir')).toEqual([]);
    const j = only(g);
    expect(dindServiceObj(j).variables).toEqual({ HEALTHCHECK_TCP_PORT: '2375' });
    expect(j.variables.DOCKER_HOST).toBe('tcp://docker:2375');
    expect(j.variables.DOCKER_TLS_CERTDIR).toBe('');
  },
  S08: (g) => {
    const reg = g.register();
    expect(optionValues(reg, '--docker-volumes')).toEqual(['/var/run/docker.sock:/var/run/docker.sock']);
    expect(reg).not.toContain('--docker-privileged');
    const docker = obj(g.runner().docker, 'runners.docker');
    expect(docker.privileged).toBe(false);
    expect(docker.volumes).toEqual(['/var/run/docker.sock:/var/run/docker.sock', '/cache']);
    const j = only(g);
    expect(j.image).toBe(CLI);
    expect(j.services).toEqual([]);
    expect(g.findings).toEqual(expect.arrayContaining(['host-socket', 'shared-host-daemon']));
    expect(g.finding('host-socket').reason).toMatch(/root on the host/);
    const shared = g.finding('shared-host-daemon').reason;
    expect(shared).toMatch(/siblings/);
    expect(shared).toMatch(/names clash between concurrent jobs/);
    expect(shared).toMatch(/-v .*resolve on the host/);
  },
  S09: (g) => {
    const r = g.runner();
    expect(at(r, 'kubernetes.privileged')).toBe(false);
    expect(k8sVolumes(r, 'host_path')).toContainEqual({
      name: 'docker-sock',
      host_path: '/var/run/docker.sock',
      mount_path: '/var/run/docker.sock',
      read_only: true,
    });
    expect(only(g).services).toEqual([]);
    expect(g.findings).toContain('host-socket');
  },
  S10: (g) => {
    const pipe = '\\\\.\\pipe\\docker_engine';
    expect(g.paths).toContain('register.ps1');
    const reg = g.register();
    expect(reg.slice(0, 2)).toEqual(['.\\gitlab-runner.exe', 'register']);
    expect(optionValue(reg, '--executor')).toBe('docker-windows');
    expect(optionValue(reg, '--docker-image')).toBe(`docker:${VER}-windowsservercore-ltsc2022`);
    expect(optionValues(reg, '--docker-volumes')).toEqual([`${pipe}:${pipe}`]);
    const docker = obj(g.runner().docker, 'runners.docker');
    expect(docker.volumes).toContain(`${pipe}:${pipe}`);
    const j = only(g);
    expect(j.before).toEqual(expect.arrayContaining(['docker version', 'docker info']));
    expect(g.findings).toEqual(expect.arrayContaining(['host-pipe', 'shared-host-daemon']));
  },
  S11: (g) => {
    const pipe = '\\\\.\\pipe\\docker_engine';
    const r = g.runner();
    expect(at(r, 'feature_flags.FF_USE_POWERSHELL_PATH_RESOLVER')).toBe(true);
    expect(k8sVolumes(r, 'host_path')).toContainEqual({
      name: 'docker-pipe',
      host_path: pipe,
      mount_path: pipe,
      read_only: true,
    });
    expect(at(r, 'kubernetes.node_selector')).toEqual({
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'windows',
      'node.kubernetes.io/windows-build': '10.0.20348',
    });
    // Optional EKS step: the Docker service renamed to dockerd.
    expect(g.text('SETUP.md')).toMatch(/^dockerd --register-service --service-name dockerd$/m);
    expect(g.findings).toContain('host-pipe');
  },
  S12: (g) => {
    const j = only(g);
    expect(dindServiceObj(j).command).toEqual(['--registry-mirror', MIRROR]);
  },
  S13: (g) => {
    const services = list(at(g.runner(), 'docker.services'), 'runners.docker.services');
    expect(services).toContainEqual({ name: DIND, command: ['--registry-mirror', MIRROR] });
    // The runner starts the dind service: the job does not declare a second one.
    expect(only(g).serviceNames).not.toContain(DIND);
    expect(g.text('SETUP.md')).toMatch(/services/);
  },
  S14: (g) => {
    const services = list(at(g.runner(), 'kubernetes.services'), 'runners.kubernetes.services').map((s) =>
      obj(s, 'service'),
    );
    const dind = services.find((s) => s.name === DIND);
    if (!dind) throw new Error('no dind service in [[runners.kubernetes.services]]');
    expect(strings(dind.command, 'command').slice(0, 2)).toEqual(['--registry-mirror', MIRROR]);
    // Kubernetes cannot detect the port: the runner waits for it through the service environment.
    expect(dind.environment).toEqual(['HEALTHCHECK_TCP_PORT=2376']);
    expect(only(g).serviceNames).not.toContain(DIND);
  },
  S15: (g) => {
    expect(JSON.parse(g.text('daemon.json'))).toEqual({ 'registry-mirrors': [MIRROR] });
    expect(at(g.runner(), 'docker.volumes')).toContain('/opt/docker/daemon.json:/etc/docker/daemon.json:ro');
    expect(g.text('SETUP.md')).toContain('/opt/docker/daemon.json');
  },
  S16: (g) => {
    expect(JSON.parse(g.text('daemon.json'))).toEqual({ 'registry-mirrors': [MIRROR] });
    expect(kubectlLines(g)).toContainEqual([
      'kubectl',
      'create',
      'configmap',
      'docker-daemon',
      '--namespace',
      g.answers.k8sNamespace,
      '--from-file',
      'daemon.json',
    ]);
    expect(k8sVolumes(g.runner(), 'config_map')).toContainEqual({
      name: 'docker-daemon',
      mount_path: '/etc/docker/daemon.json',
      sub_path: 'daemon.json',
    });
  },
  S17: (g) => {
    expect(g.variables.DOCKER_DRIVER).toBe('overlay2');
  },
  S18: (g) => {
    expect(g.runner().environment).toEqual(['DOCKER_DRIVER=overlay2']);
    expect(g.variables.DOCKER_DRIVER).toBeUndefined();
  },
  S19: (g) => {
    const j = only(g);
    expect(j.imageName).toMatch(/^quay\.io\/buildah\/stable:v\d+(\.\d+)*$/);
    expect(j.variables.STORAGE_DRIVER).toBe('vfs');
    expect(j.variables.BUILDAH_FORMAT).toBe('docker');
    const login = command(j.before, /\| buildah login /);
    expect(login).toContain('--password-stdin');
    const build = command(j.script, /^buildah build /);
    expect(optionValue(build, '--tag')).toBe('$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA');
    expect(command(j.script, /^buildah push /)).toEqual([
      'buildah',
      'push',
      '--digestfile',
      'build.digest',
      '$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA',
    ]);
  },
  S20: (g) => {
    const before = only(g).before;
    expect(before).toContain(
      'echo "$CI_REGISTRY_PASSWORD" | docker login "$CI_REGISTRY" --username "$CI_REGISTRY_USER" --password-stdin',
    );
    // Docker Hub: no registry argument.
    expect(before).toContain(
      'echo "$DOCKER_HUB_PASSWORD" | docker login --username "$DOCKER_HUB_USER" --password-stdin',
    );
    expect(before).toContain(
      'echo "$REGISTRY_PASSWORD" | docker login registry.example.com --username "$REGISTRY_USER" --password-stdin',
    );
    for (const l of before) expect(l).not.toMatch(/docker login.*(\s-p\s|--password\s)/);
    expect(g.findings).not.toContain('password-on-command-line');
  },
  S21: (g) => {
    expect(at(g.runner(), 'docker.volumes')).toContain('/opt/.docker/config.json:/root/.docker/config.json:ro');
    for (const l of only(g).before) expect(l).not.toMatch(/docker login/);
    expect(g.finding('mounted-config-readonly').reason).toMatch(/docker login/);
  },
  S22: (g) => {
    expect(kubectlLines(g)).toContainEqual([
      'kubectl',
      'create',
      'configmap',
      'docker-client-config',
      '--namespace',
      g.answers.k8sNamespace,
      '--from-file',
      'config.json',
    ]);
    expect(k8sVolumes(g.runner(), 'config_map')).toContainEqual({
      name: 'docker-client-config',
      mount_path: '/root/.docker/config.json',
      sub_path: 'config.json',
    });
    expect(g.findings).toContain('mounted-config-readonly');
  },
  S23: (g) => {
    const before = only(g).before;
    const mkdir = before.findIndex((l) => words(l).join(' ') === 'mkdir -p $HOME/.docker');
    const write = before.findIndex((l) =>
      /^echo "?\$DOCKER_AUTH_CONFIG"? > "?\$HOME\/\.docker\/config\.json"?$/.test(l),
    );
    expect(mkdir).toBeGreaterThanOrEqual(0);
    expect(write).toBeGreaterThan(mkdir);
    // A CI/CD variable, never a value in the file.
    expect(g.variables.DOCKER_AUTH_CONFIG).toBeUndefined();
    expect(g.text('SETUP.md')).toContain('`DOCKER_AUTH_CONFIG`');
  },
  S24: (g) => {
    const j = only(g);
    expect(j.image).toEqual({ name: `moby/buildkit:${g.answers.buildkitVersion}-rootless`, entrypoint: [''] });
    expect(String(j.variables.BUILDKITD_FLAGS).split(' ')).toContain('--oci-worker-no-process-sandbox');
    const config = j.before.find((l) => l.endsWith('> ~/.docker/config.json'));
    if (!config) throw new Error('no config.json');
    expect(
      evalConfigJson(config, { CI_REGISTRY: 'registry.gitlab.com', CI_REGISTRY_USER: 'u', CI_REGISTRY_PASSWORD: 'p' }),
    ).toEqual({
      auths: { 'registry.gitlab.com': { auth: btoa('u:p') } },
    });
    const build = command(j.script, /^buildctl-daemonless\.sh build/);
    expect(optionValue(build, '--frontend')).toBe('dockerfile.v0');
    expect(optionValues(build, '--local')).toEqual(['context=.', 'dockerfile=.']);
    expect(csv(optionValue(build, '--output'))).toEqual({
      type: 'image',
      name: '$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA',
      push: 'true',
    });
  },
  S25: (g) => {
    const config = only(g).before.find((l) => l.endsWith('> ~/.docker/config.json'));
    if (!config) throw new Error('no config.json');
    const env = {
      CI_REGISTRY: 'registry.gitlab.com',
      CI_REGISTRY_USER: 'u1',
      CI_REGISTRY_PASSWORD: 'p1',
      DOCKER_HUB_USER: 'u2',
      DOCKER_HUB_PASSWORD: 'p2',
    };
    expect(evalConfigJson(config, env)).toEqual({
      auths: {
        'registry.gitlab.com': { auth: btoa('u1:p1') },
        'https://index.docker.io/v1/': { auth: btoa('u2:p2') },
      },
    });
  },
  S26: (g) => {
    const j = only(g);
    const config = j.before.find((l) => l.endsWith('> ~/.docker/config.json'));
    if (!config) throw new Error('no config.json');
    const env = {
      CI_REGISTRY: 'registry.gitlab.com',
      CI_REGISTRY_USER: 'u1',
      CI_REGISTRY_PASSWORD: 'p1',
      CI_DEPENDENCY_PROXY_SERVER: 'gitlab.com:443',
      CI_DEPENDENCY_PROXY_USER: 'u3',
      CI_DEPENDENCY_PROXY_PASSWORD: 'p3',
    };
    expect(at(evalConfigJson(config, env), ['auths', 'gitlab.com'])).toEqual({ auth: btoa('u3:p3') });
    // Base images through the Dependency Proxy: the build gets the prefix, the Dockerfile uses it.
    const build = command(j.script, /^buildctl-daemonless\.sh build/);
    expect(optionValues(build, '--opt')).toContain(
      'build-arg:CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX=$CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX',
    );
    expect(g.text('SETUP.md')).toContain('FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/');
  },
  S27: (g) => {
    const build = command(only(g).script, /^buildctl-daemonless\.sh build/);
    expect(optionValues(build, '--opt')).toContain('platform=linux/amd64,linux/arm64');
  },
  S28: (g) => {
    const build = command(only(g).script, /^buildctl-daemonless\.sh build/);
    const exportCache = csv(optionValue(build, '--export-cache'));
    expect(exportCache).toMatchObject({ type: 'registry', ref: '$CI_REGISTRY_IMAGE:cache' });
    expect(csv(optionValue(build, '--import-cache'))).toEqual({ type: 'registry', ref: '$CI_REGISTRY_IMAGE:cache' });
  },
  S29: (g) => {
    expect(at(parseToml(g.text('buildkitd.toml')), ['registry', 'docker.io', 'mirrors'])).toEqual([
      'mirror.example.com',
    ]);
    const flags = String(g.variables.BUILDKITD_FLAGS).split(' ');
    expect(flags).toContain('--oci-worker-no-process-sandbox');
    expect(optionValue(flags, '--config')).toMatch(/(^|\/)buildkitd\.toml$/);
  },
  S30: (g) => {
    const j = only(g);
    expect(j.variables.http_proxy).toBe(PROXY);
    expect(j.variables.https_proxy).toBe(PROXY);
    expect(String(j.variables.no_proxy).split(',')).toContain('localhost');
    const build = command(j.script, /^buildctl-daemonless\.sh build/);
    // buildctl passes build arguments as `--opt build-arg:NAME=VALUE`.
    expect(optionValues(build, '--opt')).toEqual(
      expect.arrayContaining([
        'build-arg:http_proxy=$http_proxy',
        'build-arg:https_proxy=$https_proxy',
        'build-arg:no_proxy=$no_proxy',
      ]),
    );
  },
  S31: (g) => {
    const j = only(g);
    // The CA (a file variable) joins the trust store before the build; SSL_CERT_FILE points BuildKit at the bundle.
    expect(j.before).toContain('cat /etc/ssl/certs/ca-certificates.crt "$REGISTRY_CA_FILE" > "$HOME/ca-bundle.crt"');
    expect(j.before).toContain('export SSL_CERT_FILE="$HOME/ca-bundle.crt"');
    for (const p of g.paths) expect(g.text(p)).not.toContain('BEGIN CERTIFICATE');
    expect(g.text('SETUP.md')).toContain('`REGISTRY_CA_FILE`');
  },
  S32: (g) => {
    expect(g.findings).toContain('kaniko-unmaintained');
    const j = only(g);
    expect(j.image).toEqual({ name: `moby/buildkit:${g.answers.buildkitVersion}-rootless`, entrypoint: [''] });
    const build = command(j.script, /^buildctl-daemonless\.sh build/);
    expect(optionValues(build, '--local')).toEqual(['context=.', 'dockerfile=.']);
    expect(csv(optionValue(build, '--output'))).toMatchObject({ type: 'image', push: 'true' });
    expect(g.text('.gitlab-ci.yml')).not.toContain('kaniko-project');
    const setup = g.text('SETUP.md');
    expect(setup).toContain('gcr.io/kaniko-project/executor:debug');
    expect(setup).toContain('/kaniko/executor --context');
    expect(setup).toContain('--destination');
  },
  S33: (g) => {
    const j = only(g);
    expect(j.image).toBe(CLI);
    expect(j.serviceNames).toEqual([DIND]);
    const create = command(j.before, /^docker buildx create /);
    expect(optionValue(create, '--driver')).toBe('docker-container');
    expect(create).toContain('--use');
    const name = optionValue(create, '--name');
    expect(j.before).toContain('docker buildx inspect --bootstrap');
    const build = command(j.script, /^docker buildx build /);
    expect(optionValue(build, '--tag')).toBe('$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA');
    expect(build).toContain('--push');
    expect(build.at(-1)).toBe('.');
    expect(command(j.after, /^docker buildx rm /)).toEqual(['docker', 'buildx', 'rm', name]);
  },
  S34: (g) => {
    const j = only(g);
    const build = command(j.script, /^docker buildx build /);
    expect(optionValue(build, '--platform')).toBe('linux/amd64,linux/arm64');
    // QEMU handlers for the other platform.
    expect(j.before.some((l) => /^docker run --privileged --rm tonistiigi\/binfmt:\S+ --install all$/.test(l))).toBe(
      true,
    );
  },
  S35: (g) => {
    const ref = g.answers.cacheRef;
    const build = command(only(g).script, /^docker buildx build /);
    expect(csv(optionValue(build, '--cache-from'))).toEqual({ type: 'registry', ref });
    expect(csv(optionValue(build, '--cache-to'))).toMatchObject({ type: 'registry', ref, mode: 'max' });
  },
  S36: (g) => {
    const j = only(g);
    expect(j.image).toEqual({ name: `moby/buildkit:${g.answers.buildkitVersion}`, entrypoint: [''] });
    // The catalog pairs buildctl with a docker:dind service, but buildctl talks to a BuildKit daemon, never to
    // dockerd: with only docker:dind it has nothing to connect to. The generator therefore runs buildkitd itself
    // in a privileged service container (alias buildkitd) and points BUILDKIT_HOST at it.
    expect(j.serviceNames).not.toContain(DIND);
    expect(j.services).toEqual([
      {
        name: `moby/buildkit:${g.answers.buildkitVersion}`,
        alias: 'buildkitd',
        command: ['--addr', 'tcp://0.0.0.0:1234'],
      },
    ]);
    expect(j.variables.BUILDKIT_HOST).toBe('tcp://buildkitd:1234');
    expect(at(g.runner(), 'docker.privileged')).toBe(true);
    const build = command(j.script, /^buildctl build/);
    expect(optionValue(build, '--frontend')).toBe('dockerfile.v0');
    expect(csv(optionValue(build, '--output'))).toEqual({
      type: 'image',
      name: '$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA',
      push: 'true',
    });
    expect(g.text('SETUP.md')).toMatch(/not to dockerd/);
  },
  S37: (g) => {
    const r = g.runner();
    expect(at(r, ['kubernetes', 'pod_annotations', 'container.apparmor.security.beta.kubernetes.io/build'])).toBe(
      'unconfined',
    );
    expect(at(r, 'kubernetes.privileged')).toBe(false);
    const f = g.finding('unconfined-security');
    expect(f.file).toBe('values.yaml');
    expect(f.reason).toMatch(/AppArmor/);
    expect(f.reason).toMatch(/privileged/);
  },
  S38: (g) => {
    const cache = g.answers.cacheRef;
    expect(cache).toBe('$CI_REGISTRY_IMAGE:latest-buildcache');
    const jobs = g.buildJobs();
    const build = (j: Job) => command(j.script, /^docker buildx build /);
    const byName = (n: string): Job => {
      const j = jobs.find((x) => x.name === n);
      if (!j) throw new Error(`no job ${n}`);
      return j;
    };
    // Tag pipeline: pushes :$CI_COMMIT_TAG, only imports the cache.
    const release = byName('release-image');
    expect(release.rules).toEqual([{ if: '$CI_COMMIT_TAG' }]);
    const rb = build(release);
    expect(optionValues(rb, '--tag')).toContain('$CI_REGISTRY_IMAGE:$CI_COMMIT_TAG');
    expect(rb).toContain('--push');
    expect(csv(optionValue(rb, '--cache-from'))).toEqual({ type: 'registry', ref: cache });
    expect(optionValues(rb, '--cache-to')).toEqual([]);
    // Default branch: pushes :latest and exports the cache with mode=max.
    const latest = byName('latest-image');
    expect(latest.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    const lb = build(latest);
    expect(optionValues(lb, '--tag')).toContain('$CI_REGISTRY_IMAGE:latest');
    expect(csv(optionValue(lb, '--cache-to'))).toMatchObject({ type: 'registry', ref: cache, mode: 'max' });
    // Other branches, as chosen (push-sha): no :latest, no cache export.
    const other = byName('build-image');
    expect(at(other.rules, [0, 'if'])).toBe('$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH');
    expect(optionValues(build(other), '--tag')).toEqual(['$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA']);
    expect(optionValues(build(other), '--cache-to')).toEqual([]);
    // The multi-line command stays one command: every line but the last continues with a backslash.
    for (const j of jobs) {
      const cmd = j.script.find((l) => l.startsWith('docker buildx build'));
      const lines = (cmd ?? '').split('\n');
      expect(lines.length).toBeGreaterThan(1);
      lines.slice(0, -1).forEach((l) => expect(l).toMatch(/ \\$/));
    }
  },
  S39: (g) => {
    const j = only(g);
    expect(j.script).toContain('docker pull "$CI_REGISTRY_IMAGE:latest" || true');
    const build = command(j.script, /^docker build /);
    expect(optionValue(build, '--cache-from')).toBe('$CI_REGISTRY_IMAGE:latest');
    expect(optionValues(build, '--build-arg')).toContain('BUILDKIT_INLINE_CACHE=1');
    expect(optionValues(build, '--tag')).toContain('$CI_REGISTRY_IMAGE:latest');
    expect(j.script.map((l) => words(l))).toContainEqual(['docker', 'push', '$CI_REGISTRY_IMAGE:latest']);
    expect(j.script.findIndex((l) => l.startsWith('docker pull'))).toBeLessThan(
      j.script.findIndex((l) => l.startsWith('docker build')),
    );
  },
  S40: (g) => {
    const j = only(g);
    expect(j.imageName).toMatch(/^quay\.io\/podman\/stable:v\d+(\.\d+)*$/);
    expect(command(j.before, /\| podman login /)).toContain('--password-stdin');
    const build = command(j.script, /^podman build /);
    const storage = j.variables.STORAGE_DRIVER === 'vfs' || optionValues(build, '--storage-driver').includes('vfs');
    const isolation =
      j.variables.BUILDAH_ISOLATION === 'chroot' || optionValues(build, '--isolation').includes('chroot');
    expect(storage).toBe(true);
    expect(isolation).toBe(true);
    expect(command(j.script, /^podman push /)).toEqual([
      'podman',
      'push',
      '--digestfile',
      'build.digest',
      '$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA',
    ]);
  },
};

// ---------------------------------------------------------------------------------------------------------------

describe('scenario presets', () => {
  it('cover exactly the ids of the catalog, in order', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(CATALOG_IDS);
    expect(Object.keys(CHECKS).sort()).toEqual(CATALOG_IDS);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is a valid combination without normalize', (_id, preset) => {
    expect(validateCombination(preset.answers)).toEqual([]);
    expect(preset.title.en).not.toBe('');
    expect(preset.title.ja).not.toBe('');
    expect(preset.source).not.toBe('');
  });

  it('the words helper reads the quoting the generator writes', () => {
    expect(words(`echo "$A" | docker login 'x y' --username "\${B}"`)).toEqual([
      'echo',
      '$A',
      '|',
      'docker',
      'login',
      'x y',
      '--username',
      '${B}',
    ]);
    expect(words("a 'it''s' \"${env:X}\"", 'ps')).toEqual(['a', "it's", '${env:X}']);
    expect(words('a \\\n  --b c')).toEqual(['a', '--b', 'c']);
  });
});

describe.each(CATALOG_IDS)('%s', (id) => {
  it('generates files that parse and follow current practice', () => {
    const g = gen(id);
    for (const f of g.result.files) {
      if (f.language === 'yaml') expect(() => parseYaml(f.content)).not.toThrow();
      if (f.language === 'toml') expect(() => parseToml(f.content)).not.toThrow();
      if (f.language === 'json') expect(() => JSON.parse(f.content) as unknown).not.toThrow();
    }
    if (g.paths.includes('values.yaml')) expect(() => g.runner()).not.toThrow();
    expect(g.jobNames.length).toBeGreaterThan(0);
    for (const p of g.paths) {
      const text = g.text(p);
      // Current practice: runner authentication tokens, images pinned to a version.
      expect(text).not.toContain('--registration-token');
      expect(text).not.toContain('--tag-list');
      // SETUP.md prose may name `docker:dind` generically; files that run anything pin it.
      if (p !== 'SETUP.md') expect(text).not.toMatch(/\bdocker:(latest|dind|stable)\b/);
    }
    for (const j of g.buildJobs()) {
      for (const name of [j.imageName, ...j.serviceNames]) if (name?.startsWith('docker:')) expect(name).toContain(VER);
    }
    if (g.paths.includes('register.sh') || g.paths.includes('register.ps1')) {
      const reg = g.register();
      expect(optionValue(reg, '--token')).toMatch(/RUNNER_TOKEN/);
    }
  });

  it('contains the essential elements of the scenario', () => {
    const check = CHECKS[id];
    if (!check) throw new Error(`no check for ${id}`);
    check(gen(id));
  });
});
