/**
 * The one-command hand-over of the runner host's files: the command, run in a real POSIX shell with the system's
 * base64 and tar, writes exactly the host files, byte for byte, for every preset; the repository's files and the
 * documents are not in it; the archive is deterministic.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../core/generate';
import { HOST_DIR, hostArchive, hostFiles, hostFilesCommand } from '../core/host-command';
import { PRESETS } from '../core/presets';

const root = mkdtempSync(join(tmpdir(), 'host-command-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const walk = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );

describe('hostFilesCommand', () => {
  for (const p of PRESETS) {
    it(`${p.id}: sh writes exactly the runner host's files`, () => {
      const { files } = generate(p.answers);
      const command = hostFilesCommand(files, 'sh');
      const host = hostFiles(files);
      if (host.length === 0) {
        expect(command).toBeNull();
        return;
      }
      expect(host.map((f) => f.path)).not.toContain('.gitlab-ci.yml');
      expect(host.map((f) => f.path)).not.toContain('SETUP.md');
      const cwd = mkdtempSync(join(root, `${p.id}-`));
      execFileSync('sh', ['-c', command ?? ''], { cwd, stdio: 'pipe' });
      const written = walk(join(cwd, HOST_DIR)).sort();
      expect(written).toEqual(host.map((f) => f.path).sort());
      for (const f of host) expect(readFileSync(join(cwd, HOST_DIR, f.path), 'utf8'), f.path).toBe(f.content);
    });
  }

  it('is deterministic and the PowerShell form carries the same payload', () => {
    const preset = PRESETS.find((x) => x.id === 'S02');
    if (!preset) throw new Error('no S02');
    const { files } = generate(preset.answers);
    expect(hostArchive(hostFiles(files))).toEqual(hostArchive(hostFiles(files)));
    const sh = hostFilesCommand(files, 'sh') ?? '';
    const ps = hostFilesCommand(files, 'powershell') ?? '';
    const payload = /'([A-Za-z0-9+/=]{40,})'/.exec(sh)?.[1];
    expect(payload).toBeTruthy();
    expect(ps).toContain(`FromBase64String('${payload}')`);
  });
});
