/**
 * Where each key and array item is in a user's TOML or JSON file, whatever its layout. The line indexes of
 * `render/line-index.ts` read the layout the generators write (one key per line, one array item per line); a user's
 * file can have any valid layout: dotted keys (`docker.privileged = true`), inline tables (`{ a = 1, b = 2 }`),
 * several array items on one line, comments everywhere, repeated `[[runners]]`, quoted keys, tables in any order,
 * multi-line strings. These scanners walk the text character by character, the way the TOML 1.0 and JSON (RFC 8259)
 * grammars do, and record the 1-based line and column of every key path they meet.
 *
 * Key paths are the same as the parsed data's: map keys and array indexes from the root (`['runners', 1, 'docker',
 * 'volumes', 0]`). A path's position is where its key is written (for a table, its header or the first dotted key
 * that opens it; for an array of tables, each `[[...]]` header is one item; for an array item, the item's first
 * character).
 */
import type { KeyPath } from '../render/line-index';

/** A 1-based line and column. */
export interface LineCol {
  line: number;
  column: number;
}

/** The positions of a file's key paths, and the first syntax error met (null when the text is well-formed). */
export interface Positions {
  at(path: KeyPath): LineCol | null;
  /** Every recorded path (as its parts), in the order met. */
  paths(): KeyPath[];
  error: (LineCol & { message: string }) | null;
}

const pathKey = (path: KeyPath): string => path.join('\u0000');

