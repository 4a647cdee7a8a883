/**
 * Checks generated files against the reference data of the tools that read them (see reference-data/README.md).
 * Every function returns a list of problems (empty when the file is accepted); the messages name the file part.
 *
 * - `.gitlab-ci.yml`: parsed the way GitLab reads it (YAML 1.1, Ruby Psych) and the way YAML 1.2 tools read it;
 *   both readings must agree, every character must be one libyaml accepts, the result must validate against
 *   GitLab's CI JSON schema (draft-07) and every job must have `script:` (or `trigger:` / `run:`).
 * - `config.toml` / `runners.config` of Helm values: every table and key must exist in gitlab-runner's config
 *   structs, with the right TOML type.
 * - `daemon.json`: every key must be one dockerd accepts, with the right type; object values by shape.
 * - `buildkitd.toml`: every table and key must exist in BuildKit's config structs.
 * - `register.sh`: every flag of `gitlab-runner register` must exist, bool flags without a value.
 *
 * Test-only code: it reads the reference data from disk.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from '@iarna/toml';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseDocument, Scalar, visit, type Document } from 'yaml';

// ---------------------------------------------------------------------------------------------------------------
// Reference data

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./reference-data/${name}`, import.meta.url)), 'utf8')) as T;
}

interface KeyDef {
  toml: string;
  table?: string;
}
interface TableDef {
  kind: 'table' | 'array_element' | 'map';
  keys?: Record<string, KeyDef>;
  valueType?: string;
  valueTable?: string;
}
interface RunnerKeys {
  tables: Record<string, TableDef>;
  executors: string[];
  featureFlags: { name: string; deprecated: boolean }[];
  registerCommand: {
    ownFlags: Record<string, { goType: string; short?: string }>;
    configFlags: Record<string, { goType: string; toml?: string; short?: string }>;
  };
}
interface BuildkitdKeys {
  tables: Record<string, TableDef>;
}
type Shape =
  | string
  | { kind: 'object'; keys: Record<string, string>; nested?: Record<string, Shape> }
  | { kind: 'map'; value: Shape };
interface DaemonKeys {
  keys: Record<string, { type: string; platforms?: string[] }>;
  extraAcceptedKeys: Record<string, unknown>;
  valueShapes: Record<string, Shape>;
}

let cache: { runner: RunnerKeys; buildkitd: BuildkitdKeys; daemon: DaemonKeys; validateCi: ValidateFunction } | null =
  null;

function reference() {
  if (cache) return cache;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The schema uses a few formats; without ajv-formats they are declared here (draft-07 is Ajv 8's default draft).
  ajv.addFormat('uri', (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', true);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('regex', (s: string) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  });
  const schema = readJson<Record<string, unknown>>('gitlab-ci.schema.json');
  cache = {
    runner: readJson<RunnerKeys>('runner-config-keys.json'),
    buildkitd: readJson<BuildkitdKeys>('buildkitd-keys.json'),
    daemon: readJson<DaemonKeys>('daemon-json-keys.json'),
    validateCi: ajv.compile(schema),
  };
  return cache;
}

export const runnerReference = (): RunnerKeys => reference().runner;

// ---------------------------------------------------------------------------------------------------------------
// YAML as GitLab (Psych, YAML 1.1) and as YAML 1.2 tools read it

/** Global keywords of `.gitlab-ci.yml`: every other top-level key not starting with `.` is a job. */
export const GITLAB_RESERVED_KEYWORDS = [
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  // deprecated globals, still not jobs
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
] as const;

