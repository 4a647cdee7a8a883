/**
 * The diagram as one self-contained SVG document: no external reference, no script, every text escaped. Elements
 * carry `data-id` (the model's ids), `data-findings` (the ids of their findings) and an accessible name; the palette
 * comes from CSS variables with defaults, so the app can theme it.
 */
import type { Severity } from '../findings';
import { describeDiagram } from './describe';
import {
  CLIENT_GAP,
  DETAIL,
  DETAIL_LINE,
  LABEL,
  LABEL_LINE,
  LANES,
  PAD,
  layout,
  type Box,
  type Layout,
} from './layout';
import { escapeXml, fit, textWidth, wrapText } from './text';
import type { BoundaryKind, DiagramEdge, DiagramFinding, DiagramModel, DiagramNode, T } from './types';
import type { Lang } from '../i18n';

/** How the SVG is written: its language (`lang` attribute) and a prefix for its internal ids. */
export interface SvgOptions {
  lang: Lang;
  /** Prefix of the SVG's internal ids (title, desc, markers) when several diagrams share a page. */
  idPrefix?: string;
}

const SEVERITY_RANK: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const STYLE = `
.dg{--dg-fg:var(--diagram-fg,#1f1e24);--dg-muted:var(--diagram-muted,#5e5d66);--dg-bg:var(--diagram-bg,#ffffff);--dg-box:var(--diagram-box,#f3f2f7);--dg-box2:var(--diagram-box-2,#e8e6ef);--dg-line:var(--diagram-line,#6b6a73);--dg-ok:var(--diagram-ok,#1a7f37);--dg-bad:var(--diagram-bad,#b81c0b);--dg-warn:var(--diagram-warn,#8a4a00);--dg-pod:var(--diagram-pod,#1a65b0);--dg-focus:var(--diagram-focus,#1f75cb);color:var(--dg-fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Hiragino Sans",Meiryo,sans-serif}
@media (prefers-color-scheme:dark){:root:not([data-theme='light']) .dg,.dg:root{--dg-fg:var(--diagram-fg,#ececef);--dg-muted:var(--diagram-muted,#a9a8b0);--dg-bg:var(--diagram-bg,#222128);--dg-box:var(--diagram-box,#2b2a31);--dg-box2:var(--diagram-box-2,#35333d);--dg-line:var(--diagram-line,#9d9ca5);--dg-ok:var(--diagram-ok,#6fd08c);--dg-bad:var(--diagram-bad,#ff8e80);--dg-warn:var(--diagram-warn,#f0c27b);--dg-pod:var(--diagram-pod,#8ec0f2);--dg-focus:var(--diagram-focus,#63a6e9)}}
:root[data-theme='dark'] .dg{--dg-fg:var(--diagram-fg,#ececef);--dg-muted:var(--diagram-muted,#a9a8b0);--dg-bg:var(--diagram-bg,#222128);--dg-box:var(--diagram-box,#2b2a31);--dg-box2:var(--diagram-box-2,#35333d);--dg-line:var(--diagram-line,#9d9ca5);--dg-ok:var(--diagram-ok,#6fd08c);--dg-bad:var(--diagram-bad,#ff8e80);--dg-warn:var(--diagram-warn,#f0c27b);--dg-pod:var(--diagram-pod,#8ec0f2);--dg-focus:var(--diagram-focus,#63a6e9)}
.dg .dg-canvas{fill:var(--dg-bg)}
.dg text{fill:currentColor;font-size:${DETAIL}px}
.dg .dg-heading{font-size:15px;font-weight:600}
.dg .dg-label{font-size:${LABEL}px;font-weight:600}
.dg .dg-detail,.dg .dg-muted{fill:var(--dg-muted)}
.dg .dg-box{fill:var(--dg-bg);stroke:var(--dg-line);stroke-width:1.2}
.dg .k-host>.dg-box{fill:var(--dg-box)}
.dg .k-executor>.dg-box{fill:var(--dg-box2)}
.dg .k-daemon>.dg-box,.dg .k-builder>.dg-box{stroke-width:2.2}
.dg .k-gitlab>.dg-box,.dg .k-registry>.dg-box,.dg .k-cache>.dg-box,.dg .k-mirror>.dg-box,.dg .k-proxy>.dg-box,.dg .k-upstream>.dg-box{fill:var(--dg-box)}
.dg .dg-b{fill:none;stroke-width:2}
.dg .b-host .dg-b{stroke:var(--dg-muted);stroke-dasharray:10 3 2 3}
.dg .b-pod .dg-b{stroke:var(--dg-pod);stroke-dasharray:6 3}
.dg .b-privileged .dg-b{stroke:var(--dg-bad);stroke-dasharray:8 4}
.dg .b-host-root .dg-b{stroke:var(--dg-bad);stroke-dasharray:2 3;stroke-width:2.6}
.dg .b-host text{fill:var(--dg-muted)}
.dg .b-pod text{fill:var(--dg-pod)}
.dg .b-privileged text,.dg .b-host-root text{fill:var(--dg-bad)}
.dg .dg-boundary-tag .dg-badge text{fill:var(--dg-bg)}
.dg .dg-tag{fill:var(--dg-bg)}
.dg .dg-line{fill:none;stroke:var(--dg-line);stroke-width:1.6}
.dg .dg-hit{fill:none;stroke:transparent;stroke-width:12}
.dg .e-secure .dg-line{stroke:var(--dg-ok)}
.dg .e-insecure .dg-line{stroke:var(--dg-bad);stroke-dasharray:6 3}
.dg .e-mount .dg-line{stroke:var(--dg-muted);stroke-dasharray:2 3;stroke-width:1.4}
.dg .e-secure text{fill:var(--dg-ok)}
.dg .e-plain text{fill:var(--dg-muted)}
.dg .e-insecure text{fill:var(--dg-bad)}
.dg .dg-arrow{fill:var(--dg-line)}
.dg .dg-arrow-ok{fill:var(--dg-ok)}
.dg .dg-arrow-bad{fill:var(--dg-bad)}
.dg .dg-lock{fill:none;stroke:var(--dg-ok);stroke-width:1.4}
.dg .dg-lock-body{fill:var(--dg-ok)}
.dg .sev-critical,.dg .sev-high{fill:var(--dg-bad)}
.dg .sev-medium{fill:var(--dg-warn)}
.dg .sev-low{fill:var(--dg-pod)}
.dg .sev-info{fill:var(--dg-muted)}
.dg .dg-badge text{fill:var(--dg-bg);font-size:${DETAIL}px;font-weight:700}
.dg [data-id]{outline:none}
.dg [data-id]:hover>.dg-box,.dg [data-id].dg-hl>.dg-box,.dg [data-id]:focus-visible>.dg-box{stroke:var(--dg-focus);stroke-width:3}
.dg [data-id]:hover>.dg-line,.dg [data-id].dg-hl>.dg-line,.dg [data-id]:focus-visible>.dg-line,.dg [data-id]:hover>.dg-b,.dg [data-id].dg-hl>.dg-b,.dg [data-id]:focus-visible>.dg-b{stroke-width:4}
.dg [data-id]:focus-visible>.dg-focus{stroke:var(--dg-focus);stroke-width:2;fill:none}
`;

