/**
 * A throwaway root and network namespace with the stand-in hosts every real-tool test talks to.
 *
 * `Sandbox.start()` runs `unshare --mount --net --pid --fork --kill-child` and, inside, mounts an overlay of `/` whose
 * upper layer is a tmpfs, then `pivot_root`s into it: every write to `/etc`, `/var`, `/root` (key.json, certificates,
 * `/etc/hosts`, image stores) lands in memory and vanishes with the namespace. PID 1 of the namespace waits on a pipe
 * held by this Node process, so when the test process ends (even killed) every daemon of the namespace is killed by
 * the kernel. Inside:
 *
 * - `lo` carries one 10.89.0.x address per emulated host (`HOSTS`), mapped in `/etc/hosts`: dockerd treats registries
 *   on 127.0.0.0/8 as insecure and would ignore their TLS, so loopback addresses are never used.
 * - A throwaway CA (openssl) signs one server certificate for every name; it is trusted with `update-ca-certificates`.
 * - Registries (Debian `docker-registry`, distribution 2.8): the GitLab registry / other registries stand-in with TLS
 *   and htpasswd auth; a Docker Hub stand-in without auth on :443 as `registry-1.docker.io`; a registry mirror that is
 *   a pull-through cache of the Docker Hub stand-in.
 * - An HTTP CONNECT proxy (`connect-proxy.ts`) that, like a proxy outside the job's network, cannot reach the service
 *   aliases (`docker`, `buildkitd`).
 * - The Docker Hub stand-in is seeded (with buildah) with `busybox:stable` (the test Dockerfile's `FROM`), built
 *   FROM scratch with Debian's busybox-static, and with a stand-in of the binfmt image.
 *
 * `run()` executes a shell script inside with `nsenter`. `dispose()` ends the namespace, then removes the host
 * directory and the cgroups the daemons created.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BINFMT_IMAGE } from '../../core/images';
import { shQuote } from '../../core/quote';

/** The stand-in hosts: address on `lo` inside the namespace and the names `/etc/hosts` gives it. */
export const HOSTS = {
  /** GitLab registry, dependency proxy and "other registry" stand-in: TLS + htpasswd, port 443. */
  registry: {
    ip: '10.89.0.1',
    names: ['registry.gitlab.example.com', 'gitlab.example.com', 'registry.example.com'],
  },
  /** Docker Hub stand-in: TLS, no auth, port 443. */
  hub: { ip: '10.89.0.2', names: ['registry-1.docker.io', 'index.docker.io', 'docker.io'] },
  /** Registry mirror: pull-through cache of the Docker Hub stand-in, port 443. */
  mirror: { ip: '10.89.0.3', names: ['registry-mirror.example.com', 'mirror.example.com'] },
  /** HTTP CONNECT proxy, port 3128. */
  proxy: { ip: '10.89.0.4', names: ['proxy.example.com'] },
  /** The service containers (`docker`, `buildkitd`): one setup at a time per sandbox uses them. */
  services: { ip: '10.89.0.10', names: ['docker', 'buildkitd'] },
} as const;

/** The registry account (htpasswd) of the GitLab registry stand-in: CI_REGISTRY_USER / CI_REGISTRY_PASSWORD. */
export const REGISTRY_USER = 'gitlab-ci-token';
export const REGISTRY_PASSWORD = 'real-tools-pass';
/** CI_REGISTRY of every emulated project. */
export const CI_REGISTRY = HOSTS.registry.names[0];
/** The base image the test Dockerfile starts FROM, served by the Docker Hub stand-in. */
export const BASE_IMAGE = 'docker.io/library/busybox:stable';

/** Inside the namespace: the sandbox's own files (tmpfs). */
export const INNER = '/tmp/rt';
/** Inside the namespace: the CA certificate (PEM) of every stand-in's server certificate. */
export const CA_FILE = `${INNER}/ca/ca.crt`;

