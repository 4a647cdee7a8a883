/**
 * Quoting for every target a typed value can reach. YAML, TOML and JSON are produced by their serializers from
 * plain data (never by string concatenation); shell and PowerShell commands are built here from tokens.
 *
 * A token is either literal text (`lit`), kept byte for byte, or an expansion template (`exp`) that holds CI/CD
 * variable references such as `$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA`. Expansion templates are checked against a
 * strict grammar (letters, digits, `._/:@,=+-` and `$NAME` / `${NAME}`) before rendering, so they cannot carry a
 * quote, a backtick, `$(`, a newline or a `;`.
 */

export type Token = { lit: string } | { exp: string } | { raw: string };

/** A literal word: quoted for the target shell so that it reaches the command byte for byte. */
export const lit = (s: string): Token => ({ lit: s });
/** An expansion template (`$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA`): rendering throws if it breaks the grammar. */
export const exp = (s: string): Token => ({ exp: s });
/** Shell syntax written by the generator itself (a pipe, a redirection, `||`). Never built from typed values. */
export const raw = (s: string): Token => ({ raw: s });

const EXP_GRAMMAR = /^(?:[A-Za-z0-9._/:@,=+-]|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})*$/;
const SH_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Throws an `Error` unless `s` is an expansion template: letters, digits, `._/:@,=+-`, `$NAME`, `${NAME}`. */
export function assertExpansion(s: string): void {
  if (!EXP_GRAMMAR.test(s)) throw new Error(`unsafe expansion template: ${JSON.stringify(s)}`);
}

/** POSIX shell: a literal word. */
export function shQuote(s: string): string {
  if (SH_SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** POSIX shell: a word in which `$NAME` and `${NAME}` expand and nothing else does. */
export function shExpand(s: string): string {
  assertExpansion(s);
  return /\$/.test(s) ? `"${s}"` : shQuote(s);
}

/** PowerShell: a literal string. PowerShell also treats the typographic single quotes as quotes. */
export function psQuote(s: string): string {
  // Bare words are passed unchanged to native commands (`--flag`, paths, URLs without special characters), except
  // words PowerShell reads otherwise: a number (`0x10`, `1kb`, `1.50`, `.5` become 16, 1024, 1.5, 0.5) and a word
  // starting with `-` that holds more than a flag name (`-a.b` is split in two at the dot: PowerShell issue #6291).
  if (
    /^[A-Za-z0-9_.\\/:=-]+$/.test(s) &&
    (/^--?[A-Za-z][A-Za-z0-9-]*$/.test(s) || (/^[A-Za-z_.\\/]/.test(s) && !/^\.\d/.test(s)))
  )
    return s;
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** PowerShell: CI/CD variables are environment variables, `${env:NAME}` inside a double-quoted string. */
export function psExpand(s: string): string {
  assertExpansion(s);
  if (!s.includes('$')) return psQuote(s);
  return `"${s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, '$${env:$1}')}"`;
}

/** The shell a command is rendered for: POSIX `sh` or PowerShell (`ps`). */
export type ShellKind = 'sh' | 'ps';

/** One token as a word for `shell`: raw as written, literal quoted, expansion in double quotes (throws if unsafe). */
export function renderToken(t: Token, shell: ShellKind): string {
  if ('raw' in t) return t.raw;
  if ('lit' in t) return shell === 'sh' ? shQuote(t.lit) : psQuote(t.lit);
  return shell === 'sh' ? shExpand(t.exp) : psExpand(t.exp);
}

/**
 * Renders a command. Long commands are split one option per line with the shell's line continuation
 * (`\` for sh, a backtick for PowerShell), so that YAML block scalars keep them one command.
 */
export function renderCommand(tokens: Token[], shell: ShellKind, opts: { multiline?: boolean } = {}): string {
  const words = tokens.map((t) => renderToken(t, shell));
  const oneLine = words.join(' ');
  if (!opts.multiline) return oneLine;
  const cont = shell === 'sh' ? ' \\' : ' `';
  // Group each option with its value: `--tag x` stays on one line.
  const groups: string[][] = [[]];
  words.forEach((w, i) => {
    if (i > 0 && w.startsWith('-')) groups.push([w]);
    else groups[groups.length - 1]?.push(w);
  });
  const lines = groups.map((g) => g.join(' '));
  return lines.map((l, i) => (i === 0 ? l : `  ${l}`)).join(`${cont}\n`);
}

/** GitLab expands `$` in `variables:` values; `$$` keeps a literal dollar sign. */
export const gitlabLiteral = (s: string): string => s.replace(/\$/g, '$$$$');

/** The alias GitLab derives from a service image name when none is given (`docker:29-dind` -> `docker`). */
export function derivedServiceAlias(image: string): string {
  const withoutTag = image.replace(/(@[^@]+|:[^:/]+)$/, '');
  return withoutTag.replace(/\//g, '__');
}
