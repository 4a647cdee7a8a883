/**
 * The CI/CD catalog component (issue 14, item 8): the jobs of `.gitlab-ci.yml`, made from the same document
 * (`gitlabCiDocument`, the one pipeline writer), as `templates/<name>.yml` with a typed `spec: inputs:` header, the
 * component project's README with the inputs table, and the `include: component:` snippet that uses it.
 *
 * GitLab's rules this follows (https://docs.gitlab.com/ci/components/, https://docs.gitlab.com/ci/inputs/):
 * - The header is a YAML document of its own, `spec: inputs:`, separated from the jobs by `---`; `$[[ inputs.x ]]`
 *   is interpolated only below it (never in the header), in values and in keys such as job names.
 * - Input types are `string` (the default), `number`, `boolean` and `array`; `regex` applies to strings; `options`
 *   lists the allowed values; an input with a `default` is optional. An array input is used as a whole value.
 * - A component should not set global keywords (`default:`, `variables:`, `stages:`, `workflow:`): they would change
 *   every job of the including pipeline. Here `default:` and the global variables are folded into each job, and
 *   `stages:` / `workflow:` go to the usage snippet. Job names take a prefix input to avoid collisions
 *   (https://gitlab.com/gitlab-org/gitlab/-/merge_requests/156622).
 * - `include: - component: $CI_SERVER_FQDN/<project path>/<name>@<version>` with `inputs:` uses it.
 *
 * Each answer that can become an input is rendered twice (the plan's `component.candidates`): where the marked
 * jobs equal the plain ones with the answer's value standing for the marker, the marker's places become
 * `$[[ inputs.<id> ]]`; otherwise the value stays literal. So substituting every input's default gives back exactly
 * the jobs of `.gitlab-ci.yml` (with `default:` and the global variables folded in).
 */
import { tr, type Lang } from '../i18n';
import type { ComponentInput, Plan } from '../plan';
import { toYaml } from '../yaml-doc';
import { gitlabCiDocument } from './gitlab-ci.generator';

type Obj = Record<string, unknown>;

/** The files of the component: the template, the component project's README and the usage snippet. */
export interface ComponentFiles {
  template: string;
  readme: string;
  usage: string;
  /** The inputs the template declares, in header order. */
  inputs: ComponentInput[];
}

/** Global keywords of `.gitlab-ci.yml` (https://docs.gitlab.com/ci/yaml/#global-keywords): every other key is a job. */
const GLOBAL_KEYWORDS = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'spec']);
/** Key order of a folded job: where GitLab's docs put them; other keys keep their order after these. */
const JOB_KEY_ORDER = ['stage', 'tags', 'image', 'services', 'variables', 'rules', 'before_script', 'script'];

/**
 * The jobs of a `.gitlab-ci.yml` document as they run, in file order: `default:` keys the job does not set and
 * the global `variables:` (the job's own win) folded into each job. Hidden jobs (`.x`) are left out.
 */
export function foldedJobs(doc: Obj): [string, Obj][] {
  const def = (doc.default ?? {}) as Obj;
  const globalVars = (doc.variables ?? null) as Obj | null;
  return Object.entries(doc)
    .filter(([k]) => !GLOBAL_KEYWORDS.has(k) && !k.startsWith('.'))
    .map(([name, value]) => {
      const job = { ...(value as Obj) };
      for (const [k, v] of Object.entries(def)) if (!(k in job)) job[k] = v;
      if (globalVars) job.variables = { ...globalVars, ...((job.variables as Obj | undefined) ?? {}) };
      const ordered: Obj = {};
      for (const k of JOB_KEY_ORDER) if (k in job) ordered[k] = job[k];
      for (const [k, v] of Object.entries(job)) if (!(k in ordered)) ordered[k] = v;
      return [name, structuredClone(ordered)];
    });
}

/** `$[[ inputs.<id> ]]`, GitLab's interpolation of a component input. */
export const interpolation = (id: string): string => `$[[ inputs.${id} ]]`;

/** A place of a string leaf: the path of keys and indexes from the job, and the character range of the value. */
interface Span {
  path: string;
  start: number;
  end: number;
  id: string;
}
/** A whole leaf (a string or an array) replaced by the interpolation. */
interface Whole {
  path: string;
  id: string;
}

/**
 * Where `marked` holds the candidate's marker where `plain` holds its default: character ranges of string leaves,
 * and whole array leaves for an array input. Null when the two differ otherwise (the value changes the structure
 * or the marker was transformed), so the value must stay literal.
 */
