/**
 * Reads a user's `.gitlab-ci.yml` as GitLab reads it, keeping for every value the line where it is written.
 *
 * Order of GitLab's own processing (gitlab-org/gitlab `lib/gitlab/ci/config.rb`, `build_config`): the YAML is loaded
 * (YAML 1.1, Ruby Psych: anchors, aliases, `<<` merge keys), `include:` files are merged (here: named, never
 * fetched), `!reference` tags are resolved (`Config::Yaml::Tags::Resolver`), then `extends`
 * (`Config::Extendable`), then each job gets the `default:` keywords it does not set (`Entry::Default`, `inherit:`).
 * This reader follows that order on a tree of located nodes, so a value that reaches a job through an alias, a merge
 * key, `!reference`, `extends` or `default:` keeps the position where the user wrote it.
 *
 * Schema check: GitLab's CI JSON schema (src/core/import/ci-schema.json, compiled to eval-free code by
 * scripts/gen-ci-schema.ts) is run on the document after `!reference` is resolved and before `extends` is: the
 * schema describes the file as written (it knows `extends`, hidden jobs, nested script arrays), and each error can
 * then be placed on the user's key. Sources: https://docs.gitlab.com/ci/yaml/ (keywords),
 * https://docs.gitlab.com/ci/yaml/yaml_optimization/ (anchors, `extends` merge details, `!reference`),
 * https://docs.gitlab.com/ci/yaml/#default and #inherit.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  type Document,
  type ParsedNode,
  type YAMLError,
} from 'yaml';
import { msg, type Msg } from '../i18n';
import type { KeyPath } from '../render/line-index';
import { maskSecret, secretKind } from '../secrets';
import { validate as validateCiSchema, type CiSchemaError } from './ci-schema.validate.js';
import { splitPowerShell, splitShell, type ShellCommand } from './ci-shell';
import type {
  BuildTool,
  CiCommand,
  CiJob,
  CiService,
  ImportedCi,
  InputFile,
  Located,
  ReadProblem,
  SourcePos,
} from './types';

// ---------------------------------------------------------------------------------------------------------------
// Located nodes

/** How a scalar is written in the file, to map offsets of its value back to lines. */
export interface ScalarSource {
  type: Scalar.Type | undefined;
  /** Offsets in the file: the scalar's start (its indicator for block scalars) and the end of its value. */
  start: number;
  end: number;
}

/** A scalar: string, number, boolean or null, with the place it is written. */
export interface LScalar {
  t: 'scalar';
  value: string | number | boolean | null;
  pos: SourcePos;
  src: ScalarSource | null;
}
/** One entry of a map: its key, the key's place, its value. */
export interface LEntry {
  key: string;
  keyPos: SourcePos;
  value: LNode;
}
/** A map, in the order Psych builds it (a key replaced by a later one keeps its first place in the order). */
export interface LMap {
  t: 'map';
  entries: LEntry[];
  pos: SourcePos;
}
/** A sequence. */
export interface LSeq {
  t: 'seq';
  items: LNode[];
  pos: SourcePos;
}
/** An unresolved `!reference [job, key, ...]`. */
export interface LRef {
  t: 'ref';
  path: string[];
  pos: SourcePos;
}
/** A node of the document with the place each part is written. */
export type LNode = LScalar | LMap | LSeq | LRef;

/** The entry of `key` in a map node, or undefined. */
export const entryOf = (node: LNode | undefined, key: string): LEntry | undefined =>
  node?.t === 'map' ? node.entries.find((e) => e.key === key) : undefined;
/** The value of `key` in a map node, or undefined. */
export const valueOf = (node: LNode | undefined, key: string): LNode | undefined => entryOf(node, key)?.value;

/**
 * The plain data of a node (what `YAML.load` gives in Ruby): maps become objects. An unresolved `!reference` (to a
 * job of an included file) is left out: dropped from its sequence, its key dropped from its map.
 */
export function toPlain(node: LNode | undefined): unknown {
  if (!node) return null;
  switch (node.t) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.filter((i) => i.t !== 'ref').map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) if (e.value.t !== 'ref') out[e.key] = toPlain(e.value);
      return out;
    }
    case 'ref':
      return undefined;
  }
}

/** Whether a node holds an unresolved `!reference`. */
export const holdsReference = (node: LNode): boolean =>
  node.t === 'ref' ||
  (node.t === 'seq' && node.items.some(holdsReference)) ||
  (node.t === 'map' && node.entries.some((e) => holdsReference(e.value)));

/** Sequence items with nested sequences flattened (GitLab flattens nested script arrays, e.g. from `!reference`). */
export function flatItems(node: LNode | undefined, depth = 0): LNode[] {
  if (!node) return [];
  if (node.t !== 'seq') return [node];
  return node.items.flatMap((i) => (i.t === 'seq' && depth < 10 ? flatItems(i, depth + 1) : [i]));
}

/** A scalar's value as a string (null as empty), or null for maps and sequences. */
export const scalarText = (node: LNode | undefined): string | null =>
  node?.t === 'scalar' ? (node.value === null ? '' : String(node.value)) : null;

// ---------------------------------------------------------------------------------------------------------------
// Problems

const ERROR_SEVERITY = 'high';

export { maskSecret };

/** A secret-looking value once the `$VAR` / `${VAR}` references it holds are set aside (those are names, not values). */
function literalSecretKind(value: string): string | null {
  const literal = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '');
  const kind = secretKind(literal);
  if (kind === 'url-credentials' && !/:\/\/[^\s/:@]+:[^\s@]+@/.test(literal)) return null;
  return kind;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** GitLab's global keywords: never jobs (the deprecated globals act as `default:`). */
export const CI_GLOBAL_KEYWORDS: ReadonlySet<string> = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'spec',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
]);

/** Keywords a job takes from `default:` when it does not set them (https://docs.gitlab.com/ci/yaml/#default). */
export const CI_DEFAULT_KEYWORDS = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
] as const;
/** Deprecated global keywords that act as `default:` when `default:` does not set them. */
const DEPRECATED_GLOBALS = ['image', 'services', 'cache', 'before_script', 'after_script'] as const;

/** GitLab allows 11 levels of `extends` (https://docs.gitlab.com/ci/yaml/#extends). */
export const MAX_EXTENDS_LEVELS = 11;
/** GitLab resolves nested `!reference` tags up to 10 levels (https://docs.gitlab.com/ci/yaml/yaml_optimization/). */
export const MAX_REFERENCE_LEVELS = 10;

/** One script item of a job as written: what the folded-command detector reads. */
export interface CiScriptItem {
  job: string;
  section: CiCommand['section'];
  /** The item's text as GitLab passes it to the shell (after YAML folding). */
  text: string;
  /** How the item is written: `>` (folded), `|` (literal), plain or quoted; null when not a scalar. */
  style: Scalar.Type | null;
  /** The item's source lines as written in the file (for block scalars, after the header line). */
  source: string[];
  pos: SourcePos;
  origin: string;
}