class Scanner {
  i = 0;
  line = 1;
  lineStart = 0;
  readonly found = new Map<string, { path: KeyPath; pos: LineCol }>();
  constructor(readonly text: string) {}
  c(): string {
    return this.text[this.i] ?? '';
  }
  peek(n = 0): string {
    return this.text[this.i + n] ?? '';
  }
  pos(): LineCol {
    return { line: this.line, column: this.i - this.lineStart + 1 };
  }
  advance(): void {
    if (this.text[this.i] === '\n') {
      this.line += 1;
      this.lineStart = this.i + 1;
    }
    this.i += 1;
  }
  done(): boolean {
    return this.i >= this.text.length;
  }
  fail(message: string): never {
    throw new ScanError(message, this.pos());
  }
  record(path: KeyPath, pos: LineCol): void {
    const key = pathKey(path);
    if (!this.found.has(key)) this.found.set(key, { path: [...path], pos });
  }
  result(error: Positions['error']): Positions {
    const found = this.found;
    return {
      at: (path) => found.get(pathKey(path))?.pos ?? null,
      paths: () => [...found.values()].map((v) => v.path),
      error,
    };
  }
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly where: LineCol,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// TOML (https://toml.io/en/v1.0.0)

const BARE_KEY = /[A-Za-z0-9_-]/;

/** Skips blanks (not newlines). */
function tomlBlanks(s: Scanner): void {
  while (s.c() === ' ' || s.c() === '\t') s.advance();
}

/** Skips blanks, comments and newlines. */
function tomlSpace(s: Scanner): void {
  for (;;) {
    tomlBlanks(s);
    if (s.c() === '#') while (!s.done() && s.c() !== '\n') s.advance();
    else if (s.c() === '\n' || s.c() === '\r') s.advance();
    else return;
  }
}

/** A basic (`"..."`) string's content, escapes decoded as TOML does. */
function tomlBasicString(s: Scanner): string {
  s.advance();
  let out = '';
  while (s.c() !== '"') {
    if (s.done() || s.c() === '\n') s.fail('unterminated string');
    if (s.c() === '\\') {
      s.advance();
      const c = s.c();
      const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
      if (c in simple) {
        out += simple[c];
        s.advance();
      } else if (c === 'u' || c === 'U') {
        const n = c === 'u' ? 4 : 8;
        const hex = s.text.slice(s.i + 1, s.i + 1 + n);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== n) s.fail('invalid unicode escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        for (let k = 0; k <= n; k++) s.advance();
      } else s.fail('invalid escape');
    } else {
      out += s.c();
      s.advance();
    }
  }
  s.advance();
  return out;
}

/** A literal (`'...'`) string's content. */
function tomlLiteralString(s: Scanner): string {
  s.advance();
  const start = s.i;
  while (s.c() !== "'") {
    if (s.done() || s.c() === '\n') s.fail('unterminated string');
    s.advance();
  }
  const out = s.text.slice(start, s.i);
  s.advance();
  return out;
}

/** A key of a dotted key: bare, basic or literal. */
function tomlSimpleKey(s: Scanner): string {
  if (s.c() === '"') return tomlBasicString(s);
  if (s.c() === "'") return tomlLiteralString(s);
  const start = s.i;
  while (BARE_KEY.test(s.c()) && !s.done()) s.advance();
  if (s.i === start) s.fail('expected a key');
  return s.text.slice(start, s.i);
}

/** A dotted key (`a."b.c".d`), blanks allowed around the dots. */
function tomlKey(s: Scanner): string[] {
  const keys = [tomlSimpleKey(s)];
  for (;;) {
    tomlBlanks(s);
    if (s.c() !== '.') return keys;
    s.advance();
    tomlBlanks(s);
    keys.push(tomlSimpleKey(s));
  }
}

/** Skips a multi-line string opened by three `quote`s (up to two more quotes may close it). */
function tomlMultilineString(s: Scanner, quote: string): void {
  for (let k = 0; k < 3; k++) s.advance();
  for (;;) {
    if (s.done()) s.fail('unterminated multi-line string');
    if (quote === '"' && s.c() === '\\') {
      s.advance();
      s.advance();
      continue;
    }
    if (s.c() === quote && s.peek(1) === quote && s.peek(2) === quote) {
      for (let k = 0; k < 3; k++) s.advance();
      for (let k = 0; k < 2 && s.c() === quote; k++) s.advance();
      return;
    }
    s.advance();
  }
}

/** A value at `path`: records the keys of inline tables and the items of arrays. */
function tomlValue(s: Scanner, path: KeyPath): void {
  const c = s.c();
  if (c === '"' || c === "'") {
    if (s.peek(1) === c && s.peek(2) === c) tomlMultilineString(s, c);
    else if (c === '"') tomlBasicString(s);
    else tomlLiteralString(s);
    return;
  }
  if (c === '[') {
    s.advance();
    let n = 0;
    for (;;) {
      tomlSpace(s);
      if (s.c() === ']') {
        s.advance();
        return;
      }
      if (s.done()) s.fail('unterminated array');
      s.record([...path, n], s.pos());
      tomlValue(s, [...path, n]);
      n += 1;
      tomlSpace(s);
      if (s.c() === ',') s.advance();
      else if (s.c() !== ']') s.fail('expected , or ] in an array');
    }
  }
  if (c === '{') {
    s.advance();
    for (;;) {
      tomlSpace(s);
      if (s.c() === '}') {
        s.advance();
        return;
      }
      if (s.done()) s.fail('unterminated inline table');
      tomlKeyValue(s, path);
      tomlSpace(s);
      if (s.c() === ',') s.advance();
      else if (s.c() !== '}') s.fail('expected , or } in an inline table');
    }
  }
  // A number, boolean or date-time: up to the next delimiter (a date-time may hold one space).
  const start = s.i;
  while (!s.done() && !/[,\]}#\n\r]/.test(s.c())) s.advance();
  if (s.text.slice(start, s.i).trim() === '') s.fail('expected a value');
}

/** `key = value` in the table at `table`: records every prefix of the dotted key. */
function tomlKeyValue(s: Scanner, table: KeyPath): void {
  const pos = s.pos();
  const keys = tomlKey(s);
  keys.forEach((_, n) => s.record([...table, ...keys.slice(0, n + 1)], pos));
  tomlBlanks(s);
  if (s.c() !== '=') s.fail('expected =');
  s.advance();
  tomlBlanks(s);
  tomlValue(s, [...table, ...keys]);
}

/**
 * Positions of every key path of a TOML document in any valid layout. After a syntax error the scan goes on at the
 * next line; `error` says where the first one is (the data itself comes from `@iarna/toml`'s parse).
 */
export function tomlPositions(text: string): Positions {
  const s = new Scanner(text);
  /** Arrays of tables: path of the array -> index of its last `[[...]]` item. */
  const arrays = new Map<string, number>();
  let table: KeyPath = [];
  let error: Positions['error'] = null;
  for (;;) {
    try {
      tomlSpace(s);
      if (s.done()) break;
      const pos = s.pos();
      if (s.c() === '[') {
        const isArray = s.peek(1) === '[';
        s.advance();
        if (isArray) s.advance();
        tomlBlanks(s);
        const keys = tomlKey(s);
        tomlBlanks(s);
        if (s.c() !== ']' || (isArray && s.peek(1) !== ']')) s.fail('expected ] closing the table header');
        s.advance();
        if (isArray) s.advance();
        const path: (string | number)[] = [];
        keys.forEach((k, n) => {
          path.push(k);
          const id = pathKey(path);
          if (n === keys.length - 1 && isArray) {
            const next = arrays.has(id) ? (arrays.get(id) ?? 0) + 1 : 0;
            arrays.set(id, next);
            s.record(path, pos);
            path.push(next);
          } else if (arrays.has(id)) path.push(arrays.get(id) ?? 0);
          else s.record(path, pos);
        });
        s.record(path, pos);
        table = path;
      } else tomlKeyValue(s, table);
      tomlBlanks(s);
      if (s.c() === '#') while (!s.done() && s.c() !== '\n') s.advance();
      if (!s.done() && s.c() !== '\n' && s.c() !== '\r') s.fail('expected the end of the line');
    } catch (e) {
      if (!(e instanceof ScanError)) throw e;
      error ??= { ...e.where, message: e.message };
      // Go on with the next line: the paths after a construct this scanner misreads keep their positions.
      while (!s.done() && s.c() !== '\n') s.advance();
    }
  }
  return s.result(error);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON (RFC 8259), strict as Go's encoding/json: no comments, no trailing commas, no single quotes.

function jsonSpace(s: Scanner): void {
  while (s.c() === ' ' || s.c() === '\t' || s.c() === '\n' || s.c() === '\r') s.advance();
}

function jsonString(s: Scanner): string {
  const start = s.i;
  s.advance();
  for (;;) {
    if (s.done()) s.fail('unterminated string');
    const c = s.c();
    if (c === '"') break;
    if (c.charCodeAt(0) < 0x20) s.fail('control character in a string');
    if (c === '\\') {
      s.advance();
      if (s.c() === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(s.text.slice(s.i + 1, s.i + 5))) s.fail('invalid \\u escape');
        for (let k = 0; k < 4; k++) s.advance();
      } else if (!'"\\/bfnrt'.includes(s.c()) || s.done()) s.fail('invalid escape in a string');
    }
    s.advance();
  }
  s.advance();
  return JSON.parse(s.text.slice(start, s.i)) as string;
}

function jsonValue(s: Scanner, path: KeyPath): void {
  const c = s.c();
  if (c === '{') {
    s.advance();
    jsonSpace(s);
    if (s.c() === '}') {
      s.advance();
      return;
    }
    for (;;) {
      jsonSpace(s);
      if (s.c() !== '"') s.fail(s.c() === '}' ? 'trailing comma before }' : 'expected a double-quoted key');
      const pos = s.pos();
      const key = jsonString(s);
      s.record([...path, key], pos);
      jsonSpace(s);
      if (s.c() !== ':') s.fail('expected : after the key');
      s.advance();
      jsonSpace(s);
      jsonValue(s, [...path, key]);
      jsonSpace(s);
      if (s.c() === ',') s.advance();
      else if (s.c() === '}') {
        s.advance();
        return;
      } else s.fail('expected , or }');
    }
  }
  if (c === '[') {
    s.advance();
    jsonSpace(s);
    if (s.c() === ']') {
      s.advance();
      return;
    }
    for (let n = 0; ; n++) {
      jsonSpace(s);
      if (s.c() === ']') s.fail('trailing comma before ]');
      s.record([...path, n], s.pos());
      jsonValue(s, [...path, n]);
      jsonSpace(s);
      if (s.c() === ',') s.advance();
      else if (s.c() === ']') {
        s.advance();
        return;
      } else s.fail('expected , or ]');
    }
  }
  if (c === '"') {
    jsonString(s);
    return;
  }
  const rest = s.text.slice(s.i);
  const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(rest);
  if (!m || m[0] === '') {
    if (c === '/') s.fail('comments are not allowed in JSON');
    if (c === "'") s.fail('strings must use double quotes');
    s.fail(s.done() ? 'unexpected end of the file' : `unexpected character ${JSON.stringify(c)}`);
  }
  for (let k = 0; k < m[0].length; k++) s.advance();
}

/**
 * Positions of every key path of a JSON document, and the first syntax error as Go's `encoding/json` (dockerd)
 * sees it: comments, trailing commas, single quotes and anything after the value are errors. A leading UTF-8 byte
 * order mark is skipped.
 */
export function jsonPositions(text: string): Positions {
  const s = new Scanner(text);
  if (s.c() === '\uFEFF') s.advance();
  try {
    jsonSpace(s);
    if (s.done()) s.fail('the file is empty');
    jsonValue(s, []);
    jsonSpace(s);
    if (!s.done()) s.fail('unexpected text after the JSON value');
  } catch (e) {
    if (e instanceof ScanError) return s.result({ ...e.where, message: e.message });
    throw e;
  }
  return s.result(null);
}
