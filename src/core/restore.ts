/**
 * The one gate of every untrusted input, modelled on excalidraw's `data/restore.ts`: a link (the app's URL, a link
 * pasted into the address bar, the CLI's `--permalink`), an answers file (the CLI's `--answers`), the configuration
 * saved in the browser's local storage, and the presets. Every door runs the same steps in the same order:
 *
 * 1. size: the input is measured before it is parsed (`MAX_INPUT_SIZE`);
 * 2. envelope: the door's own wrapping is read with an allow-list of keys and a version
 *    (link: the permalink codec of `permalink.ts`; saved: `{ version, config }` around a link; file and preset:
 *    `{ version, id, title, source, answers, $schema }` or the answers object itself);
 * 3. migrations: the answers are brought from the version they were written in to the current one by the one
 *    table, `MIGRATIONS` in `permalink.ts`; a link (or saved link) made with an older versions table
 *    (`versions.ts`) gets that table's defaults for the version answers it omits, so it keeps giving the files it
 *    was made with (answers files and presets take the current defaults);
 * 4. keys: every field must be a known answer (`ANSWER_KEYS`);
 * 5. secrets: any string that looks like a credential is refused with its field and kind (`findSecret`), so the
 *    message names the credential whatever field holds it;
 * 6. schema: every value is checked by the answers schema (`parseAnswers`);
 * 7. combination: the answers must be possible together (`validateCombination`);
 * 8. normalisation: links and saved state are normalised (`normalize`), as the app holds them; answers files and
 *    presets are returned as written (the CLI and the golden files render them so).
 *
 * The result is answers, or one `RestoreError` with a code: the messages are in `restoreErrorMessage` in English
 * and Japanese, so no layer reads another layer's English.
 */
import { ANSWER_KEYS, parseAnswers, type Answers } from './answers';
import { msg, type Lang, type Msg } from './i18n';
import {
  MAX_PERMALINK_LENGTH,
  PERMALINK_VERSION,
  PermalinkError,
  decodePayload,
  migrateFields,
  type CorruptedDetail,
  type PermalinkErrorCode,
} from './permalink';
import { isRelevant, normalize, validateCombination } from './rules';
import {
  newerDefaults,
  TABLE_DEFAULTS,
  VERSION_ANSWERS,
  VERSIONS_TABLE,
  type VersionAnswer,
  type VersionUpdate,
} from './versions';
import { findSecret } from './secrets';

/** Where an input comes from: its door. */
export type RestoreKind = 'link' | 'file' | 'saved' | 'preset';

/** Why an input was refused: the codec's reasons plus the checks of the answers themselves. */
export type RestoreErrorCode = PermalinkErrorCode | 'secret' | 'invalid-field' | 'invalid-combination';

/** Every code, in the order of the steps (the `satisfies` makes the list complete: tests and docs use it). */
export const RESTORE_ERROR_CODES = Object.keys({
  'too-large': 1,
  empty: 1,
  'url-encoding': 1,
  format: 1,
  'version-unsupported': 1,
  'not-base64url': 1,
  truncated: 1,
  checksum: 1,
  corrupted: 1,
  'too-much-data': 1,
  'not-json': 1,
  'not-object': 1,
  'unknown-field': 1,
  secret: 1,
  'invalid-field': 1,
  'invalid-combination': 1,
} satisfies Record<RestoreErrorCode, 1>) as readonly RestoreErrorCode[];

/**
 * A refused input. `detail` is language-neutral except where noted:
 * - `too-large`: the size (characters for links and saved state, UTF-8 bytes for files and presets), with `limit`;
 * - `version-unsupported`: the version found; `format`: the version whose format is unknown, if any;
 * - `corrupted`: a `CorruptedDetail` (which layer is damaged);
 * - `not-json`: the JSON parser's own message (English, files only);
 * - `secret`: the kind of credential (`SecretKind`), with `field`;
 * - `invalid-field`: the schema's message (English), with `field`;
 * - `invalid-combination`: the rule's reason (English; both languages in `text`), with `field`.
 */