/** What the reader keeps beside the shared `ImportedCi` shape, for the CI detectors. */
export interface CiTree {
  /** The top-level map with merge keys and `!reference` resolved, before `extends`. */
  top: LMap;
  /** Each job's map after `extends` and `default:`, by job name (hidden jobs after `extends` only). */
  jobs: ReadonlyMap<string, LMap>;
  /** Jobs part of which is defined elsewhere (an unknown `extends` parent or `!reference` target, from an include). */
  incomplete: ReadonlySet<string>;
  /** Each job's `inherit:` decisions: which global variables and default keywords it takes. */
  inherits: ReadonlyMap<string, { variables: boolean | string[]; default: boolean | string[] }>;
  scriptItems: CiScriptItem[];
  /** The top-level key (job, hidden job, `default`, `variables`...) whose value holds a position. */
  originOf(pos: SourcePos): string;
  /** The whole file's text. */
  text: string;
}

const TREES = new WeakMap<ImportedCi, CiTree>();

/** The located tree behind an `ImportedCi` read by `readGitlabCi` (null for one built elsewhere). */
export const ciTree = (ci: ImportedCi): CiTree | null => TREES.get(ci) ?? null;

class Reader {
  readonly problems: ReadProblem[] = [];
  /** Whether names the file does not define may come from other files (it has `include:` or is itself included). */
  hasIncludes = false;
  /** The `spec:inputs` defaults of a header document, by input name (with the places they are written). */
  inputs = new Map<string, LNode>();

  /**
   * A string with `$[[ inputs.NAME ]]` interpolated from the inputs' defaults, as GitLab does for a file with a
   * `spec:` header (https://docs.gitlab.com/ci/inputs/): a value that is only the interpolation takes the default
   * itself (an array or map keeps the place where the default is written), one inside a longer string takes its
   * text. `truncate(offset,length)` is applied; other functions (`expand_vars`, `posix_escape`) leave the text. An
   * input without default stays as written.
   */
  interpolate(value: string): { node: LNode | null; text: string } {
    if (!this.inputs.size || !value.includes('$[[')) return { node: null, text: value };
    const fn = (v: string, fns: string | undefined): string => {
      const t = /truncate\(\s*(\d+)\s*,\s*(\d+)\s*\)/.exec(fns ?? '');
      return t ? v.slice(Number(t[1]), Number(t[1]) + Number(t[2])) : v;
    };
    const whole = /^\s*\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*(\|[^\]]*)?\]\]\s*$/.exec(value);
    const d = whole ? this.inputs.get(whole[1] ?? '') : undefined;
    if (whole && d) {
      if (d.t !== 'scalar') return { node: d, text: value };
      const v = typeof d.value === 'string' ? fn(d.value, whole[2]) : d.value;
      return { node: { ...d, value: v }, text: String(v) };
    }
    const text = value.replace(
      /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*(\|[^\]]*)?\]\]/g,
      (m, name: string, fns: string | undefined) => {
        const input = this.inputs.get(name);
        return input?.t === 'scalar' && input.value !== null ? fn(String(input.value), fns) : m;
      },
    );
    return { node: null, text };
  }
  constructor(
    readonly file: InputFile,
    readonly lc: LineCounter,
    readonly doc: Document.Parsed,
  ) {}

  pos(offset: number): SourcePos {
    const { line, col } = this.lc.linePos(offset);
    return { file: this.file.path, line, column: col };
  }

  problem(kind: ReadProblem['kind'], pos: SourcePos, message: Msg, severity: ReadProblem['severity'] = ERROR_SEVERITY) {
    this.problems.push({ kind, severity, pos, message });
  }

  /** The located node of a YAML node (aliases followed: their target's place is where the value is written). */
  build(node: unknown, fallback: SourcePos, depth = 0): LNode {
    if (depth > 200) return { t: 'scalar', value: null, pos: fallback, src: null };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      return this.build(target, fallback, depth + 1);
    }
    if (isScalar(node)) {
      const range = (node as ParsedNode).range;
      const pos = range ? this.pos(range[0]) : fallback;
      let value: LScalar['value'];
      const v = node.value;
      if (v === null || v === undefined) value = null;
      // Psych reads plain y/Y/n/N as strings (its booleans are yes/no/true/false/on/off); the yaml library's 1.1
      // schema reads them as booleans.
      else if (typeof v === 'boolean' && node.type === Scalar.PLAIN && /^[yYnN]$/.test(node.source ?? ''))
        value = node.source ?? '';
      else if (typeof v === 'string' || typeof v === 'boolean') value = v;
      else if (typeof v === 'number') value = v;
      else if (typeof v === 'bigint') value = Number(v);
      else value = typeof node.source === 'string' ? node.source : String(v); // dates, binary, symbols: as written
      const src = range ? { type: node.type, start: range[0], end: range[1] } : null;
      if (typeof value === 'string' && value.includes('$[[')) {
        const { node: input, text } = this.interpolate(value);
        // The default's own node (an array or map input) keeps its place; a scalar takes this place.
        if (input) return input.t === 'scalar' ? { ...input, pos, src: null } : input;
        value = text;
      }
      return { t: 'scalar', value, pos, src };
    }
    if (isSeq(node)) {
      const range = (node as ParsedNode).range;
      const pos = range ? this.pos(range[0]) : fallback;
      if (node.tag === '!reference')
        return { t: 'ref', path: node.items.map((i) => (isScalar(i) ? String(i.value) : '')), pos };
      return { t: 'seq', items: node.items.map((i) => this.build(i, pos, depth + 1)), pos };
    }
    if (isMap(node)) {
      const range = (node as ParsedNode).range;
      const pos = range ? this.pos(range[0]) : fallback;
      const entries: LEntry[] = [];
      const explicit = new Set<string>();
      const set = (e: LEntry) => {
        const i = entries.findIndex((x) => x.key === e.key);
        if (i === -1) entries.push(e);
        else entries[i] = e;
      };
      for (const pair of node.items) {
        const key = pair.key;
        const keyRange = isScalar(key) || isMap(key) || isSeq(key) ? (key as ParsedNode).range : undefined;
        const keyPos = keyRange ? this.pos(keyRange[0]) : pos;
        const isMerge =
          isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === Scalar.PLAIN));
        if (isMerge) {
          // Psych: `hash.merge!(merged)`: keys set before the `<<` are overwritten, later ones win over it; in a
          // list of maps the earlier map wins (Psych merges them in reverse first).
          const value = this.build(pair.value, keyPos, depth + 1);
          const sources = value.t === 'seq' ? [...value.items].reverse() : [value];
          const merged: LEntry[] = [];
          for (const src of sources) {
            if (src.t !== 'map') continue;
            for (const e of src.entries) {
              const i = merged.findIndex((x) => x.key === e.key);
              if (i === -1) merged.push(e);
              else merged[i] = e;
            }
          }
          for (const e of merged) set(e);
          continue;
        }
        const written = isScalar(key) ? (key.value === null ? '' : String(key.value)) : String(key);
        const name = this.interpolate(written).text;
        if (explicit.has(name))
          this.problem(
            'parse',
            keyPos,
            msg(
              `Line ${keyPos.line}: duplicate key "${name}"; GitLab (Ruby Psych) keeps the last one and ignores the others.`,
              `${keyPos.line} 行目: キー "${name}" が重複しています。GitLab（Ruby Psych）は最後のものだけを使い、ほかは無視します。`,
            ),
            'medium',
          );
        explicit.add(name);
        set({ key: name, keyPos, value: this.build(pair.value, keyPos, depth + 1) });
      }
      return { t: 'map', entries, pos };
    }
    return { t: 'scalar', value: null, pos: fallback, src: null };
  }
}

