/**
 * Runs the `IMAGE_TAGS` snippet of `src/core/tags.ts` in real shells over a table of refs (issue 14, "Tags from git"):
 * dash (`/bin/sh`) with mawk and nawk, and BusyBox `sh` with BusyBox `awk` (the shell of kaniko's debug image and of
 * Alpine) when `/bin/busybox` exists. `git tag --list` is a stand-in on PATH that prints the table's tag list, except
 * in one case that uses a real repository. The environment is built from scratch, so a CI run of this project does
 * not leak its own `CI_*` variables into the cases.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TAG_SCHEME, tagsScript, type TagScheme } from '../core/tags';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4';
const SHORT = SHA.slice(0, 8);

/** GitLab's CI_COMMIT_REF_SLUG: lowercased, `[^a-z0-9]` to `-`, first 63 bytes, no leading/trailing `-`. */
function slug(ref: string): string {
  return ref
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
}

interface Case {
  name: string;
  tag?: string;
  branch?: string;
  mr?: string;
  /** The output of `git tag --list`; null: git fails. */
  tags?: string[] | null;
  scheme?: Partial<TagScheme>;
  want: string;
}

const CASES: Case[] = [
  { name: 'stable release', tag: 'v1.4.2', tags: ['v1.3.9', 'v1.4.1', 'v1.4.2'], want: `1.4.2 1.4 1 latest ${SHA}` },
  { name: 'version without the prefix', tag: '1.4.2', tags: ['1.4.2'], want: `1.4.2 1.4 1 latest ${SHA}` },
  { name: '0.x: no bare 0', tag: 'v0.4.2', tags: ['v0.3.0', 'v0.4.2'], want: `0.4.2 0.4 latest ${SHA}` },
  { name: '0.x lower minor', tag: 'v0.3.1', tags: ['v0.3.0', 'v0.3.1', 'v0.4.0'], want: `0.3.1 0.3 ${SHA}` },
  {
    name: 'pre-release only gets itself',
    tag: 'v2.0.0-rc.1',
    tags: ['v1.4.2', 'v2.0.0-rc.1'],
    want: `2.0.0-rc.1 ${SHA}`,
  },
  {
    name: 'build metadata dropped',
    tag: 'v1.4.2+build.5',
    tags: ['v1.4.2+build.5'],
    want: `1.4.2 1.4 1 latest ${SHA}`,
  },
  {
    name: 'pre-release with build metadata',
    tag: 'v1.0.0-alpha.1+exp.sha.5114f85',
    tags: ['v1.0.0-alpha.1+exp.sha.5114f85'],
    want: `1.0.0-alpha.1 ${SHA}`,
  },
  { name: 'not semver: slug', tag: 'Release_2024.05', tags: ['Release_2024.05'], want: `release-2024-05 ${SHA}` },
  { name: 'two-part version is not semver', tag: 'v1.4', tags: ['v1.4'], want: `v1-4 ${SHA}` },
  { name: 'leading zero is not semver', tag: 'v01.2.3', tags: ['v01.2.3'], want: `v01-2-3 ${SHA}` },
  {
    name: 'numeric pre-release with a leading zero is not semver',
    tag: 'v1.0.0-01',
    tags: ['v1.0.0-01'],
    want: `v1-0-0-01 ${SHA}`,
  },
  { name: 'empty build metadata is not semver', tag: 'v1.0.0+', tags: ['v1.0.0+'], want: `v1-0-0 ${SHA}` },
  { name: 'tag whose slug is empty', tag: '---', tags: ['---'], want: SHA },
  { name: 'branch with slashes', branch: 'feature/Login-Form', want: `feature-login-form ${SHA}` },
  { name: 'default branch', branch: 'main', want: `main ${SHA}` },
  { name: 'merge request pipeline', mr: '42', want: `mr-42 ${SHA}` },
  {
    name: 'lower stable pushed after a higher one',
    tag: 'v1.3.10',
    tags: ['v1.3.9', 'v1.3.10', 'v1.4.0'],
    want: `1.3.10 1.3 ${SHA}`,
  },
  { name: 'lower patch pushed after a higher one', tag: 'v1.4.1', tags: ['v1.4.1', 'v1.4.2'], want: `1.4.1 ${SHA}` },
  {
    name: 'numeric, not lexical order',
    tag: 'v1.10.0',
    tags: ['v1.9.0', 'v1.10.0'],
    want: `1.10.0 1.10 1 latest ${SHA}`,
  },
  { name: 'higher major exists', tag: 'v2.0.0', tags: ['v2.0.0', 'v10.0.0'], want: `2.0.0 2.0 2 ${SHA}` },
  {
    name: 'a higher pre-release does not hold latest back',
    tag: 'v1.4.2',
    tags: ['v1.4.2', 'v1.5.0-beta.1', 'v2.0.0-rc.1'],
    want: `1.4.2 1.4 1 latest ${SHA}`,
  },
  {
    name: 'same version with and without prefix',
    tag: 'v1.4.2',
    tags: ['1.4.2', 'v1.4.2'],
    want: `1.4.2 1.4 1 latest ${SHA}`,
  },
  {
    name: 'versions beyond 2^53 compare exactly',
    tag: 'v1.0.9007199254740992',
    tags: ['v1.0.9007199254740992', 'v1.0.9007199254740993'],
    want: `1.0.9007199254740992 ${SHA}`,
  },
  { name: 'git fails: no moving tag', tag: 'v1.4.2', tags: null, want: `1.4.2 ${SHA}` },
  {
    name: 'custom prefix ignores other tags',
    tag: 'release/3.1.0',
    tags: ['release/3.0.0', 'release/3.1.0', 'v9.0.0'],
    scheme: { prefix: 'release/' },
    want: `3.1.0 3.1 3 latest ${SHA}`,
  },
  {
    name: 'empty prefix: v1.2.3 is not a version',
    tag: 'v1.2.3',
    tags: ['v1.2.3'],
    scheme: { prefix: '' },
    want: `v1-2-3 ${SHA}`,
  },
  { name: 'short SHA', branch: 'main', scheme: { sha: 'short' }, want: `main ${SHORT}` },
  {
    name: 'no SHA, no latest',
    tag: 'v1.4.2',
    tags: ['v1.4.2'],
    scheme: { sha: 'none', latest: false },
    want: '1.4.2 1.4 1',
  },
  { name: 'no SHA on a non-matching pipeline', scheme: { sha: 'none' }, want: '' },
  // Issue 14 "Done when": at least 30 refs (stable, pre-release, 0.x, prefixed, branches, merge requests).
  { name: '0.0.x: only 0.0', tag: 'v0.0.3', tags: ['v0.0.1', 'v0.0.3'], want: `0.0.3 0.0 latest ${SHA}` },
  { name: '0.x pre-release', tag: 'v0.9.0-beta.2', tags: ['v0.8.0', 'v0.9.0-beta.2'], want: `0.9.0-beta.2 ${SHA}` },
  {
    name: 'patch of an older minor: its X.Y only',
    tag: 'v1.3.10',
    tags: ['v1.3.9', 'v1.3.10', 'v1.4.2'],
    want: `1.3.10 1.3 ${SHA}`,
  },
  {
    name: 'monorepo prefix with a slash',
    tag: 'app/v3.1.0',
    tags: ['app/v3.0.0', 'app/v3.1.0', 'lib/v9.0.0'],
    scheme: { prefix: 'app/v' },
    want: `3.1.0 3.1 3 latest ${SHA}`,
  },
  { name: 'release candidate with hyphens', tag: 'v1.5.0-rc-1', tags: ['v1.4.2'], want: `1.5.0-rc-1 ${SHA}` },
  { name: 'branch named like a version', branch: 'release/1.4', want: `release-1-4 ${SHA}` },
  { name: 'merge request wins over its source branch', mr: '7', branch: 'feature/x', want: `mr-7 ${SHA}` },
];

