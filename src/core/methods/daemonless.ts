/**
 * Daemonless builders: Buildah and Podman build inside the unprivileged job container (vfs storage, chroot
 * isolation), log in with their own `login`, and push each tag (or a manifest list for several platforms).
 */
import type { Answers } from '../answers';
import { msg } from '../i18n';
import { daemonlessImage } from '../images';
import { exp, lit, raw, renderCommand, type ShellKind, type Token } from '../quote';
import type { BuildVariant } from '../plan';
import { isDockerLikeExecutor, isMultiPlatform } from '../vocabulary';
import {
  cliBuild,
  DIGEST_FILE,
  digestReport,
  dynamicTagsPrelude,
  K8S_BUILD_APPARMOR,
  loginCommands,
  NO_MOUNTS,
  jobCache,
  jobPlatforms,
  pushEachTagLine,
  tagArgsLine,
} from './fragments';
import { DAEMONLESS_LABELS } from './daemonless.options';
import type { BuildMethod } from './types';

/** Where the job writes its registries.conf drop-in: read after the system's, by root and rootless users alike. */
export const REGISTRIES_DROP_IN = '$HOME/.config/containers/registries.conf.d/99-ci-registries.conf';

/**
 * The job's registries.conf drop-in (containers-registries.conf.d(5)), written before any pull:
 * - `unqualified-search-registries = ["docker.io"]`: an unqualified `FROM ruby:3.4` means Docker Hub, as for Docker,
 *   BuildKit and Kaniko. The images' own list holds several registries, and with several candidates the default
 *   `short-name-mode = "enforcing"` prompts, which fails in CI ("short-name resolution enforced but cannot prompt
 *   without a TTY"); one registry leaves nothing to choose, and no registry listed earlier can spoof the name.
 * - one `[[registry]]` with `insecure = true` per plain-HTTP registry (a registry that speaks HTTP, or an http://
 *   mirror): only those registries lose TLS, unlike `--tls-verify=false`, which would drop it for every pull of
 *   the build, Docker Hub included.
 * `$HOME/.config/containers/registries.conf.d` is read after /etc/containers/registries.conf.d, also by root, and
 * is writable by the images' rootless `podman` / `build` users (UID 1000), which /etc is not. Sources:
 * https://man.archlinux.org/man/containers-registries.conf.d.5.en,
 * https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/building_running_and_managing_containers/configuring-short-name-aliases
 */
function registriesDropIn(insecure: readonly string[], shell: ShellKind): string[] {
  const lines = ['unqualified-search-registries = ["docker.io"]'];
  for (const host of insecure) lines.push('[[registry]]', `location = "${host}"`, 'insecure = true');
  const dir = REGISTRIES_DROP_IN.slice(0, REGISTRIES_DROP_IN.lastIndexOf('/'));
  return [
    renderCommand([lit('mkdir'), lit('-p'), exp(dir)], shell),
    renderCommand([lit('printf'), lit('%s\\n'), ...lines.map(lit), raw('>'), exp(REGISTRIES_DROP_IN)], shell),
  ];
}

/** One job builds every platform into a local manifest list (emulated); a per-architecture job builds one image. */
const manifestBuild = (a: Pick<Answers, 'platforms'>, v: Pick<BuildVariant, 'arch'>): boolean =>
  isMultiPlatform(a) && !v.arch;

/** `docker://<ref>`: the transport prefix of a push destination. */
const docker = (ref: Token): Token => ('exp' in ref ? exp(`docker://${ref.exp}`) : ref);

const tool = (a: Pick<Answers, 'method'>): 'buildah' | 'podman' => (a.method === 'podman' ? 'podman' : 'buildah');
const productName = (a: Pick<Answers, 'method'>): string => (a.method === 'podman' ? 'Podman' : 'Buildah');

