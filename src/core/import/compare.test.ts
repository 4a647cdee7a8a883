import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../answers';
import { generate } from '../generate';
import { permalinkUrl } from '../permalink';
import { PRESETS } from '../presets';
import { changedAnswers, compareLinks, compareSetups, CompareInputError } from './compare';

const preset = (id: string): Answers => {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.answers;
};

describe('compareSetups', () => {
  it('says every file is the same for the same answers', () => {
    const files = compareSetups(preset('S02'), preset('S02'), 'en');
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      expect(f.status).toBe('same');
      expect(f.hunks).toEqual([]);
      expect(f.before).toBe(f.after);
    }
  });

  it('lists added, removed and changed files; the hunks turn A into B; documents come last', () => {
    const a = preset('S01'); // shell executor: no daemon.json
    const b = { ...preset('S01'), executor: 'docker', method: 'dind' } as Answers;
    const files = compareSetups(a, b, 'en');
    const ga = generate(a).files.map((f) => f.path);
    const gb = generate(b).files.map((f) => f.path);
    for (const f of files) {
      expect(f.status).toBe(
        !ga.includes(f.path) ? 'added' : !gb.includes(f.path) ? 'removed' : f.before === f.after ? 'same' : 'changed',
      );
      if (f.status !== 'same') {
        const patched = applyPatch(f.before, {
          oldFileName: f.path,
          newFileName: f.path,
          hunks: f.hunks,
          oldHeader: '',
          newHeader: '',
        });
        expect(patched, f.path).toBe(f.after);
      }
    }
    expect(files.find((f) => f.path === '.gitlab-ci.yml')?.status).toBe('changed');
    const docs = files.map((f) => f.document);
    expect(docs.indexOf(true)).toBeGreaterThan(0);
    expect(docs.slice(docs.indexOf(true)).every(Boolean)).toBe(true);
    expect(files.slice(-2).map((f) => f.path)).toEqual(['SETUP.md', 'diagram.svg']);
  });

  it('writes the files in the language asked for', () => {
    const ja = compareSetups(preset('S01'), preset('S02'), 'ja');
    expect(ja.find((f) => f.path === '.gitlab-ci.yml')?.after).toContain('GitLab CI Dockerビルドウィザードで生成');
  });
});

describe('changedAnswers', () => {
  it('lists the answers that differ after normalization, with the labels given', () => {
    const a = preset('S02');
    const b = { ...a, dindConnection: 'plain-tcp' } as Answers;
    const changes = changedAnswers(a, b, { dindConnection: { en: 'Connection', ja: '接続' } });
    expect(changes.map((c) => c.key)).toContain('dindConnection');
    const c = changes.find((x) => x.key === 'dindConnection');
    expect(c).toMatchObject({ before: 'tls', after: 'plain-tcp', label: { en: 'Connection', ja: '接続' } });
    expect(changedAnswers(a, a)).toEqual([]);
  });
});

describe('compareLinks', () => {
  it('decodes two permalinks and compares their setups', () => {
    const r = compareLinks(permalinkUrl(preset('S01'), 'https://x.example/'), permalinkUrl(preset('S19')), 'en');
    expect(r.files.some((f) => f.status !== 'same')).toBe(true);
    expect(r.a.method).toBe(preset('S01').method);
    expect(r.b.method).toBe(preset('S19').method);
  });

  it('names the broken link and why', () => {
    const good = permalinkUrl(preset('S01'));
    const bad = `${good.slice(0, -12)}`;
    let error: unknown = null;
    try {
      compareLinks(good, bad, 'en');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompareInputError);
    expect((error as CompareInputError).which).toBe('b');
    expect((error as CompareInputError).message).toMatch(/^second link: /);
    expect((error as CompareInputError).text('ja')).toMatch(/^2つ目のリンク: /);
    expect(() => compareLinks('#c=zz', good, 'en')).toThrow(/^first link: /);
  });
});
