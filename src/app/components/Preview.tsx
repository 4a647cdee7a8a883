/**
 * The live preview: one tab per generated file, the Monaco view (lazy, with a plain-text fallback until it arrives
 * or if it cannot load), the copy button, and the findings of the visible file as a problems list.
 */
import { Component, Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { GenerateResult } from '../../core/generate';
import type { Problem } from '../monaco/MonacoView';
import { afterPaint } from '../marks';
import { useWizard } from '../store';
import { UI, useT } from '../ui';
import { CopyButton } from './CopyButton';
import { onTabKey } from './tabKeys';

const MonacoView = lazy(() => import('../monaco/MonacoView'));

/** Keeps the plain-text view if the editor chunk cannot load (offline after an update, blocked script). */
export class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Whether the page is dark: the theme chosen in the header, or the system's scheme (followed live). */
export function usePrefersDark(theme: string): boolean {
  // One query list for the component's life: a new one per render would re-subscribe on every answer change.
  const [query] = useState(() =>
    typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null,
  );
  const [systemDark, setSystemDark] = useState(() => query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = () => setSystemDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return theme === 'dark' || (theme === 'system' && systemDark);
}

export interface RevealRequest {
  file: string;
  line: number;
}

export function Preview({
  result,
  active,
  onActive,
  reveal,
}: {
  result: GenerateResult;
  active: string;
  onActive: (path: string) => void;
  reveal: RevealRequest | null;
}) {
  const t = useT();
  const theme = useWizard((s) => s.theme);
  const dark = usePrefersDark(theme);
  const file = result.files.find((f) => f.path === active) ?? result.files[0];
  const path = file?.path ?? '';
  const [problems, setProblems] = useState<Record<string, Problem[]>>({});
  const [editorReady, setEditorReady] = useState(false);
  const onProblems = useCallback((p: string, list: Problem[]) => {
    setEditorReady(true);
    setProblems((prev) => (JSON.stringify(prev[p]) === JSON.stringify(list) ? prev : { ...prev, [p]: list }));
  }, []);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // Files that changed since their tab was last shown: each answer change adds the files whose text differs from
  // the previous result (the visible one shows its changed lines in the editor instead); showing a tab clears it.
  // The comparison writes every file of the result (generate() writes a file on its first read), so it waits until
  // the frame that shows the visible file has been painted; a newer change cancels it and compares with the last
  // result compared.
  const [changedFiles, setChangedFiles] = useState<ReadonlySet<string>>(() => new Set());
  const previous = useRef<GenerateResult | null>(null);
  useEffect(
    () =>
      afterPaint(() => {
        const before = previous.current;
        previous.current = result;
        const old = new Map((before?.files ?? []).map((f) => [f.path, f.content]));
        const changed = before
          ? result.files.filter((f) => f.path !== path && old.get(f.path) !== f.content).map((f) => f.path)
          : [];
        setChangedFiles((prev) => {
          if (changed.length === 0 && !prev.has(path)) return prev;
          const next = new Set([...prev, ...changed]);
          next.delete(path);
          return next;
        });
      }),
    [result, path],
  );
  const revealLine = useMemo(() => (reveal && reveal.file === path ? { line: reveal.line } : null), [reveal, path]);
  // Until the editor reports its markers, the list comes straight from the findings.
  const shown: Problem[] = editorReady
    ? (problems[path] ?? [])
    : result.findings
        .filter((f) => f.file === path)
        .map((f) => ({
          line: f.line,
          code: f.id,
          message: `${f.title}: ${f.reason}`,
          severity:
            f.severity === 'high' || f.severity === 'critical' ? 'error' : f.severity === 'medium' ? 'warning' : 'info',
        }));

  const onKey = (e: React.KeyboardEvent, index: number) => onTabKey(e, index, result.files, tabs, onActive);

  const plain = (
    <pre className="plain" tabIndex={0} aria-label={t(UI.editorLabel, { file: path })} data-testid="plain">
      {file?.content}
    </pre>
  );

  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" className="visually-hidden">
        {t(UI.files)}
      </h2>
      <div className="tabs" role="tablist" aria-label={t(UI.files)}>
        {result.files.map((f, i) => {
          const count = result.findings.filter((x) => x.file === f.path).length;
          return (
            <button
              key={f.path}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${i}`}
              aria-controls="file-panel"
              aria-selected={f.path === path}
              tabIndex={f.path === path ? 0 : -1}
              onClick={() => onActive(f.path)}
              onKeyDown={(e) => onKey(e, i)}
            >
              {f.path}
              {changedFiles.has(f.path) && f.path !== path && (
                <span className="changed-dot" data-changed={f.path}>
                  <span className="visually-hidden"> {t(UI.fileChanged)}</span>
                </span>
              )}
              {count > 0 && (
                <span className="badge">
                  {count}
                  <span className="visually-hidden"> {t(UI.findings)}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div
        className="file-panel"
        role="tabpanel"
        id="file-panel"
        aria-labelledby={`tab-${result.files.findIndex((f) => f.path === path)}`}
      >
        <div className="file-toolbar">
          <span className="file-name">{path}</span>
          <CopyButton
            text={file?.content ?? ''}
            label={t(UI.copyFile, { file: path })}
            done={t(UI.copiedFile, { file: path })}
          />
        </div>
        <EditorBoundary
          fallback={
            <>
              {plain}
              <p className="muted">{t(UI.editorFailed)}</p>
            </>
          }
        >
          <Suspense fallback={plain}>
            <MonacoView
              files={result.files}
              active={path}
              findings={result.findings}
              dark={dark}
              label={t(UI.editorLabel, { file: path })}
              reveal={revealLine}
              onProblems={onProblems}
            />
          </Suspense>
        </EditorBoundary>
        <div
          className="problems"
          role="region"
          aria-label={t(UI.problems, { file: path })}
          data-testid="problems"
          data-source={editorReady ? 'editor' : 'findings'}
        >
          {shown.length === 0 ? (
            <p className="muted">{t(UI.noProblems)}</p>
          ) : (
            <ul>
              {shown.map((p) => (
                <li
                  key={`${p.code}-${p.line}`}
                  className={`problem ${p.severity}`}
                  data-line={p.line}
                  data-code={p.code}
                >
                  <span className="line">{t(UI.line, { n: p.line })}</span> <span>{p.message}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
