/**
 * The live diagram of the setup: the core's `diagram.svg` (the same file as in the zip) drawn in the page, with
 * its text description for screen readers and readers who prefer text. Hovering or focusing an element highlights
 * its findings in the findings panel and their lines in the editor; Enter or a click shows the first one in the
 * editor. Hovering or focusing a finding highlights its element here.
 *
 * The SVG is parsed as XML (not HTML) and checked against an allowlist before it enters the page (svg.ts). Every
 * text in it is escaped by the core (tested with hostile strings); the Content-Security-Policy would block a
 * script anyway.
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '../../core/findings';
import type { GenerateResult } from '../../core/generate';
import { useHighlight } from '../highlight';
import { safeSvg } from '../svg';
import { useWizard } from '../store';
import { UI, text, useT } from '../ui';

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

const svgOf = (result: GenerateResult): string => result.files.find((f) => f.path === 'diagram.svg')?.content ?? '';

/** The drawing of a result: the model, the SVG and its description were all made once, by `generate()`. */
const drawingOf = (result: GenerateResult): Drawing => ({
  svg: svgOf(result),
  description: result.diagramDescription,
  findings: result.findings,
});

/**
 * The panel follows the answers right after the editor: the new drawing is taken in the first idle moment after
 * the frame that shows the regenerated files (a few milliseconds later), so an answer change never waits for it.
 */
export const DiagramPanel = memo(function DiagramPanel({
  result,
  onShow,
}: {
  result: GenerateResult;
  onShow: (f: Finding) => void;
}) {
  const [drawing, setDrawing] = useState<Drawing>(() => drawingOf(result));
  useEffect(() => {
    const update = () => {
      // The SVG holds the description (its <desc>): an unchanged drawing keeps its description and its DOM.
      setDrawing((prev) => {
        if (prev.svg !== svgOf(result)) return drawingOf(result);
        return prev.findings.map(key).join() === result.findings.map(key).join()
          ? prev
          : { ...prev, findings: result.findings };
      });
    };
    if (typeof requestIdleCallback !== 'function') {
      const id = setTimeout(update, 0);
      return () => clearTimeout(id);
    }
    const id = requestIdleCallback(update, { timeout: 100 });
    return () => cancelIdleCallback(id);
  }, [result]);
  return <DiagramView {...drawing} onShow={onShow} />;
});

const key = (f: Finding) => `${f.id}@${f.file}:${f.line}`;

/** The smallest font of the drawing, in SVG user units (`DETAIL` of the core's layout: details, tags, badges). */
const SMALLEST_FONT = 11;
/** Zoom steps, as multiples of the readable size (the smallest text at the page's body text size). */
const ZOOMS = [1, 1.25, 1.5, 2] as const;

/** The drawing's width in user units, from its view box. */
const viewBoxWidth = (svg: SVGSVGElement | null): number => svg?.viewBox.baseVal?.width || 0;

/**
 * The scale (px per user unit) at which the drawing's smallest text is the page's body text size: the drawing is
 * never shown smaller; wider than the panel, it scrolls and pans.
 */
function readableScale(): number {
  const body = parseFloat(getComputedStyle(document.body).fontSize) || 16;
  return body / SMALLEST_FONT;
}

