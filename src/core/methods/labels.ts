/**
 * The labels of every build method, gathered from the families' label files (what the wizard needs before the
 * generators load: this module pulls no script code into the first bundle).
 */
import type { Method } from '../answers';
import { BUILDKIT_LABELS } from './buildkit.labels';
import { DAEMONLESS_LABELS } from './daemonless.labels';
import { DIND_LABELS } from './dind.labels';
import { HOST_DAEMON_LABELS } from './host-daemon.labels';
import type { MethodLabels } from './types';

export { FROM_KANIKO_LABELS } from './buildkit.labels';
/** Texts of one method (option, note, title). */
export type { MethodLabels } from './types';

const LABELS: Readonly<Partial<Record<Method, MethodLabels>>> = {
  ...DIND_LABELS,
  ...HOST_DAEMON_LABELS,
  ...BUILDKIT_LABELS,
  ...DAEMONLESS_LABELS,
};

/** The labels of `method` (option, note, title), in every language. Throws for a method without labels. */
export function methodLabels(method: Method): MethodLabels {
  const labels = LABELS[method];
  if (!labels) throw new Error(`no labels for build method ${method}`);
  return labels;
}
