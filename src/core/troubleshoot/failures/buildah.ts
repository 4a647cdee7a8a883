/**
 * Buildah and Podman in an unprivileged container.
 *
 * failures.md #23; FAILURES (catalog.ts) keeps them in the order of FAILURE_IDS.
 */
import { DEFAULT_ANSWERS } from '../../answers';
import { msg } from '../../i18n';
import { BUILDAH_LOG } from '../log-patterns';
import type { Failure } from '../types';

/** failures.md #23 buildah-unprivileged: Buildah or Podman in an unprivileged container. */
export const BUILDAH_FAILURES: readonly Failure[] = [
  {
    id: 'buildah-unprivileged',
    n: 23,
    title: msg('Buildah or Podman in an unprivileged container', '非特権コンテナでのBuildahまたはPodman'),
    cause: msg(
      'Buildah defaults to overlay storage and namespace isolation, which an unprivileged container (seccomp, AppArmor, overlayfs underneath) does not allow; Buildah 1.44 also regressed on the overlay over the build context.',
      'Buildahはデフォルトでoverlayストレージと名前空間による分離を使いますが、非特権コンテナ（seccomp、AppArmor、下層がoverlayfs）ではこれらが許可されません。Buildah 1.44ではビルドコンテキスト上のoverlayにも退行があります。',
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
    ],
    recognisers: [
      { kw: ['unshare('], re: /Error during unshare\([A-Z_|]+\): Operation not permitted/i },
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
];
