/** Text in the SVG: XML escaping, and the approximate width of a text to fit it in a box (no DOM to measure). */

/** Characters XML 1.0 cannot carry at all: removed. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute value, escaped for XML. */
export function escapeXml(s: string): string {
  if (PLAIN_XML.test(s)) return s;
  const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}
/** Text that needs no escaping (the common case: labels, paths, image names). */
const PLAIN_XML = /^[\t\n\r !#-%(-;=?-\uD7FF\uE000-\uFFFD]*$/;

const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F000}-\u{3FFFD}]/u;

/** Approximate width in px of `s` at `size` px (sans-serif; wide characters count double). */
export function textWidth(s: string, size: number): number {
  let units = 0;
  for (const ch of s) units += ch.charCodeAt(0) < 0x1100 ? 1 : WIDE.test(ch) ? 1.9 : 1;
  return units * size * 0.6;
}

/** Breakable units of a text: a run of non-space, non-wide characters, a single wide character, or spaces. */
const UNITS =
  /\s+|[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[^\s\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]+/gu;

/**
 * `s` broken into lines of at most `width` px at `size` px: at spaces and between wide (CJK) characters, and inside
 * a word only when the word alone is wider than a line. Never cuts text: joining the lines (with the spaces that
 * were broken at) gives `s` back. An empty text is one empty line.
 */
export function wrapText(s: string, width: number, size: number): string[] {
  if (textWidth(s, size) <= width) return [s];
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
  };
  for (const unit of s.match(UNITS) ?? []) {
    if (/^\s+$/.test(unit)) {
      if (line !== '') line += unit;
      continue;
    }
    if (textWidth(line + unit, size) <= width) {
      line += unit;
      continue;
    }
    push();
    // A word wider than a line: broken by characters.
    for (const ch of unit) {
      if (textWidth(line + ch, size) > width && line !== '') push();
      line += ch;
    }
  }
  push();
  return lines.length ? lines : [''];
}

/** `s` cut to fit `width` px, with an ellipsis. */
export function fit(s: string, width: number, size: number): string {
  if (textWidth(s, size) <= width) return s;
  let out = '';
  let used = textWidth('…', size);
  for (const ch of s) {
    used += textWidth(ch, size);
    if (used > width) break;
    out += ch;
  }
  return `${out}…`;
}