function placesOf(
  plain: unknown,
  marked: unknown,
  input: ComponentInput,
  marker: string,
  path: string,
): { spans: Span[]; wholes: Whole[] } | null {
  const out = { spans: [] as Span[], wholes: [] as Whole[] };
  const walk = (x: unknown, y: unknown, at: string): boolean => {
    if (typeof x === 'string' && typeof y === 'string') {
      if (x === y) return true;
      if (input.type !== 'string' || typeof input.default !== 'string' || !y.includes(marker)) return false;
      const pieces = y.split(marker);
      if (pieces.join(input.default) !== x) return false;
      let pos = 0;
      pieces.forEach((piece, i) => {
        pos += piece.length;
        if (i < pieces.length - 1) {
          out.spans.push({ path: at, start: pos, end: pos + input.default.length, id: input.id });
          pos += input.default.length;
        }
      });
      return true;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (input.type === 'array' && y.length === 1 && y[0] === marker && sameJson(x, input.default)) {
        out.wholes.push({ path: at, id: input.id });
        return true;
      }
      return x.length === y.length && x.every((v, i) => walk(v, y[i], `${at}/${i}`));
    }
    if (isObj(x) && isObj(y)) {
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      return kx.length === ky.length && kx.every((k, i) => k === ky[i] && walk(x[k], y[k], `${at}/${k}`));
    }
    return x === y;
  };
  return walk(plain, marked, path) ? out : null;
}

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Deep equality of JSON-like data, key order included (the jobs are compared as GitLab would read them). */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The component's template, README and usage snippet for the plan, texts in `lang`. Throws when the plan has no
 * component (`p.component` null).
 */
