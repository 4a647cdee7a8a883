/**
 * SETUP.md as a page, drawn from the core's `SetupDoc` (src/core/setup/types.ts): its headings, numbered steps,
 * paragraphs, lists and tables, each command block with its own copy button, and the diagram. Everything is a React
 * element built from typed blocks and spans: no Markdown is parsed and no HTML is ever injected.
 */
import { useEffect, useRef } from 'react';
import type { Block, Inline, Inlines, SetupDoc, SetupStep } from '../../core/setup/types';
import { stepTitle } from '../../core/setup/types';
import { UI, useT } from '../ui';
import { CopyButton } from './CopyButton';
import { safeSvg, staticCopy } from '../svg';

/** Only web addresses and in-page fragments become links; any other scheme stays text. */
const SAFE_HREF = /^(https?:\/\/|#)/i;

function Span({ span }: { span: Inline }) {
  switch (span.kind) {
    case 'text':
      return span.text;
    case 'code':
      return <code>{span.text}</code>;
    case 'strong':
      return <strong>{span.text}</strong>;
    case 'link':
      // A new tab: the permalink restarts the wizard on its configuration, this page keeps the current one.
      return SAFE_HREF.test(span.href) ? (
        <a href={span.href} target="_blank" rel="noopener noreferrer">
          {span.text}
        </a>
      ) : (
        span.text
      );
  }
}

function Spans({ content }: { content: Inlines }) {
  return content.map((span, i) => <Span key={i} span={span} />);
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

/** One block; `step` is the heading of the step that holds it (the copy button's label), or '' outside steps. */
function BlockView({ block, step, images }: { block: Block; step: string; images: Record<string, string> }) {
  const t = useT();
  switch (block.kind) {
    case 'heading': {
      // The page's own title is an h2: the document's title is an h3, its steps and sections h4.
      const H = `h${block.level + 2}` as 'h3' | 'h4' | 'h5';
      return <H>{block.text}</H>;
    }
    case 'paragraph':
      return (
        <p>
          <Spans content={block.inlines} />
        </p>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((item, j) => (
            <li key={j}>
              <Spans content={item} />
            </li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {block.head.map((h, j) => (
                  <th key={j} scope="col">
                    <Spans content={h} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((r, j) => (
                <tr key={j}>
                  {r.map((c, k) => (
                    <td key={k}>
                      <Spans content={c} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <div className="code-block">
          <pre tabIndex={0}>
            <code>{block.text}</code>
          </pre>
          <CopyButton text={block.text} label={`${t(UI.copy)}: ${step || block.text.split('\n')[0]}`} />
        </div>
      );
    case 'image': {
      const svg = images[block.src];
      return svg ? (
        <GeneratedImage svg={svg} alt={block.alt} />
      ) : (
        <p>
          {block.alt} (<code>{block.src}</code>)
        </p>
      );
    }
  }
}

function StepView({ step, images }: { step: SetupStep; images: Record<string, string> }) {
  const title = stepTitle(step);
  return (
    <>
      <h4>{title}</h4>
      {step.blocks.map((b, i) => (
        <BlockView key={i} block={b} step={title} images={images} />
      ))}
    </>
  );
}

/**
 * The "Set it up" page's body. `doc` is `generate()`'s `setup`; `images` maps a generated file's path (the
 * diagram's) to its SVG text, which is checked by `safeSvg` before it is drawn.
 */
export function SetupSteps({ doc, images = {} }: { doc: SetupDoc; images?: Record<string, string> }) {
  return (
    <div className="setup-md">
      {doc.blocks.map((b, i) =>
        b.kind === 'step' ? (
          <StepView key={i} step={b} images={images} />
        ) : (
          <BlockView key={i} block={b} step="" images={images} />
        ),
      )}
    </div>
  );
}