/** Characters libyaml (used by Ruby Psych, hence GitLab) accepts in a stream: anything else is a load error. */
function libyamlPrintable(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Plain scalars that Psych resolves to something other than the string (YAML 1.1 booleans and nulls, ints with
 * `_` or `,`, base 60, binary/octal/hex, floats, timestamps, symbols), on top of what the yaml library's 1.1 schema
 * already resolves.
 */
export function psychResolvesPlain(s: string): boolean {
  return (
    s === '' ||
    /^(?:y|n|yes|no|true|false|on|off)$/i.test(s) ||
    /^(?:~|null)$/i.test(s) ||
    /^[-+]?\.(?:inf|nan)$/i.test(s) ||
    /^[-+]?0x[0-9a-f_,]+$/i.test(s) ||
    /^[-+]?0b[01_,]+$/i.test(s) ||
    /^[-+]?\.?[0-9][0-9_,.:]*(?:e[-+]?[0-9]+)?$/i.test(s) ||
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt ])/.test(s) ||
    /^:/.test(s) ||
    s === '<<' ||
    s === '='
  );
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Date) return { $date: v.toISOString() };
    if (typeof v === 'bigint') return { $bigint: v.toString() };
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

/**
 * Parses YAML the way GitLab does and checks that YAML 1.2 readers agree. Returns the data (as GitLab sees it)
 * or null when the text cannot be loaded.
 */
export function parseYamlStrict(text: string, problems: string[], where: string): unknown {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!libyamlPrintable(cp)) {
      problems.push(
        `${where}: character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not accepted by libyaml (GitLab)`,
      );
      break;
    }
  }
  // libyaml treats U+2028/U+2029/U+0085 as line breaks: inside a plain or block scalar they change the value.
  const options = { uniqueKeys: true, prettyErrors: false } as const;
  const doc11 = parseDocument(text, { ...options, version: '1.1' });
  const doc12 = parseDocument(text, { ...options, version: '1.2' });
  for (const [doc, v] of [
    [doc11, '1.1'],
    [doc12, '1.2'],
  ] as const) {
    for (const e of doc.errors) problems.push(`${where}: YAML ${v} error: ${e.message}`);
    for (const w of doc.warnings) problems.push(`${where}: YAML ${v} warning: ${w.message}`);
  }
  if (doc11.errors.length || doc12.errors.length) return null;
  const data11 = doc11.toJS({ maxAliasCount: -1 }) as unknown;
  const data12 = doc12.toJS({ maxAliasCount: -1 }) as unknown;
  if (stable(data11) !== stable(data12)) problems.push(`${where}: YAML 1.1 (GitLab) and YAML 1.2 read different data`);
  checkPlainScalars(doc12, problems, where);
  return data11;
}

function checkPlainScalars(doc: Document, problems: string[], where: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (
        node.type === Scalar.PLAIN &&
        typeof node.value === 'string' &&
        typeof node.source === 'string' &&
        psychResolvesPlain(node.source)
      )
        problems.push(
          `${where}: plain scalar ${JSON.stringify(node.source)} is not a string for GitLab (Psych); quote it`,
        );
      if (
        (node.type === Scalar.PLAIN || node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) &&
        typeof node.value === 'string' &&
        /[\u2028\u2029\u0085]/.test(node.value)
      )
        problems.push(`${where}: U+2028/U+2029/U+0085 in a plain or block scalar: libyaml reads a line break`);
    },
  });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/**
 * GitLab's CI JSON schema alone, on parsed data (a component's `spec:` header, an include-only file): one problem
 * per schema error, `where: schema: <instance path> <message>`; no check of jobs or stages.
 */