let dir = '';

/** The shells to run, each with the directory holding its `awk`. */
interface Runner {
  label: string;
  shell: string[];
  awkDir: string;
}
const runners: Runner[] = [];

function linkAwk(name: string, target: string): string {
  const d = join(dir, `awk-${name}`);
  mkdirSync(d);
  symlinkSync(target, join(d, 'awk'));
  return d;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'git-tags-'));
  mkdirSync(join(dir, 'fake'));
  // The stand-in answers `git tag --list` only: the snippet must not need anything else.
  writeFileSync(
    join(dir, 'fake', 'git'),
    '#!/bin/sh\n[ "$*" = "tag --list" ] || exit 2\n[ -z "${FAKE_GIT_FAIL:-}" ] || exit 128\nprintf "%s" "$FAKE_TAGS"\n',
  );
  chmodSync(join(dir, 'fake', 'git'), 0o755);
  for (const awk of ['/usr/bin/mawk', '/usr/bin/nawk', '/usr/bin/gawk'])
    if (existsSync(awk)) runners.push({ label: `sh + ${awk}`, shell: ['/bin/sh'], awkDir: linkAwk(awk.slice(9), awk) });
  if (existsSync('/bin/busybox'))
    runners.push({
      label: 'busybox sh + awk',
      shell: ['/bin/busybox', 'sh'],
      awkDir: linkAwk('busybox', '/bin/busybox'),
    });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the snippet and returns `IMAGE_TAGS` and stderr. `gitDir`: use the real git in that repository. */