export interface RestoreError {
  code: RestoreErrorCode;
  /** The door the input came through: the messages name it ("the link", "the answers file"...). */
  kind: RestoreKind;
  /** The answer concerned (its long name; `runnerTags.0` for an item of a list), or the unknown key. */
  field?: string;
  detail?: string;
  /** For `too-large`: the largest accepted size, in the unit of `detail`. */
  limit?: number;
  /** For `invalid-combination`: `field=value: reason` in both languages. */
  text?: Msg;
}

/** An untrusted input: `raw` is a string (a link, a file's text, a saved value) or, for presets, parsed JSON. */
export interface RestoreInput {
  kind: RestoreKind;
  raw: string | unknown;
}

/** What `restoreAnswers` returns: the answers and the version they were written in, or the one reason for refusal. */
export type RestoreResult =
  | {
      ok: true;
      answers: Answers;
      /** The version the answers were written in (permalink versions; 1 for a file without one). */
      version: number;
      /** Set when the answers were written in an older version and brought to the current one. */
      migratedFrom?: number;
      /**
       * The input is not in the shape this app writes (an older link version, an older saved envelope, a bare
       * saved link): saving it again upgrades it.
       */
      outdated: boolean;
      /** The versions table the input was made with (`versions.ts`): links record it; other doors are current. */
      versionsTable: number;
      /**
       * The version answers that still hold an older table's default which the current table moved, with the
       * defects why (questions that apply only): what the app offers to update. Empty for current input.
       */
      newerVersions: VersionUpdate[];
    }
  | { ok: false; error: RestoreError };

/**
 * Largest accepted input per door, checked before anything is parsed: characters for links (a whole URL around
 * the configuration, which is itself at most `MAX_PERMALINK_LENGTH`) and saved state, UTF-8 bytes for answers files
 * and presets. No valid configuration comes near these.
 */
export const MAX_INPUT_SIZE: Readonly<Record<RestoreKind, number>> = {
  link: 2 * MAX_PERMALINK_LENGTH,
  saved: 256 * 1024,
  file: 1024 * 1024,
  preset: 1024 * 1024,
};

/** Version of the envelope of the saved state, `{ version, config }` (the config is a link of its own version). */
export const SAVED_VERSION = 1;
const SAVED_KEYS = new Set(['version', 'config']);
/** Keys of an answers file's envelope (presets are answers files). */
const FILE_KEYS = new Set(['version', 'id', 'title', 'source', 'answers', '$schema']);
const KNOWN_FIELDS = new Set<string>(ANSWER_KEYS);
/** Doors whose answers are normalised, as before the gate: the app holds normalised answers. */
const NORMALIZED = new Set<RestoreKind>(['link', 'saved']);

/** The saved-state value for a link's configuration (`encodeAnswers`): what `restoreAnswers({ kind: 'saved' })` reads. */
export function savedValue(config: string): string {
  return JSON.stringify({ version: SAVED_VERSION, config });
}

class Refused extends Error {
  constructor(readonly error: Omit<RestoreError, 'kind'>) {
    super(error.code);
  }
}

