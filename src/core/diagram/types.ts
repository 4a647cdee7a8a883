/** The diagram's types: the model (nodes, edges, trust boundaries, findings) and what it is drawn from. */
import type { Finding, Severity } from '../findings';
import type { Lang } from '../i18n';
import type { Plan } from '../plan';

/** What an element of the diagram stands for: where it runs, what it holds, or what it reaches outside the host. */
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

/** An element (box): a stable `id` such as `service-dind`, its label and detail lines, and the box it sits in. */
export interface DiagramNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Image, alias:port, path, URL...: one line each. */
  detail: string[];
  /** The element this one is drawn inside; null for the host and the elements outside it. */
  parent: string | null;
}

/** How two elements talk: TLS or plain TCP to a daemon, a Unix socket or named pipe, HTTP(S), a proxy, a mount. */
export type EdgeProtocol = 'tls' | 'tcp' | 'unix' | 'pipe' | 'https' | 'http' | 'proxy' | 'mount' | 'file';

/** A connection between two elements, with its port (e.g. 2376) and whether it is secure. */
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

/** A trust boundary: the runner host, privileged containers, host root reachable from the job, a Kubernetes pod. */
export type BoundaryKind = 'host' | 'privileged' | 'host-root' | 'pod';

/** A trust boundary drawn around the elements it holds. */
export interface DiagramBoundary {
  id: string;
  kind: BoundaryKind;
  label: string;
  /** Node ids inside the boundary, descendants included. */
  members: string[];
}

/** A finding of the setup, anchored to the element, edge or boundary it concerns. */
export interface DiagramFinding {
  id: string;
  severity: Severity;
  title: string;
  /** The id of the node, edge or boundary the finding concerns. */
  anchor: string;
}

/** The diagram of one setup in one language: what the SVG and the text description are drawn from. */
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
