/**
 * What earlier versions wrote keeps opening to the same files. The fixtures were written by version 2 of the app
 * before the field renames of version 3 (`tls` -> `dindConnection`, `kaniko-migration` -> `fromKaniko`,
 * `storageDriver` -> `overlay2`): the 40 preset answers files as they were (`src/testing/fixtures/presets-v1/`,
 * envelope version 1) and the permalink of every preset (`src/testing/fixtures/links-v2.json`, link version 2).
 * Each is restored through the one gate and must give byte-identical files and the same findings as the current
 * preset; a link, which omits default answers, with the versions in force when it was made (versions table 1,
 * `TABLE_DEFAULTS[1]` in versions.ts), an answers file with the current defaults.
 */
import { describe, expect, it } from 'vitest';
import { generate } from './generate';
import { PERMALINK_VERSION } from './permalink';
import { PRESETS } from './presets';
import { restoreAnswers } from './restore';
import LINKS_V2 from '../testing/fixtures/links-v2.json';
import { DEFAULT_ANSWERS, type Answers } from './answers';
import { TABLE_DEFAULTS, VERSION_ANSWERS } from './versions';

const OLD_FILES = import.meta.glob<string>('../testing/fixtures/presets-v1/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

/** The answers with the version answers left at their default set to versions table `table`'s defaults. */
const atTable = (a: Answers, table: number): Answers => {
  const out = { ...a };
  for (const k of VERSION_ANSWERS) if (a[k] === DEFAULT_ANSWERS[k]) out[k] = TABLE_DEFAULTS[table]?.[k] ?? a[k];
  return out;
};

const sameOutput = (answers: Parameters<typeof generate>[0], id: string, table?: number) => {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  for (const lang of ['en', 'ja'] as const) {
    const now = generate(table === undefined ? preset.answers : atTable(preset.answers, table), { lang });
    const then = generate(answers, { lang });
    expect(then.files, `${id} ${lang} files`).toEqual(now.files);
    expect(then.findings, `${id} ${lang} findings`).toEqual(now.findings);
  }
};

describe('answers files of version 1 (before the renames of version 3)', () => {
  const entries = Object.entries(OLD_FILES);
  it('holds the 40 presets as they were written', () => {
    expect(entries).toHaveLength(40);
    expect(entries.filter(([, text]) => /"tls"|"storageDriver"|kaniko-migration/.test(text)).length).toBeGreaterThan(3);
  });
  it.each(entries.map(([path, text]) => [/S\d\d/.exec(path)?.[0] ?? path, text] as const))(
    '%s opens to the same files',
    (id, text) => {
      const restored = restoreAnswers({ kind: 'file', raw: text });
      if (!restored.ok) throw new Error(`${id}: ${restored.error.code} ${restored.error.field ?? ''}`);
      expect(restored.version).toBe(1);
      sameOutput(restored.answers, id);
    },
  );
});

describe('links of version 2', () => {
  it.each(Object.entries(LINKS_V2))('%s opens to the same files, with the versions of its time', (id, link) => {
    expect(link).toMatch(/^#c=2\./);
    const restored = restoreAnswers({ kind: 'link', raw: link });
    if (!restored.ok) throw new Error(`${id}: ${restored.error.code}`);
    expect(restored).toMatchObject({ version: 2, migratedFrom: 2, outdated: true, versionsTable: 1 });
    sameOutput(restored.answers, id, 1);
    // Its new link records those versions: it opens to the same files again.
    const again = restoreAnswers({ kind: 'link', raw: generate(restored.answers).permalink });
    if (!again.ok) throw new Error(`${id}: ${again.error.code}`);
    expect(again.answers).toEqual(restored.answers);
    expect(generate(restored.answers).permalink).toMatch(new RegExp(`^#c=${PERMALINK_VERSION}\\.`));
  });
});