const refuse = (error: Omit<RestoreError, 'kind'>): never => {
  throw new Refused(error);
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** UTF-8 length of `s`, counted up to just past `limit` (a larger string stops the count). */
function utf8Length(s: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= limit; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Step 1: the size, before parsing. Parsed input (presets) is measured as its JSON. */
function checkSize(kind: RestoreKind, raw: unknown): void {
  const limit = MAX_INPUT_SIZE[kind];
  let text: string;
  if (typeof raw === 'string') text = raw;
  else {
    try {
      text = JSON.stringify(raw) ?? '';
    } catch {
      return refuse({ code: 'not-json' });
    }
  }
  const size = kind === 'link' || kind === 'saved' ? text.length : utf8Length(text, limit);
  if (size > limit) refuse({ code: 'too-large', detail: String(size), limit });
}

interface Envelope {
  version: number;
  fields: Record<string, unknown>;
  outdated: boolean;
  /** The versions table whose defaults the omitted version answers take. */
  table: number;
}

function linkEnvelope(raw: unknown): Envelope {
  if (typeof raw !== 'string') return refuse({ code: 'format' });
  const { version, fields, table } = decodePayload(raw);
  return { version, fields, table, outdated: version < PERMALINK_VERSION || table < VERSIONS_TABLE };
}

/** `{ version: 1, config: <link> }`; older shapes: no or an older version, or the bare link (JSON or not). */
function savedEnvelope(raw: unknown): Envelope {
  if (typeof raw !== 'string') return refuse({ code: 'not-object' });
  let data: unknown = raw;
  try {
    data = JSON.parse(raw);
  } catch {
    // not JSON: a bare link, as saved by early versions
  }
  let config: string;
  let envelope: number | undefined;
  if (typeof data === 'string') config = data;
  else if (isRecord(data)) {
    const unknown = Object.keys(data).find((k) => !SAVED_KEYS.has(k));
    if (unknown !== undefined) refuse({ code: 'unknown-field', field: unknown.slice(0, 40) });
    const { version, config: c } = data;
    // Saved by a newer version of the app (or not a version at all): not ours to read or rewrite.
    if (version !== undefined && !(Number.isInteger(version) && (version as number) <= SAVED_VERSION))
      refuse({ code: 'version-unsupported', detail: String(version).slice(0, 20) });
    if (typeof c !== 'string') return refuse({ code: 'not-object' });
    config = c;
    envelope = version as number | undefined;
  } else return refuse({ code: 'not-object' });
  const link = linkEnvelope(config);
  return { ...link, outdated: link.outdated || envelope !== SAVED_VERSION };
}

/**
 * An answers file or a preset: `{ "version": N, "answers": {...} }` (with `id`, `title`, `source`, `$schema`
 * allowed) or the answers object itself. The version is that of the answers' fields, on the permalink's scale;
 * a file without one is read as version 1 (files predate the scale; the migrations leave current fields alone).
 */
function fileEnvelope(raw: unknown): Envelope {
  let data: unknown = raw;
  if (typeof raw === 'string') {
    try {
      data = JSON.parse(raw);
    } catch (e) {
      return refuse({ code: 'not-json', detail: e instanceof Error ? e.message.split('\n')[0] : undefined });
    }
  }
  if (!isRecord(data)) return refuse({ code: 'not-object' });
  if (!Object.hasOwn(data, 'answers')) return { version: 1, fields: data, outdated: false, table: VERSIONS_TABLE };
  const unknown = Object.keys(data).find((k) => !FILE_KEYS.has(k));
  if (unknown !== undefined) refuse({ code: 'unknown-field', field: unknown.slice(0, 40) });
  const { version = 1, answers } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > PERMALINK_VERSION)
    refuse({ code: 'version-unsupported', detail: String(version).slice(0, 20) });
  if (!isRecord(answers)) return refuse({ code: 'not-object' });
  return { version: version as number, fields: answers, outdated: false, table: VERSIONS_TABLE };
}

const ENVELOPES: Readonly<Record<RestoreKind, (raw: unknown) => Envelope>> = {
  link: linkEnvelope,
  saved: savedEnvelope,
  file: fileEnvelope,
  preset: fileEnvelope,
};

function restoreOrThrow(kind: RestoreKind, raw: unknown): Extract<RestoreResult, { ok: true }> {
  checkSize(kind, raw);
  const envelope = ENVELOPES[kind](raw);
  const fields = withTableDefaults(migrateFields(envelope.fields, envelope.version), envelope.table);
  const unknown = Object.keys(fields).find((k) => !KNOWN_FIELDS.has(k));
  if (unknown !== undefined) refuse({ code: 'unknown-field', field: unknown.slice(0, 40) });
  const secret = findSecret(fields);
  if (secret) refuse({ code: 'secret', field: secret.path, detail: secret.kind });
  const parsed = parseAnswers(fields);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    return refuse({
      code: 'invalid-field',
      field: first?.field ?? '(answers)',
      detail: first?.message ?? 'is invalid',
    });
  }
  const [rule] = validateCombination(parsed.answers);
  if (rule) refuse({ code: 'invalid-combination', field: rule.field, detail: rule.message, text: rule.text });
  const answers = NORMALIZED.has(kind) ? normalize(parsed.answers) : parsed.answers;
  return {
    ok: true,
    answers,
    version: envelope.version,
    ...(envelope.version < PERMALINK_VERSION ? { migratedFrom: envelope.version } : {}),
    outdated: envelope.outdated,
    versionsTable: envelope.table,
    newerVersions: newerDefaults(envelope.table, answers).filter((u) => isRelevant(answers, u.answer)),
  };
}

