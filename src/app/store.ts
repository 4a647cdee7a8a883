/**
 * The wizard's state: the answers (always a possible combination: every change goes through `normalize`), the UI
 * language and theme, and the message shown to the user. Answers are saved locally as a permalink (never a secret:
 * fields refuse secrets before they reach the store), preferences separately.
 */
import { create } from 'zustand';
import { ANSWER_KEYS, defaultAnswers, diffFromDefaults, type Answers } from '../core/answers';
import { isLang, msg, type Lang, type Msg } from '../core/i18n';
import { PERMALINK_VERSION, decodePermalink, encodeAnswers } from '../core/permalink';
import { normalize } from '../core/rules';

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export interface Notice {
  kind: 'error' | 'info';
  text: Msg;
  /** The answers before the change that this notice reports, to undo it. */
  undo?: Answers;
}

export interface WizardState {
  answers: Answers;
  lang: Lang;
  theme: Theme;
  notice: Notice | null;
  /** Answers that changed as a consequence of the last change (not the one the user made). */
  alsoChanged: (keyof Answers)[];
  set: <K extends keyof Answers>(key: K, value: Answers[K]) => void;
  apply: (patch: Partial<Answers>, notice?: Notice) => void;
  load: (answers: Answers, notice?: Notice) => void;
  reset: () => void;
  setLang: (lang: Lang) => void;
  setTheme: (theme: Theme) => void;
  dismiss: () => void;
}

export const STORAGE_KEY = 'gitlab-docker-build-wizard';
const PREFS_KEY = `${STORAGE_KEY}:prefs`;
const SAVED_VERSION = 1;
/** Where a saved value that cannot be read is kept, so that nothing is silently lost. */
export const DAMAGED_KEY = `${STORAGE_KEY}:damaged`;
/** No saved configuration comes near this; larger values are not parsed. */
const MAX_SAVED_LENGTH = 256 * 1024;

const encodings = new WeakMap<Answers, string>();

/**
 * The permalink value of these answers ('' for the defaults), computed once per state and only when asked for
 * (the URL sync asks after a pause in typing): compressing is the costliest step of a change.
 */
export function encodedOf(a: Answers): string {
  let e = encodings.get(a);
  if (e === undefined) {
    e = Object.keys(diffFromDefaults(a)).length ? encodeAnswers(a) : '';
    encodings.set(a, e);
  }
  return e;
}

function changedKeys(before: Answers, after: Answers, except: (keyof Answers)[]): (keyof Answers)[] {
  return ANSWER_KEYS.filter((k) => !except.includes(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed frame): the app works without it
  }
}

function savePrefs(lang: Lang, theme: Theme): void {
  try {
    storage()?.setItem(PREFS_KEY, JSON.stringify({ lang, theme }));
  } catch {
    // quota or disabled storage: preferences are a convenience
  }
}

/** Persists the last configuration; called after each change (debounced by the caller). */
export function saveAnswers(encoded: string): void {
  try {
    const s = storage();
    if (!s) return;
    if (encoded === '') s.removeItem(STORAGE_KEY);
    else s.setItem(STORAGE_KEY, JSON.stringify({ version: SAVED_VERSION, config: encoded }));
  } catch {
    // a full or disabled storage loses only the convenience of restoring
  }
}

