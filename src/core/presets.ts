/**
 * The presets: one answers file per scenario of the catalog (spec/scenarios.md, S01-S40). Each file holds only
 * the answers that differ from the defaults; it is read here through the gate of every input (`restoreAnswers`:
 * envelope, version, secrets, schema and combination rules), and an invalid file is an error at load time.
 */
import type { Answers } from './answers';
import { restoreAnswers, restoreErrorMessage } from './restore';
import S01 from '../presets/S01.json';
import S02 from '../presets/S02.json';
import S03 from '../presets/S03.json';
import S04 from '../presets/S04.json';
import S05 from '../presets/S05.json';
import S06 from '../presets/S06.json';
import S07 from '../presets/S07.json';
import S08 from '../presets/S08.json';
import S09 from '../presets/S09.json';
import S10 from '../presets/S10.json';
import S11 from '../presets/S11.json';
import S12 from '../presets/S12.json';
import S13 from '../presets/S13.json';
import S14 from '../presets/S14.json';
import S15 from '../presets/S15.json';
import S16 from '../presets/S16.json';
import S17 from '../presets/S17.json';
import S18 from '../presets/S18.json';
import S19 from '../presets/S19.json';
import S20 from '../presets/S20.json';
import S21 from '../presets/S21.json';
import S22 from '../presets/S22.json';
import S23 from '../presets/S23.json';
import S24 from '../presets/S24.json';
import S25 from '../presets/S25.json';
import S26 from '../presets/S26.json';
import S27 from '../presets/S27.json';
import S28 from '../presets/S28.json';
import S29 from '../presets/S29.json';
import S30 from '../presets/S30.json';
import S31 from '../presets/S31.json';
import S32 from '../presets/S32.json';
import S33 from '../presets/S33.json';
import S34 from '../presets/S34.json';
import S35 from '../presets/S35.json';
import S36 from '../presets/S36.json';
import S37 from '../presets/S37.json';
import S38 from '../presets/S38.json';
import S39 from '../presets/S39.json';
import S40 from '../presets/S40.json';

/** A preset's title in English and Japanese. */
export interface PresetTitle {
  en: string;
  ja: string;
}

/** A scenario of the catalog (`S01`-`S40`) with its answers, read through `restoreAnswers` like any answers file. */
export interface Preset {
  id: string;
  title: PresetTitle;
  /** Where the scenario comes from in the source documents. */
  source: string;
  answers: Answers;
}

interface PresetFile {
  version: number;
  id: string;
  title: PresetTitle;
  source: string;
  answers: unknown;
}

const FILES: PresetFile[] = [
  S01,
  S02,
  S03,
  S04,
  S05,
  S06,
  S07,
  S08,
  S09,
  S10,
  S11,
  S12,
  S13,
  S14,
  S15,
  S16,
  S17,
  S18,
  S19,
  S20,
  S21,
  S22,
  S23,
  S24,
  S25,
  S26,
  S27,
  S28,
  S29,
  S30,
  S31,
  S32,
  S33,
  S34,
  S35,
  S36,
  S37,
  S38,
  S39,
  S40,
];

/** A preset through the gate of every input (`restoreAnswers`, door `preset`): an invalid preset throws here. */
function load(file: PresetFile): Preset {
  const restored = restoreAnswers({ kind: 'preset', raw: file });
  if (!restored.ok) throw new Error(`preset ${file.id}: ${restoreErrorMessage(restored.error, 'en')}`);
  return { id: file.id, title: file.title, source: file.source, answers: restored.answers };
}

/** Every preset, S01 to S40 in order. Loading this module throws if `restoreAnswers` refuses a preset file. */
export const PRESETS: readonly Preset[] = FILES.map(load);

/** The preset with this id (`S01` ... `S40`, case-sensitive), or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
