/**
 * The gate of every input (`restoreAnswers`): the same hostile answers, wrapped for each door (a link, an answers
 * file with and without its envelope, the saved state, a preset), are refused with the same code and field; each
 * door's own wrapping is checked (size, keys, version); the presets pass the combination rules; every code has a
 * message in English and Japanese for every door.
 */
import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from './answers';
import { encodeAnswers, migrateFields, PERMALINK_VERSION, SHORT_KEYS, TABLE_KEY } from './permalink';
import { TABLE_DEFAULTS, VERSIONS_TABLE } from './versions';
import { generate } from './generate';
import { PRESETS } from './presets';
import {
  MAX_INPUT_SIZE,
  RESTORE_ERROR_CODES,
  restoreAnswers,
  restoreErrorMessage,
  restoreErrorReason,
  savedValue,
  type RestoreError,
  type RestoreKind,
  type RestoreResult,
} from './restore';
import { normalize, validateCombination } from './rules';
import { SECRET_SAMPLES } from '../testing/secret-samples';
import S01 from '../presets/S01.json';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const SHORT = new Map<string, string>(Object.entries(SHORT_KEYS));
/** A current link holding `fields` (long names; unknown names are kept as they are), made with the current table. */
const link = (fields: Record<string, unknown>) => {
  const short = Object.fromEntries(Object.entries(fields).map(([k, v]) => [SHORT.get(k) ?? k, v]));
  return `${PERMALINK_VERSION}.z${b64url(zlibSync(strToU8(JSON.stringify({ [TABLE_KEY]: VERSIONS_TABLE, ...short }))))}`;
};

/** The same answers wrapped for every door (the answers file twice: with and without its envelope). */
function everyDoor(fields: Record<string, unknown>): [string, RestoreKind, unknown][] {
  return [
    ['link', 'link', `https://wizard.example.com/#/build?c=${link(fields)}`],
    ['saved', 'saved', savedValue(link(fields))],
    ['file', 'file', JSON.stringify({ version: 1, answers: fields })],
    ['bare file', 'file', JSON.stringify(fields)],
    ['preset', 'preset', { ...S01, answers: fields }],
  ];
}

function refused(r: RestoreResult): RestoreError {
  if (r.ok) throw new Error('accepted');
  return r.error;
}

