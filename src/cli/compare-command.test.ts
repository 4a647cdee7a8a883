/**
 * The CLI's `compare` command: exit 0 when the setups are the same, 1 when they differ (a unified diff per file and
 * the answers that differ), 2 on bad input (a broken link or answers file, named; a bad command line).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { captureCliOutput, tempDir } from '../testing/cli-output';
import { generate } from '../core/generate';
import { permalinkUrl } from '../core/permalink';
import { presetById } from '../core/presets';
import { main } from './generate';
import { EXIT_BAD_INPUT, EXIT_DIFFERENT, EXIT_SAME } from './compare-command';

const dir = tempDir('compare-cli-');

const { out, err } = captureCliOutput({ stdout: true });

const answers = (id: string) => {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.answers;
};

describe('npm run generate -- compare', () => {
  it('exits 0 and says so when both setups are the same (a link and an answers file)', () => {
    const file = join(dir, 's02.json');
    writeFileSync(file, JSON.stringify({ version: 3, answers: answers('S02') }));
    expect(main(['compare', permalinkUrl(answers('S02'), 'https://example.com/'), file])).toBe(EXIT_SAME);
    expect(out.join('\n')).toContain('The answers are the same.');
    expect(out.join('\n')).toMatch(/Every file is the same/);
  });

  it('exits 1 with the answers that differ (labelled) and a unified diff that turns A into B', () => {
    const a = answers('S01');
    const b = answers('S19');
    expect(main(['compare', permalinkUrl(a), permalinkUrl(b)])).toBe(EXIT_DIFFERENT);
    const text = out.join('\n');
    expect(text).toMatch(/Build method \(method\): "host" -> "buildah"/);
    const patches = parsePatch(out.filter((l) => l.startsWith('=====') || l.startsWith('---')).join(''));
    const ci = patches.find((p) => p.newFileName === 'b/.gitlab-ci.yml');
    expect(ci?.hunks.length).toBeGreaterThan(0);
    // Every file only B has is shown as added from /dev/null.
    const onlyB = generate(b).files.filter((f) => !generate(a).files.some((g) => g.path === f.path));
    for (const f of onlyB) expect(text).toContain(`--- /dev/null\n+++ b/${f.path}`);
  });

  it('prints in Japanese with --lang ja', () => {
    expect(main(['compare', permalinkUrl(answers('S01')), permalinkUrl(answers('S02')), '--lang', 'ja'])).toBe(
      EXIT_DIFFERENT,
    );
    expect(out.join('\n')).toContain('異なる回答');
  });

  it('exits 2 naming the broken input and why', () => {
    const good = permalinkUrl(answers('S01'));
    expect(main(['compare', good, `${good.slice(0, -10)}`])).toBe(EXIT_BAD_INPUT);
    expect(err.join('\n')).toMatch(/^error: second link: the link is /);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"answers": {"method": "nope"}}');
    expect(main(['compare', bad, good])).toBe(EXIT_BAD_INPUT);
    expect(err.join('\n')).toContain(`first input ${bad}: `);
    expect(main(['compare', good])).toBe(EXIT_BAD_INPUT);
    expect(main(['compare', good, good, '--frobnicate'])).toBe(EXIT_BAD_INPUT);
  });
});
