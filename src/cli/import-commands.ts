/**
 * The CLI's bring-your-own-config commands (issue 15), dispatched by `generate.ts`:
 *
 *   npm run generate -- lint FILE... [--fail-on critical|high|medium|low|info] [--lang en|ja]
 *   npm run generate -- import FILE... --answers-out answers.json [--out DIR | --zip FILE] [--lang en|ja]
 *
 * FILE is a `.gitlab-ci.yml`, `config.toml`, Helm `values.yaml`, `daemon.json` or `buildkitd.toml` (the kind is
 * decided by `detectKind`), or a `.zip` holding such files (each entry is read as a file of that name).
 *
 * `lint` prints one line per finding, `SEVERITY id file:line reason` (as generation lists its findings), and exits
 * 0 when no finding is at or above `--fail-on` (default high), 1 when some are, 2 when an input cannot be read (a
 * missing file, a file of no known kind, a parse error; the reason on stderr, one line).
 * `import` writes the inferred answers as an answers file (loadable with `--answers`), lists the findings and what
 * the answers do not map, and with `--out` / `--zip` writes the fixed setup: the user's files with the build parts
 * replaced (`adoptFiles`) where an adopter is available, else the generated files.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { diffFromDefaults } from '../core/answers';
import { SEVERITY_ORDER, type Severity } from '../core/findings';
import { generate, type GenerateResult } from '../core/generate';
import { isLang, type Lang } from '../core/i18n';
import { adoptFiles } from '../core/import/adopt';
import { commentLanguage } from '../core/import/infer';
import { detectKind, importFiles } from '../core/import';
import type { ImportResult, InputFile, LintFinding } from '../core/import/types';
import { PERMALINK_VERSION } from '../core/permalink';

/** Exit status of `lint` and `import` when an input cannot be read. */
export const EXIT_UNREADABLE = 2;
/** Files larger than this are refused (no configuration file is anywhere near it). */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const LINT_USAGE = 'usage: npm run generate -- lint FILE... [--fail-on critical|high|medium|low|info] [--lang en|ja]';
const IMPORT_USAGE =
  'usage: npm run generate -- import FILE... --answers-out answers.json [--out DIR | --zip FILE] [--lang en|ja]';

/** A bad command line (exit 1, like every other usage error of the CLI). */
class UsageError extends Error {}
/** An input that cannot be read (exit 2). */
class Unreadable extends Error {}

interface ImportOptions {
  files: string[];
  failOn: Severity;
  lang: Lang | null;
  answersOut?: string;
  out?: string;
  zip?: string;
}

const isSeverity = (s: string): s is Severity => (SEVERITY_ORDER as string[]).includes(s);

