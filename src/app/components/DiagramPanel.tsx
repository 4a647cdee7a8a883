/**
 * The live diagram of the setup: the core's `diagram.svg` (the same file as in the zip) drawn in the page, with
 * its text description for screen readers and readers who prefer text. Hovering or focusing an element highlights
 * its findings in the findings panel and their lines in the editor; Enter or a click shows the first one in the
 * editor. Hovering or focusing a finding highlights its element here.
 *
 * The SVG is parsed as XML (not HTML) and checked before it enters the page: no script, no foreign content, no
 * event attribute, no reference outside the document. Every text in it is escaped by the core (tested with
 * hostile strings); the Content-Security-Policy would block a script anyway.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { Finding } from '../../core/findings';
import type { GenerateResult } from '../../core/generate';
import type { Lang } from '../../core/i18n';
import type { Engine } from '../engine';
import { useHighlight } from '../highlight';
import { useWizard } from '../store';
import { UI, text, useT } from '../ui';

/** The parsed SVG root, or null when the text is not a safe, well-formed SVG document. */
export function safeSvg(text: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  for (const el of Array.from(root.querySelectorAll('*')).concat(root)) {
    const name = el.localName.toLowerCase();
    if (name === 'script' || name === 'foreignobject' || name === 'iframe' || name === 'image') return null;
    for (const attr of Array.from(el.attributes)) {
      const a = attr.name.toLowerCase();
      if (a.startsWith('on')) return null;
      if ((a === 'href' || a === 'xlink:href' || a === 'src') && !attr.value.startsWith('#')) return null;
      if (/url\(\s*['"]?(?!#)/i.test(attr.value)) return null;
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/**
 * A second, static copy of a diagram on the same page (SETUP.md's): its ids get a prefix (references included) so
 * they stay unique, and its elements leave the tab order.
 */
export function staticCopy(root: SVGSVGElement, prefix: string): SVGSVGElement {
  const ids = new Map<string, string>();
  for (const el of Array.from(root.querySelectorAll('[id]')).concat(root.id ? [root] : [])) {
    ids.set(el.id, `${prefix}${el.id}`);
    el.id = `${prefix}${el.id}`;
  }
  for (const el of Array.from(root.querySelectorAll('*')).concat(root)) {
    el.removeAttribute('tabindex');
    for (const attr of Array.from(el.attributes)) {
      let v = attr.value.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m));
      if (attr.name === 'href' && v.startsWith('#')) v = `#${ids.get(v.slice(1)) ?? v.slice(1)}`;
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

function elementOf(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('[data-id]') : null;
}
const findingsOf = (el: Element | null): string[] =>
  (el?.getAttribute('data-findings') ?? '').split(' ').filter((s) => s !== '');

interface Drawing {
  svg: string;
  description: string[];
  findings: Finding[];
}

const drawingOf = (result: GenerateResult, engine: Engine, lang: Lang): Drawing => {
  const svg = result.files.find((f) => f.path === 'diagram.svg')?.content ?? '';
  return {
    svg,
    description: engine.describeDiagram(engine.diagramModel(result, lang), lang),
    findings: result.findings,
  };
};

/**
 * The panel follows the answers right after the editor: the new drawing is taken in the first idle moment after
 * the frame that shows the regenerated files (a few milliseconds later), so an answer change never waits for it.
 */
export const DiagramPanel = memo(function DiagramPanel({
  result,
  engine,
  lang,
  onShow,
}: {
  result: GenerateResult;
  engine: Engine;
  lang: Lang;
  onShow: (f: Finding) => void;
}) {
  const [drawing, setDrawing] = useState<Drawing>(() => drawingOf(result, engine, lang));
  useEffect(() => {
    const update = () => {
      const next = drawingOf(result, engine, lang);
      setDrawing((prev) =>
        prev.svg === next.svg && prev.findings.map(key).join() === next.findings.map(key).join() ? prev : next,
      );
    };
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(update, 0);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback(update, { timeout: 100 });
    return () => cancelIdleCallback(id);
  }, [result, engine, lang]);
  return <DiagramView {...drawing} onShow={onShow} />;
});

const key = (f: Finding) => `${f.id}@${f.file}:${f.line}`;

const DiagramView = memo(function DiagramView({
  svg,
  description,
  findings,
  onShow,
}: {
  svg: string;
  description: string[];
  findings: Finding[];
  onShow: (f: Finding) => void;
}) {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const host = useRef<HTMLDivElement>(null);
  const setHighlight = useHighlight((s) => s.set);
  const clearHighlight = useHighlight((s) => s.clear);
  const highlighted = useHighlight((s) => (s.from === 'findings' ? s.findings : null));

  // A new drawing only when the file changed (most answers leave the diagram alone).
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = safeSvg(svg);
    if (root) el.replaceChildren(root);
    else el.replaceChildren(Object.assign(document.createElement('p'), { textContent: text(lang, UI.diagramFailed) }));
  }, [svg, lang]);

  // A finding hovered or focused in the panel: its element here.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    el.querySelectorAll('.dg-hl').forEach((n) => n.classList.remove('dg-hl'));
    for (const id of highlighted ?? [])
      el.querySelectorAll(`[data-findings~="${CSS.escape(id)}"]`).forEach((n) => n.classList.add('dg-hl'));
  }, [highlighted, svg]);

  const enter = (target: EventTarget | null) => {
    const ids = findingsOf(elementOf(target));
    if (ids.length) setHighlight(ids, 'diagram');
    else clearHighlight('diagram');
  };
  const show = (target: EventTarget | null) => {
    const id = findingsOf(elementOf(target))[0];
    const f = findings.find((x) => x.id === id);
    if (f) onShow(f);
  };

  return (
    <section className="diagram-panel" aria-labelledby="diagram-title">
      <h2 id="diagram-title">{t(UI.diagram)}</h2>
      <p className="muted small">{t(UI.diagramHelp)}</p>
      <div
        ref={host}
        className="diagram"
        data-testid="diagram"
        onMouseOver={(e) => enter(e.target)}
        onFocus={(e) => enter(e.target)}
        onMouseLeave={() => clearHighlight('diagram')}
        onBlur={() => clearHighlight('diagram')}
        onClick={(e) => show(e.target)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            if (findingsOf(elementOf(e.target)).length) e.preventDefault();
            show(e.target);
          }
        }}
      />
      <details className="diagram-text">
        <summary>{t(UI.diagramText)}</summary>
        <ul data-testid="diagram-description">
          {description.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </details>
    </section>
  );
});