/** Rounded to 0.1 px, for short coordinates. */
const r = (n: number) => Math.round(n * 10) / 10;
const tooltip = (s: string) => `<title>${escapeXml(s)}</title>`;

/** What the parts of the drawing share: the model, its layout, the language and the findings of each element. */
interface Svg {
  model: DiagramModel;
  L: Layout;
  /** The escaped prefix of internal ids. */
  pre: string;
  ja: boolean;
  t: T;
  findingsOf: Map<string, DiagramFinding[]>;
  /** Node labels by id. */
  labels: Map<string, string>;
  /** data-id, data-findings, focusability and the accessible name of one element, as attributes. */
  attrs: (id: string, role: string, name: string) => string;
  /** The findings badge of an element (count, coloured by the worst severity); empty without findings. */
  badge: (id: string, x: number, y: number) => string;
  /** A node's label with its details, as one line. */
  describe: (n: DiagramNode) => string;
  /** The ids of a node's parent, grandparent... (memoized). */
  ancestors: (id: string) => string[];
}

function svgContext(model: DiagramModel, options: SvgOptions): Svg {
  const lang = options.lang;
  const ja = lang === 'ja';
  const t: T = (en, jp) => (ja ? jp : en);
  const pre = escapeXml(options.idPrefix ?? 'dg-');
  const L = layout(model);
  const findingsOf = new Map<string, DiagramFinding[]>();
  for (const f of model.findings) findingsOf.set(f.anchor, [...(findingsOf.get(f.anchor) ?? []), f]);
  const labels = new Map<string, string>(model.nodes.map((n) => [n.id, n.label]));

  const attrs = (id: string, role: string, name: string) => {
    const fs = findingsOf.get(id) ?? [];
    const withFindings = fs.length
      ? `${name}. ${t('Findings', '指摘事項')}: ${fs.map((f) => f.title).join(ja ? '、' : ', ')}`
      : name;
    return `data-id="${escapeXml(id)}"${fs.length ? ` data-findings="${escapeXml(fs.map((f) => f.id).join(' '))}"` : ''} tabindex="0" role="${role}" aria-label="${escapeXml(withFindings)}"`;
  };
  const badge = (id: string, x: number, y: number): string => {
    const fs = findingsOf.get(id) ?? [];
    if (fs.length === 0) return '';
    const worst = SEVERITY_RANK.find((s) => fs.some((f) => f.severity === s)) ?? 'info';
    return `<g class="dg-badge" aria-hidden="true"><circle class="sev-${worst}" cx="${r(x)}" cy="${r(y)}" r="9"/><text x="${r(x)}" y="${r(y + 3.5)}" text-anchor="middle">${fs.length}</text></g>`;
  };
  const describe = (n: DiagramNode) => (n.detail.length ? `${n.label}: ${n.detail.join(ja ? '、' : '; ')}` : n.label);
  const parentOf = new Map(model.nodes.map((n) => [n.id, n.parent]));
  const ancestorCache = new Map<string, string[]>();
  const ancestors = (id: string): string[] => {
    const known = ancestorCache.get(id);
    if (known) return known;
    const out: string[] = [];
    for (let p = parentOf.get(id) ?? null; p; p = parentOf.get(p) ?? null) out.push(p);
    ancestorCache.set(id, out);
    return out;
  };
  return { model, L, pre, ja, t, findingsOf, labels, attrs, badge, describe, ancestors };
}

