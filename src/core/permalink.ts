/**
 * Permalink codec: answers <-> a compact, versioned string that holds only the non-default answers.
 *
 * Format: `c=<version>.<kind><payload>` in the URL fragment (never sent to a server), where the payload is the
 * base64url of a JSON object with short keys, deflated (`z`) when that is shorter, plain (`j`) otherwise.
 * Decoding treats the string as hostile: the size is limited before anything is decoded, the inflated size is
 * limited while inflating, keys are looked up in a fixed table (so `__proto__` is just an unknown key), values are
 * validated by the answers schema (which refuses secrets), older versions are migrated, and the combination is
 * checked by the rules. Any problem gives one clear message and no answers.
 */
import { Inflate, strFromU8, strToU8, zlibSync } from 'fflate';
import { ANSWER_KEYS, diffFromDefaults, parseAnswers, type Answers } from './answers';
import { normalize, validateCombination } from './rules';

/**
 * Version 2: zlib (deflate plus an Adler-32 checksum) in canonical base64url, so that an altered link is refused
 * instead of decoding to another configuration. Version 1 (raw deflate `z` or plain JSON `j`, no checksum) still
 * decodes: same short keys, no migration needed.
 */
export const PERMALINK_VERSION = 2;
/**
 * Longest accepted encoded configuration (characters), checked before decoding. The answers schema allows about
 * 41 KB of JSON (every text field at its maximum, 3-byte characters), about 37 000 characters once deflated and
 * encoded when the text does not compress: every valid configuration fits, megabytes do not.
 */
export const MAX_PERMALINK_LENGTH = 64 * 1024;
/** Longest accepted JSON after inflating (bytes): above the largest valid configuration. */
const MAX_JSON_BYTES = 64 * 1024;
export const FRAGMENT_KEY = 'c';

/** Short keys of version 1. Never reorder or reuse: links in the wild depend on them. */
export const SHORT_KEYS_V1: Readonly<Record<keyof Answers, string>> = {
  gitlabUrl: 'u',
  runnerKind: 'rk',
  os: 'o',
  executor: 'x',
  k8sNamespace: 'ns',
  helm: 'hm',
  windowsVersion: 'wv',
  eksDockerdRename: 'ek',
  runnerDescription: 'de',
  runnerTags: 'tg',
  registration: 'rg',
  allowPrivileged: 'pv',
  method: 'm',
  buildx: 'bx',
  dockerVersion: 'dv',
  buildkitVersion: 'kv',
  buildahVersion: 'av',
  podmanVersion: 'pm',
  dockerfile: 'df',
  context: 'cx',
  image: 'im',
  push: 'pu',
  tagSha: 'ts',
  tagLatest: 'tl',
  tagGitTag: 'tt',
  otherBranches: 'ob',
  platforms: 'pl',
  compose: 'co',
  composeFile: 'cf',
  runTests: 'rt',
  testCommand: 'tc',
  tls: 't',
  customCaVar: 'ca',
  customCaHost: 'ch',
  proxy: 'p',
  httpProxy: 'hp',
  httpsProxy: 'hs',
  noProxy: 'np',
  mirrorUrl: 'mu',
  mirrorPlace: 'mp',
  mtu: 'mt',
  cache: 'k',
  cacheMode: 'km',
  cacheRef: 'kr',
  storageDriver: 'sd',
  authMethod: 'am',
  passwordStdin: 'ps',
  registryGitlab: 'rl',
  registryDockerHub: 'rh',
  dockerHubUserVar: 'hu',
  dockerHubPasswordVar: 'hw',
  registryOther: 'ro',
  otherRegistryHost: 'oh',
  otherUserVar: 'ou',
  otherPasswordVar: 'ow',
  dependencyProxy: 'dp',
  authConfigVar: 'ac',
  protectedOnly: 'po',
};
const LONG_KEYS_V1 = new Map(Object.entries(SHORT_KEYS_V1).map(([long, short]) => [short, long]));

/** Migrations from an older version's decoded object (long keys) to the next version. None yet. */
const MIGRATIONS: Record<number, (obj: Record<string, unknown>) => Record<string, unknown>> = {};

