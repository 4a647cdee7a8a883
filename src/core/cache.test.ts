/**
 * Issue 14, item 7: a registry cache per ref with the default branch's as fallback, written from protected refs
 * only. Every check reads the generated `.gitlab-ci.yml` (parsed as YAML; commands split into words), never the plan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultAnswers, parseAnswers, type Answers } from './answers';
import { generate } from './generate';
import { normalize, whyNot } from './rules';
import { answersArb } from '../testing/arbitraries';
import { checkGitlabCi, GITLAB_RESERVED_KEYWORDS, psCommands, shellCommands } from '../testing/reference';

type Obj = Record<string, unknown>;
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** The jobs of a generated `.gitlab-ci.yml`, each with its rule (`if:` of its only rule, or null) and commands. */
function jobsOf(a: Answers): { ci: Obj; jobs: { name: string; rule: string | null; words: string[][] }[] } {
  const r = generate(a);
  const text = r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
  expect(checkGitlabCi(text)).toEqual([]);
  const ci = parseYaml(text) as Obj;
  const reserved = new Set<string>(GITLAB_RESERVED_KEYWORDS);
  const jobs = Object.entries(ci)
    .filter(([k]) => !reserved.has(k) && !k.startsWith('.'))
    .map(([name, job]) => {
      const j = job as Obj;
      const rules = (j.rules as { if?: string }[] | undefined) ?? [];
      // The build commands only (the cache flags are theirs), each script entry parsed on its own.
      const builds = ((j.script as string[] | undefined) ?? []).filter((l) => /^\S+(?: buildx)? build\b/.test(l));
      return {
        name,
        rule: rules[0]?.if ?? null,
        words: builds.flatMap(r.plan.powershell ? psCommands : shellCommands),
      };
    });
  return { ci, jobs };
}

/** The values of `flag` in the build commands (`--flag value` or `--flag=value`). */
function flagValues(words: string[][], flag: string): string[] {
  const out: string[] = [];
  for (const cmd of words)
    cmd.forEach((w, i) => {
      if (w === flag && cmd[i + 1] !== undefined) out.push(cmd[i + 1] as string);
      else if (w.startsWith(`${flag}=`)) out.push(w.slice(flag.length + 1));
    });
  return out;
}

const EXPORT_FLAGS = ['--cache-to', '--export-cache'];
const IMPORT_FLAGS = ['--cache-from', '--import-cache'];
const exportsOf = (words: string[][]) =>
  EXPORT_FLAGS.flatMap((f) => flagValues(words, f)).filter((v) => v !== 'type=inline');
const importsOf = (words: string[][]) => IMPORT_FLAGS.flatMap((f) => flagValues(words, f));
const refOf = (v: string) => /(?:^|,)ref=([^,]+)/.exec(v)?.[1] ?? v;

const BUILDERS: [string, Partial<Answers>][] = [
  ['buildx', { method: 'dind', buildx: true, cacheRef: '$CI_REGISTRY_IMAGE/cache:buildcache' }],
  ['buildctl', { method: 'buildctl', cacheRef: '$CI_REGISTRY_IMAGE/cache:buildcache' }],
  ['rootless BuildKit', { method: 'buildkit-rootless', cacheRef: '$CI_REGISTRY_IMAGE/cache:buildcache' }],
  ['Buildah', { method: 'buildah', cacheRef: '$CI_REGISTRY_IMAGE/cache' }],
  ['Podman', { method: 'podman', cacheRef: '$CI_REGISTRY_IMAGE/cache' }],
];

