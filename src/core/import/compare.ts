/**
 * Comparing two setups file by file (issue 15, item 5): two answer sets (or two permalinks) are generated and each
 * file of one is diffed against the same file of the other (`structuredPatch` of the `diff` package, as the
 * troubleshooter's page shows its fixes). Which answers differ is listed beside, with the wizard's question labels
 * when the caller passes them (the labels live in the app's `questions.ts`, which the core does not import).
 */
import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { ANSWER_KEYS, type Answers } from '../answers';
import { DIAGRAM_FILE, generate } from '../generate';
import { msg, type Lang, type Msg } from '../i18n';
import { restoreAnswers, restoreErrorReason } from '../restore';
import { normalize } from '../rules';

/** Lines of context around each change in `FileComparison.hunks`. */
export const COMPARE_CONTEXT = 3;

/**
 * One file of two setups: `added` (only B has it), `removed` (only A), `changed` or `same`. `before` is A's text
 * ('' when added), `after` B's ('' when removed); `hunks` the unified-diff hunks from A to B (empty when same).
 * `document` marks SETUP.md and the diagram, which describe the setup rather than configure a tool.
 */
export interface FileComparison {
  path: string;
  status: 'added' | 'removed' | 'changed' | 'same';
  before: string;
  after: string;
  hunks: StructuredPatchHunk[];
  document: boolean;
}

/** One answer that differs between two answer sets: its key, both values, and the question's label if known. */
export interface AnswerChange {
  key: keyof Answers;
  before: Answers[keyof Answers];
  after: Answers[keyof Answers];
  label: Msg | null;
}

/** SETUP.md and the diagram: they describe the setup; listed after the files tools read. */
const isDocument = (path: string): boolean => path === 'SETUP.md' || path === DIAGRAM_FILE || path.endsWith('.md');

/**
 * Compares the files generated from two answer sets, in language `lang` (comments, SETUP.md). Both are normalized
 * first (as `generate` does). Order: A's files in A's order, then the files only B has, the documents (SETUP.md,
 * diagram.svg) last. Throws what `generate` throws (an internal inconsistency only).
 */
export function compareSetups(a: Answers, b: Answers, lang: Lang): FileComparison[] {
  const ra = generate(a, { lang });
  const rb = generate(b, { lang });
  const fa = new Map(ra.files.map((f) => [f.path, f.content]));
  const fb = new Map(rb.files.map((f) => [f.path, f.content]));
  const paths = [...new Set([...ra.files.map((f) => f.path), ...rb.files.map((f) => f.path)])];
  const ordered = [...paths.filter((p) => !isDocument(p)), ...paths.filter(isDocument)];
  return ordered.map((path) => {
    const before = fa.get(path);
    const after = fb.get(path);
    const status: FileComparison['status'] =
      before === undefined ? 'added' : after === undefined ? 'removed' : before === after ? 'same' : 'changed';
    const hunks =
      status === 'same'
        ? []
        : structuredPatch(path, path, before ?? '', after ?? '', '', '', { context: COMPARE_CONTEXT }).hunks;
    return { path, status, before: before ?? '', after: after ?? '', hunks, document: isDocument(path) };
  });
}

/**
 * The answers that differ between A and B after normalization (the values the files are generated from), in
 * `ANSWER_KEYS` order, each with its question's label from `labels` (null when none is given for it).
 */
export function changedAnswers(
  a: Answers,
  b: Answers,
  labels: Partial<Record<keyof Answers, Msg>> = {},
): AnswerChange[] {
  const na = normalize(a);
  const nb = normalize(b);
  return ANSWER_KEYS.filter((k) => JSON.stringify(na[k]) !== JSON.stringify(nb[k])).map((key) => ({
    key,
    before: na[key],
    after: nb[key],
    label: labels[key] ?? null,
  }));
}

/** Which input of a comparison could not be read, and why (both languages). */
export class CompareInputError extends Error {
  constructor(
    readonly which: 'a' | 'b',
    readonly reason: Msg,
  ) {
    super(`${which === 'a' ? 'first' : 'second'} link: ${reason.en}`);
    this.name = 'CompareInputError';
  }
  /** The message in `lang`: "first link: the link is truncated". */
  text(lang: Lang): string {
    const which = this.which === 'a' ? msg('first link', '1つ目のリンク') : msg('second link', '2つ目のリンク');
    return lang === 'ja' ? `${which.ja}: ${this.reason.ja}` : `${which.en}: ${this.reason.en}`;
  }
}

/** Decodes a permalink (a full URL, `#c=...` or the bare payload) through the gate of every input (`restoreAnswers`). */
export function answersFromLink(link: string, which: 'a' | 'b'): Answers {
  const restored = restoreAnswers({ kind: 'link', raw: link });
  if (!restored.ok) throw new CompareInputError(which, restoreErrorReason(restored.error));
  return restored.answers;
}

/**
 * Compares the setups of two permalinks (decoded with `permalink.ts` through `restoreAnswers`): their answers and
 * `compareSetups`. Throws `CompareInputError` naming the link that is broken (first or second) and why.
 */
export function compareLinks(
  linkA: string,
  linkB: string,
  lang: Lang,
): { a: Answers; b: Answers; files: FileComparison[] } {
  const a = answersFromLink(linkA, 'a');
  const b = answersFromLink(linkB, 'b');
  return { a, b, files: compareSetups(a, b, lang) };
}
