/**
 * Adopting the fix into the user's own documents (issue 15, item 4): the generated replacement is written into the
 * user's files, and only the parts that build images change. Everything else (other jobs and their order, comments,
 * anchors, the user's other variables and stages, `include:`, other runners, global settings) stays byte-for-byte.
 *
 * - `.gitlab-ci.yml` (`adoptCi`): the document is read with the `yaml` library (YAML 1.1 as GitLab's Psych reads it,
 *   merge keys on) only to locate nodes: each edit is a splice of the user's text at a node's source range
 *   (`range` of the `yaml` library's nodes), so the bytes outside the replaced or added regions are never
 *   re-serialized. The generated jobs are serialized with the user's indentation (and line endings).
 * - `config.toml` / Helm `values.yaml` (`adoptRunnerToml`, `adoptHelmValues`), `buildkitd.toml`
 *   (`adoptBuildkitdToml`): no comment-preserving TOML library exists, so the TEXT is edited: a key's value is
 *   replaced on its line, a missing key is inserted under its table, a missing table is appended.
 * - `daemon.json` (`adoptJson`): a merge of the generated keys into the user's object, re-indented (2 spaces) only
 *   where a value changes when the user's layout allows a splice.
 *
 * GitLab references: `default:` and `inherit:` (https://docs.gitlab.com/ci/yaml/#default,
 * https://docs.gitlab.com/ci/yaml/#inherit), `extends` merging (https://docs.gitlab.com/ci/yaml/yaml_optimization/),
 * `stages` and the default stages (https://docs.gitlab.com/ci/yaml/#stages). gitlab-runner's keys:
 * https://docs.gitlab.com/runner/configuration/advanced-configuration/.
 */
import TOML from '@iarna/toml';
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  Pair,
  parseAllDocuments,
  parseDocument,
  Scalar,
  visit,
  YAMLMap,
  YAMLSeq,
  type CollectionTag,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type ParsedNode,
  type SchemaOptions,
} from 'yaml';
import type { GenerateResult } from '../generate';
import { msg, type Msg } from '../i18n';
import { psychResolvesPlain } from '../yaml-doc';
import type { ImportKind, ImportResult } from './types';

/**
 * What adopting a generated file into a user's file gives: the new text, and what changed.
 * - `replaced`: the user's parts that were replaced (CI job names; TOML `table.key` paths; JSON keys);
 * - `added`: the parts added from the generated file (jobs, `stages` items, `variables`, keys);
 * - `kept`: the user's parts left byte-for-byte (top-level keys of `.gitlab-ci.yml`, runner entries, keys);
 * - `notes`: what the user should know (a mapping between jobs, a template overridden, a choice among runners);
 * - `renamed` (CI only): each generated job's name in the result (a paired job takes the user's name).
 */
export interface AdoptResult {
  text: string;
  replaced: string[];
  added: string[];
  kept: string[];
  notes: Msg[];
  renamed?: Record<string, string>;
}

/** Thrown when a user's file cannot be edited (it does not parse): `message` is English, `reason` both languages. */
export class AdoptError extends Error {
  constructor(readonly reason: Msg) {
    super(reason.en);
    this.name = 'AdoptError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// .gitlab-ci.yml

/**
 * Top-level keys of `.gitlab-ci.yml` that are not jobs (https://docs.gitlab.com/ci/yaml/#global-keywords; `image`,
 * `services`, `cache`, `before_script` and `after_script` at the top are the deprecated global defaults).
 */
const GLOBAL_KEYS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);
/** Keys of `default:` (and the deprecated global ones) that belong to the build: a replaced job never inherits them. */
const BUILD_DEFAULT_KEYS = ['image', 'services', 'before_script', 'after_script', 'cache', 'artifacts'] as const;
/**
 * Global variables of a user's file that configure a build tool: a replaced job never inherits them unless the
 * generated file sets them (a leftover `DOCKER_HOST: tcp://docker:2375` would send the new build to a daemon that
 * is no longer there).
 */
const BUILD_VARIABLE =
  /^(?:DOCKER_(?:HOST|TLS_CERTDIR|TLS_VERIFY|CERT_PATH|DRIVER|BUILDKIT|TLS)|BUILDKIT_HOST|BUILDKITD_FLAGS|BUILDAH_\w+|STORAGE_DRIVER|STORAGE_OPTS|BUILDX_\w+)$/;
/** The proxy variables, which every generated job that reaches the network reads. */
const PROXY_VARIABLE = /^(?:HTTP_PROXY|HTTPS_PROXY|NO_PROXY)$/i;
/**
 * Keys of a user's build job that say WHEN and WHERE in the pipeline it runs, not how it builds: kept in the job
 * that replaces it when the generated job does not set them (`rules`, `only` and `except` only when the generated
 * job has no `rules`).
 */
const PLACEMENT_KEYS = [
  'stage',
  'rules',
  'only',
  'except',
  'needs',
  'dependencies',
  'when',
  'allow_failure',
  'timeout',
  'retry',
  'interruptible',
  'resource_group',
  'environment',
  'tags',
] as const;
/** GitLab's stages when a file has no `stages:` (`.pre` and `.post` are always there and never listed). */
const DEFAULT_STAGES = ['build', 'test', 'deploy'];
/** The generated pipeline's stages in order (STAGE_ORDER of the generator): where a missing stage goes. */
const GENERATED_STAGE_ORDER = ['lint', 'build', 'manifest', 'test', 'scan', 'sign', 'promote'];

/** YAML 1.1 with merge keys, as GitLab reads `.gitlab-ci.yml`; `!reference` is kept as a sequence. */
const REFERENCE_TAG: CollectionTag = {
  tag: '!reference',
  collection: 'seq',
  default: false,
  resolve: (value) => value,
};
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  customTags: [REFERENCE_TAG],
};

/** One top-level entry of a YAML document: its key, value node, and the source text region it occupies. */
interface TopEntry {
  key: string;
  pair: Pair<ParsedNode, ParsedNode | null>;
  /** Offset of the start of the key's line. */
  start: number;
  /** Offset after the end of the value's last line (newline included). */
  end: number;
}

