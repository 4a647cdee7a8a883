/**
 * Issue 14, item 8: the CI/CD catalog component. Reads the GENERATED FILES only: the template's `spec:` header and
 * its jobs are checked against GitLab's CI schema, GitLab's interpolation rules are checked on the text, and
 * substituting every input's default must give back exactly the jobs of the plain `.gitlab-ci.yml` (with its
 * `default:` and global `variables:` folded into each job, as GitLab runs them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultAnswers, parseAnswers, type Answers } from './answers';
import { generate, type GenerateResult } from './generate';
import { normalize } from './rules';
import { answersArb } from '../testing/arbitraries';
import { checkCiSchema, checkGitlabCi, GITLAB_RESERVED_KEYWORDS } from '../testing/reference';

type Obj = Record<string, unknown>;
const RUNS = Number(process.env.FC_RUNS ?? 200);
const INTERPOLATION = /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]/g;

interface InputSpec {
  type?: 'string' | 'array' | 'number' | 'boolean';
  default?: unknown;
  description?: string;
  regex?: string;
  options?: unknown[];
}

/** The component's files of a result, parsed: the header's inputs, the jobs part as text and data, the usage. */
function componentOf(r: GenerateResult) {
  const file = (path: string) => r.files.find((f) => f.path === path)?.content;
  const name = r.answers.componentName;
  const template = file(`component/templates/${name}.yml`);
  const readme = file('component/README.md');
  const usage = file('.gitlab-ci.component-usage.yml');
  if (template === undefined || readme === undefined || usage === undefined) throw new Error('component files missing');
  const parts = template.split(/^---$/m);
  expect(parts).toHaveLength(2);
  const [headerText = '', bodyText = ''] = parts;
  const header = parseYaml(headerText) as { spec: { inputs: Record<string, InputSpec> } };
  return { template, readme, usage, headerText, header, bodyText, body: parseYaml(bodyText) as Obj };
}

/** An input's value as GitLab interpolates it: a whole-value array stays an array, anything else is text. */
function substitute(x: unknown, inputs: Record<string, InputSpec>): unknown {
  if (typeof x === 'string') {
    const whole = /^\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*\]\]$/.exec(x);
    const wholeDefault = whole ? inputs[whole[1] ?? '']?.default : undefined;
    if (whole && Array.isArray(wholeDefault)) return wholeDefault;
    return x.replace(INTERPOLATION, (_m, id: string) => {
      const d = inputs[id]?.default;
      if (d === undefined) throw new Error(`input ${id} is not declared`);
      if (Array.isArray(d)) throw new Error(`array input ${id} inside a string`);
      return String(d);
    });
  }
  if (Array.isArray(x)) return x.map((v) => substitute(v, inputs));
  if (x && typeof x === 'object')
    return Object.fromEntries(
      Object.entries(x as Obj).map(([k, v]) => [substitute(k, inputs) as string, substitute(v, inputs)]),
    );
  return x;
}

/** The jobs of a `.gitlab-ci.yml` as GitLab runs them: `default:` keys and global variables folded in. */
function runJobs(ci: Obj): Obj {
  const reserved = new Set<string>(GITLAB_RESERVED_KEYWORDS);
  const def = (ci.default ?? {}) as Obj;
  const vars = ci.variables as Obj | undefined;
  const out: Obj = {};
  for (const [name, value] of Object.entries(ci)) {
    if (reserved.has(name) || name.startsWith('.')) continue;
    const job: Obj = { ...(value as Obj) };
    for (const [k, v] of Object.entries(def)) if (!(k in job)) job[k] = v;
    if (vars) job.variables = { ...vars, ...((job.variables as Obj | undefined) ?? {}) };
    out[name] = job;
  }
  return out;
}

/** Deep equality regardless of key order (YAML maps are unordered). */
function canonical(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canonical);
  if (x && typeof x === 'object')
    return Object.fromEntries(
      Object.keys(x as Obj)
        .sort()
        .map((k) => [k, canonical((x as Obj)[k])]),
    );
  return x;
}

