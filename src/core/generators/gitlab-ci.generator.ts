/**
 * `.gitlab-ci.yml`: image, services and login in `default:`, the daemon connection in `variables:`, and one build
 * job per kind of pipeline (tag, default branch, other branches) so that every job's script is static.
 */
import type { Answers } from '../answers';
import { tr, type Lang } from '../i18n';
import { logins, noProxyList, type Plan } from '../plan';
import { exp, gitlabLiteral, lit, raw, renderCommand, type ShellKind, type Token } from '../quote';
import { isBuildKitRootless, isMultiPlatform, usesDockerCli } from '../rules';
import type { KeyPath } from '../render/line-index';
import { toYaml, type YamlComment } from '../yaml-doc';

interface BuildVariant {
  job: string;
  rule: string | null;
  refs: string[];
  push: boolean;
  exportCache: boolean;
}

type Script = string[];

const SHA = '$CI_COMMIT_SHA';

/** The jobs to emit: which refs each pushes and whether it writes the cache (S38 tag-and-branch-rules). */
export function buildVariants(a: Answers): BuildVariant[] {
  const image = a.image;
  const sha = (refs: string[]) => (a.tagSha ? [`${image}:${SHA}`, ...refs] : refs);
  const protectedGuard = (cond: string | null): string | null => {
    if (!a.protectedOnly || !(a.registryDockerHub || a.registryOther) || a.authMethod === 'mounted-config') return cond;
    const guard = '$CI_COMMIT_REF_PROTECTED == "true"';
    return cond ? `${cond} && ${guard}` : guard;
  };
  if (!a.push) {
    return [
      {
        job: 'build-image',
        rule: protectedGuard(null),
        refs: [a.tagSha ? `${image}:${SHA}` : image],
        push: false,
        exportCache: false,
      },
    ];
  }
  if (!a.tagLatest && !a.tagGitTag) {
    const refs = sha([]);
    // Inline cache with plain `docker build` reads the previous `:latest` (S39 docker-pull-cache-from).
    if (a.cache === 'inline' && usesDockerCli(a) && !a.buildx) refs.push(`${image}:latest`);
    if (refs.length === 0) refs.push(`${image}:${SHA}`);
    return [{ job: 'build-image', rule: protectedGuard(null), refs, push: true, exportCache: true }];
  }
  const variants: BuildVariant[] = [];
  if (a.tagGitTag)
    variants.push({
      job: 'release-image',
      rule: protectedGuard('$CI_COMMIT_TAG'),
      refs: sha([`${image}:$CI_COMMIT_TAG`]),
      push: true,
      exportCache: false,
    });
  if (a.tagLatest)
    variants.push({
      job: 'latest-image',
      rule: protectedGuard('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'),
      refs: sha([`${image}:latest`]),
      push: true,
      exportCache: true,
    });
  const branchRule = a.tagLatest ? '$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH' : '$CI_COMMIT_BRANCH';
  if (a.otherBranches === 'push-sha')
    variants.push({
      job: 'build-image',
      rule: protectedGuard(branchRule),
      refs: [`${image}:${SHA}`],
      push: true,
      exportCache: !a.tagLatest,
    });
  else if (a.otherBranches === 'build-only')
    variants.push({ job: 'build-image', rule: branchRule, refs: [`${image}:${SHA}`], push: false, exportCache: false });
  return variants;
}

export { logins } from '../plan';

