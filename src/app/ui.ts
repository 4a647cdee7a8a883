/** Texts of the app's own interface (the questions are in questions.ts, the rules' reasons in the core). */
import { msg, type Lang, type Msg } from '../core/i18n';
import type { SecretKind } from '../core/secrets';
import type { Severity } from '../core/findings';
import { useWizard } from './store';

export const UI = {
  title: msg('GitLab CI Docker build wizard', 'GitLab CI Dockerビルドウィザード'),
  tagline: msg(
    'Answer a few questions; get every file your runner and pipeline need to build container images, with the security cost of each choice.',
    'いくつかの質問に答えると、コンテナイメージをビルドするためにRunnerとパイプラインが必要とするすべてのファイルと、各選択のセキュリティ上のコストが得られます。',
  ),
  skip: msg('Skip to the questions', '質問へ移動'),
  language: msg('Language', '言語'),
  theme: msg('Theme', 'テーマ'),
  themeSystem: msg('System', 'システム'),
  themeLight: msg('Light', 'ライト'),
  themeDark: msg('Dark', 'ダーク'),
  share: msg('Share', '共有'),
  shareDone: msg('Link copied to the clipboard.', 'リンクをクリップボードにコピーしました。'),
  linkCopied: msg('Link copied', 'リンクをコピーしました'),
  download: msg('Download zip', 'zipをダウンロード'),
  reset: msg('Reset', 'リセット'),
  resetConfirm: msg('Reset every answer to the default?', 'すべての回答をデフォルトに戻しますか？'),
  dismiss: msg('Dismiss', '閉じる'),
  undo: msg('Undo', '元に戻す'),
  steps: msg('Steps', 'ステップ'),
  start: msg('Start', 'はじめに'),
  diagram: msg('Diagram of this setup', 'この構成の図'),
  diagramHelp: msg(
    'Where each part runs and what crosses which boundary. Hover a part, or reach it with Tab and the arrow keys, to see its findings; Enter shows the line.',
    '各要素がどこで動き、何がどの境界を越えるかを示します。要素にポインターを合わせるか、Tabと矢印キーで移動すると指摘事項が強調され、Enterで該当行を表示します。',
  ),
  diagramText: msg('The diagram as text', '図の内容（テキスト）'),
  diagramZoom: msg('Diagram size', '図の大きさ'),
  zoomIn: msg('Zoom in', '拡大'),
  zoomOut: msg('Zoom out', '縮小'),
  diagramPan: msg('Drag or scroll to move around.', 'ドラッグまたはスクロールで移動します。'),
  diagramFailed: msg('The diagram could not be drawn.', '図を描画できませんでした。'),
  troubleshoot: msg('Troubleshoot a job log', 'ジョブログを診断'),
  importConfig: msg('Check your own config', '手持ちの設定を診断'),
  compareLinks: msg('Compare with another link', '別のリンクと比較'),
  troubleshootPitch: msg(
    'A job already failing? Paste its log: the troubleshooter names the cause and fixes your answers.',
    'すでにジョブが失敗していますか？ログを貼り付けると、原因を特定して回答を修正します。',
  ),
  back: msg('Back', '戻る'),
  next: msg('Next', '次へ'),
  stepOf: msg('Step {n} of {total}', 'ステップ {n}/{total}'),
  alsoChanged: msg('Also changed to stay possible:', '組み合わせを保つために変更されたもの:'),
  notAvailable: msg('Not available:', '選択できません:'),
  required: msg('Required:', '必須:'),
  loadingFiles: msg('Generating the files…', 'ファイルを生成しています…'),
  engineFailed: msg(
    'The generator could not be loaded. Reload the page; your answers are kept in the link.',
    'ジェネレーターを読み込めませんでした。ページを再読み込みしてください。回答はリンクに保存されています。',
  ),
  files: msg('Generated files', '生成されたファイル'),
  copyFile: msg('Copy {file}', '{file}をコピー'),
  copy: msg('Copy', 'コピー'),
  copied: msg('Copied', 'コピーしました'),
  copyLink: msg('Copy the permalink', 'パーマリンクをコピー'),
  copiedFile: msg('{file} copied to the clipboard.', '{file}をクリップボードにコピーしました。'),
  copyFailed: msg(
    'Could not copy to the clipboard: the text is shown selected, copy it by hand.',
    'クリップボードにコピーできませんでした。選択済みで表示したテキストを手動でコピーしてください。',
  ),
  copyFailedTitle: msg('Could not copy to the clipboard', 'クリップボードにコピーできませんでした'),
  copyFailedHelp: msg(
    'The browser did not allow copying. The text below is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    'ブラウザーがコピーを許可しませんでした。下のテキストは選択済みです。Ctrl+C（Macでは⌘C）でコピーしてください。',
  ),
  close: msg('Close', '閉じる'),
  editorLabel: msg('{file} (read-only)', '{file}（読み取り専用）'),
  plainText: msg('Plain text view (the editor is loading)', 'プレーンテキスト表示（エディターを読み込み中）'),
  editorFailed: msg(
    'The editor could not be loaded; showing plain text.',
    'エディターを読み込めないため、プレーンテキストで表示しています。',
  ),
  problems: msg('Findings in {file}', '{file}の指摘事項'),
  noProblems: msg('No finding in this file.', 'このファイルに指摘事項はありません。'),
  line: msg('Line {n}', '{n}行目'),
  findings: msg('Findings', '指摘事項'),
  findingsSummary: msg('{n} findings for this configuration.', 'この構成の指摘事項: {n}件'),
  noFindings: msg('No finding: nothing to fix.', '指摘事項はありません。'),
  showLine: msg('Show {file}:{line}', '{file}:{line}を表示'),
  fix: msg('Fix', '修正'),
  fixed: msg('Applied: {fix}', '適用しました: {fix}'),
  fixOverturns: msg(
    'This fix changes what you answered on the start page ({answers}). Apply it anyway?',
    'この修正は開始ページでの回答（{answers}）を変更します。それでも適用しますか？',
  ),
  fixConfirmLabel: msg('Confirm the fix', '修正の確認'),
  fixAnyway: msg('Apply anyway', 'それでも適用する'),
  fileChanged: msg('(changed)', '（変更あり）'),
  hostCommandTitle: msg('Write the runner’s files with one command', 'Runnerのファイルを1つのコマンドで書き出す'),
  hostCommandHelp: msg(
    'Paste this into a terminal on the runner host (or where you run helm and kubectl): it creates the folder {dir} with {files}. The files are inside the command itself; nothing is downloaded.',
    'Runnerホスト（またはhelmとkubectlを実行する場所）のターミナルに貼り付けます。フォルダー{dir}を作り、{files}を書き出します。ファイルはコマンド自体に含まれており、何もダウンロードしません。',
  ),
  hostCommandHelpWindows: msg(
    'Paste this into PowerShell on the runner host: it creates the folder {dir} with {files}. The files are inside the command itself; nothing is downloaded.',
    'RunnerホストのPowerShellに貼り付けます。フォルダー{dir}を作り、{files}を書き出します。ファイルはコマンド自体に含まれており、何もダウンロードしません。',
  ),
  copyHostCommand: msg('Copy the command', 'コマンドをコピー'),
  copiedHostCommand: msg('Command copied', 'コマンドをコピーしました'),
  fixKeep: msg('Keep my answer', '回答を維持する'),
  // start page
  startTitle: msg('How do you want to start?', 'どこから始めますか？'),
  recommendTitle: msg('A recommended setup from two questions', '2つの質問から推奨構成を選ぶ'),
  canPrivileged: msg('Can your jobs run privileged containers?', 'ジョブで特権コンテナを実行できますか？'),
  adminRunner: msg('Do you administer the runner?', 'Runnerを管理していますか？'),
  yes: msg('Yes', 'はい'),
  no: msg('No', 'いいえ'),
  useRecommended: msg('Use this setup', 'この構成を使う'),
  answerToRecommend: msg(
    'Answer both questions to see the recommended setup.',
    '両方の質問に答えると推奨構成が表示されます。',
  ),
  remainingRisk: msg('Remaining risk', '残るリスク'),
  noRemainingRisk: msg('No finding at medium severity or above.', '中以上の重大度の指摘事項はありません。'),
  presetsTitle: msg('Start from a documented setup', 'ドキュメントの構成から始める'),
  presetsFilter: msg(
    'Search the setups (e.g. helm, arm64, privileged, mirror)',
    '構成を検索（例: helm、arm64、特権、ミラー）',
  ),
  presetsNone: msg('No documented setup matches.', '一致する構成はありません。'),
  continueCurrent: msg('Continue with the current configuration', '現在の構成で続ける'),
  loaded: msg('Loaded: {title}', '読み込みました: {title}'),
  // files step
  setupSteps: msg('Setup steps', 'セットアップ手順'),
  permalink: msg('Permalink', 'パーマリンク'),
  permalinkHelp: msg(
    'Opens this exact configuration. It holds no secret: only the answers.',
    'この構成をそのまま開きます。回答だけを含み、秘密情報は含みません。',
  ),
  // fields
  secretRefused: msg(
    'This looks like {kind}. Secrets are never entered here: create a masked CI/CD variable (Settings > CI/CD > Variables) and enter its name instead. Nothing was saved.',
    'これは{kind}のようです。秘密情報はここに入力しません。マスクされたCI/CD変数（設定 > CI/CD > 変数）を作成し、その名前を入力してください。何も保存されていません。',
  ),
  invalidKept: msg('Not applied: {format}', '適用されていません: {format}'),
  tooLong: msg(
    'Too long: {length} characters, at most {max}. {format}',
    '長すぎます: {length}文字です（最大{max}文字）。{format}',
  ),
  tooMany: msg('Too many tags: {count}, at most {max}.', 'タグが多すぎます: {count}個です（最大{max}個）。'),
  lineBreak: msg('Holds a line break: {format}', '改行が含まれています。{format}'),
  wrongChar: msg('{char} cannot be used here. {format}', '{char}はここでは使えません。{format}'),
  notANumber: msg('Digits only. {format}', '数字だけを入力してください。{format}'),
  aSpace: msg('A space', '空白'),
  aTab: msg('A tab', 'タブ'),
  // recovery
  crashTitle: msg('Something went wrong while drawing the page', 'ページの表示中に問題が発生しました'),
  crashText: msg(
    'Your configuration is safe in this link. Copy it, then reload or reset.',
    '構成はこのリンクに保存されています。コピーしてから、再読み込みまたはリセットしてください。',
  ),
  reload: msg('Reload', '再読み込み'),
} satisfies Record<string, Msg>;

