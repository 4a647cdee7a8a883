/**
 * What the wizard needs of every build method before the generators load, gathered from the families'
 * `<family>.options.ts`: the labels and the constraints. This module pulls no script code into the first bundle.
 */
import type { Method } from '../answers';
import { BUILDKIT_CONSTRAINTS, BUILDKIT_LABELS } from './buildkit.options';
import { DAEMONLESS_CONSTRAINTS, DAEMONLESS_LABELS } from './daemonless.options';
import { DIND_CONSTRAINTS, DIND_LABELS } from './dind.options';
import { HOST_DAEMON_CONSTRAINTS, HOST_DAEMON_LABELS } from './host-daemon.options';
import { firstReason, type MethodCheck } from './constraints';
import type { Answers } from '../answers';
import type { Msg } from '../i18n';
import type { MethodLabels } from './types';

export { FROM_KANIKO_LABELS } from './buildkit.options';
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

const CONSTRAINTS: Readonly<Partial<Record<Method, readonly MethodCheck[]>>> = {
  ...DIND_CONSTRAINTS,
  ...HOST_DAEMON_CONSTRAINTS,
  ...BUILDKIT_CONSTRAINTS,
  ...DAEMONLESS_CONSTRAINTS,
};

/** The reason `method` cannot be chosen with the other answers (the runner, privileged containers), or null. */
export function methodWhyNot(a: Answers, method: Method): Msg | null {
  return firstReason(a, CONSTRAINTS[method] ?? []);
}
