/**
 * SETUP.md as a page: its headings, paragraphs, lists and tables, and each command block with its own copy
 * button. The Markdown is the one `generate()` wrote (a small, known subset), rendered as React elements: no HTML
 * is ever injected.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { UI, useT } from '../ui';
import { CopyButton } from './CopyButton';
import { safeSvg, staticCopy } from '../svg';

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'code'; lang: string; text: string; heading: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'image'; alt: string; src: string }
  | { kind: 'para'; text: string };

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

export function parseSetup(md: string): Block[] {
  const lines = md.split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let heading = '';
  const flush = () => {
    if (para.length) blocks.push({ kind: 'para', text: para.join(' ') });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^(`{3,})(\S*)\s*$/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== fence[1]; i++) body.push(lines[i] ?? '');
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n'), heading });
      continue;
    }
    const title = /^(#{1,6})\s+(.*)$/.exec(line);
    if (title) {
      flush();
      heading = title[2] ?? '';
      blocks.push({ kind: 'heading', level: title[1]?.length ?? 1, text: heading });
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      flush();
      const items: string[] = [];
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i] ?? ''); i++)
        items.push((lines[i] ?? '').replace(/^\s*[-*]\s+/, ''));
      i--;
      blocks.push({ kind: 'list', items });
      continue;
    }
    if (line.startsWith('|')) {
      flush();
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) rows.push(cells(lines[i] ?? ''));
      i--;
      const [head = [], , ...body] = rows;
      blocks.push({ kind: 'table', head, rows: body });
      continue;
    }
    const image = /^!\[([^\]]*)\]\(([^)\s]+)\)$/.exec(line.trim());
    if (image) {
      flush();
      blocks.push({ kind: 'image', alt: image[1] ?? '', src: image[2] ?? '' });
      continue;
    }
    if (line.trim() === '') flush();
    else para.push(line.trim());
  }
  flush();
  return blocks;
}

/** `code` and **bold** spans; everything else is text. */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? <code key={m.index}>{m[1]}</code> : <strong key={m.index}>{m[2]}</strong>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** An image of SETUP.md that is one of the generated files (the diagram), drawn from that file. */
function GeneratedImage({ svg, alt }: { svg: string; alt: string }) {
  const host = useRef<HTMLElement>(null);
  useEffect(() => {
    const root = safeSvg(svg);
    if (root && host.current) host.current.replaceChildren(staticCopy(root, 'setup-'));
  }, [svg]);
  return (
    <figure className="setup-image">
      <span ref={host} className="diagram" />
      <figcaption>{alt}</figcaption>
    </figure>
  );
}

export function SetupSteps({ markdown, images = {} }: { markdown: string; images?: Record<string, string> }) {
  const t = useT();
  const blocks = parseSetup(markdown);
  return (
    <div className="setup-md">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const level = Math.min(6, b.level + 2);
            const H = `h${level}` as 'h3';
            return <H key={i}>{inline(b.text)}</H>;
          }
          case 'image': {
            const svg = images[b.src];
            return svg ? (
              <GeneratedImage key={i} svg={svg} alt={b.alt} />
            ) : (
              <p key={i}>
                {b.alt} (<code>{b.src}</code>)
              </p>
            );
          }
          case 'code':
            return (
              <div key={i} className="code-block">
                <pre tabIndex={0}>
                  <code>{b.text}</code>
                </pre>
                <CopyButton text={b.text} label={`${t(UI.copy)}: ${b.heading || b.text.split('\n')[0]}`} />
              </div>
            );
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <div key={i} className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {b.head.map((h, j) => (
                        <th key={j} scope="col">
                          {inline(h)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j}>
                        {r.map((c, k) => (
                          <td key={k}>{inline(c)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          default:
            return <p key={i}>{inline(b.text)}</p>;
        }
      })}
    </div>
  );
}