/** The nodes: containers (drawn under everything) and leaves (drawn over the edges). */
function nodesSvg(c: Svg): { containers: string[]; leaves: string[] } {
  const { model, L, attrs, badge, describe } = c;
  const containers: string[] = [];
  const leaves: string[] = [];
  const hasChildren = new Set(model.nodes.map((n) => n.parent).filter((p): p is string => p !== null));
  for (const n of model.nodes) {
    const b = L.boxes.get(n.id);
    if (!b) continue;
    // Wrapped by the layout to the box's width: nothing is cut.
    const text = L.text.get(n.id) ?? { label: [n.label], detail: n.detail };
    const detailTop = b.y + 18 + LABEL_LINE * (text.label.length - 1);
    const lines = [
      ...text.label.map(
        (l, i) =>
          `<text class="dg-label" x="${r(b.x + PAD)}" y="${r(b.y + 18 + LABEL_LINE * i)}">${escapeXml(l)}</text>`,
      ),
      ...text.detail.map(
        (d, i) =>
          `<text class="dg-detail" x="${r(b.x + PAD)}" y="${r(detailTop + DETAIL_LINE * (i + 1))}">${escapeXml(d)}</text>`,
      ),
    ];
    const container = hasChildren.has(n.id);
    const svg =
      `<g class="dg-node k-${n.kind}" ${attrs(n.id, container ? 'graphics-object' : 'graphics-symbol', describe(n))}>` +
      tooltip(describe(n)) +
      `<rect class="dg-box" x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="7"/>` +
      lines.join('') +
      badge(n.id, b.x + b.w - 12, b.y + 12) +
      `</g>`;
    (container ? containers : leaves).push(svg);
  }
  return { containers, leaves };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
};

/**
 * The trust boundaries: an outline around each cluster of members that holds no other element, each kind at its own
 * distance; the tag with the label sits on the first outline (right end, or left end for pods and host root).
 */
