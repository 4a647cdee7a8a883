/**
 * CLI twin of the wizard: renders the same files from an answers file or a permalink.
 *
 *   npm run generate -- --answers FILE | --permalink URL_OR_FRAGMENT  [--out DIR | --zip FILE]
 *                       [--lang en|ja] [--base-url URL]
 *   npm run generate -- --diagnose LOGFILE|- [--answers FILE | --permalink URL_OR_FRAGMENT]
 *                       [--choose FAILURE.QUESTION=OPTION ...] [--out DIR | --zip FILE] [--lang en|ja]
 *   npm run generate -- lint FILE... [--fail-on SEVERITY] [--lang en|ja]
 *   npm run generate -- import FILE... --answers-out answers.json [--out DIR | --zip FILE] [--lang en|ja]
 *   npm run generate -- compare A B [--lang en|ja]   (A, B: permalinks or answers files; compare-command.ts)
 *
 * Prints the files written and the findings. Exit 0 on success; 1 with a one-line reason on bad input.
 * With --diagnose: prints the known failures recognised in the job log (exit 0) or, when none is, the generic checks
 * (exit 2); with answers, applies the fixes and renders the fixed files like a normal run.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Answers } from '../core/answers';
import {
  answersTool,
  genericChecks,
  readLogSetup,
  setupMismatch,
  applyFix,
  changedAnswers,
  diagnoseLog,
  failureById,
  questionsFor,
  type Diagnosis,
  type FixChoices,
} from '../core/troubleshoot';
import { generate, zipFiles, type GenerateResult } from '../core/generate';
import { isLang, tr, type Lang } from '../core/i18n';
import {
  MAX_INPUT_SIZE,
  restoreAnswers,
  restoreErrorMessage,
  restoreErrorReason,
  type RestoreError,
} from '../core/restore';
import { normalize } from '../core/rules';
import { runImportCommand } from './import-commands';
import { runCompareCommand } from './compare-command';

const USAGE =
  'usage: npm run generate -- (--answers FILE | --permalink URL_OR_FRAGMENT) [--out DIR | --zip FILE] [--lang en|ja] [--base-url URL]\n' +
  '       npm run generate -- --diagnose LOGFILE|- [--answers FILE | --permalink URL_OR_FRAGMENT] [--choose FAILURE.QUESTION=OPTION ...] [--out DIR | --zip FILE] [--lang en|ja]\n' +
  '       npm run generate -- lint FILE... [--fail-on critical|high|medium|low|info] [--lang en|ja]\n' +
  '       npm run generate -- import FILE... --answers-out answers.json [--out DIR | --zip FILE] [--lang en|ja]';

/** Exit status of --diagnose when no known failure is recognised (0: recognised; 1: bad input, as everywhere). */
export const EXIT_NOTHING_RECOGNISED = 2;
/** Job logs larger than this are refused (the end of a log is what matters: `tail -c 5M job.log`). */
const MAX_LOG_FILE_BYTES = 256 * 1024 * 1024;

class UsageError extends Error {}

interface Options {
  answers?: string;
  permalink?: string;
  out?: string;
  zip?: string;
  lang: Lang;
  baseUrl: string;
  diagnose?: string;
  /** --choose FAILURE.QUESTION=OPTION, by failure id. */
  choose: Map<string, FixChoices>;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { lang: 'en', baseUrl: '', choose: new Map() };
  const takesValue = new Set([
    '--answers',
    '--permalink',
    '--out',
    '--zip',
    '--lang',
    '--base-url',
    '--diagnose',
    '--choose',
  ]);
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
      case '--diagnose':
        opts.diagnose = value;
        break;
      case '--choose': {
        const m = /^([a-z0-9-]+)\.([a-z0-9-]+)=([a-z0-9-]+)$/.exec(value);
        if (!m) throw new UsageError(`--choose takes FAILURE.QUESTION=OPTION, not "${value}"`);
        const [, failure = '', question = '', option = ''] = m;
        if (!failureById(failure)) throw new UsageError(`--choose: unknown failure "${failure}"`);
        opts.choose.set(failure, { ...opts.choose.get(failure), [question]: option });
        break;
      }
    }
  }
  if (opts.diagnose !== undefined) {
    if (opts.answers && opts.permalink) throw new UsageError(`give at most one of --answers or --permalink; ${USAGE}`);
    if (opts.choose.size > 0 && !opts.answers && !opts.permalink)
      throw new UsageError('--choose applies fixes to answers: give --answers or --permalink too');
    if ((opts.out || opts.zip) && !opts.answers && !opts.permalink)
      throw new UsageError('--out and --zip write the fixed files: give --answers or --permalink too');
    return opts;
  }
  if (opts.choose.size > 0) throw new UsageError('--choose goes with --diagnose');
  if (!opts.answers === !opts.permalink) throw new UsageError(`give exactly one of --answers or --permalink; ${USAGE}`);
  return opts;
}