function parseImportArgs(argv: string[], command: 'lint' | 'import'): ImportOptions {
  const usage = command === 'lint' ? LINT_USAGE : IMPORT_USAGE;
  const opts: ImportOptions = { files: [], failOn: 'high', lang: null };
  const takesValue =
    command === 'lint' ? new Set(['--fail-on', '--lang']) : new Set(['--answers-out', '--out', '--zip', '--lang']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') throw new UsageError(usage);
    if (!arg.startsWith('--')) {
      opts.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!takesValue.has(name)) throw new UsageError(`unknown option "${arg}"; ${usage}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    switch (name) {
      case '--fail-on':
        if (!isSeverity(value)) throw new UsageError(`--fail-on must be one of ${SEVERITY_ORDER.join(', ')}`);
        opts.failOn = value;
        break;
      case '--lang':
        if (!isLang(value)) throw new UsageError(`--lang must be en or ja, not "${value}"`);
        opts.lang = value;
        break;
      case '--answers-out':
        opts.answersOut = value;
        break;
      case '--out':
        opts.out = value;
        break;
      case '--zip':
        opts.zip = value;
        break;
    }
  }
  if (opts.files.length === 0) throw new UsageError(`give at least one FILE; ${usage}`);
  if (command === 'import') {
    if (!opts.answersOut) throw new UsageError(`--answers-out is required; ${usage}`);
    if (opts.out && opts.zip) throw new UsageError(`give at most one of --out or --zip; ${usage}`);
  }
  return opts;
}

/** The files of the command line: each path as a file, a `.zip` as its entries (folders skipped). */
export function readInputFiles(paths: readonly string[]): InputFile[] {
  const out: InputFile[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      if (statSync(path).size > MAX_FILE_BYTES) throw new Unreadable(`${path} is larger than 8 MB`);
      bytes = readFileSync(path);
    } catch (e) {
      if (e instanceof Unreadable) throw e;
      throw new Unreadable(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (/\.zip$/i.test(path)) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(new Uint8Array(bytes));
      } catch (e) {
        throw new Unreadable(`${path} is not a readable zip archive: ${(e as Error).message}`);
      }
      for (const [name, data] of Object.entries(entries)) {
        if (name.endsWith('/')) continue;
        out.push({ path: name, content: strFromU8(data).replace(/^\uFEFF/, '') });
      }
      continue;
    }
    out.push({ path, content: bytes.toString('utf8').replace(/^\uFEFF/, '') });
  }
  return out;
}

/**
 * Imports the files, refusing unreadable input: a file of no known kind, or one that does not parse (the first
 * such reason, one line).
 */
function importOrRefuse(files: InputFile[]): ImportResult {
  if (files.length === 0) throw new Unreadable('no file to read (an empty zip archive?)');
  for (const f of files)
    if (detectKind(f.path, f.content) === null)
      throw new Unreadable(
        `${f.path}: unknown kind (not a .gitlab-ci.yml, config.toml, Helm values.yaml, daemon.json or buildkitd.toml)`,
      );
  const result = importFiles(files);
  const parse = result.setup.problems.find((p) => p.kind === 'parse');
  if (parse) throw new Unreadable(`${parse.pos.file}:${parse.pos.line}: ${oneLine(parse.message.en)}`);
  return result;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** One finding as the CLI lists it: `SEVERITY id file:line reason`. */
export function findingLine(f: LintFinding, lang: Lang): string {
  return `${f.severity.toUpperCase().padEnd(6)} ${f.id}  ${f.pos.file}:${f.pos.line}  ${oneLine(f.reason[lang])}`;
}

/** `lint FILE...`: the findings of the files, exit 0/1 by `--fail-on`, 2 when an input cannot be read. */
function runLint(argv: string[]): number {
  const opts = parseImportArgs(argv, 'lint');
  const files = readInputFiles(opts.files);
  const result = importOrRefuse(files);
  const lang = opts.lang ?? 'en';
  for (const f of result.findings) console.log(findingLine(f, lang));
  const limit = SEVERITY_ORDER.indexOf(opts.failOn);
  return result.findings.some((f) => SEVERITY_ORDER.indexOf(f.severity) <= limit) ? 1 : 0;
}

/** A file to write: its name in the output folder or zip, and its text. */
interface OutputFile {
  path: string;
  content: string;
}

/** The name a user's file gets in the output: its path without folders (a zip entry keeps its own folders). */
const outputName = (path: string, fromZip: boolean): string =>
  fromZip ? path.replace(/^\/+/, '') : path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);

/**
 * The fixed setup's files: the user's files with the build parts replaced by the generated ones (`adoptFiles`: the
 * other jobs, keys and comments are kept), the generated files the setup needs that the user did not give, then
 * SETUP.md and the diagram. Notes of the adopter are printed.
 */
function fixedFiles(result: ImportResult, generated: GenerateResult, zipped: ReadonlySet<string>): OutputFile[] {
  const adopted = adoptFiles(result, generated);
  const out: OutputFile[] = adopted.map((f) => ({ path: outputName(f.path, zipped.has(f.path)), content: f.after }));
  for (const f of adopted) for (const note of f.notes) console.log(`note: ${f.path}: ${oneLine(note.en)}`);
  for (const f of generated.files)
    if ((f.path === 'SETUP.md' || f.path === 'diagram.svg') && !out.some((o) => o.path === f.path))
      out.push({ path: f.path, content: f.content });
  return out;
}

/** A zip of the files, byte-identical for identical inputs (fixed timestamps, as `zipFiles` of generate.ts). */
function zipOf(files: readonly OutputFile[]): Uint8Array {
  const mtime = new Date(2000, 0, 1, 0, 0, 0);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const f of files) entries[f.path] = [strToU8(f.content), { mtime }];
  return zipSync(entries, { level: 6 });
}

/** `import FILE...`: writes the inferred answers and, with --out / --zip, the fixed files. */
function runImport(argv: string[]): number {
  const opts = parseImportArgs(argv, 'import');
  const files = readInputFiles(opts.files);
  const result = importOrRefuse(files);
  const lang = opts.lang ?? commentLanguage(result.setup);
  const answersOut = opts.answersOut ?? 'answers.json';
  const target = resolve(answersOut);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(
    target,
    `${JSON.stringify({ version: PERMALINK_VERSION, answers: diffFromDefaults(result.answers) }, null, 2)}\n`,
  );
  console.log(`wrote ${answersOut}`);
  const evidence = Object.entries(result.evidence);
  console.log(`answers read from the files (${evidence.length}):`);
  for (const [key, pos] of evidence)
    console.log(
      `  ${key} = ${JSON.stringify(result.answers[key as keyof typeof result.answers])}  (${pos.file}:${pos.line})`,
    );
  if (result.unmapped.length > 0) {
    console.log(`not mapped to answers (${result.unmapped.length}):`);
    for (const u of result.unmapped) console.log(`  ${u.pos.file}:${u.pos.line}  ${oneLine(u.what[lang])}`);
  }
  console.log(result.findings.length ? `findings (${result.findings.length}):` : 'findings: none');
  for (const f of result.findings) console.log(`  ${findingLine(f, lang)}`);
  if (opts.out || opts.zip) {
    const generated = generate(result.answers, { lang });
    const zipped = new Set(files.filter((f) => !opts.files.includes(f.path)).map((f) => f.path));
    const fixed = fixedFiles(result, generated, zipped);
    if (opts.zip) {
      const zipTarget = resolve(opts.zip);
      mkdirSync(dirname(zipTarget), { recursive: true });
      writeFileSync(zipTarget, zipOf([...fixed, { path: 'permalink.txt', content: `${generated.permalink}\n` }]));
      console.log(`wrote ${opts.zip} (${fixed.length + 1} files)`);
    }
    if (opts.out) {
      const dir = resolve(opts.out);
      for (const f of fixed) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.content);
      }
      writeFileSync(join(dir, 'permalink.txt'), `${generated.permalink}\n`);
      for (const f of fixed) console.log(`wrote ${join(opts.out, f.path)}`);
    }
  }
  return 0;
}

/**
 * Runs `lint` or `import` with the arguments after the command; returns the exit status (usage errors: 1 with the
 * reason on stderr; unreadable input: 2 with a one-line reason on stderr).
 */
export function runImportCommand(command: 'lint' | 'import', argv: string[]): number {
  try {
    return command === 'lint' ? runLint(argv) : runImport(argv);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof Unreadable) {
      console.error(`error: ${oneLine(message)}`);
      return EXIT_UNREADABLE;
    }
    console.error(message.startsWith('usage:') ? message : `error: ${message.split('\n')[0]}`);
    return 1;
  }
}
