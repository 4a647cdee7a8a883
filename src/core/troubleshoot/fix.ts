/**
 * Fixing the answers: `applyFix(answers, failure, choices)` gives the answers with the fix applied, normalized
 * (`rules.ts`), so that the generated files no longer have the failure's cause. A fix is a patch, a set of questions
 * whose options are patches, or both (the patch first, then the chosen options, in order).
 */
import { ANSWER_KEYS, type Answers } from '../answers';
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

/**
 * What applying a failure's fix does to a setup:
 * - `changes`: the answers change and the regenerated files no longer hold the cause;
 * - `avoided`: no answer changes, and the current files already avoid the cause (`Failure.holds` says so, or the
 *   failure has no such check): a job that still fails runs other files than these;
 * - `remains`: the regenerated files still hold the cause (`Failure.holds`), so the fix lies outside the files
 *   (the failure's `fix.outside`), or the answers cannot express it.
 * Throws RangeError like `fixPatch`.
 */
export type FixOutcome = 'changes' | 'avoided' | 'remains';

/** See `FixOutcome`. `before` is the current answers; `target` the diagnosis (its facts) or a failure id. */
export function fixOutcome(
  before: Answers,
  target: FailureId | Pick<Diagnosis, 'id' | 'facts'>,
  choices: FixChoices = {},
): FixOutcome {
  const id = typeof target === 'string' ? target : target.id;
  const facts = typeof target === 'string' ? {} : target.facts;
  const after = applyFix(before, target, choices);
  if (failureById(id)?.holds?.(after, facts)) return 'remains';
  return answersDiffer(before, after) ? 'changes' : 'avoided';
}

/** The answer keys whose values differ between two answer sets (compared as JSON), in ANSWER_KEYS order. */
export function changedAnswers(before: Answers, after: Answers): (keyof Answers)[] {
  return ANSWER_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

const answersDiffer = (before: Answers, after: Answers): boolean => changedAnswers(before, after).length > 0;