function boundariesSvg(c: Svg): { outlines: string[]; tags: string[] } {
  const { model, L, t, findingsOf, attrs, badge, ancestors } = c;
  const margin: Record<BoundaryKind, number> = { host: 5, privileged: 6, pod: 12, 'host-root': 16 };
  const outlines: string[] = [];
  const tags: string[] = [];
  for (const bd of model.boundaries) {
    const inside = new Set(bd.members);
    const tops = bd.members.filter((id) => !ancestors(id).some((p) => inside.has(p)));
    const around = new Set(tops.flatMap(ancestors));
    const obstacles = model.nodes
      .filter((n) => !inside.has(n.id) && !around.has(n.id) && !ancestors(n.id).some((p) => inside.has(p)))
      .map((n) => L.boxes.get(n.id))
      .filter((b): b is Box => b !== undefined);
    const clusters: Box[] = [];
    for (const id of tops) {
      const b = L.boxes.get(id);
      if (!b) continue;
      let merged = { ...b };
      for (let i = clusters.length - 1; i >= 0; i--) {
        const c = clusters[i];
        if (!c) continue;
        const u = union(c, merged);
        if (!obstacles.some((o) => overlaps(u, o))) {
          merged = u;
          clusters.splice(i, 1);
        }
      }
      clusters.push(merged);
    }
    if (clusters.length === 0) continue;
    const m = margin[bd.kind];
    const rects = clusters.map((c) => ({ x: c.x - m, y: c.y - m, w: c.w + 2 * m, h: c.h + 2 * m }));
    const first = rects.reduce((a, b) => (b.y < a.y || (b.y === a.y && b.x < a.x) ? b : a));
    // The tag is as wide as its outline allows; a longer label takes more lines, growing upwards.
    const tagLines = wrapText(bd.label, Math.max(first.w - 40, 220), DETAIL);
    const tw = Math.max(...tagLines.map((l) => textWidth(l, DETAIL))) + 10;
    const up = DETAIL_LINE * (tagLines.length - 1);
    const leftTag = bd.kind === 'pod' || bd.kind === 'host-root';
    const tx = leftTag ? first.x + 24 : first.x + first.w - tw - 12;
    const name = `${t('Trust boundary', '信頼境界')}: ${bd.label}`;
    outlines.push(
      `<g class="dg-boundary b-${bd.kind}" ${attrs(bd.id, 'graphics-object', name)}>` +
        tooltip(name) +
        rects
          .map((c) => `<rect class="dg-b" x="${r(c.x)}" y="${r(c.y)}" width="${r(c.w)}" height="${r(c.h)}" rx="10"/>`)
          .join('') +
        `</g>`,
    );
    // The tag is drawn above every line; it carries the same data-id for hover, and is hidden from the
    // accessibility tree (the outline above holds the name).
    const fs = findingsOf.get(bd.id) ?? [];
    tags.push(
      `<g class="dg-boundary-tag b-${bd.kind}" data-id="${escapeXml(bd.id)}"${fs.length ? ` data-findings="${escapeXml(fs.map((f) => f.id).join(' '))}"` : ''} aria-hidden="true">` +
        tooltip(name) +
        `<rect class="dg-tag" x="${r(tx)}" y="${r(first.y - 14 - up)}" width="${r(tw)}" height="${r(16 + up)}" rx="3"/>` +
        tagLines
          .map((l, i) => `<text x="${r(tx + 5)}" y="${r(first.y - 2 - up + DETAIL_LINE * i)}">${escapeXml(l)}</text>`)
          .join('') +
        badge(bd.id, leftTag ? tx + tw + 12 : tx - 12, first.y - 6) +
        `</g>`,
    );
  }
  return { outlines, tags };
}

/** The path of an edge and where its label goes (the label's anchor point and text-anchor). */
interface Route {
  d: string;
  lx: number;
  ly: number;
  anchor: 'start' | 'middle' | 'end';
}

/** What the edges drawn so far use: edges per source and target node, lanes left of and right of the column. */
interface Lanes {
  outgoing: Map<string, number>;
  incoming: Map<string, number>;
  lane: number;
  farLane: number;
}

