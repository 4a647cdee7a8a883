/**
 * One side of the compare page: a permalink (a whole URL, `#c=…`, `#/build?c=…` or the bare configuration) or an
 * answers file's JSON pasted as text, read through the one gate of every input (`restoreAnswers`): a link or file
 * that cannot be read gives its reason, never a blank page.
 */
import type { Answers } from '../../core/answers';
import type { Msg } from '../../core/i18n';
import { restoreAnswers, restoreErrorText } from '../../core/restore';

export type SetupInput = { state: 'empty' } | { state: 'ok'; answers: Answers } | { state: 'error'; error: Msg };

/** Reads a pasted permalink or answers JSON (JSON when it starts with `{`). */
export function readSetupInput(raw: string): SetupInput {
  const text = raw.trim();
  if (text === '') return { state: 'empty' };
  const restored = restoreAnswers({ kind: text.startsWith('{') ? 'file' : 'link', raw: text });
  return restored.ok
    ? { state: 'ok', answers: restored.answers }
    : { state: 'error', error: restoreErrorText(restored.error) };
}
