import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from './text';

describe('wrapText', () => {
  it('keeps a text that fits on one line', () => {
    expect(wrapText('docker:29.6.2-dind', 200, 11)).toEqual(['docker:29.6.2-dind']);
  });

  it('breaks at spaces, and inside a word only when the word alone is too wide', () => {
    expect(wrapText('unprivileged, no process sandbox', 120, 11)).toEqual(['unprivileged, no', 'process sandbox']);
    expect(wrapText('registry.example.com/group/image', 60, 11).join('')).toBe('registry.example.com/group/image');
  });

  it('breaks Japanese text between characters', () => {
    const lines = wrapText('非特権、プロセスサンドボックスなし', 100, 11);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('非特権、プロセスサンドボックスなし');
  });

  it('never cuts: the lines give the text back, and each fits unless it is a single character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.integer({ min: 20, max: 400 }), (s, width) => {
        const lines = wrapText(s, width, 11);
        expect(lines.join('').replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
        for (const l of lines) if ([...l].length > 1) expect(textWidth(l, 11)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 500 },
    );
  });
});
