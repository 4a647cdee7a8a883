/**
 * SECURITY.md's tables of bad inputs are produced by the tests that try them: each suite records one row per kind
 * of input (how many cases, what happened) and compares its table with the one in SECURITY.md, between
 * `<!-- table:NAME -->` and `<!-- /table:NAME -->`. `UPDATE_SECURITY=1` rewrites the table instead (then review
 * the diff). Counts are fixed (seeded generators), so the table only changes when the suites do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecurityRow {
  input: string;
  cases: number;
  outcome: string;
}

const FILE = join(import.meta.dirname, '..', '..', 'SECURITY.md');

export const count = (n: number) => n.toLocaleString('en-US');

export function renderTable(rows: SecurityRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const total = rows.reduce((n, r) => n + r.cases, 0);
  return [
    '| Bad input | Cases | Outcome |',
    '|---|--:|---|',
    ...rows.map((r) => `| ${cell(r.input)} | ${count(r.cases)} | ${cell(r.outcome)} |`),
    `| **Total** | **${count(total)}** | |`,
  ].join('\n');
}

/** The table in SECURITY.md and the one the suite produced; with UPDATE_SECURITY=1, writes the produced one. */
export function securityTable(name: string, rows: SecurityRow[]): { documented: string; produced: string } {
  const produced = renderTable(rows);
  const open = `<!-- table:${name} -->`;
  const close = `<!-- /table:${name} -->`;
  const doc = readFileSync(FILE, 'utf8');
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start === -1 || end < start) throw new Error(`SECURITY.md has no ${open} ... ${close} section`);
  const documented = doc.slice(start + open.length, end).trim();
  if (process.env.UPDATE_SECURITY === '1' && documented !== produced) {
    writeFileSync(FILE, `${doc.slice(0, start + open.length)}\n${produced}\n${doc.slice(end)}`);
    return { documented: produced, produced };
  }
  return { documented, produced };
}