interface TextEdit {
  start: number;
  end: number;
  text: string;
  order: number;
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
/** The offset after the newline that ends the line holding `offset` (or `offset` when it starts a line). */
function lineEndAfter(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/**
 * The start of the comment lines directly above the line at `start` (no blank line between): text inserted before
 * a key goes above its comments, which stay with the key they describe.
 */
function commentsAbove(text: string, start: number): number {
  let at = start;
  while (at > 0) {
    const prev = lineStart(text, at - 1);
    if (!text.slice(prev, at).trim().startsWith('#')) break;
    at = prev;
  }
  return at;
}

function topEntries(text: string, contents: unknown): TopEntry[] {
  if (!isMap(contents)) return [];
  const out: TopEntry[] = [];
  for (const item of contents.items as Pair<ParsedNode, ParsedNode | null>[]) {
    const k = item.key;
    if (!isScalar(k) || !k.range) continue;
    const valueEnd = item.value?.range?.[1] ?? k.range[1];
    out.push({ key: keyName(k), pair: item, start: lineStart(text, k.range[0]), end: lineEndAfter(text, valueEnd) });
  }
  return out;
}

/** The user's indentation: the column of the first nested key, and whether sequences are indented under keys. */
function detectIndent(text: string): { indent: number; indentSeq: boolean } {
  const nested = /^[^\s#][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( +)[^\s#-]/m.exec(text);
  const indent = nested?.[1]?.length ?? 2;
  // `key:` then `- item` at the key's own column: sequences are not indented.
  const seq = /^( *)[A-Za-z_.][^\n:]*:[ \t]*\r?\n( *)- /m.exec(text);
  const indentSeq = seq ? (seq[2] ?? '').length > (seq[1] ?? '').length : true;
  return { indent: Math.min(Math.max(indent, 1), 8), indentSeq };
}

/** A string scalar that YAML 1.1 (GitLab's Psych) reads back as the same string. */
function str(value: string): Scalar<string> {
  const s = new Scalar(value);
  if (psychResolvesPlain(value) || value === '' || /^[\s]|[\s]$|[:#]\s|^[!&*?|>'"%@`{}[\],-]/.test(value))
    s.type = Scalar.QUOTE_DOUBLE;
  return s;
}

/** A map key as text (`<<` for a merge key, whose value is a symbol in the `yaml` library). */
const keyName = (k: unknown): string => (isScalar(k) ? (typeof k.value === 'symbol' ? '<<' : String(k.value)) : '');

const mapGet = (map: unknown, key: string): Pair<Node, Node | null> | undefined =>
  isMap(map) ? (map.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && p.key.value === key) : undefined;

/** `inherit:<kind>` of a job: true (everything), false (nothing) or the names it inherits. */
function inheritOf(job: unknown, kind: 'default' | 'variables'): true | false | string[] {
  const inherit = mapGet(job, 'inherit')?.value;
  const v = mapGet(inherit, kind)?.value;
  if (!v) return true;
  if (isScalar(v)) return v.value !== false;
  if (isSeq(v)) return v.items.flatMap((i) => (isScalar(i) ? [String(i.value)] : []));
  return true;
}
const inherits = (rule: true | false | string[], name: string): boolean =>
  rule === true ? true : rule === false ? false : rule.includes(name);

/** The words of a job name, for matching jobs by name (`docker-build:release` -> `docker build release`). */
function nameWords(name: string): Set<string> {
  const synonyms: Record<string, string> = {
    master: 'latest',
    main: 'latest',
    default: 'latest',
    tag: 'release',
    tags: 'release',
    prod: 'release',
    production: 'release',
    x86_64: 'amd64',
    x64: 'amd64',
    aarch64: 'arm64',
    arm: 'arm64',
    mr: 'branch',
    branches: 'branch',
  };
  const generic = new Set(['build', 'image', 'images', 'docker', 'job', 'container', 'img', 'oci']);
  return new Set(
    name
      .toLowerCase()
      .split(/[^a-z0-9_]+|_/)
      .filter((w) => w && !generic.has(w))
      .map((w) => synonyms[w] ?? w),
  );
}

/** What a job's placement says (rules/only/except as JSON text), for matching variants by their pipelines. */
function placementHints(data: unknown): Set<string> {
  const text = JSON.stringify(data ?? {});
  const hints = new Set<string>();
  if (/CI_COMMIT_TAG|"tags"/.test(text)) hints.add('release');
  if (/CI_DEFAULT_BRANCH|\bmain\b|\bmaster\b/.test(text)) hints.add('latest');
  if (/CI_COMMIT_REF_PROTECTED/.test(text)) hints.add('protected');
  if (/amd64|x86_64/.test(text)) hints.add('amd64');
  if (/arm64|aarch64/.test(text)) hints.add('arm64');
  return hints;
}

/** Deep merge as GitLab's `extends` does: hashes merge, everything else (arrays too) is replaced. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      b && v && typeof b === 'object' && typeof v === 'object' && !Array.isArray(b) && !Array.isArray(v)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** A job of resolved data with its `extends` chain applied (GitLab allows 11 levels; cycles stop). */
function resolveExtends(data: Record<string, unknown>, names: unknown, seen: Set<string>): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const n of Array.isArray(names) ? names : names === undefined ? [] : [names]) {
    const name = String(n);
    if (seen.has(name) || seen.size > 11) continue;
    const t = data[name];
    if (!t || typeof t !== 'object') continue;
    const tpl = t as Record<string, unknown>;
    const inner = resolveExtends(data, tpl.extends, new Set([...seen, name]));
    out = deepMerge(out, deepMerge(inner, tpl));
  }
  delete out.extends;
  return out;
}

/** JSON with object keys sorted: equal for equal data whatever the key order. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

/**
 * A job as GitLab runs it, from resolved data: its `extends` chain, the `default:` keys (and the deprecated global
 * ones) it inherits per `inherit:default`, its variables over the global ones it inherits per `inherit:variables`,
 * and its stage (`test` when unset). Null when the file has no such job.
 */
function effectiveJob(data: Record<string, unknown>, name: string): Record<string, unknown> | null {
  const raw = data[name];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const job = deepMerge(resolveExtends(data, (raw as Record<string, unknown>).extends, new Set([name])), {
    ...(raw as Record<string, unknown>),
  });
  delete job.extends;
  const inherit = (job.inherit ?? {}) as Record<string, unknown>;
  const allowed = (rule: unknown, key: string) =>
    rule === undefined || rule === true ? true : Array.isArray(rule) ? rule.map(String).includes(key) : false;
  const defaults: Record<string, unknown> = {};
  for (const k of BUILD_DEFAULT_KEYS) if (k !== 'artifacts' && data[k] !== undefined) defaults[k] = data[k];
  Object.assign(defaults, (data.default ?? {}) as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(defaults)) if (allowed(inherit.default, k)) out[k] = v;
  for (const [k, v] of Object.entries(job)) if (k !== 'inherit' && k !== 'variables') out[k] = v;
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((data.variables ?? {}) as Record<string, unknown>))
    if (allowed(inherit.variables, k)) vars[k] = v;
  Object.assign(vars, (job.variables ?? {}) as Record<string, unknown>);
  if (Object.keys(vars).length) out.variables = vars;
  out.stage ??= 'test';
  return out;
}

/** Which jobs `extends` a template (directly), from resolved data. */
function extendersOf(data: Record<string, unknown>, template: string): string[] {
  return Object.entries(data).flatMap(([name, job]) => {
    if (GLOBAL_KEYS.has(name) || !job || typeof job !== 'object') return [];
    const ext = (job as Record<string, unknown>).extends;
    const list = Array.isArray(ext) ? ext.map(String) : ext === undefined ? [] : [String(ext)];
    return list.includes(template) ? [name] : [];
  });
}

/** Anchors defined inside a node, and aliases used inside a node. */
function anchorsIn(node: unknown): Set<string> {
  const out = new Set<string>();
  visit(node as Node, {
    Node: (_k, n) => {
      if ('anchor' in n && typeof n.anchor === 'string' && n.anchor) out.add(n.anchor);
    },
  });
  return out;
}
function aliasesOutside(contents: unknown, regions: readonly [number, number][]): Set<string> {
  const out = new Set<string>();
  visit(contents as Node, {
    Alias: (_k, a) => {
      const at = a.range?.[0] ?? -1;
      if (!regions.some(([s, e]) => at >= s && at < e)) out.add(a.source);
    },
  });
  return out;
}

/** Whether a `needs` or `dependencies` value names one of `jobs`. */
function refersTo(value: unknown, jobs: ReadonlySet<string>): boolean {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.some((n) =>
    typeof n === 'string'
      ? jobs.has(n)
      : n !== null && typeof n === 'object' && jobs.has(String((n as { job?: unknown }).job)),
  );
}

/** Renames job names in `needs` and `dependencies` of a generated job (after its jobs were mapped onto the user's). */
function renameRefs(job: YAMLMap, rename: ReadonlyMap<string, string>): void {
  const re = (s: Scalar) => {
    const to = rename.get(String(s.value));
    if (to !== undefined) s.value = to;
  };
  for (const key of ['needs', 'dependencies']) {
    const v = mapGet(job, key)?.value;
    if (!isSeq(v)) continue;
    for (const item of v.items) {
      if (isScalar(item)) re(item);
      else if (isMap(item)) {
        const j = mapGet(item, 'job')?.value;
        if (isScalar(j)) re(j);
      }
    }
  }
  // The generator's comments name the build job a scan or sign job reads ("Signs the digest build-image pushed").
  visit(job, {
    Node: (_k, n) => {
      if (typeof n.commentBefore === 'string')
        for (const [from, to] of rename)
          n.commentBefore = n.commentBefore.replace(
            new RegExp(`(^|[^\\w-])${escapeRe(from)}(?![\\w-])`, 'g'),
            `$1${to}`,
          );
    },
  });
}
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Clones of a map's pairs, the comment written above the map's first key moved onto that key (the `yaml` library
 * attaches it to the map), so that each pair can be moved on its own with its comment.
 */
function pairsWithComments(map: YAMLMap): Pair[] {
  return map.items.map((p, i) => {
    const c = (p as Pair).clone() as Pair;
    if (i === 0 && map.commentBefore && isScalar(c.key))
      c.key.commentBefore = c.key.commentBefore ? `${map.commentBefore}\n${c.key.commentBefore}` : map.commentBefore;
    return c;
  });
}

/** Serializes one top-level entry (`name: <job>`) with the user's indentation. */
function entryText(key: Scalar, value: Node, layout: { indent: number; indentSeq: boolean }): string {
  const doc = new Document(null, { version: '1.1' });
  const root = new YAMLMap();
  root.items.push(new Pair(key, value));
  doc.contents = root;
  return doc.toString({ indent: layout.indent, indentSeq: layout.indentSeq, lineWidth: 0, minContentWidth: 0 });
}

/** Re-indents a block of source text taken at column `from` to column `to` (every line that is not blank). */
function reindent(block: string, from: number, to: number): string {
  if (from === to) return block;
  return block
    .split('\n')
    .map((l) => {
      if (!l.trim()) return l;
      const lead = /^ */.exec(l)?.[0].length ?? 0;
      return ' '.repeat(Math.max(0, lead - from + to)) + l.slice(lead);
    })
    .join('\n');
}

interface GeneratedParts {
  doc: Document.Parsed;
  defaults: YAMLMap | null;
  variables: YAMLMap | null;
  stages: string[];
  workflow: TopEntry | null;
  include: Node | null;
  build: TopEntry[];
  other: TopEntry[];
  /** Names of the generated jobs in file order. */
  order: string[];
}

function readGenerated(generatedText: string): GeneratedParts {
  const doc = parseDocument(generatedText, YAML_OPTIONS);
  if (doc.errors.length)
    throw new AdoptError(
      msg(
        `the generated file does not parse: ${doc.errors[0]?.message}`,
        `生成ファイルを解析できません: ${doc.errors[0]?.message}`,
      ),
    );
  const entries = topEntries(generatedText, doc.contents);
  const find = (k: string) => entries.find((e) => e.key === k) ?? null;
  const stagesNode = find('stages')?.pair.value;
  const jobs = entries.filter((e) => !GLOBAL_KEYS.has(e.key));
  const stageOf = (e: TopEntry) => {
    const s = mapGet(e.pair.value, 'stage')?.value;
    return isScalar(s) ? String(s.value) : 'test';
  };
  const isBuild = (e: TopEntry) => !e.key.startsWith('.') && (stageOf(e) === 'build' || stageOf(e) === 'manifest');
  return {
    doc,
    defaults: (find('default')?.pair.value as YAMLMap | undefined) ?? null,
    variables: (find('variables')?.pair.value as YAMLMap | undefined) ?? null,
    stages: isSeq(stagesNode) ? stagesNode.items.map((i) => String(isScalar(i) ? i.value : '')) : [],
    workflow: find('workflow'),
    include: find('include')?.pair.value ?? null,
    build: jobs.filter(isBuild),
    other: jobs.filter((e) => !isBuild(e)),
    order: jobs.map((e) => e.key),
  };
}

/** Pairs user build jobs with generated build jobs: exact names first, then name words, pipelines and order. */
function mapJobs(
  user: TopEntry[],
  userData: Record<string, unknown>,
  gen: TopEntry[],
): { pairs: [TopEntry, TopEntry][]; extraUser: TopEntry[]; extraGen: TopEntry[] } {
  const scored: { u: number; g: number; score: number }[] = [];
  user.forEach((u, i) => {
    const uw = nameWords(u.key);
    const uData = userData[u.key] as Record<string, unknown> | undefined;
    const uh = placementHints({ rules: uData?.rules, only: uData?.only, except: uData?.except });
    for (const w of uw) uh.add(w);
    gen.forEach((g, j) => {
      let score = 0;
      if (u.key === g.key) score += 100;
      const gw = nameWords(g.key);
      for (const w of gw) if (uw.has(w)) score += 10;
      const gData = (g.pair.value?.toJSON() ?? {}) as Record<string, unknown>;
      const gh = placementHints({ rules: gData.rules, only: gData.only, except: gData.except });
      for (const w of gw) gh.add(w);
      for (const h of gh) if (uh.has(h)) score += 5;
      // Neither says anything: the job of every branch pairs with the job of every branch.
      if (gh.size === 0 && uh.size === 0) score += 3;
      score += 1 / (1 + Math.abs(i / Math.max(user.length, 1) - j / Math.max(gen.length, 1)));
      scored.push({ u: i, g: j, score });
    });
  });
  scored.sort((a, b) => b.score - a.score || a.u - b.u || a.g - b.g);
  const usedU = new Set<number>();
  const usedG = new Set<number>();
  const pairs: [TopEntry, TopEntry][] = [];
  for (const s of scored) {
    if (usedU.has(s.u) || usedG.has(s.g)) continue;
    usedU.add(s.u);
    usedG.add(s.g);
    pairs.push([user[s.u] as TopEntry, gen[s.g] as TopEntry]);
  }
  pairs.sort((a, b) => a[0].start - b[0].start);
  return {
    pairs,
    extraUser: user.filter((_u, i) => !usedU.has(i)),
    extraGen: gen.filter((_g, j) => !usedG.has(j)),
  };
}

/**
 * The repositories a job's build commands tag (`-t`, `--tag`, `--destination`, `--output ...name=`), without their
 * tags: `$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA` -> `$CI_REGISTRY_IMAGE`. Empty when the job names none.
 */
function imageRepositories(job: unknown): Set<string> {
  const out = new Set<string>();
  if (!job || typeof job !== 'object') return out;
  const j = job as Record<string, unknown>;
  const lines = [j.before_script, j.script].flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]));
  for (const line of lines) {
    if (typeof line !== 'string') continue;
    for (const m of line.matchAll(/(?:^|\s)(?:-t|--tag|--destination)[=\s]+["']?([^\s"',]+)|name=["']?([^\s"',]+)/g)) {
      const ref = (m[1] ?? m[2] ?? '').replace(/@sha256:.*$/, '');
      const slash = ref.lastIndexOf('/');
      const colon = ref.indexOf(':', slash + 1);
      out.add(colon === -1 ? ref : ref.slice(0, colon));
    }
  }
  return out;
}

/**
 * Adopts the generated `.gitlab-ci.yml` into the user's: the user's build jobs (`buildJobs`, names as in the file)
 * are replaced by the generated build jobs (stage `build` or `manifest`), the generated jobs around the build
 * (image tags, lint, test, scan, sign, promote) are added, and everything else stays byte-for-byte.
 *
 * - One user build job and one generated build job: the job keeps the user's name. More: jobs are paired by name
 *   (same name, words such as `release`/`tag`, `latest`/`main`), by what their rules say, then by order; paired
 *   jobs keep the user's names (needs of the generated jobs follow), the rest are added or removed; `notes` say so.
 * - The generated file's `default:` and global `variables:` are written INTO the adopted jobs (as GitLab would
 *   apply them), never into the user's `default:` or `variables:`, which the user's other jobs read. A user's
 *   `default:` build keys (image, services, scripts, cache, artifacts) and global build variables (DOCKER_HOST,
 *   DOCKER_TLS_CERTDIR...) that the generated jobs do not set are cut off with `inherit:`.
 * - The user's placement keys (stage, rules/only/except, needs, when, allow_failure, environment, tags...) stay in
 *   the job that replaces theirs when the generated job does not set them; `extends` and merge keys stay too, and
 *   the build keys their templates give are overridden in the job (templates are never edited).
 * - `stages:` gets the missing stages, placed after the stage they follow in the generated order (a `stages:` list
 *   is written with GitLab's defaults when the file has none and a new stage is needed); `workflow:` is added only
 *   when the user has none; a generated `include:` entry is added to the user's list.
 * - Anchors defined in a replaced job and used elsewhere keep working: the original job stays as a hidden job
 *   (`.<name>-before-adopt`).
 *
 * `userText` may hold several YAML documents (a `spec:` header): the last one is the pipeline. Line endings follow
 * the user's (CRLF kept). Throws `AdoptError` when the user's file does not parse as YAML.
 */
export function adoptCi(userText: string, generatedText: string, buildJobs: readonly string[]): AdoptResult {
  const notes: Msg[] = [];
  const eol = userText.includes('\r\n') ? '\r\n' : '\n';
  const text = eol === '\r\n' ? userText.replace(/\r\n/g, '\n') : userText;
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const docList = Array.isArray(docs) ? docs : [];
  const userDoc = docList[docList.length - 1];
  if (userDoc?.errors.length) {
    const e = userDoc.errors[0];
    throw new AdoptError(
      msg(
        `the file does not parse as YAML (line ${e?.linePos?.[0].line ?? '?'}): ${e?.message.split('\n')[0]}`,
        `YAMLとして解析できません（${e?.linePos?.[0].line ?? '?'}行目）: ${e?.message.split('\n')[0]}`,
      ),
    );
  }
  const gen = readGenerated(generatedText.replace(/\r\n/g, '\n'));
  if (!userDoc || !isMap(userDoc.contents)) {
    // Nothing of the user's to keep (an empty file, or comments only): the generated file is the result.
    const out = text.trim() ? `${text.replace(/\n*$/, '\n')}\n${generatedText}` : generatedText;
    return {
      text: eol === '\r\n' ? out.replace(/\n/g, '\r\n') : out,
      replaced: [],
      added: gen.order,
      kept: [],
      notes,
    };
  }
  const layout = detectIndent(text);
  const entries = topEntries(text, userDoc.contents);
  const userData = (userDoc.toJS({ maxAliasCount: -1 }) ?? {}) as Record<string, unknown>;
  // The file already runs the generated jobs (same names, same effective configuration): nothing to change.
  const genData = (gen.doc.toJS() ?? {}) as Record<string, unknown>;
  if (
    gen.order.every((name) => {
      const u = effectiveJob(userData, name);
      return u !== null && stable(u) === stable(effectiveJob(genData, name));
    }) &&
    stable(genData.workflow ?? null) === stable(userData.workflow ?? genData.workflow ?? null)
  )
    return {
      text: userText,
      replaced: [],
      added: [],
      kept: entries.map((e) => e.key),
      notes: [
        msg(
          'The file already runs the generated jobs as they are: nothing changes.',
          'このファイルはすでに生成したジョブをそのまま実行します。変更はありません。',
        ),
      ],
      renamed: Object.fromEntries(gen.order.map((n) => [n, n])),
    };
  const byName = new Map(entries.map((e) => [e.key, e]));
  const userBuild: TopEntry[] = [];
  for (const name of buildJobs) {
    const e = byName.get(name);
    if (e && !GLOBAL_KEYS.has(name)) userBuild.push(e);
    else
      notes.push(
        msg(
          `No job "${name}" in the file: nothing replaced for it.`,
          `ファイルにジョブ「${name}」がないため、置き換えていません。`,
        ),
      );
  }
  userBuild.sort((a, b) => a.start - b.start);
  const mapped = mapJobs(userBuild, userData, gen.build);
  const { pairs, extraGen } = mapped;
  // A build job of the user's that builds another image (its tags name other repositories than the paired jobs')
  // is not the generated build's to replace: it stays as it is, with a note, so that adopting never loses a build.
  const pairedRepos = new Set(pairs.flatMap(([u]) => [...imageRepositories(userData[u.key])]));
  const otherImage = mapped.extraUser.filter((u) => {
    const repos = imageRepositories(userData[u.key]);
    return repos.size > 0 && pairedRepos.size > 0 && [...repos].every((r) => !pairedRepos.has(r));
  });
  const extraUser = mapped.extraUser.filter((u) => !otherImage.includes(u));
  for (const u of otherImage)
    notes.push(
      msg(
        `Your build job ${u.key} builds another image (${[...imageRepositories(userData[u.key])].join(', ')}): it is kept as it is. Apply the same changes to it by hand, or generate a setup for that image too.`,
        `ビルドジョブ${u.key}は別のイメージ（${[...imageRepositories(userData[u.key])].join('、')}）をビルドするため、そのまま残しました。同じ変更を手作業で適用するか、そのイメージ用の構成も生成してください。`,
      ),
    );
  const keptBuild = new Set(otherImage.map((u) => u.key));
  if (pairs.length > 1 || extraUser.length || extraGen.length)
    for (const [u, g] of pairs)
      if (u.key !== g.key)
        notes.push(
          msg(
            `The generated job ${g.key} replaces your job ${u.key} (paired by name, rules and order) and keeps the name ${u.key}.`,
            `生成したジョブ${g.key}があなたのジョブ${u.key}を置き換えます（名前、rules、順序で対応付け）。名前は${u.key}のままです。`,
          ),
        );
  for (const u of extraUser) {
    const users = Object.entries(userData).flatMap(([name, job]) => {
      if (GLOBAL_KEYS.has(name) || userBuild.some((b) => b.key === name) || !job || typeof job !== 'object') return [];
      const j = job as Record<string, unknown>;
      const refs = JSON.stringify([j.needs ?? null, j.dependencies ?? null, j.extends ?? null]);
      return refs.includes(JSON.stringify(u.key)) ? [name] : [];
    });
    if (users.length)
      notes.push(
        msg(
          `${users.join(', ')} still refer to ${u.key} (needs, dependencies or extends): change them to ${pairs[0]?.[0].key ?? 'the new build job'}.`,
          `${users.join('、')}はまだ${u.key}を参照しています（needs、dependencies、extends）。${pairs[0]?.[0].key ?? '新しいビルドジョブ'}に変更してください。`,
        ),
      );
  }
  for (const u of extraUser)
    notes.push(
      msg(
        `Your build job ${u.key} has no counterpart in the generated file: it is removed (its image is built by the generated jobs).`,
        `ビルドジョブ${u.key}に対応する生成ジョブがないため削除しました（イメージは生成したジョブでビルドします）。`,
      ),
    );

  // ---- final names: paired jobs keep the user's names; the other generated jobs keep theirs, made unique.
  const rename = new Map<string, string>();
  for (const [u, g] of pairs) rename.set(g.key, u.key);
  const replacedNames = new Set(userBuild.filter((u) => !keptBuild.has(u.key)).map((u) => u.key));
  const taken = new Set([...entries.map((e) => e.key).filter((k) => !replacedNames.has(k)), ...rename.values()]);
  const addedJobs = [...extraGen, ...gen.other];
  const unique = (name: string): string => {
    let n = name;
    for (let i = 2; taken.has(n); i++) n = `${name}-${i}`;
    taken.add(n);
    return n;
  };
  const skipped = new Set<string>();
  for (const g of addedJobs) {
    // A user's own job of the same name that is not a build job (e.g. an override of `container_scanning` from
    // GitLab's template) stays; a generated job that only turns the template's job off is then not needed.
    if (taken.has(g.key) && byName.has(g.key) && g.key === 'container_scanning') {
      skipped.add(g.key);
      notes.push(
        msg(
          `Your job ${g.key} is kept as it is; the generated scan jobs extend it.`,
          `あなたのジョブ${g.key}はそのまま残し、生成したスキャンジョブはそれをextendsします。`,
        ),
      );
      continue;
    }
    const n = unique(g.key);
    if (n !== g.key) {
      rename.set(g.key, n);
      notes.push(
        msg(
          `Your file already has a job ${g.key}: the generated one is added as ${n}.`,
          `ファイルにはすでにジョブ${g.key}があるため、生成したジョブは${n}として追加しました。`,
        ),
      );
    }
  }

  // ---- what the user's defaults and global variables would give the adopted jobs
  const userDefault = byName.get('default')?.pair.value;
  const userDefaultKeys = new Set<string>([
    ...(isMap(userDefault) ? userDefault.items.map((p) => keyName(p.key)) : []),
    ...BUILD_DEFAULT_KEYS.filter((k) => k !== 'artifacts' && byName.has(k)),
  ]);
  const userVars = byName.get('variables')?.pair.value;
  const userVarNames = isMap(userVars) ? userVars.items.map((p) => keyName(p.key)) : [];

  const stageRename = new Map<string, string>();
  const finalStages: string[] = [];

  /** The generated job, made independent of the generated globals and of the user's build defaults. */
  const buildJob = (g: TopEntry, user: TopEntry | null): { key: Scalar; value: YAMLMap; carried: string[] } => {
    const job = (g.pair.value as YAMLMap).clone() as YAMLMap;
    const own = new Set(job.items.map((p) => keyName(p.key)));
    // A job that never runs (`rules: [{when: never}]`: the generated override that turns a template's job off) is
    // written as it is: what it would inherit must not reach the jobs that `extends` it.
    const neverRuns = JSON.stringify(job.toJSON()?.rules) === '[{"when":"never"}]';
    const isBuildJob = gen.build.includes(g);
    // 1. The generated `default:` keys this job inherits, written into it.
    const inheritDefault = inheritOf(job, 'default');
    const fromDefault: Pair[] = [];
    if (gen.defaults)
      for (const p of pairsWithComments(gen.defaults)) {
        const k = keyName(p.key);
        if (!neverRuns && !own.has(k) && inherits(inheritDefault, k)) fromDefault.push(p);
      }
    // 2. The generated global variables it inherits, merged under its own.
    const inheritVars = inheritOf(job, 'variables');
    const vars = new YAMLMap();
    if (gen.variables)
      for (const p of pairsWithComments(gen.variables)) {
        const k = keyName(p.key);
        // Only where they are used: every global variable in the build jobs, the proxy's in the others.
        if (!neverRuns && inherits(inheritVars, k) && (isBuildJob || PROXY_VARIABLE.test(k))) vars.items.push(p);
      }
    const ownVars = mapGet(job, 'variables')?.value;
    if (isMap(ownVars))
      for (const p of ownVars.items) {
        const k = keyName(p.key);
        const at = vars.items.findIndex((q) => isScalar(q.key) && q.key.value === k);
        if (at >= 0) vars.items.splice(at, 1);
        vars.items.push((p as Pair).clone() as Pair);
      }
    const setVars = new Set(vars.items.map((p) => keyName(p.key)));
    // 3. The user's placement keys, their templates and merge keys.
    const carried: string[] = [];
    const overrides: Pair[] = [];
    if (user) {
      const uMap = user.pair.value;
      const uOwn = isMap(uMap) ? (uMap.items as Pair<ParsedNode, ParsedNode | null>[]) : [];
      const hasRules = own.has('rules');
      for (const p of uOwn) {
        const k = keyName(p.key);
        if (!(PLACEMENT_KEYS as readonly string[]).includes(k)) continue;
        if (own.has(k) && k !== 'stage') continue;
        if (hasRules && (k === 'rules' || k === 'only' || k === 'except')) continue;
        // A stage the generated pipeline also has (build, manifest...) is the generated job's; the user's own stage
        // names (package, docker...) say where the build sits in their pipeline and stay.
        if (k === 'stage' && isScalar(p.value) && GENERATED_STAGE_ORDER.includes(String(p.value.value))) continue;
        // Needs of another build job (a manifest job's per-architecture jobs): the generated jobs replace them.
        if ((k === 'needs' || k === 'dependencies') && refersTo(p.value?.toJSON(), replacedNames)) continue;
        carried.push(k);
      }
      // Templates (`extends`, `<<`) and the keys they give this job: kept when they give something the job does
      // not set and that is not about the build (tags, rules, retry...); the build keys they give are overridden.
      const uData = (userData[user.key] ?? {}) as Record<string, unknown>;
      const writtenKeys = new Set(uOwn.map((p) => keyName(p.key)));
      const tplNames = Array.isArray(uData.extends)
        ? uData.extends.map(String)
        : uData.extends !== undefined && writtenKeys.has('extends')
          ? [String(uData.extends)]
          : [];
      const fromTemplates = writtenKeys.has('extends')
        ? resolveExtends(userData, uData.extends, new Set([user.key]))
        : {};
      const fromMerge: Record<string, unknown> = {};
      if (writtenKeys.has('<<')) for (const [k, v] of Object.entries(uData)) if (!writtenKeys.has(k)) fromMerge[k] = v;
      const inherited = deepMerge(fromTemplates, fromMerge);
      const finalKeys = new Set([...own, ...fromDefault.map((p) => keyName(p.key)), ...carried]);
      if (vars.items.length) finalKeys.add('variables');
      const buildKeys = new Set<string>([...BUILD_DEFAULT_KEYS, 'script', 'variables', 'inherit']);
      const useful = Object.keys(inherited).filter((k) => !finalKeys.has(k) && !buildKeys.has(k));
      const rulesClash =
        (own.has('rules') || carried.includes('rules')) && ('only' in inherited || 'except' in inherited);
      const sources = [...(writtenKeys.has('extends') ? ['extends'] : []), ...(writtenKeys.has('<<') ? ['<<'] : [])];
      const shared = [
        ...new Set(tplNames.flatMap((t) => extendersOf(userData, t).filter((n) => !replacedNames.has(n)))),
      ];
      const tplLabel = [...tplNames, ...(writtenKeys.has('<<') ? ['<<'] : [])].join(', ');
      if (sources.length && (!useful.length || rulesClash)) {
        notes.push(
          rulesClash
            ? msg(
                `${user.key}: its templates (${tplLabel}) set only/except, which cannot stand beside the generated rules: the job no longer uses them (the templates are unchanged).`,
                `${user.key}: テンプレート（${tplLabel}）のonly/exceptは生成したrulesと併用できないため、ジョブはテンプレートを使わなくなりました（テンプレート自体は変更していません）。`,
              )
            : msg(
                `${user.key} no longer uses its templates (${tplLabel}): they gave it only what the generated job sets. The templates are unchanged${shared.length ? ` (${shared.join(', ')} still use them)` : ''}.`,
                `${user.key}はテンプレート（${tplLabel}）を使わなくなりました（生成したジョブが設定する内容だけだったため）。テンプレート自体は変更していません${shared.length ? `（${shared.join('、')}が引き続き使用）` : ''}。`,
              ),
        );
      } else if (sources.length) {
        carried.unshift(...sources);
        const overridden: string[] = [];
        for (const k of ['services', 'before_script', 'after_script', 'cache'])
          if (k in inherited && !finalKeys.has(k)) {
            overrides.push(new Pair(str(k), new YAMLSeq()));
            overridden.push(k);
          }
        const tVars = inherited.variables;
        if (tVars && typeof tVars === 'object')
          for (const name of Object.keys(tVars))
            if (BUILD_VARIABLE.test(name) && !setVars.has(name)) {
              vars.items.push(new Pair(str(name), str('')));
              overridden.push(`variables.${name}`);
            }
        if ('image' in inherited && !finalKeys.has('image'))
          notes.push(
            msg(
              `${user.key}: the image its template sets still applies (the generated job sets none).`,
              `${user.key}: テンプレートが設定するimageが引き続き適用されます（生成したジョブはimageを設定しません）。`,
            ),
          );
        notes.push(
          msg(
            `${user.key} keeps its templates (${tplLabel}) for ${useful.join(', ')}${shared.length ? `; they are shared with ${shared.join(', ')} and left unchanged` : ''}${overridden.length ? `; the job overrides what they set for the build: ${overridden.join(', ')}` : ''}.`,
            `${user.key}は${useful.join('、')}のためにテンプレート（${tplLabel}）を継承したままです${shared.length ? `（${shared.join('、')}と共有しているため変更していません）` : ''}${overridden.length ? `。ビルドのためにテンプレートの設定をジョブで上書きします: ${overridden.join(', ')}` : ''}。`,
          ),
        );
      }
      if (carried.includes('stage')) {
        const gs = mapGet(job, 'stage')?.value;
        const us = mapGet(uMap, 'stage')?.value;
        if (isScalar(gs) && isScalar(us) && gs.value !== us.value) stageRename.set(String(gs.value), String(us.value));
        job.items = job.items.filter((p) => keyName(p.key) !== 'stage');
      }
    }
    // 4. The user's defaults and global variables the build must not inherit.
    if (!neverRuns && !mapGet(job, 'inherit')) {
      const finalKeys = new Set([...own, ...fromDefault.map((p) => String((p.key as Scalar).value))]);
      const blocked = BUILD_DEFAULT_KEYS.filter((k) => userDefaultKeys.has(k) && !finalKeys.has(k));
      const inherit = new YAMLMap();
      if (blocked.length) {
        const keep = [...userDefaultKeys].filter((k) => !(BUILD_DEFAULT_KEYS as readonly string[]).includes(k));
        inherit.items.push(new Pair(str('default'), keep.length ? seqOf(keep) : false));
      }
      const blockedVars = userVarNames.filter((n) => BUILD_VARIABLE.test(n) && !setVars.has(n));
      if (blockedVars.length) {
        const keep = userVarNames.filter((n) => !blockedVars.includes(n));
        inherit.items.push(new Pair(str('variables'), keep.length ? seqOf(keep) : false));
      }
      if (inherit.items.length) {
        job.items.unshift(new Pair(str('inherit'), inherit));
        notes.push(
          msg(
            `${user?.key ?? g.key} does not inherit ${[...blocked.map((k) => `default ${k}`), ...blockedVars.map((v) => `variable ${v}`)].join(', ')} from your file (they configure another build).`,
            `${user?.key ?? g.key}はファイルの${[...blocked.map((k) => `default ${k}`), ...blockedVars.map((v) => `変数${v}`)].join('、')}を継承しません（別のビルド方法の設定のため）。`,
          ),
        );
      }
    }
    // 5. Assemble: stage first, then the inlined defaults, variables, the job's own keys (before_script before
    // script), then the overrides.
    const items = job.items.filter((p) => !(isScalar(p.key) && p.key.value === 'variables'));
    const first = ['stage', 'extends', 'inherit'];
    const stage = first.flatMap((k) => items.filter((p) => keyName(p.key) === k));
    const rest = items.filter((p) => !first.includes(keyName(p.key)));
    const early = fromDefault.filter(
      (p) => (p.key as Scalar).value !== 'before_script' && (p.key as Scalar).value !== 'after_script',
    );
    const before = fromDefault.filter((p) => (p.key as Scalar).value === 'before_script');
    const after = fromDefault.filter((p) => (p.key as Scalar).value === 'after_script');
    const scriptAt = rest.findIndex((p) => isScalar(p.key) && p.key.value === 'script');
    const body = [...rest];
    body.splice(scriptAt < 0 ? body.length : scriptAt, 0, ...before);
    const afterAt = body.findIndex((p) => isScalar(p.key) && p.key.value === 'script');
    body.splice(afterAt < 0 ? body.length : afterAt + 1, 0, ...after);
    const out = new YAMLMap();
    out.items = [
      ...stage,
      ...early,
      ...(vars.items.length ? [new Pair(str('variables'), vars)] : []),
      ...body,
      ...overrides,
    ] as Pair[];
    renameRefs(out, rename);
    const key = (g.pair.key as Scalar).clone() as Scalar;
    key.value = rename.get(g.key) ?? g.key;
    key.spaceBefore = false;
    if (psychResolvesPlain(String(key.value))) key.type = Scalar.QUOTE_DOUBLE;
    const st = mapGet(out, 'stage')?.value;
    if (isScalar(st)) finalStages.push(String(st.value));
    else if (!carried.includes('stage')) finalStages.push('test');
    return { key, value: out, carried };
  };

  /** The text of an adopted job: the generated job, then the user's carried keys as they were written. */
  const jobText = (g: TopEntry, user: TopEntry | null): string => {
    const { key, value, carried } = buildJob(g, user);
    let out = entryText(key, value, layout);
    if (user && carried.length && isMap(user.pair.value)) {
      const uMap = user.pair.value as YAMLMap<ParsedNode, ParsedNode | null>;
      const first = uMap.items[0]?.key as ParsedNode | undefined;
      const col = first?.range ? first.range[0] - lineStart(text, first.range[0]) : layout.indent;
      const pieces: string[] = [];
      for (const p of uMap.items) {
        const k = keyName(p.key);
        if (!carried.includes(k) || !p.key?.range) continue;
        const s = lineStart(text, p.key.range[0]);
        const e = lineEndAfter(text, p.value?.range?.[1] ?? p.key.range[1]);
        pieces.push(reindent(text.slice(s, e).replace(/\n?$/, '\n'), col, layout.indent));
        if (k === 'stage') {
          const us = p.value;
          if (isScalar(us)) finalStages.push(String(us.value));
        }
      }
      // Right under the job's key: the user's own keys first (stage, rules...), then the generated ones.
      const lines = out.split('\n');
      const keyLine = lines.findIndex((l) => l !== '' && !l.startsWith('#'));
      lines.splice(keyLine + 1, 0, pieces.join('').replace(/\n$/, ''));
      out = lines.join('\n');
      const gStage = mapGet(g.pair.value, 'stage')?.value;
      const uStage = mapGet(uMap, 'stage')?.value;
      const sameStage = isScalar(gStage) && isScalar(uStage) && gStage.value === uStage.value;
      const own = carried.filter((k) => k !== '<<' && k !== 'extends' && !(k === 'stage' && sameStage));
      if (own.length)
        notes.push(
          msg(`${user.key} keeps its own ${own.join(', ')}.`, `${user.key}は元の${own.join('、')}を保持します。`),
        );
    }
    return out;
  };

  const edits: TextEdit[] = [];
  let order = 0;
  const replaced: string[] = [];
  const added: string[] = [];
  // Anchors of the replaced regions that other parts of the file still use.
  const regions = userBuild.filter((u) => !keptBuild.has(u.key)).map((u) => [u.start, u.end] as [number, number]);
  const usedOutside = aliasesOutside(userDoc.contents, regions);
  const keepOriginal = (u: TopEntry): string => {
    const anchors = [...anchorsIn(u.pair)].filter((a) => usedOutside.has(a));
    if (!anchors.length) return '';
    const hidden = unique(`.${u.key.replace(/^\./, '')}-before-adopt`);
    notes.push(
      msg(
        `${u.key} defines anchors used elsewhere (${anchors.map((a) => `&${a}`).join(', ')}): its original text stays as the hidden job ${hidden}, which never runs.`,
        `${u.key}は他の場所で使われるアンカー（${anchors.map((a) => `&${a}`).join('、')}）を定義しているため、元の内容を実行されない隠しジョブ${hidden}として残しました。`,
      ),
    );
    const original = text.slice(u.start, u.end).replace(/\n?$/, '\n');
    const keyNode = u.pair.key as ParsedNode;
    const keyOffset = (keyNode.range?.[0] ?? u.start) - u.start;
    const keyLen = (keyNode.range?.[1] ?? u.start) - (keyNode.range?.[0] ?? u.start);
    return `${original.slice(0, keyOffset)}${JSON.stringify(hidden)}${original.slice(keyOffset + keyLen)}\n`;
  };

  // The generated jobs before the first build job in the generated file (lint, image tags) go before the user's
  // first build job; the others after the last one.
  const firstGenBuild = gen.build[0] ? gen.order.indexOf(gen.build[0].key) : 0;
  const beforeJobs = addedJobs.filter(
    (g) => !skipped.has(g.key) && gen.order.indexOf(g.key) < firstGenBuild && !extraGen.includes(g),
  );
  const afterJobs = addedJobs.filter((g) => !skipped.has(g.key) && !beforeJobs.includes(g));
  const sep = '\n';
  for (const [u, g] of pairs) {
    const t = keepOriginal(u) + jobText(g, u);
    edits.push({ start: u.start, end: u.end, text: t, order: order++ });
    replaced.push(u.key);
  }
  for (const u of extraUser) {
    const t = keepOriginal(u);
    // A removed job takes the comment lines directly above it (they describe it) and one of the blank lines around
    // it with it.
    const start = t ? u.start : commentsAbove(text, u.start);
    let end = u.end;
    if (!t && /^\n/.test(text.slice(end)) && (start === 0 || text.slice(0, start).endsWith('\n\n'))) end += 1;
    edits.push({ start, end, text: t, order: order++ });
    replaced.push(u.key);
  }
  const lastEntry = entries[entries.length - 1];
  const firstBuild = userBuild[0];
  const lastBuild = userBuild[userBuild.length - 1];
  const insertAfter = lastBuild ? lastBuild.end : lastEntry ? lastEntry.end : text.length;
  const insertBefore = firstBuild ? commentsAbove(text, firstBuild.start) : insertAfter;
  const block = (jobs: TopEntry[]) => jobs.map((g) => jobText(g, null)).join(sep);
  if (beforeJobs.length) {
    edits.push({ start: insertBefore, end: insertBefore, text: `${block(beforeJobs)}${sep}`, order: -1 });
    added.push(...beforeJobs.map((g) => rename.get(g.key) ?? g.key));
  }
  if (afterJobs.length) {
    const lead = text.slice(0, insertAfter).endsWith('\n') || insertAfter === 0 ? '' : '\n';
    edits.push({ start: insertAfter, end: insertAfter, text: `${lead}${sep}${block(afterJobs)}`, order });
    added.push(...afterJobs.map((g) => rename.get(g.key) ?? g.key));
  }
  if (!userBuild.length && gen.build.length)
    notes.push(
      msg(
        'No build job was given: the generated build jobs are added at the end of the file.',
        'ビルドジョブが指定されていないため、生成したビルドジョブをファイルの末尾に追加しました。',
      ),
    );

  // ---- global parts: stages, workflow, include
  const globalsAt = (() => {
    const firstJob = entries.find((e) => !GLOBAL_KEYS.has(e.key));
    return firstJob ? commentsAbove(text, firstJob.start) : lastEntry ? lastEntry.end : text.length;
  })();
  const globals: string[] = [];
  const stagesEntry = byName.get('stages');
  const needed = [...new Set(finalStages)].filter((s) => s !== '.pre' && s !== '.post');
  const genOrder = GENERATED_STAGE_ORDER.map((s) => stageRename.get(s) ?? s);
  const place = (list: string[], stage: string): number => {
    const at = genOrder.indexOf(stage);
    for (let i = at - 1; i >= 0; i--) {
      const prev = list.indexOf(genOrder[i] ?? '');
      if (prev >= 0) return prev + 1;
    }
    for (let i = at + 1; i < genOrder.length; i++) {
      const next = list.indexOf(genOrder[i] ?? '');
      if (next >= 0) return next;
    }
    return list.length;
  };
  const stagesValue = stagesEntry?.pair.value;
  if (stagesEntry && isSeq(stagesValue)) {
    const current = stagesValue.items.map((i) => (isScalar(i) ? String(i.value) : ''));
    const missing = needed.filter((s) => !current.includes(s));
    const list = [...current];
    const inserts = new Map<number, string[]>();
    for (const s of missing) {
      const at = place(list, s);
      // Anchor each new stage on the user's item it follows (or precedes), by its index in the user's list.
      const afterItem = at > 0 ? list[at - 1] : undefined;
      list.splice(at, 0, s);
      const ref = afterItem !== undefined ? current.indexOf(afterItem) : -1;
      const k =
        ref >= 0
          ? ref
          : afterItem !== undefined
            ? current.indexOf(
                list
                  .slice(0, at)
                  .reverse()
                  .find((x) => current.includes(x)) ?? '',
              )
            : -1;
      inserts.set(k, [...(inserts.get(k) ?? []), s]);
    }
    if (missing.length) {
      const flow = stagesValue.flow === true;
      const items = stagesValue.items as ParsedNode[];
      for (const [k, names] of inserts) {
        if (flow) {
          const node = k >= 0 ? items[k] : items[0];
          const off = k >= 0 ? (node?.range?.[1] ?? 0) : (node?.range?.[0] ?? (stagesValue.range?.[0] ?? 0) + 1);
          const piece = names.map((n) => flowScalar(n)).join(', ');
          edits.push({
            start: off,
            end: off,
            text: k >= 0 ? `, ${piece}` : items.length ? `${piece}, ` : piece,
            order: -2,
          });
        } else {
          const node = k >= 0 ? items[k] : items[0];
          if (!node?.range) continue;
          const dashLine = lineStart(text, node.range[0]);
          const lineText = text.slice(dashLine, node.range[0]);
          const dash = /^(\s*)-\s*/.exec(lineText);
          const indentText = dash?.[1] ?? ' '.repeat(layout.indentSeq ? layout.indent : 0);
          const piece = names.map((n) => `${indentText}- ${flowScalar(n)}\n`).join('');
          const off = k >= 0 ? lineEndAfter(text, node.range[1]) : dashLine;
          edits.push({ start: off, end: off, text: piece, order: -2 });
        }
      }
      added.push(...missing.map((s) => `stages.${s}`));
      notes.push(
        msg(
          `Stages added to your list: ${missing.join(', ')}.`,
          `stagesにステージを追加しました: ${missing.join('、')}。`,
        ),
      );
    }
  } else if (stagesEntry) {
    const missing = needed.filter((s) => !JSON.stringify(userData.stages ?? []).includes(JSON.stringify(s)));
    if (missing.length)
      notes.push(
        msg(
          `Add the stages ${missing.join(', ')} to your stages: list (it is not a plain list, so it was left as it is).`,
          `stages:にステージ${missing.join('、')}を追加してください（単純なリストではないため変更していません）。`,
        ),
      );
  } else {
    const missing = needed.filter((s) => !DEFAULT_STAGES.includes(s));
    if (missing.length) {
      const list = [...DEFAULT_STAGES];
      for (const s of missing) list.splice(place(list, s), 0, s);
      const seq = new YAMLSeq();
      for (const s of list) seq.items.push(str(s));
      globals.push(entryText(str('stages'), seq, layout));
      added.push('stages');
      notes.push(
        msg(
          `A stages: list is added (GitLab's build, test, deploy plus ${missing.join(', ')}).`,
          `stages:を追加しました（GitLabの既定のbuild、test、deployと${missing.join('、')}）。`,
        ),
      );
    }
  }
  if (gen.workflow) {
    if (!byName.has('workflow')) {
      globals.push(
        entryText(
          (gen.workflow.pair.key as Scalar).clone() as Scalar,
          gen.workflow.pair.value?.clone() as Node,
          layout,
        ),
      );
      added.push('workflow');
      notes.push(
        msg(
          'workflow: is added: the pipeline runs for branches and tags only, not as a second merge request pipeline (this applies to every job).',
          'workflow:を追加しました。パイプラインはブランチとタグでのみ実行され、マージリクエストの二重のパイプラインは作られません（すべてのジョブに適用されます）。',
        ),
      );
    } else
      notes.push(
        msg(
          'Your workflow: is kept; the generated one (branch and tag pipelines only, so that the read-only cache jobs never run beside a merge request pipeline) is not added.',
          'あなたのworkflow:はそのままです。生成したworkflow（ブランチとタグのパイプラインのみ）は追加していません。',
        ),
      );
  }
  if (gen.include && !skipped.has('container_scanning')) {
    const wanted = (isSeq(gen.include) ? gen.include.items : [gen.include]) as Node[];
    const have = JSON.stringify(userData.include ?? null);
    const missing = wanted.filter((w) => {
      const t = (w.toJSON() as { template?: string } | null)?.template;
      return !(t && have.includes(t.replace(/^.*\//, '')));
    });
    const incEntry = byName.get('include');
    const seqInd = layout.indentSeq ? layout.indent : 0;
    const newItems = () => {
      const seq = new YAMLSeq();
      for (const m of missing) seq.items.push(m.clone());
      // The items of `include:` serialized alone, at column 0 then moved under the user's list.
      return entryText(str('include'), seq, layout)
        .split('\n')
        .slice(1)
        .filter((l) => l.trim());
    };
    const incValue = incEntry?.pair.value;
    if (missing.length && incEntry && isSeq(incValue) && !incValue.flow && incValue.items.length) {
      const items = incValue.items as ParsedNode[];
      const last = items[items.length - 1];
      if (last?.range) {
        const dashLine = lineStart(text, last.range[0]);
        const dash = /^(\s*)-\s*/.exec(text.slice(dashLine, last.range[0]));
        const ind = dash?.[1]?.length ?? seqInd;
        const body = newItems()
          .map((l) => reindent(l, seqInd, ind))
          .join('\n');
        const at = lineEndAfter(text, last.range[1]);
        edits.push({ start: at, end: at, text: `${body}\n`, order: -3 });
        added.push('include');
      }
    } else if (missing.length && incEntry && incValue?.range) {
      // A single entry (`include: 'ci/x.yml'`, a map, a flow list): written as a list with the new entries.
      const src = text.slice(incValue.range[0], incValue.range[1]).replace(/\s+$/, '');
      const col = incValue.range[0] - lineStart(text, incValue.range[0]);
      const flowItems = isSeq(incValue) && incValue.flow ? (incValue.items as ParsedNode[]) : null;
      const old = flowItems
        ? flowItems.map((i) => `${' '.repeat(seqInd)}- ${text.slice(i.range?.[0] ?? 0, i.range?.[1] ?? 0)}`)
        : [`${' '.repeat(seqInd)}- ${reindent(src, col, seqInd + 2).replace(/^ */, '')}`];
      const keyNode = incEntry.pair.key as ParsedNode;
      const head = text.slice(incEntry.start, keyNode.range?.[1] ?? incEntry.start);
      edits.push({
        start: incEntry.start,
        end: incEntry.end,
        text: `${head}:\n${[...old, ...newItems()].join('\n')}\n`,
        order: -3,
      });
      added.push('include');
      notes.push(
        msg(
          `include: is written as a list to add ${missing.map((m) => JSON.stringify(m.toJSON())).join(', ')} (the scan jobs extend its job); your entry is unchanged.`,
          `include:をリストにして${missing.map((m) => JSON.stringify(m.toJSON())).join('、')}を追加しました（スキャンジョブがそのジョブをextendsします）。元のエントリは変わりません。`,
        ),
      );
    } else if (missing.length) {
      const seq = new YAMLSeq();
      for (const m of missing) seq.items.push(m.clone());
      globals.push(entryText(str('include'), seq, layout));
      added.push('include');
    }
  }
  if (globals.length) {
    const piece = globals.map((g) => `${g.replace(/\n?$/, '\n')}\n`).join('');
    edits.push({ start: globalsAt, end: globalsAt, text: piece, order: -4 });
  }

  // ---- apply the edits, last first (same offset: in `order`)
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.order - a.order);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const check = parseAllDocuments(out, YAML_OPTIONS);
  const last = Array.isArray(check) ? check[check.length - 1] : undefined;
  if (!last || last.errors.length)
    throw new Error(`adoptCi produced a file that does not parse: ${last?.errors[0]?.message ?? 'no document'}`);
  const kept = entries.map((e) => e.key).filter((k) => !replacedNames.has(k));
  const renamed: Record<string, string> = {};
  for (const g of [...gen.build, ...gen.other]) if (!skipped.has(g.key)) renamed[g.key] = rename.get(g.key) ?? g.key;
  return {
    text: eol === '\r\n' ? out.replace(/\n/g, '\r\n') : out,
    replaced,
    added,
    kept,
    notes,
    renamed,
  };
}

function seqOf(names: readonly string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const n of names) seq.items.push(str(n));
  return seq;
}

/** A stage name as a plain or double-quoted flow scalar. */
function flowScalar(s: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_ .\-/]*$/.test(s) && !psychResolvesPlain(s) && !/ $/.test(s) ? s : JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------------------------
// TOML as text: config.toml, the Helm chart's runners.config, buildkitd.toml

/** One `key = value` line (or lines, for a multi-line value) of a TOML file, with its offsets. */
interface TomlKeyLine {
  /** The key's dotted path inside its table (usually one segment). */
  key: string[];
  /** Start of the key's line; start of the comment lines directly above it (no blank line between). */
  lineStart: number;
  commentStart: number;
  valueStart: number;
  /** End of the value (before a trailing comment). */
  valueEnd: number;
  /** After the newline ending the value's last line. */
  lineEnd: number;
}

/** One table of a TOML file: `[a.b]`, `[[a.b]]`, or the root (path []). */
interface TomlTableText {
  path: string[];
  array: boolean;
  /** Start of the comment lines directly above the header; start and end (after newline) of the header line. */
  commentStart: number;
  headerStart: number;
  headerEnd: number;
  /** Where the next table's block (its comments, then its header) starts, or the end of the text. */
  end: number;
  keys: TomlKeyLine[];
  /** The index of the `[[runners]]` entry this table belongs to (tables under `runners`), else -1. */
  runner: number;
}

/** Splits a dotted TOML key (`a."b.c".d`) into its segments. */
function splitTomlKey(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '.') i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== q) {
        if (q === '"' && s[j] === '\\') {
          v += s[j + 1] ?? '';
          j += 2;
        } else v += s[j++];
      }
      out.push(v);
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== ' ' && s[j] !== '\t') j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** The end (exclusive) of a TOML value starting at `i`: strings, arrays and inline tables may span lines. */
function tomlValueEnd(text: string, i: number): number {
  let depth = 0;
  let j = i;
  let last = i;
  while (j < text.length) {
    const c = text[j];
    if (text.startsWith('"""', j) || text.startsWith("'''", j)) {
      const q = text.slice(j, j + 3);
      let k = j + 3;
      while (k < text.length && !(text.startsWith(q, k) && text[k + 3] !== q[0]))
        k += q === '"""' && text[k] === '\\' ? 2 : 1;
      j = k + 3;
      last = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let k = j + 1;
      while (k < text.length && text[k] !== c && text[k] !== '\n') k += c === '"' && text[k] === '\\' ? 2 : 1;
      j = k + 1;
      last = j;
      continue;
    }
    if (c === '#') {
      while (j < text.length && text[j] !== '\n') j++;
      continue;
    }
    if (c === '\n') {
      if (depth === 0) break;
      j++;
      continue;
    }
    if (c === '[' || c === '{') depth++;
    if (c === ']' || c === '}') depth--;
    if (c !== ' ' && c !== '\t' && c !== '\r') last = j + 1;
    j++;
  }
  return last;
}

/** Reads a TOML file's tables and key lines (positions only; the values are read with @iarna/toml). */
function scanToml(text: string): TomlTableText[] {
  const tables: TomlTableText[] = [];
  let current: TomlTableText = {
    path: [],
    array: false,
    commentStart: 0,
    headerStart: 0,
    headerEnd: 0,
    end: text.length,
    keys: [],
    runner: -1,
  };
  tables.push(current);
  let runner = -1;
  let pos = 0;
  let commentRun = -1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const line = text.slice(pos, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '') {
      commentRun = -1;
      pos = lineEnd;
      continue;
    }
    if (trimmed.startsWith('#')) {
      if (commentRun < 0) commentRun = pos;
      pos = lineEnd;
      continue;
    }
    const header = /^\s*(\[\[?)\s*(.*?)\s*\]\]?\s*(?:#.*)?$/.exec(line.replace(/\r?\n$/, ''));
    if (header && !/^\s*[^[\s]/.test(line)) {
      const array = header[1] === '[[';
      const path = splitTomlKey(header[2] ?? '');
      if (array && path.length === 1 && path[0] === 'runners') runner++;
      const start = commentRun >= 0 ? commentRun : pos;
      current.end = start;
      current = {
        path,
        array,
        commentStart: start,
        headerStart: pos,
        headerEnd: lineEnd,
        end: text.length,
        keys: [],
        runner: path[0] === 'runners' ? runner : -1,
      };
      tables.push(current);
      commentRun = -1;
      pos = lineEnd;
      continue;
    }
    const eq =
      /^\s*((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=\s*/.exec(
        line,
      );
    if (eq) {
      const valueStart = pos + eq[0].length;
      const valueEnd = tomlValueEnd(text, valueStart);
      const endNl = text.indexOf('\n', valueEnd);
      const end = endNl === -1 ? text.length : endNl + 1;
      current.keys.push({
        key: splitTomlKey(eq[1] ?? ''),
        lineStart: pos,
        commentStart: commentRun >= 0 ? commentRun : pos,
        valueStart,
        valueEnd,
        lineEnd: end,
      });
      commentRun = -1;
      pos = end;
      continue;
    }
    commentRun = -1;
    pos = lineEnd;
  }
  return tables;
}

const samePath = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i]);
const tomlPathText = (p: readonly string[]): string =>
  p.map((s) => (/^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s))).join('.');

/** Keys of a runner entry that belong to the runner's registration or identity: never taken from the generated file. */
const RUNNER_IDENTITY = new Set(['name', 'url', 'token', 'id', 'token_obtained_at', 'token_expires_at', 'clone_url']);
/**
 * Risky keys of the executor sections the generated entry decides by leaving them out: removed from the user's
 * entry when the generated one does not set them (a leftover `security_opt = ["seccomp:unconfined"]` would keep a
 * finding the fix removes). https://docs.gitlab.com/runner/configuration/advanced-configuration/#the-runnersdocker-section
 */
const GOVERNED_KEYS: Readonly<Record<string, readonly string[]>> = {
  docker: ['security_opt', 'cap_add', 'devices', 'userns_mode'],
  kubernetes: ['cap_add', 'allow_privilege_escalation'],
};

interface TomlEdit {
  start: number;
  end: number;
  text: string;
  /** Among edits at the same offset, a higher rank ends up later in the text. */
  rank?: number;
}

/** The indentation of a table's keys (the first key's), else the header's plus two spaces for a sub-table. */
function keyIndent(text: string, t: TomlTableText): string {
  const k = t.keys[0];
  if (k) return /^[ \t]*/.exec(text.slice(k.lineStart))?.[0] ?? '';
  const h = /^[ \t]*/.exec(text.slice(t.headerStart))?.[0] ?? '';
  return t.path.length > 1 ? h : h;
}

/** Re-indents lines of generated TOML from the generated table's key indentation to the user's. */
function retab(block: string, from: string, to: string): string {
  if (from === to) return block;
  return block
    .split('\n')
    .map((l) => (l.startsWith(from) ? to + l.slice(from.length) : l.trim() ? to + l.trimStart() : l))
    .join('\n');
}

/**
 * Applies the generated tables to the user's TOML text: keys set (value replaced on its line, or inserted with the
 * comments written above it in the generated file), arrays of tables replaced as a whole, missing tables appended
 * after `anchorEnd`. `mapTable` maps a generated table to the user's table it edits (null: not edited).
 */
function applyToml(
  userText: string,
  genText: string,
  select: (t: TomlTableText) => boolean,
  findUser: (tables: TomlTableText[], path: string[]) => TomlTableText[],
  appendAt: number,
  skipKey: (t: TomlTableText, key: string[]) => boolean,
  labelOf: (path: string[], key: string[]) => string,
  governed: (path: string[]) => readonly string[],
  drop: (t: TomlTableText) => boolean = () => false,
): { text: string; replaced: string[]; added: string[] } {
  const user = scanToml(userText);
  const gen = scanToml(genText).filter(select);
  const edits: TomlEdit[] = [];
  const replaced: string[] = [];
  const added: string[] = [];
  // The user's tables the generated configuration decides as a whole and does not have (Kubernetes volumes).
  for (const t of user)
    if (drop(t) && !gen.some((g) => samePath(g.path, t.path))) {
      // Removals and whole-block replacements apply before insertions at the same offset (rank 2), so that keys
      // inserted at the end of the table before them stay.
      edits.push({ start: t.commentStart, end: t.end, text: '', rank: 2 });
      replaced.push(labelOf(t.path, []));
    }
  const appended: string[] = [];
  const doneArrays = new Set<string>();
  for (const g of gen) {
    const targets = findUser(user, g.path);
    if (g.array && !samePath(g.path, ['runners'])) {
      // An array of tables (`[[runners.docker.services]]`): the generated blocks replace the user's.
      const id = g.path.join('\u0000');
      if (doneArrays.has(id)) continue;
      doneArrays.add(id);
      const blocks = gen.filter((x) => x.array && samePath(x.path, g.path));
      const piece = blocks.map((b) => genText.slice(b.commentStart, b.end).replace(/\n*$/, '\n')).join('\n');
      if (targets.length) {
        const first = targets[0] as TomlTableText;
        edits.push({ start: first.commentStart, end: first.end, text: `${piece}\n`, rank: 2 });
        for (const t of targets.slice(1)) edits.push({ start: t.commentStart, end: t.end, text: '', rank: 2 });
        replaced.push(labelOf(g.path, []));
      } else {
        appended.push(piece);
        added.push(labelOf(g.path, []));
      }
      continue;
    }
    const t = targets[0];
    if (!t) {
      if (g.keys.length === 0) continue;
      appended.push(genText.slice(g.commentStart, g.end).replace(/\n*$/, '\n'));
      added.push(labelOf(g.path, []));
      continue;
    }
    const inserts: string[] = [];
    const userIndent = keyIndent(userText, t);
    const genIndent = keyIndent(genText, g);
    for (const k of g.keys) {
      if (skipKey(g, k.key)) continue;
      const value = genText.slice(k.valueStart, k.valueEnd);
      const u = t.keys.find((x) => samePath(x.key, k.key));
      if (u) {
        const current = userText.slice(u.valueStart, u.valueEnd);
        if (current === value) continue;
        // A Helm template expression (`"{{ .Release.Namespace }}"`) is the chart's to fill: kept.
        if (current.includes('{{')) continue;
        edits.push({ start: u.valueStart, end: u.valueEnd, text: value });
        replaced.push(labelOf(g.path, k.key));
      } else {
        inserts.push(retab(genText.slice(k.commentStart, k.lineEnd).replace(/\n?$/, '\n'), genIndent, userIndent));
        added.push(labelOf(g.path, k.key));
      }
    }
    for (const name of governed(g.path)) {
      if (g.keys.some((k) => samePath(k.key, [name]))) continue;
      const u = t.keys.find((x) => samePath(x.key, [name]));
      if (!u) continue;
      edits.push({ start: u.commentStart, end: u.lineEnd, text: '', rank: 2 });
      replaced.push(labelOf(g.path, [name]));
    }
    if (inserts.length) {
      const last = t.keys[t.keys.length - 1];
      const at = last ? last.lineEnd : t.headerEnd;
      const lead = at > 0 && userText[at - 1] !== '\n' ? '\n' : '';
      edits.push({ start: at, end: at, text: lead + inserts.join('') });
    }
  }
  if (appended.length) {
    const lead = appendAt > 0 && userText[appendAt - 1] !== '\n' ? '\n' : '';
    const before = userText.slice(0, appendAt);
    const gap = before.endsWith('\n\n') || appendAt === 0 ? '' : '\n';
    edits.push({ start: appendAt, end: appendAt, text: `${lead}${gap}${appended.join('\n')}`, rank: 1 });
  }
  const sorted = [...edits].sort((a, b) => b.start - a.start || (b.rank ?? 0) - (a.rank ?? 0));
  let out = userText;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, replaced, added };
}

