/**
 * The diagram of a setup, drawn from the answers by the core (issue 7): a model (nodes, edges, trust boundaries and
 * the element each finding concerns), a self-contained SVG rendering of it, and a text description of the same graph
 * for screen readers and SETUP.md.
 *
 * Element ids are stable across answer changes, so the app can keep hover/focus state and wire findings to them:
 * - nodes: `host`, `runner`, `executor`, `job`, `service-dind` | `service-buildkitd`, `daemon` (the daemon or the
 *   daemonless builder that builds the image; its parent says where it runs), `volume-certs`, `volume-socket`,
 *   `socket`, `pipe`, `daemon-json`, `config-json`, `certs-d`, `buildkitd-toml`, and outside the host `gitlab`,
 *   `proxy`, `registry`, `cache`, `dependency-proxy`, `mirror`, `upstream`;
 * - edges: `edge-<what>`, e.g. `edge-client-daemon` (client to daemon: TLS, plain TCP, socket or pipe), `edge-push`,
 *   `edge-pull`, `edge-mirror`, `edge-cache`, `edge-runner-gitlab`, `edge-mount-<node>-<consumer>`;
 * - boundaries: `boundary-host`, `boundary-privileged`, `boundary-host-root`, `boundary-pod`.
 *
 * Pure: no DOM, no Node APIs. Every user-supplied text is XML-escaped in the SVG.
 *
 * The model is drawn from the plan's facts only, never from the raw answers.
 *
 * The parts: types.ts (the model's shape), model.ts (the model from the plan: the host side, and the assembly),
 * builder.ts (what the model's builders share), mounts.ts (volumes, sockets, pipes, configuration files), outside.ts
 * (GitLab, proxy, registry, cache, pull sources), boundaries.ts (trust boundaries), anchors.ts (where each finding is
 * drawn), labels.ts, layout.ts (boxes in px), svg.ts (the drawing), describe.ts (the text), text.ts (escaping and
 * text widths).
 */
export type {
  BoundaryKind,
  DiagramBoundary,
  DiagramEdge,
  DiagramFinding,
  DiagramInput,
  DiagramModel,
  DiagramNode,
  EdgeProtocol,
  NodeKind,
} from './types';
export { FINDING_ANCHORS, findingAnchor } from './anchors';
export { diagramModel } from './model';
export { describeDiagram } from './describe';
export { renderDiagramSvg, type SvgOptions } from './svg';
export { escapeXml } from './text';
