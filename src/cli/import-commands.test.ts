/**
 * The CLI's `lint` and `import` commands on temporary files: output lines, exit statuses (0 / 1 by --fail-on, 2 on
 * unreadable input), the answers file `import` writes (loadable with --answers) and the files it writes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { captureCliOutput, tempDir } from '../testing/cli-output';
import { generate } from '../core/generate';
import { normalize } from '../core/rules';
import { importFiles } from '../core/import';
import { presetById } from '../core/presets';
import { main, readAnswersFile } from './generate';
import { EXIT_UNREADABLE } from './import-commands';

const dir = tempDir('import-cli-');

const { out, err } = captureCliOutput();

function file(name: string, content: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** A preset's generated importable files written into their own folder; their paths. */
function presetFiles(id: string): string[] {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const names = ['.gitlab-ci.yml', 'config.toml', 'values.yaml', 'daemon.json', 'buildkitd.toml'];
  return generate(preset.answers)
    .files.filter((f) => names.includes(f.path))
    .map((f) => file(join(id, f.path), f.content));
}

const RUNNER_WITH_UNKNOWN_KEY = [
  '[[runners]]',
  'name = "build"',
  'url = "https://gitlab.example.com/"',
  'executor = "docker"',
  '  [runners.docker]',
  '  image = "docker:29.6.2-cli"',
  '  privileged = false',
  '  not_a_runner_key = 1',
  '',
].join('\n');

describe('generate lint', () => {
  it('prints one line per finding, SEVERITY id file:line reason; exit 0 below the threshold, 1 at or above it', () => {
    const path = file('unknown/config.toml', RUNNER_WITH_UNKNOWN_KEY);
    expect(main(['lint', path])).toBe(0);
    const line = out.find((l) => l.includes(' unknown-key '));
    expect(line).toMatch(new RegExp(`^MEDIUM unknown-key  ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8  \\S`));
    expect(line).toContain('not_a_runner_key');
    expect(err).toEqual([]);
    out.length = 0;
    expect(main(['lint', path, '--fail-on', 'medium'])).toBe(1);
    expect(out.some((l) => l.startsWith('MEDIUM unknown-key'))).toBe(true);
    expect(main(['lint', path, '--fail-on=low'])).toBe(1);
  });

  it('prints the reasons in Japanese with --lang ja', () => {
    const path = file('unknown-ja/config.toml', RUNNER_WITH_UNKNOWN_KEY);
    main(['lint', path, '--lang', 'ja']);
    const line = out.find((l) => l.includes(' unknown-key ')) ?? '';
    expect(line).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('exit 2 with a one-line reason on stderr: missing file, unknown kind, parse error', () => {
    expect(main(['lint', join(dir, 'missing.yml')])).toBe(EXIT_UNREADABLE);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error: cannot read .*missing\.yml: ENOENT$/);
    err.length = 0;
    expect(main(['lint', file('notes.txt', 'just some notes\n')])).toBe(EXIT_UNREADABLE);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/notes\.txt: unknown kind/);
    err.length = 0;
    const broken = file('broken/.gitlab-ci.yml', 'build:\n  script: [unclosed\n');
    expect(main(['lint', broken])).toBe(EXIT_UNREADABLE);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^error: .*\.gitlab-ci\.yml:\d+: /);
    expect(err[0]).not.toContain('\n');
  });

  it('usage errors exit 1', () => {
    expect(main(['lint'])).toBe(1);
    expect(main(['lint', 'x.yml', '--fail-on', 'severe'])).toBe(1);
    expect(err.join('\n')).toContain('--fail-on must be one of critical, high, medium, low, info');
  });

  it('reads a zip archive as its files', () => {
    const zip = join(dir, 'setup.zip');
    writeFileSync(zip, zipSync({ 'config.toml': strToU8(RUNNER_WITH_UNKNOWN_KEY) }));
    expect(main(['lint', zip, '--fail-on', 'medium'])).toBe(1);
    expect(out.some((l) => /^MEDIUM unknown-key {2}config\.toml:8 {2}/.test(l))).toBe(true);
  });
});

describe('generate import', () => {
  it('writes answers that --answers loads and that give back the preset, and the files with --out', () => {
    const paths = presetFiles('S08');
    const answersOut = join(dir, 'S08-answers.json');
    const outDir = join(dir, 'S08-fixed');
    expect(main(['import', ...paths, '--answers-out', answersOut, '--out', outDir])).toBe(0);
    expect(out).toContain(`wrote ${answersOut}`);
    const loaded = readAnswersFile(answersOut);
    const preset = presetById('S08');
    expect(normalize(loaded)).toEqual(normalize(preset?.answers ?? loaded));
    // The fixed files (the user's files with the build parts adopted) describe the same setup.
    const written = ['.gitlab-ci.yml', 'config.toml'].map((name) => ({
      path: name,
      content: readFileSync(join(outDir, name), 'utf8'),
    }));
    expect(normalize(importFiles(written).answers)).toEqual(normalize(loaded));
    expect(existsSync(join(outDir, 'SETUP.md'))).toBe(true);
    // The answers were read from lines of the files.
    expect(out.some((l) => /^ {2}method = "socket" {2}\(.*config\.toml:\d+\)$/.test(l))).toBe(true);
  });

  it('writes the fixed files into a zip with --zip', () => {
    const paths = presetFiles('S24');
    const zip = join(dir, 'S24.zip');
    expect(main(['import', ...paths, '--answers-out', join(dir, 'S24.json'), '--zip', zip])).toBe(0);
    const entries = unzipSync(new Uint8Array(readFileSync(zip)));
    expect(Object.keys(entries)).toContain('.gitlab-ci.yml');
    expect(Object.keys(entries)).toContain('permalink.txt');
  });

  it('needs --answers-out; unreadable input exits 2', () => {
    expect(main(['import', file('a/config.toml', RUNNER_WITH_UNKNOWN_KEY)])).toBe(1);
    expect(err.join('\n')).toContain('--answers-out is required');
    err.length = 0;
    expect(main(['import', join(dir, 'nope.toml'), '--answers-out', join(dir, 'x.json')])).toBe(EXIT_UNREADABLE);
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});