const parseTomlOrThrow = (text: string, what: string): Record<string, unknown> => {
  try {
    return TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    const m = (e as Error).message.split('\n')[0] ?? '';
    throw new AdoptError(msg(`${what} does not parse as TOML: ${m}`, `${what}をTOMLとして解析できません: ${m}`));
  }
};

/** The executor family: `docker`, `docker-windows`, `docker+machine` and `docker-autoscaler` share [runners.docker]. */
const executorFamily = (e: unknown): string => (typeof e === 'string' && e.startsWith('docker') ? 'docker' : String(e));

/**
 * Adopts the generated `[[runners]]` entry into the user's config.toml by editing the TEXT (no TOML library keeps
 * comments): in the user's runner entry that builds (the first with the generated executor, else the first of the
 * same family, else the first; `notes` say which when there are several), every key the generated entry sets is set
 * (value replaced on its line; a missing key inserted in its table with the generated comment; a missing table
 * appended to that entry; arrays of tables such as `[[runners.docker.services]]` replaced as a whole), and the risky
 * executor keys the generated entry leaves out (`security_opt`, `cap_add`, `devices`...) are removed. The user's
 * token, url, name, global settings, other runners and comments stay. A user file without a runner gets the
 * generated entry appended. Throws `AdoptError` when either file does not parse as TOML.
 */
