/**
 * Reads the runner side of a user's setup as the tools read it: `config.toml` as gitlab-runner does (TOML 1.0,
 * `@iarna/toml`), the Helm chart's `values.yaml` (YAML; its `runners.config` string holds the same TOML), dockerd's
 * `daemon.json` (strict JSON: no comments, no trailing commas) and buildkitd's `buildkitd.toml`. Each reader returns
 * the parsed data with the user's line of every key path (`lineOf`), and the problems met on their lines:
 *
 * - `parse`: the file does not parse (on the line of the error).
 * - `unknown-key`: a key the tool does not know, checked against its key set (`keys/`, see keys/README.md), named with
 *   the nearest known key. gitlab-runner ignores such a key (so the setting silently does nothing), dockerd refuses to
 *   start ("the following directives don't match any configuration option"), buildkitd ignores it.
 * - `schema`: a value of the wrong type (`privileged = "true"`: gitlab-runner and buildkitd fail to decode the file),
 *   an executor gitlab-runner does not have, a section an executor requires, a registry mirror dockerd refuses.
 * - `secret`: a literal credential (runner token, registration token, cache keys, passwords), shown masked (its first
 *   4 characters then `…`); the value itself never appears in a message.
 *
 * The readers never throw. Sources: https://docs.gitlab.com/runner/configuration/advanced-configuration/,
 * https://docs.gitlab.com/runner/install/kubernetes/, https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file,
 * https://github.com/moby/buildkit/blob/master/docs/buildkitd.toml.md.
 */
import { parse as parseToml } from '@iarna/toml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Severity } from '../findings';
import { msg, type Msg } from '../i18n';
import type { KeyPath } from '../render/line-index';
import { maskSecret, secretKind } from '../secrets';
import buildkitdKeys from './keys/buildkitd.json';
import daemonKeys from './keys/daemon-json.json';
import runnerKeys from './keys/runner-config.json';
import { jsonPositions, tomlPositions, type LineCol, type Positions } from './runner-positions';
import type { ImportedDaemonConfig, ImportedRunner, InputFile, ReadProblem, SourcePos } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Key sets

/**
 * A table of a key set: each key's TOML/JSON type (`string`, `boolean`, `integer`, `duration`, `array<string>`,
 * `map<string>`...), a nested table, or an array of tables (`[table]`). A map with free keys has the single key `*`.
 */
export interface KeyNode {
  [key: string]: string | KeyNode | [KeyNode];
}

const RUNNER_KEYS = runnerKeys as unknown as { keys: KeyNode; executors: string[]; featureFlags: string[] };
const BUILDKITD_KEYS = buildkitdKeys as unknown as { keys: KeyNode };
const DAEMON_KEYS = daemonKeys as unknown as { keys: KeyNode };