export const SEVERITY: Record<Severity, Msg> = {
  critical: msg('critical', '重大'),
  high: msg('high', '高'),
  medium: msg('medium', '中'),
  low: msg('low', '低'),
  info: msg('info', '情報'),
};

export const SECRET_KIND: Record<SecretKind, Msg> = {
  'gitlab-runner-token': msg('a runner authentication token', 'Runner認証トークン'),
  'gitlab-registration-token': msg('a runner registration token', 'Runner登録トークン'),
  'gitlab-personal-token': msg('a personal access token', 'パーソナルアクセストークン'),
  'gitlab-deploy-token': msg('a deploy token', 'デプロイトークン'),
  'gitlab-other-token': msg('a GitLab token', 'GitLabのトークン'),
  'url-credentials': msg('a user name and password inside a URL', 'URL内のユーザー名とパスワード'),
  'docker-auth-blob': msg('registry credentials (an auth value)', 'レジストリの認証情報（auth値）'),
  'private-key': msg('a private key', '秘密鍵'),
  'aws-access-key': msg('a cloud access key', 'クラウドのアクセスキー'),
  'gcp-key': msg('a cloud service account key', 'クラウドのサービスアカウントキー'),
  'github-token': msg('a GitHub token', 'GitHubのトークン'),
  'docker-hub-token': msg('a Docker Hub access token', 'Docker Hubのアクセストークン'),
  'slack-token': msg('a Slack token', 'Slackのトークン'),
  jwt: msg('a signed token (JWT)', '署名付きトークン（JWT）'),
};

/**
 * A count with its noun in the right form: `plural('en', 1, 'line', 'lines')` is `1 line`, `12 lines`; Japanese
 * counts without plural forms (`12行` is written by its caller). The number is formatted for the language.
 */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  const form = new Intl.PluralRules(lang).select(n) === 'one' ? one : other;
  return `${n.toLocaleString(lang)} ${form}`;
}

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The translator for the current language: `t(UI.copy)`, `t(UI.copyFile, { file })`. */
export function useT(): (m: Msg, values?: Record<string, string | number>) => string {
  const lang = useWizard((s) => s.lang);
  return (m, values) => (values ? fill(m[lang], values) : m[lang]);
}

export const text = (lang: Lang, m: Msg, values?: Record<string, string | number>): string =>
  values ? fill(m[lang], values) : m[lang];
