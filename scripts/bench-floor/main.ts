/**
 * `npm run bench`'s floor page: what the machine itself takes to show a build-method switch, with nothing of the app
 * around it. `floor.show(text)` brings one view to the next version of `.gitlab-ci.yml`:
 * - `editor`: the preview's own Monaco editor (`PREVIEW_EDITOR_OPTIONS`) and its own update (`applyLineEdits`), the
 *   least the app can do with the stack's editor;
 * - `lines`: plain DOM, one `div` per line and one `span` per word, replaced (what any highlighted view writes);
 * - `none`: nothing, the measure's own cost.
 * The bench sizes the view as the app's preview and measures each change as it measures an answer change.
 */
import { PREVIEW_EDITOR_OPTIONS, applyLineEdits, createModel, monaco } from '../../src/app/monaco/MonacoEnvironment';

export type FloorView = 'editor' | 'lines' | 'none';

export interface Floor {
  /** Sets the view up at `width` x `height` CSS px with `first` shown. */
  init: (view: FloorView, width: number, height: number, first: string) => void;
  /** Shows `text` in the view. */
  show: (text: string) => void;
  /**
   * Compares what the view has rendered (as the DOM has it) with `text`: how many of `text`'s lines are rendered
   * (their first row, where a line wraps) and how many of those differ from it. The bench checks that the view
   * really showed the last change in its frame.
   */
  check: (text: string) => { rendered: number; wrong: number };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function linesHtml(text: string): string {
  return text
    .split('\n')
    .map(
      (line) =>
        `<div>${line
          .split(/(\s+)/)
          .map((w, i) => `<span class="t${i % 4}">${escape(w)}</span>`)
          .join('')}</div>`,
    )
    .join('');
}

let show: (text: string) => void = () => undefined;
let rendered: (line: number) => string | null = () => null;

/** `Floor.check` over `rendered`, the text of a line's first rendered row (null where the line is not rendered). */
function check(text: string): { rendered: number; wrong: number } {
  const out = { rendered: 0, wrong: 0 };
  text.split('\n').forEach((line, i) => {
    const row = rendered(i + 1);
    if (row === null) return;
    out.rendered++;
    if (!line.startsWith(row)) out.wrong++;
  });
  return out;
}

const floor: Floor = {
  init(view, width, height, first) {
    const host = document.getElementById(view === 'lines' ? 'lines' : 'editor');
    if (!host) throw new Error('floor page: no host element');
    host.style.width = `${width}px`;
    host.style.height = `${height}px`;
    if (view === 'editor') {
      const editor = monaco.editor.create(host, PREVIEW_EDITOR_OPTIONS);
      const model = createModel(first, 'yaml', monaco.Uri.from({ scheme: 'floor', path: '/.gitlab-ci.yml' }));
      editor.setModel(model);
      let prev = first;
      show = (text) => {
        applyLineEdits(model, prev, text);
        prev = text;
      };
      rendered = (line) => {
        const top = editor.getTopForLineNumber(line);
        const row = [...host.querySelectorAll<HTMLElement>('.view-line')].find((e) => parseFloat(e.style.top) === top);
        return row ? (row.textContent ?? '').replace(/\u00a0/g, ' ') : null;
      };
    } else if (view === 'lines') {
      host.innerHTML = linesHtml(first);
      show = (text) => {
        host.innerHTML = linesHtml(text);
      };
      rendered = (line) => host.children[line - 1]?.textContent ?? null;
    }
  },
  show: (text) => show(text),
  check,
};

(window as unknown as { floor: Floor }).floor = floor;