const NARROW = '(max-width: 600px)';
const isNarrow = (): boolean => typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches;

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
  const [zoom, setZoom] = useState(0);
  // On a phone the text description comes first and open.
  const [textOpen, setTextOpen] = useState(isNarrow);
  const drag = useRef<{ x: number; y: number; left: number; top: number; moved: boolean } | null>(null);

  /** Sizes the drawing at the readable scale times the zoom step (the SVG has a view box and no fixed size). */
  const size = useCallback(() => {
    const root = host.current?.querySelector('svg') ?? null;
    const w = viewBoxWidth(root);
    if (root && w) root.style.width = `${Math.round(w * readableScale() * (ZOOMS[zoom] ?? 1))}px`;
  }, [zoom]);

  // A new drawing only when the file changed (most answers leave the diagram alone).
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const root = safeSvg(svg);
    if (root) {
      // One tab stop for the whole drawing; the arrow keys move between its parts (roving tabindex).
      root.querySelectorAll('[data-id][tabindex]').forEach((n, i) => n.setAttribute('tabindex', i === 0 ? '0' : '-1'));
      el.replaceChildren(root);
      size();
    } else
      el.replaceChildren(Object.assign(document.createElement('p'), { textContent: text(lang, UI.diagramFailed) }));
    // `size` is left out on purpose: a zoom change resizes the drawing in place (effect below), not redraws it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [svg, lang]);
  useEffect(size, [size]);

  // A finding hovered or focused in the panel: its element here.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    el.querySelectorAll('.dg-hl').forEach((n) => n.classList.remove('dg-hl'));
    for (const id of highlighted ?? [])
      el.querySelectorAll(`[data-findings~="${CSS.escape(id)}"]`).forEach((n) => n.classList.add('dg-hl'));
  }, [highlighted, svg]);

  const parts = () => Array.from(host.current?.querySelectorAll<SVGElement>('[data-id][tabindex]') ?? []);
  const rove = (to: SVGElement | undefined) => {
    if (!to) return;
    for (const n of parts()) n.setAttribute('tabindex', n === to ? '0' : '-1');
    to.focus();
  };
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

  const zoomBy = (d: number) => setZoom((z) => Math.min(ZOOMS.length - 1, Math.max(0, z + d)));

  return (
    <section className="diagram-panel" aria-labelledby="diagram-title">
      <h2 id="diagram-title">{t(UI.diagram)}</h2>
      <p className="muted small">{t(UI.diagramHelp)}</p>
      <details
        className="diagram-text"
        open={textOpen}
        onToggle={(e) => setTextOpen((e.target as HTMLDetailsElement).open)}
      >
        <summary>{t(UI.diagramText)}</summary>
        <ul data-testid="diagram-description">
          {description.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </details>
      <div className="diagram-zoom" role="group" aria-label={t(UI.diagramZoom)}>
        <button type="button" onClick={() => zoomBy(-1)} disabled={zoom === 0} aria-label={t(UI.zoomOut)}>
          −
        </button>
        <span className="zoom-level" aria-live="polite">
          {Math.round((ZOOMS[zoom] ?? 1) * 100)} %
        </span>
        <button type="button" onClick={() => zoomBy(1)} disabled={zoom === ZOOMS.length - 1} aria-label={t(UI.zoomIn)}>
          +
        </button>
        <span className="muted small">{t(UI.diagramPan)}</span>
      </div>
      <div
        ref={host}
        className="diagram"
        data-testid="diagram"
        data-zoom={ZOOMS[zoom]}
        onMouseOver={(e) => enter(e.target)}
        onFocus={(e) => enter(e.target)}
        onMouseLeave={() => clearHighlight('diagram')}
        onBlur={() => clearHighlight('diagram')}
        onPointerDown={(e) => {
          if (e.button !== 0 || e.pointerType === 'touch' || !host.current) return;
          const el = host.current;
          drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          const el = host.current;
          if (!d || !el) return;
          const dx = e.clientX - d.x;
          const dy = e.clientY - d.y;
          if (!d.moved && Math.hypot(dx, dy) < 5) return;
          d.moved = true;
          el.scrollLeft = d.left - dx;
          el.scrollTop = d.top - dy;
        }}
        onPointerUp={() => {
          // A drag that moved is a pan, not a click on the part under the pointer.
          const moved = drag.current?.moved ?? false;
          drag.current = null;
          if (moved)
            host.current?.addEventListener('click', (ev) => ev.stopPropagation(), { capture: true, once: true });
        }}
        onPointerCancel={() => {
          drag.current = null;
        }}
        onClick={(e) => show(e.target)}
        onKeyDown={(e) => {
          const all = parts();
          const at = all.indexOf(elementOf(e.target) as SVGElement);
          const move: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
          if (e.key in move && at !== -1) {
            e.preventDefault();
            rove(all[(at + (move[e.key] ?? 0) + all.length) % all.length]);
          } else if (e.key === 'Home' || e.key === 'End') {
            e.preventDefault();
            rove(e.key === 'Home' ? all[0] : all[all.length - 1]);
          } else if (e.key === 'Enter' || e.key === ' ') {
            if (findingsOf(elementOf(e.target)).length) e.preventDefault();
            show(e.target);
          }
        }}
      />
    </section>
  );
});
