/**
 * BuildKit without Docker: rootless `buildctl-daemonless.sh` inside an unprivileged `moby/buildkit:<v>-rootless`
 * job (also the replacement of a Kaniko job), or `buildctl` against buildkitd in a privileged service container.
 * BuildKit reads registry credentials from `~/.docker/config.json`, written by the job from CI/CD variables.
 */
import { msg } from '../i18n';
import { buildkitImage } from '../images';
import type { MethodInput as Plan, ServiceSpec } from '../plan';
import { assertExpansion, exp, lit, raw, renderCommand, type Token } from '../quote';
import { attestationArgs } from '../supply';
import { isBuildKitRootless, isDockerLikeExecutor } from '../vocabulary';
import {
  buildInputArgs,
  dependencyProxyArg,
  dynamicTagsPrelude,
  K8S_BUILD_APPARMOR,
  dockerfileDir,
  dockerfileName,
  NO_MOUNTS,
  NO_SECURITY_EXCEPTIONS,
  jobCache,
  jobPlatforms,
  proxyBuildArgs,
  registryCacheExport,
  BUILD_METADATA,
  digestReport,
} from './fragments';
import { BUILDKIT_LABELS } from './buildkit.options';
import type { BuildMethod, CiVariable } from './types';

/** BuildKit reads ~/.docker/config.json; one `auth` entry per registry, computed in the job (S24-S26). */
function authScript(p: Plan): string[] {
  const a = p.a;
  if (a.authMethod === 'docker-auth-config') {
    return ['mkdir -p ~/.docker', `echo "$${a.authConfigVar}" > ~/.docker/config.json`];
  }
  const entries = p.logins.map((l) => {
    // The dependency proxy's host without its port. GitLab's docs write `$(echo -n $CI_DEPENDENCY_PROXY_SERVER |
    // awk -F[:] '{print $1}')`; `echo -n` is undefined in POSIX sh and the variable is unquoted (shellcheck SC3037,
    // SC2086), so the same value comes from a parameter expansion that removes everything from the first `:`.
    const key =
      l.configKey === '$CI_DEPENDENCY_PROXY_SERVER'
        ? '${CI_DEPENDENCY_PROXY_SERVER%%:*}'
        : l.configKey.replace(/^\$(\w+)$/, '${$1}');
    const user = l.user.replace(/^\$(\w+)$/, '${$1}');
    const password = l.password.replace(/^\$(\w+)$/, '${$1}');
    return `    \\"${key}\\": {\n      \\"auth\\": \\"$(printf "%s:%s" "${user}" "${password}" | base64 | tr -d '\\n')\\"\n    }`;
  });
  return ['mkdir -p ~/.docker', `echo "{\n  \\"auths\\": {\n${entries.join(',\n')}\n  }\n}" > ~/.docker/config.json`];
}

/**
 * The BuildKit family: `buildkit-rootless` (buildctl-daemonless.sh in the unprivileged job) and `buildctl` (against
 * buildkitd in a privileged service container).
 */
