/**
 * Two setups side by side (issue 15, item 5): `#/compare?a=<link>&b=<link>`. Each side is a permalink or an answers
 * file's JSON pasted as text, read through the one gate of every input; the page lists the answers that differ (in
 * the wizard's words and order) and, file by file, the diff of what each setup generates (`compareSetups`). A side
 * that cannot be read is named with its reason; the other side still shows.
 *
 * The URL keeps each side as its configuration only once it has been read (never text that was refused, which may
 * hold anything). Loaded on demand with the diff library.
 */
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Answers } from '../../core/answers';
import { msg, type Lang } from '../../core/i18n';
import { changedAnswers, compareSetups } from '../../core/import/compare';
import { encodeAnswers, FRAGMENT_KEY } from '../../core/permalink';
import { DiffLines, changedLineCount, hunkLines } from '../components/DiffLines';
import { answerLabel, answerValue, byWizardOrder } from '../import/answer-text';
import '../import/import.css';
import { readSetupInput, type SetupInput } from '../import/setup-input';
import { MARKS, markAfterPaint } from '../marks';
import { useWizard } from '../store';
import { fill, useT } from '../ui';

const T = {
  title: msg('Compare two setups', '2つの構成を比較'),
  intro: msg(
    'Paste two permalinks (or two answers files’ JSON): the answers that differ, then each generated file’s differences.',
    'パーマリンクを2つ（または回答ファイルのJSONを2つ）貼り付けてください。異なる回答と、生成される各ファイルの差分を表示します。',
  ),
  private: msg(
    'Nothing is sent anywhere: both setups are read in this page.',
    'どこにも送信されません。2つの構成はこのページの中で読み込まれます。',
  ),
  sideA: msg('Setup A: a permalink or answers JSON', '構成A: パーマリンクまたは回答のJSON'),
  sideB: msg('Setup B: a permalink or answers JSON', '構成B: パーマリンクまたは回答のJSON'),
  nameA: msg('Setup A', '構成A'),
  nameB: msg('Setup B', '構成B'),
  useCurrent: msg('Use the wizard’s current setup', 'ウィザードの現在の構成を使う'),
  broken: msg('{side}: {why}', '{side}: {why}'),
  waiting: msg('Give both setups to compare them.', '比較するには両方の構成を入力してください。'),
  answersTitle: msg('Answers that differ', '異なる回答'),
  answer: msg('Answer', '回答'),
  same: msg('The two setups have the same answers.', '2つの構成の回答は同じです。'),
  filesTitle: msg('Files', 'ファイル'),
  changedLines: msg('{n} lines changed', '{n}行を変更'),
  onlyA: msg('only in setup A', '構成Aのみ'),
  onlyB: msg('only in setup B', '構成Bのみ'),
  sameFile: msg('same in both', '両方で同じ'),
  sameFiles: msg('Every file is the same in both setups.', 'すべてのファイルが両方の構成で同じです。'),
  compareFailed: msg('The files could not be compared: {why}', 'ファイルを比較できませんでした: {why}'),
};

/** The sides as the URL holds them (`a`, `b`): the configuration of a side that was read. */
type Side = 'a' | 'b';

