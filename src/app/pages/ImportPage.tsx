/**
 * Bring your own config (issue 15): the user's `.gitlab-ci.yml`, `config.toml`, Helm `values.yaml`, `daemon.json` or
 * `buildkitd.toml`, pasted, dropped or opened (several files, or a zip), read as the real tools read them
 * (`importFiles` of the core). The files open in an editable Monaco editor with a marker on the line of every finding
 * and reader problem, read again a moment after each edit; beside them the findings with their one-click fixes
 * (applied to the inferred answers), then what was understood (the inferred answers, the line each came from, what
 * is kept as it is), and the fixed setup as a diff per file: Adopt puts it into the editor (with Undo), Download zip
 * hands over the adopted files plus the generated files the setup needs.
 *
 * The files live in this page's memory only: never uploaded, saved, or put in the link. Loaded on demand with the
 * readers, the linter and the diff library: the first screen does not carry them.
 */
// First: the TOML parser of the runner reader needs Node's name of the global object (see the module).
import '../import/node-global';
import { useNavigate } from '@tanstack/react-router';
import { Suspense, lazy, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Answers } from '../../core/answers';
import { encodeAnswers } from '../../core/permalink';
import { msg, type Lang, type Msg } from '../../core/i18n';
import { importFiles, detectKind } from '../../core/import';
import { AdoptError, adoptFiles } from '../../core/import/adopt';
import type { ImportKind, ImportResult, InputFile, LintFinding, SourcePos } from '../../core/import/types';
import { SEVERITY_ORDER } from '../../core/findings';
import type { FileLanguage } from '../../core/generate';
import { normalize } from '../../core/rules';
import { downloadBytes, useStatus } from '../actions';
import { DiffLines, changedLineCount, diffLines } from '../components/DiffLines';
import { EditorBoundary, usePrefersDark } from '../components/Preview';
import { onTabKey } from '../components/tabKeys';
import { appBaseUrl, useEngine } from '../engine';
import type { ImportMarker } from '../import/ImportEditor';
import { answerLabel, answerValue, byWizardOrder } from '../import/answer-text';
import { mergeFiles, readBrowserFiles, type SkipReason } from '../import/read-input';
import '../import/import.css';
import { MARKS, markAfterPaint } from '../marks';
import type { Problem } from '../monaco/MonacoEnvironment';
import { zipName } from '../setupName';
import { useWizard } from '../store';
import { SEVERITY, UI, fill, plural, useT } from '../ui';

const ImportEditor = lazy(() => import('../import/ImportEditor'));

/** The pause after the last keystroke before the files are read again (ms). */
const EDIT_DELAY = 300;

