/**
 * Round trip (issue 15): importing every preset's own generated files (`.gitlab-ci.yml`, `config.toml` or
 * `values.yaml`, `daemon.json`, `buildkitd.toml`) gives answers that regenerate the SAME importable files byte for
 * byte, in both languages: that is what "the same answers" means for files. Answers the files cannot carry (they
 * change only SETUP.md, the register scripts or kubernetes.sh) may differ from the preset's; each such answer is
 * listed below with the reason, and the test fails when the list is not exactly what differs. Linting the imported
 * files gives no finding whose id the generated files' findings do not already have.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_KEYS, type Answers } from '../answers';
import { generate } from '../generate';
import { LANGS } from '../i18n';
import { PRESETS } from '../presets';
import { normalize } from '../rules';
import { importFiles } from './index';

/** The generated files a user can import. */
const IMPORTABLE = new Set(['.gitlab-ci.yml', 'config.toml', 'values.yaml', 'daemon.json', 'buildkitd.toml']);

/**
 * Presets whose importable files cannot give back files equal to theirs, with the answer the files cannot express.
 * Empty: every preset round-trips.
 */
const KNOWN_LOSSY: Readonly<Record<string, { answer: keyof Answers; reason: string }>> = {};

/**
 * Answers that differ from the preset's (normalized) while the regenerated importable files are the same: the
 * importable files do not show them.
 */
const NOT_IN_THE_FILES: Readonly<Record<string, Partial<Record<keyof Answers, string>>>> = {
  S11: {
    eksDockerdRename:
      "EKS's dockerd rename is a node setting: it changes kubernetes.sh and SETUP.md only, never .gitlab-ci.yml or values.yaml.",
  },
  S32: {
    fromKaniko:
      'The Kaniko migration writes the same rootless BuildKit job as buildkit-rootless; only SETUP.md carries its migration notes.',
  },
};

const importable = (files: { path: string; content: string }[]) =>
  files.filter((f) => IMPORTABLE.has(f.path)).map((f) => ({ path: f.path, content: f.content }));

describe('import round trip of every preset', () => {
  for (const preset of PRESETS) {
    for (const lang of LANGS) {
      it(`${preset.id} (${lang}): the inferred answers regenerate the same files`, () => {
        const generated = generate(preset.answers, { lang });
        const files = importable(generated.files);
        expect(files.length).toBeGreaterThan(0);
        const result = importFiles(files);
        expect(result.setup.problems.filter((p) => p.kind === 'parse')).toEqual([]);
        const again = importable(generate(result.answers, { lang }).files);
        const lossy = KNOWN_LOSSY[preset.id];
        if (lossy) {
          expect(again).not.toEqual(files);
          return;
        }
        expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
        for (const f of files) expect(again.find((g) => g.path === f.path)?.content, f.path).toBe(f.content);

        const want = normalize(preset.answers);
        const differing = ANSWER_KEYS.filter((k) => JSON.stringify(want[k]) !== JSON.stringify(result.answers[k]));
        expect(differing).toEqual(Object.keys(NOT_IN_THE_FILES[preset.id] ?? {}));
      });

      it(`${preset.id} (${lang}): linting the files finds nothing the generated findings do not have`, () => {
        const generated = generate(preset.answers, { lang });
        const result = importFiles(importable(generated.files));
        const known = new Set(generated.findings.map((f) => f.id));
        const extra = result.findings.filter((f) => !known.has(f.id));
        expect(extra.map((f) => `${f.id} ${f.pos.file}:${f.pos.line} ${f.reason.en}`)).toEqual([]);
      });
    }
  }

  it('the known-lossy table names only presets and answers that exist', () => {
    for (const [id, entry] of Object.entries(KNOWN_LOSSY)) {
      expect(PRESETS.some((p) => p.id === id)).toBe(true);
      expect(ANSWER_KEYS).toContain(entry.answer);
    }
  });
});