/** Outside the host: GitLab, the registries, the proxy... */
const isExternal = (model: DiagramModel, id: string) => {
  const n = model.nodes.find((x) => x.id === id);
  return n !== undefined && n.parent === null && n.kind !== 'host';
};
const center = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
/** Where the segment from the center of `b` toward (tx, ty) leaves `b`. */
const clip = (b: Box, tx: number, ty: number) => {
  const c = center(b);
  const dx = tx - c.x;
  const dy = ty - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: c.x + dx * s, y: c.y + dy * s };
};

/** Straight between elements of the host; through a lane of its own to an element outside it. */
function route(c: Svg, e: DiagramEdge, fb: Box, tb: Box, lanes: Lanes): Route {
  const { model, L, ancestors } = c;
  const { outgoing, incoming } = lanes;
  let d: string;
  let lx: number;
  let ly: number;
  let anchor: 'start' | 'middle' | 'end' = 'middle';
  const kOut = outgoing.get(e.from) ?? 0;
  outgoing.set(e.from, kOut + 1);
  const kIn = incoming.get(e.to) ?? 0;
  incoming.set(e.to, kIn + 1);
  if (isExternal(model, e.to) && isExternal(model, e.from)) {
    // Both outside the host: around the right of the column.
    const x = L.columnRight + 14 + lanes.farLane * 10;
    lanes.farLane += 1;
    const sy = fb.y + fb.h / 2;
    const ty = tb.y + tb.h / 2 - 6 + kIn * 12;
    d = `M${r(fb.x + fb.w)},${r(sy)} H${r(x)} V${r(ty)} H${r(tb.x + tb.w + 2)}`;
    lx = x + 4;
    ly = (sy + ty) / 2;
    anchor = 'start';
  } else if (isExternal(model, e.to)) {
    const x = L.hostRight + 12 + lanes.lane * 9;
    lanes.lane += 1;
    const sy = Math.min(fb.y + fb.h - 6, fb.y + fb.h / 2 - 8 + kOut * 6);
    const ty = Math.min(tb.y + tb.h - 4, tb.y + 14 + kIn * 14);
    // A box to the right of the source (the job beside its services): leave through the top instead.
    const mine = new Set([e.from, ...ancestors(e.from)]);
    const blocked = model.nodes.some((n) => {
      const b = L.boxes.get(n.id);
      return (
        b !== undefined &&
        !mine.has(n.id) &&
        n.parent !== null &&
        b.x >= fb.x + fb.w &&
        b.x < x &&
        b.y <= sy &&
        b.y + b.h >= sy
      );
    });
    if (blocked) {
      const sx = fb.x + fb.w - 16 - kOut * 6;
      d = `M${r(sx)},${r(fb.y)} V${r(fb.y - 3)} H${r(x)} V${r(ty)} H${r(tb.x - 2)}`;
    } else d = `M${r(fb.x + fb.w)},${r(sy)} H${r(x)} V${r(ty)} H${r(tb.x - 2)}`;
    lx = tb.x - 10;
    ly = ty - 4;
    anchor = 'end';
  } else {
    const tc = center(tb);
    const fc = center(fb);
    const p1 = clip(fb, tc.x, tc.y);
    const p2 = clip(tb, fc.x, fc.y);
    d = `M${r(p1.x)},${r(p1.y)} L${r(p2.x)},${r(p2.y)}`;
    lx = (p1.x + p2.x) / 2;
    ly = (p1.y + p2.y) / 2 + 4;
  }
  return { d, lx, ly, anchor };
}

