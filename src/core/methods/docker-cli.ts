/**
 * The Docker CLI's script fragments, shared by every method that drives a Docker daemon (Docker-in-Docker, the host
 * daemon through the socket or the pipe, the host daemon of a shell runner): `docker info` first, `docker login`,
 * `docker build` + `docker push`, or a Buildx builder (`docker buildx build --push`), tests against the built image.
 */
import { msg } from '../i18n';
import { buildxBuilderImage, fromSource } from '../images';
import type { MethodInput as Plan } from '../plan';
import { exp, lit, raw, renderCommand, type Token } from '../quote';
import { attestationArgs } from '../supply';
import { isEmulatedMultiArch } from '../vocabulary';
import {
  BUILD_METADATA,
  cliBuild,
  digestReport,
  dynamicTagsPrelude,
  jobCache,
  jobPlatforms,
  loginCommands,
  pathArg,
  PUSH_LOG,
  pushEachTagLine,
  registryCacheExport,
  tagArgsLine,
} from './fragments';
import type { BuildMethod } from './types';

/** The Buildx builder's buildkitd.toml, written by the job when a registry speaks plain HTTP. */
const BUILDX_CONFIG = '/tmp/buildkitd.toml';

/** The Buildx builder needs a docker context holding the TLS client files (failures.md #15 buildx-tls-context). */
const tlsContext = (p: Plan): boolean => p.daemon === 'dind-service' && p.tlsPort === 2376;

/**
 * The script fragments every Docker CLI method shares (dind, socket, pipe, host): `docker info`, logins, build and
 * push or buildx, tests against the built image.
 */
export const dockerCliScripts: Pick<
  BuildMethod,
  'runsImage' | 'lowercaseProxy' | 'comments' | 'beforeScript' | 'build' | 'test' | 'push' | 'digest' | 'after'