/**
 * The fields with the version answers they omit set to the defaults of versions table `table` (when it is older than
 * the current one and moved them): a link omits default answers, so this is how it keeps its versions.
 */
function withTableDefaults(fields: Record<string, unknown>, table: number): Record<string, unknown> {
  const then = TABLE_DEFAULTS[table];
  if (!then || table >= VERSIONS_TABLE) return fields;
  const out = { ...fields };
  for (const k of VERSION_ANSWERS as readonly VersionAnswer[])
    if (!Object.hasOwn(out, k)) Object.defineProperty(out, k, { value: then[k], enumerable: true, writable: true });
  return out;
}

/**
 * Reads untrusted answers through the one gate (steps in the module's comment). Never throws: any problem gives
 * `{ ok: false, error }` and no answers; `restoreErrorMessage(error, lang)` says why in English or Japanese.
 */
export function restoreAnswers(input: RestoreInput): RestoreResult {
  const { kind, raw } = input;
  try {
    return restoreOrThrow(kind, raw);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: { ...e.error, kind } };
    if (e instanceof PermalinkError) {
      const error: RestoreError = { code: e.code, kind };
      if (e.code === 'unknown-field') error.field = e.detail;
      else if (e.detail !== undefined) error.detail = e.detail;
      if (e.limit !== undefined) error.limit = e.limit;
      return { ok: false, error };
    }
    // Not expected (every check above reports its own code): the input is still refused, never thrown.
    return { ok: false, error: { code: 'corrupted', kind } };
  }
}

const NOUNS: Readonly<Record<RestoreKind, Msg>> = {
  link: msg('the link', 'リンク'),
  saved: msg('the saved configuration', '保存された構成'),
  file: msg('the answers file', '回答ファイル'),
  preset: msg('the preset', 'プリセット'),
};

const CORRUPTED: Readonly<Record<CorruptedDetail, Msg>> = {
  header: msg('bad header', 'ヘッダーが不正'),
  altered: msg('altered characters', '文字が改変されています'),
  deflate: msg('it does not decompress', '展開できません'),
  utf8: msg('not UTF-8', 'UTF-8ではありません'),
};

