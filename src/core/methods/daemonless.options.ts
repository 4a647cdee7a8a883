/** What the wizard needs of Buildah and Podman: its labels (one wording for the wizard's options, SETUP.md and the diagram) and its constraints. */
import { msg } from '../i18n';
import type { MethodLabels } from './types';
import {
  cacheNeedsPush,
  macOs,
  shellRunner,
  windowsContainers,
  type MethodCheck,
  type MethodRows,
} from './constraints';
import type { Method } from '../answers';

/** The wizard's option, its note and the title in SETUP.md and the diagram, for Buildah and Podman. */
export const DAEMONLESS_LABELS: Readonly<Partial<Record<Method, MethodLabels>>> = {
  buildah: {
    option: msg('Buildah', 'Buildah'),
    note: msg(
      'Daemonless, in the job container; needs user namespaces.',
      'デーモンなしでジョブ内で実行。ユーザー名前空間が必要です。',
    ),
    title: msg('Buildah', 'Buildah'),
  },
  podman: {
    option: msg('Podman', 'Podman'),
    note: msg(
      'Daemonless, Docker-compatible commands; needs user namespaces.',
      'デーモンなし、Docker互換コマンド。ユーザー名前空間が必要です。',
    ),
    title: msg('Podman', 'Podman'),
  },
};

/** On a shell runner, Buildah and Podman work on Linux hosts. */
const linuxHost = (a: { os: string }): boolean => a.os === 'linux';

/** What rules Buildah and Podman out, in order. */
export const DAEMONLESS_CONSTRAINTS: Readonly<Partial<Record<Method, readonly MethodCheck[]>>> = {
  buildah: [windowsContainers(false), shellRunner(linuxHost), macOs],
  podman: [windowsContainers(false), shellRunner(linuxHost), macOs],
};

/**
 * Buildah's and Podman's cache: a registry repository (`--cache-from`/`--cache-to`), never inline. The repository
 * takes no tag: `cacheRef`'s rule says so to a user who types one, and `normalize` drops the tag of the default
 * reference when the method or the cache changes, so that choosing the registry cache is never refused because of a
 * field that is only shown once it is chosen.
 */
const daemonlessCache: NonNullable<MethodRows['cache']> = (a, cache) => {
  if (cache === 'inline')
    return msg(
      'Buildah and Podman have no inline cache; use a registry cache.',
      'BuildahとPodmanにはインラインキャッシュがありません。レジストリキャッシュを使います。',
    );
  return cacheNeedsPush(a, cache);
};

/** Buildah's and Podman's rows of the other questions. */
export const DAEMONLESS_ROWS: Readonly<Partial<Record<Method, MethodRows>>> = {
  buildah: { cache: daemonlessCache },
  podman: { cache: daemonlessCache },
};