const T = {
  title: msg('Check your own config', '手持ちの設定を診断'),
  intro: msg(
    'Open your .gitlab-ci.yml, config.toml, Helm values.yaml, daemon.json or buildkitd.toml: their problems are shown on their own lines, and the fixed setup as a diff you can adopt.',
    '.gitlab-ci.yml、config.toml、Helmのvalues.yaml、daemon.json、buildkitd.tomlを開くと、問題をその行に表示し、修正後の構成を差分として示します。差分はそのまま取り込めます。',
  ),
  private: msg(
    'Nothing is uploaded or stored: your files stay in this page’s memory (not in the browser’s storage, not in the link) and are gone when you close it.',
    'ファイルはアップロードも保存もされません。このページのメモリ上にだけ置かれ（ブラウザーのストレージにもリンクにも入りません）、ページを閉じると消えます。',
  ),
  addTitle: msg('Add your files', 'ファイルを追加'),
  pasteLabel: msg('Paste a file', 'ファイルを貼り付け'),
  nameLabel: msg('File name (optional: detected from the text)', 'ファイル名（省略可: 内容から判定します）'),
  add: msg('Add the pasted text', '貼り付けたテキストを追加'),
  open: msg('Open files (or a .zip)', 'ファイルを開く（.zipも可）'),
  drop: msg(
    '…or drop files or a zip anywhere on this page.',
    '…またはファイルやzipをこのページにドロップしてください。',
  ),
  dropHere: msg('Drop to open the files', 'ドロップしてファイルを開く'),
  unknownKind: msg(
    'Which file is this? Give it a name such as .gitlab-ci.yml, config.toml, values.yaml, daemon.json or buildkitd.toml.',
    'どのファイルか判定できませんでした。.gitlab-ci.yml、config.toml、values.yaml、daemon.json、buildkitd.tomlのような名前を付けてください。',
  ),
  skipped: {
    'too-large': msg('{file} was not read: larger than 1 MB.', '{file}は1 MBを超えるため読み込みませんでした。'),
    binary: msg('{file} was not read: not a text file.', '{file}はテキストファイルではないため読み込みませんでした。'),
    'too-many': msg(
      '{file} was not read: at most 20 files at once.',
      '{file}は読み込みませんでした（一度に20ファイルまで）。',
    ),
    unreadable: msg('{file} could not be read.', '{file}を読み込めませんでした。'),
    'bad-zip': msg('{file} is not a zip that can be opened.', '{file}は開けるzipではありません。'),
  } satisfies Record<SkipReason, Msg>,
  files: msg('Your files', 'あなたのファイル'),
  editorLabel: msg('{file} (editable)', '{file}（編集可能）'),
  remove: msg('Remove {file}', '{file}を削除'),
  clearAll: msg('Remove all files', 'すべてのファイルを削除'),
  kinds: {
    'gitlab-ci': msg('GitLab CI', 'GitLab CI'),
    'config-toml': msg('runner config.toml', 'Runnerのconfig.toml'),
    'helm-values': msg('Helm values', 'Helmのvalues'),
    'daemon-json': msg('daemon.json', 'daemon.json'),
    'buildkitd-toml': msg('buildkitd.toml', 'buildkitd.toml'),
  } satisfies Record<ImportKind, Msg>,
  notRead: msg('not recognised', '未対応'),
  reading: msg('Reading your files…', 'ファイルを読んでいます…'),
  readFailed: msg('Your files could not be read: {why}', 'ファイルを読み込めませんでした: {why}'),
  summary: msg('{findings} in {fileCount}.', '{files}ファイルに指摘事項が{n}件あります。'),
  problems: msg('Findings in {file}', '{file}の指摘事項'),
  noProblems: msg('No finding in this file.', 'このファイルに指摘事項はありません。'),
  findings: msg('Findings', '指摘事項'),
  noFindings: msg('No finding: nothing to fix in these files.', '指摘事項はありません。'),
  showLine: msg('Show {file}:{line}', '{file}:{line}を表示'),
  applyFix: msg('Apply fix', '修正を適用'),
  fixApplied: msg('Fix applied: see the diff below.', '修正を適用しました。下の差分を確認してください。'),
  appliedSay: msg('Applied to the fixed setup: {fix}', '修正後の構成に適用しました: {fix}'),
  undoFix: msg('Undo the last fix', '最後の修正を元に戻す'),
  understood: msg('What was understood', '読み取った内容'),
  understoodHelp: msg(
    'The answers that describe your setup, each with the line it was read from; everything else is the wizard’s default.',
    'あなたの構成を表す回答と、それを読み取った行です。それ以外はウィザードのデフォルトです。',
  ),
  fromLine: msg('{file}:{line}', '{file}:{line}'),
  fixedAnswer: msg('(after the fixes you applied)', '（適用した修正の後）'),
  unmapped: msg('Kept as they are', 'そのまま残すもの'),
  unmappedHelp: msg(
    'Jobs and settings outside image building, or without a question in the wizard: adopting the fix leaves them unchanged.',
    'イメージのビルド以外のジョブや設定、またはウィザードに対応する質問がないもの: 修正を取り込んでもそのまま残ります。',
  ),
  openWizard: msg('Open in the wizard', 'ウィザードで開く'),
  openWizardHelp: msg(
    'Loads these answers into the wizard (your current answers can be restored with Undo).',
    'これらの回答をウィザードに読み込みます（現在の回答は「元に戻す」で復元できます）。',
  ),
  parseBlocks: msg(
    'A file does not parse: fix it first (see its markers), then open the answers in the wizard.',
    '解析できないファイルがあります。先にマーカーの箇所を修正してから、ウィザードで開いてください。',
  ),
  opened: msg('Opened the answers read from your files.', 'ファイルから読み取った回答を開きました。'),
  compare: msg('Compare with another link', '別のリンクと比較'),
  diffTitle: msg('The fixed setup, file by file', '修正後の構成（ファイルごと）'),
  diffHelp: msg(
    'Only the image-building parts are replaced: your other jobs, stages, variables and comments stay as they are.',
    '置き換えるのはイメージのビルドに関わる部分だけです。他のジョブ、ステージ、変数、コメントはそのまま残ります。',
  ),
  changedLines: msg('{n} lines changed', '{n}行を変更'),
  noChange: msg('Nothing to change in this file.', 'このファイルに変更はありません。'),
  adopt: msg('Adopt {file}', '{file}に取り込む'),
  adopted: msg('{file}: the fixed version is in the editor.', '{file}: 修正版をエディターに取り込みました。'),
  undoAdopt: msg('Undo: back to your {file}', '元に戻す: 元の{file}'),
  undone: msg('{file}: your text is back.', '{file}: 元のテキストに戻しました。'),
  download: msg('Download the fixed files (zip)', '修正後のファイルをダウンロード（zip）'),
  downloadHelp: msg(
    'The adopted files, plus the generated files the setup needs (SETUP.md, the runner’s files).',
    '取り込んだファイルと、構成に必要な生成ファイル（SETUP.md、Runner用ファイル）が入ります。',
  ),
  newFile: msg(
    '{file}: a new file the setup needs (in the zip)',
    '{file}: 構成に必要な新しいファイル（zipに含まれます）',
  ),
  waitingEngine: msg('Generating the fixed files…', '修正後のファイルを生成しています…'),
  adoptFailed: msg('The fixed version could not be computed: {why}', '修正版を計算できませんでした: {why}'),
};

