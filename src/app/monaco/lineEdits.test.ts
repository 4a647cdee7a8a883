import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineEdits, type LineEdits } from './lineEdits';

/** Applies the edits (old-text offsets, ascending) to `text`. */
function apply(text: string, { edits }: LineEdits): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    expect(e.start).toBeGreaterThanOrEqual(at);
    expect(e.end).toBeGreaterThanOrEqual(e.start);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Texts made of a few distinct lines, so that versions share lines as generated files do. */
const text = fc
  .array(fc.constantFrom('stages:', '  - build', 'build:', '  image: docker:29', '', '  script:', 'a\u{1F600}b'), {
    maxLength: 14,
  })
  .chain((lines) => fc.boolean().map((finalNewline) => lines.join('\n') + (finalNewline && lines.length ? '\n' : '')));

describe('lineEdits', () => {
  it('turns any text into any other, with whole-line edits and marks inside the new text', () => {
    fc.assert(
      fc.property(text, text, (prev, next) => {
        const result = lineEdits(prev, next);
        expect(apply(prev, result)).toBe(next);
        expect(result.changed).toHaveLength(result.edits.length);
        const lineCount = next.split('\n').length;
        for (const e of result.edits) {
          // Whole lines: an edit starts at a line start of the old text.
          expect(e.start === 0 || prev[e.start - 1] === '\n').toBe(true);
        }
        for (const c of result.changed) {
          expect(c.first).toBeGreaterThanOrEqual(1);
          expect(c.last).toBeGreaterThanOrEqual(c.first);
          expect(c.last).toBeLessThanOrEqual(lineCount);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps unchanged lines out of the edits and marks exactly the lines written', () => {
    const prev = [
      '# method: dind',
      'stages:',
      '  - build',
      'build:',
      '  services:',
      '    - docker:dind',
      '  script:',
      '    - docker build .',
    ].join('\n');
    const next = ['# method: socket', 'stages:', '  - build', 'build:', '  script:', '    - docker build .'].join('\n');
    const result = lineEdits(prev, next);
    expect(result.edits).toEqual([
      { start: 0, end: '# method: dind\n'.length, text: '# method: socket\n' },
      { start: prev.indexOf('  services:'), end: prev.indexOf('  script:'), text: '' },
    ]);
    // The first line was rewritten; the deletion closed up before line 5 ("  script:").
    expect(result.changed).toEqual([
      { first: 1, last: 1 },
      { first: 5, last: 5 },
    ]);
  });

  it('treats a changed end of file as a change of the last line, and equal texts as no edit', () => {
    expect(lineEdits('a\nb', 'a\nb\n')).toEqual({
      edits: [{ start: 2, end: 3, text: 'b\n' }],
      changed: [{ first: 2, last: 2 }],
    });
    expect(lineEdits('a\nb\n', 'a\n')).toEqual({
      edits: [{ start: 2, end: 4, text: '' }],
      changed: [{ first: 2, last: 2 }],
    });
    expect(lineEdits('same\n', 'same\n')).toEqual({ edits: [], changed: [] });
  });
});
