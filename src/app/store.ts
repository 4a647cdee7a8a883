/**
 * The wizard's state: the answers (always a possible combination: every change goes through `normalize`), the UI
 * language and theme (saved here, in local storage), and the message shown to the user. The store starts with the
 * defaults; `state/url-sync.ts` fills it once from the link or the saved configuration before the first render,
 * then keeps the URL in step, and `state/persistence.ts` saves the answers (never a secret: fields refuse secrets
 * before they reach the store).
 */
import { create } from 'zustand';
import { ANSWER_KEYS, defaultAnswers, diffFromDefaults, type Answers } from '../core/answers';
import { isLang, msg, type Lang, type Msg } from '../core/i18n';
import { encodeAnswers } from '../core/permalink';
import { normalize } from '../core/rules';

/**
 * The limits (`WizardState.limits`) that applying `patch` to `answers` would overturn: the keys whose value after
 * `normalize` differs from the limit (a fix that moves to GitLab-hosted runners also allows privileged containers).
 */
export function overturnedLimits(
  limits: Partial<Answers>,
  answers: Answers,
  patch: Partial<Answers>,
): (keyof Answers)[] {
  const after = normalize({ ...answers, ...patch });
  return (Object.keys(limits) as (keyof Answers)[]).filter(
    (k) => JSON.stringify(after[k]) !== JSON.stringify(limits[k]),
  );
}

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export interface Notice {
  kind: 'error' | 'info';
  text: Msg;
  /** The answers before the change that this notice reports, to undo it. */
  undo?: Answers;
  /** An answer change the notice offers (e.g. the current tool versions for an older link), with its button label. */
  update?: { patch: Partial<Answers>; label: Msg };
}

export interface WizardState {
  answers: Answers;
  lang: Lang;
  theme: Theme;
  notice: Notice | null;
  /** Answers that changed as a consequence of the last change (not the one the user made). */
  alsoChanged: (keyof Answers)[];
  /**
   * The user's limits, given on the start page (today: whether jobs may run privileged containers). A one-click fix
   * that would overturn one asks first (`overturnedLimits`). Changing that answer in the wizard drops its limit;
   * loading other answers or a reset drops them all. Kept in memory only.
   */
  limits: Partial<Answers>;
  setLimits: (limits: Partial<Answers>) => void;
  set: <K extends keyof Answers>(key: K, value: Answers[K]) => void;
  apply: (patch: Partial<Answers>, notice?: Notice) => void;
  load: (answers: Answers, notice?: Notice) => void;
  reset: () => void;
  setLang: (lang: Lang) => void;
  setTheme: (theme: Theme) => void;
  dismiss: () => void;
}

/** Local storage key of the UI preferences (the answers are saved by `state/persistence.ts`). */
const PREFS_KEY = 'gitlab-docker-build-wizard:prefs';

const encodings = new WeakMap<Answers, string>();

/**
 * The permalink value of these answers ('' for the defaults), computed once per state and only when asked for
 * (the URL sync and the saving ask after a pause in typing): compressing is the costliest step of a change.
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

/** The browser's local storage, or null where it is disabled (every use is wrapped: it may also be full). */
export function storage(): Storage | null {
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

export const useWizard = create<WizardState>()((set, get) => {
  const prefs = readPrefs();
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
    answers: defaultAnswers(),
    lang: prefs.lang,
    theme: prefs.theme,
    notice: null,
    alsoChanged: [],
    limits: {},
    setLimits: (limits) => set({ limits }),
    set: (key, value) => {
      if (key in get().limits) {
        set({
          limits: Object.fromEntries(Object.entries(get().limits).filter(([k]) => k !== key)) as Partial<Answers>,
        });
      }
      commit({ ...get().answers, [key]: value }, [key]);
    },
    apply: (patch, notice) =>
      commit({ ...get().answers, ...patch }, Object.keys(patch) as (keyof Answers)[], notice ?? null),
    load: (answers, notice) => {
      const normalized = normalize(answers);
      set({ answers: normalized, alsoChanged: [], notice: notice ?? null, limits: {} });
    },
    reset: () => {
      const undo = get().answers;
      const answers = defaultAnswers();
      set({
        answers,
        alsoChanged: [],
        limits: {},
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