/**
 * Reads an answers file (`{ "version": 3, "answers": {...} }`, as a preset, or the answers object itself) through
 * the gate of every input (`restoreAnswers`, door `file`). Files larger than the gate's limit are not even read.
 * Throws a `UsageError` whose message is `<path>: <reason>` in English.
 */
export function readAnswersFile(path: string): Answers {
  const limit = MAX_INPUT_SIZE.file;
  const refused = (error: Omit<RestoreError, 'kind'>) =>
    new UsageError(`${path}: ${restoreErrorReason({ ...error, kind: 'file' }).en}`);
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > limit) throw refused({ code: 'too-large', detail: String(size), limit });
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const restored = restoreAnswers({ kind: 'file', raw: text });
  if (!restored.ok) throw refused(restored.error);
  return restored.answers;
}

function readAnswers(opts: Options): Answers {
  if (opts.answers) return readAnswersFile(opts.answers);
  const restored = restoreAnswers({ kind: 'link', raw: opts.permalink ?? '' });
  if (!restored.ok) throw new UsageError(restoreErrorMessage(restored.error, 'en'));
  return restored.answers;
}

/** Writes (--zip, --out) or prints the files, then the permalink and the findings. */
function emit(result: GenerateResult, opts: Options): void {
  if (opts.zip) {
    const target = resolve(opts.zip);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, zipFiles(result));
    console.log(`wrote ${opts.zip} (${result.files.length + 1} files)`);
  }
  if (opts.out) {
    const dir = resolve(opts.out);
    mkdirSync(dir, { recursive: true });
    // Some files live in folders (the CI/CD component's `component/templates/<name>.yml`).
    for (const f of result.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
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
}

function readLog(path: string): string {
  try {
    if (path === '-') return readFileSync(0, 'utf8');
    const size = statSync(path).size;
    if (size > MAX_LOG_FILE_BYTES)
      throw new UsageError(`${path} is larger than 256 MB; pass its end instead (tail -c 5M ${path})`);
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

function printDiagnosis(d: Diagnosis, index: number, lang: Lang, answers: Answers | null): void {
  const f = failureById(d.id);
  if (!f) return;
  const t = (en: string, ja: string) => tr(lang, en, ja);
  console.log(`\n[${index}] ${f.id} (#${f.n}): ${f.title[lang]}`);
  if (d.causedBy)
    console.log(`  ${t(`Probably a consequence of ${d.causedBy}.`, `${d.causedBy}の結果である可能性が高いです。`)}`);
  for (const m of d.matches.slice(0, 5)) console.log(`    ${t('line', '行')} ${m.line}: ${m.text.slice(0, 240)}`);
  if (d.count > 5) console.log(`    ${t(`... ${d.count - 5} more lines`, `... ほか${d.count - 5}行`)}`);
  console.log(`  ${t('Cause', '原因')}: ${indent(f.cause[lang], '    ')}`);
  const note = f.note?.(d.facts);
  if (note) console.log(`  ${t('In this log', 'このログでは')}: ${indent(note[lang], '    ')}`);
  console.log(`  ${t('Fix', '対処')}: ${indent(f.fixText[lang], '    ')}`);
  console.log(`  ${t('Fix in the wizard', 'ウィザードでの修正')}: ${f.fix.label[lang]}`);
  const questions = answers ? questionsFor(f.id, answers) : (f.fix.questions ?? []);
  for (const q of questions) {
    const recommended = answers ? q.recommended(answers) : undefined;
    console.log(`    ${q.text[lang]}`);
    for (const o of q.options)
      console.log(
        `      --choose ${f.id}.${q.id}=${o.id}  ${o.label[lang]}${o.id === recommended ? t(' (recommended)', '（推奨）') : ''}`,
      );
  }
  if (f.fix.outside)
    console.log(
      `  ${t('Outside the generated files', '生成ファイル以外の作業')}: ${indent(f.fix.outside[lang], '    ')}`,
    );
  console.log(`  ${t('Sources', '出典')}: ${f.sources.join(' ')}`);
}

/** --diagnose: the known failures in a job log, and with answers the fixed files. */
function runDiagnose(opts: Options): number {
  const lang = opts.lang;
  const t = (en: string, ja: string) => tr(lang, en, ja);
  const path = opts.diagnose ?? '-';
  const log = readLog(path);
  // Normalized (as the app holds them): recommendations and the list of changes are about these.
  const answers = opts.answers || opts.permalink ? normalize(readAnswers(opts)) : null;
  const result = diagnoseLog(log);
  const where = path === '-' ? t('standard input', '標準入力') : path;
  if (result.truncated)
    console.log(
      t(
        `note: the log is longer than 5 MB; only its last 5 MB were read (line numbers are those of the whole log).`,
        '注: ログが5MBを超えるため、最後の5MBだけを読みました（行番号はログ全体のものです）。',
      ),
    );
  // The setup the log comes from: the generic checks follow the answers' build tool (else the log's), and a note
  // says when the answers describe another tool or executor than the log.
  const logSetup = readLogSetup(log);
  const mismatch = answers ? setupMismatch(answers, logSetup) : null;
  if (mismatch) console.log(`${t('note', '注')}: ${mismatch[lang]}`);
  if (result.diagnoses.length === 0) {
    const tool = answers
      ? answersTool(answers)
      : logSetup.tool === 'kaniko' || logSetup.tool === null
        ? 'docker'
        : logSetup.tool;
    console.log(
      t(
        `No known failure recognised in ${where} (${result.lines} lines). Generic checks:`,
        `${where}（${result.lines}行）に既知の失敗は見つかりませんでした。一般的な確認事項:`,
      ),
    );
    for (const c of genericChecks(tool)) {
      console.log(`  - ${c.title[lang]}`);
      if (c.command) console.log(`      ${indent(c.command, '      ')}`);
    }
    return EXIT_NOTHING_RECOGNISED;
  }
  const n = result.diagnoses.length;
  console.log(
    t(
      `Recognised ${n} known failure${n === 1 ? '' : 's'} in ${where} (${result.lines} lines):`,
      `${where}（${result.lines}行）で既知の失敗を${n}件認識しました:`,
    ),
  );
  result.diagnoses.forEach((d, i) => printDiagnosis(d, i + 1, lang, answers));
  for (const id of opts.choose.keys())
    if (!result.diagnoses.some((d) => d.id === id))
      console.error(
        t(
          `warning: ${id} is not in the log; its --choose is ignored`,
          `警告: ${id}はログにないため、その--chooseは無視します`,
        ),
      );
  if (!answers) return 0;

  const base = answers;
  let fixed = base;
  for (const d of result.diagnoses) {
    // A consequence is repaired by the fix of its cause (its own fix could undo the cause's choice).
    if (d.causedBy) continue;
    try {
      fixed = applyFix(fixed, d, opts.choose.get(d.id) ?? {});
    } catch (e) {
      throw new UsageError(`--choose ${d.id}: ${(e as Error).message}`);
    }
  }
  const changes = changedAnswers(base, fixed);
  // A failure whose cause the regenerated files still hold is fixed outside them (or not expressible).
  const remaining = result.diagnoses.filter((d) => !d.causedBy && failureById(d.id)?.holds?.(fixed, d.facts));
  console.log(
    `\n${changes.length ? t('Answers changed by the fixes:', '修正で変わる回答:') : remaining.length || mismatch ? t('The fixes change no answer.', '修正で変わる回答はありません。') : t('The fixes change no answer: the generated files already avoid these failures.', '修正で変わる回答はありません。生成ファイルはすでにこれらの失敗を避けています。')}`,
  );
  for (const k of changes) console.log(`  ${k}: ${JSON.stringify(base[k])} -> ${JSON.stringify(fixed[k])}`);
  for (const d of remaining) {
    const f = failureById(d.id);
    if (!f) continue;
    console.log(
      t(
        `Still in the generated files: ${f.title.en}. ${f.fix.outside?.en ?? ''}`.trimEnd(),
        `生成ファイルにまだ残っています: ${f.title.ja}。${f.fix.outside?.ja ?? ''}`,
      ),
    );
  }
  emit(generate(fixed, { lang, baseUrl: opts.baseUrl }), opts);
  return 0;
}

export function main(argv: string[]): number {
  if (argv[0] === 'lint' || argv[0] === 'import') return runImportCommand(argv[0], argv.slice(1));
  if (argv[0] === 'compare') return runCompareCommand(argv.slice(1));
  try {
    const opts = parseArgs(argv);
    if (opts.diagnose !== undefined) return runDiagnose(opts);
    emit(generate(readAnswers(opts), { lang: opts.lang, baseUrl: opts.baseUrl }), opts);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(message.startsWith('usage:') ? message : `error: ${message.split('\n')[0]}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join('cli', 'generate.ts'));
if (invokedDirectly) process.exit(main(process.argv.slice(2)));
