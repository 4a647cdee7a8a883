/**
 * The reference for the YAML line index: lines read with the `yaml` library's own parser (keys and items by their
 * source ranges). The fast index in `src/core/render/line-index.ts` must agree with it on every generated file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/**
 * Every key path of the document with the parser's line for it: a map entry's key line, a sequence item's first
 * line (the first content line for a block scalar item).
 */
export function parsedYamlLines(text: string): Map<string, number> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const out = new Map<string, number>();
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node))
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const p = [...path, pair.key.value as string];
        out.set(JSON.stringify(p), lineAt(pair.key.range[0]));
        walk(pair.value, p);
      }
    else if (isSeq(node))
      node.items.forEach((item, i) => {
        const n = item as Node;
        if (!n.range) return;
        const block = isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED');
        const p = [...path, i];
        out.set(JSON.stringify(p), lineAt(n.range[0]) + (block ? 1 : 0));
        walk(n, p);
      });
  };
  walk(doc.contents, []);
  return out;
}