describe('every door refuses the same hostile answers with the same code', () => {
  const cases: [string, Record<string, unknown>, Partial<RestoreError>][] = [
    [
      'a token in a free-text field',
      { runnerDescription: SECRET_SAMPLES['gitlab-personal-token'] },
      { code: 'secret', field: 'runnerDescription', detail: 'gitlab-personal-token' },
    ],
    [
      'credentials in a proxy URL',
      { proxy: 'job', httpProxy: 'http://user:hunter2@proxy.example.com:3128' },
      { code: 'secret', field: 'httpProxy', detail: 'url-credentials' },
    ],
    [
      'a token in a list',
      { runnerTags: ['docker', SECRET_SAMPLES['aws-access-key']] },
      { code: 'secret', field: 'runnerTags.1' },
    ],
    [
      'a token in an enumeration',
      { executor: SECRET_SAMPLES['gitlab-runner-token'] },
      { code: 'secret', field: 'executor' },
    ],
    ['a value outside an enumeration', { executor: 'nonsense' }, { code: 'invalid-field', field: 'executor' }],
    ['a string for a boolean', { allowPrivileged: 'yes' }, { code: 'invalid-field', field: 'allowPrivileged' }],
    ['a path outside the repository', { dockerfile: '../etc/passwd' }, { code: 'invalid-field', field: 'dockerfile' }],
    [
      'two lines in a one-line field',
      { runnerDescription: 'a\nb' },
      { code: 'invalid-field', field: 'runnerDescription' },
    ],
    [
      'text longer than any field',
      { runnerDescription: 'x'.repeat(1001) },
      { code: 'invalid-field', field: 'runnerDescription' },
    ],
    ['an impossible combination', { os: 'windows', method: 'dind' }, { code: 'invalid-combination' }],
    [
      'privileged refused with Docker-in-Docker',
      { allowPrivileged: false },
      { code: 'invalid-combination', field: 'method' },
    ],
    ['an unknown field', { zz: 1 }, { code: 'unknown-field', field: 'zz' }],
    [
      'a __proto__ key',
      JSON.parse('{"__proto__":{"method":"socket"}}') as Record<string, unknown>,
      { code: 'unknown-field', field: '__proto__' },
    ],
  ];
  it.each(cases)('%s', (_name, fields, expected) => {
    const errors = everyDoor(fields).map(([door, kind, raw]) => {
      const error = refused(restoreAnswers({ kind, raw }));
      expect(error, door).toMatchObject({ ...expected, kind });
      for (const lang of ['en', 'ja'] as const) {
        const message = restoreErrorMessage(error, lang);
        expect(message).not.toMatch(/undefined|hunter2|glpat-|AKIA/);
        if (error.field) expect(message, `${door} ${lang}`).toContain(error.field);
      }
      return { code: error.code, field: error.field, detail: error.detail };
    });
    for (const e of errors) expect(e).toEqual(errors[0]);
    expect(({} as Record<string, unknown>).method).toBeUndefined();
  });

  it('the same valid answers come out of every door (normalised for links and saved state only)', () => {
    const fields = { executor: 'kubernetes', method: 'buildkit-rootless', runnerDescription: 'builder', mtu: 1450 };
    const written = { ...defaultAnswers(), ...fields } as Answers;
    // normalize() moves the mirror's place to where BuildKit reads it: what the app would hold.
    expect(normalize(written)).not.toEqual(written);
    for (const [door, kind, raw] of everyDoor(fields)) {
      const r = restoreAnswers({ kind, raw });
      if (!r.ok) throw new Error(`${door}: ${restoreErrorMessage(r.error, 'en')}`);
      expect(r.answers, door).toEqual(kind === 'link' || kind === 'saved' ? normalize(written) : written);
      expect(validateCombination(r.answers)).toEqual([]);
    }
  });

  it('each door measures its input before parsing it', () => {
    const over = (kind: RestoreKind) => 'x'.repeat(MAX_INPUT_SIZE[kind] + 1);
    for (const kind of ['link', 'saved', 'file'] as const) {
      const error = refused(restoreAnswers({ kind, raw: over(kind) }));
      expect(error).toMatchObject({ code: 'too-large', kind, limit: MAX_INPUT_SIZE[kind] });
      expect(Number(error.detail)).toBeGreaterThan(MAX_INPUT_SIZE[kind]);
    }
    // Files and presets count UTF-8 bytes: 3 bytes per character here.
    const wide = JSON.stringify({ runnerDescription: '\u4e00'.repeat(Math.ceil(MAX_INPUT_SIZE.file / 3) + 1) });
    expect(refused(restoreAnswers({ kind: 'file', raw: wide })).code).toBe('too-large');
    const big = { ...S01, answers: { runnerDescription: 'x'.repeat(MAX_INPUT_SIZE.preset) } };
    expect(refused(restoreAnswers({ kind: 'preset', raw: big })).code).toBe('too-large');
    expect(restoreErrorMessage(refused(restoreAnswers({ kind: 'link', raw: over('link') })), 'en')).toMatch(
      /^Broken permalink: the link is too long \(\d+ characters; at most \d+\)\.$/,
    );
  });

  it('a version newer than this app is refused by every door that carries one', () => {
    const newer = PERMALINK_VERSION + 1;
    const newerLink = link({}).replace(/^\d+\./, `${newer}.`);
    const inputs: [RestoreKind, unknown][] = [
      ['link', newerLink],
      ['file', JSON.stringify({ version: newer, answers: {} })],
      ['preset', { ...S01, version: newer }],
      ['saved', JSON.stringify({ version: 2, config: link({}) })],
      ['saved', savedValue(newerLink)],
    ];
    for (const [kind, raw] of inputs)
      expect(refused(restoreAnswers({ kind, raw })), kind).toMatchObject({ code: 'version-unsupported' });
    for (const version of [0, 1.5, '1', null])
      expect(refused(restoreAnswers({ kind: 'file', raw: JSON.stringify({ version, answers: {} }) })).code).toBe(
        'version-unsupported',
      );
  });

  it('what is not an object is refused as such by every door', () => {
    for (const [kind, raw] of [
      ['link', `1.j${b64url(strToU8('[]'))}`],
      ['saved', '[1,2,3]'],
      ['saved', JSON.stringify({ version: 1, config: 42 })],
      ['file', '[]'],
      ['file', JSON.stringify({ version: 1, answers: [] })],
      ['preset', null],
    ] as [RestoreKind, unknown][])
      expect(refused(restoreAnswers({ kind, raw })), `${kind} ${String(raw)}`).toMatchObject({ code: 'not-object' });
    expect(refused(restoreAnswers({ kind: 'file', raw: '{"executor": "docker",' }))).toMatchObject({
      code: 'not-json',
      kind: 'file',
    });
    expect(refused(restoreAnswers({ kind: 'link', raw: `2.z${b64url(zlibSync(strToU8('not json')))}` })).code).toBe(
      'not-json',
    );
  });
});