/** The file name a pasted text gets from its detected kind (the name the generated file of that kind has). */
const PASTED_NAME: Record<ImportKind, string> = {
  'gitlab-ci': '.gitlab-ci.yml',
  'config-toml': 'config.toml',
  'helm-values': 'values.yaml',
  'daemon-json': 'daemon.json',
  'buildkitd-toml': 'buildkitd.toml',
};

/** The language of an adopted file, by its name (the zip only reads its path and text). */
const languageOfPath = (path: string): FileLanguage =>
  /\.toml$/i.test(path) ? 'toml' : /\.json$/i.test(path) ? 'json' : 'yaml';

/** What this tab imported: kept while the user visits the wizard, gone when the page closes (never stored). */
const memory: { files: InputFile[]; fixes: Partial<Answers>[]; undo: Record<string, string> } = {
  files: [],
  fixes: [],
  undo: {},
};

type Analysis =
  { files: InputFile[]; result: ImportResult; error: null } | { files: InputFile[]; result: null; error: string };

function analyse(files: InputFile[]): Analysis {
  try {
    return { files, result: importFiles(files), error: null };
  } catch (e) {
    return { files, result: null, error: e instanceof Error ? e.message : String(e) };
  }
}

const posKey = (p: SourcePos) => `${p.file}:${p.line}`;
const findingKey = (f: LintFinding) => `${f.id}@${posKey(f.pos)}`;

/** Every finding and every reader problem as a marker (a problem the findings already carry is not repeated). */
function markersOf(result: ImportResult, lang: Lang): ImportMarker[] {
  const out: ImportMarker[] = result.findings.map((f) => ({
    ...f.pos,
    severity: f.severity,
    code: f.id,
    message: `${f.title[lang]}: ${f.reason[lang]}`,
  }));
  const seen = new Set(out.map((m) => `${m.code}@${m.file}:${m.line}`));
  for (const p of result.setup.problems) {
    if (seen.has(`${p.kind}@${p.pos.file}:${p.pos.line}`)) continue;
    out.push({ ...p.pos, severity: p.severity, code: p.kind, message: p.message[lang] });
  }
  return out;
}

/** True when the answers already hold every value of the patch (the fix is in the fixed setup). */
const holdsPatch = (answers: Answers, patch: Partial<Answers>): boolean =>
  Object.entries(patch).every(([k, v]) => JSON.stringify(answers[k as keyof Answers]) === JSON.stringify(v));

