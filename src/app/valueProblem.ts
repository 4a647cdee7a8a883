/**
 * What is wrong with a typed value that the schema (`AnswersSchema` in src/core/answers.ts) refuses, so that the
 * field's message names the problem for that value ("too long: 5,000 characters, at most 1,000") instead of only
 * repeating the expected format. Pure; the caller has already refused secrets (`secretKind`).
 */
import type { Answers } from '../core/answers';
import type { Lang, Msg } from '../core/i18n';
import { UI, fill } from './ui';

/** One problem of a refused value. Lengths count UTF-16 code units, as the schema's `maxLength` does. */
export type ValueProblem =
  | { kind: 'too-long'; length: number; max: number }
  | { kind: 'too-many'; count: number; max: number }
  | { kind: 'line-break' }
  | { kind: 'character'; char: string }
  | { kind: 'not-a-number' };

/** The longest text the schema takes: 1000 for every text field, less where the format itself is shorter. */
const MAX_LENGTH: Partial<Record<keyof Answers, number>> = {
  k8sNamespace: 63, // K8S_NAME: an RFC 1123 label
  dockerfile: 255, // REL_PATH
  context: 255,
  composeFile: 255,
  runnerTags: 254, // RUNNER_TAG, per tag
  instanceGroup: 128, // CLOUD_NAME
  cloudProject: 128,
  cloudResourceGroup: 128,
  cloudRegion: 63, // CLOUD_REGION
  connectorUser: 32, // LINUX_USER
};
const DEFAULT_MAX = 1000;
/** The most runner tags the schema takes. */
const MAX_TAGS = 20;

const VAR_CHAR = /[A-Za-z0-9_]/;
const HOST_CHAR = /[A-Za-z0-9.:-]/;
const IMAGE_CHAR = /[A-Za-z0-9._/:@${}-]/;
const URL_CHAR = /[^\s"'`\\<>{}|^]/;
/**
 * The characters each format allows, one at a time (from the patterns of src/core/answers.ts). A field without an
 * entry takes any printable character; a value made only of allowed characters can still be refused as a whole.
 */
const ALLOWED_CHAR: Partial<Record<keyof Answers, RegExp>> = {
  gitlabUrl: URL_CHAR,
  httpProxy: URL_CHAR,
  httpsProxy: URL_CHAR,
  mirrorUrl: URL_CHAR,
  k8sNamespace: /[a-z0-9-]/,
  runnerTags: /[^,$]/,
  dockerVersion: /[0-9.]/,
  buildkitVersion: /[v0-9.]/,
  buildahVersion: /[v0-9.]/,
  podmanVersion: /[v0-9.]/,
  image: IMAGE_CHAR,
  cacheRef: IMAGE_CHAR,
  windowsHelperImage: IMAGE_CHAR,
  instanceGroup: /[A-Za-z0-9._-]/,
  cloudProject: /[A-Za-z0-9._-]/,
  cloudResourceGroup: /[A-Za-z0-9._-]/,
  cloudRegion: /[a-z0-9-]/,
  connectorUser: /[a-z0-9_-]/,
  customCaHost: HOST_CHAR,
  otherRegistryHost: HOST_CHAR,
  noProxy: /[A-Za-z0-9.*:/_,-]/,
  customCaVar: VAR_CHAR,
  dockerHubUserVar: VAR_CHAR,
  dockerHubPasswordVar: VAR_CHAR,
  otherUserVar: VAR_CHAR,
  otherPasswordVar: VAR_CHAR,
  authConfigVar: VAR_CHAR,
};

const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
/** Never allowed in any text: control characters, noncharacters the YAML parser refuses, lone surrogates. */
const NEVER = /[\p{Cc}\uFFFE\uFFFF]|\p{Cs}/u;

/**
 * The first problem of `value` (a string, a list of strings or a number) for the field `key`, or null when none of
 * these applies (the value is then refused as a whole: a wrong order, a missing part; the format says what is
 * expected). Checked in this order: the count of tags, the length, a line break, a character no field takes, a
 * character this field does not take, a number that is not one.
 */
export function valueProblem(key: keyof Answers, value: unknown): ValueProblem | null {
  if (typeof value === 'number') return Number.isNaN(value) ? { kind: 'not-a-number' } : null;
  if (Array.isArray(value) && value.length > MAX_TAGS) return { kind: 'too-many', count: value.length, max: MAX_TAGS };
  const strings = (Array.isArray(value) ? value : [value]).filter((s): s is string => typeof s === 'string');
  const max = MAX_LENGTH[key] ?? DEFAULT_MAX;
  for (const s of strings) if (s.length > max) return { kind: 'too-long', length: s.length, max };
  for (const s of strings) if (LINE_BREAK.test(s)) return { kind: 'line-break' };
  for (const s of strings) {
    const never = NEVER.exec(s);
    if (never) return { kind: 'character', char: never[0] };
  }
  const allowed = ALLOWED_CHAR[key];
  if (allowed) for (const s of strings) for (const c of s) if (!allowed.test(c)) return { kind: 'character', char: c };
  return null;
}

/** A character as a reader can recognise it: `“@”`, `a space`, `U+0007`. */
function charName(c: string, lang: Lang): string {
  if (c === ' ') return UI.aSpace[lang];
  if (c === '\t') return UI.aTab[lang];
  if (/[\p{C}\p{Z}]/u.test(c)) return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return lang === 'ja' ? `「${c}」` : `“${c}”`;
}

/**
 * The field's message for a refused value in `lang`: its problem (`valueProblem`) followed by the expected
 * `format`, or "Not applied: <format>" when no single problem can be named.
 */
export function problemMessage(key: keyof Answers, value: unknown, format: Msg, lang: Lang): string {
  const problem = valueProblem(key, value);
  const number = (n: number) => n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US');
  const expected = format[lang];
  if (!problem) return fill(UI.invalidKept[lang], { format: expected });
  switch (problem.kind) {
    case 'too-long':
      return fill(UI.tooLong[lang], { length: number(problem.length), max: number(problem.max), format: expected });
    case 'too-many':
      return fill(UI.tooMany[lang], { count: number(problem.count), max: number(problem.max) });
    case 'line-break':
      return fill(UI.lineBreak[lang], { format: expected });
    case 'character':
      return fill(UI.wrongChar[lang], { char: charName(problem.char, lang), format: expected });
    case 'not-a-number':
      return fill(UI.notANumber[lang], { format: expected });
  }
}
