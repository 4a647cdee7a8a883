// @vitest-environment happy-dom
/**
 * The allowlist that lets the core's diagram into the page: every preset's diagram passes (in both languages,
 * with hostile text in every free-text field), and markup that could run, link, embed or reach outside is refused.
 */
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../core/answers';
import { generate } from '../core/generate';
import { PRESETS } from '../core/presets';
import { normalize } from '../core/rules';
import { safeSvg, staticCopy } from './svg';

const svgOf = (r: ReturnType<typeof generate>) => r.files.find((f) => f.path === 'diagram.svg')?.content ?? '';
const wrap = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${inner}</svg>`;

describe('safeSvg', () => {
  it("accepts every preset's diagram, in English and Japanese", () => {
    for (const p of PRESETS)
      for (const lang of ['en', 'ja'] as const) {
        const root = safeSvg(svgOf(generate(p.answers, { lang })));
        expect(root, `${p.id} ${lang}`).not.toBeNull();
        expect(root?.querySelectorAll('[data-id]').length).toBeGreaterThan(3);
      }
  });

  it('accepts a diagram whose labels hold script, markup and URLs typed by the user, as text', () => {
    const payload = '<script>alert(1)</script> javascript:alert(1) url(https://evil.example) data:x';
    const a = normalize({ ...defaultAnswers(), runnerDescription: payload });
    const root = safeSvg(svgOf(generate(a)));
    expect(root).not.toBeNull();
    expect(root?.querySelector('script')).toBeNull();
    expect(root?.querySelector('[data-id="runner"]')?.getAttribute('aria-label')).toContain(payload);
  });

  const hostile: [string, string][] = [
    ['a script element', wrap('<script>alert(1)</script>')],
    ['an event attribute', wrap('<rect onclick="alert(1)"/>')],
    ['an event attribute on the root', wrap('<g/>', 'onload="alert(1)"')],
    [
      'a link in another namespace prefix',
      wrap('<a xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)"><text>x</text></a>'),
    ],
    ['an xlink href on an allowed element', wrap('<rect xmlns:x="http://www.w3.org/1999/xlink" x:href="#a"/>')],
    ['a set animation that writes an href', wrap('<set attributeName="href" to="javascript:alert(1)"/>')],
    ['an animate element', wrap('<animate attributeName="x" values="0;1"/>')],
    ['foreign content', wrap('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>')],
    [
      'an XHTML meta refresh',
      wrap(
        '<h:meta xmlns:h="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=https://evil.example"/>',
      ),
    ],
    ['an XHTML object', wrap('<h:object xmlns:h="http://www.w3.org/1999/xhtml" data="https://evil.example/x"/>')],
    ['an image', wrap('<image href="https://evil.example/x.png"/>')],
    ['a use of an outside document', wrap('<use href="https://evil.example/x.svg#a"/>')],
    ['a style importing a sheet', wrap('<style>@import url(https://evil.example/x.css);</style>')],
    ['a style with an outside URL', wrap('<style>rect{fill:url(https://evil.example/x)}</style>')],
    ['a presentation attribute with an outside URL', wrap('<rect fill="url(https://evil.example/x)"/>')],
    ['a processing instruction', wrap('<g><?xml-stylesheet href="https://evil.example/x.css"?></g>')],
    ['not well-formed', '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'],
    ['not SVG', '<html><body>x</body></html>'],
    ['an SVG root without the SVG namespace', '<svg><rect/></svg>'],
  ];
  for (const [name, text] of hostile)
    it(`refuses ${name}`, () => {
      expect(safeSvg(text)).toBeNull();
    });

  it('accepts local references (markers)', () => {
    expect(safeSvg(wrap('<defs><marker id="m"/></defs><path d="M0 0" marker-end="url(#m)"/>'))).not.toBeNull();
  });
});

describe('staticCopy', () => {
  it('prefixes every id and the references to them, and removes the copy from the tab order', () => {
    const root = safeSvg(svgOf(generate(defaultAnswers())));
    if (!root) throw new Error('no diagram');
    const ids = Array.from(root.querySelectorAll('[id]')).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    const copy = staticCopy(root, 'setup-');
    for (const el of Array.from(copy.querySelectorAll('[id]'))) expect(el.id.startsWith('setup-')).toBe(true);
    for (const attr of ['aria-labelledby', 'aria-describedby'])
      for (const id of (copy.getAttribute(attr) ?? '').split(' ').filter(Boolean))
        expect(copy.querySelector(`[id="${id}"]`), `${attr} ${id}`).not.toBeNull();
    const refs = copy.outerHTML.match(/url\(#[^)]+\)/g) ?? [];
    for (const ref of refs) expect(ref.startsWith('url(#setup-')).toBe(true);
    expect(copy.querySelectorAll('[tabindex]')).toHaveLength(0);
  });
});
