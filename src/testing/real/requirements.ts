/**
 * What the real-tool tests need on the machine, and the decision to run, skip or fail.
 *
 * The tests run real dockerd, registries, buildah and podman in a throwaway root and network namespace, so they need
 * root and the Debian packages below. Where something is missing they FAIL with a message naming what to install,
 * unless `REAL_TOOLS=skip` is set (then every real-tool test is skipped).
 */
import { spawnSync } from 'node:child_process';

/** The Debian packages the real-tool tests use (one `apt-get install -y` line; `.ci/run` installs them). */
export const REAL_TOOL_PACKAGES = [
  'docker.io',
  'docker-registry',
  'busybox-static',
  'apache2-utils',
  'shellcheck',
  'openssl',
  'iptables',
  'buildah',
  'podman',
  'uidmap',
  'fuse-overlayfs',
  'slirp4netns',
  'skopeo',
] as const;

/** Programs checked on PATH, each with the package that provides it. */
const PROGRAMS: readonly [string, string][] = [
  ['dockerd', 'docker.io'],
  ['docker', 'docker.io'],
  ['docker-registry', 'docker-registry'],
  ['busybox', 'busybox-static'],
  ['htpasswd', 'apache2-utils'],
  ['shellcheck', 'shellcheck'],
  ['openssl', 'openssl'],
  ['iptables', 'iptables'],
  ['buildah', 'buildah'],
  ['podman', 'podman'],
  ['unshare', 'util-linux'],
  ['nsenter', 'util-linux'],
  ['setpriv', 'util-linux'],
];

/** True when `REAL_TOOLS=skip`: the real-tool tests are skipped instead of failing on a machine without the tools. */
export const SKIP_REAL_TOOLS = process.env.REAL_TOOLS === 'skip';

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/**
 * What is missing to run the real-tool tests: an empty list when everything is there, otherwise one English line
 * per problem (not root; a program and its package). Probes PATH with `command -v`, about 20 ms.
 */
export function missingRequirements(): string[] {
  const problems: string[] = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    problems.push('the real-tool tests need root (they create mount, network and PID namespaces)');
  }
  const missing = PROGRAMS.filter(([p]) => !onPath(p));
  for (const [p, pkg] of missing) problems.push(`${p} not found (Debian package ${pkg})`);
  if (missing.length) {
    problems.push(`install them with: apt-get install -y ${REAL_TOOL_PACKAGES.join(' ')}`);
  }
  return problems;
}

/**
 * Throws with the full list of what is missing (so `beforeAll` fails every test of the file with a clear message).
 * Call it only when the tests are not skipped.
 */
export function assertRequirements(): void {
  const problems = missingRequirements();
  if (problems.length) {
    throw new Error(
      `Real-tool tests cannot run here:\n- ${problems.join('\n- ')}\nSet REAL_TOOLS=skip to skip them explicitly.`,
    );
  }
}
