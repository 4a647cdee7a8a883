/**
 * Splits the text of a `.gitlab-ci.yml` script item into the commands the shell runs, with each command's words and
 * the offset in the text where it starts (the reader turns offsets into the user's lines).
 *
 * Adapted from `shellCommands` / `psCommands` of src/testing/reference.ts (test-only code the core cannot import):
 * the same quoting rules, made total for users' files (an unterminated quote reads to the end of the text instead
 * of throwing) and extended with what users write and the generators do not: `$(...)` and backquote substitutions
 * kept inside their word, `(`/`)` subshells, and shell keywords (`if`, `then`, `do`, `{`, `!`...) dropped from the
 * start of a command so that `if docker build ...; then` gives the command `docker build ...`.
 */

/** One command: its words (quotes removed, expansions kept as written) and the offset of its first word. */
export interface ShellCommand {
  words: string[];
  start: number;
}

/** Words that open or close a compound command: dropped at the start of a command (and alone they are no command). */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time']);

/** A command builder shared by both splitters: words with their offsets, ended by operators and line ends. */
function collector() {
  const commands: ShellCommand[] = [];
  let words: { w: string; start: number }[] = [];
  let word: string | null = null;
  let wordStart = 0;
  let discard = false;
  return {
    commands,
    /** A redirection: a file descriptor number before it is no word, and the word after it is its target. */
    redirect() {
      if (word !== null && /^\d+$/.test(word)) word = null;
      this.push();
      discard = true;
    },
    add(text: string, at: number) {
      if (word === null) {
        word = '';
        wordStart = at;
      }
      word += text;
    },
    /** An empty quoted string (`''`) is still a word. */
    open(at: number) {
      if (word === null) {
        word = '';
        wordStart = at;
      }
    },
    inWord: () => word !== null,
    push() {
      if (word !== null) {
        if (discard) discard = false;
        else words.push({ w: word, start: wordStart });
      }
      word = null;
    },
    end() {
      this.push();
      discard = false;
      let i = 0;
      while (i < words.length && KEYWORDS.has(words[i]?.w ?? '')) i++;
      const rest = words.slice(i);
      if (rest.length && !(rest.length === 1 && KEYWORDS.has(rest[0]?.w ?? '')))
        commands.push({ words: rest.map((x) => x.w), start: rest[0]?.start ?? 0 });
      words = [];
    },
  };
}

/** The index after a `$(...)` starting at `i` (the `$`), nesting and quotes followed; the text's end if unclosed. */
function skipSubstitution(text: string, i: number): number {
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === "'") {
      const close = text.indexOf("'", j + 1);
      j = close === -1 ? text.length : close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return text.length;
}

/**
 * POSIX shell text into commands: blanks, `\`-newline continuations, '…', "…" (with \ escapes), bare \x, `$(…)` and
 * backquotes inside a word, `#` comments. `;`, `|`, `&`, `(`, `)` and newlines end a command.
 */
export function splitShell(text: string): ShellCommand[] {
  const c = collector();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\n' || next === undefined) {
        i++;
        continue;
      }
      c.add(next, i);
      i++;
    } else if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 ? text.length : close;
      c.open(i);
      c.add(text.slice(i + 1, end), i);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '$`"\\\n'.includes(text[j + 1] ?? '')) {
          j++;
          if (text[j] !== '\n') s += text[j];
        } else if (text[j] === '$' && text[j + 1] === '(') {
          const end = skipSubstitution(text, j);
          s += text.slice(j, end);
          j = end - 1;
        } else s += text[j];
      }
      c.open(i);
      c.add(s, i);
      i = j;
    } else if (ch === '$' && text[i + 1] === '(') {
      const end = skipSubstitution(text, i);
      c.add(text.slice(i, end), i);
      i = end - 1;
    } else if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 ? text.length : close + 1;
      c.add(text.slice(i, end), i);
      i = end - 1;
    } else if (ch === '#' && !c.inWord()) {
      while (i < text.length && text[i] !== '\n') i++;
      c.end();
    } else if (ch === '>' || ch === '<' || (ch === '&' && text[i + 1] === '>')) {
      // `>`, `>>`, `<`, `2>&1`, `&>`, `>|`: the operator and its target are not words of the command.
      c.redirect();
      while ('<>&|'.includes(text[i + 1] ?? ' ') && text[i + 1] !== undefined) i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') c.push();
    else if ('\n;|&()'.includes(ch)) c.end();
    else c.add(ch, i);
  }
  c.end();
  return c.commands;
}

const PS_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b";
const PS_DOUBLE_QUOTES = '"\u201c\u201d\u201e';
const psEscape = (ch: string): string =>
  ({ n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' })[ch] ?? ch;

/**
 * PowerShell text into commands, best effort: blanks, backtick-newline continuations, '…' (a doubled quote is one
 * quote; U+2018-U+201B are single quotes too), "…" (expansions kept, backtick escapes), `#` comments. `;`, `|`,
 * `{`, `}` and newlines end a command.
 */
export function splitPowerShell(text: string): ShellCommand[] {
  const c = collector();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '`') {
      const next = text[i + 1];
      if (next === '\n' || next === undefined) {
        i++;
        continue;
      }
      if (next === '\r' && text[i + 2] === '\n') {
        i += 2;
        continue;
      }
      c.add(psEscape(next), i);
      i++;
    } else if (PS_SINGLE_QUOTES.includes(ch) || PS_DOUBLE_QUOTES.includes(ch)) {
      const quotes = PS_SINGLE_QUOTES.includes(ch) ? PS_SINGLE_QUOTES : PS_DOUBLE_QUOTES;
      let s = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        const q = text[j] ?? '';
        if (quotes === PS_DOUBLE_QUOTES && q === '`' && j + 1 < text.length) {
          s += psEscape(text[j + 1] ?? '');
          j++;
        } else if (quotes.includes(q)) {
          if (quotes.includes(text[j + 1] ?? 'x')) {
            s += text[j + 1];
            j++;
          } else break;
        } else s += q;
      }
      c.open(i);
      c.add(s, i);
      i = j;
    } else if (ch === '#' && !c.inWord()) {
      while (i < text.length && text[i] !== '\n') i++;
      c.end();
    } else if (ch === ' ' || ch === '\t' || ch === '\r') c.push();
    else if ('\n;|{}'.includes(ch)) c.end();
    else c.add(ch, i);
  }
  c.end();
  return c.commands;
}