> = {
  runsImage: true,
  lowercaseProxy: () => false,

  comments: (p) => ({
    ...(p.jobImage && !p.jobImageEntrypointReset
      ? {
          image: msg(
            'Client and daemon images are pinned to the same Docker version.',
            'クライアントとデーモンのイメージは同じDockerバージョンに固定します。',
          ),
        }
      : {}),
    beforeScript: msg(
      'docker info fails fast when the daemon is unreachable.',
      'デーモンに接続できない場合、docker infoがすぐに失敗します。',
    ),
  }),

  beforeScript(p, shell) {
    const before: string[] = [];
    if (p.daemon === 'host-pipe' || (p.windows && p.daemon === 'host')) before.push('docker version');
    before.push('docker info');
    const logins = loginCommands(p, 'docker', shell);
    const login = logins.length ? before.length : null;
    before.push(...logins);
    if (p.buildx) {
      // QEMU for an emulated multi-platform build; a native one builds each platform on its own runner.
      if (isEmulatedMultiArch(p.a))
        before.push(
          renderCommand(
            [
              lit('docker'),
              lit('run'),
              lit('--privileged'),
              lit('--rm'),
              // The Dependency Proxy prefix is a variable the shell must expand (found by the real-tool tests).
              p.binfmtImage.includes('$') ? exp(p.binfmtImage) : lit(p.binfmtImage),
              lit('--install'),
              lit('all'),
            ],
            shell,
          ),
        );
      // failures.md #15 buildx-tls-context: a builder cannot take TLS data from the environment
      if (tlsContext(p)) before.push('docker context create tls-env');
      // The builder container is its own buildkitd: it does not read the daemon's insecure registries, so the
      // plain-HTTP registry goes into its buildkitd.toml (`http = true`), which buildx create reads on the client.
      // https://docs.docker.com/reference/cli/docker/buildx/create/#buildkitd-config
      const plain = p.network.plainHttpRegistry;
      if (plain !== null)
        before.push(
          renderCommand(
            [
              lit('printf'),
              lit('%s\\n'),
              lit(`[registry."${plain}"]`),
              lit('  http = true'),
              raw('>'),
              lit(BUILDX_CONFIG),
            ],
            shell,
          ),
        );
      before.push(
        renderCommand(
          [
            lit('docker'),
            lit('buildx'),
            lit('create'),
            lit('--name'),
            exp('builder-$CI_JOB_ID'),
            lit('--driver'),
            lit('docker-container'),
            // The builder's BuildKit is pinned like every other image (versions.ts): the default
            // moby/buildkit:buildx-stable-1 floats to the newest release (moby/buildkit#7007).
            lit('--driver-opt'),
            lit(`image=${fromSource(buildxBuilderImage(p.a), p.imageSource)}`),
            lit('--use'),
            ...(plain !== null ? [lit('--buildkitd-config'), lit(BUILDX_CONFIG)] : []),
            ...(tlsContext(p) ? [lit('tls-env')] : []),
          ],
          shell,
        ),
      );
      before.push('docker buildx inspect --bootstrap');
    }
    return { script: before, login };
  },

  build(p, v, shell) {
    const a = p.a;
    // Computed tags: `set --` holds one --tag per word of $IMAGE_TAGS and the build command ends its tags with "$@".
    const dynamic = v.dynamicTags
      ? [
          ...dynamicTagsPrelude(),
          tagArgsLine(a.image, '--tag'),
          ...(a.compose ? [`export BUILT_IMAGE=${renderCommand([exp(`${a.image}:$IMAGE_TAG`)], 'sh')}`] : []),
        ]
      : [];
    const tags = v.dynamicTags ? [raw('"$@"')] : v.refs.flatMap((r) => [lit('--tag'), exp(r)]);
    const platforms = jobPlatforms(a, v);
    const jc = jobCache(p, v);
    const platformArgs = platforms ? [lit('--platform'), lit(platforms)] : [];
    if (!p.buildx) {
      const cache: Token[] = [];
      const pre: string[] = [];
      if (a.cache === 'inline') {
        const latest = `${a.image}:latest`;
        const pull = renderCommand([lit('docker'), lit('pull'), exp(latest)], shell);
        pre.push(shell === 'sh' ? `${pull} || true` : `${pull}; $global:LASTEXITCODE = 0`);
        cache.push(lit('--cache-from'), exp(latest), lit('--build-arg'), lit('BUILDKIT_INLINE_CACHE=1'));
      }
      const build = cliBuild(p, shell, [lit('docker'), lit('build')], 'docker', false, {
        target: [...tags, ...platformArgs],
        cache,
      });
      return { script: [...dynamic, ...pre, build], at: dynamic.length + pre.length };
    }
    const cache: Token[] = [];
    if (a.cache === 'registry') {
      // Several --cache-from are read in order: the ref's own cache, then the default branch's (cache.perRef).
      for (const ref of jc.imports) cache.push(lit('--cache-from'), exp(`type=registry,ref=${ref}`));
      if (v.exportCache && v.push && jc.exportRef)
        cache.push(lit('--cache-to'), exp(registryCacheExport(jc.exportRef, p.cache.exportMode)));
    } else if (a.cache === 'inline') {
      cache.push(lit('--cache-from'), exp(`type=registry,ref=${a.image}:latest`));
      if (v.push) cache.push(lit('--cache-to'), lit('type=inline'));
    }
    const build = cliBuild(p, shell, [lit('docker'), lit('buildx'), lit('build')], 'docker', false, {
      target: [...tags, ...platformArgs],
      cache,
      // The metadata file holds the pushed digest (`containerimage.digest`) for the dotenv report.
      // Attestations (SBOM, provenance) only where the image is pushed: `--load` keeps none.
      extra: v.push
        ? [...attestationArgs(a, 'buildx'), lit('--push'), lit('--metadata-file'), lit(BUILD_METADATA)]
        : [lit('--load')],
    });
    return { script: [...dynamic, build], at: dynamic.length };
  },

  test(p, v, shell) {
    const a = p.a;
    const compose = a.compose
      ? [
          renderCommand(
            [
              lit('docker'),
              lit('compose'),
              lit('--file'),
              lit(pathArg(a.composeFile)),
              lit('up'),
              lit('--detach'),
              lit('--wait'),
            ],
            shell,
          ),
        ]
      : [];
    if (!a.runTests) return compose;
    const ref = v.refs[0] ?? a.image;
    const run =
      shell === 'sh'
        ? // `--` ends sh's options: a command starting with - or + is not read as an option of sh.
          [
            renderCommand(
              [
                lit('docker'),
                lit('run'),
                lit('--rm'),
                exp(ref),
                lit('sh'),
                lit('-c'),
                ...(/^[-+]/.test(a.testCommand) ? [lit('--')] : []),
                lit(a.testCommand),
              ],
              shell,
            ),
          ]
        : [
            renderCommand(
              [
                lit('docker'),
                lit('run'),
                lit('--rm'),
                exp(ref),
                lit('powershell'),
                lit('-Command'),
                lit(a.testCommand),
              ],
              shell,
            ),
          ];
    return [...compose, ...run];
  },

  push(p, v, shell) {
    if (!v.push || p.buildx) return [];
    // Computed tags: each tag is pushed; the output of the last push (same digest) is kept for the dotenv report.
    if (v.dynamicTags)
      return [pushEachTagLine(p.a.image, (ref) => [lit('docker'), lit('push'), ref], `| tee ${PUSH_LOG}`)];
    return v.refs.map((r, i) => {
      const push = renderCommand([lit('docker'), lit('push'), exp(r)], shell);
      if (i > 0) return push;
      // The first push's output is kept: its last line names the digest the registry stored (`digestReport`).
      return shell === 'sh'
        ? `${push} | tee ${PUSH_LOG}`
        : `${push} | Tee-Object -FilePath ${PUSH_LOG}; if ($LASTEXITCODE) { exit $LASTEXITCODE }`;
    });
  },

  digest(p, v, shell) {
    return v.push ? digestReport(p.a.image, p.buildx ? 'metadata-file' : 'push-log', shell, v.arch?.report) : [];
  },

  after(p, shell) {
    const a = p.a;
    const after: string[] = [];
    if (a.compose)
      after.push(
        renderCommand(
          [lit('docker'), lit('compose'), lit('--file'), lit(pathArg(a.composeFile)), lit('down'), lit('--volumes')],
          shell,
        ),
      );
    if (p.buildx)
      after.push(renderCommand([lit('docker'), lit('buildx'), lit('rm'), exp('builder-$CI_JOB_ID')], shell));
    return after;
  },
};
