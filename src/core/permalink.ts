/**
 * Permalink codec: answers <-> a compact, versioned string that holds only the non-default answers.
 *
 * Format: `c=<version>.<kind><payload>` in the URL fragment (never sent to a server), where the payload is the
 * base64url of a JSON object with short keys, zlib-compressed (`z`; version 1 links may also be plain JSON, `j`).
 * Decoding treats the string as hostile: the size is limited before anything is decoded, the inflated size is
 * limited while inflating, keys are looked up in a fixed table (so `__proto__` is just an unknown key). This module
 * only encodes and decodes the format, parses the configuration out of a URL (`linkConfig`, the one parser of the
 * fragment) and holds the table of migrations between versions; the values, secrets and combination are checked,
 * and the migrations run, by the one gate of every input, `restoreAnswers` in `restore.ts`.
 */
import { Inflate, strFromU8, strToU8, zlibSync } from 'fflate';
import { ANSWER_KEYS, diffFromDefaults, type Answers } from './answers';
import { VERSIONS_TABLE } from './versions';

/**
 * Version 4: the payload records the versions table it was made with (`TABLE_KEY`), so that a link whose version
 * answers were defaults keeps the versions of its time after the defaults move (`restore.ts` applies them). Links of
 * versions 1 to 3 were all made with table 1.
 * Version 3: the field's terms (`dindConnection`, `fromKaniko`, `overlay2`; see `MIGRATIONS[2]`), new short keys
 * for them. Version 2: zlib (deflate plus an Adler-32 checksum) in canonical base64url, so that an altered link is
 * refused instead of decoding to another configuration. Version 1 (raw deflate `z` or plain JSON `j`, no checksum)
 * still decodes with the short keys of its time.
 */
export const PERMALINK_VERSION = 4;
/**
 * The payload key of the versions table (`versions.ts` `VERSIONS_TABLE`) a link of version 4 or later was made
 * with; no answer's short key starts with `@`.
 */
export const TABLE_KEY = '@t';
/** The versions table of every link before version 4. */
export const FIRST_TABLE = 1;
/**
 * Longest accepted encoded configuration (characters), checked before decoding. The answers schema allows about
 * 41 KB of JSON (every text field at its maximum, 3-byte characters), about 37 000 characters once deflated and
 * encoded when the text does not compress: every valid configuration fits, megabytes do not.
 */
export const MAX_PERMALINK_LENGTH = 64 * 1024;
/** Longest accepted JSON after inflating (bytes): above the largest valid configuration. */
const MAX_JSON_BYTES = 64 * 1024;
/** The parameter that holds the configuration in a link's fragment (`#c=...`). */
export const FRAGMENT_KEY = 'c';

/** Fields of versions 1 and 2 that version 3 renamed (see `MIGRATIONS[2]`). */
type LegacyField = 'tls' | 'storageDriver';
/** Fields of version 3 that versions 1 and 2 did not have (renamed, or added since without a version bump). */
type V3Field =
  | 'dindConnection'
  | 'fromKaniko'
  | 'overlay2'
  | 'windowsHelperImage'
  | 'cloud'
  | 'instanceGroup'
  | 'cloudRegion'
  | 'cloudProject'
  | 'cloudResourceGroup'
  | 'connectorUser'
  | 'maxInstances'
  | 'capacityPerInstance'
  | 'maxUseCount'
  | 'idleCount'
  | 'idleMinutes'
  | 'k8sPodSecurity'
  | 'k8sNodeArch'
  | 'dindIptables'
  | 'plainHttpRegistry'
  | 'toolImagePrefix'
  | 'lint'
  | 'lintThreshold'
  | 'scan'
  | 'scanSeverity'
  | 'gatePolicy'
  | 'scanUserVar'
  | 'scanPasswordVar'
  | 'multiArch'
  | 'archTagAmd64'
  | 'archTagArm64'
  | 'buildMemory'
  | 'tagScheme'
  | 'tagPrefix'
  | 'tagShaForm'
  | 'tagSemverLatest'
  | 'tagTemplate'
  | 'ociLabels'
  | 'buildArgs'
  | 'buildSecrets'
  | 'buildTarget'
  | 'cachePerRef'
  | 'cacheProtectedWrite'
  | 'component'
  | 'componentName'
  | 'componentProject'
  | 'sbom'
  | 'provenance'
  | 'sign'
  | 'cosignKeyVar'
  | 'cosignPasswordVar'
  | 'promoteTargets';