export function adoptRunnerToml(userText: string, generatedText: string): AdoptResult {
  const eol = userText.includes('\r\n') ? '\r\n' : '\n';
  const text = userText.replace(/\r\n/g, '\n');
  const genText = generatedText.replace(/\r\n/g, '\n');
  const userData = parseTomlOrThrow(text, 'config.toml');
  const genData = parseTomlOrThrow(genText, 'the generated config.toml');
  const notes: Msg[] = [];
  const runners = Array.isArray(userData.runners) ? (userData.runners as Record<string, unknown>[]) : [];
  const genRunner = (Array.isArray(genData.runners) ? genData.runners[0] : undefined) as
    Record<string, unknown> | undefined;
  const withEol = (s: string) => (eol === '\r\n' ? s.replace(/\n/g, '\r\n') : s);
  if (!genRunner) return { text: userText, replaced: [], added: [], kept: [], notes };
  if (runners.length === 0) {
    const tables = scanToml(genText);
    const first = tables.find((t) => t.array && samePath(t.path, ['runners']));
    const block = genText.slice(first?.commentStart ?? 0);
    const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    notes.push(
      msg(
        'Your config.toml has no [[runners]] entry: the generated one is appended (register the runner to get its token).',
        'config.tomlに[[runners]]エントリがないため、生成したエントリを追加しました（トークンはRunnerの登録で取得します）。',
      ),
    );
    return { text: withEol(text + sep + block), replaced: [], added: ['runners[0]'], kept: [], notes };
  }
  const wanted = genRunner.executor;
  let index = runners.findIndex((r) => r.executor === wanted);
  if (index < 0) index = runners.findIndex((r) => executorFamily(r.executor) === executorFamily(wanted));
  const name = (i: number) => {
    const r = runners[i];
    return typeof r?.name === 'string' ? `"${r.name}"` : `#${i + 1}`;
  };
  if (index < 0) {
    index = 0;
    const had = runners[0]?.executor;
    notes.push(
      typeof had === 'string'
        ? msg(
            `No runner of your config.toml uses the ${String(wanted)} executor: the first one (${name(0)}) is changed from ${had} to it.`,
            `config.tomlに${String(wanted)} executorのRunnerがないため、最初のRunner（${name(0)}）を${had}から変更しました。`,
          )
        : msg(
            `The runner ${name(0)} names no executor: it is set to ${String(wanted)}.`,
            `Runner ${name(0)}にはexecutorの指定がないため、${String(wanted)}を設定しました。`,
          ),
    );
  } else if (runners.length > 1)
    notes.push(
      msg(
        `Your config.toml has ${runners.length} runners: the build runner is ${name(index)} (the first with the ${String(runners[index]?.executor)} executor); the others are unchanged.`,
        `config.tomlには${runners.length}個のRunnerがあります。ビルド用は${name(index)}（最初の${String(runners[index]?.executor)} executor）で、他は変更していません。`,
      ),
    );
  const userTables = scanToml(text);
  const own = userTables.filter((t) => t.runner === index && t.path[0] === 'runners');
  const last = own[own.length - 1];
  const result = applyToml(
    text,
    genText,
    (t) => t.path[0] === 'runners' && t.runner === 0,
    (tables, path) => tables.filter((t) => t.runner === index && samePath(t.path, path)),
    last ? last.end : text.length,
    (t, key) => samePath(t.path, ['runners']) && RUNNER_IDENTITY.has(key[0] ?? ''),
    (path, key) =>
      `runners[${index}]${path.length > 1 ? `.${tomlPathText(path.slice(1))}` : ''}${key.length ? `.${tomlPathText(key)}` : ''}`,
    (path) => (path.length === 2 ? (GOVERNED_KEYS[path[1] ?? ''] ?? []) : []),
    // Kubernetes volumes are the generated entry's as a whole, like Docker's `volumes` list (a leftover host_path
    // of /var/run/docker.sock would keep the host socket in every job).
    (t) =>
      genRunner.executor === 'kubernetes' &&
      t.runner === index &&
      t.array &&
      t.path.length === 4 &&
      samePath(t.path.slice(0, 3), ['runners', 'kubernetes', 'volumes']),
  );
  // A runner table given inline in the user's file (`docker = { ... }`) cannot take keys line by line.
  const check = parseTomlOrThrow(result.text, 'the adopted config.toml');
  const kept = [
    ...Object.keys(userData).filter((k) => k !== 'runners'),
    ...runners.flatMap((_r, i) => (i === index ? [] : [`runners[${i}]`])),
  ];
  if (!Array.isArray(check.runners) || check.runners.length !== runners.length)
    throw new Error('adoptRunnerToml changed the number of runners');
  return { text: withEol(result.text), replaced: result.replaced, added: result.added, kept, notes };
}