/** gitlab-runner's executors (`executor = "..."`). */
export const RUNNER_EXECUTORS: readonly string[] = RUNNER_KEYS.executors;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Whether a value has a key set's leaf type (the type names of keys/README.md). */
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

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** The known key nearest to `key` (edit distance; ties: the first in order), or null when there is none. */
export function nearestKey(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** A key path as the user reads it: `runners[1].docker.volumes[0]`. */
export function showPath(path: KeyPath): string {
  return path
    .filter((p) => p !== '$helm')
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${/^[A-Za-z0-9_-]+$/.test(p) ? p : JSON.stringify(p)}`,
    )
    .join('');
}

interface KeyIssue {
  kind: 'unknown-key' | 'schema';
  path: KeyPath;
  /** For unknown keys: the nearest known key of the same table. */
  nearest?: string | null;
  /** For schema problems: the expected type. */
  expected?: string;
}

/**
 * Checks data against a key set: keys the set does not have, values of the wrong type. `caseInsensitive`: a key
 * that matches a known key but for case is known (BurntSushi/toml and go-toml v2 match field names that way).
 */
function checkKeys(value: unknown, node: KeyNode, path: KeyPath, caseInsensitive: boolean, out: KeyIssue[]): void {
  if (!isObject(value)) return;
  const known = Object.keys(node);
  for (const [key, v] of Object.entries(value)) {
    const here = [...path, key];
    let def = node['*'] ?? node[key];
    if (def === undefined && caseInsensitive) {
      const match = known.find((k) => k.toLowerCase() === key.toLowerCase());
      if (match) def = node[match];
    }
    if (def === undefined) {
      out.push({ kind: 'unknown-key', path: here, nearest: nearestKey(key, known) });
      continue;
    }
    if (Array.isArray(def)) {
      const item = def[0];
      if (!Array.isArray(v)) out.push({ kind: 'schema', path: here, expected: 'array<table>' });
      else v.forEach((x, i) => checkKeys(x, item, [...here, i], caseInsensitive, out));
    } else if (typeof def === 'object') {
      if (!isObject(v)) out.push({ kind: 'schema', path: here, expected: 'table' });
      else checkKeys(v, def, here, caseInsensitive, out);
    } else if (/^map<.+>$/.test(def) && isObject(v)) {
      // A map's entries are checked one by one, each on its own line.
      const inner = def.slice(4, -1);
      for (const [k, x] of Object.entries(v))
        if (!typeOk(x, inner)) out.push({ kind: 'schema', path: [...here, k], expected: inner });
    } else if (!typeOk(v, def)) out.push({ kind: 'schema', path: here, expected: def });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Problems

const problem = (
  kind: ReadProblem['kind'],
  severity: Severity,
  pos: SourcePos,
  en: string,
  ja: string,
): ReadProblem => ({ kind, severity, pos, message: msg(en, ja) });

export { maskSecret };

/** Key names whose value is a credential (compared lowercased, without `_` and `-`). */
const SECRET_NAME = /(?:token|password|passwd|secretkey|accesskey|accountkey|privatekey|sessiontoken|apikey)$/;
/** Values that stand for a secret without being one: placeholders and variable references. */
const PLACEHOLDER = /^(?:<.*>|\$.*|\{\{.*\}\}|x+|\*+|\.+|[A-Z]+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;
/** Words that mark a placeholder even in a value shaped like a token (`glrt-YOUR_TOKEN_HERE`). */
const PLACEHOLDER_WORD = /your[_-]?|_here\b|here$|example|placeholder|change[_-]?me|redacted|replace|x{4}|\*{3}/i;
/** Words that mark a made-up value where only the key's name says it is a secret (`token = "test-token1"`). */
const MADE_UP_WORD = /token|secret|password|passwd|test|dummy|fake|sample/i;

/** Whether a key name says its value is a credential (`token`, `SecretKey`, `runnerRegistrationToken`...). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[_-]/g, ''));
}

/** The kind of secret a value at `key` is, or null: by its shape (`secretKind`), or by its key's name. */
function secretOf(key: string | number, value: string): string | null {
  const v = value.trim();
  if (PLACEHOLDER_WORD.test(v)) return null;
  const shaped = secretKind(v);
  if (shaped) return shaped;
  if (PLACEHOLDER.test(v)) return null;
  const named = (name: string, rest: string) =>
    isSecretName(name) && rest.length >= 8 && !PLACEHOLDER.test(rest) && !MADE_UP_WORD.test(rest);
  if (typeof key === 'string' && named(key, v)) return 'credential';
  // `NAME=value` items (environment, MachineOptions): the name decides.
  const eq = v.indexOf('=');
  if (eq > 0 && named(v.slice(0, eq), v.slice(eq + 1).trim())) return 'credential';
  return null;
}

/** Every string leaf of a value with its path. */
function stringLeaves(value: unknown, path: KeyPath, out: { path: KeyPath; value: string }[]): void {
  if (typeof value === 'string') out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((v, i) => stringLeaves(v, [...path, i], out));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) stringLeaves(v, [...path, k], out);
}

/** The key that names a leaf: its own key, or the array's key for an array item. */
const leafName = (path: KeyPath): string | number => {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] ?? '';
  return '';
};

/** Secret problems for every string leaf of `data` that holds a credential. */
function secretProblems(
  data: unknown,
  prefix: KeyPath,
  lineOf: (path: KeyPath) => SourcePos | null,
  fallback: SourcePos,
  severity: Severity,
): ReadProblem[] {
  const leaves: { path: KeyPath; value: string }[] = [];
  stringLeaves(data, prefix, leaves);
  const out: ReadProblem[] = [];
  for (const leaf of leaves) {
    const kind = secretOf(leafName(leaf.path), leaf.value);
    if (!kind) continue;
    const where = showPath(leaf.path);
    const masked = maskSecret(leaf.value);
    out.push(
      problem(
        'secret',
        severity,
        lineOf(leaf.path) ?? fallback,
        `${where} holds a secret (${kind}, ${masked}): anyone who reads this file can use it. Keep it out of shared files and repositories; it is not copied into the answers, links or findings.`,
        `${where}に秘密情報（${kind}、${masked}）があります。このファイルを読める人は誰でも使えます。共有するファイルやリポジトリに入れないでください。回答、リンク、指摘には複製しません。`,
      ),
    );
  }
  return out;
}

/** Problems for the key issues, placed with `lineOf`. `tool` names the reader in the message. */
function keyProblems(
  issues: KeyIssue[],
  lineOf: (path: KeyPath) => SourcePos | null,
  fallback: SourcePos,
  tool: string,
  unknownSeverity: Severity,
  unknownEffect: Msg,
): ReadProblem[] {
  return issues.map((issue) => {
    const pos = lineOf(issue.path) ?? fallback;
    const where = showPath(issue.path);
    if (issue.kind === 'unknown-key') {
      const key = String(issue.path[issue.path.length - 1]);
      const near = issue.nearest;
      const close =
        near !== null && near !== undefined && distance(key, near) <= Math.max(2, Math.floor(key.length / 3));
      const hint = !near
        ? { en: '', ja: '' }
        : close
          ? { en: ` Did you mean ${near}?`, ja: `${near}の誤りではありませんか。` }
          : { en: ` The nearest known key is ${near}.`, ja: `最も近い既知のキーは${near}です。` };
      return problem(
        'unknown-key',
        unknownSeverity,
        pos,
        `Unknown key ${key} (${where}): ${tool} has no such setting; ${unknownEffect.en}${hint.en}`,
        `不明なキー ${key}（${where}）: ${tool}にこの設定はありません。${unknownEffect.ja}${hint.ja}`,
      );
    }
    return problem(
      'schema',
      'high',
      pos,
      `${where} must be ${issue.expected ?? 'another type'}: ${tool} cannot read the file with this value.`,
      `${where}は${issue.expected ?? '別の型'}でなければなりません。この値では${tool}がファイルを読めません。`,
    );
  });
}

/** A parse problem at a line and column. */
const parseProblem = (file: string, at: LineCol, what: string, detail: string): ReadProblem =>
  problem(
    'parse',
    'high',
    { file, line: at.line, column: at.column },
    `${what} does not parse (line ${at.line}, column ${at.column}): ${detail}`,
    `${what}を解析できません（${at.line}行${at.column}列）: ${detail}`,
  );

/** A TOML parse error of `@iarna/toml` (0-based `line` and `col`) as a line and column, with its first line. */
function tomlError(e: unknown): { at: LineCol; detail: string } {
  const err = e as { line?: number; col?: number; message?: string };
  const detail = (err.message ?? String(e)).split('\n')[0]?.replace(/ at row \d+, col \d+, pos \d+:?$/, '') ?? '';
  return { at: { line: (err.line ?? 0) + 1, column: (err.col ?? 0) + 1 }, detail };
}

function parseTomlText(text: string): { data: Record<string, unknown> } | { error: { at: LineCol; detail: string } } {
  try {
    return { data: plainCopy(parseToml(text)) as Record<string, unknown> };
  } catch (e) {
    return { error: tomlError(e) };
  }
}

/**
 * A copy with plain objects (`@iarna/toml` builds null-prototype tables), integers beyond 2^53 as numbers (bigints
 * break JSON.stringify) and date-times as `Date`.
 */
function plainCopy(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(plainCopy);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainCopy(x)]));
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// config.toml and values.yaml

/** The runner's own checks beyond its keys (gitlab-runner refuses these when it loads the runner). */
function runnerChecks(
  toml: Record<string, unknown>,
  lineOf: (p: KeyPath) => SourcePos | null,
  top: SourcePos,
  /** The executor a runner without `executor` gets (the Helm chart registers one), or null when none. */
  defaultExecutor: string | null,
): ReadProblem[] {
  const out: ReadProblem[] = [];
  const runners = Array.isArray(toml.runners) ? toml.runners : [];
  if (runners.length === 0)
    out.push(
      problem(
        'note',
        'info',
        top,
        'No [[runners]] entry: this configuration defines no runner.',
        '[[runners]]がありません。この設定はRunnerを定義していません。',
      ),
    );
  const flags = new Set(RUNNER_KEYS.featureFlags);
  runners.forEach((r: unknown, i) => {
    if (!isObject(r)) return;
    const at = (...p: (string | number)[]) => lineOf(['runners', i, ...p]) ?? lineOf(['runners', i]) ?? top;
    if (r.executor === undefined && defaultExecutor === null)
      out.push(
        problem(
          'schema',
          'high',
          at(),
          `runners[${i}] has no executor: gitlab-runner cannot run its jobs.`,
          `runners[${i}]にexecutorがありません。gitlab-runnerはジョブを実行できません。`,
        ),
      );
    else if (typeof r.executor === 'string' && !RUNNER_EXECUTORS.includes(r.executor)) {
      const near = nearestKey(r.executor, RUNNER_EXECUTORS);
      out.push(
        problem(
          'schema',
          'high',
          at('executor'),
          `executor "${r.executor}" is not a gitlab-runner executor (${RUNNER_EXECUTORS.join(', ')}).${near ? ` Did you mean ${near}?` : ''}`,
          `executor "${r.executor}"はgitlab-runnerのexecutorではありません（${RUNNER_EXECUTORS.join('、')}）。${near ? `${near}の誤りではありませんか。` : ''}`,
        ),
      );
    }
    if (isObject(r.feature_flags))
      for (const f of Object.keys(r.feature_flags))
        if (!flags.has(f)) {
          const near = nearestKey(f, [...flags]);
          out.push(
            problem(
              'unknown-key',
              'medium',
              at('feature_flags', f),
              `Unknown feature flag ${f}: gitlab-runner ignores it.${near ? ` Did you mean ${near}?` : ''}`,
              `不明なフィーチャーフラグ ${f}: gitlab-runnerは無視します。${near ? `${near}の誤りではありませんか。` : ''}`,
            ),
          );
        }
    const executor = r.executor ?? defaultExecutor;
    const need = (cond: boolean, path: (string | number)[], en: string, ja: string) => {
      if (cond) out.push(problem('schema', 'high', at(...path), en, ja));
    };
    if (executor === 'docker-autoscaler') {
      const a = isObject(r.autoscaler) ? r.autoscaler : null;
      need(
        !a,
        ['executor'],
        'executor docker-autoscaler requires [runners.autoscaler] ("executor requires autoscaler config").',
        'executor docker-autoscalerには[runners.autoscaler]が必要です（「executor requires autoscaler config」）。',
      );
      if (a)
        need(
          typeof a.plugin !== 'string' || a.plugin === '',
          ['autoscaler'],
          '[runners.autoscaler] needs a fleeting plugin (plugin = "...").',
          '[runners.autoscaler]にはfleetingプラグイン（plugin = "..."）が必要です。',
        );
    }
    if (executor === 'docker+machine') {
      const m = isObject(r.machine) ? r.machine : null;
      need(
        !m,
        ['executor'],
        'executor docker+machine requires [runners.machine].',
        'executor docker+machineには[runners.machine]が必要です。',
      );
      if (m) {
        need(
          typeof m.MachineDriver !== 'string' || m.MachineDriver === '',
          ['machine'],
          '[runners.machine] needs a MachineDriver.',
          '[runners.machine]にはMachineDriverが必要です。',
        );
        need(
          typeof m.MachineName !== 'string' || !m.MachineName.includes('%s'),
          ['machine', 'MachineName'],
          "[runners.machine] MachineName must hold %s (each machine's unique id).",
          '[runners.machine]のMachineNameには%s（マシンごとの一意なID）が必要です。',
        );
      }
    }
  });
  return out;
}

const RUNNER_UNKNOWN = msg('it ignores the key, so the setting does nothing.', 'キーは無視され、設定は効きません。');

/** The TOML of a runner configuration: data, positions, problems (`lineOf` maps TOML paths to the user's file). */
function readRunnerToml(
  text: string,
  file: string,
  what: string,
  toFile: (at: LineCol) => SourcePos,
  top: SourcePos,
  secretSeverity: Severity,
  defaultExecutor: string | null,
): { toml: Record<string, unknown> | null; lineOf: (p: KeyPath) => SourcePos | null; problems: ReadProblem[] } {
  const parsed = parseTomlText(text);
  if ('error' in parsed) {
    const at = toFile(parsed.error.at);
    return {
      toml: null,
      lineOf: () => null,
      problems: [parseProblem(file, { line: at.line, column: at.column ?? 1 }, what, parsed.error.detail)],
    };
  }
  const positions = tomlPositions(text);
  const lineOf = (p: KeyPath): SourcePos | null => {
    const at = positions.at(p);
    return at ? toFile(at) : null;
  };
  const issues: KeyIssue[] = [];
  checkKeys(parsed.data, RUNNER_KEYS.keys, [], true, issues);
  const problems = [
    ...keyProblems(issues, lineOf, top, 'gitlab-runner', 'medium', RUNNER_UNKNOWN),
    ...runnerChecks(parsed.data, lineOf, top, defaultExecutor),
    ...secretProblems(parsed.data, [], lineOf, top, secretSeverity),
  ];
  return { toml: parsed.data, lineOf, problems };
}

/** Positions of every key path of a YAML document (`yaml`'s nodes with a line counter). */
function yamlPositions(node: unknown, path: KeyPath, lc: LineCounter, out: Map<string, LineCol>): void {
  const put = (p: KeyPath, offset: number | undefined) => {
    if (offset === undefined) return;
    const key = p.join('\u0000');
    if (!out.has(key)) {
      const lp = lc.linePos(offset);
      out.set(key, { line: lp.line, column: lp.col });
    }
  };
  if (isMap(node))
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'boolean') continue;
      const here = [...path, String(k)];
      put(here, (pair.key as YamlNode | null)?.range?.[0]);
      yamlPositions(pair.value, here, lc, out);
    }
  else if (isSeq(node))
    node.items.forEach((item, i) => {
      put([...path, i], (item as YamlNode | null)?.range?.[0]);
      yamlPositions(item, [...path, i], lc, out);
    });
}

/**
 * Where the TOML of `runners.config` sits in values.yaml: for a literal block scalar (`config: |`) whose lines are
 * the TOML's lines at one indentation, TOML line n is the block's header line + n, its columns shifted by the
 * indentation; for any other style (quoted or plain string, folded block), every TOML place maps to the key's line.
 */
function embeddedMapping(
  text: string,
  node: YamlNode,
  value: string,
  keyPos: LineCol,
  lc: LineCounter,
): (at: LineCol) => LineCol {
  const toKey = (): LineCol => keyPos;
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range) return toKey;
  const header = lc.linePos(node.range[0]).line;
  const lines = text.split('\n');
  const tomlLines = value.split('\n');
  let indent = -1;
  for (let n = 0; n < tomlLines.length; n++) {
    const tl = tomlLines[n] ?? '';
    if (tl === '') continue;
    const src = (lines[header + n] ?? '').replace(/\r$/, '');
    const at = src.length - tl.length;
    if (at < 0 || src.slice(at) !== tl || (indent !== -1 && at !== indent)) return toKey;
    indent = at;
  }
  const shift = Math.max(indent, 0);
  return (at) => ({ line: header + at.line, column: at.column + shift });
}

/**
 * The Helm chart's `runners.config` with every Go template action outside a TOML string (`privileged = {{ .Values.x
 * }}`) replaced by a quoted string of the same length (`"{{______}}"`: the parsed TOML shows the value as a template),
 * so the TOML parses and every position stays where it is; the 1-based lines that had one. Actions inside strings (`namespace = "{{.Release.Namespace}}"`) are left as they are.
 */
function maskTemplates(text: string): { text: string; lines: number[] } {
  const lines: number[] = [];
  const out = text.split('\n').map((line, i) => {
    let quote: string | null = null;
    let result = '';
    for (let k = 0; k < line.length; k++) {
      const c = line[k] ?? '';
      if (quote) {
        if (c === '\\' && quote === '"') {
          result += c + (line[k + 1] ?? '');
          k += 1;
          continue;
        }
        if (c === quote) quote = null;
        result += c;
      } else if (c === '"' || c === "'") {
        quote = c;
        result += c;
      } else if (c === '#') {
        result += line.slice(k);
        break;
      } else if (c === '{' && line[k + 1] === '{') {
        const end = line.indexOf('}}', k + 2);
        if (end === -1) {
          result += line.slice(k);
          break;
        }
        const width = end + 2 - k;
        result += width >= 6 ? `"{{${'_'.repeat(width - 6)}}}"` : `"${'_'.repeat(Math.max(width - 2, 0))}"`;
        if (!lines.includes(i + 1)) lines.push(i + 1);
        k = end + 1;
      } else result += c;
    }
    return result;
  });
  return { text: out.join('\n'), lines };
}

/**
 * Runner settings of old chart versions, deprecated when `runners.config` came (GitLab 13.6) and no longer read:
 * https://gitlab.com/gitlab-org/gitlab/-/issues/379064, https://gitlab.com/gitlab-org/charts/gitlab-runner/-/issues/222,
 * https://gitlab.com/gitlab-org/gitlab-runner/-/merge_requests/4269 (`runners.privileged` since chart 0.53.0).
 */
const LEGACY_HELM_RUNNER_KEYS = [
  'image',
  'imagePullSecrets',
  'imagePullPolicy',
  'requestConcurrency',
  'privileged',
  'namespace',
  'pollTimeout',
  'builds',
  'services',
  'helpers',
] as const;

/**
 * The executor the Helm chart registers a runner with when its TOML has none: `runners.executor`, by default
 * `kubernetes` (https://docs.gitlab.com/runner/install/kubernetes/).
 */
export function helmExecutor(runners: Record<string, unknown>): string {
  return typeof runners.executor === 'string' && runners.executor !== '' ? runners.executor : 'kubernetes';
}

/**
 * Reads a runner configuration: `config.toml` (`kind: 'config-toml'`), or a Helm chart `values.yaml`
 * (`kind: 'helm-values'`) whose `runners.config` holds the config.toml text. Returns the runner (null when the file
 * cannot be read at all) and its problems (parse errors, unknown keys, wrong types, the runner's own checks, secrets
 * masked). For Helm, a `runners.config` that does not parse still gives a runner (empty TOML) so the chart's own keys
 * (`runnerRegistrationToken`, `rbac`...) are read; `lineOf(['$helm', ...])` addresses values.yaml's keys.
 */
export function readRunnerConfig(
  file: InputFile,
  kind: 'config-toml' | 'helm-values',
): { runner: ImportedRunner | null; problems: ReadProblem[] } {
  const top: SourcePos = { file: file.path, line: 1 };
  const at = (lc: LineCol): SourcePos => ({ file: file.path, line: lc.line, column: lc.column });
  if (kind === 'config-toml') {
    const r = readRunnerToml(file.content, file.path, 'config.toml', at, top, 'medium', null);
    if (!r.toml) return { runner: null, problems: r.problems };
    return {
      runner: {
        path: file.path,
        kind,
        toml: r.toml,
        helm: null,
        lineOf: (p) => (p[0] === '$helm' ? null : r.lineOf(p)),
      },
      problems: r.problems,
    };
  }
  const lc = new LineCounter();
  const doc = parseDocument(file.content, { lineCounter: lc, version: '1.1', uniqueKeys: false });
  const problems: ReadProblem[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 5)) {
      const lp = lc.linePos(e.pos[0]);
      problems.push(
        parseProblem(file.path, { line: lp.line, column: lp.col }, 'values.yaml', e.message.split('\n')[0] ?? ''),
      );
    }
    return { runner: null, problems };
  }
  const helm: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isObject(helm)) {
    problems.push(
      problem(
        'schema',
        'high',
        top,
        'values.yaml must be a mapping of chart values.',
        'values.yaml はチャートの値のマッピングでなければなりません。',
      ),
    );
    return { runner: null, problems };
  }
  const helmPos = new Map<string, LineCol>();
  yamlPositions(doc.contents, [], lc, helmPos);
  const helmLine = (p: KeyPath): SourcePos | null => {
    const pos = helmPos.get(p.join('\u0000'));
    return pos ? at(pos) : null;
  };
  const runners = helm.runners;
  if (runners !== undefined && !isObject(runners))
    problems.push(
      problem(
        'schema',
        'high',
        helmLine(['runners']) ?? top,
        'runners must be a mapping.',
        'runnersはマッピングでなければなりません。',
      ),
    );
  const r = isObject(runners) ? runners : {};
  for (const key of ['tags', 'secret', 'name'] as const)
    if (r[key] !== undefined && r[key] !== null && typeof r[key] !== 'string')
      problems.push(
        problem(
          'schema',
          'high',
          helmLine(['runners', key]) ?? top,
          `runners.${key} must be a string.`,
          `runners.${key}は文字列でなければなりません。`,
        ),
      );
  for (const key of Object.keys(r))
    if ((LEGACY_HELM_RUNNER_KEYS as readonly string[]).includes(key))
      problems.push(
        problem(
          'unknown-key',
          'medium',
          helmLine(['runners', key]) ?? top,
          `runners.${key} is a chart setting deprecated since GitLab 13.6 and no longer read by current charts (runners.privileged since chart 0.53): write it in runners.config ([runners.kubernetes]) instead.`,
          `runners.${key}はGitLab 13.6で非推奨になったチャートの設定で、現在のチャートは読みません（runners.privilegedはチャート0.53以降）。runners.config（[runners.kubernetes]）に書いてください。`,
        ),
      );
  let toml: Record<string, unknown> = {};
  let tomlLine: (p: KeyPath) => SourcePos | null = () => null;
  const config = r.config;
  const configKey = helmPos.get(['runners', 'config'].join('\u0000'));
  if (config === undefined || config === null)
    problems.push(
      problem(
        'note',
        'info',
        helmLine(['runners']) ?? top,
        "values.yaml has no runners.config: the chart's default runner configuration applies.",
        'values.yamlにrunners.configがありません。チャートのデフォルトのRunner設定が使われます。',
      ),
    );
  else if (typeof config !== 'string')
    problems.push(
      problem(
        'schema',
        'high',
        helmLine(['runners', 'config']) ?? top,
        'runners.config must be a string holding config.toml (usually a block: config: |).',
        'runners.configはconfig.tomlを含む文字列でなければなりません（通常はブロック: config: |）。',
      ),
    );
  else {
    const node = doc.getIn(['runners', 'config'], true) as YamlNode;
    const map = embeddedMapping(file.content, node, config, configKey ?? { line: 1, column: 1 }, lc);
    // The chart renders runners.config as a template (`tpl`): a bare `{{ ... }}` value is TOML only once rendered.
    const templated = maskTemplates(config);
    const read = readRunnerToml(
      templated.text,
      file.path,
      'values.yaml runners.config',
      (p) => at(map(p)),
      helmLine(['runners', 'config']) ?? top,
      'high',
      helmExecutor(r),
    );
    // A value the chart fills in has no type before it is rendered: no schema problem on its line.
    const templateLines = new Set(templated.lines.map((n) => at(map({ line: n, column: 1 })).line));
    problems.push(...read.problems.filter((p) => p.kind !== 'schema' || !templateLines.has(p.pos.line)));
    if (read.toml) toml = read.toml;
    tomlLine = read.lineOf;
  }
  // The chart's own keys: tokens written into values.yaml (the chart can read them from a Kubernetes secret).
  const helmSecrets = secretProblems(
    Object.fromEntries(
      Object.entries(helm).map(([k, v]) => [k, k === 'runners' && isObject(v) ? { ...v, config: undefined } : v]),
    ),
    ['$helm'],
    (p) => helmLine(p.slice(1)),
    top,
    'high',
  );
  problems.push(...helmSecrets);
  return {
    runner: {
      path: file.path,
      kind,
      toml,
      helm,
      lineOf: (p) => (p[0] === '$helm' ? helmLine(p.slice(1)) : tomlLine(p)),
    },
    problems,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// daemon.json

/**
 * dockerd's check of a registry mirror (moby registry.ValidateMirror): an http(s) scheme, no query, fragment or user
 * info. Null when accepted, else why not (English; the caller words both languages).
 */
function mirrorProblem(m: string): Msg | null {
  if (!/^https?:\/\//i.test(m))
    return msg('needs an http:// or https:// scheme', 'http://またはhttps://のスキームが必要です');
  let u: URL;
  try {
    u = new URL(m);
  } catch {
    return msg('is not a valid URI', '有効なURIではありません');
  }
  if (u.hostname === '') return msg('has no host', 'ホストがありません');
  if (u.search !== '' || u.hash !== '' || /[?#]/.test(m))
    return msg('has a query or fragment', 'クエリまたはフラグメントがあります');
  if (u.username !== '' || u.password !== '') return msg('has user info', 'ユーザー情報があります');
  return null;
}

const DAEMON_UNKNOWN = msg(
  'dockerd refuses to start ("the following directives don\'t match any configuration option").',
  "dockerdは起動を拒否します（「the following directives don't match any configuration option」）。",
);

/**
 * Reads `daemon.json` as dockerd does: strict JSON (a comment or a trailing comma is a `parse` problem on its line),
 * a JSON object whose keys dockerd knows with the right types, registry mirrors with an http(s) scheme and nothing
 * else, insecure registries without a scheme. `config` is null when the file does not parse.
 */
export function readDaemonJson(file: InputFile): { config: ImportedDaemonConfig | null; problems: ReadProblem[] } {
  const top: SourcePos = { file: file.path, line: 1 };
  const positions = jsonPositions(file.content);
  let data: unknown;
  if (positions.error) {
    return {
      config: null,
      problems: [parseProblem(file.path, positions.error, 'daemon.json', positions.error.message)],
    };
  }
  try {
    data = JSON.parse(file.content.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      config: null,
      problems: [parseProblem(file.path, { line: 1, column: 1 }, 'daemon.json', (e as Error).message)],
    };
  }
  if (!isObject(data))
    return {
      config: null,
      problems: [
        problem(
          'schema',
          'high',
          top,
          'daemon.json must be a JSON object.',
          'daemon.jsonはJSONオブジェクトでなければなりません。',
        ),
      ],
    };
  const lineOf = posLookup(file.path, positions);
  const issues: KeyIssue[] = [];
  checkKeys(data, DAEMON_KEYS.keys, [], false, issues);
  const problems = keyProblems(issues, lineOf, top, 'dockerd', 'high', DAEMON_UNKNOWN);
  const mirrors = data['registry-mirrors'];
  if (Array.isArray(mirrors))
    mirrors.forEach((m: unknown, i) => {
      const why = typeof m === 'string' ? mirrorProblem(m) : msg('is not a string', '文字列ではありません');
      if (why)
        problems.push(
          problem(
            'schema',
            'high',
            lineOf(['registry-mirrors', i]) ?? top,
            `Registry mirror ${JSON.stringify(m)} ${why.en}: dockerd refuses to start.`,
            `レジストリミラー${JSON.stringify(m)}は${why.ja}。dockerdは起動を拒否します。`,
          ),
        );
    });
  const insecure = data['insecure-registries'];
  if (Array.isArray(insecure))
    insecure.forEach((r: unknown, i) => {
      if (typeof r === 'string' && r.includes('://'))
        problems.push(
          problem(
            'schema',
            'high',
            lineOf(['insecure-registries', i]) ?? top,
            `Insecure registry ${r} must not contain a scheme: dockerd refuses it (write the host[:port] only).`,
            `安全でないレジストリ${r}にスキームを含めてはいけません。dockerdは拒否します（host[:port]だけを書きます）。`,
          ),
        );
    });
  problems.push(...secretProblems(data, [], lineOf, top, 'high'));
  return { config: { path: file.path, data, lineOf }, problems };
}

function posLookup(file: string, positions: Positions): (p: KeyPath) => SourcePos | null {
  return (p) => {
    const at = positions.at(p);
    return at ? { file, line: at.line, column: at.column } : null;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// buildkitd.toml

const BUILDKITD_UNKNOWN = msg(
  'buildkitd ignores it silently, so the setting does nothing.',
  'buildkitdは何も言わずに無視し、設定は効きません。',
);

/**
 * Reads `buildkitd.toml` as buildkitd does (TOML 1.0): its tables and keys against BuildKit's config structs,
 * `[registry."host"]` tables whose name is a host (no scheme) and whose mirrors are `host[:port][/path]`.
 * `config` is null when the file does not parse.
 */
export function readBuildkitdToml(file: InputFile): { config: ImportedDaemonConfig | null; problems: ReadProblem[] } {
  const top: SourcePos = { file: file.path, line: 1 };
  const parsed = parseTomlText(file.content);
  if ('error' in parsed)
    return {
      config: null,
      problems: [parseProblem(file.path, parsed.error.at, 'buildkitd.toml', parsed.error.detail)],
    };
  const data = parsed.data;
  const lineOf = posLookup(file.path, tomlPositions(file.content));
  const issues: KeyIssue[] = [];
  checkKeys(data, BUILDKITD_KEYS.keys, [], true, issues);
  const problems = keyProblems(issues, lineOf, top, 'buildkitd', 'medium', BUILDKITD_UNKNOWN);
  const registry = data.registry;
  if (isObject(registry))
    for (const [host, cfg] of Object.entries(registry)) {
      if (/:\/\//.test(host))
        problems.push(
          problem(
            'schema',
            'medium',
            lineOf(['registry', host]) ?? top,
            `[registry."${host}"] must name a host without scheme: buildkitd never matches it.`,
            `[registry."${host}"]にはスキームなしのホストを書きます。buildkitdはこれに一致させません。`,
          ),
        );
      if (isObject(cfg) && Array.isArray(cfg.mirrors))
        cfg.mirrors.forEach((m: unknown, i) => {
          if (typeof m === 'string' && /:\/\//.test(m))
            problems.push(
              problem(
                'schema',
                'medium',
                lineOf(['registry', host, 'mirrors', i]) ?? top,
                `Mirror "${m}" must be host[:port][/path] without scheme (plain HTTP is http = true in the mirror's own [registry."host"] table).`,
                `ミラー"${m}"はスキームなしのhost[:port][/path]で書きます（平文HTTPはミラー自身の[registry."host"]テーブルでhttp = trueにします）。`,
              ),
            );
        });
    }
  problems.push(...secretProblems(data, [], lineOf, top, 'high'));
  return { config: { path: file.path, data, lineOf }, problems };
}