/** The node at a path of map keys and sequence indexes; with `key: true`, the entry's key place for the last step. */
function nodeAtPath(root: LNode, path: readonly (string | number)[]): { node: LNode; pos: SourcePos } | null {
  let node: LNode = root;
  let pos = root.pos;
  for (const step of path) {
    if (node.t === 'map') {
      const e = node.entries.find((x) => x.key === String(step));
      if (!e) return null;
      node = e.value;
      pos = e.keyPos;
    } else if (node.t === 'seq') {
      const item = node.items[Number(step)];
      if (!item) return null;
      node = item;
      pos = item.pos;
    } else return null;
  }
  return { node, pos };
}

/** Replaces every `!reference` by a copy of the node it names (nested up to 10 levels); unknown ones are problems. */
function resolveReferences(r: Reader, node: LNode, root: LNode, depth = 0): LNode {
  switch (node.t) {
    case 'ref': {
      const target = node.path.length ? nodeAtPath(root, node.path) : null;
      const named = `!reference [${node.path.join(', ')}]`;
      if (!target) {
        // With `include:`, the target may be defined there (not read): a note. Without, GitLab fails the pipeline.
        if (r.hasIncludes)
          r.problem(
            'note',
            node.pos,
            msg(
              `Line ${node.pos.line}: ${named} names nothing in this file; an included file may define it (includes are not read, so what it brings is not checked).`,
              `${node.pos.line} 行目: ${named} が指すものはこのファイルにありません。include したファイルで定義されている可能性があります（include 先は読まないため、その内容は確認されません）。`,
            ),
            'info',
          );
        else
          r.problem(
            'schema',
            node.pos,
            msg(
              `Line ${node.pos.line}: ${named} names nothing in this file, which includes no other file: GitLab fails the pipeline.`,
              `${node.pos.line} 行目: ${named} が指すものがこのファイルになく、include もありません。GitLab ではパイプラインが失敗します。`,
            ),
          );
        return node;
      }
      if (depth >= MAX_REFERENCE_LEVELS) {
        r.problem(
          'schema',
          node.pos,
          msg(
            `Line ${node.pos.line}: ${named} nests more than ${MAX_REFERENCE_LEVELS} levels of !reference, GitLab's limit.`,
            `${node.pos.line} 行目: ${named} の !reference の入れ子が GitLab の上限 ${MAX_REFERENCE_LEVELS} 段を超えています。`,
          ),
        );
        return { t: 'scalar', value: null, pos: node.pos, src: null };
      }
      return resolveReferences(r, target.node, root, depth + 1);
    }
    case 'seq':
      return { ...node, items: node.items.map((i) => resolveReferences(r, i, root, depth)) };
    case 'map':
      return {
        ...node,
        entries: node.entries.map((e) => ({ ...e, value: resolveReferences(r, e.value, root, depth) })),
      };
    case 'scalar':
      return node;
  }
}

/** GitLab's `extends` merge: maps merged deeply, anything else (sequences included) replaced by the later value. */
export function deepMerge(base: LNode, over: LNode): LNode {
  if (base.t !== 'map' || over.t !== 'map') return over;
  const entries = [...base.entries];
  for (const e of over.entries) {
    const i = entries.findIndex((x) => x.key === e.key);
    if (i === -1) entries.push(e);
    else {
      const prev = entries[i] as LEntry;
      entries[i] = prev.value.t === 'map' && e.value.t === 'map' ? { ...e, value: deepMerge(prev.value, e.value) } : e;
    }
  }
  return { t: 'map', entries, pos: over.pos };
}

const without = (map: LMap, key: string): LMap => ({ ...map, entries: map.entries.filter((e) => e.key !== key) });

// ---------------------------------------------------------------------------------------------------------------
// Script items: text, lines, commands

/**
 * Maps offsets of a scalar's value to the lines where its characters are written. Folding, indentation and chomping
 * only change white space, so the n-th non-blank character of the value is the n-th non-blank character of the
 * source (for single-quoted scalars `''` counts once). Double-quoted escapes break that; such a value (or any whose
 * non-blank characters differ) maps every offset to the scalar's first line.
 */
export function valueLineMap(text: string, node: LScalar, lc: LineCounter): (offset: number) => number {
  const first = node.pos.line;
  const src = node.src;
  const value = node.value === null ? '' : String(node.value);
  if (!src) return () => first;
  let from = src.start;
  let to = src.end;
  const block = src.type === Scalar.BLOCK_FOLDED || src.type === Scalar.BLOCK_LITERAL;
  if (block) {
    const nl = text.indexOf('\n', src.start);
    from = nl === -1 ? src.end : nl + 1;
  } else if (src.type === Scalar.QUOTE_SINGLE || src.type === Scalar.QUOTE_DOUBLE) {
    from += 1;
    to -= 1;
  }
  // A literal block keeps every line: the value's n-th line is the n-th line after the header (also when inputs were
  // interpolated into it).
  if (src.type === Scalar.BLOCK_LITERAL) {
    const startLine = lc.linePos(from).line;
    return (offset: number) => {
      let n = 0;
      for (let i = 0; i < offset && i < value.length; i++) if (value[i] === '\n') n++;
      return startLine + n;
    };
  }
  const srcChars: string[] = [];
  const srcLines: number[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) continue;
    if (src.type === Scalar.QUOTE_SINGLE && ch === "'" && text[i + 1] === "'") i++;
    srcChars.push(ch);
    srcLines.push(lc.linePos(i).line);
  }
  const valueChars = value.replace(/\s/g, '');
  if (valueChars !== srcChars.join('')) {
    const start = block ? lc.linePos(from).line : first;
    return () => start;
  }
  return (offset: number) => {
    let n = 0;
    for (let i = 0; i < offset && i < value.length; i++) if (!/\s/.test(value[i] ?? '')) n++;
    return srcLines[Math.min(n, srcLines.length - 1)] ?? first;
  };
}

