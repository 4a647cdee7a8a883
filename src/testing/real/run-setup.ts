/**
 * Runs one generated setup against real tools in a `Sandbox`: the pipeline's jobs (`ci-job.ts`) with the runner's
 * behaviour (`runner-config.ts`), the services emulated, every pushed image pulled back and run, every daemon.json
 * started with dockerd.
 *
 * - Job: a fresh mount namespace with tmpfs on `/root` (HOME), `/run`, `/certs`, `/var/lib/containers`; the project
 *   at `/builds/group/<id>`; the runner's mounts bound in; `privileged = false` emulated by dropping every capability
 *   outside Docker's default set from the bounding set (`setpriv --bounding-set`), for the job and its services. The
 *   job image is not pulled: the host's tools run, with the stand-ins of `stand-ins.ts` first on PATH, in busybox sh
 *   (the shell of the alpine-based `docker:cli` image).
 * - `docker:*dind` service: dockerd started as the image's entrypoint starts it (docker-library/docker
 *   `dockerd-entrypoint.sh`): certificates under `$DOCKER_TLS_CERTDIR/{ca,server,client}` (`/certs` by default),
 *   `--host=unix:///var/run/docker.sock` (or `$DOCKER_HOST` when it is a unix:// address),
 *   `--host=tcp://0.0.0.0:2376 --tlsverify ...` with TLS or `--host=tcp://0.0.0.0:2375 --tls=false` without, the
 *   service `command` appended; a mounted `/etc/docker/daemon.json` is passed with `--config-file`. The harness adds
 *   only `--cgroup-parent` (cleanup) and uses 2048-bit keys instead of 4096 (speed). Like GitLab, the job starts when
 *   the service port answers or after 30 s.
 * - `moby/buildkit` service: a TCP listener on the `--addr` port (no buildkitd here), checked by the buildctl stand-in.
 * - Host daemon (shell executor, `/var/run/docker.sock` bind): a dockerd of the sandbox, bound where the runner binds.
 *
 * One setup using dockerd runs at a time per sandbox (`dockerLane`), because every dockerd of a network namespace
 * creates `docker0`; buildah/podman setups run beside it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Answers } from '../../core/answers';
import { generate } from '../../core/generate';
import { shQuote } from '../../core/quote';
import { expandVariables, jobShellScript, parseDotenv, pipelineJobs, type CiJob, type CiService } from './ci-job';
import { readRunner, type RunnerMount, type RunnerView } from './runner-config';
import { CA_FILE, CI_REGISTRY, HOSTS, INNER, REGISTRY_PASSWORD, REGISTRY_USER, type Sandbox } from './sandbox';
import { writeStandIns } from './stand-ins';

/** Docker's default capabilities (moby `oci/caps/defaults.go`): what a container has without `privileged`. */
const DEFAULT_CAPS = [
  'chown',
  'dac_override',
  'fsetid',
  'fowner',
  'mknod',
  'net_raw',
  'setgid',
  'setuid',
  'setfcap',
  'setpcap',
  'net_bind_service',
  'sys_chroot',
  'kill',
  'audit_write',
];
const DROP_PRIVILEGES = `setpriv --bounding-set -all,${DEFAULT_CAPS.map((c) => `+${c}`).join(',')} --`;
const SHA = '8f2e6c1d4b3a59e7c0d1f2a3b4c5d6e7f8091a2b';

/** A setup to run: the answers, and for negative tests a change to the generated files before they are used. */
export interface RealSetup {
  id: string;
  answers: Answers;
  /** Edits the generated files (path -> content) before the run: how negative tests break a setup. */
  mutate?: (files: Map<string, string>) => void;
  /**
   * The pipeline's ref, when not the default branch `main`: a tag (`CI_COMMIT_TAG`, no `CI_COMMIT_BRANCH`) and the
   * other tags of the repository. The project directory becomes a git repository whose HEAD carries `tag`, with
   * `others` on earlier commits (for the tags computed from git, issue 14).
   */
  gitTag?: { tag: string; others: string[] };
  /**
   * The Dockerfile's lines instead of the default (`FROM` the Docker Hub stand-in's busybox, the marker in
   * `/built.txt`), given the marker (issue 14: build args, secrets, target stages); the image must still hold it.
   */
  dockerfile?: (marker: string) => string[];
  /**
   * `scratch`: the project also holds busybox as `cat` and the marker as `built.txt`, for a Dockerfile FROM scratch
   * with COPY lines only, which builds for any platform without running a binary, hence without QEMU (native
   * multi-arch tests).
   */
  project?: 'busybox' | 'scratch';
  /** Variables of the project (CI/CD variables), added to the predefined ones. */
  projectVariables?: Record<string, string>;
  /**
   * Predefined variables of the pipeline that differ from the default branch's (`main`, protected): another branch,
   * an unprotected ref. A second run with the same `id` is a second pipeline of the same project and registry.
   */
  pipeline?: Record<string, string>;
}