describe('the envelope of each door', () => {
  it('answers files: only the known keys around the answers, versions 1 to the current one', () => {
    const ok = (raw: unknown) => restoreAnswers({ kind: 'file', raw }).ok;
    expect(ok(JSON.stringify({ version: 1, id: 'x', title: { en: 'x' }, source: '', $schema: 'x', answers: {} }))).toBe(
      true,
    );
    expect(ok(JSON.stringify({ version: PERMALINK_VERSION, answers: {} }))).toBe(true);
    expect(ok(JSON.stringify({ answers: {} }))).toBe(true);
    expect(refused(restoreAnswers({ kind: 'file', raw: JSON.stringify({ answers: {}, extra: 1 }) }))).toMatchObject({
      code: 'unknown-field',
      field: 'extra',
    });
  });

  it('saved state: the current shape, the older ones (outdated: saved again), and keys outside the envelope', () => {
    const answers = normalize({ ...defaultAnswers(), method: 'podman' });
    const encoded = encodeAnswers(answers);
    const current = restoreAnswers({ kind: 'saved', raw: savedValue(encoded) });
    expect(current).toEqual({
      ok: true,
      answers,
      version: PERMALINK_VERSION,
      outdated: false,
      versionsTable: VERSIONS_TABLE,
      newerVersions: [],
    });
    // The version answers a link of version 1 omits are those of its time (versions table 1).
    const legacy = `1.j${b64url(strToU8(`{"m":"podman","dv":"${answers.dockerVersion}"}`))}`;
    for (const raw of [
      encoded,
      JSON.stringify(encoded),
      JSON.stringify({ config: encoded }),
      JSON.stringify({ version: 0, config: encoded }),
      savedValue(legacy),
    ]) {
      const r = restoreAnswers({ kind: 'saved', raw });
      expect(r, raw).toMatchObject({ ok: true, answers, outdated: true });
    }
    expect(restoreAnswers({ kind: 'saved', raw: savedValue(legacy) })).toMatchObject({ migratedFrom: 1 });
    expect(
      refused(restoreAnswers({ kind: 'saved', raw: JSON.stringify({ version: 1, config: encoded, x: 1 }) })),
    ).toMatchObject({ code: 'unknown-field', field: 'x' });
    expect(refused(restoreAnswers({ kind: 'saved', raw: savedValue(encoded.slice(0, -3)) })).kind).toBe('saved');
  });

  it('links: the codec reasons come out as codes', () => {
    const good = encodeAnswers(normalize({ ...defaultAnswers(), method: 'buildah' }));
    const code = (raw: string) => refused(restoreAnswers({ kind: 'link', raw })).code;
    expect(code('')).toBe('empty');
    expect(code('https://x.example/#/build')).toBe('empty');
    expect(code('https://x.example/#a=1&b=2')).toBe('empty');
    expect(code('1.j%E0%A4%A')).toBe('url-encoding');
    expect(code('x.y')).toBe('format');
    expect(code(`2.j${b64url(strToU8('{}'))}`)).toBe('format');
    expect(code('1.j!!!!')).toBe('not-base64url');
    expect(code(good.slice(0, -4))).toMatch(/^(truncated|checksum|corrupted)$/);
    expect(code(`${good.slice(0, 12)}${good[12] === 'A' ? 'B' : 'A'}${good.slice(13)}`)).toMatch(
      /^(checksum|corrupted|truncated)$/,
    );
    expect(code(`2.z${b64url(zlibSync(strToU8(JSON.stringify({ de: 'a'.repeat(100_000) }))))}`)).toBe('too-much-data');
  });
});

