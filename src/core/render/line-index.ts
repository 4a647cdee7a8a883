/**
 * Where a key lands in a generated file. Each serializer's output has a line index: given a key path (the same path
 * that built the data, e.g. `['runners', 0, 'docker', 'privileged']`), it returns the 1-based line that holds the
 * key, or null when the file has no such key. Findings and comments are placed with these indexes, never by
 * searching the text with a regular expression, and an anchor that does not resolve is an error the tests catch.
 *
 * The indexes read the text each serializer writes (the `yaml` library for YAML, `@iarna/toml`'s stringify for TOML,
 * `JSON.stringify(value, null, 2)` for JSON), so they follow exactly the lines the user sees.
 */

/** A path of map keys and sequence indexes, from the document's root. */
export type KeyPath = readonly (string | number)[];

/** Finds the line of a key path in one generated file's text. */
export interface LineIndex {
  /** The 1-based line holding the key (or sequence item) at `path`; null when there is none. */
  lineOf(path: KeyPath): number | null;
}

/** A map key for a path: keys and indexes joined by NUL (a map and a sequence never share a parent). */
const pathKey = (path: KeyPath): string => path.join('\u0000');

/** An index built from a table of recorded paths. */
export function tableIndex(lines: ReadonlyMap<string, number>): LineIndex {
  return { lineOf: (path) => lines.get(pathKey(path)) ?? null };
}

/** Splits a TOML table header (`runners."a.b".c`) into its keys. */
function headerKeys(header: string): string[] {
  const keys: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < header.length && (m = re.exec(header)) !== null) {
    keys.push(m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : (m[2] ?? m[3] ?? ''));
  }
  return keys;
}

const TOML_KEY = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=\s*(.*)$/;

/**
 * Line index of TOML text as `@iarna/toml` writes it: `[table]` and `[[array.of.tables]]` headers (array tables get
 * their index in the path: `['runners', 0, 'docker']`), `key = value` lines, and one line per item of a multi-line
 * array (`['runners', 0, 'docker', 'volumes', 2]`). Comment lines are skipped.
 */
export function tomlLineIndex(text: string): LineIndex {
  const lines = new Map<string, number>();
  const arrayCounts = new Map<string, number>();
  /** Arrays written on one line: their items are on the key's line. */
  const inlineArrays = new Set<string>();
  let table: (string | number)[] = [];
  let openArray: { path: (string | number)[]; count: number } | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (openArray) {
      if (line.startsWith(']')) openArray = null;
      else if (line !== '' && !line.startsWith('#')) {
        lines.set(pathKey([...openArray.path, openArray.count]), i + 1);
        openArray.count += 1;
      }
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    const header = /^(\[\[?)(.*?)\]\]?$/.exec(line);
    if (header) {
      const isArray = header[1] === '[[';
      const keys = headerKeys(header[2] ?? '');
      const path: (string | number)[] = [];
      keys.forEach((k, n) => {
        path.push(k);
        const last = n === keys.length - 1;
        const id = pathKey(path);
        if (last && isArray) {
          const next = arrayCounts.has(id) ? (arrayCounts.get(id) ?? 0) + 1 : 0;
          arrayCounts.set(id, next);
          path.push(next);
        } else if (arrayCounts.has(id)) path.push(arrayCounts.get(id) ?? 0);
      });
      table = path;
      lines.set(pathKey(table), i + 1);
      return;
    }
    const kv = TOML_KEY.exec(raw);
    if (!kv) return;
    const rawKey = kv[1] ?? '';
    const key = rawKey.startsWith('"')
      ? (JSON.parse(rawKey) as string)
      : rawKey.startsWith("'")
        ? rawKey.slice(1, -1)
        : rawKey;
    const path = [...table, key];
    lines.set(pathKey(path), i + 1);
    const value = (kv[2] ?? '').trim();
    if (value === '[') openArray = { path, count: 0 };
    else if (value.startsWith('[')) inlineArrays.add(pathKey(path));
  });
  return {
    lineOf(path) {
      const exact = lines.get(pathKey(path));
      if (exact !== undefined) return exact;
      const parent = path.slice(0, -1);
      return typeof path[path.length - 1] === 'number' && inlineArrays.has(pathKey(parent))
        ? (lines.get(pathKey(parent)) ?? null)
        : null;
    },
  };
}

/** Line index of `JSON.stringify(value, null, 2)` output: object keys and array items, one per line. */
export function jsonLineIndex(text: string): LineIndex {
  const lines = new Map<string, number>();
  const stack: { path: (string | number)[]; array: boolean; count: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (stack.length === 0) {
      if (line === '{' || line === '[') stack.push({ path: [], array: line === '[', count: 0 });
      return;
    }
    if (/^[}\]]/.test(line)) {
      stack.pop();
      return;
    }
    const parent = stack[stack.length - 1];
    if (!parent) return;
    let key: string | number;
    if (parent.array) key = parent.count++;
    else {
      const m = /^("(?:[^"\\]|\\.)*"):/.exec(line);
      if (!m) return;
      key = JSON.parse(m[1] ?? '""') as string;
    }
    const path = [...parent.path, key];
    lines.set(pathKey(path), i + 1);
    if (/[{[]$/.test(line)) stack.push({ path, array: line.endsWith('['), count: 0 });
  });
  return tableIndex(lines);
}

const YAML_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#-][^:#]*?|-[^\s:#][^:#]*?):(?: (.*)|)$/;