export class PermalinkError extends Error {
  override name = 'PermalinkError';
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new PermalinkError('the link holds characters that are not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new PermalinkError('the link is not valid base64url (truncated?)');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function inflateLimited(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_JSON_BYTES) throw new PermalinkError('the link expands to more data than any configuration holds');
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    inflater.push(data, true);
  } catch (e) {
    if (e instanceof PermalinkError) throw e;
    throw new PermalinkError('the link is corrupted (it does not decompress)');
  }
  if (!done) throw new PermalinkError('the link is truncated');
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** The encoded configuration, without `c=` (what goes after `#c=`). */
export function encodeAnswers(answers: Answers): string {
  const diff = diffFromDefaults(answers);
  const short: Record<string, unknown> = {};
  for (const key of ANSWER_KEYS) if (key in diff) short[SHORT_KEYS_V1[key]] = diff[key];
  const json = JSON.stringify(short);
  return `${PERMALINK_VERSION}.z${toBase64Url(zlibSync(strToU8(json), { level: 9 }))}`;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib: header, deflate data, Adler-32 of the inflated data (checked: fflate does not check it). */
function unzlibChecked(data: Uint8Array): Uint8Array {
  const [cmf = 0, flg = 0] = data;
  if (data.length < 6 || (cmf & 15) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 32)
    throw new PermalinkError('the link is corrupted (bad header)');
  const out = inflateLimited(data.subarray(2, -4));
  const t = data.subarray(-4);
  const expected = (((t[0] ?? 0) << 24) | ((t[1] ?? 0) << 16) | ((t[2] ?? 0) << 8) | (t[3] ?? 0)) >>> 0;
  if (adler32(out) !== expected) throw new PermalinkError('the link is corrupted (checksum mismatch)');
  return out;
}

export function permalinkFragment(answers: Answers): string {
  return `${FRAGMENT_KEY}=${encodeAnswers(answers)}`;
}

/** A full link: `baseUrl` (the app's address) plus the fragment; only the fragment when no base is known. */
export function permalinkUrl(answers: Answers, baseUrl = ''): string {
  const base = baseUrl.replace(/#.*$/, '');
  return `${base}#${permalinkFragment(answers)}`;
}

/** Extracts the encoded configuration from a full URL, a fragment (`#c=...`), `c=...`, or the bare value. */
export function extractEncoded(input: string): string {
  if (input.length > MAX_PERMALINK_LENGTH * 2)
    throw new PermalinkError(`the link is too long (${input.length} characters; at most ${MAX_PERMALINK_LENGTH})`);
  let s = input.trim();
  const hash = s.indexOf('#');
  if (hash !== -1) s = s.slice(hash + 1);
  // The app's own address bar: `#/build?c=...` (the step before the query).
  if (s.startsWith('/')) {
    const query = s.indexOf('?');
    s = query === -1 ? '' : s.slice(query + 1);
  }
  const params = s.split('&');
  const found = params.find((p) => p.startsWith(`${FRAGMENT_KEY}=`));
  if (found) s = found.slice(FRAGMENT_KEY.length + 1);
  else if (s.includes('=')) throw new PermalinkError('the link holds no configuration (no "c=" part)');
  try {
    s = decodeURIComponent(s);
  } catch {
    throw new PermalinkError('the link is not correctly URL-encoded');
  }
  if (s === '') throw new PermalinkError('the link holds no configuration');
  return s;
}

export type DecodeResult = { ok: true; answers: Answers; version: number } | { ok: false; error: string };

/** Decodes anything a user may paste; never throws. */
export function decodePermalink(input: string): DecodeResult {
  try {
    return { ok: true, ...decodeOrThrow(input) };
  } catch (e) {
    const message = e instanceof PermalinkError ? e.message : 'the link could not be read';
    return { ok: false, error: `Broken permalink: ${message}.` };
  }
}

function decodeOrThrow(input: string): { answers: Answers; version: number } {
  const encoded = extractEncoded(input);
  if (encoded.length > MAX_PERMALINK_LENGTH)
    throw new PermalinkError(`the link is too long (${encoded.length} characters; at most ${MAX_PERMALINK_LENGTH})`);
  const m = /^(\d{1,4})\.([zj])(.*)$/s.exec(encoded);
  if (!m) throw new PermalinkError('unknown format (expected "<version>.<data>")');
  const version = Number(m[1]);
  if (version < 1 || version > PERMALINK_VERSION)
    throw new PermalinkError(
      `version ${version} is not supported (this app reads versions 1 to ${PERMALINK_VERSION}; a newer app made it?)`,
    );
  const payload = m[3] ?? '';
  const bytes = fromBase64Url(payload);
  // Canonical base64url only: a changed padding bit is an altered link too.
  if (toBase64Url(bytes) !== payload) throw new PermalinkError('the link is corrupted (altered characters)');
  if (version >= 2 && m[2] !== 'z') throw new PermalinkError(`unknown format for version ${version}`);
  const jsonBytes = m[2] === 'z' ? (version >= 2 ? unzlibChecked(bytes) : inflateLimited(bytes)) : bytes;
  if (jsonBytes.length > MAX_JSON_BYTES) throw new PermalinkError('the link holds more data than any configuration');
  let text: string;
  try {
    text = strFromU8(jsonBytes);
  } catch {
    throw new PermalinkError('the link is corrupted (not UTF-8)');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PermalinkError('the link is corrupted (not JSON)');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new PermalinkError('the link does not hold a configuration object');
  let long: Record<string, unknown> = {};
  for (const [short, value] of Object.entries(parsed as Record<string, unknown>)) {
    const key = LONG_KEYS_V1.get(short);
    if (key === undefined) throw new PermalinkError(`unknown field "${short.slice(0, 20)}"`);
    Object.defineProperty(long, key, { value, enumerable: true, configurable: true, writable: true });
  }
  for (let v = version; v < PERMALINK_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (migrate) long = migrate(long);
  }
  const result = parseAnswers(long);
  if (!result.ok) {
    const first = result.errors[0];
    throw new PermalinkError(`${first?.field ?? 'a field'} ${first?.message ?? 'is invalid'}`.trim());
  }
  const errors = validateCombination(result.answers);
  if (errors.length) throw new PermalinkError(`invalid combination: ${errors[0]?.message ?? ''}`);
  return { answers: normalize(result.answers), version };
}