/**
 * The Helm chart's values.yaml: its `runners.config` (config.toml as a block scalar) is adopted with
 * `adoptRunnerToml` and written back with the block's indentation; every other key and comment stays. A values.yaml
 * without `runners.config` gets the generated block under `runners:` (or the generated `runners:` map appended).
 * The generated top-level settings the chart needs (`rbac.create`, `runners.secret`) are named in `notes` when the
 * user's file lacks them. Throws `AdoptError` when the YAML or the embedded TOML does not parse.
 */
export function adoptHelmValues(userText: string, generatedText: string): AdoptResult {
  const eol = userText.includes('\r\n') ? '\r\n' : '\n';
  const text = userText.replace(/\r\n/g, '\n');
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length)
    throw new AdoptError(
      msg(
        `values.yaml does not parse: ${doc.errors[0]?.message.split('\n')[0]}`,
        `values.yamlを解析できません: ${doc.errors[0]?.message.split('\n')[0]}`,
      ),
    );
  const gen = parseDocument(generatedText.replace(/\r\n/g, '\n'), YAML_OPTIONS);
  const genConfig = gen.getIn(['runners', 'config']);
  if (typeof genConfig !== 'string') return { text: userText, replaced: [], added: [], kept: [], notes: [] };
  const notes: Msg[] = [];
  const withEol = (s: string) => (eol === '\r\n' ? s.replace(/\n/g, '\r\n') : s);
  const runnersNode = doc.get('runners', true);
  const configNode = isMap(runnersNode) ? runnersNode.get('config', true) : undefined;
  const kept = isMap(doc.contents) ? doc.contents.items.map((p) => keyName(p.key)) : [];
  for (const [path, label] of [
    [['rbac', 'create'], 'rbac.create'],
    [['runners', 'secret'], 'runners.secret'],
  ] as const) {
    const want = gen.getIn(path as unknown as string[]);
    if (want !== undefined && doc.getIn(path as unknown as string[]) === undefined)
      notes.push(
        msg(
          `values.yaml: the chart also needs ${label}: ${JSON.stringify(want)} (see the generated values.yaml).`,
          `values.yaml: チャートには${label}: ${JSON.stringify(want)}も必要です（生成したvalues.yamlを参照）。`,
        ),
      );
  }
  if (isScalar(configNode) && typeof configNode.value === 'string' && configNode.range) {
    const inner = adoptRunnerToml(configNode.value, genConfig);
    notes.push(...inner.notes);
    const block = configNode.type === Scalar.BLOCK_LITERAL || configNode.type === Scalar.BLOCK_FOLDED;
    if (!block || configNode.type === Scalar.BLOCK_FOLDED) {
      // A quoted or folded string: written back as a literal block (the only form that keeps TOML's lines).
      const keyNode = (runnersNode as YAMLMap).items.find((p) => keyName(p.key) === 'config')?.key as ParsedNode;
      const col = (keyNode.range?.[0] ?? 0) - lineStart(text, keyNode.range?.[0] ?? 0);
      const ind = ' '.repeat(col + 2);
      const body = inner.text
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => (l ? ind + l : ''))
        .join('\n');
      const start = configNode.range[0];
      const end = lineEndAfter(text, configNode.range[1]);
      return {
        text: withEol(`${text.slice(0, start)}|\n${body}\n${text.slice(end)}`),
        replaced: inner.replaced.map((r) => `runners.config ${r}`),
        added: inner.added.map((r) => `runners.config ${r}`),
        kept,
        notes,
      };
    }
    // The block's content: from the line after the indicator to the end of the scalar.
    const headerEnd = text.indexOf('\n', configNode.range[0]) + 1;
    const contentEnd = lineEndAfter(text, configNode.range[1]);
    const content = text.slice(headerEnd, contentEnd);
    const ind = /^( +)\S/m.exec(content)?.[1] ?? '  ';
    const body = inner.text
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l ? ind + l : ''))
      .join('\n');
    // Blank lines the user kept after the block (before the next key) stay after it.
    const trailing = /\n*$/.exec(content)?.[0] ?? '';
    return {
      text: withEol(`${text.slice(0, headerEnd)}${body}\n${trailing.slice(1)}${text.slice(contentEnd)}`),
      replaced: inner.replaced.map((r) => `runners.config ${r}`),
      added: inner.added.map((r) => `runners.config ${r}`),
      kept,
      notes,
    };
  }
  // No runners.config: the generated block goes under `runners:` (or a `runners:` map is appended).
  const genRunnersText = (() => {
    const g = gen.contents;
    const pair = isMap(g) ? g.items.find((p) => keyName(p.key) === 'runners') : undefined;
    const cfg = isMap(pair?.value) ? pair.value.items.find((p) => keyName(p.key) === 'config') : undefined;
    return cfg ? { pair, cfg } : null;
  })();
  if (!genRunnersText) return { text: userText, replaced: [], added: [], kept, notes };
  if (isMap(runnersNode) && runnersNode.range && !runnersNode.flow) {
    const first = runnersNode.items[0]?.key as ParsedNode | undefined;
    const col = first?.range ? first.range[0] - lineStart(text, first.range[0]) : 2;
    const piece = entryText(
      str('config'),
      (() => {
        const s = new Scalar(genConfig);
        s.type = Scalar.BLOCK_LITERAL;
        return s;
      })(),
      { indent: 2, indentSeq: true },
    )
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l ? ' '.repeat(col) + l : l))
      .join('\n');
    const at = lineEndAfter(text, runnersNode.range[1]);
    return {
      text: withEol(`${text.slice(0, at)}${piece}\n${text.slice(at)}`),
      replaced: [],
      added: ['runners.config'],
      kept,
      notes,
    };
  }
  if (runnersNode !== undefined)
    throw new AdoptError(
      msg(
        'values.yaml: runners is not a block mapping; edit it by hand.',
        'values.yaml: runnersがブロック形式のマップではないため、手動で編集してください。',
      ),
    );
  const pairText = entryText(
    str('runners'),
    (() => {
      const m = new YAMLMap();
      const s = new Scalar(genConfig);
      s.type = Scalar.BLOCK_LITERAL;
      m.items.push(new Pair(str('config'), s));
      return m;
    })(),
    { indent: 2, indentSeq: true },
  );
  const sep = text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { text: withEol(`${text}${sep}${pairText}`), replaced: [], added: ['runners'], kept, notes };
}