export const buildkit: BuildMethod = {
  ids: ['buildkit-rootless', 'buildctl'],
  labels: BUILDKIT_LABELS,

  setup(a, r) {
    const rootless = isBuildKitRootless(a);
    let service: ServiceSpec | null = null;
    if (!rootless) {
      service = {
        name: r.image(buildkitImage(a, false)),
        alias: 'buildkitd',
        command: ['--addr', 'tcp://0.0.0.0:1234'],
      };
      if (r.k8s) service.variables = { HEALTHCHECK_TCP_PORT: '1234' };
    }
    return {
      daemon: rootless ? 'in-job' : 'buildkitd-service',
      privileged: !rootless,
      tlsPort: null,
      dockerHost: null,
      // failures.md #20 buildkit-rootless-hang: the image's entrypoint would start a long-running buildkitd
      jobImage: r.shellExecutor ? null : r.image(buildkitImage(a, rootless)),
      jobImageEntrypointReset: !r.shellExecutor,
      service,
      tool: 'buildctl',
      mounts: NO_MOUNTS(),
      // failures.md #19: rootless BuildKit needs user namespaces and mounts that seccomp and AppArmor refuse.
      security: rootless
        ? {
            securityOpt:
              r.dockerExecutor && isDockerLikeExecutor(a.executor) ? ['seccomp:unconfined', 'apparmor:unconfined'] : [],
            podAnnotations: r.k8s ? { [K8S_BUILD_APPARMOR]: 'unconfined' } : {},
            // moby/buildkit:<v>-rootless runs as `user` (1000), which owns the subuid ranges (its USER line).
            k8sUser: r.k8s ? { uid: 1000, required: false } : null,
          }
        : NO_SECURITY_EXCEPTIONS(),
    };
  },

  variables(p) {
    const out: CiVariable[] = [];
    if (p.daemon === 'buildkitd-service')
      out.push({
        name: 'BUILDKIT_HOST',
        value: 'tcp://buildkitd:1234',
        comment: msg(
          'buildctl talks to buildkitd in the service container, not to a Docker daemon.',
          'buildctlはDockerデーモンではなく、サービスコンテナのbuildkitdに接続します。',
        ),
      });
    else
      out.push({
        name: 'BUILDKITD_FLAGS',
        value: `--oci-worker-no-process-sandbox${p.buildkitdToml ? ' --config $CI_PROJECT_DIR/buildkitd.toml' : ''}`,
        comment: msg(
          'Rootless BuildKit in an unprivileged container: no process sandbox between build steps.',
          '非特権コンテナでのルートレスBuildKit: ビルドステップ間のプロセスサンドボックスはありません。',
        ),
      });
    return out;
  },

  runsImage: false,
  lowercaseProxy: () => true,

  comments: (p) => ({
    ...(p.jobImageEntrypointReset
      ? {
          image: msg(
            'An empty entrypoint: the job runs its script instead of starting a long-running buildkitd.',
            '空のエントリポイント: 常駐するbuildkitdを起動せず、ジョブのスクリプトを実行します。',
          ),
        }
      : {}),
    services: msg(
      'buildkitd runs in the service; the job only holds the buildctl client.',
      'buildkitdはサービスで動き、ジョブはbuildctlクライアントだけを持ちます。',
    ),
    beforeScript: msg(
      'Credentials come from CI/CD variables, never from this file.',
      '認証情報はこのファイルではなくCI/CD変数から取得します。',
    ),
  }),

  beforeScript(p) {
    const a = p.a;
    const before: string[] = [];
    if (a.customCaVar) {
      // The rootless image runs as uid 1000 and cannot write the system bundle: BuildKit (Go) reads SSL_CERT_FILE.
      before.push(`cat /etc/ssl/certs/ca-certificates.crt "$${a.customCaVar}" > "$HOME/ca-bundle.crt"`);
      before.push('export SSL_CERT_FILE="$HOME/ca-bundle.crt"');
    }
    if (a.authMethod !== 'mounted-config') before.push(...authScript(p));
    return { script: before, login: null };
  },

  build(p, v, shell) {
    const a = p.a;
    const platforms = jobPlatforms(a, v);
    const jc = jobCache(p, v);
    const cache: Token[] = [];
    if (a.cache === 'registry') {
      if (v.exportCache && v.push && jc.exportRef)
        cache.push(lit('--export-cache'), exp(registryCacheExport(jc.exportRef, p.cache.exportMode)));
      // buildctl takes several --import-cache: the ref's own cache, then the default branch's (cache.perRef).
      for (const ref of jc.imports) cache.push(lit('--import-cache'), exp(`type=registry,ref=${ref}`));
    } else if (a.cache === 'inline') {
      if (v.push) cache.push(lit('--export-cache'), lit('type=inline'));
      cache.push(lit('--import-cache'), exp(`type=registry,ref=${a.image}:latest`));
    }
    // buildctl names every tag in one `--output` value, a CSV list: several names are one field in double quotes
    // (`"name=a,b"`). Annotations are `annotation.<key>=<value>` fields of the same list
    // (https://github.com/moby/buildkit/blob/master/docs/annotations.md); their values never hold a comma
    // (`MetadataPlan.annotations`).
    const annotations = p.metadata.annotations.map((l) => `,annotation.${l.key}=${l.value}`).join('');
    const pre: string[] = [];
    let outputToken: Token;
    if (v.dynamicTags) {
      pre.push(
        ...dynamicTagsPrelude(),
        `IMAGE_NAMES=""; for tag in $IMAGE_TAGS; do IMAGE_NAMES="\${IMAGE_NAMES:+$IMAGE_NAMES,}${a.image}:$tag"; done`,
      );
      assertExpansion(annotations);
      outputToken = raw(`"type=image,\\"name=$IMAGE_NAMES\\",push=${v.push}${annotations}"`);
    } else {
      const names = v.refs.join(',');
      const output =
        v.refs.length > 1
          ? `type=image,\\"name=${names}\\",push=${v.push}${annotations}`
          : `type=image,name=${names},push=${v.push}${annotations}`;
      // Quotes inside the CSV value are needed when several names are given.
      if (v.refs.length > 1) assertExpansion(`${names}${annotations}`);
      outputToken = v.refs.length > 1 ? raw(`"${output}"`) : exp(output);
    }
    const tokens: Token[] = [
      lit(p.daemon === 'in-job' ? 'buildctl-daemonless.sh' : 'buildctl'),
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
      ...proxyBuildArgs(a, 'buildctl', true),
      ...dependencyProxyArg(a, 'buildctl'),
      ...buildInputArgs(p, 'buildctl', false),
      // Attestations (SBOM, provenance) are exported with a pushed image only.
      ...(v.push ? attestationArgs(a, 'buildctl') : []),
      // The metadata file holds the pushed digest (`containerimage.digest`) for the dotenv report.
      ...(v.push ? [lit('--metadata-file'), lit(BUILD_METADATA)] : []),
      lit('--output'),
      outputToken,
    ];
    return { script: [...pre, renderCommand(tokens, shell, { multiline: true })], at: pre.length };
  },

  // buildctl pushes with `--output ...,push=true`; tests run in a later job.
  test: () => [],
  push: () => [],
  digest: (p, v, shell) => (v.push ? digestReport(p.a.image, 'metadata-file', shell, v.arch?.report) : []),
  after: () => [],
};
