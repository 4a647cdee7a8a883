/**
 * Recognises values that look like credentials. Such values are refused in every field: the product works with
 * CI/CD variable names, never with secret values, so nothing secret can reach a file, a link or local storage.
 */

export type SecretKind =
  | 'gitlab-runner-token'
  | 'gitlab-registration-token'
  | 'gitlab-personal-token'
  | 'gitlab-deploy-token'
  | 'gitlab-other-token'
  | 'url-credentials'
  | 'docker-auth-blob'
  | 'private-key'
  | 'aws-access-key'
  | 'gcp-key'
  | 'github-token'
  | 'docker-hub-token'
  | 'slack-token'
  | 'jwt';

const PATTERNS: [SecretKind, RegExp][] = [
  ['gitlab-runner-token', /\bglrt-[A-Za-z0-9_-]{8,}/],
  ['gitlab-registration-token', /\bGR1348941[A-Za-z0-9_-]{8,}/],
  ['gitlab-personal-token', /\bglpat-[A-Za-z0-9_-]{8,}/],
  ['gitlab-deploy-token', /\bgldt-[A-Za-z0-9_-]{8,}/],
  ['gitlab-other-token', /\bgl(?:oas|ptt|ft|imt|agent|cbt|rtr|soat|ffct|sa)-[A-Za-z0-9_-]{8,}/],
  // ://user:password@ after any scheme (a bare user@host is not a secret). The password may hold anything but
  // spaces and `@`; both parts are bounded, so the matching stays linear in the length of the value.
  ['url-credentials', /:\/\/[^\s/:@]{1,256}:[^\s@]{0,256}@/],
  ['private-key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/],
  ['aws-access-key', /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/],
  ['gcp-key', /"type"\s*:\s*"service_account"|\bAIza[0-9A-Za-z_-]{35}\b/],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/],
  ['docker-hub-token', /\bdckr_pat_[A-Za-z0-9_-]{20,}/],
  ['slack-token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  // "auth": "<base64 of user:password>" as in ~/.docker/config.json or DOCKER_AUTH_CONFIG
  ['docker-auth-blob', /"auths?"\s*:\s*[{"]/],
];

/** Legacy registration tokens predate the GR1348941 prefix: 20 or so random characters, alone in the field. */
const BARE_TOKEN = /^[A-Za-z0-9_-]{20,}$/;

/** A base64 value decoding to `user:password`, the shape of an `auth` entry. */
function isBase64Credential(value: string): boolean {
  const s = value.trim();
  if (s.length < 8 || s.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 !== 0) return false;
  let decoded: string;
  try {
    decoded = atob(s);
  } catch {
    return false;
  }
  return /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded) && !decoded.includes('//');
}

/**
 * The kind of credential `value` looks like (GitLab tokens, `user:password@` in a URL, Docker auth blobs, keys,
 * JWTs), or null. A bare run of 20+ token characters with digits and both cases counts as a registration token.
 */
export function secretKind(value: string): SecretKind | null {
  for (const [kind, re] of PATTERNS) if (re.test(value)) return kind;
  if (isBase64Credential(value)) return 'docker-auth-blob';
  // A long run of random-looking characters with digits and both cases is very likely a token.
  if (
    BARE_TOKEN.test(value) &&
    /\d/.test(value) &&
    /[a-z]/.test(value) &&
    /[A-Z]/.test(value) &&
    !/^v?\d/.test(value)
  ) {
    return 'gitlab-registration-token';
  }
  return null;
}

/** Walks any JSON-like value and reports the first string that looks like a secret, with its path. */
export function findSecret(value: unknown, path: string[] = []): { path: string; kind: SecretKind } | null {
  if (typeof value === 'string') {
    const kind = secretKind(value);
    return kind ? { path: path.join('.') || '(value)', kind } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecret(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, item] of Object.entries(value)) {
      const found = findSecret(item, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

const REDACTED = '[secret removed]';
const GLOBAL_PATTERNS: [SecretKind, RegExp][] = PATTERNS.filter(
  ([kind]) => kind !== 'docker-auth-blob' && kind !== 'url-credentials',
).map(([kind, re]) => [kind, new RegExp(re.source, `${re.flags}g`)]);
/** The start of a URL's user information: `://user:`. */
const URL_USER = /:\/\/[^\s/:@]{1,256}:/g;
const AUTH_BLOB = /("auths?"\s*:\s*)[{"].*$/;
/** `--password=x`, `-p x`, `password: x`, `TOKEN=x`: the value after a word that names a secret. */
const NAMED_VALUE =
  /((?:^|[\s"'{,(])(?:(?:-p|--password|--token)(?:\s*=\s*|\s+)|[A-Za-z_-]{0,40}(?:pass(?:word|wd)?|secret|token|api[_-]?key)["']?\s*[=:]\s*)["']?)(?!\[)[^\s"',;)}]{4,256}/gi;
const WORD = /[A-Za-z0-9+/_.-]{8,}={0,2}/g;

/** Redacts the password of every `scheme://user:password@host`, up to the last `@` before the host. */
function redactUrlPasswords(text: string): string {
  let out = '';
  let last = 0;
  URL_USER.lastIndex = 0;
  for (let m = URL_USER.exec(text); m; m = URL_USER.exec(text)) {
    const start = m.index + 3; // after "://"
    let end = start;
    const limit = Math.min(text.length, start + 520); // user and password are at most 256 characters each
    while (end < limit && !/[\s"'<>]/.test(text[end] ?? ' ')) end++;
    const at = text.lastIndexOf('@', end - 1);
    if (at < start) continue;
    const slash = text.indexOf('/', at);
    out += `${text.slice(last, start)}${REDACTED}@`;
    last = at + 1;
    URL_USER.lastIndex = Math.max(at + 1, slash === -1 ? at + 1 : Math.min(slash, end));
  }
  return out + text.slice(last);
}

/**
 * Text from outside (a pasted job log) with every credential-looking part replaced by "[secret removed]": tokens,
 * the user and password of a URL, values given to `--password`, `-p`, `TOKEN=`, private key headers, `auth` blobs,
 * base64 `user:password`. What the troubleshooter shows or prints of a log goes through this.
 */
export function redactSecrets(text: string): string {
  let out = redactUrlPasswords(text);
  for (const [, re] of GLOBAL_PATTERNS) out = out.replace(re, REDACTED);
  out = out.replace(AUTH_BLOB, `$1${REDACTED}`);
  out = out.replace(NAMED_VALUE, (m, head: string) => (m.slice(head.length) === REDACTED ? m : `${head}${REDACTED}`));
  return out.replace(WORD, (w) => (w === 'removed' || !secretKind(w) ? w : REDACTED));
}

/**
 * A secret as a message may show it: its first 4 characters (code points, so a surrogate pair is never split) then
 * `…`. The imported files' readers report found secrets this way; the value itself is never kept.
 */
export function maskSecret(value: string): string {
  return `${[...value].slice(0, 4).join('')}…`;
}
