import { expect } from 'vitest';
import type { Finding } from '../core/findings';
import type { Block, SetupDoc, SetupStep } from '../core/setup/types';

/** The code blocks of SETUP.md that carry `anchor`, in document order. */
function anchoredCode(setup: SetupDoc, anchor: string): Extract<Block, { kind: 'code' }>[] {
  const out: Extract<Block, { kind: 'code' }>[] = [];
  const visit = (blocks: readonly (Block | SetupStep)[]) => {
    for (const b of blocks) {
      if (b.kind === 'step') visit(b.blocks);
      else if (b.kind === 'code' && b.anchor === anchor) out.push(b);
    }
  };
  visit(setup.blocks);
  return out;
}

/**
 * The text of a finding's line, checked against its anchor: the line exists, and for a key path ending in a key,
 * the line names that key (a TOML/YAML/JSON key, a command-line option). A finding on SETUP.md names a block of
 * the document (`setup`, required then): exactly one code block carries that anchor, and the line is that block's
 * first command, right under its opening fence.
 */
export function expectFindingLine(text: string | undefined, f: Finding, setup?: SetupDoc): string {
  expect(text, `finding ${f.id} in missing file ${f.file}`).toBeDefined();
  const lines = (text ?? '').split('\n');
  expect(f.line, `finding ${f.id} line`).toBeGreaterThanOrEqual(1);
  expect(f.line, `finding ${f.id} line ${f.line} of ${lines.length}`).toBeLessThanOrEqual(lines.length);
  const line = lines[f.line - 1] ?? '';
  if (f.anchor.startsWith('mark:')) return line;
  const path = JSON.parse(f.anchor) as (string | number)[];
  const last = path[path.length - 1];
  if (f.file === 'SETUP.md') {
    expect(setup, `finding ${f.id} on SETUP.md: the document is needed to check its anchor`).toBeDefined();
    expect(path, `finding ${f.id}: a SETUP.md anchor is one block id`).toHaveLength(1);
    const blocks = anchoredCode(setup ?? { blocks: [] }, String(last));
    expect(blocks, `finding ${f.id}: blocks anchored ${f.anchor}`).toHaveLength(1);
    expect(line, `finding ${f.id} at ${f.anchor}`).toBe(blocks[0]?.text.split('\n')[0]);
    expect(lines[f.line - 2] ?? '', `finding ${f.id} at ${f.anchor}: the line above is the fence`).toMatch(/^```/);
  } else if (typeof last === 'string') expect(line, `finding ${f.id} at ${f.anchor}`).toContain(last);
  return line;
}
