/**
 * The troubleshooter: paste a job log (or open a log file); every failure of the catalog that it shows is listed
 * with its cause, its fix, the threads it comes from, and a button that applies the fix to the current answers
 * (after the two or three questions some fixes need). The preview then shows the corrected files, and this page
 * the difference from what the user had. The log stays in the page's memory: never saved, sent or linked.
 *
 * Loaded on demand (with the recognisers and the diff library): the first screen does not carry them.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { Answers } from '../../core/answers';
import {
  MAX_LOG_CHARS,
  answersTool,
  genericChecks,
  readLogSetup,
  setupMismatch,
  applyFix,
  diagnoseLog,
  failureById,
  questionsFor,
  type DiagnoseResult,
  type Diagnosis,
  type FixChoices,
  type GenericCheck,
} from '../../core/troubleshoot';
import type { GeneratedFile } from '../../core/generate';
import { msg, type Lang, type Msg } from '../../core/i18n';
import { CopyButton } from '../components/CopyButton';
import { DiffLines, changedLineCount, diffLines, type DiffLine } from '../components/DiffLines';
import { appBaseUrl, useEngine, useGenerated } from '../engine';
import { MARKS, markAfterPaint } from '../marks';
import { useWizard } from '../store';
import { UI, fill, plural, useT } from '../ui';

const T = {
  title: msg('Troubleshoot a failed job', '失敗したジョブのトラブルシューティング'),
  intro: msg(
    'Paste the log of a failed job: a line or the whole log, timestamps and colours included. Every known failure it shows is explained, and its fix can be applied to your answers.',
    '失敗したジョブのログを貼り付けてください。1行でもログ全体でも構いません（タイムスタンプや色付きのままで大丈夫です）。ログに含まれる既知の失敗ごとに原因を説明し、その修正を回答に適用できます。',
  ),
  logLabel: msg('Job log', 'ジョブログ'),
  private: msg(
    'The log stays in this page: it is not saved, sent anywhere, or put in the link.',
    'ログはこのページの中だけで扱われます。保存、送信されず、リンクにも含まれません。',
  ),
  open: msg('Open a log file', 'ログファイルを開く'),
  clear: msg('Clear', 'クリア'),
  changedLines: msg('({n} lines changed)', '（{n}行を変更）'),
  reading: msg('Reading the log…', 'ログを読んでいます…'),
  found: msg('{failures} recognised in {lineCount}.', '{lines}行のログから既知の失敗を{n}件検出しました。'),
  truncated: msg(
    'The log is longer than {mb} MB: only its end was read.',
    'ログが{mb} MBを超えるため、末尾だけを読み込みました。',
  ),
  none: msg('No known failure recognised in this log.', 'このログから既知の失敗は検出されませんでした。'),
  noneHelp: msg(
    'These checks usually show where the problem is. Add them to the job, run it again, and paste the new log here:',
    '次の確認で問題の場所がわかることが多いです。ジョブに追加して再実行し、新しいログをここに貼り付けてください。',
  ),
  atLine: msg('Line {n}', '{n}行目'),
  moreLines: msg(' (and {more})', '（ほか{n}行）'),
  applyFailed: msg('The fix could not be applied:', '修正を適用できませんでした:'),
  openFailed: msg('The file could not be read.', 'ファイルを読み込めませんでした。'),
  cause: msg('Cause', '原因'),
  inThisLog: msg('In this log', 'このログでは'),
  otherSetup: msg('Another setup', '別の構成'),
  fix: msg('Fix', '修正'),
  outside: msg('Outside the generated files', '生成ファイル以外で必要な作業'),
  sources: msg('Sources', '出典'),
  followsFrom: msg(
    'These messages follow from “{title}” above; its fix covers them.',
    'これらのメッセージは上の「{title}」が原因です。その修正で解消されます。',
  ),
  apply: msg('Apply the fix', '修正を適用'),
  applied: msg('Applied the fix for “{title}”.', '「{title}」の修正を適用しました。'),
  appliedNote: msg(
    'Applied. The preview shows the corrected files; the changes are below.',
    '適用しました。プレビューに修正後のファイルが表示されています。変更点は下にあります。',
  ),
  diffTitle: msg('What the fix changed in your files', '修正によるファイルの変更点'),
  diffNone: msg(
    'Your generated files already have this fix: if the job still fails, the files in your repository or on the runner differ from these. Use the files shown here.',
    '生成ファイルにはすでにこの修正が入っています。それでもジョブが失敗する場合、リポジトリやRunner上のファイルがここに表示されているものと異なります。ここに表示されているファイルを使ってください。',
  ),
  diffRemains: msg(
    'The generated files cannot avoid this failure by themselves: do what “Outside the generated files” says.',
    'この失敗は生成ファイルだけでは避けられません。「生成ファイル以外で必要な作業」の手順を行ってください。',
  ),
  added: msg('new file', '新規ファイル'),
  removed: msg('no longer needed', '不要になったファイル'),
};

/** The last pasted log, for this tab only (kept across steps, never stored). */
let lastLog = '';

