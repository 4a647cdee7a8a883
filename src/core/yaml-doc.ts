/** Serializes plain data to YAML with comments attached to keys and list items. */
import { Document, isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';

/** Map keys and sequence indexes from the document's root to the node a comment goes before. */
export type CommentPath = (string | number)[];

/** A comment before the key (or list item) at `path`; each line of `text` becomes a `#` line. */
export interface YamlComment {
  path: CommentPath;
  text: string;
}

/** Block scalars stay readable; long lines are never folded (a folded shell line is a different command). */
const STRINGIFY_OPTIONS = { lineWidth: 0, minContentWidth: 0, indentSeq: true } as const;

function nodeAt(doc: Document, path: CommentPath): Node | null {
  let node: unknown = doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) return null;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return null;
  }
  return (node as Node) ?? null;
}

/** The key node of a map entry (comments before a key read best). */
function keyNodeAt(doc: Document, path: CommentPath): Node | null {
  if (path.length === 0) return null;
  const parent = nodeAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    return (pair?.key as Node) ?? null;
  }
  if (isSeq(parent) && typeof last === 'number') return (parent.items[last] as Node) ?? null;
  return null;
}

/**
 * GitLab reads YAML 1.1 with Ruby Psych: plain `yes`, `on`, `1:20`, `1_000`, `1,000`, `0b1`, `2001-12-14` or `:x`
 * are booleans, integers, dates or symbols there, not strings (a runner tag `yes` becomes `true`). Such strings are
 * quoted; the yaml library already quotes what YAML 1.2 would resolve.
 */
export function psychResolvesPlain(s: string): boolean {
  return (
    /^(?:y|n|yes|no|true|false|on|off|~|null)$/i.test(s) ||
    /^[-+]?\.(?:inf|nan)$/i.test(s) ||
    /^[-+]?0x[0-9a-f_,]+$/i.test(s) ||
    /^[-+]?0b[01_,]+$/i.test(s) ||
    /^[-+]?[0-9.][0-9_,.:]*(?:e[-+]?[0-9]+)?$/i.test(s) ||
    // An exponent without digits before it (`E0`): a string for Psych, a number for YAML 1.1 readers that are
    // more lenient; quoted so that every reader agrees.
    /^[-+]?\.?e[-+]?[0-9]+$/i.test(s) ||
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])/.test(s) ||
    /^:/.test(s) ||
    s === '<<' ||
    s === '='
  );
}

/**
 * Serializes plain data as YAML GitLab reads as written: Psych-ambiguous strings quoted, multi-line strings as
 * literal blocks, no aliases, no folding, a blank line between top-level keys. A comment whose path is missing is
 * skipped; `header` becomes the leading `#` lines.
 */
export function toYaml(data: unknown, comments: YamlComment[] = [], header?: string): string {
  // No anchors/aliases: every job stays readable and copyable on its own.
  const doc = new Document(data, { aliasDuplicateObjects: false });
  // Multi-line strings as literal blocks: every line is kept as written.
  const visit = (node: unknown): void => {
    if (isMap(node) || isSeq(node))
      for (const item of node.items) visit(isMap(node) ? (item as { value: unknown }).value : item);
    else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n'))
      node.type = Scalar.BLOCK_LITERAL;
    else if (isScalar(node) && typeof node.value === 'string' && psychResolvesPlain(node.value))
      node.type = Scalar.QUOTE_DOUBLE;
  };
  visit(doc.contents);
  // A blank line between top-level blocks (jobs, variables, ...).
  if (isMap(doc.contents))
    doc.contents.items.forEach((pair, i) => {
      if (i > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  for (const c of comments) {
    const target = keyNodeAt(doc, c.path);
    if (!target) continue;
    const lines = c.text.split('\n').map((l) => ` ${l}`);
    target.commentBefore = target.commentBefore ? `${target.commentBefore}\n${lines.join('\n')}` : lines.join('\n');
  }
  if (header)
    doc.commentBefore = header
      .split('\n')
      .map((l) => ` ${l}`)
      .join('\n');
  return doc.toString(STRINGIFY_OPTIONS);
}
