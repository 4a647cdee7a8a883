/**
 * SETUP.md as data: an ordered list of typed blocks, with the numbered steps as blocks holding their own blocks.
 * The core builds it (`./steps.ts`, `./sections.ts`); `renderSetupMarkdown` (`./markdown.ts`) writes SETUP.md
 * from it and the app's "Set it up" page renders it as React elements. Text is literal everywhere: inline code,
 * bold and links are spans of their own, never Markdown syntax inside a string.
 */

/** A run of text inside a paragraph, a list item or a table cell. */
export type Inline =
  | { kind: 'text'; text: string }
  /** A command, a file name, a value: shown in a monospace font. */
  | { kind: 'code'; text: string }
  | { kind: 'strong'; text: string }
  /** `href` is an absolute http(s) address or a fragment (`#c=...` when the permalink has no base URL). */
  | { kind: 'link'; text: string; href: string };

/**
 * The ids of SETUP.md's anchored blocks: the findings point at them (`{ file: 'SETUP.md', path: [id] }`), the steps
 * set them on the block the finding is about.
 */
export const SETUP_ANCHORS = {
  /** The commands that add gitlab-runner to the docker group (finding `docker-group-root`). */
  dockerGroup: 'docker-group',
  /** The command that keeps the legacy registration token in the environment (finding `legacy-registration-token`). */
  legacyRegistrationToken: 'legacy-registration-token',
  /** The privileged command that registers the QEMU handlers (finding `qemu-binfmt-privileged`). */
  binfmt: 'binfmt',
} as const;

/** An anchored block's id. */
export type SetupAnchor = (typeof SETUP_ANCHORS)[keyof typeof SETUP_ANCHORS];

/** The content of a paragraph, a list item or a table cell. */
export type Inlines = Inline[];

/** The blocks that a step or the document holds. */
export type Block =
  /** Level 1 is the document's title, 2 a section at the level of the steps, 3 a sub-section of a step. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; inlines: Inlines }
  | { kind: 'list'; items: Inlines[] }
  /** Every row has as many cells as `head`. */
  | { kind: 'table'; head: Inlines[]; rows: Inlines[][] }
  /**
   * A command block (`language`: `sh` or `powershell`), copied as is; `text` has no trailing newline. `anchor`, when
   * set, is the block's id for the findings that point at it (`{ file: 'SETUP.md', path: [anchor] }`): unique in the
   * document, resolved to the line of the block's first command (`layoutSetupMarkdown`).
   */
  | { kind: 'code'; language: string; text: string; anchor?: SetupAnchor }
  /** `src` is one of the generated files (the diagram), relative to SETUP.md. */
  | { kind: 'image'; alt: string; src: string };

/** A numbered step: `number` counts from 1 in document order; its blocks come under its title. */
export interface SetupStep {
  kind: 'step';
  number: number;
  title: string;
  blocks: Block[];
}

/** The whole of SETUP.md: the title and introduction, the steps, then the closing sections. */
export interface SetupDoc {
  blocks: (Block | SetupStep)[];
}

/** A text span. */
export const text = (value: string): Inline => ({ kind: 'text', text: value });
/** An inline code span. */
export const code = (value: string): Inline => ({ kind: 'code', text: value });
/** A bold span. */
export const strong = (value: string): Inline => ({ kind: 'strong', text: value });
/** A link; `href` as in {@link Inline}. */
export const link = (label: string, href: string): Inline => ({ kind: 'link', text: label, href });

/** What `spans` accepts between its literal parts: a string is literal text, spans are kept as they are. */
export type SpanValue = string | number | Inline | readonly Inline[];

/**
 * Inline content from a template literal: the literal parts and the string values are text (never parsed), the
 * `Inline` values (`code(...)`, `strong(...)`) are kept. Adjacent texts are merged and empty texts dropped.
 * Example: ``spans`Copy ${code('daemon.json')} to the host.` `` is text, code, text.
 */
export function spans(literals: TemplateStringsArray, ...values: SpanValue[]): Inlines {
  const parts: Inline[] = [];
  literals.forEach((literal, i) => {
    parts.push(text(literal));
    if (i >= values.length) return;
    const value = values[i] as SpanValue;
    if (typeof value === 'string' || typeof value === 'number') parts.push(text(String(value)));
    else if (Array.isArray(value)) parts.push(...(value as readonly Inline[]));
    else parts.push(value as Inline);
  });
  return mergeTexts(parts);
}

/** `items` joined by `separator` (a text), e.g. file names as code spans separated by commas. */
export function joined(items: readonly Inline[], separator: string): Inlines {
  return mergeTexts(items.flatMap((item, i) => (i === 0 ? [item] : [text(separator), item])));
}

/** The same spans with adjacent texts merged and empty texts dropped. */
export function mergeTexts(parts: readonly Inline[]): Inlines {
  const out: Inline[] = [];
  for (const part of parts) {
    if (part.kind === 'text' && part.text === '') continue;
    const last = out[out.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') out[out.length - 1] = text(last.text + part.text);
    else out.push(part);
  }
  return out;
}

/**
 * A text written with Markdown's `code` notation by the core's own authors (the findings' titles, reasons and fix
 * labels), as spans: each pair of backticks makes a code span; an unpaired backtick stays text. Never used on values
 * typed by the user.
 */
export function authoredSpans(value: string): Inlines {
  const parts: Inline[] = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    parts.push(text(value.slice(last, m.index)), code(m[1] ?? ''));
    last = m.index + m[0].length;
  }
  parts.push(text(value.slice(last)));
  return mergeTexts(parts);
}

/** Every command block of the document with the title of its step (`"3. Register the runner"`), in order. */
export function commandBlocks(doc: SetupDoc): { step: string; language: string; text: string }[] {
  const out: { step: string; language: string; text: string }[] = [];
  const visit = (blocks: readonly (Block | SetupStep)[], step: string) => {
    for (const b of blocks) {
      if (b.kind === 'step') visit(b.blocks, stepTitle(b));
      else if (b.kind === 'code') out.push({ step, language: b.language, text: b.text });
    }
  };
  visit(doc.blocks, '');
  return out;
}

/** A step's heading as both renderers show it: `"<number>. <title>"`. */
export const stepTitle = (step: Pick<SetupStep, 'number' | 'title'>): string => `${step.number}. ${step.title}`;
