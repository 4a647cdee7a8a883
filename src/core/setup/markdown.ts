/**
 * SETUP.md from the `SetupDoc`: GitHub-flavoured Markdown, laid out exactly as the file has always been (the golden
 * files freeze it). Text is written as it is; what the syntax needs is escaped where it is needed: `|` in table
 * cells, backticks inside inline code, fences around code that holds backticks.
 */
import type { Block, Inline, Inlines, SetupDoc, SetupStep } from './types';
import { stepTitle } from './types';

/** The longest run of backticks in `value` (0 when there is none). */
function longestBacktickRun(value: string): number {
  let longest = 0;
  for (const run of value.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span: `` `x` ``, or, when `x` holds backticks, a longer run of backticks around it with a space on
 * each side (CommonMark strips one space on each side, so the code reads back as `x`).
 */
export function inlineCode(value: string): string {
  const run = longestBacktickRun(value);
  if (run === 0) return `\`${value}\``;
  const fence = '`'.repeat(run + 1);
  return `${fence} ${value} ${fence}`;
}

/** A link's label or an image's alternative text: brackets escaped so that they cannot close it early. */
const label = (value: string): string => value.replace(/[[\]\\]/g, (c) => `\\${c}`);
/** A link's or an image's destination: in angle brackets when it holds spaces, parentheses or angle brackets. */
const destination = (href: string): string => (/[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURI)}>` : href);

function inline(span: Inline): string {
  switch (span.kind) {
    case 'text':
      return span.text;
    case 'code':
      return inlineCode(span.text);
    case 'strong':
      return `**${span.text}**`;
    case 'link':
      // A link whose label is its address is written bare: GitHub and GitLab link an absolute address by themselves.
      return span.text === span.href ? span.href : `[${label(span.text)}](${destination(span.href)})`;
  }
}

/** Inline content on one line. */
export const inlines = (content: Inlines): string => content.map(inline).join('');

/** A table cell: `|` escaped (inside code spans too, as GitHub-flavoured Markdown requires), line breaks as spaces. */
const cell = (content: Inlines): string => inlines(content).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const row = (cells: Inlines[]): string => `| ${cells.map(cell).join(' | ')} |`;

/** A fenced code block; the fence is longer than any run of backticks in the code. */
function fenced(language: string, body: string): string[] {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return [fence + language, body, fence];
}

/** One block's lines, without the blank lines around it. */
function blockLines(block: Block | SetupStep): string[] {
  switch (block.kind) {
    case 'step':
      return [`## ${stepTitle(block)}`];
    case 'heading':
      return [`${'#'.repeat(block.level)} ${block.text}`];
    case 'paragraph':
      return [inlines(block.inlines)];
    case 'list':
      return block.items.map((item) => `- ${inlines(item)}`);
    case 'table':
      return [row(block.head), `|${block.head.map(() => '---|').join('')}`, ...block.rows.map(row)];
    case 'code':
      return fenced(block.language, block.text);
    case 'image':
      return [`![${label(block.alt)}](${destination(block.src)})`];
  }
}

/** The blocks in reading order: a step's heading (the step itself) then its blocks. */
function flatten(blocks: readonly (Block | SetupStep)[]): (Block | SetupStep)[] {
  return blocks.flatMap((b) => (b.kind === 'step' ? [b, ...flatten(b.blocks)] : [b]));
}

const isHeading = (b: Block | SetupStep): boolean => b.kind === 'heading' || b.kind === 'step';

/**
 * Blank lines between two consecutive blocks: one, plus one after a code block, plus one before a code block that
 * comes right under a heading. (The file's layout since its first version, frozen by the golden files.)
 */
function blankLinesBetween(before: Block | SetupStep, after: Block | SetupStep): number {
  return 1 + (before.kind === 'code' ? 1 : 0) + (isHeading(before) && after.kind === 'code' ? 1 : 0);
}

/** SETUP.md as text, with the line of each anchored block. */
export interface SetupMarkdown {
  /** The file's text, ending with one newline. */
  text: string;
  /** Anchor id (a code block's `anchor`) -> the 1-based line of the block's first content line (after the fence). */
  anchors: ReadonlyMap<string, number>;
}

/**
 * SETUP.md laid out: every block in order, steps as `## <n>. <title>`, ending with one newline, and the line where
 * each anchored block's content starts (what the findings on SETUP.md point at).
 * Shape: `# Title`, blank line, paragraph, ... Tables are GitHub-flavoured (`| a | b |`, `|---|---|`).
 * Throws when two blocks carry the same anchor (a finding could not tell them apart).
 */
export function layoutSetupMarkdown(doc: SetupDoc): SetupMarkdown {
  const lines: string[] = [];
  const anchors = new Map<string, number>();
  let previous: Block | SetupStep | undefined;
  for (const block of flatten(doc.blocks)) {
    if (previous) for (let i = blankLinesBetween(previous, block); i > 0; i--) lines.push('');
    if (block.kind === 'code' && block.anchor !== undefined) {
      if (anchors.has(block.anchor)) throw new Error(`SETUP.md: two blocks carry the anchor ${block.anchor}`);
      // The fence is on the next line (lines.length + 1, 1-based), the first command on the one after it.
      anchors.set(block.anchor, lines.length + 2);
    }
    // One entry per line of the file: a code block's body (or a paragraph) may hold line breaks.
    for (const line of blockLines(block)) lines.push(...line.split('\n'));
    previous = block;
  }
  return { text: `${lines.join('\n')}\n`, anchors };
}

/** SETUP.md's text: `layoutSetupMarkdown(doc).text` (throws as it does). */
export function renderSetupMarkdown(doc: SetupDoc): string {
  return layoutSetupMarkdown(doc).text;
}