function run(r: Runner, c: Omit<Case, 'want' | 'name'>, gitDir?: string): { tags: string; stderr: string } {
  const script = tagsScript({ ...DEFAULT_TAG_SCHEME, ...c.scheme }).join('\n');
  const env: Record<string, string> = {
    PATH: gitDir ? `${r.awkDir}:/usr/bin:/bin` : `${join(dir, 'fake')}:${r.awkDir}:/usr/bin:/bin`,
    CI_COMMIT_SHA: SHA,
    CI_COMMIT_SHORT_SHA: SHORT,
    CI_DEFAULT_BRANCH: 'main',
    FAKE_TAGS: (c.tags ?? []).join('\n'),
  };
  if (c.tags === null) env.FAKE_GIT_FAIL = '1';
  if (c.tag !== undefined) Object.assign(env, { CI_COMMIT_TAG: c.tag, CI_COMMIT_REF_SLUG: slug(c.tag) });
  if (c.branch !== undefined) Object.assign(env, { CI_COMMIT_BRANCH: c.branch, CI_COMMIT_REF_SLUG: slug(c.branch) });
  if (c.mr !== undefined) Object.assign(env, { CI_MERGE_REQUEST_IID: c.mr, CI_COMMIT_REF_SLUG: 'feature-x' });
  const [cmd = '', ...args] = r.shell;
  const res = spawnSync(cmd, [...args, '-c', `${script}\nprintf '[%s]' "$IMAGE_TAGS"`], {
    env,
    cwd: gitDir ?? dir,
    encoding: 'utf8',
  });
  expect(res.status, res.stderr).toBe(0);
  const m = /^\[(.*)\]$/s.exec(res.stdout);
  expect(m, res.stdout).not.toBeNull();
  return { tags: m?.[1] ?? '', stderr: res.stderr };
}

describe('IMAGE_TAGS snippet', () => {
  it('has at least 20 cases and one runner', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(runners.length).toBeGreaterThan(0);
  });

  for (const c of CASES)
    it(c.name, () => {
      for (const r of runners) expect(run(r, c).tags, r.label).toBe(c.want);
    });

  it('says why it gives no moving tag when git fails', () => {
    for (const r of runners) expect(run(r, { tag: 'v1.4.2', tags: null }).stderr).toMatch(/git tag --list failed/);
  });

  it('reads the tags of a real repository', () => {
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'x');
    for (const t of ['v1.4.2', 'v1.5.0', 'v2.0.0-rc.1']) git('tag', t);
    for (const r of runners) {
      expect(run(r, { tag: 'v1.5.0' }, repo).tags, r.label).toBe(`1.5.0 1.5 1 latest ${SHA}`);
      expect(run(r, { tag: 'v1.4.2' }, repo).tags, r.label).toBe(`1.4.2 1.4 ${SHA}`);
    }
  });

  it('agrees with the semver package on which tags move', () => {
    // Deterministic pseudo-random lists of versions; the oracle is node-semver's ordering of the stable ones.
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const r = runners[0];
    if (!r) throw new Error('no shell to run');
    for (let i = 0; i < 40; i++) {
      const list = Array.from({ length: 1 + rnd(6) }, () => {
        const v = `${rnd(3)}.${rnd(3)}.${rnd(12)}`;
        return rnd(4) === 0 ? `${v}-rc.${rnd(3)}` : v;
      });
      const pushed = list[rnd(list.length)] ?? '0.0.0';
      const stable = list.filter((v) => semver.prerelease(v) === null);
      const higher = (same: (v: string) => boolean) => stable.some((v) => same(v) && semver.gt(v, pushed));
      const want = [pushed];
      if (semver.prerelease(pushed) === null) {
        const [M, m] = [semver.major(pushed), semver.minor(pushed)];
        if (!higher((v) => semver.major(v) === M && semver.minor(v) === m)) want.push(`${M}.${m}`);
        if (M !== 0 && !higher((v) => semver.major(v) === M)) want.push(`${M}`);
        if (!higher(() => true)) want.push('latest');
      }
      want.push(SHA);
      const tags = list.map((v) => `v${v}`);
      expect(run(r, { tag: `v${pushed}`, tags }).tags, JSON.stringify({ pushed, tags })).toBe(want.join(' '));
    }
  });

  it('passes shellcheck -s sh', () => {
    const sc = ['/usr/bin/shellcheck', '/usr/local/bin/shellcheck'].find((p) => existsSync(p));
    if (!sc) return;
    for (const scheme of [DEFAULT_TAG_SCHEME, { prefix: 'release/', sha: 'none', latest: false } as const]) {
      const res = spawnSync(sc, ['-s', 'sh', '-'], { input: tagsScript(scheme).join('\n'), encoding: 'utf8' });
      expect(res.stdout).toBe('');
      expect(res.status).toBe(0);
    }
  });

  it('refuses a prefix with shell pattern characters', () => {
    expect(() => tagsScript({ ...DEFAULT_TAG_SCHEME, prefix: 'v*' })).toThrow(/invalid tag prefix/);
    expect(() => tagsScript({ ...DEFAULT_TAG_SCHEME, prefix: "v'" })).toThrow(/invalid tag prefix/);
  });
});
