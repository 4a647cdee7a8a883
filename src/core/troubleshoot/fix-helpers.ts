/**
 * Helpers for the fixes of several failures (failures/*.ts): which runner the answers describe, and the shared
 * "build without a daemon" question.
 */
import type { Answers } from '../answers';
import type { Msg } from '../i18n';
import { isDockerLikeExecutor, isHosted } from '../vocabulary';
import type { FixQuestion } from './types';

/** A self-managed runner whose executor runs job containers on a Docker engine (`isDockerLikeExecutor`). */
export const dockerExecutor = (a: Answers): boolean => !isHosted(a) && isDockerLikeExecutor(a.executor);
/** A self-managed runner with the shell executor. */
export const shellRunner = (a: Answers): boolean => !isHosted(a) && a.executor === 'shell';

/** "Build without the dind daemon": rootless BuildKit (recommended) or Buildah, for what dind cannot do here. */
export function daemonlessBuilder(text: Msg, rootless: Msg, buildah: Msg): FixQuestion {
  return {
    id: 'builder',
    text,
    recommended: () => 'rootless',
    options: [
      { id: 'rootless', label: rootless, patch: () => ({ method: 'buildkit-rootless' }) },
      { id: 'buildah', label: buildah, patch: () => ({ method: 'buildah' }) },
    ],
  };
}
