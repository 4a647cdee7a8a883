/**
 * The read-only Monaco view of the generated files, loaded lazily (it is most of the app's weight). One model per
 * file, brought up to date when it is shown; an update replaces only the lines that changed, so the view keeps its
 * scroll position, and an unchanged file is not touched at all. Findings become markers; the problems list under the editor is read back from Monaco's
 * own markers, so what it says is what the editor shows.
 */
import { useEffect, useRef } from 'react';
import type { GeneratedFile } from '../../core/generate';
import type { Finding } from '../../core/findings';
import { useHighlight } from '../highlight';
import type { LineRange } from './lineEdits';
import { MARKS, afterPaint, markAfterPaint, whenIdle } from '../marks';
import {
  MARKER_SEVERITY,
  PREVIEW_EDITOR_OPTIONS,
  applyLineEdits,
  createModel,
  monaco,
  problemsOf,
  themeName,
  type Problem,
} from './MonacoEnvironment';

export type { Problem };

export interface MonacoViewProps {
  files: GeneratedFile[];
  active: string;
  findings: Finding[];
  dark: boolean;
  label: string;
  /** Moves the cursor to this line of the active file (a new object each time to repeat the same line). */
  reveal: { line: number } | null;
  onProblems: (path: string, problems: Problem[]) => void;
}

const LANGUAGE: Record<string, string> = { yaml: 'yaml', toml: 'toml', xml: 'xml' };

/** The URI scheme of the preview's models (the import page's models have their own). */
const GENERATED = 'generated';
const uriOf = (path: string) => monaco.Uri.from({ scheme: GENERATED, path: `/${path}` });

/** Runs and clears a held update. */
function flush(pending: { current: (() => void) | null }): void {
  const run = pending.current;
  pending.current = null;
  run?.();
}

/** How long the changed lines stay marked after an answer change, in ms (the CSS fades them out). */
const CHANGED_MS = 2500;