/** One edge: its line, its label (with a lock when encrypted) and its findings badge. */
function edgeSvg(c: Svg, e: DiagramEdge, { d, lx, ly, anchor }: Route): string {
  const { pre, t, labels, attrs, badge } = c;
  const marker =
    e.protocol === 'mount' || e.protocol === 'file'
      ? ''
      : ` marker-end="url(#${pre}${e.protocol === 'proxy' ? 'arrow' : e.secure ? 'arrow-ok' : 'arrow-bad'})"`;
  const cls =
    e.protocol === 'mount' || e.protocol === 'file'
      ? 'e-mount'
      : e.protocol === 'proxy'
        ? 'e-plain'
        : e.secure
          ? 'e-secure'
          : 'e-insecure';
  const from = labels.get(e.from) ?? e.from;
  const to = labels.get(e.to) ?? e.to;
  const name =
    e.protocol === 'mount'
      ? t(`${from} mounted into ${to}: ${e.label}`, `${from}を${to}にマウント：${e.label}`)
      : t(
          `${from} to ${to}: ${e.label} (${e.protocol.toUpperCase()}${e.port ? ` ${e.port}` : ''}, ${e.secure ? 'secure' : 'not secure'})`,
          `${from}から${to}へ：${e.label}（${e.protocol.toUpperCase()}${e.port ? ` ${e.port}` : ''}、${e.secure ? '安全' : '安全でない'}）`,
        );
  let label = '';
  if (e.protocol !== 'mount' && e.protocol !== 'file') {
    // Wrapped to the room of its lane, growing upwards from the edge; never cut.
    const lines = wrapText(e.label, anchor === 'middle' ? CLIENT_GAP - 10 : LANES - 40, DETAIL);
    const tw = Math.max(...lines.map((l) => textWidth(l, DETAIL)));
    const up = DETAIL_LINE * (lines.length - 1);
    const lock = e.protocol === 'tls' || e.protocol === 'https';
    const width = tw + (lock && e.secure ? 14 : 0) + 8;
    const left = anchor === 'end' ? lx - width + 4 : anchor === 'start' ? lx - 2 : lx - width / 2;
    const lockSvg =
      lock && e.secure
        ? `<path class="dg-lock" d="M${r(left + 5)},${r(ly - 5)} v-2.5 a3,3 0 0 1 6,0 v2.5"/><rect class="dg-lock-body" x="${r(left + 3.5)}" y="${r(ly - 5)}" width="9" height="6.5" rx="1"/>`
        : '';
    label =
      `<rect class="dg-tag" x="${r(left)}" y="${r(ly - 11 - up)}" width="${r(width)}" height="${r(15 + up)}" rx="3"/>` +
      lockSvg +
      lines
        .map(
          (l, i) =>
            `<text x="${r(left + (lock && e.secure ? 17 : 4))}" y="${r(ly - up + DETAIL_LINE * i)}">${escapeXml(l)}</text>`,
        )
        .join('');
  }
  return (
    `<g class="dg-edge ${cls} p-${e.protocol}" ${attrs(e.id, 'graphics-symbol', name)}>` +
    tooltip(name) +
    `<path class="dg-hit" d="${d}"/>` +
    `<path class="dg-line" d="${d}"${marker}/>` +
    label +
    badge(e.id, anchor === 'end' ? lx + 4 : lx, ly - 14) +
    `</g>`
  );
}

/** The edges, in the model's order (which decides the lanes). */
function edgesSvg(c: Svg): string[] {
  const lanes: Lanes = { outgoing: new Map(), incoming: new Map(), lane: 0, farLane: 0 };
  const out: string[] = [];
  for (const e of c.model.edges) {
    const fb = c.L.boxes.get(e.from);
    const tb = c.L.boxes.get(e.to);
    if (!fb || !tb) continue;
    out.push(edgeSvg(c, e, route(c, e, fb, tb, lanes)));
  }
  return out;
}

