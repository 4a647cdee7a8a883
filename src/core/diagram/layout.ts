/**
 * Where each node of the diagram is drawn: nested boxes for the host and what runs in it, a column on the right for
 * the elements outside it. Sizes are in px of the SVG's user space; text widths are estimated (text.ts).
 */
import { textWidth, wrapText } from './text';
import type { DiagramModel, DiagramNode, NodeKind } from './types';

/** A rectangle in px: top-left corner, width and height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const LEAF_W = 230;
/** Font size of an element's label (SVG user units, px at 100 %). */
export const LABEL = 12.5;
/** Font size of an element's detail lines (px). */
export const DETAIL = 11;
/** Inner padding of a box (px). */
export const PAD = 14;
const GAP = 16;
const ROW_GAP = 36;
/** Horizontal room between the job and the daemon, for the label of their edge (px). */
export const CLIENT_GAP = 170; // room for the label of the client-daemon edge
const MAX_ROW = 700;
/** Width of the column of elements outside the host (px). */
export const LANES = 230;
const HEADING = 36;
/** Room under a container's header for the tags of the boundaries drawn around its children. */
const TAG_ROOM = 22;

/** Height of a line of an element's label, and of a detail line (px). */
export const LABEL_LINE = 16;
export const DETAIL_LINE = 15;
/** Room kept right of the label for a findings badge (px). */
export const BADGE_ROOM = 16;

/** The lines an element's label and details are drawn on, in a box `width` px wide: wrapped, never cut. */
export interface NodeText {
  label: string[];
  detail: string[];
}

/** The label and details of `n` wrapped for a box `width` px wide (the label leaves room for a findings badge). */
export function nodeText(n: DiagramNode, width: number): NodeText {
  return {
    label: wrapText(n.label, width - 2 * PAD - BADGE_ROOM, LABEL),
    detail: n.detail.flatMap((d) => wrapText(d, width - 2 * PAD, DETAIL)),
  };
}

const textHeight = (t: NodeText) => LABEL_LINE * (t.label.length - 1) + DETAIL_LINE * t.detail.length;
const headerHeight = (t: NodeText) => 24 + textHeight(t) + TAG_ROOM;
const leafHeight = (t: NodeText) => 26 + textHeight(t);
/** Wide enough for the label beside a findings badge and for short details; longer text wraps. */
const leafWidth = (n: DiagramNode) =>
  Math.round(
    Math.min(
      320,
      Math.max(
        LEAF_W,
        textWidth(n.label, LABEL) + 2 * PAD + 24,
        ...n.detail.map((d) => textWidth(d, DETAIL) + 2 * PAD),
      ),
    ),
  );

/** Every node's box, the size of the drawing, and the x of the host's right edge and of the outer column's. */
export interface Layout {
  boxes: Map<string, Box>;
  /** Each node's label and details as drawn in its box (wrapped to its width). */
  text: Map<string, NodeText>;
  width: number;
  height: number;
  hostRight: number;
  columnRight: number;
}

/** A row of cells side by side; a cell is a stack of nodes. */
interface Row {
  cells: DiagramNode[][];
  gap: number;
}

interface Sizing {
  /** The size of a node's box, children included (memoized). */
  measure: (n: DiagramNode) => { w: number; h: number };
  /** The size of a stack of nodes. */
  cellSize: (cell: DiagramNode[]) => { w: number; h: number };
  /** The rows of a measured container; none for a leaf. */
  rows: (id: string) => Row[];
  /** The wrapped text of a measured node. */
  text: (id: string) => NodeText;
}

