/** The diagram's types: the model (nodes, edges, trust boundaries, findings) and what it is drawn from. */
import type { Finding, Severity } from '../findings';
import type { Lang } from '../i18n';
import type { Plan } from '../plan';

export type NodeKind =
  | 'host'
  | 'runner'
  | 'executor'
  | 'job'
  | 'service'
  | 'daemon' // a daemon that builds (dockerd, buildkitd), wherever it runs
  | 'builder' // a builder without a daemon outside the job (rootless BuildKit, Buildah, Podman)
  | 'volume'
  | 'socket'
  | 'pipe'
  | 'file'
  | 'gitlab'
  | 'registry'
  | 'cache'
  | 'mirror'
  | 'proxy'
  | 'upstream';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Image, alias:port, path, URL...: one line each. */
  detail: string[];
  /** The element this one is drawn inside; null for the host and the elements outside it. */
  parent: string | null;
}

export type EdgeProtocol = 'tls' | 'tcp' | 'unix' | 'pipe' | 'https' | 'http' | 'proxy' | 'mount' | 'file';

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  protocol: EdgeProtocol;
  port?: number;
  /** Encrypted and authenticated, or local without giving away the host; false for plain TCP, HTTP, host sockets. */
  secure: boolean;
  /** The boundaries with exactly one end of this edge inside. */
  crossesBoundary: string[];
}

export type BoundaryKind = 'host' | 'privileged' | 'host-root' | 'pod';

export interface DiagramBoundary {
  id: string;
  kind: BoundaryKind;
  label: string;
  /** Node ids inside the boundary, descendants included. */
  members: string[];
}

export interface DiagramFinding {
  id: string;
  severity: Severity;
  title: string;
  /** The id of the node, edge or boundary the finding concerns. */
  anchor: string;
}

export interface DiagramModel {
  lang: Lang;
  title: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  boundaries: DiagramBoundary[];
  findings: DiagramFinding[];
}

/** What the diagram is drawn from: a `GenerateResult` fits. */
export interface DiagramInput {
  plan: Plan;
  findings: readonly Pick<Finding, 'id' | 'file' | 'severity' | 'title'>[];
}

/** A text in the model's language: `t(english, japanese)`. */
export type T = (en: string, ja: string) => string;