/**
 * Adopts the generated buildkitd.toml: every key of every generated table is set in the user's table of the same
 * path (`[registry."docker.io"]`, `[worker.oci]`...), missing tables are appended; the user's other tables, keys and
 * comments stay. Throws `AdoptError` when either file does not parse as TOML.
 */
export function adoptBuildkitdToml(userText: string, generatedText: string): AdoptResult {
  const eol = userText.includes('\r\n') ? '\r\n' : '\n';
  const text = userText.replace(/\r\n/g, '\n');
  const genText = generatedText.replace(/\r\n/g, '\n');
  const userData = parseTomlOrThrow(text, 'buildkitd.toml');
  parseTomlOrThrow(genText, 'the generated buildkitd.toml');
  const result = applyToml(
    text,
    genText,
    () => true,
    (tables, path) => tables.filter((t) => samePath(t.path, path)),
    text.length,
    () => false,
    (path, key) => [tomlPathText(path), tomlPathText(key)].filter(Boolean).join('.'),
    () => [],
  );
  parseTomlOrThrow(result.text, 'the adopted buildkitd.toml');
  const touched = new Set([...result.replaced, ...result.added].map((p) => p.split('.')[0]));
  return {
    text: eol === '\r\n' ? result.text.replace(/\n/g, '\r\n') : result.text,
    replaced: result.replaced,
    added: result.added,
    kept: Object.keys(userData).filter((k) => !touched.has(k)),
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// daemon.json

/** The top-level members of a JSON object text: key, and the offsets of the member and of its value. */
function jsonMembers(text: string): {
  open: number;
  close: number;
  members: { key: string; start: number; valueStart: number; valueEnd: number }[];
} | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '"') return void str();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const d = text[i];
        if (d === '"') {
          str();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        if (d === '}' || d === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < text.length && !/[\s,}\]]/.test(text[i] ?? '')) i++;
  };
  ws();
  if (text[i] !== '{') return null;
  const open = i;
  i++;
  const members: { key: string; start: number; valueStart: number; valueEnd: number }[] = [];
  for (;;) {
    ws();
    if (text[i] === '}') break;
    if (text[i] !== '"') return null;
    const start = i;
    const key = str();
    ws();
    if (text[i] !== ':') return null;
    i++;
    ws();
    const valueStart = i;
    value();
    members.push({ key, start, valueStart, valueEnd: i });
    ws();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') break;
    return null;
  }
  return { open, close: i, members };
}

