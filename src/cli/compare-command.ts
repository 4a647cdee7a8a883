/**
 * The CLI's `compare` command (issue 15, item 5), dispatched by `generate.ts`:
 *
 *   npm run generate -- compare A B [--lang en|ja]
 *
 * A and B are each a permalink (a full URL, `#c=...` or the bare payload) or an answers file (JSON, as `--answers`
 * reads it; a path to an existing file is read as a file). Prints the answers that differ (with the wizard's
 * question labels), then a unified diff per file that differs (added, removed or changed; SETUP.md and the diagram
 * last), then the files that are the same. Exit 0 when every file is the same, 1 when some differ, 2 on bad input
 * (a broken link or file, named with the reason, on stderr; a bad command line).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { Answers } from '../core/answers';
import { isLang, tr, type Lang, type Msg } from '../core/i18n';
import { answersFromLink, changedAnswers, compareSetups, CompareInputError } from '../core/import/compare';
import { MAX_INPUT_SIZE, restoreAnswers, restoreErrorReason } from '../core/restore';
import { STEPS } from '../app/questions';

/** Exit statuses of `compare`. */
export const EXIT_SAME = 0;
export const EXIT_DIFFERENT = 1;
export const EXIT_BAD_INPUT = 2;

const USAGE = 'usage: npm run generate -- compare A B [--lang en|ja]   (A, B: permalinks or answers files)';

class BadInput extends Error {}

/** The wizard's question label of each answer (the first question that asks it). */
function questionLabels(): Partial<Record<keyof Answers, Msg>> {
  const out: Partial<Record<keyof Answers, Msg>> = {};
  for (const step of STEPS) for (const q of step.questions) out[q.key] ??= q.label;
  return out;
}

/** An answers file or a permalink; `which` names it in errors ("first", "second"). */
function readSide(arg: string, which: 'a' | 'b', lang: Lang): Answers {
  const nth = which === 'a' ? tr(lang, 'first', '1つ目') : tr(lang, 'second', '2つ目');
  if (existsSync(arg) && statSync(arg).isFile()) {
    const size = statSync(arg).size;
    if (size > MAX_INPUT_SIZE.file)
      throw new BadInput(
        tr(
          lang,
          `${nth} input ${arg}: larger than ${MAX_INPUT_SIZE.file} bytes`,
          `${nth}の入力${arg}: ${MAX_INPUT_SIZE.file}バイトを超えています`,
        ),
      );
    const restored = restoreAnswers({ kind: 'file', raw: readFileSync(arg, 'utf8') });
    if (!restored.ok)
      throw new BadInput(
        tr(lang, `${nth} input ${arg}: `, `${nth}の入力${arg}: `) + restoreErrorReason(restored.error)[lang],
      );
    return restored.answers;
  }
  try {
    return answersFromLink(arg, which);
  } catch (e) {
    if (e instanceof CompareInputError) throw new BadInput(e.text(lang));
    throw e;
  }
}

/** `compare A B`: prints the differences; returns the exit status. */
export function runCompareCommand(argv: string[]): number {
  let lang: Lang = 'en';
  const sides: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (arg === '--help' || arg === '-h') throw new BadInput(USAGE);
      if (arg === '--lang' || arg.startsWith('--lang=')) {
        const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
        if (!isLang(value)) throw new BadInput(`--lang must be en or ja, not "${value ?? ''}"`);
        lang = value;
      } else if (arg.startsWith('--') && arg.length > 2) throw new BadInput(`unknown option "${arg}"; ${USAGE}`);
      else sides.push(arg);
    }
    if (sides.length !== 2) throw new BadInput(`compare takes two setups; ${USAGE}`);
    const a = readSide(sides[0] ?? '', 'a', lang);
    const b = readSide(sides[1] ?? '', 'b', lang);
    const t = (en: string, ja: string) => tr(lang, en, ja);
    const changes = changedAnswers(a, b, questionLabels());
    if (changes.length) {
      console.log(t(`Answers that differ (${changes.length}):`, `異なる回答（${changes.length}件）:`));
      for (const c of changes)
        console.log(
          `  ${c.label ? `${c.label[lang]} (${c.key})` : c.key}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`,
        );
    } else console.log(t('The answers are the same.', '回答は同じです。'));
    const files = compareSetups(a, b, lang);
    const same: string[] = [];
    for (const f of files) {
      if (f.status === 'same') {
        same.push(f.path);
        continue;
      }
      const from = f.status === 'added' ? '/dev/null' : `a/${f.path}`;
      const to = f.status === 'removed' ? '/dev/null' : `b/${f.path}`;
      process.stdout.write(createTwoFilesPatch(from, to, f.before, f.after, '', '', { context: 3 }));
    }
    const differ = files.length - same.length;
    console.log(
      differ
        ? t(
            `${differ} file(s) differ; same: ${same.join(', ') || 'none'}`,
            `${differ}個のファイルが異なります。同じ: ${same.join(', ') || 'なし'}`,
          )
        : t(`Every file is the same (${files.length}).`, `すべてのファイルが同じです（${files.length}個）。`),
    );
    return differ ? EXIT_DIFFERENT : EXIT_SAME;
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    console.error(e.message.startsWith('usage:') ? e.message : `error: ${e.message}`);
    return EXIT_BAD_INPUT;
  }
}