function loginCommands(p: Plan, tool: 'docker' | 'buildah' | 'podman', shell: ShellKind): Script {
  const a = p.a;
  if (a.authMethod === 'docker-auth-config') {
    // S23: the whole config.json comes from one CI/CD variable (Buildah and Podman read it too)
    return [
      renderCommand([lit('mkdir'), lit('-p'), exp('$HOME/.docker')], shell),
      `${renderCommand([lit('echo'), exp(`$${a.authConfigVar}`)], shell)} > "$HOME/.docker/config.json"`,
    ];
  }
  return logins(a).map((l) => {
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

/** BuildKit reads ~/.docker/config.json; one `auth` entry per registry, computed in the job (S24-S26). */
function buildkitAuthScript(a: Answers): Script {
  if (a.authMethod === 'docker-auth-config') {
    return ['mkdir -p ~/.docker', `echo "$${a.authConfigVar}" > ~/.docker/config.json`];
  }
  const entries = logins(a).map((l) => {
    const key =
      l.configKey === '$CI_DEPENDENCY_PROXY_SERVER'
        ? "$(echo -n $CI_DEPENDENCY_PROXY_SERVER | awk -F[:] '{print $1}')"
        : l.configKey.replace(/^\$(\w+)$/, '${$1}');
    const user = l.user.replace(/^\$(\w+)$/, '${$1}');
    const password = l.password.replace(/^\$(\w+)$/, '${$1}');
    return `    \\"${key}\\": {\n      \\"auth\\": \\"$(printf "%s:%s" "${user}" "${password}" | base64 | tr -d '\\n')\\"\n    }`;
  });
  return ['mkdir -p ~/.docker', `echo "{\n  \\"auths\\": {\n${entries.join(',\n')}\n  }\n}" > ~/.docker/config.json`];
}

function proxyBuildArgs(a: Answers, style: 'docker' | 'buildctl' | 'buildah'): Token[] {
  if (a.proxy === 'none') return [];
  const names =
    isBuildKitRootless(a) || a.method === 'buildctl'
      ? ['http_proxy', 'https_proxy', 'no_proxy']
      : ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];
  return names.flatMap((n) =>
    style === 'buildctl'
      ? [lit('--opt'), exp(`build-arg:${n}=$${n}`)]
      : style === 'docker'
        ? [lit('--build-arg'), lit(n)]
        : [lit('--build-arg'), exp(`${n}=$${n}`)],
  );
}

function dependencyProxyArg(a: Answers, style: 'docker' | 'buildctl' | 'buildah'): Token[] {
  if (!a.dependencyProxy) return [];
  const n = 'CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX';
  return style === 'buildctl'
    ? [lit('--opt'), exp(`build-arg:${n}=$${n}`)]
    : style === 'docker'
      ? [lit('--build-arg'), lit(n)]
      : [lit('--build-arg'), exp(`${n}=$${n}`)];
}

function dockerfileDir(a: Answers): string {
  const i = a.dockerfile.lastIndexOf('/');
  return i === -1 ? '.' : a.dockerfile.slice(0, i);
}
function dockerfileName(a: Answers): string {
  const i = a.dockerfile.lastIndexOf('/');
  return i === -1 ? a.dockerfile : a.dockerfile.slice(i + 1);
}
/** A repository path as a command argument: `-` (stdin) or `--x` would be read as an option; `./` keeps it a path. */
const pathArg = (path: string): string => (path.startsWith('-') ? `./${path}` : path);
const needsFileFlag = (a: Answers) => !(a.dockerfile === 'Dockerfile' && a.context === '.');

/** The build commands of one variant; `at` is the index of the build command itself (after a cache pull). */
function buildScript(p: Plan, v: BuildVariant, shell: ShellKind): { script: Script; at: number } {
  const a = p.a;
  const platforms = isMultiPlatform(a) || a.platforms.length === 1 ? a.platforms.join(',') : '';
  const file = needsFileFlag(a) ? [lit('--file'), lit(pathArg(a.dockerfile))] : [];
  const tags = v.refs.flatMap((r) => [lit('--tag'), exp(r)]);
  const platformArgs = platforms ? [lit('--platform'), lit(platforms)] : [];
  const registryCacheExport = `type=registry,ref=${a.cacheRef},mode=${a.cacheMode},image-manifest=true,oci-mediatypes=true`;
  /** `docker build`, `docker buildx build` and `buildah`/`podman build` share one option layout. */
  const cliBuild = (head: Token[], style: 'docker' | 'buildah', target: Token[], cache: Token[], extra: Token[] = []) =>
    renderCommand(
      [
        ...head,
        ...file,
        ...target,
        ...cache,
        ...proxyBuildArgs(a, style),
        ...dependencyProxyArg(a, style),
        ...extra,
        lit(pathArg(a.context)),
      ],
      shell,
      { multiline: head.length > 2 || style === 'buildah' },
    );

  if (usesDockerCli(a) && !p.buildx) {
    const cache: Token[] = [];
    const pre: Script = [];
    if (a.cache === 'inline') {
      const latest = `${a.image}:latest`;
      pre.push(
        shell === 'sh'
          ? `${renderCommand([lit('docker'), lit('pull'), exp(latest)], shell)} || true`
          : `${renderCommand([lit('docker'), lit('pull'), exp(latest)], shell)}; $global:LASTEXITCODE = 0`,
      );
      cache.push(lit('--cache-from'), exp(latest), lit('--build-arg'), lit('BUILDKIT_INLINE_CACHE=1'));
    }
    return {
      script: [...pre, cliBuild([lit('docker'), lit('build')], 'docker', [...tags, ...platformArgs], cache)],
      at: pre.length,
    };
  }

  if (p.buildx) {
    const cache: Token[] = [];
    if (a.cache === 'registry') {
      cache.push(lit('--cache-from'), exp(`type=registry,ref=${a.cacheRef}`));
      if (v.exportCache && v.push) cache.push(lit('--cache-to'), exp(registryCacheExport));
    } else if (a.cache === 'inline') {
      cache.push(lit('--cache-from'), exp(`type=registry,ref=${a.image}:latest`));
      if (v.push) cache.push(lit('--cache-to'), lit('type=inline'));
    }
    const out = v.push ? [lit('--push')] : [lit('--load')];
    return {
      script: [
        cliBuild([lit('docker'), lit('buildx'), lit('build')], 'docker', [...tags, ...platformArgs], cache, out),
      ],
      at: 0,
    };
  }

  if (isBuildKitRootless(a) || a.method === 'buildctl') {
    const cache: Token[] = [];
    if (a.cache === 'registry') {
      if (v.exportCache && v.push) cache.push(lit('--export-cache'), exp(registryCacheExport));
      cache.push(lit('--import-cache'), exp(`type=registry,ref=${a.cacheRef}`));
    } else if (a.cache === 'inline') {
      if (v.push) cache.push(lit('--export-cache'), lit('type=inline'));
      cache.push(lit('--import-cache'), exp(`type=registry,ref=${a.image}:latest`));
    }
    const names = v.refs.join(',');
    const output =
      v.refs.length > 1 ? `type=image,\\"name=${names}\\",push=${v.push}` : `type=image,name=${names},push=${v.push}`;
    const tokens: Token[] = [
      lit(isBuildKitRootless(a) ? 'buildctl-daemonless.sh' : 'buildctl'),
      lit('build'),
      lit('--frontend'),
      lit('dockerfile.v0'),
      lit('--local'),
      lit(`context=${a.context}`),
      lit('--local'),
      // `--local dockerfile` takes the directory, never the file.
      lit(
        `dockerfile=${dockerfileDir(a) === '.' && a.context !== '.' && !a.dockerfile.includes('/') ? '.' : dockerfileDir(a)}`,
      ),
      ...(dockerfileName(a) !== 'Dockerfile' ? [lit('--opt'), lit(`filename=${dockerfileName(a)}`)] : []),
      ...(platforms ? [lit('--opt'), lit(`platform=${platforms}`)] : []),
      ...cache,
      ...proxyBuildArgs(a, 'buildctl'),
      ...dependencyProxyArg(a, 'buildctl'),
      lit('--output'),
      // Quotes inside the CSV value are needed when several names are given.
      v.refs.length > 1 ? raw(`"${output}"`) : exp(output),
    ];
    return { script: [renderCommand(tokens, shell, { multiline: true })], at: 0 };
  }

  // Buildah and Podman
  const tool = a.method === 'podman' ? 'podman' : 'buildah';
  const cache: Token[] = [];
  if (a.cache === 'registry') {
    cache.push(lit('--layers'), lit('--cache-from'), exp(a.cacheRef));
    if (v.exportCache && v.push) cache.push(lit('--cache-to'), exp(a.cacheRef));
  }
  const first = v.refs[0] ?? a.image;
  if (isMultiPlatform(a)) {
    return {
      script: [
        cliBuild([lit(tool), lit('build')], 'buildah', [...platformArgs, lit('--manifest'), exp(first)], cache),
        ...v.refs.slice(1).map((r) => renderCommand([lit(tool), lit('tag'), exp(first), exp(r)], shell)),
      ],
      at: 0,
    };
  }
  return { script: [cliBuild([lit(tool), lit('build')], 'buildah', [...tags, ...platformArgs], cache)], at: 0 };
}

function pushScript(p: Plan, v: BuildVariant, shell: ShellKind): Script {
  const a = p.a;
  if (!v.push) return [];
  if (usesDockerCli(a) && !p.buildx)
    return v.refs.map((r) => renderCommand([lit('docker'), lit('push'), exp(r)], shell));
  if (a.method === 'buildah' || a.method === 'podman') {
    const tool = a.method;
    if (isMultiPlatform(a))
      return v.refs.map((r) =>
        renderCommand(
          [lit(tool), lit('manifest'), lit('push'), lit('--all'), exp(v.refs[0] ?? r), exp(`docker://${r}`)],
          shell,
        ),
      );
    return v.refs.map((r) => renderCommand([lit(tool), lit('push'), exp(r)], shell));
  }
  return [];
}

function testScript(p: Plan, v: BuildVariant, shell: ShellKind): Script {
  const a = p.a;
  if (!a.runTests || !usesDockerCli(a)) return [];
  const ref = v.refs[0] ?? a.image;
  return shell === 'sh'
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
          [lit('docker'), lit('run'), lit('--rm'), exp(ref), lit('powershell'), lit('-Command'), lit(a.testCommand)],
          shell,
        ),
      ];
}