/** Result of a command run in the sandbox: exit code (null when killed), combined output, duration in ms. */
export interface RunResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Options of `Sandbox.run`: environment (replaces the default), stdin text, timeout in ms (default 120 000). */
export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(HERE, '../../..');
/** `/usr/local/bin` holds the machine's docker CLI 28.2 (no buildx); Debian's 20.10 CLI is in /usr/bin. */
export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The script PID 1 of the namespace runs: throwaway root, addresses, CA, registries, proxy, seeded images. */
function setupScript(host: string, cgroupParent: string): string {
  const hostsFile = Object.values(HOSTS)
    .map((h) => `${h.ip} ${h.names.join(' ')}`)
    .join('\n');
  const sans = [
    ...Object.values(HOSTS).flatMap((h) => h.names.map((n) => `DNS:${n}`)),
    ...Object.values(HOSTS).map((h) => `IP:${h.ip}`),
  ].join(',');
  const registryConfig = (name: string, ip: string, extra: string) =>
    [
      'version: 0.1',
      'log: {level: error, accesslog: {disabled: true}}',
      `storage: {filesystem: {rootdirectory: ${INNER}/${name}/data}, delete: {enabled: true}}`,
      `http: {addr: "${ip}:443", tls: {certificate: ${INNER}/ca/server.crt, key: ${INNER}/ca/server.key}}`,
      extra,
    ].join('\n');
  const proxyMain = join(HERE, 'connect-proxy.main.ts');
  const tsx = join(REPO, 'node_modules/.bin/tsx');
  return String.raw`
set -eu
H=${shQuote(host)}
R="$H/root"
mount --make-rprivate /
mkdir -p "$R"
mount -t tmpfs -o mode=0755 rt-root "$R"
mkdir -p "$R/upper" "$R/work" "$R/new"
mount -t overlay overlay -o "lowerdir=/,upperdir=$R/upper,workdir=$R/work" "$R/new"
N="$R/new"
mount --rbind /dev "$N/dev"
mount -t proc proc "$N/proc"
mount -t sysfs sysfs "$N/sys"
mount --rbind /sys/fs/cgroup "$N/sys/fs/cgroup"
mount -t tmpfs -o mode=0755 rt-run "$N/run"
mount -t tmpfs -o mode=1777 rt-tmp "$N/tmp"
mkdir -p "$N$H" && mount --bind "$H" "$N$H"
${
  // The repository (tsx and the proxy's code) stays visible when it lives under /tmp or /run, which the new root
  // hides under its own tmpfs (a fresh clone in /tmp).
  /^\/(tmp|run)\//.test(REPO)
    ? `mkdir -p "$N"${shQuote(REPO)} && mount --bind ${shQuote(REPO)} "$N"${shQuote(REPO)}`
    : ''
}
mkdir -p "$N/.old"
cd "$N"
pivot_root . .old
umount -l /.old
rmdir /.old
cd /
# Mount points the emulated containers use (in the throwaway root only).
mkdir -p /certs /runner/services/docker /builds /etc/docker /var/lib/containers /var/lib/docker
ip link set lo up
${Object.values(HOSTS)
  .map((h) => `ip addr add ${h.ip}/32 dev lo`)
  .join('\n')}
printf '%s\n' '127.0.0.1 localhost' ${shQuote(hostsFile)} > /etc/hosts
echo realtools > /etc/hostname
mkdir -p ${INNER}/ca ${INNER}/auth ${INNER}/logs
cd ${INNER}/ca
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=realtools throwaway CA' -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=realtools' -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' ${shQuote(sans)} > ext.cnf
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf -out server.crt 2>/dev/null
# What update-ca-certificates would do, without rebuilding every hashed link (seconds): the bundle every tool reads.
cp ca.crt /usr/local/share/ca-certificates/realtools-ca.crt
cat ca.crt >> /etc/ssl/certs/ca-certificates.crt
htpasswd -Bbn ${REGISTRY_USER} ${REGISTRY_PASSWORD} > ${INNER}/auth/htpasswd
cat > ${INNER}/registry.yml <<'YML'
${registryConfig('registry', HOSTS.registry.ip, `auth: {htpasswd: {realm: realtools, path: ${INNER}/auth/htpasswd}}`)}
YML
cat > ${INNER}/hub.yml <<'YML'
${registryConfig('hub', HOSTS.hub.ip, '')}
YML
cat > ${INNER}/mirror.yml <<'YML'
${registryConfig('mirror', HOSTS.mirror.ip, `proxy: {remoteurl: "https://${HOSTS.hub.names[0]}"}`)}
YML
for r in registry hub mirror; do docker-registry serve ${INNER}/$r.yml > ${INNER}/logs/$r.log 2>&1 & done
${shQuote(tsx)} ${shQuote(proxyMain)} ${HOSTS.proxy.ip} 3128 ${HOSTS.services.names.join(',')},${HOSTS.services.ip} > ${INNER}/logs/proxy.log 2>&1 &
for i in $(seq 100); do
  curl -fsS -o /dev/null https://${HOSTS.hub.names[0]}/v2/ 2>/dev/null && break
  sleep 0.05
done
# Seed the Docker Hub stand-in: busybox FROM scratch, and a binfmt stand-in that only says what it would do.
mkdir -p ${INNER}/seed && cd ${INNER}/seed
cp /bin/busybox busybox
printf '%s\n' 'FROM scratch' 'COPY busybox /bin/busybox' 'RUN ["/bin/busybox","--install","-s","/bin"]' > Dockerfile
printf '%s\n' 'FROM ${BASE_IMAGE}' 'ENTRYPOINT ["/bin/echo","binfmt stand-in (no qemu here):"]' > Dockerfile.binfmt
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot BUILDAH_FORMAT=docker
buildah --root ${INNER}/seed/store --runroot ${INNER}/seed/run build -q -t ${BASE_IMAGE} . >/dev/null
buildah --root ${INNER}/seed/store --runroot ${INNER}/seed/run push -q ${BASE_IMAGE}
buildah --root ${INNER}/seed/store --runroot ${INNER}/seed/run build -q -f Dockerfile.binfmt -t docker.io/${BINFMT_IMAGE} . >/dev/null
buildah --root ${INNER}/seed/store --runroot ${INNER}/seed/run push -q docker.io/${BINFMT_IMAGE}
# The same binfmt stand-in behind the GitLab Dependency Proxy's path (a job with dependencyProxy pulls it there).
until curl -fsS -o /dev/null -u ${REGISTRY_USER}:${REGISTRY_PASSWORD} https://gitlab.example.com/v2/ 2>/dev/null; do sleep 0.05; done
buildah --root ${INNER}/seed/store --runroot ${INNER}/seed/run push -q --creds ${REGISTRY_USER}:${REGISTRY_PASSWORD} \
  docker.io/${BINFMT_IMAGE} docker://gitlab.example.com:443/group/dependency_proxy/containers/${BINFMT_IMAGE}
rm -rf ${INNER}/seed
unset STORAGE_DRIVER BUILDAH_ISOLATION BUILDAH_FORMAT
echo "cgroup-parent ${cgroupParent}" > ${INNER}/cgroup-parent
cd /
echo REALTOOLS-READY
exec cat > /dev/null
`;
}

