/**
 * The configuration saved in this browser (local storage), read and written here only. The value is
 * `savedValue(<permalink>)` of `core/restore.ts`, `{ "version": 1, "config": "2.z…" }`, and it is read back through
 * the gate of every input (`restoreAnswers({ kind: 'saved' })`): an older shape is restored and saved again in the
 * current one; a value that cannot be read (damaged, or saved by a newer version of the app) is kept aside under
 * `DAMAGED_KEY`, never silently lost, and the defaults take its place.
 */
import { defaultAnswers, type Answers } from '../../core/answers';
import { msg } from '../../core/i18n';
import { MAX_INPUT_SIZE, restoreAnswers, restoreErrorText, savedValue } from '../../core/restore';
import { encodedOf, storage, useWizard, type Notice } from '../store';
import { versionsNotice } from './versions-notice';

/** Local storage key of the last configuration. */
export const STORAGE_KEY = 'gitlab-docker-build-wizard';
/** Where a saved value that cannot be read is kept, so that nothing is silently lost. */
export const DAMAGED_KEY = `${STORAGE_KEY}:damaged`;
/** Pause after the last change before saving (ms): compressing the answers is the costliest step of a change. */
const SAVE_DELAY = 100;

/** Saves a permalink value (`encodedOf`); '' (the defaults) removes the saved configuration. */
export function saveAnswers(encoded: string): void {
  try {
    const s = storage();
    if (!s) return;
    if (encoded === '') s.removeItem(STORAGE_KEY);
    else s.setItem(STORAGE_KEY, savedValue(encoded));
  } catch {
    // a full or disabled storage loses only the convenience of restoring
  }
}

/** Removes the saved configuration (the recovery screen's reset). */
export function forgetSaved(): void {
  saveAnswers('');
}

/**
 * The answers saved in this browser, with the message to show: the defaults and no message when nothing is saved;
 * the saved answers and an information when they were saved in an older shape (then saved again in the current
 * one); the defaults and an error when the value cannot be read (then moved to `DAMAGED_KEY`, at most
 * `MAX_INPUT_SIZE.saved` characters of it).
 */
export function restoreSaved(): { answers: Answers; notice: Notice | null } {
  let raw: string | null;
  try {
    raw = storage()?.getItem(STORAGE_KEY) ?? null;
  } catch {
    raw = null;
  }
  if (raw === null) return { answers: defaultAnswers(), notice: null };
  const restored = restoreAnswers({ kind: 'saved', raw });
  if (restored.ok && !restored.outdated) return { answers: restored.answers, notice: null };
  if (restored.ok) {
    saveAnswers(encodedOf(restored.answers));
    const lead = msg(
      'The configuration saved in this browser by an earlier version was restored.',
      '以前のバージョンでこのブラウザに保存された構成を復元しました。',
    );
    return {
      answers: restored.answers,
      notice: versionsNotice(restored.newerVersions, lead) ?? { kind: 'info', text: lead },
    };
  }
  // Kept aside, not lost: the value moves to its own key and the defaults take its place.
  try {
    storage()?.setItem(DAMAGED_KEY, raw.slice(0, MAX_INPUT_SIZE.saved));
  } catch {
    // full storage: the damaged value goes
  }
  saveAnswers('');
  const why = restoreErrorText(restored.error);
  return {
    answers: defaultAnswers(),
    notice: {
      kind: 'error',
      text: msg(
        `${why.en} Showing the defaults; the value is kept under "${DAMAGED_KEY}".`,
        `${why.ja}デフォルトを表示しています。読み込めなかった値は「${DAMAGED_KEY}」に残しています。`,
      ),
    },
  };
}

/**
 * Saves the answers after each change (debounced), from now on: what the page opened with is saved only once the
 * user changes something, so opening a link, even a broken one, does not overwrite the saved configuration.
 * Returns the function that stops it.
 */
export function startPersistence(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useWizard.subscribe((state, before) => {
    if (state.answers === before.answers) return;
    clearTimeout(timer);
    timer = setTimeout(() => saveAnswers(encodedOf(useWizard.getState().answers)), SAVE_DELAY);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
