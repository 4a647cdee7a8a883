/**
 * CLI twin of the wizard: renders the same files from an answers file or a permalink.
 *
 *   npm run generate -- --answers FILE | --permalink URL_OR_FRAGMENT  [--out DIR | --zip FILE]
 *                       [--lang en|ja] [--base-url URL]
 *
 * Prints the files written and the findings. Exit 0 on success; 1 with a one-line reason on bad input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAnswers, type Answers } from '../core/answers';
import { generate, zipFiles } from '../core/generate';
import { isLang, type Lang } from '../core/i18n';
import { decodePermalink } from '../core/permalink';
import { validateCombination } from '../core/rules';
import { findSecret } from '../core/secrets';

const USAGE =
  'usage: npm run generate -- (--answers FILE | --permalink URL_OR_FRAGMENT) [--out DIR | --zip FILE] [--lang en|ja] [--base-url URL]';

class UsageError extends Error {}

interface Options {
  answers?: string;
  permalink?: string;
  out?: string;
  zip?: string;
  lang: Lang;
  baseUrl: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { lang: 'en', baseUrl: '' };
  const takesValue = new Set(['--answers', '--permalink', '--out', '--zip', '--lang', '--base-url']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!takesValue.has(name)) throw new UsageError(`unknown option "${arg}"; ${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    switch (name) {
      case '--answers':
        opts.answers = value;
        break;
      case '--permalink':
        opts.permalink = value;
        break;
      case '--out':
        opts.out = value;
        break;
      case '--zip':
        opts.zip = value;
        break;
      case '--lang':
        if (!isLang(value)) throw new UsageError(`--lang must be en or ja, not "${value}"`);
        opts.lang = value;
        break;
      case '--base-url':
        opts.baseUrl = value;
        break;
    }
  }
  if (!opts.answers === !opts.permalink) throw new UsageError(`give exactly one of --answers or --permalink; ${USAGE}`);
  return opts;
}

/** Reads an answers file: `{ "version": 1, "answers": {...} }` (a preset) or the answers object itself. */
export function readAnswersFile(path: string): Answers {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`${path} must hold a JSON object`);
  let answersData: unknown = data;
  const record = data as Record<string, unknown>;
  if ('answers' in record) {
    const allowed = new Set(['version', 'id', 'title', 'source', 'answers', '$schema']);
    const unknown = Object.keys(record).find((k) => !allowed.has(k));
    if (unknown) throw new UsageError(`unknown field "${unknown}" in ${path}`);
    if (record.version !== undefined && record.version !== 1)
      throw new UsageError(`${path}: version ${String(record.version)} is not supported (expected 1)`);
    answersData = record.answers;
  }
  const secret = findSecret(answersData);
  if (secret)
    throw new UsageError(
      `${path}: field "${secret.path}" looks like a secret (${secret.kind}); reference a CI/CD variable name instead`,
    );
  const parsed = parseAnswers(answersData);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new UsageError(`${path}: ${first?.field ? `field "${first.field}" ` : ''}${first?.message ?? 'is invalid'}`);
  }
  const combination = validateCombination(parsed.answers);
  if (combination.length) throw new UsageError(`${path}: invalid combination: ${combination[0]?.message ?? ''}`);
  return parsed.answers;
}

export function main(argv: string[]): number {
  let opts: Options;
  try {
    opts = parseArgs(argv);
    let answers: Answers;
    if (opts.answers) answers = readAnswersFile(opts.answers);
    else {
      const decoded = decodePermalink(opts.permalink ?? '');
      if (!decoded.ok) throw new UsageError(decoded.error);
      answers = decoded.answers;
    }
    const result = generate(answers, { lang: opts.lang, baseUrl: opts.baseUrl });
    if (opts.zip) {
      const target = resolve(opts.zip);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, zipFiles(result));
      console.log(`wrote ${opts.zip} (${result.files.length + 1} files)`);
    }
    if (opts.out) {
      const dir = resolve(opts.out);
      mkdirSync(dir, { recursive: true });
      for (const f of result.files) writeFileSync(join(dir, f.path), f.content);
      writeFileSync(join(dir, 'permalink.txt'), `${result.permalink}\n`);
      for (const f of result.files) console.log(`wrote ${join(opts.out, f.path)}`);
    }
    if (!opts.zip && !opts.out) for (const f of result.files) console.log(`--- ${f.path}\n${f.content}`);
    console.log(`permalink: ${result.permalink}`);
    console.log(result.findings.length ? `findings (${result.findings.length}):` : 'findings: none');
    for (const f of result.findings)
      console.log(
        `  ${f.severity.toUpperCase().padEnd(6)} ${f.id}  ${f.file}:${f.line}  ${f.title}. Fix: ${f.fix.label}`,
      );
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`error: ${message.split('\n')[0]}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join('cli', 'generate.ts'));
if (invokedDirectly) process.exit(main(process.argv.slice(2)));
