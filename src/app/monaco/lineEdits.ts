/**
 * The smallest set of whole-line edits that turns one version of a generated file into the next. The preview
 * applies them to its Monaco model instead of replacing the text: lines that did not change keep their rendered
 * DOM (Monaco only moves them), so a build-method switch renders about half the visible lines it would otherwise.
 */
import { diffLines } from 'diff';

/** One replacement, in UTF-16 offsets of the old text: `[start, end)` becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Lines of the new text, 1-based and inclusive. */
export interface LineRange {
  first: number;
  last: number;
}

export interface LineEdits {
  /** In ascending, non-overlapping order; applying all of them to the old text gives the new one. */
  edits: TextEdit[];
  /**
   * The lines of the new text each edit wrote, in order. A pure deletion marks the line where the text closed up
   * (the line after it, or the last line at the end of the text).
   */
  changed: LineRange[];
}

/**
 * The line edits from `prev` to `next` (jsdiff's Myers line diff). Both texts may lack a final newline; a line
 * that differs only in its end of line is an edit. Returns no edits when the texts are equal.
 */
export function lineEdits(prev: string, next: string): LineEdits {
  const out: LineEdits = { edits: [], changed: [] };
  if (prev === next) return out;
  let oldOffset = 0;
  /** Lines of the new text before the current part. */
  let newLine = 0;
  const newLineCount = next.split('\n').length;
  let pending: { edit: TextEdit; added: number } | null = null;
  const close = () => {
    if (!pending) return;
    out.edits.push(pending.edit);
    const first = Math.min(newLine - pending.added + 1, newLineCount);
    out.changed.push({ first, last: Math.max(first, newLine) });
    pending = null;
  };
  for (const part of diffLines(prev, next)) {
    const lines = part.count ?? 0;
    if (!part.added && !part.removed) {
      close();
      oldOffset += part.value.length;
      newLine += lines;
      continue;
    }
    pending ??= { edit: { start: oldOffset, end: oldOffset, text: '' }, added: 0 };
    if (part.removed) {
      oldOffset += part.value.length;
      pending.edit.end = oldOffset;
    } else {
      pending.edit.text += part.value;
      pending.added += lines;
      newLine += lines;
    }
  }
  close();
  return out;
}