/** What happened: `ok` when every job passed and every pushed image ran; `log` says why not. */
export interface SetupResult {
  id: string;
  ok: boolean;
  /** Time of the setup itself in ms (without the time it waited for its lane). */
  ms: number;
  log: string;
  /** The stand-ins and adaptations that ran (`[realtools stub]` / `[realtools adapt]` lines), deduplicated. */
  stubs: string[];
  /** What ran for real: daemons started, images built, pushed, pulled and run. */
  real: string[];
  /** Every image reference pushed and pulled back, expanded. */
  pushed: string[];
}

/** Runs at most `size` functions at a time, in call order. */
export class Lane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  /** Runs `fn` once fewer than `size` functions of this lane are running; resolves or rejects with it. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Per sandbox: one setup with dockerd at a time (docker0), two buildah/podman setups at a time (2 cores). */
const lanes = new WeakMap<Sandbox, { docker: Lane; other: Lane }>();
const laneOf = (box: Sandbox, docker: boolean): Lane => {
  let l = lanes.get(box);
  if (!l) lanes.set(box, (l = { docker: new Lane(1), other: new Lane(2) }));
  return docker ? l.docker : l.other;
};

const isDind = (s: CiService) => /(^|\/)docker:[^/]*dind/.test(s.name);
const isBuildkitd = (s: CiService) => /(^|\/)moby\/buildkit/.test(s.name);

/** A long-running process of the sandbox (a daemon): its output so far, whether it ended, and how to stop it. */
interface Daemon {
  output: () => string;
  ended: () => boolean;
  stop: () => Promise<void>;
}

function startDaemon(box: Sandbox, script: string, pidFile: string, env: Record<string, string>): Daemon {
  let out = '';
  let ended = false;
  const done = box.run(script, { env, timeoutMs: 600_000 }).then((r) => {
    out = r.output;
    ended = true;
  });
  return {
    output: () => out,
    ended: () => ended,
    stop: async () => {
      if (!ended) {
        await box.run(`[ -f ${pidFile} ] && kill -TERM "$(cat ${pidFile})" 2>/dev/null; true`);
        const timer = setTimeout(() => void box.run(`[ -f ${pidFile} ] && kill -KILL "$(cat ${pidFile})"`), 15_000);
        await done;
        clearTimeout(timer);
      }
    },
  };
}

/** Waits until `check` (a shell test) succeeds in the sandbox, the daemon ends, or `ms` pass; true when ready. */
async function waitFor(box: Sandbox, check: string, daemon: Daemon, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (daemon.ended()) return false;
    const r = await box.run(`for i in 1 2 3 4 5 6 7 8 9 10; do ${check} && exit 0; sleep 0.1; done; exit 1`);
    // dockerd opens its listeners before it sets up networking, and may still fail after: look again shortly after.
    if (r.code === 0) {
      await new Promise((t) => setTimeout(t, 500));
      return !daemon.ended();
    }
  }
  return false;
}

const tcpOpen = (host: string, port: number) => `timeout 1 bash -c '</dev/tcp/${host}/${port}' 2>/dev/null`;

/** Shell lines that mount the runner's mounts at their paths (inside a fresh mount namespace). */
function mountLines(mounts: RunnerMount[], dir: string, hostSocket: string): string[] {
  const lines: string[] = [];
  mounts.forEach((m, i) => {
    let source: string;
    if (m.kind === 'shared') source = join(dir, 'volumes', String(i));
    else {
      const key = m.kind === 'host' ? m.source : m.key;
      if (key === '/var/run/docker.sock') source = hostSocket;
      else if (key.endsWith('daemon.json')) source = join(dir, 'daemon.json');
      else if (key.endsWith('config.json')) source = join(dir, 'docker-config.json');
      else source = join(dir, 'host', key.replace(/[^A-Za-z0-9.]+/g, '_'));
    }
    const isFile = /\.(sock|json)$/.test(m.path);
    lines.push(
      isFile
        ? `mkdir -p ${shQuote(posix.dirname(m.path))} && touch ${shQuote(m.path)}`
        : `mkdir -p ${shQuote(m.path)} ${shQuote(source)}`,
      `mount --bind ${shQuote(source)} ${shQuote(m.path)}`,
    );
  });
  return lines;
}

/** The fresh mount namespace of a container: tmpfs over the per-container directories, then the runner's mounts. */
function containerPrelude(mounts: RunnerMount[], dir: string, hostSocket: string): string {
  return [
    'set -e',
    ...['/run', '/root', '/certs', '/var/lib/containers', '/var/lib/docker', '/etc/docker', '/var/tmp'].map(
      (p) => `mount -t tmpfs -o mode=0755 ctr ${p}`,
    ),
    `mkdir -p /builds && mount --bind ${shQuote(join(dir, 'builds'))} /builds`,
    ...mountLines(mounts, dir, hostSocket),
  ].join('\n');
}

