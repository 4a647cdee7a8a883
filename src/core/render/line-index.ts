/**
 * Where a key lands in a generated file. Each serializer's output has a line index: given a key path (the same path
 * that built the data, e.g. `['runners', 0, 'docker', 'privileged']`), it returns the 1-based line that holds the
 * key, or null when the file has no such key. Findings and comments are placed with these indexes, never by
 * searching the text with a regular expression, and an anchor that does not resolve is an error the tests catch.
 *
 * The indexes read the text each serializer writes (the `yaml` library for YAML, `@iarna/toml`'s stringify for TOML,
 * `JSON.stringify(value, null, 2)` for JSON), so they follow exactly the lines the user sees.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** A path of map keys and sequence indexes, from the document's root. */
export type KeyPath = readonly (string | number)[];

/** Finds the line of a key path in one generated file's text. */
export interface LineIndex {
  /** The 1-based line holding the key (or sequence item) at `path`; null when there is none. */
  lineOf(path: KeyPath): number | null;
}

const pathKey = (path: KeyPath): string => JSON.stringify(path);

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

/**
 * Line index of YAML text, read with the `yaml` library's own parser: a map entry's line is its key's line, a
 * sequence item's line is the item's first line. `embedded` names block scalars that hold another file (the Helm
 * chart's `runners.config` holds config.toml): a path that continues past such a scalar is resolved by the embedded
 * text's index and offset to the scalar's lines.
 */
export function yamlLineIndex(
  text: string,
  embedded: readonly { path: KeyPath; index: (content: string) => LineIndex }[] = [],
): LineIndex {
  let parsed: { doc: ReturnType<typeof parseDocument>; counter: LineCounter } | null = null;
  const load = () => {
    if (!parsed) {
      const counter = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: counter, keepSourceTokens: false }), counter };
    }
    return parsed;
  };
  const lineAt = (offset: number): number => load().counter.linePos(offset).line;
  return {
    lineOf(path) {
      const { doc } = load();
      let node: unknown = doc.contents;
      let line: number | null = null;
      for (let i = 0; i < path.length; i++) {
        const key = path[i];
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (!pair || !isScalar(pair.key) || !pair.key.range) return null;
          line = lineAt(pair.key.range[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          const item = node.items[key] as Node | undefined;
          if (!item?.range) return null;
          // A block scalar item (`- |-`) is read from its first content line.
          const block = isScalar(item) && (item.type === 'BLOCK_LITERAL' || item.type === 'BLOCK_FOLDED');
          line = lineAt(item.range[0]) + (block ? 1 : 0);
          node = item;
        } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
          const prefix = path.slice(0, i);
          const inner = embedded.find((e) => pathKey(e.path) === pathKey(prefix));
          if (!inner) return null;
          const innerLine = inner.index(node.value).lineOf(path.slice(i));
          // A block scalar's content starts on the line after its indicator (`config: |`).
          return innerLine === null ? null : lineAt(node.range[0]) + innerLine;
        } else return null;
      }
      return line;
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