/** A map key as written by the serializer (plain, double- or single-quoted). */
function yamlKey(raw: string): string | number {
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** A value that starts a block scalar (`|`, `|-`, `>+2`...): its content is on the following, deeper lines. */
const BLOCK_SCALAR = /^[|>][-+0-9]*$/;

interface YamlContainer {
  /** Column of the container's entries (`key:` or `- `). */
  col: number;
  path: (string | number)[];
  items: number;
}

/**
 * Line index of YAML text as `toYaml` writes it (block style, sequences indented under their key, comments on their
 * own lines, block scalars for multi-line text): one pass over the lines, no parse. A map entry's line is its
 * key's line; a sequence item's line is the item's first line, or the first content line of a block scalar item
 * (`- |-`). `embedded` names block scalars that hold another file (the Helm chart's `runners.config` holds
 * config.toml): a path that continues past such a scalar is resolved by the embedded text's index, offset to the
 * scalar's lines. The tests check it against the `yaml` library's parser on every generated file.
 */
export function yamlLineIndex(
  text: string,
  embedded: readonly { path: KeyPath; index: (content: string) => LineIndex }[] = [],
): LineIndex {
  const all = text.split('\n');
  const lines = new Map<string, number>();
  /** Block scalars: path -> first content line (1-based) and the content's lines. */
  const blocks = new Map<string, { first: number; content: string[] }>();
  const stack: YamlContainer[] = [{ col: 0, path: [], items: 0 }];
  let pending: { col: number; path: (string | number)[] } | null = null;
  let block: { col: number; path: (string | number)[]; first: number; content: string[]; indent: number } | null = null;
  const closeBlock = () => {
    if (block) blocks.set(pathKey(block.path), { first: block.first, content: block.content });
    block = null;
  };
  const entry = (col: number, content: string, n: number, container: YamlContainer): void => {
    if (content.startsWith('- ') || content === '-') {
      const path = [...container.path, container.items++];
      const rest = content.slice(2);
      if (BLOCK_SCALAR.test(rest)) {
        lines.set(pathKey(path), n + 1);
        block = { col, path, first: n + 1, content: [], indent: -1 };
        return;
      }
      lines.set(pathKey(path), n);
      const kv = YAML_KEY.exec(rest);
      if (kv) {
        const inner: YamlContainer = { col: col + 2, path, items: 0 };
        stack.push(inner);
        entry(col + 2, rest, n, inner);
      }
      return;
    }
    const kv = YAML_KEY.exec(content);
    if (!kv) return;
    const path = [...container.path, yamlKey(kv[1] ?? '')];
    lines.set(pathKey(path), n);
    const value = kv[2] ?? '';
    if (value === '') pending = { col, path };
    else if (BLOCK_SCALAR.test(value)) block = { col, path, first: n + 1, content: [], indent: -1 };
  };
  all.forEach((raw, i) => {
    const n = i + 1;
    const trimmed = raw.trimStart();
    const col = raw.length - trimmed.length;
    if (block) {
      if (trimmed === '' || col > block.col) {
        if (block.indent === -1 && trimmed !== '') block.indent = col;
        block.content.push(block.indent === -1 ? '' : raw.slice(block.indent));
        return;
      }
      closeBlock();
    }
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (pending && col > pending.col) {
      stack.push({ col, path: pending.path, items: 0 });
      pending = null;
    }
    pending = null;
    while (stack.length > 1 && (stack[stack.length - 1]?.col ?? 0) > col) stack.pop();
    const top = stack[stack.length - 1];
    if (top) entry(col, trimmed, n, top);
  });
  closeBlock();
  return {
    lineOf(path) {
      const exact = lines.get(pathKey(path));
      if (exact !== undefined) return exact;
      for (const e of embedded) {
        if (path.length <= e.path.length || pathKey(path.slice(0, e.path.length)) !== pathKey(e.path)) continue;
        const b = blocks.get(pathKey(e.path));
        if (!b) return null;
        const inner = e.index(b.content.join('\n')).lineOf(path.slice(e.path.length));
        return inner === null ? null : b.first + inner - 1;
      }
      return null;
    },
  };
}

/**
 * Line index of a shell or PowerShell script: every option word (`--docker-privileged`,
 * `--from-literal=runner-registration-token=...`) is indexed by its name, `--name` or `--name=key` when its value is
 * itself `key=value`, at the first line where it appears. `renderCommand` writes long commands one option per line,
 * so an option's line is where the user reads it.
 */
export function shellOptionIndex(text: string): LineIndex {
  const lines = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    if (/^\s*#/.test(raw)) return;
    for (const m of raw.matchAll(/(?:^|\s)(--[A-Za-z0-9][A-Za-z0-9-]*)(?:=([A-Za-z0-9_.-]+)=)?/g)) {
      for (const name of m[2] ? [m[1], `${m[1]}=${m[2]}`] : [m[1]]) {
        const id = pathKey([name ?? '']);
        if (!lines.has(id)) lines.set(id, i + 1);
      }
    }
  });
  return tableIndex(lines);
}

/**
 * Line index of a document whose renderer recorded where its named blocks start (SETUP.md: `layoutSetupMarkdown`'s
 * `anchors`, id -> 1-based line): `[id]` is that line; any other path is null.
 */
export function anchorIndex(anchors: ReadonlyMap<string, number>): LineIndex {
  return {
    lineOf: (path) => (path.length === 1 && typeof path[0] === 'string' ? (anchors.get(path[0]) ?? null) : null),
  };
}
