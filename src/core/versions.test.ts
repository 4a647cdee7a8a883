/**
 * The versions table: comparisons, defect ranges (floating tags included), the defaults of every table version, and
 * that every entry cites its source.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS } from './answers';
import { BINFMT_IMAGE, buildxBuilderImage } from './images';
import {
  compareVersions,
  CURRENT_DEFAULTS,
  DEFECTS,
  defectsOf,
  inDefectRange,
  nearestGood,
  newerDefaults,
  TABLE_DEFAULTS,
  TOOL_TABLE,
  TOOLS,
  toolOf,
  VERSION_ANSWERS,
  VERSIONS_TABLE,
} from './versions';

describe('versions table', () => {
  it('compares versions number by number, with or without v', () => {
    expect(compareVersions('29.6.2', '29.7.0')).toBeLessThan(0);
    expect(compareVersions('v0.32.0', 'v0.31.2')).toBeGreaterThan(0);
    expect(compareVersions('29.7', '29.7.0')).toBe(0);
    expect(compareVersions('29.10.0', '29.9.9')).toBeGreaterThan(0);
  });

  it('puts a release, and a tag that floats over the range, inside a defect range', () => {
    const d = { from: '29.7.0', to: '29.7.2' };
    expect(['29.7.0', '29.7.1', '29.7.2', '29.7', '29'].map((v) => inDefectRange(d, v))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['29.6.2', '29.6', '29.7.3', '28', '30.0.0'].map((v) => inDefectRange(d, v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(inDefectRange({ from: 'v0.32.0', to: null }, 'v0.40.1')).toBe(true);
  });

  it('defaults avoid every known defect, and the defaults come from the table', () => {
    for (const k of VERSION_ANSWERS) {
      expect(DEFAULT_ANSWERS[k]).toBe(CURRENT_DEFAULTS[k]);
      expect(defectsOf(toolOf(k), DEFAULT_ANSWERS[k])).toEqual([]);
    }
    for (const t of TOOLS) expect(defectsOf(t, TOOL_TABLE[t].pinned)).toEqual([]);
    expect(BINFMT_IMAGE).toBe(`tonistiigi/binfmt:${TOOL_TABLE.binfmt.pinned}`);
    expect(buildxBuilderImage({ ...DEFAULT_ANSWERS })).toBe(`moby/buildkit:${CURRENT_DEFAULTS.buildkitVersion}`);
  });

  it('every defect names its sources and a nearest good version without it', () => {
    for (const d of DEFECTS) {
      expect(d.sources.length).toBeGreaterThan(0);
      for (const s of d.sources) expect(s).toMatch(/^https:\/\//);
      expect(defectsOf(d.tool, d.nearestGood)).toEqual([]);
      expect(nearestGood(d.tool, d.from)).toBe(d.nearestGood);
    }
    for (const t of TOOLS) for (const r of TOOL_TABLE[t].releases) expect(r.source).toMatch(/^https:\/\//);
  });

  it('every table version has defaults; an older table lists what moved and why', () => {
    for (let t = 1; t <= VERSIONS_TABLE; t++)
      expect(Object.keys(TABLE_DEFAULTS[t] ?? {})).toEqual([...VERSION_ANSWERS]);
    const updates = newerDefaults(1, { ...CURRENT_DEFAULTS, dockerVersion: '29.7.2' });
    expect(updates).toMatchObject([{ answer: 'dockerVersion', from: '29.7.2', to: CURRENT_DEFAULTS.dockerVersion }]);
    expect(updates[0]?.defects.map((d) => d.id)).toEqual(['moby-53293']);
    expect(newerDefaults(VERSIONS_TABLE, { ...CURRENT_DEFAULTS })).toEqual([]);
  });
});