/** The docker:dind entrypoint, emulated (see module comment); runs as the container's main process. */
function dindScript(service: CiService, privileged: boolean, cgroupParent: string, pidFile: string): string {
  const certs = String.raw`
gen() {
  d="$1"; mkdir -p "$d/ca" "$d/server" "$d/client"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=docker:dind CA' -keyout "$d/ca/key.pem" -out "$d/ca/cert.pem" 2>/dev/null
  for who in server client; do
    openssl req -newkey rsa:2048 -nodes -subj "/CN=docker:dind $who" -keyout "$d/$who/key.pem" -out "$d/$who/csr.pem" 2>/dev/null
    if [ $who = server ]; then
      printf 'subjectAltName=DNS:docker,DNS:localhost,DNS:%s,IP:127.0.0.1,IP:${HOSTS.services.ip}\nextendedKeyUsage=serverAuth\n' "$(hostname)" > "$d/$who/openssl.cnf"
    else
      printf 'extendedKeyUsage=clientAuth\n' > "$d/$who/openssl.cnf"
    fi
    openssl x509 -req -in "$d/$who/csr.pem" -CA "$d/ca/cert.pem" -CAkey "$d/ca/key.pem" -CAcreateserial -days 2 \
      -extfile "$d/$who/openssl.cnf" -out "$d/$who/cert.pem" 2>/dev/null
    cp "$d/ca/cert.pem" "$d/$who/ca.pem"
  done
}`;
  return `${certs}
set -- ${service.command.map(shQuote).join(' ')}
if [ "$#" -eq 0 ] || [ "\${1#-}" != "$1" ]; then
  dockerSocket=unix:///var/run/docker.sock
  case "\${DOCKER_HOST:-}" in unix://*) dockerSocket="$DOCKER_HOST" ;; esac
  if [ -n "\${DOCKER_TLS_CERTDIR:-}" ] && gen "$DOCKER_TLS_CERTDIR"; then
    set -- dockerd --host="$dockerSocket" --host=tcp://0.0.0.0:2376 --tlsverify \\
      --tlscacert "$DOCKER_TLS_CERTDIR/server/ca.pem" --tlscert "$DOCKER_TLS_CERTDIR/server/cert.pem" \\
      --tlskey "$DOCKER_TLS_CERTDIR/server/key.pem" "$@"
  else
    set -- dockerd --host="$dockerSocket" --host=tcp://0.0.0.0:2375 --tls=false "$@"
  fi
fi
[ -f /etc/docker/daemon.json ] && set -- "$@" --config-file /etc/docker/daemon.json
echo "[realtools] service ${service.name}: $*"
echo $$ > ${pidFile}
exec ${privileged ? '' : DROP_PRIVILEGES} "$@" --cgroup-parent ${shQuote(`/${cgroupParent}`)}`;
}

function dockerConfigJson(): string {
  const auth = (u: string, p: string) => ({ auth: Buffer.from(`${u}:${p}`).toString('base64') });
  return JSON.stringify(
    {
      auths: {
        [CI_REGISTRY]: auth(REGISTRY_USER, REGISTRY_PASSWORD),
        'registry.example.com': auth(REGISTRY_USER, REGISTRY_PASSWORD),
        'gitlab.example.com:443': auth(REGISTRY_USER, REGISTRY_PASSWORD),
        'https://index.docker.io/v1/': auth('hub-user', 'hub-pass'),
      },
    },
    null,
    2,
  );
}

/**
 * daemon.json keys that Docker added after 20.10, the dockerd that runs here: `proxies` (23.0, "Configure the daemon
 * to use a proxy", https://docs.docker.com/engine/daemon/proxy/). dockerd 20.10 refuses them as unknown directives,
 * so they are left out of the file it starts with; the unit tests check them against Docker's key list
 * (`checkDaemonJson` in src/testing/reference.ts).
 */
const DAEMON_KEYS_AFTER_2010 = ['proxies'];

/** The daemon.json text without the keys dockerd 20.10 does not know, and which of them it had. */
export function forDockerd2010(text: string): { json: string; newer: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { json: text, newer: [] }; // dockerd reports the syntax error
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { json: text, newer: [] };
  const entries = Object.entries(parsed as Record<string, unknown>);
  const newer = entries.map(([k]) => k).filter((k) => DAEMON_KEYS_AFTER_2010.includes(k));
  const kept = Object.fromEntries(entries.filter(([k]) => !DAEMON_KEYS_AFTER_2010.includes(k)));
  return newer.length ? { json: JSON.stringify(kept, null, 2), newer } : { json: text, newer };
}

/**
 * Validates a daemon.json by starting dockerd 20.10 with it (`--config-file`, vfs, its own network namespace) and
 * checking that the API answers (dockerd 20.10 has no `--validate`). Flags that the file also sets are dropped, as
 * dockerd refuses a directive given both ways. Returns null when accepted, else dockerd's output.
 */