function detectLang(): Lang {
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const base = (l ?? '').toLowerCase().split('-')[0];
    if (base === 'ja') return 'ja';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function readPrefs(): { lang: Lang; theme: Theme } {
  let lang: Lang | null = null;
  let theme: Theme = 'system';
  try {
    const raw = storage()?.getItem(PREFS_KEY);
    if (raw) {
      const p: unknown = JSON.parse(raw);
      if (p && typeof p === 'object') {
        const { lang: l, theme: t } = p as Record<string, unknown>;
        if (isLang(l)) lang = l;
        if (THEMES.includes(t as Theme)) theme = t as Theme;
      }
    }
  } catch {
    // unreadable preferences: detect again
  }
  return { lang: lang ?? detectLang(), theme };
}

const brokenLink = (detail: string): Notice => ({
  kind: 'error',
  text: msg(
    `${detail} Showing the default configuration instead.`,
    `パーマリンクを読み込めません（${detail.replace(/^Broken permalink: /, '').replace(/\.$/, '')}）。代わりにデフォルトの構成を表示しています。`,
  ),
});

/** The configuration in a URL fragment (`#c=...` or `#/step?c=...`), if any. */
export function fragmentConfig(hash: string): string | null {
  const h = hash.replace(/^#/, '');
  const query = h.startsWith('/') ? h.slice(h.indexOf('?') + 1 || h.length) : h;
  for (const part of query.split('&')) if (part.startsWith('c=')) return part;
  return null;
}

/** Where the first answers come from: the link, else the last configuration, else the defaults. */
export function initialAnswers(hash: string): { answers: Answers; notice: Notice | null } {
  const fromLink = fragmentConfig(hash);
  if (fromLink !== null) {
    const decoded = decodePermalink(fromLink);
    if (decoded.ok) return { answers: decoded.answers, notice: null };
    return { answers: defaultAnswers(), notice: brokenLink(decoded.error) };
  }
  let raw: string | null;
  try {
    raw = storage()?.getItem(STORAGE_KEY) ?? null;
  } catch {
    raw = null;
  }
  if (raw === null) return { answers: defaultAnswers(), notice: null };
  const saved = readSaved(raw);
  if (saved.kind === 'current') return { answers: saved.answers, notice: null };
  if (saved.kind === 'older') {
    saveAnswers(saved.config);
    return {
      answers: saved.answers,
      notice: {
        kind: 'info',
        text: msg(
          'The configuration saved in this browser by an earlier version was restored.',
          '以前のバージョンでこのブラウザに保存された構成を復元しました。',
        ),
      },
    };
  }
  // Kept aside, not lost: the damaged value moves to its own key and the defaults take its place.
  try {
    storage()?.setItem(DAMAGED_KEY, raw.slice(0, MAX_SAVED_LENGTH));
  } catch {
    // full storage: the damaged value goes
  }
  saveAnswers('');
  return {
    answers: defaultAnswers(),
    notice: {
      kind: 'error',
      text: msg(
        `The configuration saved in this browser could not be read (damaged, or saved by another version). Showing the defaults; the damaged value is kept under "${DAMAGED_KEY}".`,
        `このブラウザに保存された構成を読み込めませんでした（破損、または別バージョンで保存）。デフォルトを表示しています。破損した値は「${DAMAGED_KEY}」に残しています。`,
      ),
    },
  };
}

type SavedState =
  { kind: 'current'; answers: Answers } | { kind: 'older'; answers: Answers; config: string } | { kind: 'damaged' };

/**
 * Reads what this app saved in local storage: `{ version: 1, config: <permalink payload> }`. Older shapes (a
 * bare permalink payload, or another version number around a payload the permalink decoder still reads, such as
 * legacy version-1 links) are restored; anything else, or anything too large, is damaged.
 */
export function readSaved(raw: string): SavedState {
  if (raw.length > MAX_SAVED_LENGTH) return { kind: 'damaged' };
  let data: unknown = raw;
  try {
    data = JSON.parse(raw);
  } catch {
    // not JSON: perhaps a bare payload
  }
  const record =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  const config = typeof data === 'string' ? data : typeof record?.config === 'string' ? record.config : null;
  if (config === null) return { kind: 'damaged' };
  const decoded = decodePermalink(config);
  if (!decoded.ok) return { kind: 'damaged' };
  // Saved by a newer version of the app: not ours to rewrite (kept aside like damaged state).
  if (typeof record?.version === 'number' && record.version > SAVED_VERSION) return { kind: 'damaged' };
  if (record?.version === SAVED_VERSION && config.startsWith(`${PERMALINK_VERSION}.`))
    return { kind: 'current', answers: decoded.answers };
  return { kind: 'older', answers: decoded.answers, config: encodeAnswers(decoded.answers) };
}

export const useWizard = create<WizardState>()((set, get) => {
  const prefs = readPrefs();
  const initial = initialAnswers(typeof window === 'undefined' ? '' : window.location.hash);
  const commit = (next: Answers, except: (keyof Answers)[], notice?: Notice | null) => {
    const before = get().answers;
    const answers = normalize(next);
    set({
      answers,
      alsoChanged: changedKeys(before, answers, except),
      // A new change ends the offer to undo an earlier one (it would throw this change away).
      ...(notice !== undefined ? { notice } : get().notice?.undo ? { notice: null } : {}),
    });
  };
  return {
    answers: initial.answers,
    lang: prefs.lang,
    theme: prefs.theme,
    notice: initial.notice,
    alsoChanged: [],
    set: (key, value) => commit({ ...get().answers, [key]: value }, [key]),
    apply: (patch, notice) =>
      commit({ ...get().answers, ...patch }, Object.keys(patch) as (keyof Answers)[], notice ?? null),
    load: (answers, notice) => {
      const normalized = normalize(answers);
      set({ answers: normalized, alsoChanged: [], notice: notice ?? null });
    },
    reset: () => {
      const undo = get().answers;
      const answers = defaultAnswers();
      set({
        answers,
        alsoChanged: [],
        notice: {
          kind: 'info',
          text: msg('Back to the default configuration.', 'デフォルトの構成に戻しました。'),
          undo,
        },
      });
    },
    setLang: (lang) => {
      set({ lang });
      savePrefs(lang, get().theme);
    },
    setTheme: (theme) => {
      set({ theme });
      savePrefs(get().lang, theme);
    },
    dismiss: () => set({ notice: null }),
  };
});
