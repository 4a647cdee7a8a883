/**
 * The registry of build methods: every value of `Answers['method']` maps to the module of its family. Adding a
 * builder means one module here and its value in `answers.ts`; the generators, the plan and the questions take its
 * labels and fragments from this registry.
 */
import type { Method } from '../answers';
import { buildkit } from './buildkit';
import { daemonless } from './daemonless';
import { dind } from './dind';
import { hostDaemon } from './host-daemon';
import type { BuildMethod } from './types';

export { FROM_KANIKO_LABELS, methodLabels } from './options';
/** The contract's types, re-exported so that callers import from `methods` alone. */
export type { BuildMethod, BuildCommands, CiVariable, MethodLabels, MethodSetup, RunnerFacts } from './types';

/** The method families, in the order the wizard presents them. */
export const METHOD_FAMILIES: readonly BuildMethod[] = [dind, hostDaemon, buildkit, daemonless];

const BY_ID = new Map<Method, BuildMethod>(METHOD_FAMILIES.flatMap((f) => f.ids.map((id) => [id, f] as const)));

/** The module serving `method`. Throws on a value outside `METHODS` (answers are validated before). */
export function methodModule(method: Method): BuildMethod {
  const m = BY_ID.get(method);
  if (!m) throw new Error(`no build method module for ${method}`);
  return m;
}
