/**
 * What the wizard needs of every build method before the generators load, gathered from the families'
 * `<family>.options.ts`: the labels and the constraints. This module pulls no script code into the first bundle.
 */
import type { Method } from '../answers';
import { BUILDKIT_CONSTRAINTS, BUILDKIT_LABELS, BUILDKIT_ROWS } from './buildkit.options';
import { DAEMONLESS_CONSTRAINTS, DAEMONLESS_LABELS, DAEMONLESS_ROWS } from './daemonless.options';
import { DIND_CONSTRAINTS, DIND_LABELS, DIND_ROWS } from './dind.options';
import { HOST_DAEMON_CONSTRAINTS, HOST_DAEMON_LABELS, HOST_DAEMON_ROWS } from './host-daemon.options';
import { firstReason, type MethodCheck, type MethodRows } from './constraints';
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

const ROWS: Readonly<Partial<Record<Method, MethodRows>>> = {
  ...DIND_ROWS,
  ...HOST_DAEMON_ROWS,
  ...BUILDKIT_ROWS,
  ...DAEMONLESS_ROWS,
};

/** The reason `value` of the Buildx toggle or of the layer cache cannot go with the method, or null. */
export function methodRowWhyNot<K extends keyof MethodRows>(
  a: Answers,
  field: K,
  value: Parameters<NonNullable<MethodRows[K]>>[1],
): Msg | null {
  const row = ROWS[a.method]?.[field] as ((a: Answers, v: typeof value) => Msg | null) | undefined;
  return row ? row(a, value) : null;
}