/**
 * Adopts the generated daemon.json: the generated keys are set (a value replaced where it is, written with 2-space
 * indentation at the key's depth; a new key added at the end), the user's other keys stay as written. Throws
 * `AdoptError` when either file is not a JSON object.
 */
export function adoptJson(userText: string, generatedText: string): AdoptResult {
  const parse = (t: string, what: string): Record<string, unknown> => {
    let v: unknown;
    try {
      v = JSON.parse(t.trim() === '' ? '{}' : t);
    } catch (e) {
      const m = (e as Error).message;
      throw new AdoptError(msg(`${what} is not valid JSON: ${m}`, `${what}はJSONとして正しくありません: ${m}`));
    }
    if (!v || typeof v !== 'object' || Array.isArray(v))
      throw new AdoptError(msg(`${what} is not a JSON object`, `${what}はJSONオブジェクトではありません`));
    return v as Record<string, unknown>;
  };
  const user = parse(userText, 'daemon.json');
  const gen = parse(generatedText, 'the generated daemon.json');
  const eol = userText.includes('\r\n') ? '\r\n' : '\n';
  const text = userText.trim() === '' ? '{}\n' : userText.replace(/\r\n/g, '\n');
  const shape = jsonMembers(text);
  const replaced: string[] = [];
  const added: string[] = [];
  let out: string;
  if (!shape) {
    // Not splice-able (comments are not JSON; this cannot happen after JSON.parse): written whole.
    out = `${JSON.stringify({ ...user, ...gen }, null, 2)}\n`;
    replaced.push(...Object.keys(gen).filter((k) => k in user));
    added.push(...Object.keys(gen).filter((k) => !(k in user)));
  } else {
    const edits: TomlEdit[] = [];
    const first = shape.members[0];
    const memberIndent = first ? ' '.repeat(first.start - lineStart(text, first.start)) : '  ';
    const oneLine = first ? !text.slice(shape.open, shape.close).includes('\n') : false;
    const pretty = (v: unknown, indent: string) => JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);
    const news: string[] = [];
    for (const [k, v] of Object.entries(gen)) {
      const m = shape.members.find((x) => x.key === k);
      if (m) {
        if (JSON.stringify(JSON.parse(text.slice(m.valueStart, m.valueEnd))) === JSON.stringify(v)) continue;
        edits.push({
          start: m.valueStart,
          end: m.valueEnd,
          text: oneLine ? JSON.stringify(v) : pretty(v, memberIndent),
        });
        replaced.push(k);
      } else {
        news.push(
          oneLine
            ? `${JSON.stringify(k)}: ${JSON.stringify(v)}`
            : `${memberIndent}${JSON.stringify(k)}: ${pretty(v, memberIndent)}`,
        );
        added.push(k);
      }
    }
    if (news.length) {
      const last = shape.members[shape.members.length - 1];
      if (last)
        edits.push({
          start: last.valueEnd,
          end: last.valueEnd,
          text: oneLine ? `, ${news.join(', ')}` : `,\n${news.join(',\n')}`,
        });
      else edits.push({ start: shape.open + 1, end: shape.close, text: `\n${news.join(',\n')}\n` });
    }
    out = text;
    for (const e of [...edits].sort((a, b) => b.start - a.start))
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  parse(out, 'the adopted daemon.json');
  return {
    text: eol === '\r\n' ? out.replace(/\n/g, '\r\n') : out,
    replaced,
    added,
    kept: Object.keys(user).filter((k) => !(k in gen)),
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Every file of an import

/** One file of the adopted setup: the user's text (`before`, '' for a file the user did not have) and the new one. */
export interface AdoptedFile {
  path: string;
  before: string;
  after: string;
  notes: Msg[];
}

/** The generated files that describe the setup rather than configure a tool (left out of `adoptFiles`). */
const DOCUMENT_FILES = new Set(['SETUP.md', 'diagram.svg']);
/** Which generated file each kind of user file takes its fix from. */
const GENERATED_PATH: Readonly<Record<ImportKind, string>> = {
  'gitlab-ci': '.gitlab-ci.yml',
  'config-toml': 'config.toml',
  'helm-values': 'values.yaml',
  'daemon-json': 'daemon.json',
  'buildkitd-toml': 'buildkitd.toml',
};

/** The generated runner configuration as TOML: config.toml, else values.yaml's runners.config. */
function generatedRunnerToml(files: ReadonlyMap<string, string>): string | null {
  const toml = files.get('config.toml');
  if (toml !== undefined) return toml;
  const values = files.get('values.yaml');
  if (values === undefined) return null;
  const config = parseDocument(values).getIn(['runners', 'config']);
  return typeof config === 'string' ? config : null;
}

/**
 * Adopts the generated setup into the user's imported files: each file the user gave (by `result.setup.files[].kind`)
 * is edited with its adopter (`adoptCi` with `result.buildJobs`, `adoptRunnerToml`, `adoptHelmValues`, `adoptJson`,
 * `adoptBuildkitdToml`); a runner file takes the generated runner configuration whichever form it has (config.toml
 * or the Helm chart's runners.config). Then the generated files the user did not have and the setup needs
 * (`before` = ''): another form of a file the user gave (values.yaml beside the user's config.toml) is not added,
 * nor SETUP.md and the diagram. Files of unknown kind are left out. A user file that cannot be edited (it does not
 * parse) comes back unchanged with the reason in `notes`; a kind the generated setup does not have (a daemon.json
 * for a setup without one) comes back unchanged with a note.
 */
export function adoptFiles(result: ImportResult, generated: GenerateResult): AdoptedFile[] {
  const gen = new Map(generated.files.map((f) => [f.path, f.content]));
  const out: AdoptedFile[] = [];
  const given = new Set<ImportKind>();
  for (const file of result.setup.files) {
    if (!file.kind) continue;
    given.add(file.kind);
    const before = file.content;
    const unchanged = (note: Msg): AdoptedFile => ({ path: file.path, before, after: before, notes: [note] });
    try {
      switch (file.kind) {
        case 'gitlab-ci': {
          const g = gen.get('.gitlab-ci.yml');
          if (g === undefined) {
            out.push(
              unchanged(
                msg('The generated setup has no .gitlab-ci.yml.', '生成した構成には.gitlab-ci.ymlがありません。'),
              ),
            );
            break;
          }
          const r = adoptCi(before, g, result.buildJobs);
          out.push({ path: file.path, before, after: r.text, notes: r.notes });
          break;
        }
        case 'config-toml': {
          const g = generatedRunnerToml(gen);
          if (g === null) {
            out.push(
              unchanged(
                msg(
                  'The generated setup has no runner configuration (GitLab-hosted runners): your config.toml is kept as it is.',
                  '生成した構成にはRunnerの設定がありません（GitLabのホステッドRunner）。config.tomlはそのままです。',
                ),
              ),
            );
            break;
          }
          const r = adoptRunnerToml(before, g);
          out.push({ path: file.path, before, after: r.text, notes: r.notes });
          break;
        }
        case 'helm-values': {
          const values = gen.get('values.yaml');
          const toml = generatedRunnerToml(gen);
          if (toml === null) {
            out.push(
              unchanged(
                msg(
                  'The generated setup has no runner configuration: your values.yaml is kept as it is.',
                  '生成した構成にはRunnerの設定がありません。values.yamlはそのままです。',
                ),
              ),
            );
            break;
          }
          const g = values ?? entryText(str('runners'), runnersConfigMap(toml), { indent: 2, indentSeq: true });
          const r = adoptHelmValues(before, g);
          out.push({ path: file.path, before, after: r.text, notes: r.notes });
          break;
        }
        case 'daemon-json':
        case 'buildkitd-toml': {
          const g = gen.get(GENERATED_PATH[file.kind]);
          if (g === undefined) {
            out.push(
              unchanged(
                msg(
                  `The generated setup has no ${GENERATED_PATH[file.kind]}: yours is kept as it is.`,
                  `生成した構成には${GENERATED_PATH[file.kind]}がありません。あなたのファイルはそのままです。`,
                ),
              ),
            );
            break;
          }
          const r = file.kind === 'daemon-json' ? adoptJson(before, g) : adoptBuildkitdToml(before, g);
          out.push({ path: file.path, before, after: r.text, notes: r.notes });
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof AdoptError)) throw e;
      out.push(
        unchanged(msg(`${file.path} is kept as it is: ${e.reason.en}`, `${file.path}はそのままです: ${e.reason.ja}`)),
      );
    }
  }
  // The generated files the user did not have. A runner file in either form stands for both.
  const runnerGiven = given.has('config-toml') || given.has('helm-values');
  const givenPaths = new Set([...given].map((k) => GENERATED_PATH[k]));
  for (const f of generated.files) {
    if (DOCUMENT_FILES.has(f.path) || givenPaths.has(f.path)) continue;
    if (runnerGiven && (f.path === 'config.toml' || f.path === 'values.yaml')) continue;
    out.push({
      path: f.path,
      before: '',
      after: f.content,
      notes: [msg(`${f.path} is new: the setup needs it.`, `${f.path}は新しいファイルです（この構成に必要です）。`)],
    });
  }
  return out;
}

/** `{ config: <toml> }` as a YAML map whose config is a literal block (the Helm chart's `runners:`). */
function runnersConfigMap(toml: string): YAMLMap {
  const m = new YAMLMap();
  const s = new Scalar(toml);
  s.type = Scalar.BLOCK_LITERAL;
  m.items.push(new Pair(str('config'), s));
  return m;
}