/** The source lines of a scalar as written (block scalars: the lines after the header). */
function sourceLines(text: string, node: LScalar): string[] {
  if (!node.src) return [];
  const block = node.src.type === Scalar.BLOCK_FOLDED || node.src.type === Scalar.BLOCK_LITERAL;
  let from = node.src.start;
  if (block) {
    const nl = text.indexOf('\n', from);
    from = nl === -1 ? node.src.end : nl + 1;
  }
  return text.slice(from, node.src.end).split('\n');
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Words that run the rest of a command: skipped before the program's name. */
const PREFIXES = new Set(['sudo', 'exec', 'env', 'command', 'nohup', 'time', 'eval']);

/** A command's words from its program on: leading `NAME=value` assignments and `sudo`/`exec`/`env` set aside. */
export function programWords(words: readonly string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i] ?? '';
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || PREFIXES.has(w)) i++;
    else if (i > 0 && PREFIXES.has(words[i - 1] ?? '') && w.startsWith('-')) i++;
    else break;
  }
  return words.slice(i);
}

const basename = (w: string): string => w.slice(w.lastIndexOf('/') + 1);

/**
 * The image-building tool a command runs, or null: `docker build` / `docker image build` (docker), `docker buildx
 * build|bake` or a standalone `buildx` (buildx), `buildctl[-daemonless.sh] ... build` (buildctl), `buildah bud|build`
 * (buildah), `podman build` (podman), `/kaniko/executor` or `executor` in a Kaniko image (kaniko).
 */
export function buildToolOf(words: readonly string[], image: string | null): BuildTool | null {
  const w = programWords(words);
  const program = w[0];
  if (program === undefined) return null;
  const bin = basename(program);
  const sub = operandsOf(w.slice(1), VALUE_FLAGS[bin] ?? []);
  if (bin === 'docker' || bin === 'docker.exe') {
    if (sub[0] === 'build') return 'docker';
    if (sub[0] === 'image') return sub[1] === 'build' ? 'docker' : null;
    if (sub[0] === 'buildx') return sub[1] === 'build' || sub[1] === 'bake' ? 'buildx' : null;
    return null;
  }
  if (bin === 'docker-buildx' || bin === 'buildx') return sub[0] === 'build' || sub[0] === 'bake' ? 'buildx' : null;
  if (bin === 'buildctl' || bin === 'buildctl-daemonless.sh') return sub[0] === 'build' ? 'buildctl' : null;
  if (bin === 'buildah') return sub[0] === 'bud' || sub[0] === 'build' ? 'buildah' : null;
  if (bin === 'podman' || bin === 'podman-remote')
    return sub[0] === 'build' || (sub[0] === 'image' && sub[1] === 'build') ? 'podman' : null;
  if (program === '/kaniko/executor' || (bin === 'executor' && /kaniko/i.test(image ?? ''))) return 'kaniko';
  return null;
}

/** buildctl's global options that take a separate value (`buildctl --help`). */
const BUILDCTL_VALUE_FLAGS = [
  '--addr',
  '--tlsservername',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--tlsdir',
  '--timeout',
  '--log-format',
] as const;

/** Global options that take a separate value, before a tool's subcommand (from each tool's `--help`). */
const VALUE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  docker: ['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey'],
  buildctl: BUILDCTL_VALUE_FLAGS,
  // The script starts a buildkitd, then runs buildctl with that daemon's --addr and the arguments it was given.
  'buildctl-daemonless.sh': BUILDCTL_VALUE_FLAGS,
  buildah: [
    '--storage-driver',
    '--root',
    '--runroot',
    '--storage-opt',
    '--registries-conf',
    '--log-level',
    '--cgroup-manager',
    '--userns-uid-map',
    '--userns-gid-map',
    '--short-name-alias-conf',
    '--registries-conf-dir',
    '--cpu-profile',
    '--memory-profile',
  ],
  'podman-remote': ['--url', '--connection', '-c', '--identity'],
  podman: [
    '--storage-driver',
    '--root',
    '--runroot',
    '--storage-opt',
    '--registries-conf',
    '--log-level',
    '--cgroup-manager',
    '--url',
    '--connection',
    '-c',
    '--identity',
    '--events-backend',
    '--runtime',
    '--tmpdir',
    '--network-cmd-path',
    '--module',
    '--cni-config-dir',
    '--conmon',
    '--hooks-dir',
    '--volumepath',
    '--imagestore',
  ],
};

