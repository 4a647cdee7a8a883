/** What the wizard needs of BuildKit: its labels (one wording for the wizard's options, SETUP.md and the diagram) and its constraints. */
import type { Method } from '../answers';
import { msg } from '../i18n';
import type { MethodLabels } from './types';
import {
  cacheNeedsPush,
  macOs,
  never,
  podSecurity,
  privilegedDaemon,
  shellRunner,
  windowsContainers,
  type MethodCheck,
  type MethodRows,
} from './constraints';

/** The wizard's option, its note and the title in SETUP.md and the diagram, for rootless BuildKit and buildctl. */
export const BUILDKIT_LABELS: Readonly<Partial<Record<Method, MethodLabels>>> = {
  'buildkit-rootless': {
    option: msg('Rootless BuildKit (no daemon, no privileged)', 'ルートレスBuildKit（デーモンなし、特権なし）'),
    note: msg(
      'The build runs inside the job as an unprivileged user; no Docker daemon.',
      'ビルドはジョブ内で非特権ユーザーとして実行。Dockerデーモンは不要です。',
    ),
    title: msg('rootless BuildKit', 'ルートレスBuildKit'),
  },
  buildctl: {
    option: msg('buildctl against a BuildKit service', 'BuildKitサービスに対するbuildctl'),
    note: msg('buildkitd runs as a privileged service container.', 'buildkitdを特権サービスコンテナで実行します。'),
    title: msg('buildctl with a buildkitd service', 'buildkitdサービスとbuildctl'),
  },
};

/**
 * The replacement of a Kaniko job (`fromKaniko`): a rootless BuildKit job with the migration notes. `option` and
 * `note` label the wizard's toggle; `title` names the method in SETUP.md and the diagram.
 */
export const FROM_KANIKO_LABELS: MethodLabels = {
  option: msg('Migrate from Kaniko', 'Kanikoから移行'),
  note: msg(
    'Kaniko is no longer maintained: this emits the equivalent rootless BuildKit job.',
    'Kanikoはメンテナンスされていません。同等のルートレスBuildKitジョブを出力します。',
  ),
  title: msg('rootless BuildKit (migrated from Kaniko)', 'ルートレスBuildKit（Kanikoから移行）'),
};

/** What rules rootless BuildKit and buildctl out, in order. */
export const BUILDKIT_CONSTRAINTS: Readonly<Partial<Record<Method, readonly MethodCheck[]>>> = {
  'buildkit-rootless': [windowsContainers(false), shellRunner(never), macOs],
  buildctl: [podSecurity('privileged'), privilegedDaemon, windowsContainers(false), shellRunner(never), macOs],
};

/** BuildKit's rows of the other questions: its cache lives in a registry. */
export const BUILDKIT_ROWS: Readonly<Partial<Record<Method, MethodRows>>> = {
  'buildkit-rootless': { cache: cacheNeedsPush },
  buildctl: { cache: cacheNeedsPush },
};