/**
 * Short keys of versions 1 and 2, under their long names of that time. Never reorder or reuse: links in the wild
 * depend on them.
 */
export const SHORT_KEYS_V1: Readonly<Record<Exclude<keyof Answers, V3Field> | LegacyField, string>> = {
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

/**
 * Short keys of version 3: those of version 1 for the fields that kept their name, new keys for the renamed ones
 * (the retired keys `t` and `sd` are never reused).
 */
export const SHORT_KEYS: Readonly<Record<keyof Answers, string>> = Object.fromEntries([
  ...Object.entries(SHORT_KEYS_V1).filter(([long]) => long !== 'tls' && long !== 'storageDriver'),
  ['dindConnection', 'dc'],
  ['fromKaniko', 'fk'],
  ['overlay2', 'o2'],
  // Autoscaled executors and the Windows helper image (issue 13, item 3): links omit defaults, no version bump.
  ['windowsHelperImage', 'wh'],
  ['cloud', 'xc'],
  ['instanceGroup', 'xg'],
  ['cloudRegion', 'xr'],
  ['cloudProject', 'xp'],
  ['cloudResourceGroup', 'xz'],
  ['connectorUser', 'xn'],
  ['maxInstances', 'xm'],
  ['capacityPerInstance', 'xk'],
  ['maxUseCount', 'xu'],
  ['idleCount', 'xi'],
  ['idleMinutes', 'xt'],
  // Kubernetes Pod Security and node architecture (issue 13, item 4).
  ['k8sPodSecurity', 'ks'],
  ['k8sNodeArch', 'ka'],
  // The dind iptables backend (issue 13, real-world case dind-iptables-nftables-backend).
  ['dindIptables', 'ipt'],
  // Registries as they are (issue 13, item 5).
  ['plainHttpRegistry', 'ph'],
  ['toolImagePrefix', 'tp'],
  // Gates (issue 14, item 4): the `q…` keys.
  ['lint', 'ql'],
  ['lintThreshold', 'qt'],
  ['scan', 'qs'],
  ['scanSeverity', 'qv'],
  ['gatePolicy', 'qp'],
  ['scanUserVar', 'qu'],
  ['scanPasswordVar', 'qw'],
  // Native multi-arch (issue 14, item 5; prefix `z` reserved for it).
  ['multiArch', 'zm'],
  ['archTagAmd64', 'za'],
  ['archTagArm64', 'zr'],
  // Memory of the build container (issue 16, exit code 137).
  ['buildMemory', 'bm'],
  // Tags from git, metadata and build inputs (issue 14, items 1 and 2; prefix `g`).
  ['tagScheme', 'gs'],
  ['tagPrefix', 'gp'],
  ['tagShaForm', 'gh'],
  ['tagSemverLatest', 'gl'],
  ['tagTemplate', 'gt'],
  ['ociLabels', 'go'],
  ['buildArgs', 'ga'],
  ['buildSecrets', 'gk'],
  ['buildTarget', 'gg'],
  // Cache per ref and protected cache writes, the CI/CD catalog component (issue 14, items 7 and 8): `y…` keys.
  ['cachePerRef', 'yr'],
  ['cacheProtectedWrite', 'yp'],
  ['component', 'yc'],
  ['componentName', 'yn'],
  ['componentProject', 'yj'],
  // Supply chain and promotion (issue 14, items 3 and 6): the `s…` keys, never the retired `sd`.
  ['sbom', 'sb'],
  ['provenance', 'sp'],
  ['sign', 'ss'],
  ['cosignKeyVar', 'sk'],
  ['cosignPasswordVar', 'sw'],
  ['promoteTargets', 'st'],
]) as Record<keyof Answers, string>;
const LONG_KEYS = new Map(Object.entries(SHORT_KEYS).map(([long, short]) => [short, long]));

/**
 * A step that turns the decoded answers of one version (long field names, values not yet validated) into those of
 * the next version. It gets a fresh object that it may change and return; it must only rename or convert the fields
 * that it knows and leave anything else as it is (hostile input goes through it before the schema refuses it).
 */
export type Migration = (fields: Record<string, unknown>) => Record<string, unknown>;

/**
 * THE table of migrations, used by every input (links, answers files, presets, saved state; see `restore.ts`):
 * `MIGRATIONS[n]` turns answers of version `n` into version `n + 1`. Versions without an entry changed only the
 * link's encoding, not the fields: 1 -> 2 (zlib with a checksum instead of raw deflate). To rename or convert a
 * field, raise `PERMALINK_VERSION` and add one entry here for the previous version.
 */
export const MIGRATIONS: Readonly<Partial<Record<number, Migration>>> = {
  // 2 -> 3: the field's terms. `tls: tcp | off | socket-volume` (how the job reaches dind) becomes
  // `dindConnection: tls | plain-tcp | socket-volume`; the method `kaniko-migration` becomes rootless BuildKit with
  // `fromKaniko`; `storageDriver: default | overlay2-project | overlay2-runner` becomes `overlay2: default | job | runner`.
  2: (fields) => {
    const out = renameField(fields, 'tls', 'dindConnection', { tcp: 'tls', off: 'plain-tcp' });
    if (out.method === 'kaniko-migration') {
      out.method = 'buildkit-rootless';
      out.fromKaniko = true;
    }
    return renameField(out, 'storageDriver', 'overlay2', { 'overlay2-project': 'job', 'overlay2-runner': 'runner' });
  },
};

/** `fields[from]` moved to `to`, its value mapped through `values` (other values, even invalid ones, kept as they are). */
function renameField(
  fields: Record<string, unknown>,
  from: string,
  to: string,
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  if (!Object.hasOwn(fields, from)) return fields;
  const value = fields[from];
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(fields)) {
    if (key === from) continue;
    Object.defineProperty(out, key, { value: v, enumerable: true, configurable: true, writable: true });
  }
  const mapped = typeof value === 'string' && Object.hasOwn(values, value) ? values[value] : value;
  Object.defineProperty(out, to, { value: mapped, enumerable: true, configurable: true, writable: true });
  return out;
}

