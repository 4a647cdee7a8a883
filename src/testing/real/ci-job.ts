/**
 * A small interpreter of a generated `.gitlab-ci.yml`, enough for the real-tool tests: which jobs a pipeline runs,
 * with which variables, services and scripts. It follows GitLab's documented behaviour for what the generated files
 * use (https://docs.gitlab.com/ci/yaml/):
 *
 * - jobs are the top-level keys that are not global keywords and do not start with `.`;
 * - `default:` gives `image`, `services`, `before_script`, `after_script` to jobs that do not set them;
 * - `rules: - if:` is evaluated for `$VAR`, `$A == $B`, `$A != $B`, `"literal"` and `&&` / `||` (the forms the
 *   generator writes); the first matching rule runs the job, no match skips it, no rules runs it;
 * - variables: predefined, then global `variables`, then the job's, each value expanded against the ones before it
 *   (GitLab expands `$VAR` / `${VAR}` in variable values; `$$` stays a literal `$`);
 * - `before_script` + `script` run in one shell that stops at the first failing command (`set -eo pipefail`, as the
 *   runner's generated script does), `after_script` in a new shell whose failure is ignored;
 * - jobs run stage by stage in the order of `stages:` (default `build`, `test`, `deploy`; a job without `stage` is in
 *   `test`), file order within a stage;
 * - `artifacts: reports: dotenv:` files are read after the job; their variables reach the jobs of later stages
 *   (all of them unless a job lists `needs:` or `dependencies:`, then only those jobs' reports).
 */
import { parse } from 'yaml';
import { GITLAB_RESERVED_KEYWORDS } from '../reference';

/** A service of a job: image, alias (default from the image), `command` arguments, own `variables`. */
export interface CiService {
  name: string;
  alias: string;
  command: string[];
  variables: Record<string, string>;
}

/** One job of the pipeline, resolved: what the runner would execute. */
export interface CiJob {
  name: string;
  image: string | null;
  services: CiService[];
  /** Variables of the job as the runner passes them (global then job level, expanded), without predefined ones. */
  variables: Record<string, string>;
  /** before_script then script, one entry per command (a multi-line block is one entry). */
  script: string[];
  afterScript: string[];
  stage: string;
  /** The job's `variables:` (global then job) before expansion, to expand again with dotenv variables. */
  variableTemplates: Record<string, string>;
  /** `artifacts: reports: dotenv` files, relative to the project directory. */
  dotenv: string[];
  /** Jobs whose dotenv reports this job receives (`needs:` / `dependencies:`), or null: every earlier job's. */
  reportsFrom: string[] | null;
}

const GLOBAL_KEYWORDS = new Set<string>(GITLAB_RESERVED_KEYWORDS);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((x) => (Array.isArray(x) ? strings(x) : [String(x)])) : v == null ? [] : [String(v)];

/** Expands `$VAR` and `${VAR}` with `env` as GitLab does in variable values; unknown variables become empty. */
export function expandVariables(value: string, env: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (m, a?: string, b?: string) => (m === '$$' ? '$' : (env[a ?? b ?? ''] ?? '')),
  );
}

function variablesOf(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = isObj(x) ? String(x.value ?? '') : String(x);
  return out;
}

function servicesOf(v: unknown): CiService[] {
  return (Array.isArray(v) ? v : []).map((s): CiService => {
    const spec: Obj = isObj(s) ? s : { name: String(s) };
    const name = String(spec.name);
    // GitLab's default alias: the image name without tag, `/` replaced by `__` and also by `-`; the generated files
    // only rely on the last path part (`docker`), which the harness maps.
    const base =
      name
        .replace(/[:@].*$/, '')
        .split('/')
        .pop() ?? name;
    return {
      name,
      alias: typeof spec.alias === 'string' ? spec.alias : base,
      command: strings(spec.command),
      variables: variablesOf(spec.variables),
    };
  });
}

/**
 * Evaluates a `rules: if:` expression with the pipeline's variables. Supports the operators the generator writes:
 * `$VAR` (set and non-empty), `==`, `!=` between variables and quoted strings, `&&`, `||`. Throws on anything else
 * (so a new form in the generator makes the harness fail, not pass silently).
 */
