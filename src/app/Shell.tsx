/**
 * The frame of every page: header (language, theme, hand-over), the message line, the questions (the route) and,
 * beside them, the live preview and the findings. The pages about the user's own files (`#/import`, `#/compare`)
 * have their own editors and diffs: they take the whole width, without the preview. (The URL and the saved state
 * follow the answers through `state/url-sync.ts` and `state/persistence.ts`.)
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { LANGS, type Lang } from '../core/i18n';
import type { Finding } from '../core/findings';
import { useStatus } from './actions';
import { GeneratedContext, appBaseUrl, loadEngine, useEngine, usePainted } from './engine';
import { DiagramPanel } from './components/DiagramPanel';
import { FindingsPanel } from './components/FindingsPanel';
import { HandOver } from './components/HandOver';
import { StepNav } from './components/StepNav';
import { Preview, type RevealRequest } from './components/Preview';
import { useWizard, THEMES, type Theme } from './store';
import { documentTitle, setupTitle } from './setupName';
import { UI, useT } from './ui';
import { afterPaint } from './marks';
import { isStepId, stepById } from './questions';
import { generateCached, nearbyChanges, prepareNearby } from './speculate';

const LANG_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語' };

const NoticeLine = memo(function NoticeLine() {
  const t = useT();
  const notice = useWizard((s) => s.notice);
  const dismiss = useWizard((s) => s.dismiss);
  const load = useWizard((s) => s.load);
  const apply = useWizard((s) => s.apply);
  if (!notice) return null;
  const { undo, update } = notice;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{t(notice.text)}</span>
      {undo && (
        <button type="button" className="link" onClick={() => load(undo)}>
          {t(UI.undo)}
        </button>
      )}
      {update && (
        <button type="button" className="link" onClick={() => apply(update.patch)}>
          {t(update.label)}
        </button>
      )}
      <button type="button" className="link" onClick={dismiss}>
        {t(UI.dismiss)}
      </button>
    </div>
  );
});

const Header = memo(function Header() {
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
});

/** The pages that take the whole width (they show files of their own, not the answers' preview). */
const WIDE_PAGES = new Set(['/import', '/compare']);

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
  const wide = useRouterState({ select: (s) => WIDE_PAGES.has(s.location.pathname) });
  const stepId = useRouterState({ select: (s) => s.location.pathname.replace(/^\//, '') });

  // The generator loads right after the first paint: the first question does not wait for it.
  useEffect(() => {
    requestAnimationFrame(() => setTimeout(() => void loadEngine().then(prefetchTroubleshooter, () => undefined), 0));
  }, []);
  // Only on a language change: setting <html lang>, even to the same value, restyles the whole page.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  const result = useMemo(
    () => (engine ? generateCached(engine, answers, { lang, baseUrl: appBaseUrl() }) : null),
    [engine, answers, lang],
  );
  // The title names the setup (tabs, history, bookmarks); it changes only when the method or the language does.
  // It is set once the change's frame is painted: setting it costs about 2 ms, which would delay that frame.
  const title = documentTitle(engine && result ? setupTitle(result.plan, lang, engine.methodTitle) : null, lang);
  useEffect(
    () =>
      afterPaint(() => {
        document.title = title;
      }),
    [title],
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
  // The editor shows a change in its own frame; the findings, the diagram and the pages follow in the next one.
  const painted = usePainted(result);
  const activePath = result?.files.some((f) => f.path === active) ? active : (result?.files[0]?.path ?? active);
  // Once the frame is painted, the results of the changes one click away are prepared while the page is idle.
  useEffect(() => {
    if (!engine || !result || !isStepId(stepId)) return;
    let stop: (() => void) | null = null;
    const cancel = afterPaint(() => {
      const changes = nearbyChanges(
        stepById(stepId).questions,
        answers,
        result.findings.map((f) => f.fix.patch),
      );
      stop = prepareNearby(engine, answers, changes, { lang, baseUrl: appBaseUrl() }, activePath);
    });
    return () => {
      cancel();
      stop?.();
    };
  }, [engine, result, answers, lang, stepId, activePath]);

  return (
    <GeneratedContext.Provider value={painted}>
      <button type="button" className="skip" onClick={() => document.getElementById('questions')?.focus()}>
        {t(UI.skip)}
      </button>
      <Header />
      <NoticeLine />
      <div className={wide ? 'layout wide' : 'layout'}>
        <main id="questions" tabIndex={-1}>
          <StepNav />
          <Outlet />
        </main>
        {wide ? null : (
          <aside className="side" aria-label={t(UI.files)}>
            {result ? (
              <>
                <Preview result={result} active={activePath} onActive={choose} reveal={reveal} />
                {painted ? <DiagramPanel result={painted} onShow={show} /> : null}
                {painted ? <FindingsPanel findings={painted.findings} onShow={show} /> : null}
              </>
            ) : (
              <p className="muted" role="status">
                {failed ? t(UI.engineFailed) : t(UI.loadingFiles)}
              </p>
            )}
          </aside>
        )}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
        {seq % 2 ? '\u200b' : ''}
      </div>
    </GeneratedContext.Provider>
  );
}
