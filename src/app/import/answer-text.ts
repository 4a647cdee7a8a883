/**
 * An answer as a reader sees it, from the wizard's own questions (`questions.ts`): its question's label, its value in
 * words (a choice's option label, Yes/No, a list joined), and its place in the steps, so that a summary of inferred
 * answers or a comparison of two setups reads like the wizard and in the same order.
 */
import type { Answers } from '../../core/answers';
import { msg, type Lang, type Msg } from '../../core/i18n';
import { STEPS, type Question, type StepId } from '../questions';

interface Place {
  question: Question;
  step: StepId;
  order: number;
}

const PLACES = new Map<keyof Answers, Place>();
let n = 0;
for (const s of STEPS)
  for (const q of s.questions) if (!PLACES.has(q.key)) PLACES.set(q.key, { question: q, step: s.id, order: n++ });

const YES = msg('Yes', 'はい');
const NO = msg('No', 'いいえ');
const EMPTY = msg('(none)', '（なし）');

/** The question's label of an answer, or its field name when no question asks it. */
export function answerLabel(key: keyof Answers): Msg {
  const q = PLACES.get(key)?.question;
  return q ? q.label : msg(key, key);
}

/** The wizard step that asks this answer, or null. */
export const answerStep = (key: keyof Answers): StepId | null => PLACES.get(key)?.step ?? null;

/** Sorts answer keys in the order the wizard asks them (keys no question asks come last, by name). */
export function byWizardOrder(a: keyof Answers, b: keyof Answers): number {
  const pa = PLACES.get(a)?.order ?? Number.MAX_SAFE_INTEGER;
  const pb = PLACES.get(b)?.order ?? Number.MAX_SAFE_INTEGER;
  return pa - pb || a.localeCompare(b);
}

/** An answer's value in words: the option's label for a choice, Yes/No, a list joined with commas, '(none)'. */
export function answerValue<K extends keyof Answers>(key: K, value: Answers[K], lang: Lang): string {
  const q = PLACES.get(key)?.question;
  if (typeof value === 'boolean') return (value ? YES : NO)[lang];
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY[lang];
    const options = q && (q.kind === 'multi' || q.kind === 'choice') ? q.options : [];
    return value.map((v) => options.find((o) => o.value === v)?.label[lang] ?? String(v)).join(', ');
  }
  if (q && q.kind === 'choice') {
    const o = q.options.find((x) => x.value === value);
    if (o) return o.label[lang];
  }
  if (value === '' || value === null || value === undefined) return EMPTY[lang];
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