export function evaluateRule(expr: string, env: Record<string, string>): boolean {
  const value = (t: string): string | null => {
    const s = t.trim();
    const q = /^"(.*)"$|^'(.*)'$/.exec(s);
    if (q) return q[1] ?? q[2] ?? '';
    const v = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(s);
    if (v) return env[v[1] ?? ''] ?? null;
    if (s === 'null') return null;
    throw new Error(`rules:if: cannot evaluate ${JSON.stringify(t)} in ${JSON.stringify(expr)}`);
  };
  const term = (t: string): boolean => {
    const eq = /^(.*?)(==|!=)(.*)$/.exec(t);
    if (eq) {
      const same = value(eq[1] ?? '') === value(eq[3] ?? '');
      return eq[2] === '==' ? same : !same;
    }
    const v = value(t);
    return v !== null && v !== '';
  };
  return expr.split('||').some((alt) => alt.split('&&').every((t) => term(t)));
}

/**
 * The jobs a pipeline with `predefined` variables runs, in file order (rules applied). `predefined` holds the CI_*
 * variables and the project's CI/CD variables. Throws when the YAML has no jobs or a rule cannot be evaluated.
 */
export function pipelineJobs(ciYaml: string, predefined: Record<string, string>): CiJob[] {
  const doc = parse(ciYaml, { version: '1.1' }) as Obj;
  // `.pre` and `.post` always exist, first and last (https://docs.gitlab.com/ci/yaml/#stage-pre).
  const stages = ['.pre', ...(Array.isArray(doc.stages) ? strings(doc.stages) : ['build', 'test', 'deploy']), '.post'];
  const def: Obj = isObj(doc.default) ? doc.default : {};
  const globalVars = variablesOf(doc.variables);
  const jobs: CiJob[] = [];
  for (const [name, raw] of Object.entries(doc)) {
    if (GLOBAL_KEYWORDS.has(name) || name.startsWith('.') || !isObj(raw)) continue;
    const env: Record<string, string> = { ...predefined };
    const variables: Record<string, string> = {};
    const templates = { ...globalVars, ...variablesOf(raw.variables) };
    for (const [k, v] of Object.entries(templates)) {
      variables[k] = expandVariables(v, env);
      env[k] = variables[k];
    }
    if (Array.isArray(raw.rules)) {
      const hit = (raw.rules as unknown[]).find(
        (r) => !isObj(r) || r.if === undefined || evaluateRule(String(r.if), env),
      );
      if (!hit || (isObj(hit) && hit.when === 'never')) continue;
    }
    const pick = (k: string) => (k in raw ? raw[k] : def[k]);
    const image = pick('image');
    jobs.push({
      name,
      image: isObj(image) ? String(image.name) : image == null ? null : String(image),
      services: servicesOf(pick('services')),
      variables,
      script: [...strings(pick('before_script')), ...strings(raw.script)],
      afterScript: strings(pick('after_script')),
      stage: typeof raw.stage === 'string' ? raw.stage : 'test',
      variableTemplates: templates,
      dotenv: isObj(raw.artifacts) && isObj(raw.artifacts.reports) ? strings(raw.artifacts.reports.dotenv) : [],
      reportsFrom: Array.isArray(raw.needs)
        ? raw.needs.map((n) => (isObj(n) ? String(n.job) : String(n)))
        : Array.isArray(raw.dependencies)
          ? strings(raw.dependencies)
          : null,
    });
  }
  for (const j of jobs)
    if (!stages.includes(j.stage))
      throw new Error(`job ${j.name}: stage ${j.stage} is not in stages: ${stages.join(', ')}`);
  // Stage order, file order within a stage (Array.prototype.sort is stable).
  return jobs.sort((x, y) => stages.indexOf(x.stage) - stages.indexOf(y.stage));
}

/**
 * Reads a dotenv report as GitLab does: `KEY=VALUE` lines, keys of letters, digits and `_`; empty lines and lines
 * starting with `#` skipped; anything else throws (GitLab rejects the report:
 * https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv).
 */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`dotenv: not KEY=VALUE: ${JSON.stringify(line)}`);
    out[m[1] ?? ''] = m[2] ?? '';
  }
  return out;
}

/** Single-quotes for POSIX sh. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The shell script the runner would run for `commands` (busybox sh, as in the alpine-based docker:cli image):
 * `set -eo pipefail`, then each command echoed with `$ ` before it runs, as in a GitLab job log.
 */
export function jobShellScript(commands: readonly string[]): string {
  const lines = ['set -eo pipefail'];
  for (const c of commands) lines.push(`printf '%s\\n' ${q(`$ ${c}`)}`, c);
  return lines.join('\n') + '\n';
}