/** The operands before the first one that is not a global option's value: the subcommand path first. */
function operandsOf(args: readonly string[], valueFlags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('-')) {
      if (out.length === 0 && valueFlags.includes(a)) i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Splits one script item into commands. `sh -c '...'` and `eval` wrappers are followed: the commands they run are
 * added after the wrapper, on its line.
 */
function itemCommands(
  text: string,
  powershell: boolean,
  make: (c: ShellCommand, extraOf?: ShellCommand) => CiCommand,
): CiCommand[] {
  const out: CiCommand[] = [];
  for (const c of powershell ? splitPowerShell(text) : splitShell(text)) {
    out.push(make(c));
    if (powershell) continue;
    const w = programWords(c.words);
    if (SHELLS.has(basename(w[0] ?? '')) && /^-[a-z]*c$/.test(w[1] ?? '') && w[2])
      for (const inner of splitShell(w[2])) out.push(make(inner, c));
    // `eval "..."` and `eval $(echo "...")`: the shell splits the text (or what echo prints) again and runs it.
    const evalAt = c.words.indexOf('eval');
    if (evalAt !== -1 && evalAt === c.words.findIndex((x) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(x))) {
      const rest = c.words.slice(evalAt + 1).join(' ');
      const echo = /^\$\(\s*echo\s([\s\S]*)\)$/.exec(rest);
      const evaluated = echo
        ? splitShell(echo[1] ?? '')
            .flatMap((x) => x.words)
            .join(' ')
        : rest;
      for (const inner of splitShell(evaluated)) out.push(make(inner, c));
    }
  }
  return out;
}

/** A job runs PowerShell (a Windows runner) when its image, tags or scripts say so. */
export function isWindowsJob(image: string | null, tags: string[], scripts: string[]): boolean {
  return (
    /windows|servercore|nanoserver|mcr\.microsoft\.com/i.test(image ?? '') ||
    tags.some((t) => /windows/i.test(t)) ||
    scripts.some((s) => /\$\{?env:/i.test(s))
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Schema

/** JSON pointer segments of an Ajv instance path. */
const pointer = (p: string): string[] =>
  p === ''
    ? []
    : p
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

const keyName = (path: string[]): string => (path.length ? path.join('.') : '(document)');

/** One schema problem per offending key: the most specific errors (deepest path), merged by kind. */
function schemaProblems(r: Reader, root: LMap, errors: readonly CiSchemaError[]): void {
  // An error of a key inside another error's key is more specific: keep the deepest paths only.
  const paths = new Map<string, CiSchemaError[]>();
  for (const e of errors) {
    const p =
      e.keyword === 'additionalProperties'
        ? [...pointer(e.instancePath), String(e.params.additionalProperty ?? '')]
        : pointer(e.instancePath);
    const id = JSON.stringify(p);
    paths.set(id, [...(paths.get(id) ?? []), e]);
  }
  const ids = [...paths.keys()];
  const deepest = ids.filter((id) => {
    const p = JSON.parse(id) as string[];
    return !ids.some((other) => {
      const o = JSON.parse(other) as string[];
      return o.length > p.length && p.every((s, i) => o[i] === s);
    });
  });
  const seen = new Set<number>();
  for (const id of deepest) {
    const path = JSON.parse(id) as string[];
    const errs = paths.get(id) ?? [];
    const found = nodeAtPath(root, path);
    const pos = found?.pos ?? root.pos;
    if (seen.has(pos.line)) continue;
    seen.add(pos.line);
    const key = keyName(path);
    const unknown = errs.find((e) => e.keyword === 'additionalProperties');
    const types = [...new Set(errs.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
    const enums = errs.flatMap((e) =>
      e.keyword === 'enum' && Array.isArray(e.params.allowedValues) ? e.params.allowedValues.map(String) : [],
    );
    const required = errs.filter((e) => e.keyword === 'required').map((e) => String(e.params.missingProperty));
    const where = `Line ${pos.line}: `;
    const whereJa = `${pos.line} 行目: `;
    let m: Msg;
    if (unknown)
      m = msg(
        `${where}"${key}" is not a key GitLab knows here (GitLab's CI schema).`,
        `${whereJa}"${key}" はこの場所で GitLab が知らないキーです（GitLab の CI スキーマ）。`,
      );
    else if (enums.length)
      m = msg(
        `${where}"${key}" must be one of ${[...new Set(enums)].join(', ')}.`,
        `${whereJa}"${key}" は ${[...new Set(enums)].join(', ')} のいずれかでなければなりません。`,
      );
    else if (required.length)
      m = msg(
        `${where}"${key}" misses the key ${[...new Set(required)].join(' or ')}.`,
        `${whereJa}"${key}" にキー ${[...new Set(required)].join(' または ')} がありません。`,
      );
    else if (types.length)
      m = msg(
        `${where}"${key}" must be ${types.join(' or ')}, as GitLab's CI schema says.`,
        `${whereJa}"${key}" は ${types.join(' または ')} でなければなりません（GitLab の CI スキーマ）。`,
      );
    else {
      const first = errs[0];
      const detail = first ? `${first.keyword}${first.message ? `: ${first.message}` : ''}` : '';
      m = msg(
        `${where}"${key}" does not match GitLab's CI schema (${detail}).`,
        `${whereJa}"${key}" が GitLab の CI スキーマに合いません（${detail}）。`,
      );
    }
    r.problem('schema', pos, m);
  }
}

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
const flatDeep = (v: unknown[], depth = 0): unknown[] =>
  v.flatMap((x) => (Array.isArray(x) && depth < 10 ? flatDeep(x, depth + 1) : [x]));

/**
 * The data the schema sees: script arrays flattened, as GitLab flattens nested script arrays (up to 10 levels, what
 * nested `!reference` tags give) before it validates them, where the JSON schema allows one level of nesting.
 */
function forSchema(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const fix = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, SCRIPT_KEYS.includes(k) && Array.isArray(v) ? flatDeep(v) : v]),
    );
  return Object.fromEntries(
    Object.entries(fix(data as Record<string, unknown>)).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !Array.isArray(v) ? fix(v as Record<string, unknown>) : v,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point

const isHidden = (name: string): boolean => name.startsWith('.');

/**
 * Reads `.gitlab-ci.yml` as GitLab does (see the module comment). Never throws: a file that does not parse (syntax
 * errors, tabs in indentation, a non-map document) gives `ci: null` and `parse` problems on their lines; duplicate
 * keys are `parse` problems (medium: Psych keeps the last). Schema errors, unknown `extends` / `!reference`
 * targets, `extends` beyond 11 levels or in a cycle are `schema` problems on the key's line; each `include:` entry
 * is a `note` (named, not fetched); literal secret-looking values in `variables:` and after `-p`/`--password` are
 * `secret` problems with the value masked (`maskSecret`).
 */
export function readGitlabCi(file: InputFile): { ci: ImportedCi | null; problems: ReadProblem[] } {
  const lc = new LineCounter();
  const text = file.content;
  const docs = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false, lineCounter: lc });
  const list = Array.isArray(docs) ? docs : [];
  const at = (offset: number): SourcePos => {
    const { line, col } = lc.linePos(offset);
    return { file: file.path, line, column: col };
  };
  const parseProblems: ReadProblem[] = [];
  const syntax = (e: YAMLError): ReadProblem => {
    const pos = at(e.pos[0]);
    const first = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
    return {
      kind: 'parse',
      severity: ERROR_SEVERITY,
      pos,
      message: msg(
        `Line ${pos.line}: YAML does not parse: ${first}`,
        `${pos.line} 行目: YAML として読めません: ${first}`,
      ),
    };
  };
  // A component's `spec:` header is its own document before `---`; the configuration is the next one.
  const headerOnly = (d: Document.Parsed) =>
    isMap(d.contents) && d.contents.items.every((p) => isScalar(p.key) && p.key.value === 'spec');
  const doc = list.length > 1 && list[0] && headerOnly(list[0]) ? list[1] : list[0];
  // One syntax problem per line: the parser often reports a fault and its consequences on the same line.
  for (const d of list)
    for (const p of d.errors.map(syntax))
      if (!parseProblems.some((q) => q.pos.line === p.pos.line)) parseProblems.push(p);
  const docIndex = doc !== undefined && doc === list[1] ? 1 : 0;
  if (doc && list.length > docIndex + 1) {
    const extra = list[docIndex + 1];
    const pos = at(extra?.range[0] ?? 0);
    parseProblems.push({
      kind: 'parse',
      severity: ERROR_SEVERITY,
      pos,
      message: msg(
        `Line ${pos.line}: a second YAML document; GitLab reads one (after an optional spec: header).`,
        `${pos.line} 行目: 2 つ目の YAML 文書です。GitLab が読むのは 1 つだけです（spec: ヘッダーを除く）。`,
      ),
    });
  }
  for (const d of list)
    for (const w of d.warnings) {
      if (/Unresolved tag: !reference/.test(w.message)) continue;
      const pos = at(w.pos[0]);
      const first = w.message.split('\n')[0] ?? w.message;
      parseProblems.push({
        kind: 'parse',
        severity: 'medium',
        pos,
        message: msg(`Line ${pos.line}: ${first}`, `${pos.line} 行目: ${first}`),
      });
    }
  if (!doc || parseProblems.some((p) => p.severity === ERROR_SEVERITY)) {
    if (!doc)
      parseProblems.push({
        kind: 'parse',
        severity: ERROR_SEVERITY,
        pos: { file: file.path, line: 1 },
        message: msg(
          'The file is empty: GitLab needs at least one job.',
          'ファイルが空です。GitLab には少なくとも 1 つのジョブが必要です。',
        ),
      });
    return { ci: null, problems: parseProblems };
  }
  const r = new Reader(file, lc, doc);
  r.problems.push(...parseProblems);
  const header = doc === list[1] ? list[0] : undefined;
  if (header) {
    const h = new Reader(file, lc, header);
    const inputs = valueOf(valueOf(h.build(header.contents, { file: file.path, line: 1 }), 'spec'), 'inputs');
    if (inputs?.t === 'map')
      for (const e of inputs.entries) {
        const d = valueOf(e.value, 'default');
        if (d) r.inputs.set(e.key, d);
      }
    r.problems.push(...h.problems);
  }
  const start: SourcePos = { file: file.path, line: 1 };
  const built = r.build(doc.contents, start);
  if (built.t !== 'map') {
    r.problem(
      'parse',
      built.pos,
      msg(
        `Line ${built.pos.line}: the document is not a map of keywords and jobs.`,
        `${built.pos.line} 行目: 文書がキーワードとジョブのマップではありません。`,
      ),
    );
    return { ci: null, problems: r.problems };
  }
  // A file with `include:`, or one with another name (itself included by a project's .gitlab-ci.yml), may rely on
  // names defined in files that are not read.
  r.hasIncludes = entryOf(built, 'include') !== undefined || !/(?:^|[\\/])\.gitlab-ci\.ya?ml$/.test(file.path);
  const resolved = resolveReferences(r, built, built) as LMap;

  // Schema check on the file as written, `!reference` resolved (see the module comment).
  if (!validateCiSchema(forSchema(toPlain(resolved)))) schemaProblems(r, resolved, validateCiSchema.errors ?? []);

  // Which top-level key each line belongs to (a value written under `.template` comes from `.template`).
  const topRanges: { from: number; to: number; key: string }[] = [];
  if (isMap(doc.contents))
    for (const pair of doc.contents.items) {
      const k = pair.key as ParsedNode | null;
      const v = pair.value as ParsedNode | null;
      if (!k?.range) continue;
      const end = v?.range ? v.range[2] : k.range[2];
      topRanges.push({
        from: lc.linePos(k.range[0]).line,
        to: lc.linePos(Math.max(end - 1, k.range[0])).line,
        key: String(isScalar(k) ? k.value : ''),
      });
    }
  const originOf = (pos: SourcePos): string => topRanges.find((t) => pos.line >= t.from && pos.line <= t.to)?.key ?? '';

  // extends
  const top = new Map(resolved.entries.map((e) => [e.key, e]));
  const extended = new Map<string, LMap>();
  /** Jobs that extend a name this file does not define, or hold a `!reference` to one: part of them is elsewhere. */
  const incomplete = new Set<string>();
  const extendJob = (name: string, chain: string[]): LMap => {
    const done = extended.get(name);
    if (done) return done;
    const entry = top.get(name);
    const job =
      entry?.value.t === 'map' ? entry.value : ({ t: 'map', entries: [], pos: entry?.keyPos ?? start } as LMap);
    const ext = entryOf(job, 'extends');
    if (!ext) {
      extended.set(name, job);
      return job;
    }
    const parents = flatItems(ext.value)
      .map(scalarText)
      .filter((p): p is string => p !== null);
    let base: LNode | null = null;
    for (const parent of parents) {
      const p = ext.keyPos;
      if (parent === name || chain.includes(parent)) {
        r.problem(
          'schema',
          p,
          msg(
            `Line ${p.line}: ${name} extends ${parent} in a cycle; GitLab refuses circular extends.`,
            `${p.line} 行目: ${name} の extends（${parent}）が循環しています。GitLab は循環する extends を受け付けません。`,
          ),
        );
        continue;
      }
      const target = top.get(parent);
      if (!target || target.value.t !== 'map') {
        incomplete.add(name);
        if (r.hasIncludes)
          r.problem(
            'note',
            p,
            msg(
              `Line ${p.line}: ${name} extends ${parent}, which this file does not define; an included file may define it (includes are not read, so what it brings is not checked).`,
              `${p.line} 行目: ${name} の extends 先 ${parent} はこのファイルにありません。include したファイルで定義されている可能性があります（include 先は読まないため、その内容は確認されません）。`,
            ),
            'info',
          );
        else
          r.problem(
            'schema',
            p,
            msg(
              `Line ${p.line}: ${name} extends ${parent}, which this file does not define and which no include can bring: GitLab fails the pipeline.`,
              `${p.line} 行目: ${name} の extends 先 ${parent} がこのファイルになく、include もありません。GitLab ではパイプラインが失敗します。`,
            ),
          );
        continue;
      }
      const parentJob = extendJob(parent, [...chain, name]);
      if (incomplete.has(parent)) incomplete.add(name);
      base = base ? deepMerge(base, parentJob) : parentJob;
    }
    const own = without(job, 'extends');
    const out = (base ? deepMerge(base, own) : own) as LMap;
    extended.set(name, out);
    return out;
  };

  const jobNames = resolved.entries
    .filter((e) => !CI_GLOBAL_KEYWORDS.has(e.key) && e.value.t === 'map')
    .map((e) => e.key);
  for (const name of jobNames) extendJob(name, []);
  // Levels of extends below each job; the first job beyond GitLab's limit is reported (not each one above it).
  const levels = new Map<string, number>();
  const levelOf = (name: string, chain: string[]): number => {
    const known = levels.get(name);
    if (known !== undefined) return known;
    const parents = flatItems(valueOf(top.get(name)?.value, 'extends'))
      .map(scalarText)
      .filter((p): p is string => p !== null && top.has(p) && p !== name && !chain.includes(p));
    const n = parents.length ? 1 + Math.max(...parents.map((p) => levelOf(p, [...chain, name]))) : 0;
    levels.set(name, n);
    return n;
  };
  for (const name of jobNames) {
    const ext = entryOf(top.get(name)?.value, 'extends');
    if (!ext || levelOf(name, []) <= MAX_EXTENDS_LEVELS) continue;
    const parents = flatItems(ext.value).map(scalarText);
    if (parents.some((p) => p !== null && (levels.get(p) ?? 0) > MAX_EXTENDS_LEVELS)) continue;
    const p = ext.keyPos;
    r.problem(
      'schema',
      p,
      msg(
        `Line ${p.line}: ${name} extends more than ${MAX_EXTENDS_LEVELS} levels, GitLab's limit.`,
        `${p.line} 行目: ${name} の extends が GitLab の上限 ${MAX_EXTENDS_LEVELS} 段を超えています。`,
      ),
    );
  }

  // default: (and the deprecated globals it replaces)
  const defaults = new Map<string, LEntry>();
  const defaultMap = valueOf(resolved, 'default');
  if (defaultMap?.t === 'map') for (const e of defaultMap.entries) defaults.set(e.key, e);
  for (const k of DEPRECATED_GLOBALS) {
    const e = top.get(k);
    if (e && !defaults.has(k)) defaults.set(k, e);
  }
  const inheritOf = (job: LMap, what: 'default' | 'variables'): boolean | string[] => {
    const v = valueOf(valueOf(job, 'inherit'), what);
    if (v?.t === 'scalar') return v.value !== false;
    if (v?.t === 'seq')
      return flatItems(v)
        .map(scalarText)
        .filter((x): x is string => x !== null);
    return true;
  };
  const takes = (inherit: boolean | string[], key: string) =>
    Array.isArray(inherit) ? inherit.includes(key) : inherit;

  const finals = new Map<string, LMap>();
  const inherits = new Map<string, { variables: boolean | string[]; default: boolean | string[] }>();
  for (const name of jobNames) {
    let job = extended.get(name) as LMap;
    const inherit = { default: inheritOf(job, 'default'), variables: inheritOf(job, 'variables') };
    inherits.set(name, inherit);
    if (!isHidden(name)) {
      const add = CI_DEFAULT_KEYWORDS.flatMap((k) => {
        const d = defaults.get(k);
        return d && !entryOf(job, k) && takes(inherit.default, k) ? [d] : [];
      });
      if (add.length) job = { ...job, entries: [...job.entries, ...add] };
    }
    finals.set(name, job);
    if (holdsReference(job)) incomplete.add(name);
  }

  // Jobs
  /** A variable's value: a scalar, or the `value:` of the map form. */
  const variableValue = (node: LNode): string =>
    node.t === 'map' ? (scalarText(valueOf(node, 'value')) ?? '') : (scalarText(node) ?? '');
  const variablesOf = (node: LNode | undefined): Record<string, Located<string>> => {
    const out: Record<string, Located<string>> = {};
    if (node?.t === 'map') for (const e of node.entries) out[e.key] = { value: variableValue(e.value), pos: e.keyPos };
    return out;
  };
  const words = (node: LNode | undefined): string[] =>
    flatItems(node)
      .map(scalarText)
      .filter((x): x is string => x !== null);
  const scriptItems: CiScriptItem[] = [];
  const jobs: CiJob[] = [];
  for (const name of jobNames) {
    const job = finals.get(name) as LMap;
    const jobEntry = top.get(name) as LEntry;
    const imageNode = valueOf(job, 'image');
    let image: CiJob['image'] = null;
    if (imageNode?.t === 'scalar' && imageNode.value !== null)
      image = { value: String(imageNode.value), pos: imageNode.pos, entrypoint: null };
    else if (imageNode?.t === 'map') {
      const n = entryOf(imageNode, 'name');
      const ep = valueOf(imageNode, 'entrypoint');
      image = { value: scalarText(n?.value) ?? '', pos: n?.keyPos ?? imageNode.pos, entrypoint: ep ? words(ep) : null };
    }
    const services: CiService[] = flatItems(valueOf(job, 'services')).flatMap((s): CiService[] => {
      if (s.t === 'scalar' && s.value !== null)
        return [{ name: String(s.value), alias: [], command: [], entrypoint: [], variables: {}, pos: s.pos }];
      if (s.t !== 'map') return [];
      const n = entryOf(s, 'name');
      return [
        {
          name: scalarText(n?.value) ?? '',
          alias: (scalarText(valueOf(s, 'alias')) ?? '').split(/[\s,]+/).filter(Boolean),
          command: words(valueOf(s, 'command')),
          entrypoint: words(valueOf(s, 'entrypoint')),
          variables: variablesOf(valueOf(s, 'variables')),
          pos: n?.keyPos ?? s.pos,
        },
      ];
    });
    const tags: Located<string>[] = flatItems(valueOf(job, 'tags')).flatMap((t) =>
      t.t === 'scalar' && t.value !== null ? [{ value: String(t.value), pos: t.pos }] : [],
    );
    const sections = (['before_script', 'script', 'after_script'] as const).map(
      (section) => [section, flatItems(valueOf(job, section))] as const,
    );
    const powershell = isWindowsJob(
      image?.value ?? null,
      tags.map((t) => t.value),
      sections.flatMap(([, items]) => items.map((i) => scalarText(i) ?? '')),
    );
    const commands: CiCommand[] = [];
    for (const [section, items] of sections)
      for (const item of items) {
        if (item.t !== 'scalar' || item.value === null) continue;
        const itemText = String(item.value);
        const origin = originOf(item.pos);
        scriptItems.push({
          job: name,
          section,
          text: itemText,
          style: item.src?.type ?? null,
          source: sourceLines(text, item),
          pos: item.pos,
          origin,
        });
        const lineAt = valueLineMap(text, item, lc);
        commands.push(
          ...itemCommands(itemText, powershell, (c, wrapper) => ({
            section,
            words: c.words,
            text: itemText,
            pos: { file: file.path, line: lineAt((wrapper ?? c).start) },
            origin,
          })),
        );
      }
    const imageName = image?.value ?? null;
    const firstBuild = isHidden(name)
      ? null
      : (commands.find((c) => c.section !== 'after_script' && buildToolOf(c.words, imageName) !== null) ?? null);
    const stage = scalarText(valueOf(job, 'stage'));
    jobs.push({
      name,
      pos: jobEntry.keyPos,
      hidden: isHidden(name),
      stage,
      image,
      services,
      variables: variablesOf(valueOf(job, 'variables')),
      commands,
      tags,
      build: firstBuild ? buildToolOf(firstBuild.words, imageName) : null,
      data: toPlain(job) as Record<string, unknown>,
    });
  }

  // What GitLab's server checks beyond the schema (lib/gitlab/ci/config/entry/job.rb, root.rb): a job runs a
  // `script:`, `run:` or `trigger:`; its stage is declared. Not judged where an include may supply the missing part.
  const declared = valueOf(resolved, 'stages');
  const stageNames = declared
    ? flatItems(declared)
        .map(scalarText)
        .filter((x): x is string => x !== null)
    : ['build', 'test', 'deploy'];
  for (const job of jobs) {
    if (job.hidden || incomplete.has(job.name) || r.hasIncludes) continue;
    const has = (k: string) => job.data[k] !== undefined && job.data[k] !== null;
    if (!has('script') && !has('run') && !has('trigger'))
      r.problem(
        'schema',
        job.pos,
        msg(
          `Line ${job.pos.line}: job "${job.name}" has no script:, run: or trigger:; GitLab refuses the configuration.`,
          `${job.pos.line} 行目: ジョブ "${job.name}" に script:、run:、trigger: のいずれもありません。GitLab は設定を受け付けません。`,
        ),
      );
    const stage = entryOf(finals.get(job.name), 'stage');
    if (job.stage !== null && stage && !['.pre', '.post', ...stageNames].includes(job.stage))
      r.problem(
        'schema',
        stage.keyPos,
        msg(
          `Line ${stage.keyPos.line}: stage "${job.stage}" of job "${job.name}" is not in stages: (${stageNames.join(', ')}); GitLab refuses the configuration.`,
          `${stage.keyPos.line} 行目: ジョブ "${job.name}" のステージ "${job.stage}" が stages:（${stageNames.join(', ')}）にありません。GitLab は設定を受け付けません。`,
        ),
      );
  }

  // include: named, never fetched
  const includes: Located<string>[] = flatItems(valueOf(resolved, 'include')).flatMap((inc): Located<string>[] => {
    if (inc.t === 'scalar' && inc.value !== null) return [{ value: String(inc.value), pos: inc.pos }];
    if (inc.t !== 'map') return [];
    const text = inc.entries
      .filter((e) => e.value.t === 'scalar' || e.value.t === 'seq')
      .map((e) => `${e.key}: ${e.value.t === 'seq' ? words(e.value).join(', ') : (scalarText(e.value) ?? '')}`)
      .join(' ');
    return [{ value: text, pos: inc.entries[0]?.keyPos ?? inc.pos }];
  });
  for (const inc of includes)
    r.problem(
      'note',
      inc.pos,
      msg(
        `Line ${inc.pos.line}: include "${inc.value}" is named, not fetched: jobs it defines are not checked.`,
        `${inc.pos.line} 行目: include「${inc.value}」は名前だけを読み、取得しません。そこで定義されるジョブは確認されません。`,
      ),
      'info',
    );

  // Secrets: literal values in any `variables:` map, and words after -p / --password in commands.
  const secretSeen = new Set<string>();
  const reportSecret = (value: string, pos: SourcePos, what: string, whatJa: string) => {
    const kind = literalSecretKind(value);
    const id = `${pos.line}:${pos.column ?? 0}`;
    if (!kind || secretSeen.has(id)) return;
    secretSeen.add(id);
    const masked = maskSecret(value);
    r.problem(
      'secret',
      pos,
      msg(
        `Line ${pos.line}: ${what} holds what looks like a secret (${kind}: ${masked}). Keep it in a masked CI/CD variable, not in the file, and revoke it: it is in the repository's history.`,
        `${pos.line} 行目: ${whatJa} に秘密情報らしい値があります（${kind}: ${masked}）。ファイルではなくマスクされた CI/CD 変数に置き、失効させてください。リポジトリの履歴に残っています。`,
      ),
    );
  };
  const walkVariables = (node: LNode, depth: number): void => {
    if (depth > 50) return;
    if (node.t === 'map')
      for (const e of node.entries) {
        if (e.key === 'variables' && e.value.t === 'map')
          for (const v of e.value.entries) {
            const valueNode = v.value.t === 'map' ? valueOf(v.value, 'value') : v.value;
            if (valueNode?.t === 'scalar' && typeof valueNode.value === 'string')
              reportSecret(valueNode.value, valueNode.pos, `variables: ${v.key}`, `variables: ${v.key}`);
          }
        else walkVariables(e.value, depth + 1);
      }
    else if (node.t === 'seq') for (const i of node.items) walkVariables(i, depth + 1);
  };
  walkVariables(resolved, 0);
  for (const job of jobs)
    for (const c of job.commands)
      c.words.forEach((w, i) => {
        const inline = /^--password=(.+)$/.exec(w);
        const value = inline ? inline[1] : w === '-p' || w === '--password' ? c.words[i + 1] : undefined;
        if (value) reportSecret(value, c.pos, `the command's password`, 'コマンドのパスワード');
      });

  const stages: Located<string>[] = flatItems(valueOf(resolved, 'stages')).flatMap((s) =>
    s.t === 'scalar' && s.value !== null ? [{ value: String(s.value), pos: s.pos }] : [],
  );
  const ci: ImportedCi = {
    path: file.path,
    jobs,
    variables: variablesOf(valueOf(resolved, 'variables')),
    stages,
    includes,
    lineOf: (path) => lineOfWritten(doc, lc, file.path, path),
  };
  TREES.set(ci, { top: resolved, jobs: finals, incomplete, inherits, scriptItems, originOf, text });
  return { ci, problems: r.problems };
}

/**
 * The line of a key path in the document as written (aliases and merge keys followed to where the value is
 * written): a map key's line, or a sequence item's line.
 */
function lineOfWritten(doc: Document.Parsed, lc: LineCounter, file: string, path: KeyPath): SourcePos | null {
  let node: unknown = doc.contents;
  let pos: SourcePos | null = { file, line: 1 };
  const here = (n: unknown): SourcePos | null => {
    const range = (n as ParsedNode | null)?.range;
    if (!range) return null;
    const { line, col } = lc.linePos(range[0]);
    return { file, line, column: col };
  };
  const deref = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  const findPair = (map: unknown, key: string, depth: number): { key: unknown; value: unknown } | null => {
    const m = deref(map);
    if (!isMap(m) || depth > 20) return null;
    let found: { key: unknown; value: unknown } | null = null;
    for (const pair of m.items) {
      const k = pair.key;
      if (isScalar(k) && (typeof k.value === 'symbol' || (k.value === '<<' && k.type === Scalar.PLAIN))) {
        const v = deref(pair.value);
        const sources = isSeq(v) ? v.items : [v];
        const hit = sources.map((s) => findPair(s, key, depth + 1)).find((x) => x !== null);
        if (hit) found = hit;
      } else if (isScalar(k) && String(k.value) === key) found = pair;
    }
    return found;
  };
  for (const step of path) {
    node = deref(node);
    if (isMap(node)) {
      const pair = findPair(node, String(step), 0);
      if (!pair) return null;
      pos = here(pair.key);
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (item === undefined) return null;
      pos = here(deref(item)) ?? here(item);
      node = item;
    } else return null;
  }
  return pos;
}