interface AppliedFix {
  /** The answers before the fix (their files are regenerated in the current language for the diff). */
  before: Answers;
  /** The answers the fix produced: the diff is shown while they are the current ones (not after Undo). */
  after: Answers;
  /** Whether the regenerated files still hold the failure's cause (its fix lies outside the files). */
  remains: boolean;
}

export default function TroubleshootPage() {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const answers = useWizard((s) => s.answers);
  const load = useWizard((s) => s.load);
  const result = useGenerated();
  const { engine } = useEngine();
  const [log, setLog] = useState(lastLog);
  const [diagnosed, setDiagnosed] = useState<{ log: string; result: DiagnoseResult } | null>(() =>
    lastLog.trim() ? { log: lastLog, result: diagnoseLog(lastLog) } : null,
  );
  const [applied, setApplied] = useState<AppliedFix | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const logId = useId();

  useEffect(() => markAfterPaint(MARKS.questionsReady), []);
  // Arriving from a link (not on the first load), the focus moves to the title, as on the steps.
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body)
      document.getElementById('step-title')?.focus();
  }, []);
  // Read after a pause in typing or pasting (a whole log takes a few hundred milliseconds at most).
  useEffect(() => {
    lastLog = log;
    if (log.trim() === '') return;
    const id = setTimeout(() => setDiagnosed({ log, result: diagnoseLog(log) }), 250);
    return () => clearTimeout(id);
  }, [log]);
  // After a fix, the page moves to what it changed (the notice above offers the undo).
  useEffect(() => {
    if (applied) document.getElementById('fix-diff-title')?.focus();
  }, [applied]);
  const empty = log.trim() === '';
  const pending = !empty && diagnosed?.log !== log;
  // While a new reading is pending, the last one stays (with the choices made in it).
  const report = empty ? null : (diagnosed?.result ?? null);
  const showDiff = applied !== null && applied.after === answers;
  // The log's build tool and executor, against the answers' (a fix then says nothing of the log's files).
  const logSetup = useMemo(() => (report && diagnosed ? readLogSetup(diagnosed.log) : null), [report, diagnosed]);
  const mismatch = logSetup ? setupMismatch(answers, logSetup) : null;
  const mismatchBefore = logSetup && applied ? setupMismatch(applied.before, logSetup) : null;
  // What the user had, in the current language (a language switch is not a change of the files).
  const beforeFiles = useMemo(
    () => (showDiff && engine ? engine.generate(applied.before, { lang, baseUrl: appBaseUrl() }).files : null),
    [showDiff, engine, applied, lang],
  );

  // A new or cleared log starts a new reading: the previous fix's diff and messages belong to the old one.
  const replaceLog = (next: string) => {
    setLog(next);
    setApplied(null);
    setProblem(null);
    if (next.trim() === '') setDiagnosed(null);
  };

  const fixWith = (d: Diagnosis, choices: FixChoices) => {
    const failure = failureById(d.id);
    if (!failure || !result) return;
    try {
      const next: Answers = applyFix(answers, d, choices);
      load(next, {
        kind: 'info',
        text: msg(fill(T.applied.en, { title: failure.title.en }), fill(T.applied.ja, { title: failure.title.ja })),
        undo: answers,
      });
      const after = useWizard.getState().answers;
      setApplied({ before: answers, after, remains: failure.holds?.(after, d.facts) ?? false });
      setProblem(null);
    } catch (e) {
      setProblem(`${t(T.applyFailed)} ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const open = (file: File) => {
    setProblem(null);
    // Only the end of a very large file is read: the failure is at the end of a job log.
    const part = file.size > MAX_LOG_CHARS ? file.slice(file.size - MAX_LOG_CHARS) : file;
    part.text().then(replaceLog, () => setProblem(t(T.openFailed)));
  };

  return (
    <div className="step troubleshoot">
      <h2 tabIndex={-1} id="step-title">
        {t(T.title)}
      </h2>
      <p className="intro">{t(T.intro)}</p>
      <label htmlFor={logId} className="log-label">
        {t(T.logLabel)}
      </label>
      <textarea
        id={logId}
        className="log-input"
        value={log}
        rows={10}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={`${logId}-private`}
        onChange={(e) => replaceLog(e.target.value)}
      />
      <p id={`${logId}-private`} className="muted small">
        {t(T.private)}
      </p>
      <p className="log-actions">
        <label className="file-button">
          {t(T.open)}
          <input
            type="file"
            accept=".log,.txt,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) open(file);
            }}
          />
        </label>{' '}
        <button type="button" onClick={() => replaceLog('')} disabled={log === ''}>
          {t(T.clear)}
        </button>
      </p>
      {problem ? <p role="alert">{problem}</p> : null}
      <div role="status" aria-live="polite" className="diagnosis-summary">
        {pending ? t(T.reading) : report ? summary(report, lang) : ''}
      </div>
      {mismatch && !pending ? (
        <p className="setup-mismatch" role="note">
          <strong>{T.otherSetup[lang]}:</strong> {mismatch[lang]}
        </p>
      ) : null}
      {report && report.diagnoses.length === 0 && !pending ? (
        <NothingFound lang={lang} checks={genericChecks(answersTool(answers))} />
      ) : null}
      {report
        ? report.diagnoses.map((d) => (
            <DiagnosisCard
              key={d.id}
              d={d}
              answers={answers}
              lang={lang}
              ready={result !== null}
              onApply={(c) => fixWith(d, c)}
            />
          ))
        : null}
      {beforeFiles && result ? (
        <FixDiff
          before={beforeFiles}
          after={result.files}
          remains={applied?.remains ?? false}
          otherSetup={mismatchBefore}
          lang={lang}
        />
      ) : null}
    </div>
  );
}

function summary(report: DiagnoseResult, lang: Lang): string {
  const parts: string[] = [];
  if (report.truncated) parts.push(fill(T.truncated[lang], { mb: MAX_LOG_CHARS / 1024 / 1024 }));
  parts.push(
    report.diagnoses.length
      ? fill(T.found[lang], {
          n: report.diagnoses.length,
          lines: report.lines.toLocaleString(lang),
          failures: plural(lang, report.diagnoses.length, 'known failure', 'known failures'),
          lineCount: plural(lang, report.lines, 'line', 'lines'),
        })
      : T.none[lang],
  );
  return parts.join(' ');
}

function NothingFound({ lang, checks }: { lang: Lang; checks: readonly GenericCheck[] }) {
  return (
    <section className="nothing-found">
      <p>{T.noneHelp[lang]}</p>
      <ol>
        {checks.map((c) => (
          <li key={c.title.en}>
            <p>{c.title[lang]}</p>
            {c.command ? (
              <div className="code-block">
                <pre>
                  <code>{c.command}</code>
                </pre>
                <CopyButton text={c.command} label={`${UI.copy[lang]}: ${c.command.split('\n')[0] ?? ''}`} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DiagnosisCard({
  d,
  answers,
  lang,
  ready,
  onApply,
}: {
  d: Diagnosis;
  answers: Answers;
  lang: Lang;
  /** The generator has loaded (the fix can be applied and shown). */
  ready: boolean;
  onApply: (choices: FixChoices) => void;
}) {
  const failure = failureById(d.id);
  const headingId = useId();
  const questions = useMemo(() => questionsFor(d.id, answers), [d.id, answers]);
  const [choices, setChoices] = useState<FixChoices>({});
  if (!failure) return null;
  const cause = d.causedBy ? failureById(d.causedBy) : undefined;
  // What the facts read from the log say of this case (e.g. the alias of a dind image copied elsewhere).
  const note = failure.note?.(d.facts) ?? null;
  // A choice made before the answers changed may no longer be offered: the recommended option takes its place.
  const valid: FixChoices = Object.fromEntries(
    Object.entries(choices).filter(([qId, oId]) =>
      questions.some((q) => q.id === qId && q.options.some((o) => o.id === oId)),
    ),
  );
  const chosen = (qId: string, recommended: string) => valid[qId] ?? recommended;
  return (
    <article className="diagnosis" aria-labelledby={headingId} data-failure={d.id}>
      <h3 id={headingId}>{failure.title[lang]}</h3>
      <p className="muted small">
        {fill(T.atLine[lang], { n: d.lines[0] ?? 0 })}
        {d.count > 1
          ? fill(T.moreLines[lang], { n: d.count - 1, more: plural(lang, d.count - 1, 'more line', 'more lines') })
          : ''}
      </p>
      <pre className="excerpt">
        <code>{d.excerpt}</code>
      </pre>
      <p>
        <strong>{T.cause[lang]}:</strong> {failure.cause[lang]}
      </p>
      {note ? (
        <p className="fact-note">
          <strong>{T.inThisLog[lang]}:</strong> {note[lang]}
        </p>
      ) : null}
      <p>
        <strong>{T.fix[lang]}:</strong> {failure.fixText[lang]}
      </p>
      {failure.fix.outside ? (
        <p>
          <strong>{T.outside[lang]}:</strong> {failure.fix.outside[lang]}
        </p>
      ) : null}
      {cause ? (
        <p className="muted">{fill(T.followsFrom[lang], { title: cause.title[lang] })}</p>
      ) : (
        <form
          className="fix-form"
          onSubmit={(e) => {
            e.preventDefault();
            onApply(valid);
          }}
        >
          {questions.map((q) => (
            <fieldset key={q.id}>
              <legend>{q.text[lang]}</legend>
              {q.options.map((o) => (
                <label key={o.id} className="option">
                  <input
                    type="radio"
                    name={`${d.id}-${q.id}`}
                    value={o.id}
                    checked={chosen(q.id, q.recommended(answers)) === o.id}
                    onChange={() => setChoices((c) => ({ ...c, [q.id]: o.id }))}
                  />{' '}
                  {o.label[lang]}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" className="primary" aria-describedby={`${headingId}-label`} disabled={!ready}>
            {T.apply[lang]}
          </button>{' '}
          <span id={`${headingId}-label`} className="muted small">
            {failure.fix.label[lang]}
          </span>
        </form>
      )}
      {failure.sources.length ? (
        <details className="sources">
          <summary>{T.sources[lang]}</summary>
          <ul>
            {failure.sources.map((s) => (
              <li key={s}>
                <a href={s} target="_blank" rel="noreferrer noopener">
                  {s}
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}

type Change = { path: string; kind: 'changed' | 'added' | 'removed'; lines: DiffLine[] };

function changes(before: GeneratedFile[], after: GeneratedFile[]): Change[] {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const out: Change[] = [];
  for (const f of after) {
    const prev = old.get(f.path);
    old.delete(f.path);
    if (prev === f.content) continue;
    out.push({ path: f.path, kind: prev === undefined ? 'added' : 'changed', lines: diffLines(prev ?? '', f.content) });
  }
  for (const path of old.keys()) out.push({ path, kind: 'removed', lines: [] });
  return out;
}

/** Generated documents, not files a user commits or installs: their diffs start collapsed. */
const DOCUMENTS = new Set(['SETUP.md', 'diagram.svg']);
const changedLines = (c: Change): number => changedLineCount(c.lines);

function FixDiff({
  before,
  after,
  remains,
  otherSetup,
  lang,
}: {
  before: GeneratedFile[];
  after: GeneratedFile[];
  /** The regenerated files still hold the failure's cause. */
  remains: boolean;
  /** The log came from another build tool or executor than the answers the fix was applied to, or null. */
  otherSetup: Msg | null;
  lang: Lang;
}) {
  const list = useMemo(() => changes(before, after), [before, after]);
  return (
    <section className="fix-diff" aria-labelledby="fix-diff-title">
      <h3 id="fix-diff-title" tabIndex={-1}>
        {T.diffTitle[lang]}
      </h3>
      <p role="status">{T.appliedNote[lang]}</p>
      {remains ? (
        <p>{T.diffRemains[lang]}</p>
      ) : list.length === 0 ? (
        <p>{otherSetup ? otherSetup[lang] : T.diffNone[lang]}</p>
      ) : null}
      {list.map((c) => {
        const body = c.lines.length ? <DiffLines lines={c.lines} /> : null;
        const title = (
          <>
            {c.path}
            {c.kind !== 'changed' ? <span className="muted"> ({T[c.kind][lang]})</span> : null}
          </>
        );
        // The files a user commits or installs are shown; the documents that follow them (SETUP.md, the diagram)
        // are collapsed, so the page stays about the fix.
        return DOCUMENTS.has(c.path) ? (
          <details key={c.path} className="file-diff" data-file={c.path}>
            <summary>
              {title} <span className="muted">{fill(T.changedLines[lang], { n: changedLines(c) })}</span>
            </summary>
            {body}
          </details>
        ) : (
          <div key={c.path} className="file-diff" data-file={c.path}>
            <h4>{title}</h4>
            {body}
          </div>
        );
      })}
    </section>
  );
}
