/**
 * Script fragments several build methods share: registry logins, build arguments for the proxy and the Dependency
 * Proxy, and the Dockerfile's place. Each takes the plan and renders tokens for the job's shell.
 */
import type { Answers } from '../answers';
import type { MethodInput as Plan } from '../plan';
import type { MethodMounts, MethodSecurity } from './types';
import { exp, lit, renderCommand, type ShellKind, type Token } from '../quote';

/** How a client spells build arguments: `docker build`, `buildctl` (`--opt build-arg:`), `buildah`/`podman build`. */
export type ArgStyle = 'docker' | 'buildctl' | 'buildah';

/**
 * `docker|buildah|podman login` for each registry of the plan (`--password-stdin` from the CI/CD variable), or the
 * whole config.json from one variable (S23). Docker Hub is the default registry of `docker login` only.
 */
export function loginCommands(p: Plan, tool: 'docker' | 'buildah' | 'podman', shell: ShellKind): string[] {
  const a = p.a;
  if (a.authMethod === 'docker-auth-config') {
    // S23: the whole config.json comes from one CI/CD variable (Buildah and Podman read it too)
    return [
      renderCommand([lit('mkdir'), lit('-p'), exp('$HOME/.docker')], shell),
      `${renderCommand([lit('echo'), exp(`$${a.authConfigVar}`)], shell)} > "$HOME/.docker/config.json"`,
    ];
  }
  return p.logins.map((l) => {
    const registry = l.registry ?? (tool === 'docker' ? null : 'docker.io');
    if (!a.passwordStdin && tool === 'docker') {
      // Outdated, on request only: the password is visible in the process list (finding password-on-command-line).
      return renderCommand(
        [
          lit('docker'),
          lit('login'),
          lit('--username'),
          exp(l.user),
          lit('--password'),
          exp(l.password),
          ...(registry ? [exp(registry)] : []),
        ],
        shell,
      );
    }
    const login = renderCommand(
      [
        lit(tool),
        lit('login'),
        ...(registry ? [exp(registry)] : []),
        lit('--username'),
        exp(l.user),
        lit('--password-stdin'),
      ],
      shell,
    );
    // PowerShell pipes the variable's value itself; POSIX shells echo it.
    const password = renderCommand([exp(l.password)], shell);
    return shell === 'ps' ? `${password} | ${login}` : `echo ${password} | ${login}`;
  });
}

/** Proxy variables passed to the build as build arguments (BuildKit's own client reads the lower-case names). */
export function proxyBuildArgs(a: Answers, style: ArgStyle, lowercase: boolean): Token[] {
  if (a.proxy === 'none') return [];
  const names = lowercase ? ['http_proxy', 'https_proxy', 'no_proxy'] : ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];
  return names.flatMap((n) => buildArg(n, style));
}

/** The Dependency Proxy prefix as a build argument, for `FROM ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/...`. */
export function dependencyProxyArg(a: Answers, style: ArgStyle): Token[] {
  return a.dependencyProxy ? buildArg('CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX', style) : [];
}

/** One build argument taken from the job's environment variable of the same name. */
function buildArg(name: string, style: ArgStyle): Token[] {
  return style === 'buildctl'
    ? [lit('--opt'), exp(`build-arg:${name}=$${name}`)]
    : style === 'docker'
      ? [lit('--build-arg'), lit(name)]
      : [lit('--build-arg'), exp(`${name}=$${name}`)];
}

/** The Dockerfile's directory (`.` at the repository root). */
export function dockerfileDir(a: Pick<Answers, 'dockerfile'>): string {
  const i = a.dockerfile.lastIndexOf('/');
  return i === -1 ? '.' : a.dockerfile.slice(0, i);
}
/** The Dockerfile's file name. */
export function dockerfileName(a: Pick<Answers, 'dockerfile'>): string {
  const i = a.dockerfile.lastIndexOf('/');
  return i === -1 ? a.dockerfile : a.dockerfile.slice(i + 1);
}
/** A repository path as a command argument: `-` (stdin) or `--x` would be read as an option; `./` keeps it a path. */
export const pathArg = (path: string): string => (path.startsWith('-') ? `./${path}` : path);
/** `--file` is needed unless the Dockerfile is `Dockerfile` at the root of the context `.`. */
export const needsFileFlag = (a: Pick<Answers, 'dockerfile' | 'context'>): boolean =>
  !(a.dockerfile === 'Dockerfile' && a.context === '.');
/** `--platform` value: every platform asked for, or '' (the runner's own). */
export const platformList = (a: Pick<Answers, 'platforms'>): string => a.platforms.join(',');
/**
 * BuildKit's registry cache export (`--cache-to` / `--export-cache`) to `ref` with the OCI image-manifest layout;
 * `mode` is the plan's `cache.exportMode`.
 */
export const registryCacheExport = (ref: string, mode: 'max' | 'min'): string =>
  `type=registry,ref=${ref},mode=${mode},image-manifest=true,oci-mediatypes=true`;

/**
 * `docker build`, `docker buildx build` and `buildah`/`podman build` share one option layout: file, target (tags,
 * platform), cache, build arguments, extra options, context.
 */
export function cliBuild(
  p: Plan,
  shell: ShellKind,
  head: Token[],
  style: 'docker' | 'buildah',
  lowercaseProxy: boolean,
  parts: { target: Token[]; cache: Token[]; extra?: Token[] },
): string {
  const a = p.a;
  const file = needsFileFlag(a) ? [lit('--file'), lit(pathArg(a.dockerfile))] : [];
  return renderCommand(
    [
      ...head,
      ...file,
      ...parts.target,
      ...parts.cache,
      ...proxyBuildArgs(a, style, lowercaseProxy),
      ...dependencyProxyArg(a, style),
      ...(parts.extra ?? []),
      lit(pathArg(a.context)),
    ],
    shell,
    { multiline: head.length > 2 || style === 'buildah' },
  );
}

/** No runner-side mounts (builders that need neither a daemon socket nor certificates). */
export const NO_MOUNTS = (): MethodMounts => ({ docker: [], k8s: [], featureFlags: {}, nodeSelector: {} });
/**
 * The pod annotation that sets the AppArmor profile of the job pod's build container (`build`), honoured by every
 * Kubernetes release (the securityContext field `appArmorProfile` needs Kubernetes 1.30 and a runner that passes it).
 */
export const K8S_BUILD_APPARMOR = 'container.apparmor.security.beta.kubernetes.io/build';
/** No sandbox exceptions (the daemon does the building, or runs privileged). */
export const NO_SECURITY_EXCEPTIONS = (): MethodSecurity => ({
  securityOpt: [],
  podAnnotations: {},
  k8sUser: null,
});