describe('presets go through the gate', () => {
  it('every preset is a possible combination, as loaded', () => {
    expect(PRESETS.length).toBeGreaterThan(0);
    for (const p of PRESETS) expect(validateCombination(p.answers), p.id).toEqual([]);
  });

  it('a preset with an impossible combination is refused', () => {
    const error = refused(
      restoreAnswers({ kind: 'preset', raw: { ...S01, answers: { os: 'windows', method: 'dind' } } }),
    );
    expect(error).toMatchObject({ code: 'invalid-combination', kind: 'preset' });
    expect(restoreErrorMessage(error, 'en')).toMatch(/^Invalid preset: invalid combination: \w+=".+": .+\.$/);
    expect(restoreErrorMessage(error, 'ja')).toMatch(
      /^プリセットが正しくありません（組み合わせが正しくありません: \w+=".+": .*[\u3040-\u30ff]/,
    );
  });
});

describe('messages', () => {
  const samples = (kind: RestoreKind): RestoreError[] =>
    RESTORE_ERROR_CODES.flatMap((code): RestoreError[] => {
      const base = { code, kind, field: 'runnerDescription' };
      switch (code) {
        case 'too-large':
          return [{ ...base, detail: '70000', limit: 65536 }];
        case 'format':
          return [base, { ...base, detail: '2' }];
        case 'version-unsupported':
          return [{ ...base, detail: '9' }];
        case 'corrupted':
          return ['header', 'altered', 'deflate', 'utf8', undefined].map((detail) => ({ ...base, detail }));
        case 'secret':
          return [
            { ...base, detail: 'gitlab-personal-token' },
            { ...base, detail: 'url-credentials' },
          ];
        case 'invalid-field':
          return [{ ...base, detail: 'must be one line of text' }];
        case 'invalid-combination':
          return [
            {
              ...base,
              field: 'method',
              detail: 'method="dind": reason',
              text: { en: 'method="dind": reason', ja: 'method="dind": 理由' },
            },
          ];
        default:
          return [base];
      }
    });

  it.each(['link', 'saved', 'file', 'preset'] as const)('every code has a message in en and ja (%s)', (kind) => {
    for (const error of samples(kind)) {
      const reason = restoreErrorReason(error);
      const en = restoreErrorMessage(error, 'en');
      const ja = restoreErrorMessage(error, 'ja');
      const what = `${error.code} ${error.detail ?? ''}`;
      expect(en, what).toContain(reason.en);
      expect(ja, what).toContain(reason.ja);
      expect(reason.en.length, what).toBeGreaterThan(5);
      expect(reason.ja, what).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(reason.ja, what).not.toBe(reason.en);
      expect(`${en} ${ja}`, what).not.toMatch(/undefined|NaN|\[object/);
      expect(en, what).not.toContain('\n');
    }
  });

  it('the door is named: a link, the saved configuration, an answers file, a preset', () => {
    const error = (kind: RestoreKind): RestoreError => ({ code: 'truncated', kind });
    expect(restoreErrorMessage(error('link'), 'en')).toBe('Broken permalink: the link is truncated.');
    expect(restoreErrorMessage(error('link'), 'ja')).toBe(
      'パーマリンクを読み込めません（リンクが途中で切れています）。',
    );
    expect(restoreErrorMessage(error('saved'), 'en')).toMatch(
      /^The configuration saved in this browser could not be read: /,
    );
    expect(restoreErrorMessage(error('file'), 'en')).toMatch(/^Invalid answers file: /);
    expect(restoreErrorMessage(error('preset'), 'ja')).toMatch(/^プリセット/);
  });
});

describe('migrations', () => {
  it('every door reports the version it read, and the answers are migrated from it', () => {
    const v1 = `1.j${b64url(strToU8('{"m":"podman"}'))}`;
    expect(restoreAnswers({ kind: 'link', raw: v1 })).toMatchObject({ ok: true, version: 1, migratedFrom: 1 });
    expect(restoreAnswers({ kind: 'file', raw: '{"version":1,"answers":{"method":"podman"}}' })).toMatchObject({
      ok: true,
      version: 1,
      migratedFrom: 1,
    });
    const current: Answers = normalize({ ...defaultAnswers(), method: 'podman' });
    const r = restoreAnswers({ kind: 'link', raw: encodeAnswers(current) });
    expect(r).toMatchObject({ ok: true, version: PERMALINK_VERSION, outdated: false });
    expect(r).not.toHaveProperty('migratedFrom');
  });

  it('migrateFields copies own keys only, never setting a prototype from input', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":true},"method":"podman"}') as Record<string, unknown>;
    const out = migrateFields(hostile, 1);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'method']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out).not.toBe(hostile);
  });
});

