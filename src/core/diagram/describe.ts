/** The diagram as text: the same graph as sentences, for screen readers (the SVG's `<desc>`) and SETUP.md. */
import type { Severity } from '../findings';
import type { Lang } from '../i18n';
import type { DiagramEdge, DiagramModel } from './types';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const SEVERITY_JA: Record<Severity, string> = { critical: '重大', high: '高', medium: '中', low: '低', info: '情報' };

/** The same graph as sentences, for screen readers (the SVG's `<desc>`) and SETUP.md. */
export function describeDiagram(model: DiagramModel, lang: Lang): string[] {
  const ja = lang === 'ja';
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const edgeName = (e: DiagramEdge): string => {
    const from = byId.get(e.from)?.label ?? e.from;
    const to = byId.get(e.to)?.label ?? e.to;
    return ja ? `${from}から${to}への接続（${e.label}）` : `the connection from ${from} to ${to} (${e.label})`;
  };
  const labelOf = (id: string): string => {
    const n = byId.get(id);
    if (n) return n.label;
    const e = model.edges.find((x) => x.id === id);
    if (e) return edgeName(e);
    const b = model.boundaries.find((x) => x.id === id);
    return b ? (ja ? `信頼境界「${b.label}」` : `the trust boundary "${b.label}"`) : id;
  };
  const inHost = (id: string) => {
    for (let n = byId.get(id); n; n = n.parent ? byId.get(n.parent) : undefined) if (n.kind === 'host') return true;
    return false;
  };
  const lines: string[] = [];
  for (const n of model.nodes) {
    const parent = n.parent ? byId.get(n.parent) : undefined;
    const where =
      n.kind === 'host'
        ? ''
        : parent
          ? ja
            ? `${parent.label}の中の`
            : `, inside ${parent.label}`
          : ja
            ? 'ホストの外の'
            : ', outside the host';
    const detail = n.detail.join(ja ? '、' : '; ');
    lines.push(
      ja ? `${where}${n.label}${detail ? `：${detail}` : ''}。` : `${n.label}${where}${detail ? `: ${detail}` : ''}.`,
    );
  }
  for (const e of model.edges) {
    const from = labelOf(e.from);
    const to = labelOf(e.to);
    // Leaving the host for the network is drawn, not said: only crossings inside the host are named.
    const crosses =
      inHost(e.from) && inHost(e.to)
        ? e.crossesBoundary
            .filter((id) => model.boundaries.some((b) => b.id === id && (b.kind === 'host' || b.kind === 'host-root')))
            .map(labelOf)
        : [];
    const crossing = ja
      ? crosses.length
        ? `。${crosses.join('と')}を越えます`
        : ''
      : crosses.length
        ? `, crossing ${crosses.join(' and ')}`
        : '';
    if (e.protocol === 'mount') {
      lines.push(
        ja
          ? `${from}は${to}にマウントされます（${e.label}）${crossing}。`
          : `${from} is mounted into ${to} (${e.label})${crossing}.`,
      );
      continue;
    }
    const port = e.port ? (ja ? `、ポート${e.port}` : `, port ${e.port}`) : '';
    lines.push(
      ja
        ? `${from}から${to}へ：${e.label}（${e.protocol.toUpperCase()}${port}、${e.secure ? '安全' : '安全でない'}）${crossing}。`
        : `${from} to ${to}: ${e.label} (${e.protocol.toUpperCase()}${port}, ${e.secure ? 'secure' : 'not secure'})${crossing}.`,
    );
  }
  for (const b of model.boundaries) {
    const members = b.members.map(labelOf);
    lines.push(
      ja
        ? `${labelOf(b.id)}に含まれるもの：${members.join('、')}。`
        : `${capitalize(labelOf(b.id))} contains: ${members.join(', ')}.`,
    );
  }
  for (const f of model.findings) {
    lines.push(
      ja
        ? `指摘事項（${SEVERITY_JA[f.severity]}）「${f.title}」は${labelOf(f.anchor)}に関するものです。`
        : `Finding (${f.severity}) "${f.title}" concerns ${labelOf(f.anchor)}.`,
    );
  }
  return lines;
}
