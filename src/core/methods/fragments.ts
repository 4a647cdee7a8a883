/**
 * Script fragments several build methods share: registry logins, build arguments for the proxy and the Dependency
 * Proxy, and the Dockerfile's place. Each takes the plan and renders tokens for the job's shell.
 */
import type { Answers } from '../answers';
import type { BuildVariant, MethodInput as Plan } from '../plan';
import type { MethodMounts, MethodSecurity } from './types';
import { exp, lit, renderCommand, renderToken, type ShellKind, type Token } from '../quote';

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

/**
 * The first lines of a build job with computed tags (`BuildVariant.dynamicTags`): `IMAGE_TAGS` from the image-tags
 * job's dotenv report (commas) becomes a space-separated list, and `IMAGE_TAG` its first word (the local name of
 * the image for tests and compose). A missing report (the image-tags job did not run) stops the job with a message.
 * POSIX sh only: rules.ts keeps PowerShell jobs on fixed tags.
 */
export function dynamicTagsPrelude(): string[] {
  return [
    'test -n "${IMAGE_TAGS:-}" || { echo "error: IMAGE_TAGS is empty: the image-tags job (stage .pre) computes it" >&2; exit 1; }',
    `IMAGE_TAGS=$(printf '%s' "$IMAGE_TAGS" | tr ',' ' ')`,
    'IMAGE_TAG=${IMAGE_TAGS%% *}',
  ];
}

/**
 * `set --` with one `<flag> <image>:<tag>` pair per word of `$IMAGE_TAGS`, for a build command that ends its tags
 * with `"$@"` (POSIX sh has no arrays; the positional parameters are the one list that keeps each word whole).
 */
export function tagArgsLine(image: string, flag: '--tag'): string {
  return `set --; for tag in $IMAGE_TAGS; do set -- "$@" ${flag} ${renderCommand([exp(`${image}:$tag`)], 'sh')}; done`;
}

/**
 * `<tool> push` of every word of `$IMAGE_TAGS` (stops at the first failure); `pipe` is generator-written shell after
 * the command (`| tee push.log`: the runner's `set -o pipefail` keeps a failed push failing).
 */
export function pushEachTagLine(image: string, push: (ref: Token) => Token[], pipe = ''): string {
  const command = renderCommand(push(exp(`${image}:$tag`)), 'sh');
  return `for tag in $IMAGE_TAGS; do ${command}${pipe ? ` ${pipe}` : ''} || exit 1; done`;
}

/**
 * Labels, build arguments, secrets and the target stage of the plan's `metadata`, as options of the builder:
 * `--label`, `--build-arg`, `--secret id=NAME,env=NAME`, `--target` for `docker build`, Buildx, Buildah and Podman;
 * `--opt label:`, `--opt build-arg:`, `--secret`, `--opt target=` for buildctl. Annotations: `--annotation` for
 * Buildx (https://docs.docker.com/build/metadata/annotations/); buildctl's go into `--output` (see `buildkit.ts`).
 * Build arguments are literal words: a value reaches the build byte for byte. Sources:
 * https://docs.docker.com/reference/cli/docker/buildx/build/ (`--label`, `--annotation`, `--secret`, `--target`),
 * https://github.com/moby/buildkit#secrets, https://docs.podman.io/en/latest/markdown/podman-build.1.html (`--secret
 * id=id,env=ENV`), https://github.com/containers/buildah/blob/main/docs/buildah-build.1.md.
 */
