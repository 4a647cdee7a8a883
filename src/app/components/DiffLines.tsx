/**
 * A unified diff of two texts, as lines a reader can follow (and a screen reader can read): hunk headers, removed
 * lines (`-`), added lines (`+`) and a little context. Shared by the troubleshooter (what a fix changed), the import
 * page (the adopted file beside the user's) and the compare page (two setups file by file). Loaded with them: the
 * diff library is not in the first screen's chunk.
 */
import { structuredPatch, type StructuredPatchHunk } from 'diff';

export interface DiffLine {
  /** `@` a hunk header, `+` added, `-` removed, ` ` context. */
  sign: '@' | '+' | '-' | ' ';
  text: string;
}

/** The lines of the unified diff from `before` to `after` ('' for a file that is absent), `context` lines around. */
export function diffLines(before: string, after: string, context = 2): DiffLine[] {
  return hunkLines(structuredPatch('a', 'b', before, after, '', '', { context }).hunks);
}

/** The lines of unified-diff hunks (the `diff` package's `structuredPatch`), "no newline" markers left out. */
export function hunkLines(hunks: readonly StructuredPatchHunk[]): DiffLine[] {
  return hunks.flatMap((h) => [
    { sign: '@' as const, text: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@` },
    ...h.lines
      .filter((l) => !l.startsWith('\\'))
      .map((l) => ({ sign: (l[0] === '+' || l[0] === '-' ? l[0] : ' ') as DiffLine['sign'], text: l.slice(1) })),
  ]);
}

/** How many lines a diff adds or removes. */
export const changedLineCount = (lines: readonly DiffLine[]): number =>
  lines.filter((l) => l.sign === '+' || l.sign === '-').length;

/** The diff as a `<pre class="diff">`: one `.diff-line` per line (`add`, `del`, `hunk`, `ctx`). */
export function DiffLines({ lines }: { lines: readonly DiffLine[] }) {
  return (
    <pre className="diff">
      {lines.map((l, i) => (
        <span
          key={i}
          className={`diff-line ${l.sign === '+' ? 'add' : l.sign === '-' ? 'del' : l.sign === '@' ? 'hunk' : 'ctx'}`}
        >
          {l.sign === '@' ? l.text : `${l.sign === ' ' ? ' ' : l.sign} ${l.text}`}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