export async function validateDaemonJson(box: Sandbox, hostFile: string, json: string): Promise<string | null> {
  let keys: string[] = [];
  try {
    keys = Object.keys(JSON.parse(json) as object);
  } catch {
    /* dockerd reports it */
  }
  const d = `${INNER}/validate-${Math.random().toString(36).slice(2)}`;
  const flags = [
    ['storage-driver', '--storage-driver vfs'],
    ['data-root', `--data-root ${d}/data`],
    ['exec-root', `--exec-root ${d}/exec`],
    ['pidfile', `--pidfile ${d}/pid`],
    ['hosts', `-H unix://${d}/sock`],
  ]
    .filter(([k]) => !keys.includes(k ?? ''))
    .map(([, f]) => f)
    .join(' ');
  const r = await box.run(
    `mkdir -p ${d}; unshare -m -n sh -c 'ip link set lo up; mount -t tmpfs x /etc/docker; mount -t tmpfs x /run
     dockerd --config-file ${shQuote(hostFile)} ${flags} --cgroup-parent /${box.cgroupParent} > ${d}/log 2>&1 & p=$!
     for i in $(seq 200); do
       if docker -H unix://${d}/sock version >/dev/null 2>&1; then kill $p; wait $p; echo ACCEPTED; exit 0; fi
       kill -0 $p 2>/dev/null || { cat ${d}/log; exit 1; }
       sleep 0.1
     done; kill -9 $p; cat ${d}/log; exit 1'`,
    { timeoutMs: 60_000 },
  );
  return r.code === 0 && r.output.includes('ACCEPTED') ? null : r.output;
}

/** The CI/CD variables a project of this setup defines (the names the plan asks for, with the stand-ins' values). */
function projectVariables(res: ReturnType<typeof generate>, id: string, dir: string): Record<string, string> {
  const project = `group/${id.toLowerCase()}`;
  const gitlab = new URL(res.answers.gitlabUrl);
  const vars: Record<string, string> = {
    CI: 'true',
    GITLAB_CI: 'true',
    CI_SERVER_URL: gitlab.origin,
    CI_SERVER_HOST: gitlab.hostname,
    CI_PROJECT_PATH: project,
    CI_PROJECT_DIR: `/builds/${project}`,
    CI_PROJECT_URL: `${gitlab.origin}/${project}`,
    CI_PROJECT_TITLE: `Project ${id}`,
    CI_PROJECT_NAME: id.toLowerCase(),
    CI_PIPELINE_IID: '42',
    CI_PIPELINE_CREATED_AT: '2026-11-30T12:00:00Z',
    CI_REGISTRY,
    CI_REGISTRY_IMAGE: `${CI_REGISTRY}/${project}`,
    CI_REGISTRY_USER: REGISTRY_USER,
    CI_REGISTRY_PASSWORD: REGISTRY_PASSWORD,
    CI_JOB_TOKEN: REGISTRY_PASSWORD,
    CI_COMMIT_SHA: SHA,
    CI_COMMIT_SHORT_SHA: SHA.slice(0, 8),
    CI_COMMIT_BRANCH: 'main',
    CI_COMMIT_REF_NAME: 'main',
    CI_COMMIT_REF_SLUG: 'main',
    CI_COMMIT_REF_PROTECTED: 'true',
    CI_DEFAULT_BRANCH: 'main',
    CI_DEFAULT_BRANCH_SLUG: 'main',
    CI_PIPELINE_SOURCE: 'push',
    CI_JOB_ID: String(1000 + Number(id.replace(/\D/g, '') || 0)),
    CI_DEPENDENCY_PROXY_SERVER: 'gitlab.example.com:443',
    CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX: 'gitlab.example.com:443/group/dependency_proxy/containers',
    CI_DEPENDENCY_PROXY_USER: REGISTRY_USER,
    CI_DEPENDENCY_PROXY_PASSWORD: REGISTRY_PASSWORD,
  };
  for (const login of res.plan.logins) {
    const user = login.user.replace(/^\$/, '');
    const pass = login.password.replace(/^\$/, '');
    if (login.registry === null) {
      vars[user] ??= 'hub-user';
      vars[pass] ??= 'hub-pass';
    } else {
      vars[user] ??= REGISTRY_USER;
      vars[pass] ??= REGISTRY_PASSWORD;
    }
  }
  if (res.plan.auth.method === 'docker-auth-config') vars[res.plan.auth.authConfigVar] = dockerConfigJson();
  const sign = res.plan.supplyChain.sign;
  if (sign?.keyVar && sign.passwordVar) {
    // The cosign key: a File variable (a path to a file GitLab writes), and its password.
    const rel = `${project}.tmp/${sign.keyVar}`;
    mkdirSync(dirname(join(dir, 'builds', rel)), { recursive: true });
    writeFileSync(join(dir, 'builds', rel), 'stand-in for cosign.key\n');
    vars[sign.keyVar] = `/builds/${rel}`;
    vars[sign.passwordVar] = 'cosign-key-pass';
  }
  if (res.plan.auth.customCa) {
    // A file variable: GitLab writes the value to a file and puts its path in the variable.
    const rel = `${project}.tmp/${res.plan.auth.customCa.variable}`;
    mkdirSync(dirname(join(dir, 'builds', rel)), { recursive: true });
    vars[res.plan.auth.customCa.variable] = `/builds/${rel}`;
  }
  return vars;
}