/** The legend under the drawing (only what it shows), and the height of the whole drawing with it. */
function legendSvg(c: Svg): { svg: string; height: number } {
  const { model, L, t } = c;
  const legendY = L.height + 10;
  const has = (kind: BoundaryKind) => model.boundaries.some((b) => b.kind === kind);
  const legendItems: { show: boolean; sample: string; text: string }[] = [
    {
      show: model.edges.some((e) => e.secure && !['mount', 'file', 'proxy'].includes(e.protocol)),
      sample: `<path class="dg-line" style="stroke:var(--dg-ok)" d="M0,0 H34"/>`,
      text: t('encrypted (TLS, HTTPS) or local', '暗号化（TLS、HTTPS）またはローカル'),
    },
    {
      show: model.edges.some((e) => !e.secure),
      sample: `<path class="dg-line" style="stroke:var(--dg-bad);stroke-dasharray:6 3" d="M0,0 H34"/>`,
      text: t('plain text or host access', '平文またはホストへのアクセス'),
    },
    {
      show: model.edges.some((e) => e.protocol === 'mount' || e.protocol === 'file'),
      sample: `<path class="dg-line" style="stroke:var(--dg-muted);stroke-dasharray:2 3" d="M0,0 H34"/>`,
      text: t('mounted volume or file', 'マウントされたボリュームやファイル'),
    },
    {
      show: has('privileged'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-bad);stroke-dasharray:8 4" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('privileged containers', '特権コンテナ'),
    },
    {
      show: has('host-root'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-bad);stroke-dasharray:2 3" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('host root reachable from the job', 'ジョブからホストのrootに到達可能'),
    },
    {
      show: has('pod'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-pod);stroke-dasharray:6 3" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('Kubernetes pod', 'KubernetesのPod'),
    },
    {
      show: has('host'),
      sample: `<rect class="dg-b" style="stroke:var(--dg-muted);stroke-dasharray:10 3 2 3" x="0" y="-7" width="34" height="14" rx="4"/>`,
      text: t('host, outside the containers', 'ホスト（コンテナの外）'),
    },
    {
      show: model.findings.length > 0,
      sample: `<circle class="sev-high" cx="17" cy="0" r="8"/>`,
      text: t('number of findings', '指摘事項の数'),
    },
  ].filter((item) => item.show);
  const legend: string[] = [];
  const colW = 300;
  const perRow = Math.max(1, Math.floor((L.width - 24) / colW));
  legendItems.forEach((item, i) => {
    const x = 24 + (i % perRow) * colW;
    const y = legendY + 20 + Math.floor(i / perRow) * 22;
    legend.push(
      `<g transform="translate(${x},${y})">${item.sample}<text class="dg-muted" x="44" y="4">${escapeXml(item.text)}</text></g>`,
    );
  });
  const height = legendY + 20 + Math.ceil(legendItems.length / perRow) * 22 + 6;
  const svg = `<g class="dg-legend" aria-hidden="true"><text class="dg-label" x="24" y="${r(legendY)}">${escapeXml(t('Legend', '凡例'))}</text>${legend.join('')}</g>`;
  return { svg, height };
}

/** Renders the model as one self-contained SVG document (no external reference, no script). */
export function renderDiagramSvg(model: DiagramModel, options: SvgOptions): string {
  const c = svgContext(model, options);
  const { pre, L } = c;
  const lang = options.lang;
  const { containers, leaves } = nodesSvg(c);
  const boundaries = boundariesSvg(c);
  const edges = edgesSvg(c);
  const legend = legendSvg(c);
  const height = legend.height;
  const width = L.width;

  const description = describeDiagram(model, lang).join(' ');
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dg" viewBox="0 0 ${r(width)} ${r(height)}" width="${r(width)}" height="${r(height)}" role="graphics-document" aria-labelledby="${pre}title" aria-describedby="${pre}desc" lang="${lang}" xml:lang="${lang}">`,
    `<title id="${pre}title">${escapeXml(model.title)}</title>`,
    `<desc id="${pre}desc">${escapeXml(description)}</desc>`,
    `<style>${STYLE.trim()}</style>`,
    `<defs>` +
      `<marker id="${pre}arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dg-arrow" d="M0,0 L10,5 L0,10 z"/></marker>` +
      `<marker id="${pre}arrow-ok" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dg-arrow-ok" d="M0,0 L10,5 L0,10 z"/></marker>` +
      `<marker id="${pre}arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dg-arrow-bad" d="M0,0 L10,5 L0,10 z"/></marker>` +
      `</defs>`,
    `<rect class="dg-canvas" width="${r(width)}" height="${r(height)}"/>`,
    `<text class="dg-heading" x="24" y="26">${escapeXml(fit(model.title, width - 48, 15))}</text>`,
    `<g class="dg-containers">${containers.join('')}</g>`,
    `<g class="dg-boundaries">${boundaries.outlines.join('')}</g>`,
    `<g class="dg-edges">${edges.join('')}</g>`,
    `<g class="dg-leaves">${leaves.join('')}</g>`,
    `<g class="dg-boundary-tags">${boundaries.tags.join('')}</g>`,
    legend.svg,
    `</svg>`,
  ];
  return `${out.join('\n')}\n`;
}