/** The daemonless family: Buildah and Podman in the unprivileged job container (vfs storage, chroot isolation). */
export const daemonless: BuildMethod = {
  ids: ['buildah', 'podman'],
  labels: DAEMONLESS_LABELS,

  setup(a, r) {
    const image = r.image(daemonlessImage(a));
    return {
      daemon: 'in-job',
      privileged: false,
      tlsPort: null,
      dockerHost: null,
      jobImage: r.shellExecutor ? null : image,
      jobImageEntrypointReset: false,
      service: null,
      tool: tool(a),
      mounts: NO_MOUNTS(),
      // failures.md #23: Buildah and Podman need user namespaces and mounts that seccomp and AppArmor refuse.
      security: {
        securityOpt:
          r.dockerExecutor && isDockerLikeExecutor(a.executor) ? ['seccomp:unconfined', 'apparmor:unconfined'] : [],
        // On Kubernetes the build container's AppArmor profile refuses the mounts of chroot isolation (the same
        // exception as apparmor:unconfined on Docker).
        podAnnotations: r.k8s ? { [K8S_BUILD_APPARMOR]: 'unconfined' } : ({} as Record<string, string>),
        // quay.io/podman/stable and quay.io/buildah/stable start as root but ship a user 1000 (`podman`, `build`)
        // with subuid/subgid ranges; any other UID gets "Using rootless single mapping" and "cannot write uid_map".
        // GitLab Runner docs, "Use Podman with GitLab Runner on Kubernetes": run_as_user = 1000 in the pod and build
        // container security contexts (https://docs.gitlab.com/runner/executors/kubernetes/use_podman_with_kubernetes/).
        k8sUser: r.k8s ? { uid: 1000, required: true } : null,
      },
    };
  },

  variables(p) {
    const name = productName(p.a);
    return [
      {
        name: 'STORAGE_DRIVER',
        value: 'vfs',
        comment: msg(
          `${name} cannot stack overlayfs on the container's overlayfs: use vfs.`,
          `${name}はコンテナのoverlayfsの上にoverlayfsを重ねられないため、vfsを使います。`,
        ),
      },
      { name: 'BUILDAH_FORMAT', value: 'docker' },
      {
        name: 'BUILDAH_ISOLATION',
        value: 'chroot',
        comment: msg(
          'chroot isolation works without user namespaces in an unprivileged container.',
          'chroot分離は非特権コンテナでユーザー名前空間なしに動作します。',
        ),
      },
    ];
  },

  runsImage: false,
  lowercaseProxy: () => false,

  comments: () => ({
    beforeScript: msg(
      'A registries.conf drop-in: unqualified image names mean docker.io (CI cannot answer the short-name prompt). Credentials come from CI/CD variables, never from this file.',
      'registries.confのドロップイン: 短いイメージ名をdocker.ioとして扱います（CIは短い名前の確認プロンプトに答えられません）。認証情報はこのファイルではなくCI/CD変数から取得します。',
    ),
  }),

  beforeScript(p, shell) {
    const a = p.a;
    const before: string[] = [...registriesDropIn(p.network.insecureRegistries, shell)];
    if (a.customCaVar) {
      before.push(renderCommand([lit('mkdir'), lit('-p'), lit(`/etc/containers/certs.d/${a.customCaHost}`)], shell));
      before.push(
        renderCommand(
          [lit('cp'), exp(`$${a.customCaVar}`), lit(`/etc/containers/certs.d/${a.customCaHost}/ca.crt`)],
          shell,
        ),
      );
    }
    const logins = loginCommands(p, tool(a), shell);
    const login = logins.length ? before.length : null;
    before.push(...logins);
    return { script: before, login };
  },

  build(p, v, shell) {
    const a = p.a;
    const t = tool(a);
    const platforms = jobPlatforms(a, v);
    const platformArgs = platforms ? [lit('--platform'), lit(platforms)] : [];
    const jc = jobCache(p, v);
    const cache: Token[] = [];
    if (a.cache === 'registry') {
      // Buildah and Podman take several --cache-from repositories since Buildah 1.29 (containers/buildah#4443):
      // the ref's own cache, then the default branch's (cache.perRef).
      cache.push(lit('--layers'));
      for (const ref of jc.imports) cache.push(lit('--cache-from'), exp(ref));
      if (v.exportCache && v.push && jc.exportRef) cache.push(lit('--cache-to'), exp(jc.exportRef));
    }
    const first = v.refs[0] ?? a.image;
    // Computed tags: the manifest list (or image) is built under `<image>:$IMAGE_TAG`, then pushed as every tag.
    const dynamic = v.dynamicTags ? dynamicTagsPrelude() : [];
    if (manifestBuild(a, v)) {
      return {
        script: [
          ...dynamic,
          cliBuild(p, shell, [lit(t), lit('build')], 'buildah', false, {
            target: [...platformArgs, lit('--manifest'), exp(first)],
            cache,
          }),
          ...v.refs.slice(1).map((r) => renderCommand([lit(t), lit('tag'), exp(first), exp(r)], shell)),
        ],
        at: dynamic.length,
      };
    }
    if (v.dynamicTags) dynamic.push(tagArgsLine(a.image, '--tag'));
    const tags = v.dynamicTags ? [raw('"$@"')] : v.refs.flatMap((r) => [lit('--tag'), exp(r)]);
    return {
      script: [
        ...dynamic,
        cliBuild(p, shell, [lit(t), lit('build')], 'buildah', false, { target: [...tags, ...platformArgs], cache }),
      ],
      at: dynamic.length,
    };
  },

  test: () => [],

  push(p, v, shell) {
    if (!v.push) return [];
    const t = tool(p.a);
    // The first push writes the digest it pushed (`--digestfile`) for the dotenv report.
    const digestFile = (i: number) => (i === 0 ? [lit('--digestfile'), lit(DIGEST_FILE)] : []);
    // Computed tags: every tag pushed, each push rewriting the digest file (the same digest for every tag).
    if (v.dynamicTags)
      return [
        pushEachTagLine(p.a.image, (ref) =>
          manifestBuild(p.a, v)
            ? [
                lit(t),
                lit('manifest'),
                lit('push'),
                lit('--all'),
                ...digestFile(0),
                exp(v.refs[0] ?? p.a.image),
                docker(ref),
              ]
            : [lit(t), lit('push'), ...digestFile(0), ref],
        ),
      ];
    if (manifestBuild(p.a, v))
      return v.refs.map((r, i) =>
        renderCommand(
          [
            lit(t),
            lit('manifest'),
            lit('push'),
            lit('--all'),
            ...digestFile(i),
            exp(v.refs[0] ?? r),
            exp(`docker://${r}`),
          ],
          shell,
        ),
      );
    return v.refs.map((r, i) => renderCommand([lit(t), lit('push'), ...digestFile(i), exp(r)], shell));
  },

  digest: (p, v, shell) => (v.push ? digestReport(p.a.image, 'digest-file', shell, v.arch?.report) : []),

  after: () => [],
};