export function buildInputArgs(p: Plan, style: ArgStyle, withAnnotations: boolean): Token[] {
  const m = p.metadata;
  const out: Token[] = [];
  if (style === 'buildctl') {
    if (m.target) out.push(lit('--opt'), lit(`target=${m.target}`));
    for (const l of m.labels) out.push(lit('--opt'), exp(`label:${l.key}=${l.value}`));
    for (const b of m.buildArgs) out.push(lit('--opt'), lit(`build-arg:${b.name}=${b.value}`));
  } else {
    if (m.target) out.push(lit('--target'), lit(m.target));
    for (const l of m.labels) out.push(lit('--label'), exp(`${l.key}=${l.value}`));
    if (withAnnotations) for (const l of m.annotations) out.push(lit('--annotation'), exp(`${l.key}=${l.value}`));
    for (const b of m.buildArgs) out.push(lit('--build-arg'), lit(`${b.name}=${b.value}`));
  }
  for (const name of m.secrets) out.push(lit('--secret'), lit(`id=${name},env=${name}`));
  return out;
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
/** `--platform` value of one build job: its architecture's platform in a native multi-arch build, else `platformList`. */
export const jobPlatforms = (a: Pick<Answers, 'platforms'>, v: Pick<BuildVariant, 'arch'>): string =>
  v.arch ? v.arch.platform : platformList(a);
/**
 * The layer cache references of one build job (`cache.imports`, `cache.exportRef` of the plan): with `-<arch>`
 * appended in a native multi-arch build, so that the per-architecture jobs never overwrite each other's cache.
 */
export const jobCache = (
  p: Pick<Plan, 'cache'>,
  v: Pick<BuildVariant, 'arch'>,
): { imports: string[]; exportRef: string | null } => {
  const arch = v.arch?.arch;
  if (!arch) return { imports: p.cache.imports, exportRef: p.cache.exportRef };
  return {
    imports: p.cache.imports.map((r) => `${r}-${arch}`),
    exportRef: p.cache.exportRef === null ? null : `${p.cache.exportRef}-${arch}`,
  };
};
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
      ...buildInputArgs(p, style, p.buildx),
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

/**
 * The dotenv report of a build job that pushes (issue 14, "Promotion by digest"): `IMAGE_DIGEST=sha256:<64 hex>` and
 * `IMAGE_REF=<image repository>@sha256:<64 hex>`, one per line, in this file of the project directory. The job declares
 * it as `artifacts: reports: dotenv`, and GitLab passes both variables to the jobs of later stages and to the jobs
 * that `needs:` the build job (https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv).
 */
export const DIGEST_REPORT = 'build.env';
/** Where the Docker CLI's push output is kept to read the digest from (`<tag>: digest: sha256:... size: N`). */
export const PUSH_LOG = 'push.log';
/** `--metadata-file` of `docker buildx build` and `buildctl build`: JSON with `containerimage.digest`. */
export const BUILD_METADATA = 'build-metadata.json';
/** `--digestfile` of `buildah push` / `podman push` and of their `manifest push`: the pushed manifest's digest. */
export const DIGEST_FILE = 'build.digest';

/** Where a builder reports the digest it pushed (`manifest-log`: `docker manifest push` prints the bare digest). */
export type DigestSource = 'push-log' | 'metadata-file' | 'digest-file' | 'manifest-log';

/**
 * The commands that read the pushed digest from `source` and write `DIGEST_REPORT` for the image repository `image`
 * (an expansion template such as `$CI_REGISTRY_IMAGE`). The digest is checked against `sha256:<64 hex>` first, so a
 * tool that printed nothing stops the job with a message instead of handing later jobs an empty reference.
 * Sources: `docker push` prints `<tag>: digest: sha256:<hex> size: <n>` (the digest the registry stored, unlike the
 * local image's RepoDigests with the containerd store or Podman: pulumi/pulumi-docker#1711, containers/podman#14779);
 * buildx/buildctl `--metadata-file` write `"containerimage.digest"`
 * (https://docs.docker.com/reference/cli/docker/buildx/build/#metadata-file); `buildah push --digestfile`
 * (https://github.com/containers/buildah/blob/main/docs/buildah-push.1.md).
 */
export function digestReport(
  image: string,
  source: DigestSource,
  shell: ShellKind,
  out: { suffix: string; file: string } = { suffix: '', file: DIGEST_REPORT },
): string[] {
  const why =
    source === 'push-log'
      ? `No image digest in ${PUSH_LOG} (the output of docker push).`
      : source === 'manifest-log'
        ? `No image digest in ${PUSH_LOG} (the output of docker manifest push).`
        : source === 'metadata-file'
          ? `No image digest in ${BUILD_METADATA} (containerimage.digest).`
          : `No image digest in ${DIGEST_FILE} (written by the push).`;
  if (shell === 'ps') {
    // Native multi-arch (the only user of another report) is refused for Windows containers (rules.ts).
    if (out.suffix !== '' || source === 'manifest-log') throw new Error('per-architecture reports are sh only');
    const read =
      source === 'digest-file'
        ? `(Get-Content -Raw -Path ${DIGEST_FILE}).Trim()`
        : `(Select-String -Path ${source === 'push-log' ? PUSH_LOG : BUILD_METADATA} -Pattern '${
            source === 'push-log'
              ? 'digest: (sha256:[0-9a-f]{64})'
              : '"containerimage\\.digest": *"(sha256:[0-9a-f]{64})"'
          }' | Select-Object -Last 1).Matches[0].Groups[1].Value`;
    const repo = renderToken(exp(image), 'ps').replace(/^"(.*)"$/, '$1');
    return [
      `$env:IMAGE_DIGEST = ${read}`,
      `if ($env:IMAGE_DIGEST -notmatch '^sha256:[0-9a-f]{64}$') { throw '${why}' }`,
      `Set-Content -Path ${DIGEST_REPORT} -Encoding ascii -Value "IMAGE_DIGEST=\${env:IMAGE_DIGEST}", "IMAGE_REF=${repo}@\${env:IMAGE_DIGEST}"`,
    ];
  }
  const read =
    source === 'digest-file'
      ? `$(cat ${DIGEST_FILE})`
      : source === 'push-log'
        ? `$(sed -n 's/.*digest: \\(sha256:[0-9a-f]\\{64\\}\\).*/\\1/p' ${PUSH_LOG} | tail -n 1)`
        : source === 'manifest-log'
          ? `$(grep -x 'sha256:[0-9a-f]\\{64\\}' ${PUSH_LOG} | tail -n 1)`
          : `$(sed -n 's/.*"containerimage\\.digest": *"\\(sha256:[0-9a-f]\\{64\\}\\)".*/\\1/p' ${BUILD_METADATA})`;
  const d = `IMAGE_DIGEST${out.suffix}`;
  return [
    `${d}=${read}`,
    `printf '%s\\n' "$${d}" | grep -qx 'sha256:[0-9a-f]\\{64\\}' || { echo '${why}' >&2; exit 1; }`,
    `printf '${d}=%s\\nIMAGE_REF${out.suffix}=%s@%s\\n' "$${d}" ${renderToken(exp(image), 'sh')} "$${d}" > ${out.file}`,
  ];
}