/**
 * Answers of version `from` (1 to `PERMALINK_VERSION`) brought to the current version by the migrations in turn.
 * Returns a new object; the input is not changed.
 */
export function migrateFields(fields: Record<string, unknown>, from: number): Record<string, unknown> {
  let out = copyFields(fields);
  for (let v = from; v < PERMALINK_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (migrate) out = migrate(out);
  }
  return out;
}

/** An own-property copy that treats `__proto__` as a plain key (no prototype is ever set from input). */
function copyFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

/** Why the codec refused a link (see `RestoreErrorCode` in `restore.ts` for the messages). */
export type PermalinkErrorCode =
  | 'too-large'
  | 'too-much-data'
  | 'empty'
  | 'url-encoding'
  | 'format'
  | 'version-unsupported'
  | 'not-base64url'
  | 'truncated'
  | 'checksum'
  | 'corrupted'
  | 'not-json'
  | 'not-object'
  | 'unknown-field';

/** What `corrupted` holds in `detail`: which layer of the link is damaged. */
export type CorruptedDetail = 'header' | 'altered' | 'deflate' | 'utf8';

/**
 * Thrown by the codec only (`decodePayload`); `restoreAnswers` turns it into a `RestoreError`. `detail` is
 * language-neutral: a number (a size or a version), a `CorruptedDetail`, or a field name; `limit` goes with
 * `too-large` (characters).
 */