export function checkCiSchema(data: unknown, where: string): string[] {
  const validate = reference().validateCi;
  if (validate(data)) return [];
  return (validate.errors ?? []).map(
    (e) => `${where}: schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

export function checkGitlabCi(text: string): string[] {
  const problems: string[] = [];
  const data = parseYamlStrict(text, problems, '.gitlab-ci.yml');
  if (data === null) return problems;
  if (!isObject(data)) return [...problems, '.gitlab-ci.yml: the document is not a mapping'];
  const validate = reference().validateCi;
  if (!validate(data)) {
    for (const e of validate.errors ?? [])
      problems.push(`.gitlab-ci.yml: schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
  const reserved = new Set<string>(GITLAB_RESERVED_KEYWORDS);
  const jobs = Object.keys(data).filter((k) => !reserved.has(k) && !k.startsWith('.'));
  if (jobs.length === 0) problems.push('.gitlab-ci.yml: no job');
  for (const name of jobs) {
    const job = data[name];
    if (!isObject(job)) {
      problems.push(`.gitlab-ci.yml: job ${name} is not a mapping`);
      continue;
    }
    const script = job.script;
    const hasScript = typeof script === 'string' ? script !== '' : Array.isArray(script) && script.length > 0;
    if (!hasScript && job.trigger === undefined && job.run === undefined)
      problems.push(`.gitlab-ci.yml: job ${name} has no script, trigger or run`);
  }
  // Stages used by jobs must be declared.
  const stages = Array.isArray(data.stages) ? data.stages : ['build', 'test', 'deploy'];
  for (const name of jobs) {
    const stage = (data[name] as Record<string, unknown>).stage;
    if (typeof stage === 'string' && !stages.includes(stage) && stage !== '.pre' && stage !== '.post')
      problems.push(`.gitlab-ci.yml: job ${name} uses undeclared stage ${stage}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// TOML walking

function typeOk(value: unknown, type: string): boolean {
  if (type === 'any') return true;
  if (type.includes('|')) return type.split('|').some((t) => typeOk(value, t));
  const arr = /^array<(.+)>$/.exec(type);
  if (arr) return Array.isArray(value) && value.every((v) => typeOk(v, arr[1] ?? 'any'));
  const map = /^map<(.+)>$/.exec(type);
  if (map) return isObject(value) && Object.values(value).every((v) => typeOk(v, map[1] ?? 'any'));
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
    case 'float':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'duration':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    case 'datetime':
      return value instanceof Date;
    case 'table':
    case 'object':
      return isObject(value);
    default:
      return false;
  }
}

function walkToml(
  tables: Record<string, TableDef>,
  value: unknown,
  path: string,
  shown: string,
  problems: string[],
  file: string,
): void {
  const def = tables[path];
  if (!def) {
    problems.push(`${file}: no reference for table ${path}`);
    return;
  }
  if (!isObject(value)) {
    problems.push(`${file}: ${shown || '(top level)'} must be a table`);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const here = shown ? `${shown}.${key}` : key;
    if (def.kind === 'map') {
      const vt = def.valueType ?? 'any';
      if (vt === 'table') walkToml(tables, v, def.valueTable ?? `${path}.*`, here, problems, file);
      else if (!typeOk(v, vt)) problems.push(`${file}: ${here} must be ${vt}`);
      continue;
    }
    const k = def.keys?.[key];
    if (!k) {
      problems.push(`${file}: unknown key ${here} (table ${path || '(top level)'})`);
      continue;
    }
    const t = k.toml;
    if (t === 'table') walkToml(tables, v, k.table ?? (path ? `${path}.${key}` : key), here, problems, file);
    else if (t === 'array<table>') {
      if (!Array.isArray(v)) problems.push(`${file}: ${here} must be an array of tables`);
      else
        v.forEach((item, i) =>
          walkToml(tables, item, k.table ?? `${path ? `${path}.` : ''}${key}[]`, `${here}[${i}]`, problems, file),
        );
    } else if (/^map</.test(t) && k.table && tables[k.table]) walkToml(tables, v, k.table, here, problems, file);
    else if (!typeOk(v, t)) problems.push(`${file}: ${here} must be ${t} (got ${JSON.stringify(v)})`);
  }
}

function parseTomlText(text: string, problems: string[], file: string): Record<string, unknown> | null {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (e) {
    problems.push(`${file}: TOML parse error: ${(e as Error).message.split('\n')[0] ?? ''}`);
    return null;
  }
}

export function checkRunnerToml(text: string, file = 'config.toml'): string[] {
  const problems: string[] = [];
  const data = parseTomlText(text, problems, file);
  if (!data) return problems;
  const ref = reference().runner;
  walkToml(ref.tables, data, '', '', problems, file);
  const runners = Array.isArray(data.runners) ? (data.runners as unknown[]) : [];
  if (runners.length === 0) problems.push(`${file}: no [[runners]] entry`);
  const flags = new Set(ref.featureFlags.map((f) => f.name));
  for (const r of runners) {
    if (!isObject(r)) continue;
    if (typeof r.executor !== 'string' || !ref.executors.includes(r.executor))
      problems.push(`${file}: executor ${JSON.stringify(r.executor)} is not a runner executor`);
    if (isObject(r.feature_flags))
      for (const f of Object.keys(r.feature_flags))
        if (!flags.has(f)) problems.push(`${file}: unknown feature flag ${f}`);
    problems.push(...executorSections(r, file));
  }
  return problems;
}

/**
 * What an executor needs beyond known keys, as gitlab-runner checks it when it loads the runner: docker-autoscaler
 * refuses to start without `[runners.autoscaler]` and its plugin ("executor requires autoscaler config"),
 * docker+machine without a driver and a machine name holding `%s` (each machine's unique id), and the Windows volume
 * parser of docker-windows refuses a path without a drive letter or a named pipe (`invalid volume specification:
 * "/cache"`). Sources: https://docs.gitlab.com/runner/executors/docker_autoscaler/,
 * https://docs.gitlab.com/runner/configuration/autoscale/, https://docs.gitlab.com/runner/executors/docker/.
 */
function executorSections(r: Record<string, unknown>, file: string): string[] {
  const problems: string[] = [];
  const docker = isObject(r.docker) ? r.docker : null;
  if (r.executor === 'docker-autoscaler') {
    const a = isObject(r.autoscaler) ? r.autoscaler : null;
    if (!a) problems.push(`${file}: executor docker-autoscaler requires [runners.autoscaler]`);
    else {
      if (typeof a.plugin !== 'string' || a.plugin === '')
        problems.push(`${file}: [runners.autoscaler] needs a fleeting plugin`);
      if (!isObject(a.plugin_config) || Object.keys(a.plugin_config).length === 0)
        problems.push(`${file}: [runners.autoscaler.plugin_config] names no instance group`);
      if (typeof a.max_instances !== 'number' || a.max_instances < 1)
        problems.push(`${file}: [runners.autoscaler] max_instances must be at least 1`);
      if (!isObject(a.connector_config) || typeof a.connector_config.username !== 'string')
        problems.push(`${file}: [runners.autoscaler.connector_config] needs the instances' username`);
    }
  }
  if (r.executor === 'docker+machine') {
    const m = isObject(r.machine) ? r.machine : null;
    if (!m) problems.push(`${file}: executor docker+machine requires [runners.machine]`);
    else {
      if (typeof m.MachineDriver !== 'string' || m.MachineDriver === '')
        problems.push(`${file}: [runners.machine] needs a MachineDriver`);
      if (typeof m.MachineName !== 'string' || !m.MachineName.includes('%s'))
        problems.push(`${file}: [runners.machine] MachineName must hold %s`);
    }
  }
  if ((r.executor === 'docker-autoscaler' || r.executor === 'docker+machine') && !docker)
    problems.push(`${file}: executor ${String(r.executor)} requires [runners.docker]`);
  if (r.executor === 'docker-windows' && docker && Array.isArray(docker.volumes))
    for (const v of docker.volumes)
      if (typeof v !== 'string' || !/^(?:[A-Za-z]:\\|\\\\\.\\pipe\\)/.test(v))
        problems.push(`${file}: docker-windows volume ${JSON.stringify(v)} has no drive letter or named pipe`);
  return problems;
}

export function checkHelmValues(text: string): string[] {
  const problems: string[] = [];
  const data = parseYamlStrict(text, problems, 'values.yaml');
  if (data === null) return problems;
  if (!isObject(data)) return [...problems, 'values.yaml: the document is not a mapping'];
  if (typeof data.gitlabUrl !== 'string') problems.push('values.yaml: gitlabUrl must be a string');
  const runners = data.runners;
  if (!isObject(runners)) return [...problems, 'values.yaml: runners must be a mapping'];
  if (runners.tags !== undefined && typeof runners.tags !== 'string')
    problems.push('values.yaml: runners.tags must be a string');
  if (runners.secret !== undefined && typeof runners.secret !== 'string')
    problems.push('values.yaml: runners.secret must be a string');
  if (typeof runners.config !== 'string')
    return [...problems, 'values.yaml: runners.config must be a string (config.toml)'];
  problems.push(...checkRunnerToml(runners.config, 'values.yaml runners.config'));
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// daemon.json

function shapeProblems(value: unknown, shape: Shape, where: string): string[] {
  if (typeof shape === 'string') return typeOk(value, shape) ? [] : [`daemon.json: ${where} must be ${shape}`];
  if (shape.kind === 'map') {
    if (!isObject(value)) return [`daemon.json: ${where} must be an object`];
    return Object.entries(value).flatMap(([k, v]) => shapeProblems(v, shape.value, `${where}.${k}`));
  }
  if (!isObject(value)) return [`daemon.json: ${where} must be an object`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const t = shape.keys[k];
    if (t === undefined) {
      out.push(`daemon.json: unknown key ${where}.${k}`);
      continue;
    }
    const nested = shape.nested?.[k];
    if (nested) out.push(...shapeProblems(v, nested, `${where}.${k}`));
    else if (t === 'array<object>' && shape.nested?.[`${k}[]`]) {
      if (!Array.isArray(v)) out.push(`daemon.json: ${where}.${k} must be an array`);
      else
        v.forEach((item, i) =>
          out.push(...shapeProblems(item, shape.nested?.[`${k}[]`] ?? 'object', `${where}.${k}[${i}]`)),
        );
    } else if (!typeOk(v, t)) out.push(`daemon.json: ${where}.${k} must be ${t}`);
  }
  return out;
}

/**
 * dockerd's check of a registry mirror (`registry-mirrors` in daemon.json and `--registry-mirror`, moby
 * registry.ValidateMirror): an http(s) scheme, no query or fragment, no user info. Null when accepted.
 */
export function registryMirrorProblem(m: string): string | null {
  if (!/^https?:\/\//i.test(m)) return 'needs an http:// or https:// scheme';
  let u: URL;
  try {
    u = new URL(m);
  } catch {
    return 'is not a valid URI';
  }
  if (u.hostname === '') return 'has no host';
  if (u.search !== '' || u.hash !== '' || /[?#]/.test(m)) return 'has a query or fragment (dockerd refuses it)';
  if (u.username !== '' || u.password !== '') return 'has user info (dockerd refuses it)';
  return null;
}

export function checkDaemonJson(text: string): string[] {
  const problems: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return [`daemon.json: JSON parse error: ${(e as Error).message}`];
  }
  if (!isObject(data)) return ['daemon.json: must be a JSON object'];
  const ref = reference().daemon;
  for (const [key, value] of Object.entries(data)) {
    const def = ref.keys[key];
    if (!def) {
      if (!(key in ref.extraAcceptedKeys)) problems.push(`daemon.json: dockerd refuses unknown key ${key}`);
      continue;
    }
    const shape = ref.valueShapes[key];
    const arrayShape = ref.valueShapes[`${key}[]`];
    if (shape) problems.push(...shapeProblems(value, shape, key));
    else if (def.type === 'array<object>' && arrayShape) {
      if (!Array.isArray(value)) problems.push(`daemon.json: ${key} must be an array`);
      else value.forEach((item, i) => problems.push(...shapeProblems(item, arrayShape, `${key}[${i}]`)));
    } else if (!typeOk(value, def.type)) problems.push(`daemon.json: ${key} must be ${def.type}`);
  }
  const mirrors = data['registry-mirrors'];
  if (Array.isArray(mirrors)) {
    for (const m of mirrors) {
      let ok = false;
      if (typeof m === 'string') ok = registryMirrorProblem(m) === null;
      if (!ok)
        problems.push(
          `daemon.json: registry mirror ${JSON.stringify(m)}: ${typeof m === 'string' ? registryMirrorProblem(m) : 'not a string'}`,
        );
    }
  }
  const insecure = data['insecure-registries'];
  if (Array.isArray(insecure))
    for (const r of insecure)
      if (typeof r === 'string' && r.includes('://'))
        problems.push(`daemon.json: insecure registry ${r} must not contain a scheme`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// buildkitd.toml

export function checkBuildkitdToml(text: string): string[] {
  const problems: string[] = [];
  const data = parseTomlText(text, problems, 'buildkitd.toml');
  if (!data) return problems;
  walkToml(reference().buildkitd.tables, data, '', '', problems, 'buildkitd.toml');
  const registry = data.registry;
  if (isObject(registry)) {
    for (const [host, cfg] of Object.entries(registry)) {
      if (/:\/\//.test(host)) problems.push(`buildkitd.toml: registry "${host}" must be a host, without scheme`);
      if (isObject(cfg) && Array.isArray(cfg.mirrors))
        for (const m of cfg.mirrors)
          if (typeof m === 'string' && /:\/\//.test(m))
            problems.push(`buildkitd.toml: mirror "${m}" must be a host[:port][/path], without scheme`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// register.sh: flags of `gitlab-runner register`

/**
 * Splits POSIX shell text into words for the subset the generators write: blanks, `\`-newline continuations,
 * '…', "…" (with \ escapes) and bare \x. Expansions are kept as written. `;`, `|`, `&` and newlines end a command.
 */
export function shellCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  const push = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  const end = () => {
    push();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') {
      const next = text[i + 1];
      i++;
      if (next === '\n' || next === undefined) continue;
      word = (word ?? '') + next;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new Error('unterminated single quote');
      word = (word ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1] ?? '')) {
          j++;
          if (text[j] !== '\n') s += text[j];
        } else s += text[j];
      }
      if (j >= text.length) throw new Error('unterminated double quote');
      word = (word ?? '') + s;
      i = j;
    } else if (c === '#' && word === null) {
      while (i < text.length && text[i] !== '\n') i++;
      end();
    } else if (c === ' ' || c === '\t') push();
    else if (c === '\n' || c === ';' || c === '|' || c === '&') end();
    else word = (word ?? '') + c;
  }
  end();
  return commands;
}

const PS_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b";
const PS_DOUBLE_QUOTES = '"\u201c\u201d\u201e';

/**
 * Splits PowerShell text into words for the subset the generators write: blanks, backtick-newline continuations,
 * '…' (a doubled quote is one quote; PowerShell also takes U+2018-U+201B as single quotes), "…" (expansions kept
 * as written, backtick escapes) and bare words. `;`, `|` and newlines end a command.
 */
export function psCommands(text: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  const push = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  const end = () => {
    push();
    if (words.length) commands.push(words);
    words = [];
  };
  const escape = (ch: string) =>
    ({ n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' })[ch] ?? ch;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '`') {
      const next = text[i + 1];
      i++;
      if (next === '\n' || next === undefined) continue;
      if (next === '\r' && text[i + 1] === '\n') {
        i++;
        continue;
      }
      word = (word ?? '') + escape(next);
    } else if (PS_SINGLE_QUOTES.includes(c)) {
      let s = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        const ch = text[j] ?? '';
        if (PS_SINGLE_QUOTES.includes(ch)) {
          if (PS_SINGLE_QUOTES.includes(text[j + 1] ?? 'x')) {
            s += text[j + 1];
            j++;
          } else break;
        } else s += ch;
      }
      if (j >= text.length) throw new Error('unterminated single-quoted string');
      word = (word ?? '') + s;
      i = j;
    } else if (PS_DOUBLE_QUOTES.includes(c)) {
      let s = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        const ch = text[j] ?? '';
        if (ch === '`' && j + 1 < text.length) {
          s += escape(text[j + 1] ?? '');
          j++;
        } else if (PS_DOUBLE_QUOTES.includes(ch)) {
          if (PS_DOUBLE_QUOTES.includes(text[j + 1] ?? 'x')) {
            s += text[j + 1];
            j++;
          } else break;
        } else s += ch;
      }
      if (j >= text.length) throw new Error('unterminated double-quoted string');
      word = (word ?? '') + s;
      i = j;
    } else if (c === '#' && word === null) {
      while (i < text.length && text[i] !== '\n') i++;
      end();
    } else if (c === ' ' || c === '\t') push();
    else if (c === '\n' || c === ';' || c === '|') end();
    else word = (word ?? '') + c;
  }
  end();
  return commands;
}

/** The flags of `gitlab-runner register` arguments (flag positions only; values are skipped by the flag's type). */
export function registerFlags(args: string[]): string[] {
  const { ownFlags, configFlags } = reference().runner.registerCommand;
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    flags.push(flag);
    const def = ownFlags[flag] ?? configFlags[flag];
    if (def && def.goType !== 'bool' && def.goType !== '*bool') i++;
  }
  return flags;
}

/** Checks the arguments after `register`: known flags only, a value after each non-bool flag. */
export function checkRegisterArgv(args: string[]): string[] {
  const { ownFlags, configFlags } = reference().runner.registerCommand;
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] ?? '';
    const def = ownFlags[flag] ?? configFlags[flag];
    if (!def) {
      problems.push(`register: unknown flag or stray argument ${JSON.stringify(flag)}`);
      continue;
    }
    if (def.goType === 'bool' || def.goType === '*bool') continue;
    if (i + 1 >= args.length) problems.push(`register: ${flag} needs a value`);
    i++;
  }
  return problems;
}

export function checkRegisterSh(text: string): string[] {
  let commands: string[][];
  try {
    commands = shellCommands(text);
  } catch (e) {
    return [`register.sh: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  const reg = commands.filter((c) => c.includes('gitlab-runner') && c[c.indexOf('gitlab-runner') + 1] === 'register');
  if (reg.length !== 1) problems.push(`register.sh: expected one gitlab-runner register command, found ${reg.length}`);
  for (const c of reg) problems.push(...checkRegisterArgv(c.slice(c.indexOf('gitlab-runner') + 2)));
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

export interface FileLike {
  path: string;
  content: string;
}

/** Checks every file that has reference data; other files (SETUP.md, scripts for PowerShell) are skipped. */
export function checkFiles(files: FileLike[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    switch (f.path) {
      case '.gitlab-ci.yml':
        problems.push(...checkGitlabCi(f.content));
        break;
      case 'config.toml':
        problems.push(...checkRunnerToml(f.content));
        break;
      case 'values.yaml':
        problems.push(...checkHelmValues(f.content));
        break;
      case 'daemon.json':
        problems.push(...checkDaemonJson(f.content));
        break;
      case 'buildkitd.toml':
        problems.push(...checkBuildkitdToml(f.content));
        break;
      case 'register.sh':
        problems.push(...checkRegisterSh(f.content));
        break;
      default:
        break;
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Executing generated shell scripts (tests in src/core cannot import Node modules: the core lint rules forbid it)

export { posix as posixPath } from 'node:path';

/** The path of a program on PATH, or '' when it is not installed. */
export function which(program: string): string {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).stdout.trim();
}

/** The digest the stubs of `ShellSandbox` report for a push (64 hex digits). */
export const STUB_DIGEST_HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * A temporary directory with stub programs first on PATH. Each stub appends its name and argv to one file,
 * NUL-separated (`@@CALL@@`, program, argc, args...), so any argument (quotes, spaces, newlines) is recorded
 * exactly. `sudo` only runs its arguments.
 */
export class ShellSandbox {
  readonly dir: string;
  readonly bin: string;
  readonly home: string;
  readonly work: string;
  private readonly argvFile: string;

  constructor(programs: string[]) {
    this.dir = mkdtempSync(join(tmpdir(), 'generated-sh-'));
    this.bin = join(this.dir, 'bin');
    this.home = join(this.dir, 'home');
    this.work = join(this.dir, 'work');
    this.argvFile = join(this.dir, 'argv');
    for (const d of [this.bin, this.home, this.work]) mkdirSync(d, { recursive: true });
    // After recording, a stub reports a pushed digest as the real tool does (issue 14, digest export): `docker push`
    // prints `<tag>: digest: sha256:<hex> size: <n>`, `--digestfile F` (buildah/podman push) and `--metadata-file F`
    // (buildx, buildctl) write it to F.
    const stub = [
      '#!/bin/sh',
      `{ printf '%s\\0' '@@CALL@@' "\${0##*/}" "$#"; if [ "$#" -gt 0 ]; then printf '%s\\0' "$@"; fi; } >> "$ARGV_OUT"`,
      `d=sha256:${STUB_DIGEST_HEX}`,
      `[ "\${0##*/} $1" = "docker push" ] && echo "stub: digest: $d size: 1"`,
      'while [ "$#" -gt 1 ]; do',
      '  case "$1" in',
      `    --digestfile) printf '%s' "$d" > "$2" ;;`,
      `    --metadata-file) printf '{\\n  "containerimage.digest": "%s"\\n}\\n' "$d" > "$2" ;;`,
      '  esac',
      '  shift',
      'done',
      'exit 0',
      '',
    ].join('\n');
    for (const name of programs) {
      writeFileSync(join(this.bin, name), stub);
      chmodSync(join(this.bin, name), 0o755);
    }
    writeFileSync(join(this.bin, 'sudo'), '#!/bin/sh\nexec "$@"\n');
    chmodSync(join(this.bin, 'sudo'), 0o755);
  }

  /** Runs `sh [shArgs] script` in the work directory; returns the exit status, stderr and the stubs' calls. */
  run(
    script: string,
    env: Record<string, string>,
    shArgs: string[] = [],
  ): { status: number | null; stderr: string; calls: string[][] } {
    const file = join(this.dir, 'script.sh');
    writeFileSync(file, script);
    rmSync(this.argvFile, { force: true });
    const res = spawnSync('sh', [...shArgs, file], {
      cwd: this.work,
      env: { PATH: `${this.bin}:/usr/bin:/bin`, HOME: this.home, ARGV_OUT: this.argvFile, ...env },
      encoding: 'utf8',
    });
    return { status: res.status, stderr: res.stderr, calls: this.readCalls() };
  }

  private readCalls(): string[][] {
    let raw: string;
    try {
      raw = readFileSync(this.argvFile, 'utf8');
    } catch {
      return [];
    }
    const parts = raw.split('\0');
    const calls: string[][] = [];
    let i = 0;
    while (i < parts.length - 1) {
      if (parts[i] !== '@@CALL@@')
        throw new Error(`stub output out of sync at ${i}: ${JSON.stringify(parts.slice(i, i + 3))}`);
      const n = Number(parts[i + 2]);
      calls.push([parts[i + 1] ?? '', ...parts.slice(i + 3, i + 3 + n)]);
      i += 3 + n;
    }
    return calls;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
