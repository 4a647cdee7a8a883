/**
 * The line indexes agree with the real parsers: for every YAML file of every preset (both languages) and of 300
 * random combinations, the fast YAML index gives, for every key path the `yaml` library finds, the same line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../generate';
import { PRESETS } from '../presets';
import { answersArb } from '../../testing/arbitraries';
import { parsedYamlLines } from '../../testing/yaml-lines';
import { jsonLineIndex, tomlLineIndex, yamlLineIndex } from './line-index';

function expectSameYamlLines(text: string, what: string): number {
  const index = yamlLineIndex(text);
  const reference = parsedYamlLines(text);
  for (const [path, line] of reference)
    expect(index.lineOf(JSON.parse(path) as (string | number)[]), `${what} ${path}`).toBe(line);
  return reference.size;
}

describe('YAML line index', () => {
  it('agrees with the yaml parser on every YAML file of every preset', () => {
    let paths = 0;
    for (const p of PRESETS)
      for (const lang of ['en', 'ja'] as const)
        for (const f of generate(p.answers, { lang }).files)
          if (f.language === 'yaml') paths += expectSameYamlLines(f.content, `${p.id} ${lang} ${f.path}`);
    expect(paths).toBeGreaterThan(1500);
  });

  it('agrees with the yaml parser on random combinations', () => {
    fc.assert(
      fc.property(answersArb, (a) => {
        for (const f of generate(a).files) if (f.language === 'yaml') expectSameYamlLines(f.content, f.path);
      }),
      { numRuns: 300 },
    );
  });

  it('reads quoted keys, block scalars and nested items', () => {
    const text = [
      '# header',
      'a:',
      '  "b: c": 1',
      "  'it''s': 2",
      '  list:',
      '    - x',
      '    - |-',
      '      line 1',
      '',
      '      line 2',
      '    - k: v',
      '      m: n',
      'z: 3',
    ].join('\n');
    const index = yamlLineIndex(text);
    expect(index.lineOf(['a', 'b: c'])).toBe(3);
    expect(index.lineOf(['a', "it's"])).toBe(4);
    expect(index.lineOf(['a', 'list', 1])).toBe(8);
    expect(index.lineOf(['a', 'list', 2, 'm'])).toBe(12);
    expect(index.lineOf(['z'])).toBe(13);
    expect(index.lineOf(['a', 'missing'])).toBeNull();
    expectSameYamlLines(text, 'sample');
  });

  it('resolves paths inside an embedded block scalar through its own index', () => {
    const text = ['runners:', '  config: |', '    [[runners]]', '    # c', '    executor = "docker"', 'x: 1'].join(
      '\n',
    );
    const index = yamlLineIndex(text, [{ path: ['runners', 'config'], index: tomlLineIndex }]);
    expect(index.lineOf(['runners', 'config', 'runners', 0, 'executor'])).toBe(5);
    expect(index.lineOf(['x'])).toBe(6);
  });
});

describe('TOML and JSON line indexes', () => {
  it('place array tables, nested tables, multi-line and inline arrays', () => {
    const toml = [
      '[[runners]]',
      'name = "a"',
      '  [runners.docker]',
      '  volumes = [',
      '  "/certs/client",',
      '  "/cache"',
      ']',
      '  short = [ "x", "y" ]',
      '[[runners]]',
      '"quoted.key" = 1',
    ].join('\n');
    const index = tomlLineIndex(toml);
    expect(index.lineOf(['runners', 0, 'docker', 'volumes', 1])).toBe(6);
    expect(index.lineOf(['runners', 0, 'docker', 'short', 1])).toBe(8);
    expect(index.lineOf(['runners', 1, 'quoted.key'])).toBe(10);
    expect(index.lineOf(['runners', 2])).toBeNull();
  });

  it('places every key of JSON.stringify output', () => {
    const value = { 'registry-mirrors': ['https://m'], proxies: { 'no-proxy': 'a,b' } };
    const index = jsonLineIndex(JSON.stringify(value, null, 2));
    expect(index.lineOf(['registry-mirrors', 0])).toBe(3);
    expect(index.lineOf(['proxies', 'no-proxy'])).toBe(6);
  });
});
