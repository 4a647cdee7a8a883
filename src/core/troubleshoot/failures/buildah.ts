/**
 * Buildah and Podman: an unprivileged container, unqualified image names.
 *
 * failures.md #23 and short-name-no-tty (#33, issue 13); FAILURES (catalog.ts) keeps them in the order of
 * FAILURE_IDS.
 */
import { DEFAULT_ANSWERS } from '../../answers';
import { msg } from '../../i18n';
import { BUILDAH_LOG } from '../log-patterns';
import type { Failure } from '../types';

/**
 * failures.md #23 buildah-unprivileged (Buildah or Podman in an unprivileged container), then the real-world cases
 * rootless-no-subuid (a build user without subuid/subgid ranges) and short-name-no-tty (an unqualified image name
 * and no terminal to choose its registry), in the order of FAILURE_IDS.
 */
export const BUILDAH_FAILURES: readonly Failure[] = [
  {
    id: 'buildah-unprivileged',
    n: 23,
    title: msg('Buildah or Podman in an unprivileged container', '非特権コンテナでのBuildahまたはPodman'),
    cause: msg(
      'Buildah and Podman create a user namespace (Podman re-executes itself in one: "cannot clone: Operation not permitted", "cannot re-exec process") and default to overlay storage, which the container\'s default seccomp and AppArmor profiles (and overlayfs underneath) refuse in an unprivileged container; Buildah 1.44 also regressed on the overlay over the build context.',
      'BuildahとPodmanはユーザー名前空間を作成し（Podmanはその中で自身を再実行します:「cannot clone: Operation not permitted」「cannot re-exec process」）、デフォルトでoverlayストレージを使いますが、非特権コンテナではコンテナのデフォルトのseccompとAppArmorのプロファイル（と下層のoverlayfs）がこれらを拒否します。Buildah 1.44ではビルドコンテキスト上のoverlayにも退行があります。',
    ),
    fixText: msg(
      'Set STORAGE_DRIVER: vfs, BUILDAH_ISOLATION: chroot and BUILDAH_FORMAT: docker, with security_opt = ["seccomp:unconfined", "apparmor:unconfined"] on the runner. Pin quay.io/buildah/stable:v1.43.x until the 1.44 regression is fixed.',
      'STORAGE_DRIVER: vfs、BUILDAH_ISOLATION: chroot、BUILDAH_FORMAT: dockerを設定し、Runnerにsecurity_opt = ["seccomp:unconfined", "apparmor:unconfined"]を設定します。1.44の退行が直るまではquay.io/buildah/stable:v1.43.xに固定します。',
    ),
    fix: {
      label: msg(
        'Regenerate Buildah with vfs storage, chroot isolation and a pinned 1.43',
        'vfsストレージ、chroot分離、1.43固定でBuildahを生成し直す',
      ),
      patch: (a) => ({
        method: a.method === 'podman' ? 'podman' : 'buildah',
        ...(/^v?1\.44(?:\.|$)/.test(a.buildahVersion) ? { buildahVersion: DEFAULT_ANSWERS.buildahVersion } : {}),
      }),
      outside: msg(
        'Apply security_opt from the generated config.toml to the runner and restart it.',
        '生成したconfig.tomlのsecurity_optをRunnerに反映し、再起動します。',
      ),
    },
    sources: [
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/36837',
      'https://github.com/podman-container-tools/buildah/issues/6892',
      'https://gitlab.com/gitlab-org/gitlab/-/issues/574252',
      'https://github.com/podman-container-tools/podman/issues/10802',
      'https://github.com/mgoltzsche/podman-static/issues/70',
    ],
    recognisers: [
      { kw: ['unshare('], re: /Error during unshare\([A-Z_|]+\): Operation not permitted/i },
      // Podman (and Buildah) re-executing itself in a new user namespace that seccomp or AppArmor forbids.
      {
        kw: ['cannot clone'],
        re: /cannot clone: (?:Operation not permitted|Permission denied)/i,
        context: BUILDAH_LOG,
      },
      { kw: ['cannot re-exec process'], re: /cannot re-exec process/i, context: BUILDAH_LOG },
      {
        kw: ['unshare'],
        re: /\bunshare(?: failed)?: (?:Operation not permitted|Permission denied)/i,
        context: BUILDAH_LOG,
      },
      {
        kw: ['error running container'],
        re: /error running container:.{0,600}(?:newuidmap|newgidmap|unshare|clone).{0,300}(?:operation not permitted|permission denied)/i,
        context: BUILDAH_LOG,
      },
      {
        kw: ['containers/storage/overlay'],
        re: /mount (?<path>\S{0,200}containers\/storage\/overlay[^\s,]{0,300}),? .{0,600}?(?:permission denied|operation not permitted)/i,
      },
      { kw: ['a mount_program is required'], re: /'overlay' is not supported over \w+, a mount_program is required/i },
      {
        kw: ['mounting an overlay over build context'],
        re: /mounting an overlay over build context directory:.{0,600}invalid argument/i,
      },
      { kw: ['uid_map'], re: /newuidmap: write to uid_map failed: Operation not permitted/i, context: BUILDAH_LOG },
    ],
  },
  {
    id: 'rootless-no-subuid',
    n: 37,
    title: msg(
      'Buildah or Podman runs as a user without subuid/subgid ranges',
      'BuildahまたはPodmanがsubuid/subgidの範囲を持たないユーザーで動く',
    ),
    cause: msg(
      'The build runs as a UID that has no ranges in /etc/subuid and /etc/subgid (an arbitrary run_as_user, an OpenShift random UID, an image without the user): Podman and Buildah fall back to a single mapping ("Using rootless single mapping") and cannot write the user namespace\'s uid_map.',
      'ビルドが/etc/subuidと/etc/subgidに範囲を持たないUID（任意のrun_as_user、OpenShiftのランダムUID、ユーザーのないイメージ）で動いています。PodmanとBuildahは単一のマッピング（「Using rootless single mapping」）に切り替わり、ユーザー名前空間のuid_mapを書き込めません。',
    ),
    fixText: msg(
      "Run the build as the image's own user 1000 (podman in quay.io/podman/stable, build in quay.io/buildah/stable), which has the ranges: [runners.kubernetes.pod_security_context] run_as_user = 1000 and [runners.kubernetes.build_container_security_context] run_as_user = 1000, as GitLab's Podman-on-Kubernetes page does, with the build container's AppArmor annotation.",
      'イメージ自身のユーザー1000（quay.io/podman/stableのpodman、quay.io/buildah/stableのbuild）でビルドします。このユーザーは範囲を持っています。GitLabのPodman on Kubernetesのページと同じく、[runners.kubernetes.pod_security_context] run_as_user = 1000と[runners.kubernetes.build_container_security_context] run_as_user = 1000を設定し、ビルドコンテナのAppArmorアノテーションを付けます。',
    ),
    fix: {
      label: msg(
        "Regenerate the runner configuration with the builder image's user 1000",
        'ビルダーイメージのユーザー1000でRunnerの設定を生成し直す',
      ),
      patch: (a) => ({ method: a.method === 'buildah' ? 'buildah' : 'podman' }),
      outside: msg(
        'Apply the security contexts from the generated config.toml (or Helm values.yaml) to the runner. With your own image, give its build user ranges in /etc/subuid and /etc/subgid.',
        '生成したconfig.toml（またはHelmのvalues.yaml）のセキュリティコンテキストをRunnerに反映します。独自のイメージでは、ビルドユーザーに/etc/subuidと/etc/subgidの範囲を与えます。',
      ),
    },
    sources: [
      'https://docs.gitlab.com/runner/executors/kubernetes/use_podman_with_kubernetes/',
      'https://github.com/dpkshetty/podman_gitlab',
      'https://gitlab.com/gitlab-org/gitlab-runner/-/issues/30943',
    ],
    recognisers: [
      {
        kw: ['uid_map'],
        re: /cannot write uid_map: .{0,200}operation not permitted/i,
        unless: /newuidmap: write to uid_map failed/i,
      },
      {
        kw: ['insufficient uids or gids'],
        re: /potentially insufficient UIDs or GIDs available in user namespace/i,
      },
    ],
  },
  {
    id: 'short-name-no-tty',
    n: 42,
    title: msg(
      'Buildah or Podman: an unqualified image name and no terminal',
      'BuildahまたはPodman: 短いイメージ名と端末なし',
    ),
    cause: msg(
      'Buildah and Podman do not assume docker.io for an unqualified name such as FROM ruby:3.4. With several unqualified-search registries (the images list registry.fedoraproject.org, registry.access.redhat.com and docker.io) and the default short-name-mode "enforcing", they ask which registry to use, and a CI job has no terminal to answer.',
      'BuildahとPodmanは、FROM ruby:3.4のような短い名前をdocker.ioとはみなしません。短い名前の検索先レジストリが複数あり（イメージにはregistry.fedoraproject.org、registry.access.redhat.com、docker.ioが設定されています）、short-name-modeがデフォルトの"enforcing"だと、どのレジストリを使うかを尋ねますが、CIのジョブにはそれに答える端末がありません。',
    ),
    fixText: msg(
      'Qualify the base images (FROM docker.io/library/ruby:3.4.9), which works whatever the configuration; and have the job write a registries.conf drop-in with unqualified-search-registries = ["docker.io"] (one registry: nothing to choose, nothing to spoof) before it builds.',
      'ベースイメージを完全な名前にします（FROM docker.io/library/ruby:3.4.9）。これは設定に関わらず動作します。加えて、ビルドの前にジョブでunqualified-search-registries = ["docker.io"]（レジストリが1つなので選択もなりすましもありません）を書いたregistries.confのドロップインを作成します。',
    ),
    fix: {
      label: msg(
        'Regenerate the Buildah or Podman job with its registries.conf drop-in',
        'registries.confのドロップイン付きでBuildahまたはPodmanのジョブを生成し直す',
      ),
      patch: (a) => (a.method === 'buildah' || a.method === 'podman' ? {} : { method: 'buildah' }),
      outside: msg(
        'Qualify the FROM lines of your Dockerfiles (docker.io/library/<image> for official images).',
        'DockerfileのFROM行を完全な名前にします（公式イメージはdocker.io/library/<image>）。',
      ),
    },
    sources: [
      'https://github.com/gaul/s3proxy/issues/637',
      'https://man.archlinux.org/man/containers-registries.conf.d.5.en',
      'https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/building_running_and_managing_containers/configuring-short-name-aliases',
    ],
    recognisers: [
      {
        kw: ['short-name resolution enforced'],
        re: /short-name resolution enforced but cannot prompt without a TTY/i,
      },
      {
        kw: ['did not resolve to an alias'],
        re: /short-name "(?<name>[^"\s]{1,300})" did not resolve to an alias and no (?:unqualified-search registries are defined|containers-registries\.conf)/i,
      },
    ],
  },
];
