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