let counter = 0;

/** One namespace with its stand-ins; see the module comment. */
export class Sandbox {
  /** Host directory bound at the same path inside (project files, job logs); removed by `dispose`. */
  readonly hostDir: string;
  /** `--cgroup-parent` for every dockerd of this sandbox, so `dispose` can remove what they leave. */
  readonly cgroupParent: string;
  private holder: ChildProcess | null = null;
  private pid1 = 0;
  private setupLog = '';

  private constructor() {
    this.hostDir = mkdtempSync('/tmp/realtools-');
    counter += 1;
    this.cgroupParent = `realtools-${process.pid}-${counter}`;
  }

  /** Starts a sandbox and waits until its registries are seeded (about 3-5 s). Throws with the setup log on failure. */
  static async start(): Promise<Sandbox> {
    const box = new Sandbox();
    await box.boot();
    return box;
  }

  private boot(): Promise<void> {
    const holder = spawn(
      'unshare',
      ['--mount', '--net', '--pid', '--fork', '--kill-child', 'sh', '-c', setupScript(this.hostDir, this.cgroupParent)],
      { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH, HOME: '/root', LANG: 'C.UTF-8' } },
    );
    this.holder = holder;
    // Closing stdin ends the namespace; a holder that already ended has closed the pipe (EPIPE), which is fine.
    holder.stdin.on('error', () => undefined);
    const kill = () => holder.kill('SIGKILL');
    process.once('exit', kill);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`sandbox setup timed out:\n${this.setupLog}`)), 90_000);
      const onData = (b: Buffer) => {
        this.setupLog += b.toString();
        if (this.setupLog.includes('REALTOOLS-READY')) {
          clearTimeout(timer);
          const children = readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8').trim();
          this.pid1 = Number(children.split(/\s+/)[0]);
          resolvePromise();
        }
      };
      holder.stdout.on('data', onData);
      holder.stderr.on('data', onData);
      holder.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sandbox setup exited with ${code}:\n${this.setupLog}`));
      });
    });
  }

  /**
   * Runs `script` with `sh -c` inside the namespace (root, throwaway root, the sandbox's network). The environment is
   * `opts.env` on top of PATH/HOME/LANG only. Resolves with exit code and combined stdout+stderr; never rejects.
   */
  run(script: string, opts: RunOptions = {}): Promise<RunResult> {
    const started = Date.now();
    return new Promise((done) => {
      const child = spawn(
        'nsenter',
        ['-t', String(this.pid1), '-m', '-n', '-p', '-r', '-w', '--', 'sh', '-c', script],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
          env: { PATH, HOME: '/root', LANG: 'C.UTF-8', ...opts.env },
          detached: true,
        },
      );
      let output = '';
      child.stdout.on('data', (b: Buffer) => (output += b.toString()));
      child.stderr.on('data', (b: Buffer) => (output += b.toString()));
      const timer = setTimeout(() => {
        output += `\n[realtools] timed out after ${opts.timeoutMs ?? 120_000} ms\n`;
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      }, opts.timeoutMs ?? 120_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        done({ code, output, ms: Date.now() - started });
      });
      // A script that exits before reading its input closes the pipe: that is its result, not an error of the run.
      child.stdin.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') output += `\n[realtools] stdin: ${e.message}\n`;
      });
      child.stdin.end(opts.input ?? '');
    });
  }

  /**
   * Pulls `image` from a stand-in registry (with the CI job token's credentials) into throwaway podman storage and
   * runs `command` (an argv string, already quoted for `sh`) in it without network, under this sandbox's cgroup.
   * `mounts` are `-v` values (quoted here). Resolves with the run's exit code and podman's messages followed by the
   * container's output, read back from its k8s-file log: the attached stdout of `podman run` once lost a short-lived
   * container's only line in CI (exit 0, no output), while conmon writes the log from the container's own stdout.
   */
  runImage(image: string, command: string, opts: RunOptions & { mounts?: string[] } = {}): Promise<RunResult> {
    const podman = 'podman --storage-driver vfs --cgroup-manager cgroupfs';
    const volumes = (opts.mounts ?? []).map((m) => `-v ${shQuote(m)}`).join(' ');
    const script = `mount -t tmpfs x /var/lib/containers; mount -t tmpfs x /run