/** `.gitlab-ci.yml` and the marks findings use on its script lines (`build-command`, `login-command`). */
export interface GitlabCiFile {
  text: string;
  marks: Record<string, KeyPath>;
}

export function generateGitlabCi(p: Plan, lang: Lang): GitlabCiFile {
  const a = p.a;
  const marks: Record<string, KeyPath> = {};
  const shell: ShellKind = p.powershell ? 'ps' : 'sh';
  const comments: YamlComment[] = [];
  const c = (path: (string | number)[], en: string, ja: string) => comments.push({ path, text: tr(lang, en, ja) });
  const doc: Record<string, unknown> = {};
  const variants = buildVariants(a);
  const separateTest = a.runTests && !usesDockerCli(a);

  doc.stages = separateTest ? ['build', 'test'] : ['build'];

  // ---- variables
  const variables: Record<string, string> = {};
  if (a.method === 'dind') {
    if (a.tls === 'socket-volume') {
      variables.DOCKER_HOST = p.dockerHost ?? '';
      c(
        ['variables', 'DOCKER_HOST'],
        'Shared by the DinD service (creates docker.sock here) and the client (connects to it).',
        'DinDサービス（ここにdocker.sockを作成）とクライアント（ここに接続）で共有します。',
      );
    } else if (a.tls === 'tcp') {
      variables.DOCKER_HOST = p.dockerHost ?? '';
      variables.DOCKER_TLS_CERTDIR = '/certs';
      variables.DOCKER_TLS_VERIFY = '1';
      variables.DOCKER_CERT_PATH = '$DOCKER_TLS_CERTDIR/client';
      c(
        ['variables', 'DOCKER_HOST'],
        "The daemon runs in the service, reached by its alias 'docker' on the TLS port 2376.",
        'デーモンはサービス内で動き、エイリアス「docker」のTLSポート2376で接続します。',
      );
      c(
        ['variables', 'DOCKER_TLS_CERTDIR'],
        'dockerd creates its certificates here; the client ones land in /certs/client, shared with the job.',
        'dockerdはここに証明書を作成します。クライアント用は/certs/clientに置かれ、ジョブと共有されます。',
      );
      c(
        ['variables', 'DOCKER_TLS_VERIFY'],
        'Set explicitly: the Kubernetes executor does not run image entrypoints, which would set these.',
        'Kubernetes executorはイメージのエントリポイントを実行しないため、明示的に設定します。',
      );
    } else {
      variables.DOCKER_HOST = p.dockerHost ?? '';
      variables.DOCKER_TLS_CERTDIR = '';
      c(['variables', 'DOCKER_HOST'], 'TLS disabled: plain TCP on port 2375.', 'TLS無効: ポート2375の平文TCPです。');
      c(
        ['variables', 'DOCKER_TLS_CERTDIR'],
        'Empty: dind starts without TLS.',
        '空にするとdindはTLSなしで起動します。',
      );
    }
  }
  if (a.method === 'buildctl') {
    variables.BUILDKIT_HOST = 'tcp://buildkitd:1234';
    c(
      ['variables', 'BUILDKIT_HOST'],
      'buildctl talks to buildkitd in the service container, not to a Docker daemon.',
      'buildctlはDockerデーモンではなく、サービスコンテナのbuildkitdに接続します。',
    );
  }
  if (a.storageDriver === 'overlay2-project' && a.method === 'dind') {
    variables.DOCKER_DRIVER = 'overlay2';
    c(
      ['variables', 'DOCKER_DRIVER'],
      'overlay2 avoids copying the file system for every layer (vfs).',
      'overlay2はレイヤーごとのファイルシステムのコピー（vfs）を避けます。',
    );
  }
  if (isBuildKitRootless(a)) {
    variables.BUILDKITD_FLAGS = `--oci-worker-no-process-sandbox${p.buildkitdToml ? ' --config $CI_PROJECT_DIR/buildkitd.toml' : ''}`;
    c(
      ['variables', 'BUILDKITD_FLAGS'],
      'Rootless BuildKit in an unprivileged container: no process sandbox between build steps.',
      '非特権コンテナでのルートレスBuildKit: ビルドステップ間のプロセスサンドボックスはありません。',
    );
  }
  if (a.method === 'buildah' || a.method === 'podman') {
    variables.STORAGE_DRIVER = 'vfs';
    variables.BUILDAH_FORMAT = 'docker';
    variables.BUILDAH_ISOLATION = 'chroot';
    c(
      ['variables', 'STORAGE_DRIVER'],
      `${a.method === 'podman' ? 'Podman' : 'Buildah'} cannot stack overlayfs on the container's overlayfs: use vfs.`,
      `${a.method === 'podman' ? 'Podman' : 'Buildah'}はコンテナのoverlayfsの上にoverlayfsを重ねられないため、vfsを使います。`,
    );
    c(
      ['variables', 'BUILDAH_ISOLATION'],
      'chroot isolation works without user namespaces in an unprivileged container.',
      'chroot分離は非特権コンテナでユーザー名前空間なしに動作します。',
    );
  }
  if (a.proxy === 'job') {
    const lower = isBuildKitRootless(a) || a.method === 'buildctl';
    const np = noProxyList(a, false).join(',');
    const set = (name: string, value: string) => {
      variables[name] = value;
      if (lower) variables[name.toLowerCase()] = value;
    };
    if (a.httpProxy) set('HTTP_PROXY', gitlabLiteral(a.httpProxy));
    if (a.httpsProxy) set('HTTPS_PROXY', gitlabLiteral(a.httpsProxy));
    set('NO_PROXY', np);
    c(
      ['variables', 'NO_PROXY'],
      a.httpProxy || a.httpsProxy
        ? a.method === 'dind'
          ? 'Variables reach the services too, so the DinD daemon pulls and pushes through the proxy.'
          : 'The build receives these as build arguments; NO_PROXY keeps internal hosts direct.'
        : 'HTTP_PROXY and HTTPS_PROXY come from CI/CD variables of the project or group; variables reach services too.',
      a.httpProxy || a.httpsProxy
        ? a.method === 'dind'
          ? '変数はサービスにも渡るため、DinDデーモンもプロキシ経由でpull/pushします。'
          : 'ビルドにはビルド引数として渡します。NO_PROXYで内部ホストには直接接続します。'
        : 'HTTP_PROXYとHTTPS_PROXYはプロジェクトまたはグループのCI/CD変数から渡されます。変数はサービスにも渡ります。',
    );
  }
  if (a.compose) variables.COMPOSE_PROJECT_NAME = '$CI_PROJECT_PATH_SLUG-$CI_JOB_ID';
  if (Object.keys(variables).length) doc.variables = variables;
  if (a.compose)
    c(
      ['variables', 'COMPOSE_PROJECT_NAME'],
      'A unique project name per job: concurrent jobs never share containers or networks.',
      'ジョブごとに一意のプロジェクト名にし、同時実行ジョブがコンテナやネットワークを共有しないようにします。',
    );

  // ---- default: image, services, before_script
  const def: Record<string, unknown> = {};
  if (p.jobImage) {
    def.image = p.jobImageEntrypointReset ? { name: p.jobImage, entrypoint: [''] } : p.jobImage;
    if (p.jobImageEntrypointReset)
      c(
        ['default', 'image'],
        'An empty entrypoint: the job runs its script instead of starting a long-running buildkitd.',
        '空のエントリポイント: 常駐するbuildkitdを起動せず、ジョブのスクリプトを実行します。',
      );
    else if (usesDockerCli(a))
      c(
        ['default', 'image'],
        'Client and daemon images are pinned to the same Docker version.',
        'クライアントとデーモンのイメージは同じDockerバージョンに固定します。',
      );
  }
  if (p.service) {
    const s = p.service;
    const simple = !s.alias && !s.command && !s.variables;
    def.services = [simple ? s.name : { ...s }];
    if (a.method === 'dind') {
      if (p.k8s)
        c(
          ['default', 'services'],
          'HEALTHCHECK_TCP_PORT makes the job wait until dockerd listens (Kubernetes cannot detect the port).',
          'HEALTHCHECK_TCP_PORTにより、dockerdが待ち受けるまでジョブが待機します（Kubernetesはポートを検出できません）。',
        );
      else
        c(
          ['default', 'services'],
          'Docker-in-Docker: a fresh daemon per job, in a privileged service container.',
          'Docker-in-Docker: ジョブごとに新しいデーモンを特権サービスコンテナで起動します。',
        );
    } else
      c(
        ['default', 'services'],
        'buildkitd runs in the service; the job only holds the buildctl client.',
        'buildkitdはサービスで動き、ジョブはbuildctlクライアントだけを持ちます。',
      );
  }
  const before: Script = [];
  if (usesDockerCli(a)) {
    if (a.method === 'pipe' || (p.windows && a.method === 'host')) before.push('docker version');
    before.push('docker info');
    const logins = loginCommands(p, 'docker', shell);
    if (logins.length) marks['login-command'] = ['default', 'before_script', before.length];
    before.push(...logins);
    if (p.buildx) {
      if (isMultiPlatform(a))
        before.push(
          renderCommand(
            [
              lit('docker'),
              lit('run'),
              lit('--privileged'),
              lit('--rm'),
              lit('tonistiigi/binfmt:qemu-v9.2.2'),
              lit('--install'),
              lit('all'),
            ],
            shell,
          ),
        );
      // failures.md #15 buildx-tls-context: a builder cannot take TLS data from the environment
      if (a.method === 'dind' && a.tls === 'tcp') before.push('docker context create tls-env');
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
            lit('--use'),
            ...(a.method === 'dind' && a.tls === 'tcp' ? [lit('tls-env')] : []),
          ],
          shell,
        ),
      );
      before.push('docker buildx inspect --bootstrap');
    }
  } else if (isBuildKitRootless(a) || a.method === 'buildctl') {
    if (a.customCaVar) {
      // The rootless image runs as uid 1000 and cannot write the system bundle: BuildKit (Go) reads SSL_CERT_FILE.
      before.push(`cat /etc/ssl/certs/ca-certificates.crt "$${a.customCaVar}" > "$HOME/ca-bundle.crt"`);
      before.push('export SSL_CERT_FILE="$HOME/ca-bundle.crt"');
    }
    if (a.authMethod !== 'mounted-config') before.push(...buildkitAuthScript(a));
  } else if (a.method === 'buildah' || a.method === 'podman') {
    if (a.customCaVar) {
      before.push(renderCommand([lit('mkdir'), lit('-p'), lit(`/etc/containers/certs.d/${a.customCaHost}`)], shell));
      before.push(
        renderCommand(
          [lit('cp'), exp(`$${a.customCaVar}`), lit(`/etc/containers/certs.d/${a.customCaHost}/ca.crt`)],
          shell,
        ),
      );
    }
    before.push(...loginCommands(p, a.method, shell));
  }
  if (before.length) def.before_script = before;
  if (Object.keys(def).length) {
    doc.default = def;
    if (before.length)
      c(
        ['default', 'before_script'],
        usesDockerCli(a)
          ? 'docker info fails fast when the daemon is unreachable.'
          : 'Credentials come from CI/CD variables, never from this file.',
        usesDockerCli(a)
          ? 'デーモンに接続できない場合、docker infoがすぐに失敗します。'
          : '認証情報はこのファイルではなくCI/CD変数から取得します。',
      );
  }

  // ---- build jobs
  const tags = !p.hosted && a.runnerTags.length ? [...a.runnerTags] : null;
  for (const v of variants) {
    const job: Record<string, unknown> = { stage: 'build' };
    if (tags) job.tags = tags;
    if (v.rule) job.rules = [{ if: v.rule }];
    if (a.compose) job.variables = { BUILT_IMAGE: v.refs[0] ?? a.image };
    const build = buildScript(p, v, shell);
    marks['build-command'] ??= [v.job, 'script', build.at];
    const script: Script = [...build.script];
    if (a.compose)
      script.push(
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
      );
    script.push(...testScript(p, v, shell));
    script.push(...pushScript(p, v, shell));
    job.script = script;
    const after: Script = [];
    if (a.compose)
      after.push(
        renderCommand(
          [lit('docker'), lit('compose'), lit('--file'), lit(pathArg(a.composeFile)), lit('down'), lit('--volumes')],
          shell,
        ),
      );
    if (p.buildx)
      after.push(renderCommand([lit('docker'), lit('buildx'), lit('rm'), exp('builder-$CI_JOB_ID')], shell));
    if (after.length) job.after_script = after;
    doc[v.job] = job;
    if (v.rule?.includes('$CI_COMMIT_TAG'))
      c(
        [v.job, 'rules'],
        'Tag pipelines publish the release tag and only read the cache.',
        'タグのパイプラインはリリースタグを公開し、キャッシュは読み取るだけです。',
      );
    else if (v.job === 'latest-image')
      c(
        [v.job, 'rules'],
        'The default branch publishes :latest and writes the cache.',
        'デフォルトブランチは:latestを公開し、キャッシュを書き込みます。',
      );
    if (p.buildx)
      c(
        [v.job, 'after_script'],
        "Removes this job's builder; its name is unique per job.",
        'このジョブのビルダーを削除します（名前はジョブごとに一意です）。',
      );
  }

  // ---- separate test job for builders without a daemon
  if (separateTest) {
    const pushing = variants.filter((v) => v.push);
    const ref = `${a.image}:${SHA}`;
    const test: Record<string, unknown> = {
      stage: 'test',
      image: ref,
      services: [],
      before_script: [],
      script: [a.testCommand],
    };
    if (tags) test.tags = tags;
    const rules = pushing.map((v) => v.rule).filter((r): r is string => r !== null);
    if (rules.length && rules.length === pushing.length) test.rules = rules.map((r) => ({ if: r }));
    doc['test-image'] = test;
    c(
      ['test-image', 'image'],
      'The image built above runs the tests as the job image.',
      '上でビルドしたイメージをジョブイメージとしてテストを実行します。',
    );
  }

  const header = tr(
    lang,
    `Generated by the GitLab CI Docker build wizard. Build method: ${a.method}.`,
    `GitLab CI Dockerビルドウィザードで生成。ビルド方法: ${a.method}`,
  );
  return { text: toYaml(doc, comments, header), marks };
}
