/**
 * The one place where markup made outside React enters the page: the core's diagram.svg. It is parsed as XML and
 * must pass an allowlist: SVG-namespace elements of the kinds the core draws, attributes without a namespace (or
 * `xml:`), no event attribute, no link, no reference outside the document, and a stylesheet without imports or
 * outside URLs. Anything else refuses the whole drawing.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** What the core draws (src/core/diagram/svg.ts), plus a few plain shapes. No `a`, `use`, `image`, `foreignObject`,
 * `set` or `animate`: nothing that links, embeds or changes attributes. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'marker',
  'title',
  'desc',
  'style',
  'rect',
  'path',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
]);

const BAD_VALUE = /javascript:|vbscript:|data:|expression\s*\(|url\(\s*['"]?(?!#)|@import/i;

function allowed(el: Element): boolean {
  if (el.namespaceURI !== SVG_NS || !ELEMENTS.has(el.localName)) return false;
  for (const attr of Array.from(el.attributes)) {
    if (attr.namespaceURI !== null && attr.namespaceURI !== XML_NS && attr.name !== 'xmlns') return false;
    const name = attr.localName.toLowerCase();
    if (name.startsWith('on') || name === 'href' || name === 'src') return false;
    // Labels hold the user's text (inert); presentation values must not reach outside the document.
    if (!name.startsWith('aria-') && !name.startsWith('data-') && BAD_VALUE.test(attr.value)) return false;
  }
  if (el.localName === 'style' && BAD_VALUE.test(el.textContent ?? '')) return false;
  return true;
}

/** The parsed SVG root, ready to insert, or null when the text is not a well-formed SVG within the allowlist. */
export function safeSvg(text: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  for (const el of [root, ...Array.from(root.getElementsByTagName('*'))]) if (!allowed(el)) return null;
  for (const node of Array.from(root.querySelectorAll('*')).flatMap((el) => Array.from(el.childNodes)))
    if (node.nodeType === 7 /* processing instruction */) return null;
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/**
 * A second, static copy of a diagram on the same page (SETUP.md's): its ids get a prefix (references included) so
 * they stay unique, and its elements leave the tab order.
 */
export function staticCopy(root: SVGSVGElement, prefix: string): SVGSVGElement {
  const ids = new Map<string, string>();
  for (const el of [root, ...Array.from(root.querySelectorAll('[id]'))]) {
    if (!el.id) continue;
    ids.set(el.id, `${prefix}${el.id}`);
    el.id = `${prefix}${el.id}`;
  }
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    el.removeAttribute('tabindex');
    for (const attr of Array.from(el.attributes)) {
      let v = attr.value.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m));
      if (attr.name === 'aria-labelledby' || attr.name === 'aria-describedby')
        v = v
          .split(' ')
          .map((id) => ids.get(id) ?? id)
          .join(' ');
      if (v !== attr.value) el.setAttribute(attr.name, v);
    }
  }
  return root;
}