export class PermalinkError extends Error {
  override name = 'PermalinkError';
  constructor(
    readonly code: PermalinkErrorCode,
    readonly detail?: string,
    readonly limit?: number,
  ) {
    super(`${code}${detail === undefined ? '' : ` (${detail})`}`);
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new PermalinkError('not-base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new PermalinkError('truncated');
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
    if (total > MAX_JSON_BYTES) throw new PermalinkError('too-much-data');
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    inflater.push(data, true);
  } catch (e) {
    if (e instanceof PermalinkError) throw e;
    throw new PermalinkError('corrupted', 'deflate' satisfies CorruptedDetail);
  }
  if (!done) throw new PermalinkError('truncated');
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
  const short: Record<string, unknown> = { [TABLE_KEY]: VERSIONS_TABLE };
  for (const key of ANSWER_KEYS) if (key in diff) short[SHORT_KEYS[key]] = diff[key];
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
    throw new PermalinkError('corrupted', 'header' satisfies CorruptedDetail);
  const out = inflateLimited(data.subarray(2, -4));
  const t = data.subarray(-4);
  const expected = (((t[0] ?? 0) << 24) | ((t[1] ?? 0) << 16) | ((t[2] ?? 0) << 8) | (t[3] ?? 0)) >>> 0;
  if (adler32(out) !== expected) throw new PermalinkError('checksum');
  return out;
}

/** The fragment without `#`: `c=<version>.z<base64url>`, holding only the non-default answers. */
export function permalinkFragment(answers: Answers): string {
  return `${FRAGMENT_KEY}=${encodeAnswers(answers)}`;
}

/** A full link: `baseUrl` (the app's address) plus the fragment; only the fragment when no base is known. */
export function permalinkUrl(answers: Answers, baseUrl = ''): string {
  const base = baseUrl.replace(/#.*$/, '');
  return `${base}#${permalinkFragment(answers)}`;
}

/**
 * THE parser of the configuration part of a link, for every caller (the gate, the app's URL sync): the raw value
 * of `c=` in a full URL, a fragment (`#c=...`), the app's address bar (`#/build?c=...`), `c=...`, or a bare value.
 * Returns null when the input holds no configuration (empty, a step without `c=`, other parameters only). The value
 * is not URL-decoded (`decodePayload` does it). Linear in the input's length; never throws.
 */
export function linkConfig(input: string): string | null {
  let s = input.trim();
  const hash = s.indexOf('#');
  if (hash !== -1) s = s.slice(hash + 1);
  // The app's own address bar: `#/build?c=...` (the step before the query), where only `c=` is a configuration.
  const step = s.startsWith('/');
  if (step) {
    const query = s.indexOf('?');
    s = query === -1 ? '' : s.slice(query + 1);
  }
  const found = s.split('&').find((p) => p.startsWith(`${FRAGMENT_KEY}=`));
  if (found !== undefined) s = found.slice(FRAGMENT_KEY.length + 1);
  else if (step || s.includes('=')) return null;
  return s === '' ? null : s;
}

/**
 * Decodes the compact format: `link` is anything `linkConfig` reads. Gives the version the link was written in
 * and its fields under their long names (values not validated, not migrated: `restoreAnswers` does that).
 * `table` is the versions table it was made with (`TABLE_KEY`; `FIRST_TABLE` before version 4).
 * Throws `PermalinkError` for a link that holds no configuration, is too long (`MAX_PERMALINK_LENGTH` characters
 * once extracted), of an unknown format or version, not base64url, truncated, altered (checksum, canonical
 * base64url), larger than any configuration once inflated, not UTF-8 / JSON / an object, or with an unknown key.
 */
export function decodePayload(link: string): { version: number; fields: Record<string, unknown>; table: number } {
  const raw = linkConfig(link);
  if (raw === null) throw new PermalinkError('empty');
  let encoded: string;
  try {
    encoded = decodeURIComponent(raw);
  } catch {
    throw new PermalinkError('url-encoding');
  }
  if (encoded === '') throw new PermalinkError('empty');
  if (encoded.length > MAX_PERMALINK_LENGTH)
    throw new PermalinkError('too-large', String(encoded.length), MAX_PERMALINK_LENGTH);
  const m = /^(\d{1,4})\.([zj])(.*)$/s.exec(encoded);
  if (!m) throw new PermalinkError('format');
  const version = Number(m[1]);
  if (version < 1 || version > PERMALINK_VERSION) throw new PermalinkError('version-unsupported', String(version));
  const payload = m[3] ?? '';
  const bytes = fromBase64Url(payload);
  // Canonical base64url only: a changed padding bit is an altered link too.
  if (toBase64Url(bytes) !== payload) throw new PermalinkError('corrupted', 'altered' satisfies CorruptedDetail);
  if (version >= 2 && m[2] !== 'z') throw new PermalinkError('format', String(version));
  const jsonBytes = m[2] === 'z' ? (version >= 2 ? unzlibChecked(bytes) : inflateLimited(bytes)) : bytes;
  if (jsonBytes.length > MAX_JSON_BYTES) throw new PermalinkError('too-much-data');
  let text: string;
  try {
    text = strFromU8(jsonBytes);
  } catch {
    throw new PermalinkError('corrupted', 'utf8' satisfies CorruptedDetail);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PermalinkError('not-json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PermalinkError('not-object');
  const fields: Record<string, unknown> = {};
  let table = FIRST_TABLE;
  for (const [short, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (version >= 4 && short === TABLE_KEY) {
      // A table this app does not know was made by a newer app: its defaults cannot be reproduced here.
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > VERSIONS_TABLE)
        throw new PermalinkError('version-unsupported', `table ${String(value).slice(0, 20)}`);
      table = value as number;
      continue;
    }
    const key = (version >= 3 ? LONG_KEYS : LONG_KEYS_V1).get(short);
    if (key === undefined) throw new PermalinkError('unknown-field', short.slice(0, 20));
    Object.defineProperty(fields, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return { version, fields, table };
}
