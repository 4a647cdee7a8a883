/** What the model's builders share: the plan, the language, and the nodes and edges drawn so far. */
import type { Lang } from '../i18n';
import type { Plan } from '../plan';
import type { DiagramEdge, DiagramNode, NodeKind, T } from './types';

/** Where the daemon runs: the id of its parent node, and the DinD service that consumes shared volumes, if any. */
export interface Placement {
  daemonParent: string;
  dindConsumer: string | null;
}

/** An edge before the trust boundaries are known (`crossesBoundary` is computed last). */
export type PendingEdge = Omit<DiagramEdge, 'crossesBoundary'>;

/** What the builders share: the plan, the language, and the nodes and edges drawn so far (appended in order). */
export interface Builder {
  p: Plan;
  t: T;
  /** The runner's configuration file, named in the details of what it sets. */
  configFile: string;
  nodes: DiagramNode[];
  edges: PendingEdge[];
  /** Adds a node; `false` and empty details are left out. */
  node: (id: string, kind: NodeKind, parent: string | null, label: string, detail?: (string | false)[]) => void;
  edge: (e: PendingEdge) => void;
  /** Adds the edge of a volume or file mounted into a container: `edge-mount-<from>-<to>`. */
  mount: (from: string, to: string, label: string) => void;
}

/** A builder with no node and no edge yet, for this plan in `lang`. */
export function builder(p: Plan, lang: Lang): Builder {
  const t: T = (en, ja) => (lang === 'ja' ? ja : en);
  const nodes: DiagramNode[] = [];
  const edges: PendingEdge[] = [];
  const node: Builder['node'] = (id, kind, parent, label, detail = []) =>
    nodes.push({ id, kind, parent, label, detail: detail.filter((d): d is string => d !== false && d !== '') });
  const edge = (e: PendingEdge) => edges.push(e);
  const mount = (from: string, to: string, label: string) =>
    edge({ id: `edge-mount-${from}-${to}`, from, to, label, protocol: 'mount', secure: true });
  return { p, t, configFile: p.runnerConfigFile ?? 'config.toml', nodes, edges, node, edge, mount };
}