export default function ImportPage() {
  const t = useT();
  const lang = useWizard((s) => s.lang);
  const theme = useWizard((s) => s.theme);
  const load = useWizard((s) => s.load);
  const say = useStatus((s) => s.say);
  const navigate = useNavigate();
  const dark = usePrefersDark(theme);
  const { engine } = useEngine();
  const ids = useId();

  const [files, setFiles] = useState<InputFile[]>(memory.files);
  const [analysis, setAnalysis] = useState<Analysis | null>(() => (memory.files.length ? analyse(memory.files) : null));
  const [fixes, setFixes] = useState<Partial<Answers>[]>(memory.fixes);
  const [undo, setUndo] = useState<Record<string, string>>(memory.undo);
  const [active, setActive] = useState<string>(memory.files[0]?.path ?? '');
  const [reveal, setReveal] = useState<{ line: number } | null>(null);
  const [paste, setPaste] = useState('');
  const [pasteName, setPasteName] = useState('');
  const [messages, setMessages] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [problems, setProblems] = useState<Record<string, Problem[]>>({});
  const [editorReady, setEditorReady] = useState(false);
  /** The next reading happens at once (files added, adopted, undone), not after the typing pause. */
  const now = useRef(true);
  const editorBox = useRef<HTMLDivElement>(null);

  useEffect(() => markAfterPaint(MARKS.questionsReady), []);
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body)
      document.getElementById('step-title')?.focus();
  }, []);
  useEffect(() => {
    memory.files = files;
    memory.fixes = fixes;
    memory.undo = undo;
  }, [files, fixes, undo]);

  // Read the files again after a pause in typing (at once when they were added or replaced).
  useEffect(() => {
    if (files.length === 0 || analysis?.files === files) return;
    const id = setTimeout(() => setAnalysis(analyse(files)), now.current ? 0 : EDIT_DELAY);
    now.current = false;
    return () => clearTimeout(id);
  }, [files, analysis]);

  const replaceFiles = useCallback((next: InputFile[]) => {
    now.current = true;
    setFiles(next);
  }, []);

  const addFiles = useCallback(
    (added: InputFile[]) => {
      if (added.length === 0) return;
      replaceFiles(mergeFiles(files, added));
      setActive(added[0]?.path ?? '');
      setReveal(null);
    },
    [files, replaceFiles],
  );

  const openList = useCallback(
    (list: FileList | File[]) => {
      void readBrowserFiles(Array.from(list)).then((r) => {
        setMessages(r.skipped.map((s) => fill(T.skipped[s.reason][lang], { file: s.path })));
        addFiles(r.files);
      });
    },
    [addFiles, lang],
  );

  // Files dropped anywhere on the page are opened (the browser would otherwise navigate to them).
  useEffect(() => {
    const over = (e: globalThis.DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: globalThis.DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: globalThis.DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      setDragging(false);
      openList(e.dataTransfer.files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openList]);

  const addPasted = () => {
    const content = paste;
    if (content.trim() === '') return;
    const name = pasteName.trim();
    const kind = detectKind(name || 'pasted', content);
    if (!name && !kind) {
      setMessages([T.unknownKind[lang]]);
      return;
    }
    setMessages([]);
    addFiles([{ path: name || PASTED_NAME[kind as ImportKind], content }]);
    setPaste('');
    setPasteName('');
  };

  const onEdit = useCallback((path: string, text: string) => {
    setFiles((prev) => {
      const i = prev.findIndex((f) => f.path === path);
      if (i < 0 || prev[i]?.content === text) return prev;
      const next = [...prev];
      next[i] = { path, content: text };
      return next;
    });
  }, []);
  const onProblems = useCallback((path: string, list: Problem[]) => {
    setEditorReady(true);
    setProblems((prev) => (JSON.stringify(prev[path]) === JSON.stringify(list) ? prev : { ...prev, [path]: list }));
  }, []);

  // (With no file, an earlier reading is not shown.)
  const result = files.length ? (analysis?.result ?? null) : null;
  const pending = files.length > 0 && analysis?.files !== files;
  const kinds = useMemo(() => {
    const known = new Map(result?.setup.files.map((f) => [f.path, f.kind]));
    return files.map((f) => ({
      ...f,
      kind: known.has(f.path) ? (known.get(f.path) ?? null) : detectKind(f.path, f.content),
    }));
  }, [files, result]);
  const activePath = files.some((f) => f.path === active) ? active : (files[0]?.path ?? '');
  const markers = useMemo(() => (result ? markersOf(result, lang) : []), [result, lang]);
  const findings = useMemo(
    () =>
      result
        ? [...result.findings].sort(
            (a, b) =>
              SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
              a.pos.file.localeCompare(b.pos.file) ||
              a.pos.line - b.pos.line,
          )
        : [],
    [result],
  );
  const parseError = result?.setup.problems.some((p) => p.kind === 'parse') ?? false;

  // The inferred answers with the fixes the user applied.
  const answers = useMemo(
    () => (result ? normalize(Object.assign({}, result.answers, ...fixes) as Answers) : null),
    [result, fixes],
  );
  const generated = useMemo(
    () => (engine && answers ? engine.generate(answers, { lang, baseUrl: appBaseUrl() }) : null),
    [engine, answers, lang],
  );
  const adoption = useMemo(() => {
    if (!result || !answers || !generated) return null;
    try {
      return { list: adoptFiles({ ...result, answers }, generated), error: null };
    } catch (e) {
      return { list: [], error: e instanceof AdoptError ? e.reason[lang] : e instanceof Error ? e.message : String(e) };
    }
  }, [result, answers, generated, lang]);

  const show = useCallback((pos: SourcePos) => {
    setActive(pos.file);
    setReveal({ line: pos.line });
    editorBox.current?.scrollIntoView({ block: 'nearest' });
  }, []);

  const applyFix = (f: LintFinding) => {
    if (!f.fix) return;
    setFixes((prev) => [...prev, f.fix?.patch ?? {}]);
    say(fill(T.appliedSay[lang], { fix: f.fix.label[lang] }));
  };

  const adopt = (path: string, after: string) => {
    const current = files.find((f) => f.path === path);
    if (!current) return;
    setUndo((u) => ({ ...u, [path]: current.content }));
    replaceFiles(files.map((f) => (f.path === path ? { path, content: after } : f)));
    setActive(path);
    say(fill(T.adopted[lang], { file: path }));
  };
  const undoAdopt = (path: string) => {
    const before = undo[path];
    if (before === undefined) return;
    replaceFiles(files.map((f) => (f.path === path ? { path, content: before } : f)));
    setUndo(({ [path]: _, ...rest }) => rest);
    setActive(path);
    say(fill(T.undone[lang], { file: path }));
  };

  const removeFile = (path: string) => {
    replaceFiles(files.filter((f) => f.path !== path));
    setUndo(({ [path]: _, ...rest }) => rest);
  };
  const clearAll = () => {
    replaceFiles([]);
    setFixes([]);
    setUndo({});
    setMessages([]);
  };

  const openInWizard = () => {
    if (!answers || parseError) return;
    load(answers, { kind: 'info', text: T.opened, undo: useWizard.getState().answers });
    void navigate({ to: '/$step', params: { step: 'runner' } });
  };

  /** The adopted files and the generated files the setup needs beside them (not the ones they replace). */
  const zipList = useMemo(() => {
    if (!adoption || !generated) return null;
    // `adoptFiles` gives the user's files adopted and the tool files the setup adds; SETUP.md and the diagram
    // describe the whole setup and come with them.
    const documents = new Set(['SETUP.md', engine?.DIAGRAM_FILE ?? 'diagram.svg']);
    const taken = new Set(adoption.list.map((a) => a.path));
    return [
      ...adoption.list.map((a) => ({ path: a.path, content: a.after, language: languageOfPath(a.path) })),
      ...generated.files.filter((g) => documents.has(g.path) && !taken.has(g.path)),
    ];
  }, [adoption, generated, engine]);

  const download = () => {
    if (!engine || !generated || !zipList) return;
    const bytes = engine.zipFiles({ files: zipList, permalink: generated.permalink });
    downloadBytes(zipName(generated.plan), bytes, 'application/zip');
  };

  const shown: Problem[] = editorReady
    ? (problems[activePath] ?? [])
    : markers
        .filter((m) => m.file === activePath)
        .map((m) => ({
          line: m.line,
          code: m.code,
          message: m.message,
          severity:
            m.severity === 'high' || m.severity === 'critical' ? 'error' : m.severity === 'medium' ? 'warning' : 'info',
        }));

  const evidence = result ? (Object.keys(result.evidence) as (keyof Answers)[]).sort(byWizardOrder) : [];

  return (
    <div className={`step import-page${dragging ? ' dragging' : ''}`}>
      <h2 tabIndex={-1} id="step-title">
        {t(T.title)}
      </h2>
      <p className="intro">{t(T.intro)}</p>
      <p className="privacy-note" id={`${ids}-private`}>
        {t(T.private)}
      </p>

      <section className="import-input" aria-label={t(T.addTitle)}>
        <label htmlFor={`${ids}-paste`} className="field-label">
          {t(T.pasteLabel)}
        </label>
        <textarea
          id={`${ids}-paste`}
          className="paste-input"
          rows={files.length ? 4 : 10}
          value={paste}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${ids}-private`}
          onChange={(e) => setPaste(e.target.value)}
        />
        <div className="paste-row">
          <label className="name-field">
            <span>{t(T.nameLabel)}</span>
            <input
              type="text"
              value={pasteName}
              spellCheck={false}
              autoComplete="off"
              placeholder=".gitlab-ci.yml"
              onChange={(e) => setPasteName(e.target.value)}
            />
          </label>
          <button type="button" className="primary" disabled={paste.trim() === ''} onClick={addPasted}>
            {t(T.add)}
          </button>
        </div>
        <p className="open-row">
          <label className="file-button">
            {t(T.open)}
            <input
              type="file"
              multiple
              accept=".yml,.yaml,.toml,.json,.zip,application/zip,text/plain"
              onChange={(e) => {
                const list = e.target.files ? Array.from(e.target.files) : [];
                e.target.value = '';
                if (list.length) openList(list);
              }}
            />
          </label>{' '}
          <span className="muted">{t(T.drop)}</span>
        </p>
        {messages.length ? (
          <ul className="import-messages" role="alert">
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </section>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          {t(T.dropHere)}
        </div>
      ) : null}

      {files.length ? (
        <>
          <div className="import-status" role="status" aria-live="polite">
            {pending
              ? t(T.reading)
              : analysis?.error
                ? fill(T.readFailed[lang], { why: analysis.error })
                : result
                  ? fill(T.summary[lang], {
                      n: result.findings.length,
                      files: files.length,
                      findings: plural(lang, result.findings.length, 'finding', 'findings'),
                      fileCount: plural(lang, files.length, 'file', 'files'),
                    })
                  : ''}
          </div>
          <div className="import-work">
            <section className="import-files" aria-labelledby={`${ids}-files`} ref={editorBox}>
              <h3 id={`${ids}-files`} className="visually-hidden">
                {t(T.files)}
              </h3>
              <FileTabs
                files={kinds}
                active={activePath}
                markers={markers}
                lang={lang}
                onActive={(p) => {
                  setActive(p);
                  setReveal(null);
                }}
              />
              <div className="file-panel" role="tabpanel" id={`${ids}-panel`} aria-label={activePath}>
                <div className="file-toolbar">
                  <span className="file-name">{activePath}</span>
                  <button type="button" className="link" onClick={() => removeFile(activePath)}>
                    {fill(T.remove[lang], { file: activePath })}
                  </button>
                </div>
                <EditorBoundary
                  fallback={
                    <textarea
                      className="plain-editor"
                      aria-label={fill(T.editorLabel[lang], { file: activePath })}
                      value={files.find((f) => f.path === activePath)?.content ?? ''}
                      onChange={(e) => {
                        onEdit(activePath, e.target.value);
                      }}
                    />
                  }
                >
                  <Suspense fallback={<p className="muted monaco-host">…</p>}>
                    <ImportEditor
                      files={kinds}
                      active={activePath}
                      markers={markers}
                      dark={dark}
                      label={fill(T.editorLabel[lang], { file: activePath })}
                      reveal={reveal}
                      onEdit={onEdit}
                      onProblems={onProblems}
                    />
                  </Suspense>
                </EditorBoundary>
                <div
                  className="problems"
                  role="region"
                  aria-label={fill(T.problems[lang], { file: activePath })}
                  data-testid="import-problems"
                  tabIndex={0}
                  data-source={editorReady ? 'editor' : 'findings'}
                  data-file={activePath}
                >
                  {shown.length === 0 ? (
                    <p className="muted">{t(T.noProblems)}</p>
                  ) : (
                    <ul>
                      {shown.map((p) => (
                        <li
                          key={`${p.code}-${p.line}-${p.message}`}
                          className={`problem ${p.severity}`}
                          data-line={p.line}
                          data-code={p.code}
                        >
                          <span className="line">{t(UI.line, { n: p.line })}</span> <span>{p.message}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
              <p>
                <button type="button" onClick={clearAll}>
                  {t(T.clearAll)}
                </button>
              </p>
            </section>
            <FindingList
              findings={findings}
              answers={answers}
              lang={lang}
              canUndo={fixes.length > 0}
              onShow={show}
              onFix={applyFix}
              onUndo={() => setFixes((f) => f.slice(0, -1))}
            />
          </div>
          {result && answers ? (
            <section className="understood card" aria-labelledby={`${ids}-understood`}>
              <h3 id={`${ids}-understood`}>{t(T.understood)}</h3>
              <p className="muted">{t(T.understoodHelp)}</p>
              <dl className="answers-summary">
                {evidence.map((k) => {
                  const pos = result.evidence[k];
                  const changed = JSON.stringify(answers[k]) !== JSON.stringify(result.answers[k]);
                  return (
                    <div key={k} data-answer={k}>
                      <dt>{answerLabel(k)[lang]}</dt>
                      <dd>
                        {answerValue(k, answers[k], lang)}
                        {changed ? <span className="muted"> {t(T.fixedAnswer)}</span> : null}{' '}
                        {pos ? (
                          <button type="button" className="link" onClick={() => show(pos)}>
                            {fill(T.fromLine[lang], { file: pos.file, line: pos.line })}
                          </button>
                        ) : null}
                      </dd>
                    </div>
                  );
                })}
              </dl>
              {result.unmapped.length ? (
                <>
                  <h4>{t(T.unmapped)}</h4>
                  <p className="muted">{t(T.unmappedHelp)}</p>
                  <ul className="unmapped">
                    {result.unmapped.map((u) => (
                      <li key={`${posKey(u.pos)}-${u.what.en}`}>
                        {u.what[lang]}{' '}
                        <button type="button" className="link" onClick={() => show(u.pos)}>
                          {fill(T.fromLine[lang], { file: u.pos.file, line: u.pos.line })}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p className="understood-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={parseError}
                  aria-describedby={`${ids}-open-help`}
                  onClick={openInWizard}
                >
                  {t(T.openWizard)}
                </button>{' '}
                <button
                  type="button"
                  onClick={() =>
                    void navigate({
                      to: '/compare',
                      search: (prev: Record<string, unknown>) => ({ c: prev.c, a: encodeAnswers(answers) }),
                    })
                  }
                >
                  {t(T.compare)}
                </button>
              </p>
              <p id={`${ids}-open-help`} className="muted small">
                {parseError ? t(T.parseBlocks) : t(T.openWizardHelp)}
              </p>
            </section>
          ) : null}
          {result ? (
            <section className="fix-diff import-diff" aria-labelledby={`${ids}-diff`}>
              <h3 id={`${ids}-diff`}>{t(T.diffTitle)}</h3>
              <p className="muted">{t(T.diffHelp)}</p>
              {!adoption ? (
                <p className="muted">{t(T.waitingEngine)}</p>
              ) : adoption.error ? (
                <p role="alert">{fill(T.adoptFailed[lang], { why: adoption.error })}</p>
              ) : (
                <>
                  {adoption.list.map((a) => (
                    <AdoptedFile
                      key={a.path}
                      path={a.path}
                      before={files.find((f) => f.path === a.path)?.content ?? a.before}
                      added={!files.some((f) => f.path === a.path)}
                      after={a.after}
                      notes={a.notes}
                      canUndo={undo[a.path] !== undefined}
                      lang={lang}
                      onAdopt={() => adopt(a.path, a.after)}
                      onUndo={() => undoAdopt(a.path)}
                    />
                  ))}
                  <p className="download-row">
                    <button type="button" className="primary" disabled={!zipList} onClick={download}>
                      {t(T.download)}
                    </button>{' '}
                    <span className="muted small">{t(T.downloadHelp)}</span>
                  </p>
                </>
              )}
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function FileTabs({
  files,
  active,
  markers,
  lang,
  onActive,
}: {
  files: (InputFile & { kind: ImportKind | null })[];
  active: string;
  markers: ImportMarker[];
  lang: Lang;
  onActive: (path: string) => void;
}) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: React.KeyboardEvent, index: number) => onTabKey(e, index, files, tabs, onActive);
  return (
    <div className="tabs import-tabs" role="tablist" aria-label={T.files[lang]}>
      {files.map((f, i) => {
        const count = markers.filter((m) => m.file === f.path).length;
        return (
          <button
            key={f.path}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            aria-selected={f.path === active}
            tabIndex={f.path === active ? 0 : -1}
            data-file={f.path}
            onClick={() => onActive(f.path)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {f.path} <span className="kind">({f.kind ? T.kinds[f.kind][lang] : T.notRead[lang]})</span>
            {count > 0 && (
              <span className="badge">
                {count}
                <span className="visually-hidden"> {T.findings[lang]}</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

function FindingList({
  findings,
  answers,
  lang,
  canUndo,
  onShow,
  onFix,
  onUndo,
}: {
  findings: LintFinding[];
  answers: Answers | null;
  lang: Lang;
  canUndo: boolean;
  onShow: (pos: SourcePos) => void;
  onFix: (f: LintFinding) => void;
  onUndo: () => void;
}) {
  return (
    <section className="findings import-findings" aria-labelledby="import-findings-title">
      <h3 id="import-findings-title">
        {T.findings[lang]} <span className="count">({findings.length})</span>
      </h3>
      {canUndo ? (
        <p>
          <button type="button" className="link" onClick={onUndo}>
            {T.undoFix[lang]}
          </button>
        </p>
      ) : null}
      {findings.length === 0 ? (
        <p className="muted">{T.noFindings[lang]}</p>
      ) : (
        <ul>
          {findings.map((f) => {
            const done = f.fix !== null && answers !== null && holdsPatch(answers, f.fix.patch);
            return (
              <li
                key={findingKey(f)}
                className={`finding sev-${f.severity}`}
                data-finding={f.id}
                data-file={f.pos.file}
                data-line={f.pos.line}
              >
                <div className="finding-head">
                  <span className={`sev sev-${f.severity}`}>{SEVERITY[f.severity][lang]}</span>
                  <strong>{f.title[lang]}</strong>
                </div>
                <p className="finding-id muted small">
                  <code>{f.id}</code>
                </p>
                <p>{f.reason[lang]}</p>
                <div className="finding-actions">
                  <button type="button" className="link" onClick={() => onShow(f.pos)}>
                    {fill(T.showLine[lang], { file: f.pos.file, line: f.pos.line })}
                  </button>
                  {f.fix ? (
                    done ? (
                      <span className="fix-done">{T.fixApplied[lang]}</span>
                    ) : (
                      <button type="button" className="fix" title={f.fix.label[lang]} onClick={() => onFix(f)}>
                        {T.applyFix[lang]}: {f.fix.label[lang]}
                      </button>
                    )
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function AdoptedFile({
  path,
  before,
  after,
  added,
  notes,
  canUndo,
  lang,
  onAdopt,
  onUndo,
}: {
  path: string;
  before: string;
  after: string;
  /** A file the setup needs that the user did not give: it goes into the zip (nothing to adopt into the editor). */
  added: boolean;
  notes: Msg[];
  canUndo: boolean;
  lang: Lang;
  onAdopt: () => void;
  onUndo: () => void;
}) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const n = changedLineCount(lines);
  const noteList = notes.length ? (
    <ul className="adopt-notes">
      {notes.map((m) => (
        <li key={m.en}>{m[lang]}</li>
      ))}
    </ul>
  ) : null;
  if (added)
    return (
      <details className="file-diff" data-file={path} data-added="">
        <summary>{fill(T.newFile[lang], { file: path })}</summary>
        {noteList}
        <DiffLines lines={lines} />
      </details>
    );
  return (
    <div className="file-diff" data-file={path}>
      <h4>
        {path} {n ? <span className="muted">({fill(T.changedLines[lang], { n })})</span> : null}
      </h4>
      {noteList}
      {n ? <DiffLines lines={lines} /> : <p className="muted">{T.noChange[lang]}</p>}
      <p className="adopt-actions">
        <button type="button" disabled={n === 0} onClick={onAdopt}>
          {fill(T.adopt[lang], { file: path })}
        </button>{' '}
        {canUndo ? (
          <button type="button" onClick={onUndo}>
            {fill(T.undoAdopt[lang], { file: path })}
          </button>
        ) : null}
      </p>
    </div>
  );
}