export function generateComponent(p: Plan, lang: Lang): ComponentFiles {
  const c = p.component;
  if (!c) throw new Error('the plan has no component');
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const plainDoc = gitlabCiDocument(p, lang).doc;
  const jobs = foldedJobs(plainDoc);
  const plain: Obj = Object.fromEntries(jobs);

  // Places of each candidate; a candidate whose places overlap an accepted one's stays literal.
  const accepted: ComponentInput[] = [];
  const spans: Span[] = [];
  const wholes: Whole[] = [];
  const taken = (s: Span) => spans.some((o) => o.path === s.path && s.start < o.end && o.start < s.end);
  for (const cand of c.candidates) {
    const { input } = cand;
    // A value its own regex refuses (one that needs quoting, or `-`, which the commands spell `./-`) stays literal.
    if (input.regex && typeof input.default === 'string' && !new RegExp(input.regex).test(input.default)) continue;
    let found: { spans: Span[]; wholes: Whole[] } | null = null;
    if (cand.marks.length) {
      for (const mark of cand.marks) {
        const marked: Obj = Object.fromEntries(foldedJobs(gitlabCiDocument(mark.marked, lang).doc));
        found = placesOf(plain, marked, input, mark.marker, '');
        if (found) break;
      }
    } else if (input.id === 'stage' || input.id === 'test-stage') {
      const stage = input.default;
      found = {
        spans: jobs
          .filter(([, j]) => j.stage === stage)
          .map(([name]) => ({ path: `/${name}/stage`, start: 0, end: String(stage).length, id: input.id })),
        wholes: [],
      };
    } else if (input.id === 'job-prefix') found = { spans: [], wholes: [] };
    if (!found) continue;
    if (found.spans.length === 0 && found.wholes.length === 0 && input.id !== 'job-prefix') continue;
    if (found.spans.some(taken) || found.wholes.some((w) => wholes.some((o) => o.path === w.path))) continue;
    accepted.push(input);
    spans.push(...found.spans);
    wholes.push(...found.wholes);
  }

  // The jobs with the places replaced by their interpolation; job names take the prefix.
  const apply = (x: unknown, at: string): unknown => {
    const whole = wholes.find((w) => w.path === at);
    if (whole) return interpolation(whole.id);
    if (typeof x === 'string') {
      const here = spans.filter((s) => s.path === at).sort((a, b) => b.start - a.start);
      let s = x;
      for (const sp of here) s = s.slice(0, sp.start) + interpolation(sp.id) + s.slice(sp.end);
      return s;
    }
    if (Array.isArray(x)) return x.map((v, i) => apply(v, `${at}/${i}`));
    if (isObj(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, apply(v, `${at}/${k}`)]));
    return x;
  };
  const prefix = accepted.some((i) => i.id === 'job-prefix') ? interpolation('job-prefix') : '';
  // Job names inside `needs:` and `dependencies:` take the prefix too, so the jobs still find each other.
  const names = new Set(jobs.map(([name]) => name));
  const prefixed = (ref: unknown): unknown =>
    typeof ref === 'string' && names.has(ref)
      ? `${prefix}${ref}`
      : isObj(ref) && typeof ref.job === 'string' && names.has(ref.job)
        ? { ...ref, job: `${prefix}${ref.job}` }
        : ref;
  const body: Obj = Object.fromEntries(
    jobs.map(([name, job]) => {
      const out = apply(job, `/${name}`) as Obj;
      for (const key of ['needs', 'dependencies'])
        if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(prefixed);
      return [`${prefix}${name}`, out];
    }),
  );

  const spec = {
    spec: {
      inputs: Object.fromEntries(
        accepted.map((i) => [
          i.id,
          {
            ...(i.type !== 'string' ? { type: i.type } : {}),
            default: i.default,
            description: i.description[lang],
            ...(i.options ? { options: i.options } : {}),
            ...(i.regex ? { regex: i.regex } : {}),
          },
        ]),
      ),
    },
  };
  const header = t(
    `CI/CD catalog component "${c.name}", generated by the GitLab CI Docker build wizard with the same jobs as .gitlab-ci.yml. Build method: ${p.method.id}.`,
    `CI/CDカタログのコンポーネント「${c.name}」。GitLab CI Dockerビルドウィザードで.gitlab-ci.ymlと同じジョブから生成。ビルド方法: ${p.method.id}`,
  );
  const template = `${toYaml(spec, [], header)}---\n${toYaml(body)}`;

  // ---- usage: stages, the workflow rules the jobs rely on, the include with every input at its default
  const stages = [...new Set(jobs.map(([, j]) => String(j.stage)))];
  const usageDoc: Obj = {};
  if (plainDoc.workflow) usageDoc.workflow = plainDoc.workflow;
  usageDoc.stages = stages;
  usageDoc.include = [
    {
      component: `$CI_SERVER_FQDN/${c.project}/${c.name}@${c.version}`,
      inputs: Object.fromEntries(accepted.map((i) => [i.id, i.default])),
    },
  ];
  const usage = toYaml(
    usageDoc,
    [
      {
        path: ['include'],
        text: t(
          `The component from ${c.project}, release ${c.version}; change an input to build another image with the same jobs.`,
          `${c.project}のコンポーネント（リリース${c.version}）。インプットを変えると、同じジョブで別のイメージをビルドできます。`,
        ),
      },
      ...(plainDoc.workflow
        ? [
            {
              path: ['workflow'],
              text: t(
                'A component cannot set workflow: the including pipeline keeps merge request pipelines from running beside branch pipelines.',
                'コンポーネントはworkflowを設定できないため、取り込む側のパイプラインでマージリクエストのパイプラインがブランチのパイプラインと二重に実行されないようにします。',
              ),
            },
          ]
        : []),
    ],
    t(
      `.gitlab-ci.yml of a project that uses the component "${c.name}" (generated by the GitLab CI Docker build wizard).`,
      `コンポーネント「${c.name}」を使うプロジェクトの.gitlab-ci.yml（GitLab CI Dockerビルドウィザードで生成）。`,
    ),
  );

  // ---- README of the component project: what it does, how to include it, the inputs table
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const codeCell = (s: string) => (s === '' ? t('(empty)', '（空）') : `\`${cell(s)}\``);
  const rows = accepted.map(
    (i) =>
      `| \`${i.id}\` | ${i.type} | ${Array.isArray(i.default) ? codeCell(JSON.stringify(i.default)) : codeCell(i.default)} | ${cell(i.description[lang])}${i.options ? ` ${t('One of', 'いずれか')}: ${i.options.map((o) => `\`${o}\``).join(', ')}.` : ''} |`,
  );
  const readme = [
    `# ${c.name}`,
    '',
    t(
      `Builds and pushes a container image in GitLab CI (${p.method.id}), the same jobs as the generated .gitlab-ci.yml, for every project that includes it.`,
      `GitLab CIでコンテナイメージをビルドしてpushします（${p.method.id}）。生成した.gitlab-ci.ymlと同じジョブを、取り込むすべてのプロジェクトで使えます。`,
    ),
    '',
    `## ${t('Usage', '使い方')}`,
    '',
    '```yaml',
    usage.trimEnd(),
    '```',
    '',
    `## ${t('Inputs', 'インプット')}`,
    '',
    `| ${t('Input', 'インプット')} | ${t('Type', '型')} | ${t('Default', 'デフォルト')} | ${t('Description', '説明')} |`,
    '|---|---|---|---|',
    ...rows,
    '',
    t(
      'Every other setting (build method, runner, registry logins, cache, tags) is fixed in the template as the wizard generated it; regenerate the component to change them. The runner setup (config.toml, values.yaml) and the CI/CD variables are those of SETUP.md.',
      'その他の設定（ビルド方法、Runner、レジストリへのログイン、キャッシュ、タグ）は、ウィザードが生成したとおりテンプレートに固定されています。変更するにはコンポーネントを再生成します。Runnerの設定（config.toml、values.yaml）とCI/CD変数はSETUP.mdのとおりです。',
    ),
    '',
  ].join('\n');

  return { template, readme, usage, inputs: accepted };
}