describe('cache per ref, written from protected refs only, for every builder with a registry cache', () => {
  it.each(BUILDERS)('%s: reads its ref then the default branch, writes its ref from protected refs', (_n, extra) => {
    const a = normalize({
      ...defaultAnswers(),
      ...extra,
      cache: 'registry',
      cachePerRef: true,
      cacheProtectedWrite: true,
    });
    expect(a.cache).toBe('registry');
    const { ci, jobs } = jobsOf(a);
    const repo = extra.method === 'buildah' || extra.method === 'podman';
    const own = repo ? '$CI_REGISTRY_IMAGE/cache/$CI_COMMIT_REF_SLUG' : '$CI_REGISTRY_IMAGE/cache:$CI_COMMIT_REF_SLUG';
    const fallback = repo
      ? '$CI_REGISTRY_IMAGE/cache/$CI_DEFAULT_BRANCH_SLUG'
      : '$CI_REGISTRY_IMAGE/cache:$CI_DEFAULT_BRANCH_SLUG';
    expect(jobs.map((j) => j.name)).toEqual(['build-image', 'build-image-unprotected']);
    const [writer, reader] = jobs;
    expect(writer?.rule).toBe('$CI_COMMIT_REF_PROTECTED == "true"');
    expect(reader?.rule).toBe('$CI_COMMIT_REF_PROTECTED != "true"');
    for (const j of jobs) expect(importsOf(j.words).map(refOf)).toEqual([own, fallback]);
    expect(exportsOf(writer?.words ?? []).map(refOf)).toEqual([own]);
    expect(exportsOf(reader?.words ?? [])).toEqual([]);
    expect(ci.workflow).toEqual({
      rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: 'never' }, { when: 'always' }],
    });
  });

  it('the fallback alone changes nothing of who writes: every pipeline still writes its own ref', () => {
    const a = normalize({ ...defaultAnswers(), method: 'buildkit-rootless', cache: 'registry', cachePerRef: true });
    const { ci, jobs } = jobsOf(a);
    expect(ci.workflow).toBeUndefined();
    expect(jobs.map((j) => j.name)).toEqual(['build-image']);
    expect(exportsOf(jobs[0]?.words ?? []).map(refOf)).toEqual(['$CI_REGISTRY_IMAGE/cache:$CI_COMMIT_REF_SLUG']);
    const r = generate(a);
    expect(r.findings.map((f) => f.id)).toContain('cache-writable-unprotected');
  });

  it('a tag in the cache image with a registry port keeps the port: only the tag becomes the slug', () => {
    const a = normalize({
      ...defaultAnswers(),
      method: 'buildctl',
      cache: 'registry',
      cacheRef: 'registry.example.com:5050/team/app/cache:main',
      cachePerRef: true,
    });
    const { jobs } = jobsOf(a);
    expect(importsOf(jobs[0]?.words ?? []).map(refOf)).toEqual([
      'registry.example.com:5050/team/app/cache:$CI_COMMIT_REF_SLUG',
      'registry.example.com:5050/team/app/cache:$CI_DEFAULT_BRANCH_SLUG',
    ]);
  });

  it('with tag, latest and branch jobs, only the default branch job on a protected ref writes', () => {
    const a = normalize({
      ...defaultAnswers(),
      method: 'buildah',
      cache: 'registry',
      cacheRef: '$CI_REGISTRY_IMAGE/cache',
      tagLatest: true,
      tagGitTag: true,
      cacheProtectedWrite: true,
    });
    const { jobs } = jobsOf(a);
    expect(jobs.map((j) => [j.name, j.rule, exportsOf(j.words).length > 0])).toEqual([
      ['release-image', '$CI_COMMIT_TAG', false],
      ['latest-image', '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_COMMIT_REF_PROTECTED == "true"', true],
      [
        'latest-image-unprotected',
        '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_COMMIT_REF_PROTECTED != "true"',
        false,
      ],
      ['build-image', '$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH', false],
    ]);
  });

  it('property: with protected writes, no job that can run on an unprotected ref exports the cache', () => {
    let applied = 0;
    fc.assert(
      fc.property(answersArb, (generated) => {
        const a = normalize({ ...generated, cacheProtectedWrite: true });
        if (a.cache !== 'registry') return;
        const { ci, jobs } = jobsOf(a);
        applied++;
        for (const j of jobs) {
          const writes = exportsOf(j.words).length > 0;
          if (writes) expect(j.rule ?? '', j.name).toContain('$CI_COMMIT_REF_PROTECTED == "true"');
          // Every job reads what it could write: the cache refs are read before anything else is tried.
          if (writes) expect(importsOf(j.words).map(refOf)).toContain(refOf(exportsOf(j.words)[0] ?? ''));
        }
        // A job for unprotected refs could match a merge request pipeline: the workflow keeps them from running.
        if (jobs.some((j) => j.rule?.includes('!= "true"'))) expect(ci.workflow).toBeDefined();
        expect(generate(a).findings.map((f) => f.id)).not.toContain('cache-writable-unprotected');
      }),
      { numRuns: RUNS },
    );
    console.log(`[cache] protected writes: ${RUNS} runs, ${applied} with a registry cache`);
    expect(applied).toBeGreaterThan(0);
  });

  it('property: the finding stands exactly when a job writes the cache on refs other than protected ones and the default branch', () => {
    fc.assert(
      fc.property(answersArb, (generated) => {
        const a = normalize(generated);
        const { jobs } = jobsOf(a);
        const open = jobs.some(
          (j) =>
            exportsOf(j.words).length > 0 &&
            !(j.rule ?? '').includes('$CI_COMMIT_REF_PROTECTED == "true"') &&
            j.rule !== '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
        );
        expect(generate(a).findings.some((f) => f.id === 'cache-writable-unprotected')).toBe(open);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('Buildah and Podman: the registry cache can always be chosen', () => {
  for (const method of ['buildah', 'podman'] as const) {
    it(`${method}: choosing the registry cache takes the repository of the default reference, a typed tag is refused`, () => {
      const a = normalize({ ...defaultAnswers(), method });
      // The cache image field is only shown once the registry cache is chosen: choosing it must not depend on it.
      expect(whyNot(a, 'cache', 'registry')).toBeNull();
      const b = normalize({ ...a, cache: 'registry' });
      expect(b.cache).toBe('registry');
      expect(b.cacheRef).toBe('$CI_REGISTRY_IMAGE/cache');
      expect(generate(b).files.find((f) => f.path === '.gitlab-ci.yml')?.content).toContain(
        '--cache-from "$CI_REGISTRY_IMAGE/cache"',
      );
      expect(whyNot(b, 'cacheRef', 'registry.example.com/team/cache:v1')?.en).toMatch(/without a tag/);
      expect(whyNot(b, 'cacheRef', 'registry.example.com:5000/team/cache')).toBeNull();
      // A BuildKit reference that is only a tag leaves no repository: the default one, never an empty (invalid) field.
      const onlyTag = normalize({ ...defaultAnswers(), cache: 'registry', cacheRef: ':buildcache', method });
      expect(onlyTag.cacheRef).toBe('$CI_REGISTRY_IMAGE/cache');
      expect(parseAnswers(onlyTag).ok).toBe(true);
    });
  }
});
