/**
 * What the CLI tests share: a temporary folder removed after the file's tests, and the console output of `main()`
 * captured per test (`console.log` and, with `stdout`, `process.stdout.write` into `out`; `console.error` into `err`).
 * The arrays are emptied before each test; a test empties them itself with `out.length = 0`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, vi } from 'vitest';

/** A fresh folder under the system's temporary folder (`prefix` names it), removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The lines the CLI prints, captured from each test's start (see the module comment). */
export function captureCliOutput(options: { stdout?: boolean } = {}): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
    if (options.stdout)
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out.push(String(chunk));
        return true;
      });
  });
  return { out, err };
}
