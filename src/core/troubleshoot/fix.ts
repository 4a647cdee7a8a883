/**
 * Fixing the answers: `applyFix(answers, failure, choices)` gives the answers with the fix applied, normalized
 * (`rules.ts`), so that the generated files no longer have the failure's cause. A fix is a patch, a set of questions
 * whose options are patches, or both (the patch first, then the chosen options, in order).
 */
import type { Answers } from '../answers';
import { normalize } from '../rules';
import { failureById } from './catalog';
import type { Diagnosis, FailureId, FixChoices, FixOption, FixQuestion } from './types';

/**
 * The questions of a failure's fix, each with only the options that apply to these answers (what the app and the
 * CLI offer). Throws RangeError for an unknown failure id.
 */
export function questionsFor(id: FailureId, a: Answers): FixQuestion[] {
  const failure = failureById(id);
  if (!failure) throw new RangeError(`unknown failure "${id}"`);
  return (failure.fix.questions ?? []).map((q) => ({
    ...q,
    options: q.options.filter((o) => !o.available || o.available(a)),
  }));
}

/** The option a question takes with these choices (the recommended one, or the first that applies). */
function chosenOption(q: FixQuestion, a: Answers, choices: FixChoices): FixOption {
  const wanted = choices[q.id];
  if (wanted !== undefined) {
    const option = q.options.find((o) => o.id === wanted);
    if (!option) throw new RangeError(`"${wanted}" is not an option of question "${q.id}"`);
    if (option.available && !option.available(a))
      throw new RangeError(`option "${wanted}" of question "${q.id}" does not apply to these answers`);
    return option;
  }
  const recommended = q.recommended(a);
  const option = q.options.find((o) => o.id === recommended && (!o.available || o.available(a)));
  const fallback = option ?? q.options.find((o) => !o.available || o.available(a));
  if (!fallback) throw new RangeError(`question "${q.id}" has no option for these answers`);
  return fallback;
}

/**
 * The answer changes a fix makes, before normalization: the fix's patch, then the option of each question (the one
 * in `choices`, else the recommended one, else the first that applies), each given the answers with that patch.
 * A Diagnosis as `target` passes the facts read from the log (e.g. the registry host of an x509 error). Throws
 * RangeError for an unknown failure, an unknown option, or a chosen option that does not apply to the answers.
 */
export function fixPatch(
  a: Answers,
  target: FailureId | Pick<Diagnosis, 'id' | 'facts'>,
  choices: FixChoices = {},
): Partial<Answers> {
  const id = typeof target === 'string' ? target : target.id;
  const facts = typeof target === 'string' ? {} : target.facts;
  const failure = failureById(id);
  if (!failure) throw new RangeError(`unknown failure "${id}"`);
  const patch: Partial<Answers> = { ...(failure.fix.patch?.(a, facts) ?? {}) };
  const base = { ...a, ...patch };
  for (const q of failure.fix.questions ?? []) Object.assign(patch, chosenOption(q, base, choices).patch(base, facts));
  return patch;
}

/**
 * The answers with the fix of a failure applied (`fixPatch`), normalized (`rules.ts`): the answers the generated
 * files are rendered from. A Diagnosis passes the facts read from the log. Throws RangeError like `fixPatch`.
 */
export function applyFix(
  a: Answers,
  target: FailureId | Pick<Diagnosis, 'id' | 'facts'>,
  choices: FixChoices = {},
): Answers {
  return normalize({ ...a, ...fixPatch(a, target, choices) });
}
