/**
 * The editable Monaco editor of the import page: one model per imported file (the user's own text, never the
 * generated one), markers on the user's lines for every finding and reader problem, and every edit reported to the
 * page, which reads the files again after a pause. A text replaced from outside (Adopt, Undo) is pushed as one
 * edit, so Monaco's own undo (Ctrl+Z) can take it back too. The generated files' preview (`MonacoView`) stays
 * read-only; both share `monaco/environment.ts`.
 */
import { useEffect, useRef } from 'react';
import type { ImportKind, InputFile } from '../../core/import/types';
import type { Severity } from '../../core/findings';
import {
  EDITOR_OPTIONS,
  MARKER_SEVERITY,
  createModel,
  monaco,
  problemsOf,
  themeName,
  type Problem,
} from '../monaco/MonacoEnvironment';

/** A marker to show: a finding or a reader problem, on a line of one of the user's files (1-based). */
export interface ImportMarker {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  /** The finding's id or the problem's kind. */
  code: string;
  message: string;
}

export interface ImportEditorProps {
  files: (InputFile & { kind: ImportKind | null })[];
  active: string;
  markers: ImportMarker[];
  dark: boolean;
  label: string;
  /** Moves the cursor to this line of the active file and focuses the editor (a new object each time). */
  reveal: { line: number } | null;
  onEdit: (path: string, text: string) => void;
  /** The markers of the active file as Monaco holds them (the list under the editor is read back from them). */
  onProblems: (path: string, problems: Problem[]) => void;
}

/** The models of the imported files: their own URI scheme, so the preview's clean-up never touches them. */
const SCHEME = 'imported';
const OWNER = 'import';
const uriOf = (path: string) => monaco.Uri.from({ scheme: SCHEME, path: `/${path}` });

const LANGUAGE: Record<ImportKind, string> = {
  'gitlab-ci': 'yaml',
  'helm-values': 'yaml',
  'config-toml': 'toml',
  'buildkitd-toml': 'toml',
  'daemon-json': 'plaintext',
};

function languageOf(f: { path: string; kind: ImportKind | null }): string {
  if (f.kind) return LANGUAGE[f.kind];
  if (/\.ya?ml$/i.test(f.path)) return 'yaml';
  if (/\.toml$/i.test(f.path)) return 'toml';
  return 'plaintext';
}

export default function ImportEditor({
  files,
  active,
  markers,
  dark,
  label,
  reveal,
  onEdit,
  onProblems,
}: ImportEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // The latest callback, read by the change listener (set once per model).
  const edit = useRef(onEdit);
  useEffect(() => {
    edit.current = onEdit;
  }, [onEdit]);

  useEffect(() => {
    if (!host.current) return;
    const e = monaco.editor.create(host.current, {
      ...EDITOR_OPTIONS,
      readOnly: false,
      // The line after a final newline is numbered like the others (a dimmed number falls short of AA contrast).
      renderFinalNewline: 'on',
      unicodeHighlight: { ambiguousCharacters: true, invisibleCharacters: true },
    });
    editor.current = e;
    return () => {
      e.dispose();
      monaco.editor.getModels().forEach((m) => {
        if (m.uri.scheme === SCHEME) m.dispose();
      });
      editor.current = null;
    };
  }, []);

  useEffect(() => {
    monaco.editor.setTheme(themeName(dark));
  }, [dark]);

  useEffect(() => {
    editor.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  // Models follow the page's files: created for a new file, disposed for a removed one, and brought to the page's
  // text when it was replaced from outside (the user's typing is already in the model).
  useEffect(() => {
    const paths = new Set(files.map((f) => f.path));
    for (const m of monaco.editor.getModels())
      if (m.uri.scheme === SCHEME && !paths.has(m.uri.path.slice(1))) m.dispose();
    for (const f of files) {
      const uri = uriOf(f.path);
      let model = monaco.editor.getModel(uri);
      if (!model) {
        model = createModel(f.content, languageOf(f), uri);
        const m = model;
        m.onDidChangeContent(() => edit.current(f.path, m.getValue()));
      } else if (model.getValue() !== f.content) {
        model.pushStackElement();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: f.content }], () => null);
        model.pushStackElement();
      }
      const language = languageOf(f);
      if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    }
    const e = editor.current;
    const shown = monaco.editor.getModel(uriOf(active));
    if (e && shown && e.getModel() !== shown) e.setModel(shown);
  }, [files, active]);

  // The markers of every file (a hover in any tab shows them), read back for the active one.
  useEffect(() => {
    for (const f of files) {
      const model = monaco.editor.getModel(uriOf(f.path));
      if (!model) continue;
      const count = model.getLineCount();
      const list = markers
        .filter((x) => x.file === f.path && x.line >= 1 && x.line <= count)
        .map((x) => {
          const endLine = Math.min(Math.max(x.endLine ?? x.line, x.line), count);
          const start = x.column ?? (model.getLineFirstNonWhitespaceColumn(x.line) || 1);
          return {
            startLineNumber: x.line,
            endLineNumber: endLine,
            startColumn: start,
            endColumn:
              x.column === undefined || x.endColumn === undefined ? model.getLineMaxColumn(endLine) : x.endColumn,
            severity: MARKER_SEVERITY[x.severity],
            message: x.message,
            code: x.code,
            source: x.severity,
          } satisfies monaco.editor.IMarkerData;
        });
      monaco.editor.setModelMarkers(model, OWNER, list);
    }
    onProblems(active, problemsOf(uriOf(active), OWNER));
  }, [files, markers, active, onProblems]);

  useEffect(() => {
    const e = editor.current;
    if (!e || !reveal) return;
    host.current?.scrollIntoView({ block: 'nearest' });
    e.revealLineInCenter(reveal.line);
    e.setPosition({ lineNumber: reveal.line, column: 1 });
    e.focus();
  }, [reveal]);

  return <div ref={host} className="monaco-host import-editor" data-testid="import-editor" />;
}