/** The sizes of the nested boxes: a container's children in rows (wrapped at MAX_ROW), under its header. */
function sizing(model: DiagramModel): Sizing {
  const children = new Map<string, DiagramNode[]>();
  for (const n of model.nodes) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const sizes = new Map<string, { w: number; h: number; rows: Row[]; text: NodeText }>();
  const hasEdge = (id: string) => model.edges.some((e) => e.id === id);

  const wrap = (list: DiagramNode[], gap: number): Row[] => {
    const out: Row[] = [];
    let cells: DiagramNode[][] = [];
    let w = 0;
    for (const k of list) {
      const kw = measure(k).w;
      if (cells.length && w + gap + kw > MAX_ROW) {
        out.push({ cells, gap });
        cells = [];
        w = 0;
      }
      w += (cells.length ? gap : 0) + kw;
      cells.push([k]);
    }
    if (cells.length) out.push({ cells, gap });
    return out;
  };

  const rowsOf = (n: DiagramNode, kids: DiagramNode[]): Row[] => {
    if (n.kind === 'host') {
      const level = kids.filter((k) => k.kind !== 'runner' && k.kind !== 'executor');
      // The daemon last: its edges leave to the right.
      level.sort((x, y) => Number(x.id === 'daemon') - Number(y.id === 'daemon'));
      const main = [kids.filter((k) => k.kind === 'executor'), level].filter((c) => c.length > 0);
      return [
        ...wrap(
          kids.filter((k) => k.kind === 'runner'),
          GAP,
        ),
        { cells: main, gap: level.some((k) => k.id === 'daemon') ? CLIENT_GAP : GAP },
      ].filter((r) => r.cells.length > 0);
    }
    if (n.kind === 'executor') {
      const main = kids.filter((k) => k.kind === 'job' || k.kind === 'service');
      return [
        ...wrap(main, hasEdge('edge-client-daemon') ? CLIENT_GAP : GAP),
        ...wrap(
          kids.filter((k) => k.kind !== 'job' && k.kind !== 'service'),
          GAP,
        ),
      ];
    }
    return kids.map((k) => ({ cells: [[k]], gap: GAP }));
  };

  const cellSize = (cell: DiagramNode[]) => ({
    w: Math.max(...cell.map((k) => measure(k).w)),
    h: cell.reduce((sum, k, i) => sum + measure(k).h + (i ? GAP : 0), 0),
  });

  function measure(n: DiagramNode): { w: number; h: number } {
    const known = sizes.get(n.id);
    if (known) return known;
    const kids = children.get(n.id) ?? [];
    if (kids.length === 0) {
      const w = leafWidth(n);
      const text = nodeText(n, w);
      const s = { w, h: leafHeight(text), rows: [], text };
      sizes.set(n.id, s);
      return s;
    }
    const rows = rowsOf(n, kids);
    let w = Math.min(
      MAX_ROW,
      Math.max(
        LEAF_W,
        textWidth(n.label, LABEL) + 2 * PAD + 30,
        ...n.detail.map((d) => textWidth(d, DETAIL) + 2 * PAD + 16),
      ),
    );
    for (const r of rows) {
      const rw = r.cells.reduce((sum, c, j) => sum + cellSize(c).w + (j ? r.gap : 0), 0);
      w = Math.max(w, rw + 2 * PAD);
    }
    const text = nodeText(n, w);
    let h = headerHeight(text);
    rows.forEach((r, i) => {
      h += Math.max(...r.cells.map((c) => cellSize(c).h)) + (i ? ROW_GAP : 0);
    });
    const s = { w, h: h + PAD + 8, rows, text };
    sizes.set(n.id, s);
    return s;
  }

  return {
    measure,
    cellSize,
    rows: (id) => sizes.get(id)?.rows ?? [],
    text: (id) => sizes.get(id)?.text ?? { label: [], detail: [] },
  };
}

/** Puts `n` at (x, y) and its children in their rows, recursively, into `boxes`. */
function place(s: Sizing, boxes: Map<string, Box>, n: DiagramNode, x: number, y: number): void {
  const { measure, cellSize } = s;
  const { w, h } = measure(n);
  boxes.set(n.id, { x, y, w, h });
  let cy = y + headerHeight(s.text(n.id));
  s.rows(n.id).forEach((r, i) => {
    if (i) cy += ROW_GAP;
    let cx = x + PAD;
    for (const cell of r.cells) {
      let ky = cy;
      for (const k of cell) {
        place(s, boxes, k, cx, ky);
        ky += measure(k).h + GAP;
      }
      cx += cellSize(cell).w + r.gap;
    }
    cy += Math.max(...r.cells.map((c) => cellSize(c).h));
  });
}

/**
 * Nested boxes: the host holds the runner, then the executor with the host's own elements (daemon, socket, files)
 * stacked to its right; the executor holds the job and the services, then the volumes; other containers stack their
 * children. The elements outside the host form a column on the right, with a lane per edge between.
 */
export function layout(model: DiagramModel): Layout {
  const s = sizing(model);
  const boxes = new Map<string, Box>();
  const text = new Map<string, NodeText>();
  const top = 8 + HEADING;
  const left = 24; // room for boundary outlines
  const host = model.nodes.find((n) => n.kind === 'host');
  let hostRight = left;
  let bottom = top;
  if (host) {
    place(s, boxes, host, left, top);
    const { w, h } = s.measure(host);
    hostRight = left + w;
    bottom = top + h;
  }
  const columnLeft = hostRight + LANES;
  let cy = top;
  const order: NodeKind[] = ['gitlab', 'proxy', 'registry', 'cache', 'mirror', 'upstream'];
  const external = model.nodes
    .filter((n) => n.parent === null && n.kind !== 'host')
    .sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
  const columnW = Math.max(LEAF_W, ...external.map(leafWidth));
  for (const n of external) {
    const t = nodeText(n, columnW);
    const h = leafHeight(t);
    boxes.set(n.id, { x: columnLeft, y: cy, w: columnW, h });
    text.set(n.id, t);
    cy += h + 22;
  }
  for (const id of boxes.keys()) if (!text.has(id)) text.set(id, s.text(id));
  const columnRight = columnLeft + columnW;
  // Edges between elements outside the host run on the right of the column, with their labels.
  const farEdges = model.edges.some((e) => external.some((n) => n.id === e.from));
  return {
    boxes,
    text,
    width: columnRight + (farEdges ? 130 : 40),
    height: Math.max(bottom, cy) + 8,
    hostRight,
    columnRight,
  };
}