/**
 * The platforms (`os/arch[/variant]`) of a manifest list or OCI image index in `text` (a registry's raw manifest),
 * or null when it is not one.
 */
export function manifestListPlatforms(text: string): string[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { manifests?: unknown }).manifests))
    return null;
  return (
    doc as { manifests: { platform?: { os?: string; architecture?: string; variant?: string } }[] }
  ).manifests.map((m) => [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/'));
}

/** Runs one setup; never throws for a failing setup (the result says), only for a harness error. */
export async function runSetup(box: Sandbox, setup: RealSetup): Promise<SetupResult> {
  const started = Date.now();
  const res = generate(setup.answers);
  const files = new Map(res.files.map((f) => [f.path, f.content]));
  setup.mutate?.(files);
  const dir = join(box.hostDir, setup.id);
  const log: string[] = [];
  const real: string[] = [];
  let ok = true;
  const fail = (why: string) => {
    ok = false;
    log.push(`FAIL: ${why}`);
  };

  const ci = files.get('.gitlab-ci.yml');
  if (!ci) throw new Error(`${setup.id}: no .gitlab-ci.yml`);
  const runnerFile = files.has('config.toml') ? 'config.toml' : files.has('values.yaml') ? 'values.yaml' : null;
  const runner: RunnerView = runnerFile
    ? readRunner(runnerFile, files.get(runnerFile) ?? '')
    : {
        executor: 'docker',
        privileged: true,
        mounts: [{ kind: 'shared', path: '/certs/client' }],
        environment: {},
        services: [],
      };

  // The project: a Dockerfile FROM the Docker Hub stand-in whose image says which setup built it.
  const vars = { ...projectVariables(res, setup.id, dir), ...setup.pipeline };
  const marker = `built-by-${setup.id}`;
  const project = join(dir, 'builds', vars.CI_PROJECT_PATH ?? '');
  const dockerfile = join(project, res.plan.build.context, res.plan.build.dockerfile);
  mkdirSync(dirname(dockerfile), { recursive: true });
  const testCommand = res.plan.build.testCommand;
  if (setup.project === 'scratch') {
    writeFileSync(join(dirname(dockerfile), 'built.txt'), `${marker}\n`);
    await box.run(`cp /bin/busybox ${shQuote(join(dirname(dockerfile), 'cat'))}`);
  }
  writeFileSync(
    dockerfile,
    [
      ...(setup.dockerfile?.(marker) ?? ['FROM docker.io/library/busybox:stable', `RUN echo ${marker} > /built.txt`]),
      ...(testCommand?.startsWith('/')
        ? [
            `RUN mkdir -p ${posix.dirname(testCommand)} && printf '#!/bin/sh\\necho tests passed: ${marker}\\n' > ${testCommand} && chmod +x ${testCommand}`,
          ]
        : []),
    ].join('\n') + '\n',
  );
  if (res.plan.auth.customCa) {
    writeFileSync(join(dir, 'builds', (vars[res.plan.auth.customCa.variable] ?? '').replace(/^\/builds\//, '')), '');
    await box.run(
      `cp ${CA_FILE} ${shQuote(join(dir, 'builds', (vars[res.plan.auth.customCa.variable] ?? '').slice('/builds/'.length)))}`,
    );
  }
  writeFileSync(join(dir, 'docker-config.json'), dockerConfigJson());
  const daemonJson = files.get('daemon.json');
  if (daemonJson !== undefined) {
    const { json, newer } = forDockerd2010(daemonJson);
    writeFileSync(join(dir, 'daemon.json'), json);
    const refused = await validateDaemonJson(box, join(dir, 'daemon.json'), json);
    if (refused) fail(`dockerd 20.10 refuses daemon.json:\n${refused}`);
    else
      real.push(
        `daemon.json accepted by dockerd 20.10${newer.length ? ` (without ${newer.join(', ')}: newer than 20.10, checked against the key list only)` : ''}`,
      );
  }
  const bin = writeStandIns(join(dir, 'bin'));

  Object.assign(vars, setup.projectVariables ?? {});
  if (setup.gitTag) {
    const { tag, others } = setup.gitTag;
    delete vars.CI_COMMIT_BRANCH;
    Object.assign(vars, {
      CI_COMMIT_TAG: tag,
      CI_COMMIT_REF_NAME: tag,
      CI_COMMIT_REF_SLUG: tag.toLowerCase().replace(/[^0-9a-z]/g, '-'),
    });
    const git = (args: string) =>
      `git -C ${shQuote(project)} -c user.name=ci -c user.email=ci@example.com -c commit.gpgsign=false ${args}`;
    const lines = [git('init -q'), git('add -A'), git('commit -q -m base')];
    for (const t of others) lines.push(git(`commit -q --allow-empty -m ${shQuote(t)}`), git(`tag ${shQuote(t)}`));
    lines.push(git('commit -q --allow-empty -m release'), git(`tag ${shQuote(tag)}`));
    const r = await box.run(lines.join(' && '));
    if (r.code !== 0) fail(`git repository of the project:\n${r.output}`);
  }
  let pipeline = vars;
  let jobs = pipelineJobs(ci, pipeline);
  if (jobs.length === 0) {
    // A setup that publishes from git tags only (no job on branches): its pipeline is that of a tag.
    const tag: Record<string, string> = {
      ...Object.fromEntries(Object.entries(vars).filter(([k]) => k !== 'CI_COMMIT_BRANCH')),
      CI_COMMIT_TAG: 'v1.0.0',
      CI_COMMIT_REF_NAME: 'v1.0.0',
      CI_COMMIT_REF_SLUG: 'v1-0-0',
    };
    jobs = pipelineJobs(ci, tag);
    if (jobs.length) {
      pipeline = tag;
      real.push('no job on the default branch: the pipeline of the tag v1.0.0 ran');
    }
  }
  if (jobs.length === 0) fail('neither the pipeline of the default branch nor that of a tag runs a job');
  const usesDocker =
    runner.executor === 'shell' ||
    runner.mounts.some((m) => m.kind === 'host' && m.source === '/var/run/docker.sock') ||
    jobs.some((j) => [...j.services, ...runner.services].some(isDind));

  let ranAt = 0;
  // The dotenv reports of the jobs that ran, by job (what GitLab hands to later stages).
  const reports = new Map<string, Record<string, string>>();
  const body = async () => {
    ranAt = Date.now();
    for (const job of jobs) {
      if (!ok) break;
      const dotenv = Object.assign(
        {},
        ...[...reports].filter(([name]) => job.reportsFrom?.includes(name) ?? true).map(([, r]) => r),
      ) as Record<string, string>;
      const env = { ...pipeline, ...dotenv };
      // Expanded in order, each against the ones before it, as `pipelineJobs` does.
      const scope = { ...env };
      const variables: Record<string, string> = {};
      for (const [k, v] of Object.entries(job.variableTemplates)) scope[k] = variables[k] = expandVariables(v, scope);
      // No GitLab OIDC provider here: each ID token is a stand-in value (the cosign stand-in only checks it is set).
      for (const name of job.idTokens) {
        variables[name] = 'realtools.stub.id-token';
        log.push(`[realtools stub] id_tokens: ${name} of job ${job.name} is a stand-in token (no GitLab OIDC here)`);
      }
      await runJob(box, { ...job, variables }, runner, env, dir, bin, log, real, fail);
      if (!ok) break;
      for (const file of job.dotenv) {
        const path = join(project, file);
        if (!existsSync(path)) {
          fail(`job ${job.name} declares the dotenv report ${file} but did not write it`);
          break;
        }
        try {
          reports.set(job.name, { ...reports.get(job.name), ...parseDotenv(readFileSync(path, 'utf8')) });
          real.push(
            `job ${job.name} wrote the dotenv report ${file}: ${Object.keys(reports.get(job.name) ?? {}).join(', ')}`,
          );
        } catch (e) {
          fail(`job ${job.name}: GitLab would reject ${file}: ${(e as Error).message}`);
        }
      }
    }
  };
  const queued = Date.now();
  if (ok) await laneOf(box, usesDocker).run(body);
  const waitedMs = ranAt ? ranAt - queued : 0;

  // Every pushed image, pulled back from its registry and run.
  const pushed: string[] = [];
  if (ok) {
    for (const job of jobs) {
      const variant = res.plan.variants.find((v) => v.job === job.name);
      if (!variant) continue;
      // The dotenv reports of the earlier jobs (the image-tags job's IMAGE_TAGS) are part of the job's environment.
      const env = { ...pipeline, ...Object.assign({}, ...reports.values()), ...job.variables } as Record<
        string,
        string
      >;
      // Computed tags (issue 14): every tag of the image-tags job's IMAGE_TAGS was pushed.
      const refs = variant.dynamicTags
        ? (env.IMAGE_TAGS ?? '').split(',').map((t) => `${variant.refs[0]?.replace(/:\$IMAGE_TAG$/, '')}:${t}`)
        : variant.refs;
      for (const ref of variant.push ? refs.map((r) => expandVariables(r, env)) : []) {
        pushed.push(ref);
        const r = await box.runImage(ref, 'cat /built.txt');
        // The last line is the container's output (podman may warn first, e.g. of a foreign platform's image).
        if (r.code === 0 && r.output.trim().split('\n').pop()?.trim() === marker)
          real.push(`pulled back and ran ${ref}`);
        else fail(`pull and run of ${ref} gave ${r.code}:\n${r.output}`);
      }
      // The digest the job reported is the one the registry serves for the pushed tag (sha256 of the raw manifest).
      const report = reports.get(job.name);
      if (variant.push && !report) fail(`job ${job.name} pushed but handed no dotenv report with the digest on`);
      if (variant.push && report) {
        // With computed tags, `refs` holds the tags of IMAGE_TAGS (variant.refs names the script's $IMAGE_TAG).
        const first = expandVariables(refs[0] ?? '', env);
        const expectedRef = `${expandVariables(res.answers.image, env)}@${report.IMAGE_DIGEST ?? ''}`;
        const r = await box.run(
          `skopeo inspect --raw --creds ${REGISTRY_USER}:${REGISTRY_PASSWORD} ${shQuote(`docker://${first}`)} | sha256sum`,
        );
        const served = `sha256:${r.output.trim().split(/\s+/)[0] ?? ''}`;
        if (r.code !== 0) fail(`skopeo inspect of ${first} gave ${r.code}:\n${r.output}`);
        else if (served !== report.IMAGE_DIGEST)
          fail(`job ${job.name} reported IMAGE_DIGEST=${report.IMAGE_DIGEST ?? ''}, the registry serves ${served}`);
        else if (report.IMAGE_REF !== expectedRef)
          fail(`job ${job.name} reported IMAGE_REF=${report.IMAGE_REF ?? ''}, expected ${expectedRef}`);
        else real.push(`IMAGE_DIGEST of ${job.name} is the digest the registry serves for ${first}`);
        const native = res.plan.multiArch?.mode === 'native' ? res.plan.multiArch : null;
        if (native && r.code === 0) {
          // A native multi-arch merge job: the tag names a manifest list of one image per platform.
          const raw = await box.run(
            `skopeo inspect --raw --creds ${REGISTRY_USER}:${REGISTRY_PASSWORD} ${shQuote(`docker://${first}`)}`,
          );
          const platforms = manifestListPlatforms(raw.output);
          // The buildx and buildctl stand-ins build for this machine only: they cannot set the platform.
          const stubbed = res.plan.buildx || res.plan.method.tool === 'buildctl';
          if (platforms === null) fail(`${first} is not a manifest list or image index:\n${raw.output}`);
          else if (platforms.length !== native.platforms.length)
            fail(`the manifest list ${first} holds ${platforms.join(', ')}, not ${native.platforms.join(', ')}`);
          else if (!stubbed && [...platforms].sort().join() !== [...native.platforms].sort().join())
            fail(`the manifest list ${first} holds ${platforms.join(', ')}, not ${native.platforms.join(', ')}`);
          else
            real.push(
              `${first} is a manifest list of ${platforms.join(', ')}${stubbed ? ' (platforms set by a stand-in that builds for this host)' : ''}`,
            );
        }
      }
      if (!variant.push && testCommand && job.script.some((l) => l.includes('docker run'))) {
        if (log.join('\n').includes(`tests passed: ${marker}`)) real.push('the job ran the built image');
        else fail('the job did not run the built image');
      }
    }
  }
  const all = log.join('\n');
  const stubs = [
    ...new Set(
      all
        .split('\n')
        .filter((l) => /\[realtools (stub|adapt)\]/.test(l))
        .map((l) => l.trim()),
    ),
  ];
  return { id: setup.id, ok, ms: Date.now() - started - waitedMs, log: all, stubs, real, pushed };
}

async function runJob(
  box: Sandbox,
  job: CiJob,
  runner: RunnerView,
  vars: Record<string, string>,
  dir: string,
  bin: string,
  log: string[],
  real: string[],
  fail: (why: string) => void,
): Promise<void> {
  const env: Record<string, string> = { ...vars, ...runner.environment, ...job.variables };
  const image = job.image === null ? null : expandVariables(job.image, env);
  if (image?.startsWith(`${CI_REGISTRY}/`)) {
    // A job in the image an earlier job pushed (the test job): pulled from the registry and run for real.
    const file = join(dir, `${job.name}.script.sh`);
    writeFileSync(file, jobShellScript(job.script));
    const r = await box.runImage(image, 'sh /realtools-job.sh', {
      mounts: [`${file}:/realtools-job.sh:ro`],
      timeoutMs: 300_000,
    });
    log.push(`--- job ${job.name} in ${image} (exit ${r.code}, ${r.ms} ms)`, r.output);
    if (r.code !== 0) return fail(`job ${job.name} failed with exit code ${r.code}`);
    real.push(`job ${job.name} ran in the pushed image ${image} (podman)`);
    return;
  }
  const services = [...runner.services, ...job.services];
  const hostSocket = `${dir}/host-docker.sock`;
  const daemons: Daemon[] = [];
  // The shell executor runs on the host, where the daemon's socket is /var/run/docker.sock.
  const mounts: RunnerMount[] =
    runner.executor === 'shell'
      ? [{ kind: 'host', source: '/var/run/docker.sock', path: '/var/run/docker.sock', readOnly: false }]
      : runner.mounts;
  const privileged = runner.privileged;
  try {
    if (runner.executor === 'shell' || mounts.some((m) => m.kind === 'host' && m.source === '/var/run/docker.sock')) {
      const pid = `${dir}/host-dockerd.pid`;
      const d = startDaemon(
        box,
        `unshare -m sh -c 'mount -t tmpfs x /var/lib/docker; mount -t tmpfs x /run; mount -t tmpfs x /etc/docker
         echo $$ > ${pid}; exec dockerd -H unix://${hostSocket} --cgroup-parent /${box.cgroupParent}'`,
        pid,
        {},
      );
      daemons.push(d);
      if (
        !(await waitFor(
          box,
          `[ -S ${hostSocket} ] && docker -H unix://${hostSocket} version >/dev/null 2>&1`,
          d,
          30_000,
        ))
      )
        return fail(`the host dockerd did not start:\n${d.output()}`);
      real.push('host dockerd 20.10 (shell executor / socket binding)');
    }
    for (const [i, s] of services.entries()) {
      const serviceEnv = { ...env, ...s.variables };
      if (isDind(s)) {
        if (!('DOCKER_TLS_CERTDIR' in serviceEnv)) serviceEnv.DOCKER_TLS_CERTDIR = '/certs'; // the image's ENV
        const pid = `${dir}/service-${i}.pid`;
        const script = `unshare -m -u sh -c ${shQuote(`${containerPrelude(mounts, dir, hostSocket)}\nhostname docker\n${dindScript(s, privileged, box.cgroupParent, pid)}`)}`;
        writeFileSync(join(dir, `service-${i}.sh`), script);
        const d = startDaemon(box, script, pid, serviceEnv);
        daemons.push(d);
        const ready = await waitFor(
          box,
          `{ ${tcpOpen(HOSTS.services.ip, 2376)} || ${tcpOpen(HOSTS.services.ip, 2375)}; }`,
          d,
          30_000,
        );
        log.push(
          ready
            ? `[realtools] service ${s.name} (alias ${s.alias}) is up`
            : `[realtools] service ${s.name} did not come up:\n${d.output()}`,
        );
        if (ready) real.push(`dind service: dockerd 20.10${privileged ? '' : ' (unprivileged)'}`);
      } else if (isBuildkitd(s)) {
        const addr = s.command[s.command.indexOf('--addr') + 1] ?? '';
        const port = Number(/:(\d+)$/.exec(addr)?.[1] ?? 0);
        const pid = `${dir}/service-${i}.pid`;
        const d = startDaemon(box, `echo $$ > ${pid}; exec busybox nc -ll -p ${port} -e true`, pid, {});
        daemons.push(d);
        log.push(`[realtools stub] service ${s.name}: a TCP listener on :${port} stands in for buildkitd`);
      } else {
        return fail(`service ${s.name} is not emulated`);
      }
    }
    const jobEnv = {
      ...env,
      HOME: '/root',
      PATH: `${bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    };
    const runIn = async (commands: string[], what: string) => {
      const file = join(dir, `${job.name}.${what}.sh`);
      writeFileSync(file, jobShellScript(commands));
      const script = `unshare -m sh -c ${shQuote(
        `${containerPrelude(mounts, dir, hostSocket)}\ncd ${shQuote(vars.CI_PROJECT_DIR ?? '/')}\nexec ${
          runner.executor !== 'shell' && !privileged ? DROP_PRIVILEGES : ''
        } busybox sh ${shQuote(file)}`,
      )}`;
      return box.run(script, { env: jobEnv, timeoutMs: 300_000 });
    };
    const main = await runIn(job.script, 'script');
    log.push(`--- job ${job.name} (exit ${main.code}, ${main.ms} ms)`, main.output);
    if (job.afterScript.length) {
      const after = await runIn(job.afterScript, 'after_script');
      log.push(`--- after_script of ${job.name} (exit ${after.code})`, after.output);
    }
    if (main.code !== 0) fail(`job ${job.name} failed with exit code ${main.code}`);
    else {
      const tools = ['docker', 'buildah', 'podman'].filter((t) =>
        job.script.some((l) => new RegExp(`\\b${t}\\b`).test(l)),
      );
      if (tools.length) real.push(`job ${job.name} ran with ${tools.join(', ')}`);
      if (main.output.includes('building with buildah')) real.push(`job ${job.name} built with buildah (for buildctl)`);
    }
  } finally {
    for (const d of daemons.reverse()) {
      if (d.ended()) log.push(`[realtools] a service or daemon exited during the job:\n${d.output()}`);
      await d.stop();
    }
  }
}