/** The reason alone, in both languages, without the door's sentence: "the link is truncated". */
export function restoreErrorReason(error: RestoreError): Msg {
  const { kind, field = '', detail = '', limit = 0 } = error;
  const noun = NOUNS[kind];
  const chars = kind === 'link' || kind === 'saved';
  switch (error.code) {
    case 'too-large':
      return chars
        ? msg(
            `${noun.en} is too long (${detail} characters; at most ${limit})`,
            `${noun.ja}が長すぎます（${detail}文字、上限${limit}文字）`,
          )
        : msg(
            `too large for an answers file (${detail} bytes; at most ${limit})`,
            `回答ファイルとしては大きすぎます（${detail}バイト、上限${limit}バイト）`,
          );
    case 'too-much-data':
      return msg(
        `${noun.en} expands to more data than any configuration holds`,
        `${noun.ja}を展開すると、どの構成よりも大きなデータになります`,
      );
    case 'empty':
      return msg(`${noun.en} holds no configuration`, `${noun.ja}に構成が含まれていません`);
    case 'url-encoding':
      return msg(`${noun.en} is not correctly URL-encoded`, `${noun.ja}のURLエンコードが正しくありません`);
    case 'format':
      return detail
        ? msg(`unknown format for version ${detail}`, `バージョン${detail}としては不明な形式です`)
        : msg(
            'unknown format (expected "<version>.<data>")',
            '不明な形式です（「<バージョン>.<データ>」の形式ではありません）',
          );
    case 'version-unsupported':
      return kind === 'saved'
        ? msg(
            `it was saved by another version of this app (version ${detail})`,
            `別のバージョンのアプリで保存されています（バージョン${detail}）`,
          )
        : msg(
            `version ${detail} is not supported (this app reads versions 1 to ${PERMALINK_VERSION}; a newer app made it?)`,
            `バージョン${detail}には対応していません（このアプリが読めるのはバージョン1〜${PERMALINK_VERSION}です。新しいアプリで作成されたものですか？）`,
          );
    case 'not-base64url':
      return msg(
        `${noun.en} holds characters that are not base64url`,
        `${noun.ja}にbase64url以外の文字が含まれています`,
      );
    case 'truncated':
      return msg(`${noun.en} is truncated`, `${noun.ja}が途中で切れています`);
    case 'checksum':
      return msg(`${noun.en} is corrupted (checksum mismatch)`, `${noun.ja}が破損しています（チェックサム不一致）`);
    case 'corrupted': {
      const what = CORRUPTED[detail as CorruptedDetail] as Msg | undefined;
      return what
        ? msg(`${noun.en} is corrupted (${what.en})`, `${noun.ja}が破損しています（${what.ja}）`)
        : msg(`${noun.en} is corrupted`, `${noun.ja}が破損しています`);
    }
    case 'not-json':
      return chars
        ? msg(`${noun.en} is corrupted (not JSON)`, `${noun.ja}が破損しています（JSONではありません）`)
        : msg(
            `not valid JSON${detail ? `: ${detail}` : ''}`,
            `JSONとして正しくありません${detail ? `（${detail}）` : ''}`,
          );
    case 'not-object':
      return msg(`${noun.en} does not hold a configuration object`, `${noun.ja}に構成のオブジェクトが含まれていません`);
    case 'unknown-field':
      return msg(`unknown field "${field}"`, `不明な項目「${field}」`);
    case 'secret':
      return detail === 'url-credentials'
        ? msg(
            `${field} holds credentials; keep them in a masked CI/CD variable instead`,
            `${field}に認証情報が含まれています。マスクされたCI/CD変数に保存してください`,
          )
        : msg(
            `${field} looks like a secret (${detail}); reference a CI/CD variable instead`,
            `${field}はシークレット（${detail}）のようです。CI/CD変数を参照してください`,
          );
    case 'invalid-field':
      return msg(`${field} ${detail}`.trim(), `${field}の値が正しくありません（${detail}）`);
    case 'invalid-combination':
      return msg(
        `invalid combination: ${error.text?.en ?? detail}`,
        `組み合わせが正しくありません: ${error.text?.ja ?? detail}`,
      );
  }
}

/** The whole message, one sentence naming the door: "Broken permalink: the link is truncated." */
export function restoreErrorText(error: RestoreError): Msg {
  const reason = restoreErrorReason(error);
  // A rule's or the schema's reason may end a sentence of its own: the door's sentence ends it once.
  const r = msg(reason.en.replace(/\.$/, ''), reason.ja.replace(/[.。]$/, ''));
  switch (error.kind) {
    case 'link':
      return msg(`Broken permalink: ${r.en}.`, `パーマリンクを読み込めません（${r.ja}）。`);
    case 'saved':
      return msg(
        `The configuration saved in this browser could not be read: ${r.en}.`,
        `このブラウザに保存された構成を読み込めませんでした（${r.ja}）。`,
      );
    case 'file':
      return msg(`Invalid answers file: ${r.en}.`, `回答ファイルが正しくありません（${r.ja}）。`);
    case 'preset':
      return msg(`Invalid preset: ${r.en}.`, `プリセットが正しくありません（${r.ja}）。`);
  }
}

/** `restoreErrorText` in one language: what the app shows and the CLI prints (English, one line). */
export function restoreErrorMessage(error: RestoreError, lang: Lang): string {
  return restoreErrorText(error)[lang];
}
