import { expect } from 'vitest';
import type { Finding } from '../core/findings';

/**
 * The text of a finding's line, checked against its anchor: the line exists, and for a key path ending in a key,
 * the line names that key (a TOML/YAML/JSON key, a command-line option, or a SETUP.md phrase).
 */
export function expectFindingLine(text: string | undefined, f: Finding): string {
  expect(text, `finding ${f.id} in missing file ${f.file}`).toBeDefined();
  const lines = (text ?? '').split('\n');
  expect(f.line, `finding ${f.id} line`).toBeGreaterThanOrEqual(1);
  expect(f.line, `finding ${f.id} line ${f.line} of ${lines.length}`).toBeLessThanOrEqual(lines.length);
  const line = lines[f.line - 1] ?? '';
  if (!f.anchor.startsWith('mark:')) {
    const path = JSON.parse(f.anchor) as (string | number)[];
    const last = path[path.length - 1];
    if (typeof last === 'string') expect(line, `finding ${f.id} at ${f.anchor}`).toContain(last);
  }
  return line;
}