${podman} pull -q --creds ${REGISTRY_USER}:${REGISTRY_PASSWORD} ${shQuote(image)} >/dev/null || exit
${podman} run --name pulled-back --log-driver k8s-file --network none --cgroup-parent /${this.cgroupParent} ${volumes} ${shQuote(image)} ${command} >/dev/null
code=$?
${podman} logs pulled-back
exit $code`;
    return this.run(`unshare -m sh -c ${shQuote(script)}`, opts);
  }

  /** Ends the namespace (every process in it is killed), removes the host directory and the daemons' cgroups. */
  dispose(): void {
    if (this.holder && this.holder.exitCode === null) {
      this.holder.stdin?.end();
      this.holder.kill('SIGKILL');
      // PID 1 exits when its stdin closes; wait for the namespace's processes to be gone before removing files.
      for (let i = 0; i < 100 && this.pid1 && existsSync(`/proc/${this.pid1}`); i++) {
        spawnSync('sleep', ['0.05']);
      }
    }
    rmSync(this.hostDir, { recursive: true, force: true });
    removeCgroups(this.cgroupParent);
  }
}

/** Removes (depth first) the empty cgroup directories named `name` under every cgroup v1/v2 hierarchy. */
function removeCgroups(name: string): void {
  const root = '/sys/fs/cgroup';
  if (!existsSync(root)) return;
  const remove = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) remove(p);
    }
    try {
      rmdirSync(dir);
    } catch {
      /* still in use or not empty: left for the kernel to report */
    }
  };
  for (const h of readdirSync(root)) {
    const p = join(root, h, name);
    if (existsSync(p)) remove(p);
  }
}