/** Every check of one generated component; returns the number of inputs for the log line. */
function checkComponent(r: GenerateResult): number {
  const c = componentOf(r);
  const inputs = c.header.spec.inputs;
  const plainText = r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
  const plain = parseYaml(plainText) as Obj;

  // The header: a document of its own with spec: only, valid for GitLab's CI schema; no interpolation in it.
  expect(Object.keys(c.header)).toEqual(['spec']);
  expect(checkCiSchema(c.header, 'header')).toEqual([]);
  expect(c.headerText).not.toMatch(INTERPOLATION);
  for (const [id, spec] of Object.entries(inputs)) {
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(spec.description ?? '').not.toBe('');
    if (spec.type === 'array') expect(Array.isArray(spec.default)).toBe(true);
    else {
      expect(typeof spec.default).toBe('string');
      if (spec.regex) expect(spec.default as string).toMatch(new RegExp(spec.regex));
      if (spec.options) expect(spec.options).toContain(spec.default);
    }
  }

  // Interpolations name declared inputs; every input is used; an array input only as a whole value.
  const used = new Set([...c.bodyText.matchAll(INTERPOLATION)].map((m) => m[1]));
  for (const id of used) expect(Object.keys(inputs), `undeclared input ${id}`).toContain(id);
  for (const id of Object.keys(inputs)) expect(used.has(id), `unused input ${id}`).toBe(true);
  const visit = (x: unknown): void => {
    if (typeof x === 'string')
      for (const m of x.matchAll(INTERPOLATION))
        if (inputs[m[1] ?? '']?.type === 'array') expect(x, 'array input inside a string').toBe(m[0]);
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') Object.values(x as Obj).forEach(visit);
  };
  visit(c.body);
  // No global keyword in the jobs part: it would change every job of the including pipeline.
  for (const k of Object.keys(c.body)) expect(GITLAB_RESERVED_KEYWORDS as readonly string[]).not.toContain(k);

  // With every default, the jobs are exactly the plain file's, as GitLab runs them.
  const jobs = substitute(c.body, inputs) as Obj;
  expect(canonical(jobs)).toEqual(canonical(runJobs(plain)));

  // The jobs part: valid for the schema once interpolated (GitLab validates after interpolation), and raw too,
  // except where a whole-value array input stands for an array (`tags: $[[ inputs.runner-tags ]]`).
  const usage = parseYaml(c.usage) as Obj;
  const interpolated = { ...(usage.workflow ? { workflow: usage.workflow } : {}), stages: usage.stages, ...jobs };
  expect(checkGitlabCi(JSON.stringify(interpolated))).toEqual([]);
  const arrays = Object.entries(inputs)
    .filter(([, s]) => s.type === 'array')
    .map(([id]) => id);
  const rawProblems = checkCiSchema({ stages: usage.stages, ...c.body }, 'jobs').filter(
    (p) => !arrays.some((id) => p.includes('/tags ') && c.bodyText.includes(`tags: $[[ inputs.${id} ]]`)),
  );
  expect(rawProblems).toEqual([]);

  // The usage: valid for the schema, includes the component at the pinned release with every input.
  expect(checkCiSchema(usage, 'usage')).toEqual([]);
  const include = (usage.include as Obj[])[0] ?? {};
  expect(include.component).toBe(`$CI_SERVER_FQDN/${r.answers.componentProject}/${r.answers.componentName}@1.0.0`);
  expect(canonical(include.inputs)).toEqual(
    canonical(Object.fromEntries(Object.entries(inputs).map(([id, s]) => [id, s.default]))),
  );
  // The workflow rules of the plain file (a component cannot set them) are in the usage.
  expect(usage.workflow).toEqual(plain.workflow);

  // The README lists every input.
  for (const id of Object.keys(inputs)) expect(c.readme).toContain(`| \`${id}\` |`);
  return Object.keys(inputs).length;
}

describe('CI/CD catalog component', () => {
  it('the default answers: image, runner tags, stage and job prefix are inputs; the files are listed', () => {
    const r = generate({ ...defaultAnswers(), component: true });
    expect(r.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'component/templates/build-image.yml',
        'component/README.md',
        '.gitlab-ci.component-usage.yml',
      ]),
    );
    expect(r.files.find((f) => f.path === 'component/README.md')?.language).toBe('markdown');
    checkComponent(r);
    const { header } = componentOf(r);
    expect(Object.keys(header.spec.inputs)).toEqual(['image', 'runner-tags', 'stage', 'job-prefix']);
    expect(r.setup.blocks.some((b) => b.kind === 'step' && b.title === 'Publish the CI/CD component')).toBe(true);
  });

  it('a Dockerfile and context the command spells out, platforms and a registry cache become inputs too', () => {
    const r = generate({
      ...defaultAnswers(),
      method: 'buildah',
      cacheRef: '$CI_REGISTRY_IMAGE/cache',
      dockerfile: 'docker/app.Dockerfile',
      context: 'src',
      platforms: ['linux/amd64', 'linux/arm64'],
      cache: 'registry',
      cacheProtectedWrite: true,
      runTests: true,
      component: true,
      componentName: 'image_build',
    });
    checkComponent(r);
    const { header, body } = componentOf(r);
    expect(Object.keys(header.spec.inputs)).toEqual([
      'image',
      'dockerfile',
      'context',
      'platforms',
      'cache-ref',
      'runner-tags',
      'stage',
      'test-stage',
      'job-prefix',
    ]);
    expect(Object.keys(body)).toEqual([
      '$[[ inputs.job-prefix ]]build-image',
      '$[[ inputs.job-prefix ]]build-image-unprotected',
      '$[[ inputs.job-prefix ]]test-image',
    ]);
  });

  it('the default Dockerfile at the root is no input: the plain command has no --file for it to stand in', () => {
    const r = generate({ ...defaultAnswers(), component: true });
    const { header } = componentOf(r);
    expect(header.spec.inputs.dockerfile).toBeUndefined();
    expect(header.spec.inputs.context).toBeUndefined();
  });

  it('component names and project paths are validated as GitLab requires', () => {
    for (const name of ['build-image', 'docker', 'img_2', '0build'])
      expect(parseAnswers({ componentName: name }).ok, name).toBe(true);
    for (const name of ['', 'Build', 'a.b', 'a/b', '-x', 'a@1', 'x'.repeat(65)])
      expect(parseAnswers({ componentName: name }).ok, name).toBe(false);
    for (const path of ['my-group/ci-components', 'a/b/c', 'Org_1/sub.group/x'])
      expect(parseAnswers({ componentProject: path }).ok, path).toBe(true);
    for (const path of ['ci-components', '/a/b', 'a/b/', 'https://gitlab.com/a/b', 'a/b.git', 'a/-b', 'a b/c'])
      expect(parseAnswers({ componentProject: path }).ok, path).toBe(false);
  });

  it('property: for any accepted answers, the component gives back the plain jobs and passes the schema', () => {
    let inputs = 0;
    fc.assert(
      fc.property(answersArb, (generated: Answers) => {
        const r = generate(normalize({ ...generated, component: true }));
        inputs += checkComponent(r);
      }),
      { numRuns: RUNS },
    );
    console.log(`[component] ${RUNS} answer combinations, ${inputs} inputs in all`);
  });
});
