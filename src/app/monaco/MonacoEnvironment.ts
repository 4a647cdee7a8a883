/**
 * What every Monaco editor of the app shares, set up once when the editor chunk loads: the worker (bundled by Vite
 * as a file of the app's own origin, as the Content-Security-Policy's `worker-src 'self'` requires), the languages
 * (YAML, XML and the app's TOML tokenizer), the dark theme with readable comments, and the finding severity of a
 * marker. Imported by the generated files' preview (`MonacoView`) and the import page's editor.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/xml/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/gotoError/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Severity } from '../../core/findings';
import { lineEdits, type LineRange } from './lineEdits';
import { registerToml } from './toml-language';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
registerToml(monaco);
// The stock dark theme's comments (#6A9955 on #1E1E1E) fall short of WCAG AA contrast; everything else passes.
monaco.editor.defineTheme('wizard-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '8FBF7F' }],
  colors: {},
});

export { monaco };

/**
 * A model for the app's editors. Bracket pair colorization is a model option that the editor's
 * `bracketPairColorization` does not turn off: left on, every render of the view lines searches the brackets of the
 * visible range (a third of Monaco's decoration time per answer change, measured in `npm run bench`'s profile).
 */
export function createModel(text: string, language: string, uri: monaco.Uri): monaco.editor.ITextModel {
  const model = monaco.editor.createModel(text, language, uri);
  model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
  return model;
}

/**
 * The options both of the app's editors start from (the preview's read-only one and the import page's editable one
 * add their own).
 */
export const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  // The EditContext input (Monaco's default) reads the page layout before every render, a forced style
  // recalculation and layout of the whole page per change; the text area input does not.
  editContext: false,
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  wordWrap: 'on',
  // Wrap at spaces (and Japanese punctuation), never inside an image reference, a path or a URL: Monaco's
  // defaults also break after '/', '.', '-' and before '+', splitting `registry.example.com/group/image:1.2`.
  wordWrapBreakAfterCharacters: ' \t、。，．：；？！）」』】〕',
  wordWrapBreakBeforeCharacters: '',
  fontSize: 13,
  glyphMargin: true,
  accessibilitySupport: 'auto',
  stickyScroll: { enabled: false },
  links: false,
  model: null,
};

/**
 * The generated files' preview: read-only, and without the work that only helps editing (it is re-rendered on every
 * answer change). Also used by `npm run bench`'s floor page, which measures this editor alone.
 */
export const PREVIEW_EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  ...EDITOR_OPTIONS,
  readOnly: true,
  domReadOnly: false,
  renderLineHighlight: 'none',
  tabFocusMode: true,
  bracketPairColorization: { enabled: false },
  guides: { indentation: false, bracketPairs: false, highlightActiveIndentation: false },
  matchBrackets: 'never',
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  colorDecorators: false,
  codeLens: false,
  folding: false,
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
};

/**
 * Brings the model to `next` by whole-line edits (`lineEdits`): unchanged lines keep their rendered DOM, and the
 * view keeps its scroll position. `prev` is what the model last received (the caller keeps it), so the model's text
 * is not read back. Returns the lines of the new text that the edits wrote (empty when nothing changed or the whole
 * text had to be replaced).
 */
export function applyLineEdits(model: monaco.editor.ITextModel, prev: string, next: string): LineRange[] {
  const { edits, changed } = lineEdits(prev, next);
  if (edits.length === 0) return [];
  model.applyEdits(
    edits.map((e) => ({
      range: monaco.Range.fromPositions(model.getPositionAt(e.start), model.getPositionAt(e.end)),
      text: e.text,
    })),
  );
  // Never show anything but the generated text (a cheap check; a mismatch replaces the whole text).
  if (model.getValueLength() !== next.length) {
    model.setValue(next);
    return [];
  }
  return changed;
}

/** Monaco's theme for the app's light or dark scheme. */
export const themeName = (dark: boolean): string => (dark ? 'wizard-dark' : 'vs');

/** The marker severity of a finding's severity (critical and high are errors, medium warnings). */
export const MARKER_SEVERITY: Record<Severity, monaco.MarkerSeverity> = {
  critical: monaco.MarkerSeverity.Error,
  high: monaco.MarkerSeverity.Error,
  medium: monaco.MarkerSeverity.Warning,
  low: monaco.MarkerSeverity.Info,
  info: monaco.MarkerSeverity.Hint,
};

/** A marker as the problems list under an editor shows it (read back from Monaco's own markers). */
export interface Problem {
  line: number;
  code: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

/** Reads back the markers `owner` set on the model at `uri`: what the list says is what the editor shows. */
export function problemsOf(uri: monaco.Uri, owner: string): Problem[] {
  return monaco.editor.getModelMarkers({ resource: uri, owner }).map((mk) => ({
    line: mk.startLineNumber,
    code: typeof mk.code === 'string' ? mk.code : (mk.code?.value ?? ''),
    message: mk.message,
    severity:
      mk.severity === monaco.MarkerSeverity.Error
        ? 'error'
        : mk.severity === monaco.MarkerSeverity.Warning
          ? 'warning'
          : 'info',
  }));
}
