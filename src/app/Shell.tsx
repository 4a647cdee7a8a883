/**
 * The frame of every page: header (language, theme, hand-over), the message line, the questions (the route) and,
 * beside them, the live preview and the findings. It also keeps the URL and the saved state in step with the
 * answers.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Outlet, useRouter } from '@tanstack/react-router';
import { LANGS, msg, type Lang } from '../core/i18n';
import { decodePermalink } from '../core/permalink';
import type { Finding } from '../core/findings';
import { useStatus } from './actions';
import { GeneratedContext, appBaseUrl, loadEngine, useEngine } from './engine';
import { DiagramPanel } from './components/DiagramPanel';
import { FindingsPanel } from './components/FindingsPanel';
import { HandOver } from './components/HandOver';
import { StepNav } from './components/StepNav';
import { Preview, type RevealRequest } from './components/Preview';
import { encodedOf, fragmentConfig, saveAnswers, useWizard, THEMES, type Theme } from './store';
import { UI, text, useT } from './ui';

const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語' };

/**
 * Writes the configuration into the URL (history replaced, never pushed) and into local storage, and reads a link
 * pasted into the address bar of this tab.
 */
function useUrlSync(): void {
  const router = useRouter();
  const answers = useWizard((s) => s.answers);
  const load = useWizard((s) => s.load);
  // What the page opened with is saved only once the user changes something: opening a link, even a broken
  // one, does not overwrite the configuration saved in this browser.
  const opened = useRef(answers);
  useEffect(() => {
    const id = setTimeout(() => {
      const encoded = encodedOf(answers);
      if (answers !== opened.current) saveAnswers(encoded);
      const loc = router.history.location;
      const inUrl = fragmentConfig(window.location.hash)?.slice(2) ?? '';
      if (inUrl !== encoded) router.history.replace(`${loc.pathname}${encoded ? `?c=${encoded}` : ''}`, loc.state);
    }, 100);
    return () => clearTimeout(id);
  }, [answers, router]);
  useEffect(
    () =>
      router.history.subscribe(({ action }) => {
        if (action.type === 'PUSH' || action.type === 'REPLACE') return;
        const hash = window.location.hash;
        const inUrl = fragmentConfig(hash)?.slice(2) ?? '';
        const before = useWizard.getState().answers;
        const current = encodedOf(before);
        const loc = router.history.location;
        // An entry without the router's state was not made by the app: a link typed or pasted into this tab.
        if (window.history.state == null) {
          const path = hash.startsWith('#/') ? loc.pathname : '/runner';
          if (inUrl === '' || inUrl === current) {
            if (!hash.startsWith('#/')) router.history.replace(`${path}${current ? `?c=${current}` : ''}`);
            return;
          }
          const decoded = decodePermalink(inUrl);
          if (decoded.ok) {
            router.history.replace(`${path}?c=${inUrl}`);
            load(decoded.answers, {
              kind: 'info',
              text: msg('Opened the configuration from the link.', 'リンクの構成を開きました。'),
              undo: before,
            });
            return;
          }
          router.history.replace(`${path}${current ? `?c=${current}` : ''}`);
          useWizard.setState({
            notice: {
              kind: 'error',
              text: msg(
                `${decoded.error} Your current configuration is unchanged.`,
                `パーマリンクを読み込めません（${decoded.error}）。現在の構成は変更されていません。`,
              ),
            },
          });
          return;
        }
        // Back and forward move between steps; the answers stay the latest ones.
        if (inUrl !== current) router.history.replace(`${loc.pathname}${current ? `?c=${current}` : ''}`, loc.state);
      }),
    [router, load],
  );
}

function NoticeLine() {
  const t = useT();
  const notice = useWizard((s) => s.notice);
  const dismiss = useWizard((s) => s.dismiss);
  const load = useWizard((s) => s.load);
  if (!notice) return null;
  const { undo } = notice;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{t(notice.text)}</span>
      {undo && (
        <button type="button" className="link" onClick={() => load(undo)}>
          {t(UI.undo)}
        </button>
      )}
      <button type="button" className="link" onClick={dismiss}>
        {t(UI.dismiss)}
      </button>
    </div>
  );
}

function Header() {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const theme = useWizard((s) => s.theme);
  const setLang = useWizard((s) => s.setLang);
  const setTheme = useWizard((s) => s.setTheme);
  const reset = useWizard((s) => s.reset);
  const themeNames: Record<Theme, string> = {
    system: t(UI.themeSystem),
    light: t(UI.themeLight),
    dark: t(UI.themeDark),
  };
  return (
    <header className="top">
      <div className="brand">
        <h1>{t(UI.title)}</h1>
        <p className="tagline">{t(UI.tagline)}</p>
      </div>
      <div className="top-controls">
        <label>
          <span>{t(UI.language)}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value === 'ja' ? 'ja' : 'en')}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t(UI.theme)}</span>
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {themeNames[th]}
              </option>
            ))}
          </select>
        </label>
        <HandOver compact />
        <button type="button" onClick={reset}>
          {t(UI.reset)}
        </button>
      </div>
    </header>
  );
}

/** The troubleshooter's chunk is fetched once the page is idle, so it opens with the network cut too. */
function prefetchTroubleshooter(): void {
  const fetch = () => void import('./pages/TroubleshootPage').catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fetch, { timeout: 3000 });
  else setTimeout(fetch, 1000);
}

export function Shell() {
  const t = useT();
  const answers = useWizard((s) => s.answers);
  const lang = useWizard((s) => s.lang);
  const theme = useWizard((s) => s.theme);
  const status = useStatus((s) => s.text);
  const seq = useStatus((s) => s.seq);
  const { engine, failed } = useEngine();
  const [active, setActive] = useState('.gitlab-ci.yml');
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  useUrlSync();

  // The generator loads right after the first paint: the first question does not wait for it.
  useEffect(() => {
    requestAnimationFrame(() => setTimeout(() => void loadEngine().then(prefetchTroubleshooter, () => undefined), 0));
  }, []);
  // Only on a language change: setting <html lang>, even to the same value, restyles the whole page.
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = text(lang, UI.title);
  }, [lang]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  const result = useMemo(
    () => (engine ? engine.generate(answers, { lang, baseUrl: appBaseUrl() }) : null),
    [engine, answers, lang],
  );
  // Choosing a tab ends a pending "show this line": coming back to the tab does not jump again.
  const choose = useCallback((path: string) => {
    setActive(path);
    setReveal(null);
  }, []);
  const show = useCallback((f: Finding) => {
    setActive(f.file);
    setReveal({ file: f.file, line: f.line });
  }, []);
  const activePath = result?.files.some((f) => f.path === active) ? active : (result?.files[0]?.path ?? active);

  return (
    <GeneratedContext.Provider value={result}>
      <button type="button" className="skip" onClick={() => document.getElementById('questions')?.focus()}>
        {t(UI.skip)}
      </button>
      <Header />
      <NoticeLine />
      <div className="layout">
        <main id="questions" tabIndex={-1}>
          <StepNav />
          <Outlet />
        </main>
        <aside className="side" aria-label={t(UI.files)}>
          {result ? (
            <>
              <Preview result={result} active={activePath} onActive={choose} reveal={reveal} />
              <DiagramPanel result={result} onShow={show} />
              <FindingsPanel findings={result.findings} onShow={show} />
            </>
          ) : (
            <p className="muted" role="status">
              {failed ? t(UI.engineFailed) : t(UI.loadingFiles)}
            </p>
          )}
        </aside>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
        {seq % 2 ? '\u200b' : ''}
      </div>
    </GeneratedContext.Provider>
  );
}
