/**
 * The sections that close SETUP.md, added once every other file exists: the findings (which point at lines of the
 * steps, so they come after them), the diagram with its text description, and the permalink.
 */
import type { Finding } from '../findings';
import { tr, type Lang } from '../i18n';
import { authoredSpans, code, link, mergeTexts, spans, strong, text, type Block, type SetupDoc } from './types';

/** What the closing sections show. */
export interface SetupClosing {
  findings: Finding[];
  /** The diagram's file name next to SETUP.md (`diagram.svg`). */
  diagramFile: string;
  /** One sentence per element, edge and boundary of the diagram (`describeDiagram`). */
  diagramDescription: string[];
  /** The permalink: a full address, or `#c=...` without a base URL. */
  permalink: string;
}

/** `## Findings`: one item per finding (severity, id, title, place, reason, fix), or "None.". */
export function findingsSection(findings: Finding[], lang: Lang): Block[] {
  const t = (en: string, ja: string) => tr(lang, en, ja);
  return [
    { kind: 'heading', level: 2, text: t('Findings', '指摘事項') },
    findings.length === 0
      ? { kind: 'paragraph', inlines: [text(t('None.', 'なし。'))] }
      : {
          kind: 'list',
          items: findings.map((f) =>
            mergeTexts([
              strong(f.severity.toUpperCase()),
              text(' '),
              code(f.id),
              text(' '),
              ...authoredSpans(f.title),
              ...spans` (${code(f.file)}:${f.line}): `,
              ...authoredSpans(f.reason),
              text(` ${t('Fix', '対処')}: `),
              ...authoredSpans(f.fix.label),
              text('.'),
            ]),
          ),
        },
  ];
}

/** `## Diagram`: the image (`file`, beside SETUP.md) and its text description, one item per line. */
export function diagramSection(file: string, description: string[], lang: Lang): Block[] {
  const t = <T>(en: T, ja: T): T => (lang === 'ja' ? ja : en);
  return [
    { kind: 'heading', level: 2, text: t('Diagram', '構成図') },
    { kind: 'image', alt: t('Diagram of this setup', 'この構成の図'), src: file },
    {
      kind: 'paragraph',
      inlines: t(
        spans`${code(file)} (next to this file) shows the same as this list:`,
        spans`${code(file)}（このファイルの隣）はこの一覧と同じ内容を図で示します:`,
      ),
    },
    { kind: 'list', items: description.map((line) => [text(line)]) },
  ];
}

/** `## Permalink`: a sentence and the link itself. */
export function permalinkSection(permalink: string, lang: Lang): Block[] {
  return [
    { kind: 'heading', level: 2, text: tr(lang, 'Permalink', 'パーマリンク') },
    {
      kind: 'paragraph',
      inlines: [
        text(tr(lang, 'Reopens this exact configuration in the wizard:', 'この構成をウィザードで再度開きます:')),
      ],
    },
    { kind: 'paragraph', inlines: [link(permalink, permalink)] },
  ];
}

/** The whole of SETUP.md: the steps (`setupSteps`), then the findings, the diagram and the permalink. */
export function closeSetup(steps: SetupDoc, closing: SetupClosing, lang: Lang): SetupDoc {
  return {
    blocks: [
      ...steps.blocks,
      ...findingsSection(closing.findings, lang),
      ...diagramSection(closing.diagramFile, closing.diagramDescription, lang),
      ...permalinkSection(closing.permalink, lang),
    ],
  };
}