export default function ComparePage() {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const current = useWizard((s) => s.answers);
  const navigate = useNavigate();
  const search = useRouterState({ select: (s) => s.location.search as Record<string, unknown> });
  const ids = useId();
  const fromUrl = (side: Side) => (typeof search[side] === 'string' ? search[side] : '');
  const [text, setText] = useState<Record<Side, string>>(() => ({ a: fromUrl('a'), b: fromUrl('b') }));

  useEffect(() => markAfterPaint(MARKS.questionsReady), []);
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body)
      document.getElementById('step-title')?.focus();
  }, []);
  // A link opened while the page is shown (the hand-over's link, the import page's button) fills the fields; the
  // URL a field wrote itself (its text's configuration) leaves the text as typed.
  const urlA = fromUrl('a');
  const urlB = fromUrl('b');
  const [seen, setSeen] = useState({ a: urlA, b: urlB });
  if (seen.a !== urlA || seen.b !== urlB) {
    setSeen({ a: urlA, b: urlB });
    const sameA = urlA === '' || text.a === urlA || readKey(text.a) === urlA;
    const sameB = urlB === '' || text.b === urlB || readKey(text.b) === urlB;
    if (!sameA || !sameB) setText({ a: sameA ? text.a : urlA, b: sameB ? text.b : urlB });
  }

  const a = useMemo(() => readSetupInput(text.a), [text.a]);
  const b = useMemo(() => readSetupInput(text.b), [text.b]);

  const change = (side: Side, value: string) => {
    setText((prev) => ({ ...prev, [side]: value }));
    const read = readSetupInput(value);
    const config = read.state === 'ok' ? encodeAnswers(read.answers) : '';
    void navigate({
      to: '/compare',
      replace: true,
      search: (prev: Record<string, unknown>) => ({ ...prev, [side]: config, [FRAGMENT_KEY]: prev[FRAGMENT_KEY] }),
    });
  };

  const changed = useMemo(
    () =>
      a.state === 'ok' && b.state === 'ok'
        ? changedAnswers(a.answers, b.answers)
            .map((c) => c.key)
            .sort(byWizardOrder)
        : [],
    [a, b],
  );

  return (
    <div className="step compare-page">
      <h2 tabIndex={-1} id="step-title">
        {t(T.title)}
      </h2>
      <p className="intro">{t(T.intro)}</p>
      <p className="privacy-note">{t(T.private)}</p>
      <div className="compare-inputs">
        {(['a', 'b'] as const).map((side) => {
          const read = side === 'a' ? a : b;
          const name = side === 'a' ? T.nameA : T.nameB;
          return (
            <div key={side} className="compare-side" data-side={side}>
              <label htmlFor={`${ids}-${side}`} className="field-label">
                {t(side === 'a' ? T.sideA : T.sideB)}
              </label>
              <textarea
                id={`${ids}-${side}`}
                rows={3}
                spellCheck={false}
                autoComplete="off"
                value={text[side]}
                aria-invalid={read.state === 'error' ? true : undefined}
                aria-describedby={read.state === 'error' ? `${ids}-${side}-error` : undefined}
                onChange={(e) => change(side, e.target.value)}
              />
              <button type="button" className="link" onClick={() => change(side, encodeAnswers(current))}>
                {t(T.useCurrent)}
              </button>
              {read.state === 'error' ? (
                <p id={`${ids}-${side}-error`} className="compare-error" role="alert">
                  {fill(T.broken[lang], { side: name[lang], why: read.error[lang] })}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {a.state === 'ok' && b.state === 'ok' ? (
        <>
          <section className="changed-answers" aria-labelledby={`${ids}-answers`}>
            <h3 id={`${ids}-answers`}>{t(T.answersTitle)}</h3>
            {changed.length === 0 ? (
              <p>{t(T.same)}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t(T.answer)}</th>
                    <th scope="col">{t(T.nameA)}</th>
                    <th scope="col">{t(T.nameB)}</th>
                  </tr>
                </thead>
                <tbody>
                  {changed.map((k) => (
                    <tr key={k} data-answer={k}>
                      <th scope="row">{answerLabel(k)[lang]}</th>
                      <td>{answerValue(k, a.answers[k], lang)}</td>
                      <td>{answerValue(k, b.answers[k], lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <FileComparisons a={a.answers} b={b.answers} lang={lang} />
        </>
      ) : a.state !== 'error' && b.state !== 'error' ? (
        <p className="muted">{t(T.waiting)}</p>
      ) : null}
    </div>
  );
}

/** The configuration a field's text reads to ('' when it does not read), to tell a link already shown. */
function readKey(raw: string): string {
  const r: SetupInput = readSetupInput(raw);
  return r.state === 'ok' ? encodeAnswers(r.answers) : '';
}

function FileComparisons({ a, b, lang }: { a: Answers; b: Answers; lang: Lang }) {
  const ids = useId();
  const result = useMemo(() => {
    try {
      return { files: compareSetups(a, b, lang), error: null };
    } catch (e) {
      return { files: [], error: e instanceof Error ? e.message : String(e) };
    }
  }, [a, b, lang]);
  return (
    <section className="fix-diff" aria-labelledby={`${ids}-files`}>
      <h3 id={`${ids}-files`}>{T.filesTitle[lang]}</h3>
      {result.error ? <p role="alert">{fill(T.compareFailed[lang], { why: result.error })}</p> : null}
      {result.files.length && result.files.every((f) => f.status === 'same') ? <p>{T.sameFiles[lang]}</p> : null}
      {result.files.map((f) => {
        const lines = hunkLines(f.hunks);
        const title = (
          <>
            {f.path}{' '}
            <span className="muted">
              (
              {f.status === 'same'
                ? T.sameFile[lang]
                : f.status === 'added'
                  ? T.onlyB[lang]
                  : f.status === 'removed'
                    ? T.onlyA[lang]
                    : fill(T.changedLines[lang], { n: changedLineCount(lines) })}
              )
            </span>
          </>
        );
        // The files tools read are open; the documents (SETUP.md, the diagram) and unchanged files are collapsed.
        return f.document || f.status === 'same' ? (
          <details key={f.path} className="file-diff" data-file={f.path} data-status={f.status}>
            <summary>{title}</summary>
            {lines.length ? <DiffLines lines={lines} /> : null}
          </details>
        ) : (
          <div key={f.path} className="file-diff" data-file={f.path} data-status={f.status}>
            <h4>{title}</h4>
            {lines.length ? <DiffLines lines={lines} /> : null}
          </div>
        );
      })}
    </section>
  );
}