export default function MonacoView({ files, active, findings, dark, label, reveal, onProblems }: MonacoViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  /** What each model last received: an unchanged file or marker set is not touched again. */
  const shown = useRef(new Map<string, { content: string; markers: string }>());
  /** The lines the last update changed, marked for `CHANGED_MS`. */
  const changedDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const changedTimer = useRef<number | undefined>(undefined);
  /** Whether the editor is in or near the viewport (until the first report: yes). */
  const onScreen = useRef(true);
  /** The update of the shown file held while the editor is off screen: run when it comes near, or when idle. */
  const pending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const e = monaco.editor.create(host.current, PREVIEW_EDITOR_OPTIONS);
    editor.current = e;
    const seen = shown.current;
    const observer =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              for (const entry of entries) onScreen.current = entry.isIntersecting;
              if (onScreen.current) flush(pending);
            },
            // Brought up to date a little before it scrolls into view.
            { rootMargin: '200px 0px' },
          )
        : null;
    observer?.observe(host.current);
    return () => {
      observer?.disconnect();
      window.clearTimeout(changedTimer.current);
      changedDecorations.current = null;
      e.dispose();
      // Only the preview's own models: the import page's editor keeps its own.
      monaco.editor.getModels().forEach((m) => {
        if (m.uri.scheme === GENERATED) m.dispose();
      });
      editor.current = null;
      seen.clear();
    };
  }, []);

  useEffect(() => {
    monaco.editor.setTheme(themeName(dark));
  }, [dark]);

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  // The visible file and its markers: only what changed is touched. The other files' models are brought up to
  // date when their tab is chosen, so an answer change touches one model, however many files it regenerates. A
  // file that the answers no longer need keeps its model (it has no tab): switching back and forth between build
  // methods patches it instead of building it again.
  //
  // The text changes in the frame of the answer change; the markers and the changed-line marks follow once that
  // frame is painted. Any decoration change makes Monaco render every visible line again, where a text edit renders
  // only the lines it touched, so putting them in one frame would make most answer changes several times slower.
  // Until then the markers' decorations move with the edit (Monaco tracks their ranges).
  //
  // Off screen (on a narrow screen the preview is below the questions), the shown file is brought up to date when
  // the editor comes near the viewport or the page is next idle: the frames of the user's answers draw only what is
  // in view.
  useEffect(() => {
    const f = files.find((x) => x.path === active);
    const e = editor.current;
    if (!f || !e) return;
    const seen = shown.current;
    const uri = uriOf(f.path);
    /** Brings the model and the editor to the file; returns the cancel of the markers that follow the paint. */
    const show = (): (() => void) | undefined => {
      const last = seen.get(f.path);
      let model = monaco.editor.getModel(uri);
      let changed: LineRange[] = [];
      if (!model) model = createModel(f.content, LANGUAGE[f.language] ?? 'plaintext', uri);
      else if (last?.content !== f.content)
        changed = applyLineEdits(model, last?.content ?? model.getValue(), f.content);
      const m = model;
      seen.set(f.path, { content: f.content, markers: last?.markers ?? '' });
      const switched = e.getModel() !== m;
      if (switched) e.setModel(m);
      // What changed is shown: the first changed line scrolls into view (only when it is outside it).
      if (changed[0] && last) e.revealLineInCenterIfOutsideViewport(changed[0].first);
      markAfterPaint(MARKS.filesReady);
      const decorate = () => {
        const markers = findings
          .filter((x) => x.file === f.path && x.line >= 1 && x.line <= m.getLineCount())
          .map((x) => ({
            startLineNumber: x.line,
            endLineNumber: x.line,
            startColumn: m.getLineFirstNonWhitespaceColumn(x.line) || 1,
            endColumn: m.getLineMaxColumn(x.line),
            severity: MARKER_SEVERITY[x.severity],
            message: `${x.title}: ${x.reason}`,
            code: x.id,
            source: x.severity,
          }));
        const markerKey = JSON.stringify(markers);
        if (seen.get(f.path)?.markers !== markerKey) {
          seen.set(f.path, { content: f.content, markers: markerKey });
          monaco.editor.setModelMarkers(m, 'findings', markers);
          onProblems(f.path, problemsOf(uri, 'findings'));
        }
        // The changed lines are marked for a moment, as diff editors do.
        if (changed.length && last) {
          changedDecorations.current ??= e.createDecorationsCollection();
          changedDecorations.current.set(
            changed.map((c) => ({
              range: new monaco.Range(c.first, 1, c.last, 1),
              options: {
                isWholeLine: true,
                className: 'line-changed',
                linesDecorationsClassName: 'line-changed-margin',
              },
            })),
          );
          window.clearTimeout(changedTimer.current);
          changedTimer.current = window.setTimeout(() => changedDecorations.current?.clear(), CHANGED_MS);
        }
      };
      // A new model (a first view, another tab) has nothing to move: it gets its markers at once.
      if (!last || switched || changed.length === 0) {
        decorate();
        return undefined;
      }
      return afterPaint(decorate);
    };
    let stopDecorating: (() => void) | undefined;
    if (!onScreen.current && seen.has(f.path) && e.getModel()?.uri.toString() === uri.toString()) {
      pending.current = () => {
        stopDecorating = show();
      };
      // Held, not skipped: done in the first idle moment at the latest, so the problems list under the editor and
      // a later look are never stale for long.
      const stopWaiting = whenIdle(() => flush(pending), 1000);
      return () => {
        stopWaiting();
        pending.current = null;
        stopDecorating?.();
      };
    }
    stopDecorating = show();
    return () => stopDecorating?.();
  }, [files, findings, active, onProblems]);

  // Lines of the findings highlighted in the diagram or the findings panel (in the visible file).
  const lit = useHighlight((s) => s.findings);
  const litDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    const lines = lit.length ? findings.filter((f) => lit.includes(f.id) && f.file === active).map((f) => f.line) : [];
    if (lines.length === 0 && !litDecorations.current?.length) return;
    litDecorations.current ??= e.createDecorationsCollection();
    litDecorations.current.set(
      lines.map((line) => ({
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'line-lit', linesDecorationsClassName: 'line-lit-margin' },
      })),
    );
  }, [lit, findings, active]);

  useEffect(() => {
    const e = editor.current;
    if (!e || !reveal) return;
    // A held update first: the line is revealed in the current text.
    flush(pending);
    // The editor may be scrolled out of the page (the findings list is below it): bring it into view first.
    host.current?.scrollIntoView({ block: 'nearest' });
    e.revealLineInCenter(reveal.line);
    e.setPosition({ lineNumber: reveal.line, column: 1 });
    e.focus();
  }, [reveal]);

  return <div ref={host} className="monaco-host" data-testid="editor" />;
}