describe('links keep the versions of the table they were made with', () => {
  const v1 = (json: string) => `1.j${b64url(strToU8(json))}`;

  it('a link before the table gets table 1 defaults, names the newer versions and their defects', () => {
    const r = restoreAnswers({ kind: 'link', raw: v1('{}') });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.answers.dockerVersion).toBe(TABLE_DEFAULTS[1]?.dockerVersion);
    expect(r).toMatchObject({ versionsTable: 1, outdated: true });
    expect(r.newerVersions).toHaveLength(1);
    const [u] = r.newerVersions;
    expect(u).toMatchObject({ answer: 'dockerVersion', from: '29.7.2', to: defaultAnswers().dockerVersion });
    expect(u?.defects.map((d) => d.id)).toEqual(['moby-53293']);
    // Saved again, it records those versions: it opens to the same answers, current and without notice.
    const again = restoreAnswers({ kind: 'link', raw: encodeAnswers(r.answers) });
    if (!again.ok) throw new Error(again.error.code);
    expect(again.answers).toEqual(r.answers);
    expect(again).toMatchObject({ versionsTable: VERSIONS_TABLE, outdated: false });
    // The version it kept has a known defect: the findings name it and the nearest good version.
    const finding = generate(again.answers).findings.find((f) => f.id === 'version-known-defect');
    expect(finding?.reason).toContain('moby/moby/issues/53293');
    expect(finding?.fix.patch).toEqual({ dockerVersion: '29.6.2' });
  });

  it('a version the link sets is kept; a version question that does not apply is not offered', () => {
    const pinned = restoreAnswers({ kind: 'link', raw: v1('{"dv":"28.5.1"}') });
    if (!pinned.ok) throw new Error(pinned.error.code);
    expect(pinned.answers.dockerVersion).toBe('28.5.1');
    expect(pinned.newerVersions).toEqual([]);
    const buildah = restoreAnswers({ kind: 'link', raw: v1('{"m":"buildah"}') });
    if (!buildah.ok) throw new Error(buildah.error.code);
    expect(buildah.newerVersions).toEqual([]);
  });

  it('answers files take the current defaults; a table newer than this app is refused', () => {
    const file = restoreAnswers({ kind: 'file', raw: '{"version":1,"answers":{}}' });
    expect(file).toMatchObject({
      ok: true,
      answers: defaultAnswers(),
      versionsTable: VERSIONS_TABLE,
      newerVersions: [],
    });
    const newer = `${PERMALINK_VERSION}.z${b64url(zlibSync(strToU8(JSON.stringify({ [TABLE_KEY]: VERSIONS_TABLE + 1 }))))}`;
    expect(refused(restoreAnswers({ kind: 'link', raw: newer }))).toMatchObject({ code: 'version-unsupported' });
    const bad = `${PERMALINK_VERSION}.z${b64url(zlibSync(strToU8(JSON.stringify({ [TABLE_KEY]: 'x' }))))}`;
    expect(refused(restoreAnswers({ kind: 'link', raw: bad }))).toMatchObject({ code: 'version-unsupported' });
  });
});
