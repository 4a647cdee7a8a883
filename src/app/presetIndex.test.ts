import { describe, expect, it } from 'vitest';
import { needsPrivileged } from '../core/vocabulary';
import { matchesPreset, PRESET_ENTRIES, PRESET_GROUPS } from './presetIndex';

const ids = (q: string) => PRESET_ENTRIES.filter((e) => matchesPreset(e, q)).map((e) => e.preset.id);

describe('start page setup index', () => {
  it('puts every documented setup in exactly one known group', () => {
    expect(PRESET_ENTRIES).toHaveLength(40);
    for (const e of PRESET_ENTRIES) expect(PRESET_GROUPS).toContain(e.group);
  });

  it('finds the Kubernetes setups for "helm" in either language, also typed full-width', () => {
    const k8s = PRESET_ENTRIES.filter((e) => e.preset.answers.executor === 'kubernetes').map((e) => e.preset.id);
    expect(PRESET_ENTRIES.filter((e) => e.group === 'kubernetes').map((e) => e.preset.id)).toEqual(k8s);
    expect(k8s.length).toBeGreaterThan(5);
    expect(ids('helm')).toEqual(k8s);
    expect(ids('ＨＥＬＭ')).toEqual(k8s);
  });

  it('finds the multi-platform setups for "arm64"', () => {
    expect(ids('arm64')).toEqual(['S27', 'S34']);
  });

  it('"privileged" and "特権" find exactly the setups whose daemon needs a privileged container', () => {
    const expected = PRESET_ENTRIES.filter((e) => needsPrivileged(e.preset.answers)).map((e) => e.preset.id);
    expect(ids('privileged')).toEqual(expected);
    expect(ids('特権')).toEqual(expected);
    expect(ids('rootless')).not.toContain('S02');
  });

  it('needs every word to match, and matches titles of the other language', () => {
    expect(ids('kubernetes mirror')).toEqual(['S14', 'S16']);
    expect(ids('ミラー')).toEqual(ids('mirror'));
    expect(ids('no-such-word')).toEqual([]);
    expect(ids('')).toHaveLength(40);
  });
});
