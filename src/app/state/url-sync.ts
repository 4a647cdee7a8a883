/**
 * The one owner of the URL. Routes live in the fragment (`#/<step>`, hash history, see `router.tsx`) and the
 * configuration after them (`#/<step>?c=<permalink>`); this module is the only one that reads the configuration
 * from the URL and the only one that writes the URL:
 * - at start-up, a plain `#c=...` permalink (the core's format, as in SETUP.md) becomes `#/runner?c=...`
 *   (`adoptPlainLink`), then the store is filled once from the link, through the gate of every input
 *   (`restoreAnswers({ kind: 'link' })`), or else from the saved configuration (`persistence.ts`) (`hydrate`);
 * - then the store is written into the URL after each change, replacing the history entry, never pushing one
 *   (`startUrlSync`); a link pasted into the address bar of this tab is opened, with Undo, and back and forward
 *   move between steps with the latest answers.
 * The fragment is parsed by the core's `linkConfig` (the one parser); search strings are read and written by
 * `parseSearch` / `stringifySearch` here, which the router uses too.
 */
import type { RouterHistory } from '@tanstack/react-router';
import { defaultAnswers } from '../../core/answers';
import { msg } from '../../core/i18n';
import { FRAGMENT_KEY, linkConfig } from '../../core/permalink';
import { restoreAnswers, restoreErrorText } from '../../core/restore';
import { encodedOf, useWizard } from '../store';
import { restoreSaved } from './persistence';
import { versionsNotice } from './versions-notice';

/** Pause after the last change before the URL is written (ms): compressing is the costliest step of a change. */
const WRITE_DELAY = 100;
/** The step that a plain `#c=...` link, or a pasted one without a step, opens on. */
const FIRST_STEP = '/runner';

/** Plain `key=value` search strings (the router's parser): the permalink stays exactly as the core wrote it. */
export const parseSearch = (s: string): Record<string, unknown> => Object.fromEntries(new URLSearchParams(s));

/** The router's search serializer: `?key=value&...` for the non-empty strings, '' when there is none. */
export const stringifySearch = (search: Record<string, unknown>): string => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (typeof v === 'string' && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
};

/**
 * The router's path for a step with a configuration: `/build?c=2.z…` (`/build` for the defaults). The page's own
 * search keys in `search` (the compare page's `a` and `b`) are kept, before the configuration.
 */
const stepHref = (pathname: string, encoded: string, search = ''): string => {
  const own = Object.fromEntries(Object.entries(parseSearch(search)).filter(([k]) => k !== FRAGMENT_KEY));
  return `${pathname}${stringifySearch({ ...own, [FRAGMENT_KEY]: encoded })}`;
};

/** The configuration in the URL right now, as written (not URL-decoded); '' when there is none. */
const configInUrl = (): string => linkConfig(window.location.hash) ?? '';

/** Rewrites a plain `#c=...` link to the first step, `#/runner?c=...`, before the router reads the URL. */
export function adoptPlainLink(): void {
  const hash = window.location.hash;
  if (hash !== '' && !hash.startsWith('#/'))
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}#${FIRST_STEP}?${hash.slice(1)}`,
    );
}

/**
 * Fills the store once, before the first render: the answers of the link in the URL (through
 * `restoreAnswers({ kind: 'link' })`; a link that cannot be read gives the defaults and the reason, and leaves the
 * saved configuration alone), else the saved configuration, else the defaults.
 */
export function hydrate(): void {
  const hash = window.location.hash;
  if (linkConfig(hash) === null) {
    useWizard.setState({ ...restoreSaved(), alsoChanged: [] });
    return;
  }
  const restored = restoreAnswers({ kind: 'link', raw: hash });
  if (restored.ok) {
    const notice = versionsNotice(
      restored.newerVersions,
      msg(
        'This link was made when this app pinned other tool versions.',
        'このリンクは、このアプリが別のツールバージョンを固定していた時期に作成されました。',
      ),
    );
    useWizard.setState({ answers: restored.answers, notice, alsoChanged: [] });
    return;
  }
  const why = restoreErrorText(restored.error);
  useWizard.setState({
    answers: defaultAnswers(),
    alsoChanged: [],
    notice: {
      kind: 'error',
      text: msg(
        `${why.en} Showing the default configuration instead.`,
        `${why.ja}代わりにデフォルトの構成を表示しています。`,
      ),
    },
  });
}

/**
 * Keeps the URL in step with the store, from now on: after each change (and once now, so that an older link is
 * rewritten in the current version and a broken one removed) the configuration is written into the URL of the
 * current step, replacing the history entry. Entries that the app did not make (a link typed or pasted into the
 * address bar: no history state) are opened through `restoreAnswers({ kind: 'link' })` with Undo, or refused with
 * the reason, the current answers unchanged. Returns the function that stops it.
 */
export function startUrlSync(history: RouterHistory): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const writeSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const encoded = encodedOf(useWizard.getState().answers);
      const loc = history.location;
      if (configInUrl() !== encoded) history.replace(stepHref(loc.pathname, encoded, loc.search), loc.state);
    }, WRITE_DELAY);
  };
  const unsubscribeStore = useWizard.subscribe((state, before) => {
    if (state.answers !== before.answers) writeSoon();
  });
  writeSoon();

  const unsubscribeHistory = history.subscribe(({ action }) => {
    if (action.type === 'PUSH' || action.type === 'REPLACE') return;
    const hash = window.location.hash;
    const inUrl = configInUrl();
    const before = useWizard.getState().answers;
    const current = encodedOf(before);
    const loc = history.location;
    if (window.history.state != null) {
      // Back and forward move between steps; the answers stay the latest ones.
      if (inUrl !== current) history.replace(stepHref(loc.pathname, current, loc.search), loc.state);
      return;
    }
    // An entry without the router's state was not made by the app: a link typed or pasted into this tab.
    const onStep = hash.startsWith('#/');
    const path = onStep ? loc.pathname : FIRST_STEP;
    const search = onStep ? loc.search : '';
    if (inUrl === '' || inUrl === current) {
      if (!onStep) history.replace(stepHref(path, current, search));
      return;
    }
    const restored = restoreAnswers({ kind: 'link', raw: hash });
    if (restored.ok) {
      history.replace(stepHref(path, decodeURIComponent(inUrl), search));
      const opened = msg('Opened the configuration from the link.', 'リンクの構成を開きました。');
      useWizard.getState().load(restored.answers, {
        ...(versionsNotice(restored.newerVersions, opened) ?? { kind: 'info', text: opened }),
        undo: before,
      });
      return;
    }
    history.replace(stepHref(path, current, search));
    const why = restoreErrorText(restored.error);
    useWizard.setState({
      notice: {
        kind: 'error',
        text: msg(`${why.en} Your current configuration is unchanged.`, `${why.ja}現在の構成は変更されていません。`),
      },
    });
  });

  return () => {
    clearTimeout(timer);
    unsubscribeStore();
    unsubscribeHistory();
  };
}

/** Removes the configuration from the URL and reloads the page (the recovery screen's reset). */
export function reloadWithoutConfig(): void {
  window.location.hash = '';
  window.location.reload();
}
