/**
 * The runner-side readers on hand-written files in many layouts (each key path on its exact line), their problems
 * (parse errors, unknown keys, wrong types, secrets masked) on the right lines, and every preset's generated runner
 * files: read without a problem, every key path on the line the generators' own line indexes give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../generate';
import { PRESETS } from '../presets';
import { jsonLineIndex, tomlLineIndex, yamlLineIndex } from '../render/line-index';
import { maskSecret, nearestKey, readBuildkitdToml, readDaemonJson, readRunnerConfig } from './runner';
import { jsonPositions, tomlPositions } from './runner-positions';
import type { ReadProblem } from './types';

const lineOf = (problems: ReadProblem[], kind: ReadProblem['kind']) =>
  problems.filter((p) => p.kind === kind).map((p) => p.pos.line);

/** A file's text from numbered lines: the tests say each line's number beside it. */
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const RUNNER_FILE = /^(?:config\.toml|values\.yaml|daemon\.json|buildkitd\.toml)$/;

const CONFIG = lines(
  '# global settings', // 1
  'concurrent = 4', // 2
  'check_interval = 0', // 3
  '', // 4
  '[session_server]', // 5
  '  session_timeout = 1800', // 6
  '', // 7
  '[[runners]]', // 8
  '  name = "first"', // 9
  '  url = "https://gitlab.example.com/"', // 10
  '  executor = "docker"', // 11
  '  docker.privileged = true   # dotted key', // 12
  '  docker.volumes = ["/cache", "/var/run/docker.sock:/var/run/docker.sock",', // 13
  '    "/certs/client"]', // 14
  '  [runners.cache]', // 15
  '    Type = "s3"', // 16
  '    [runners.cache.s3]', // 17
  '      ServerAddress = "s3.example.com"', // 18
  '', // 19
  '[[runners]]', // 20
  "  name = 'second'", // 21
  '  executor = "kubernetes"', // 22
  '  environment = [', // 23
  '    "A=1", "B=2",', // 24
  '    # a comment between items', // 25
  '    "C=3",', // 26
  '  ]', // 27
  '  [runners.kubernetes]', // 28
  '    namespace = "ci"', // 29
  '    "privileged" = true', // 30
  '    pod_annotations = { "container.apparmor.security.beta.kubernetes.io/build" = "unconfined", x = "y" }', // 31
  '    [[runners.kubernetes.volumes.host_path]]', // 32
  '      name = "docker-sock"', // 33
  '      mount_path = "/var/run/docker.sock"', // 34
  '      host_path = """', // 35
  '/var/run/docker.sock"""', // 36
  '    [[runners.kubernetes.volumes.host_path]]', // 37
  "      name = 'other'", // 38
  '      mount_path = "/x"', // 39
  '  [runners.docker]', // 40
  '    image = "alpine:3.22"', // 41
);

describe('config.toml reader', () => {
  const { runner, problems } = readRunnerConfig({ path: 'config.toml', content: CONFIG }, 'config-toml');

  it('reads the data as gitlab-runner does, without problems', () => {
    expect(problems).toEqual([]);
    expect(runner?.kind).toBe('config-toml');
    expect(runner?.helm).toBeNull();
    const runners = runner?.toml.runners as Record<string, unknown>[];
    expect(runners).toHaveLength(2);
    expect(runners[0]?.docker).toEqual({
      privileged: true,
      volumes: ['/cache', '/var/run/docker.sock:/var/run/docker.sock', '/certs/client'],
    });
  });

  it('places every key path on its line, in any layout', () => {
    const cases: [(string | number)[], number][] = [
      [['concurrent'], 2],
      [['session_server'], 5],
      [['session_server', 'session_timeout'], 6],
      [['runners'], 8],
      [['runners', 0], 8],
      [['runners', 0, 'executor'], 11],
      [['runners', 0, 'docker'], 12],
      [['runners', 0, 'docker', 'privileged'], 12],
      [['runners', 0, 'docker', 'volumes', 0], 13],
      [['runners', 0, 'docker', 'volumes', 1], 13],
      [['runners', 0, 'docker', 'volumes', 2], 14],
      [['runners', 0, 'cache', 'Type'], 16],
      [['runners', 0, 'cache', 's3', 'ServerAddress'], 18],
      [['runners', 1], 20],
      [['runners', 1, 'name'], 21],
      [['runners', 1, 'environment', 0], 24],
      [['runners', 1, 'environment', 1], 24],
      [['runners', 1, 'environment', 2], 26],
      [['runners', 1, 'kubernetes', 'privileged'], 30],
      [['runners', 1, 'kubernetes', 'pod_annotations', 'container.apparmor.security.beta.kubernetes.io/build'], 31],
      [['runners', 1, 'kubernetes', 'pod_annotations', 'x'], 31],
      [['runners', 1, 'kubernetes', 'volumes', 'host_path', 0], 32],
      [['runners', 1, 'kubernetes', 'volumes', 'host_path', 0, 'host_path'], 35],
      [['runners', 1, 'kubernetes', 'volumes', 'host_path', 1], 37],
      [['runners', 1, 'kubernetes', 'volumes', 'host_path', 1, 'mount_path'], 39],
      [['runners', 1, 'docker', 'image'], 41],
    ];
    for (const [path, line] of cases) expect(runner?.lineOf(path)?.line, JSON.stringify(path)).toBe(line);
    expect(runner?.lineOf(['runners', 0, 'docker', 'volumes', 1])?.column).toBe(31);
    expect(runner?.lineOf(['runners', 2])).toBeNull();
    expect(runner?.lineOf(['$helm', 'runners'])).toBeNull();
  });

  it('reports a parse error on its line', () => {
    const r = readRunnerConfig(
      { path: 'config.toml', content: lines('[[runners]]', '  executor = "docker"', '  privileged = tru', '') },
      'config-toml',
    );
    expect(r.runner).toBeNull();
    expect(lineOf(r.problems, 'parse')).toEqual([3]);
    expect(r.problems[0]?.severity).toBe('high');
  });

  it('reports unknown keys with the nearest known key, and wrong types', () => {
    const text = lines(
      '[[runners]]', // 1
      '  executor = "docker"', // 2
      '  [runners.docker]', // 3
      '    privilged = true', // 4
      '    image = "alpine:3.22"', // 5
      '    tls_verify = "false"', // 6
      '    Privileged = false', // 7 (gitlab-runner matches case-insensitively)
      '  [runners.feature_flags]', // 8
      '    FF_NOT_A_FLAG = true', // 9
    );
    const r = readRunnerConfig({ path: 'config.toml', content: text }, 'config-toml');
    expect(lineOf(r.problems, 'unknown-key')).toEqual([4, 9]);
    expect(r.problems.find((p) => p.pos.line === 4)?.message.en).toMatch(/privilged.*Did you mean privileged\?/);
    expect(r.problems.find((p) => p.pos.line === 4)?.message.ja).toMatch(/privileged/);
    expect(lineOf(r.problems, 'schema')).toEqual([6]);
    expect(r.problems.find((p) => p.kind === 'schema')?.message.en).toMatch(
      /runners\[0\]\.docker\.tls_verify must be boolean/,
    );
  });

  it('reports an unknown executor and a missing section', () => {
    const text = lines('[[runners]]', '  executor = "dokcer"', '[[runners]]', '  executor = "docker+machine"');
    const r = readRunnerConfig({ path: 'config.toml', content: text }, 'config-toml');
    expect(r.problems.map((p) => [p.kind, p.pos.line])).toEqual([
      ['schema', 2],
      ['schema', 4],
    ]);
    expect(r.problems[0]?.message.en).toMatch(/Did you mean docker\?/);
  });

  it('reports secrets masked, on their lines', () => {
    const token = 'glrt-AbCdEfGhIjKlMnOpQrSt';
    const text = lines(
      '[[runners]]', // 1
      `  token = "${token}"`, // 2
      '  executor = "docker"', // 3
      '  [runners.cache.s3]', // 4
      '    AccessKey = "AKIAIOSFODNN7Q2W3E4R"', // 5
      '    SecretKey = "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"', // 6
      '  [runners.docker]', // 7
      '    image = "alpine:3.22"', // 8
      '  [runners.cache]', // 9
      '    Type = "s3"', // 10
    );
    const r = readRunnerConfig({ path: 'config.toml', content: text }, 'config-toml');
    expect(lineOf(r.problems, 'secret')).toEqual([2, 5, 6]);
    const all = JSON.stringify(r.problems);
    expect(all).not.toContain(token);
    expect(all).not.toContain('AKIAIOSFODNN7Q2W3E4R');
    expect(all).not.toContain('wJalrXUtnFEMI');
    expect(r.problems[0]?.message.en).toContain('glrt…');
    expect(r.problems[0]?.message.ja).toContain('glrt…');
  });

  it('does not take placeholders for secrets', () => {
    const text = lines(
      '[[runners]]',
      '  token = "RUNNERS_TOKEN"',
      '  executor = "docker"',
      '[[runners]]',
      '  token = "glrt-YOUR_TOKEN_HERE"',
      '  executor = "docker"',
      '[[runners]]',
      '  token = "test-token1"',
      '  executor = "docker"',
      '  environment = ["API_TOKEN=$API_TOKEN", "GIT_DEPTH=10"]',
    );
    const r = readRunnerConfig({ path: 'config.toml', content: text }, 'config-toml');
    expect(r.problems).toEqual([]);
  });

  it('names the nearest known key even when it is far', () => {
    const text = lines('[[runners]]', '  executor = "docker"', '  [runners.docker]', '    zzzzzzzzzzzz = 1');
    const r = readRunnerConfig({ path: 'config.toml', content: text }, 'config-toml');
    expect(r.problems.map((p) => [p.kind, p.pos.line])).toEqual([['unknown-key', 4]]);
    expect(r.problems[0]?.message.en).toMatch(/The nearest known key is \w+\./);
    expect(r.problems[0]?.message.ja).toMatch(/最も近い既知のキーは\w+です。/);
  });

  it('masks a secret as its first 4 characters', () => {
    expect(maskSecret('glrt-abcdef')).toBe('glrt…');
    expect(maskSecret('ab')).toBe('ab…');
  });

  it('finds the nearest key by edit distance', () => {
    expect(nearestKey('privilged', ['image', 'privileged', 'volumes'])).toBe('privileged');
    expect(nearestKey('x', [])).toBeNull();
  });
});

describe('Helm values.yaml reader', () => {
  const values = (indent: string, header = '|') =>
    lines(
      'gitlabUrl: https://gitlab.example.com/', // 1
      'runnerRegistrationToken: "GR1348941aBcDeFgHiJkLmNoP"', // 2
      'rbac:', // 3
      '  create: true', // 4
      'runners:', // 5
      `${indent}# the runner's config.toml`, // 6
      `${indent}config: ${header}`, // 7
      `${indent}  [[runners]]`, // 8
      `${indent}    executor = "kubernetes"`, // 9
      '', // 10
      `${indent}    [runners.kubernetes]`, // 11
      `${indent}      privileged = true`, // 12
      `${indent}      namespace = "{{.Release.Namespace}}"`, // 13
      `${indent}secret: gitlab-runner-secret`, // 14
    );

  for (const indent of ['  ', '   ', '    '])
    for (const header of ['|', '|-', '|+', '|2'])
      it(`maps runners.config TOML lines to values.yaml lines (indent ${indent.length}, ${header})`, () => {
        const text = values(indent, header);
        const { runner, problems } = readRunnerConfig({ path: 'values.yaml', content: text }, 'helm-values');
        expect(runner?.kind).toBe('helm-values');
        expect(runner?.helm?.gitlabUrl).toBe('https://gitlab.example.com/');
        expect(runner?.lineOf(['runners', 0])?.line).toBe(8);
        expect(runner?.lineOf(['runners', 0, 'executor'])?.line).toBe(9);
        expect(runner?.lineOf(['runners', 0, 'kubernetes'])?.line).toBe(11);
        expect(runner?.lineOf(['runners', 0, 'kubernetes', 'privileged'])?.line).toBe(12);
        expect(runner?.lineOf(['runners', 0, 'kubernetes', 'privileged'])?.column).toBe(indent.length + 7);
        expect(runner?.lineOf(['$helm', 'runnerRegistrationToken'])?.line).toBe(2);
        expect(runner?.lineOf(['$helm', 'rbac', 'create'])?.line).toBe(4);
        expect(runner?.lineOf(['$helm', 'runners', 'config'])?.line).toBe(7);
        expect(lineOf(problems, 'secret')).toEqual([2]);
        expect(JSON.stringify(problems)).not.toContain('GR1348941aBcDeFgHiJkLmNoP');
        expect(problems.filter((p) => p.kind !== 'secret')).toEqual([]);
      });

  it('takes the executor from the chart and reports the settings old charts read', () => {
    const text = lines(
      'runners:', // 1
      '  privileged: true', // 2
      '  image: docker:19.03.5', // 3
      '  config: |', // 4
      '    [[runners]]', // 5
      '      [runners.kubernetes]', // 6
      '        namespace = "ci"', // 7
    );
    const { problems } = readRunnerConfig({ path: 'values.yaml', content: text }, 'helm-values');
    expect(problems.map((p) => [p.kind, p.pos.line])).toEqual([
      ['unknown-key', 2],
      ['unknown-key', 3],
    ]);
    expect(problems[0]?.message.en).toMatch(/runners\.privileged .*runners\.config/);
  });

  it('places a quoted runners.config on its key line', () => {
    const text = lines(
      'runners:', // 1
      '  config: "[[runners]]\\n  executor = \\"docker\\"\\n  [runners.docker]\\n    privileged = true\\n"', // 2
    );
    const { runner, problems } = readRunnerConfig({ path: 'values.yaml', content: text }, 'helm-values');
    expect(problems).toEqual([]);
    expect(runner?.lineOf(['runners', 0, 'docker', 'privileged'])?.line).toBe(2);
  });

  it('reports TOML problems of runners.config on values.yaml lines', () => {
    const text = lines(
      'runners:', // 1
      '  config: |', // 2
      '    [[runners]]', // 3
      '      executor = "kubernetes"', // 4
      '      [runners.kubernetes]', // 5
      '        privilegd = true', // 6
    );
    const { problems } = readRunnerConfig({ path: 'values.yaml', content: text }, 'helm-values');
    expect(lineOf(problems, 'unknown-key')).toEqual([6]);
    const broken = text.replace('privilegd = true', 'privileged = = true');
    const b = readRunnerConfig({ path: 'values.yaml', content: broken }, 'helm-values');
    expect(lineOf(b.problems, 'parse')).toEqual([6]);
    expect(b.runner?.toml).toEqual({});
  });

  it('reports a YAML parse error on its line', () => {
    const { runner, problems } = readRunnerConfig(
      { path: 'values.yaml', content: lines('runners:', '  config: |', '    x = 1', ' bad: [') },
      'helm-values',
    );
    expect(runner).toBeNull();
    expect(problems[0]?.kind).toBe('parse');
    expect(problems[0]?.pos.line).toBeGreaterThanOrEqual(4);
  });
});

describe('daemon.json reader', () => {
  const text = lines(
    '{', // 1
    '  "registry-mirrors": ["https://mirror.example.com",', // 2
    '    "mirror.internal:5000"],', // 3
    '  "insecure-registries": [', // 4
    '    "http://registry.internal:5000"', // 5
    '  ],', // 6
    '  "log-opts": { "max-size": "10m" },', // 7
    '  "builder": {', // 8
    '    "gc": { "enabled": true, "defaultKeepStorage": "20GB" }', // 9
    '  },', // 10
    '  "debugg": true', // 11
    '}', // 12
  );
  const { config, problems } = readDaemonJson({ path: 'daemon.json', content: text });

  it('places every key path on its line', () => {
    expect(config?.lineOf(['registry-mirrors', 0])?.line).toBe(2);
    expect(config?.lineOf(['registry-mirrors', 1])?.line).toBe(3);
    expect(config?.lineOf(['insecure-registries', 0])?.line).toBe(5);
    expect(config?.lineOf(['log-opts', 'max-size'])?.line).toBe(7);
    expect(config?.lineOf(['builder', 'gc', 'defaultKeepStorage'])?.line).toBe(9);
    expect(config?.lineOf(['debugg'])?.line).toBe(11);
  });

  it('reports what dockerd refuses: unknown keys, a mirror without scheme, a scheme in an insecure registry', () => {
    expect(problems.map((p) => [p.kind, p.pos.line])).toEqual([
      ['unknown-key', 11],
      ['schema', 3],
      ['schema', 5],
    ]);
    expect(problems[0]?.message.en).toMatch(/Did you mean debug\?/);
  });

  it('refuses comments and trailing commas on their lines, as dockerd does', () => {
    const comment = readDaemonJson({
      path: 'daemon.json',
      content: lines('{', '  // mirrors', '  "debug": true', '}'),
    });
    expect(comment.config).toBeNull();
    expect(comment.problems.map((p) => [p.kind, p.pos.line])).toEqual([['parse', 2]]);
    const trailing = readDaemonJson({ path: 'daemon.json', content: lines('{', '  "debug": true,', '}') });
    expect(trailing.problems.map((p) => [p.kind, p.pos.line])).toEqual([['parse', 3]]);
    const array = readDaemonJson({ path: 'daemon.json', content: lines('{"dns": [', '  "8.8.8.8",', ']}') });
    expect(array.problems.map((p) => [p.kind, p.pos.line])).toEqual([['parse', 3]]);
    expect(readDaemonJson({ path: 'daemon.json', content: '' }).problems[0]?.kind).toBe('parse');
    expect(readDaemonJson({ path: 'daemon.json', content: '[]' }).problems[0]?.kind).toBe('schema');
  });

  it('reports wrong types', () => {
    const r = readDaemonJson({ path: 'daemon.json', content: lines('{', '  "debug": "true",', '  "mtu": 1400', '}') });
    expect(r.problems.map((p) => [p.kind, p.pos.line])).toEqual([['schema', 2]]);
  });
});

describe('buildkitd.toml reader', () => {
  it('places keys of quoted registry tables, reports unknown keys and schemes', () => {
    const text = lines(
      'debug = true', // 1
      '[registry."docker.io"]', // 2
      '  mirrors = ["mirror.example.com", "http://other.example.com"]', // 3
      '[registry."mirror.example.com"]', // 4
      '  http = true', // 5
      '  insecur = true', // 6
      '[worker.oci]', // 7
      '  enabled = true', // 8
    );
    const { config, problems } = readBuildkitdToml({ path: 'buildkitd.toml', content: text });
    expect(config?.lineOf(['registry', 'mirror.example.com', 'http'])?.line).toBe(5);
    expect(config?.lineOf(['registry', 'docker.io', 'mirrors', 1])?.line).toBe(3);
    expect(problems.map((p) => [p.kind, p.pos.line])).toEqual([
      ['unknown-key', 6],
      ['schema', 3],
    ]);
    expect(problems[0]?.message.en).toMatch(/Did you mean insecure\?/);
  });

  it('reports a parse error on its line', () => {
    const r = readBuildkitdToml({
      path: 'buildkitd.toml',
      content: lines('[registry."a"]', 'http = true', 'http = false'),
    });
    expect(r.config).toBeNull();
    expect(lineOf(r.problems, 'parse')).toEqual([3]);
  });
});

describe('position scanners', () => {
  it('read TOML multi-line strings, literal strings and nested arrays', () => {
    const p = tomlPositions(
      lines(
        'a = """x', // 1
        'y = 1"""', // 2
        "b = '''z", // 3
        "'''", // 4
        'c = [[1, 2], [3,', // 5
        '  4]]', // 6
        'd = 1979-05-27 07:32:00Z # date', // 7
        'e = { f = { g = [1] } }', // 8
      ),
    );
    expect(p.error).toBeNull();
    expect(p.at(['b'])?.line).toBe(3);
    expect(p.at(['c', 1, 1])?.line).toBe(6);
    expect(p.at(['d'])?.line).toBe(7);
    expect(p.at(['e', 'f', 'g', 0])?.line).toBe(8);
    expect(p.at(['y'])).toBeNull();
  });

  it('read JSON escapes and nested arrays', () => {
    const p = jsonPositions('{"a\\"b": [1, {"c": [true, null]}],\n "d": -1.5e3}');
    expect(p.error).toBeNull();
    expect(p.at(['a"b', 1, 'c', 1])?.line).toBe(1);
    expect(p.at(['d'])).toEqual({ line: 2, column: 2 });
  });
});

describe("every preset's runner files", () => {
  it('read without a problem, each key path on the line the generators place it', () => {
    let paths = 0;
    for (const preset of PRESETS)
      for (const lang of ['en', 'ja'] as const)
        for (const f of generate(preset.answers, { lang }).files) {
          const what = `${preset.id} ${lang} ${f.path}`;
          if (f.path === 'config.toml' || f.path === 'buildkitd.toml') {
            const r = f.path === 'config.toml' ? readRunnerConfig(f, 'config-toml') : readBuildkitdToml(f);
            expect(r.problems, what).toEqual([]);
            const index = tomlLineIndex(f.content);
            for (const p of tomlPositions(f.content).paths()) {
              const theirs = index.lineOf(p);
              if (theirs === null) continue;
              paths += 1;
              const mine = 'runner' in r ? r.runner?.lineOf(p) : r.config?.lineOf(p);
              expect(mine?.line, `${what} ${JSON.stringify(p)}`).toBe(theirs);
            }
          } else if (f.path === 'values.yaml') {
            const r = readRunnerConfig(f, 'helm-values');
            expect(r.problems, what).toEqual([]);
            const index = yamlLineIndex(f.content, [{ path: ['runners', 'config'], index: tomlLineIndex }]);
            const config = (r.runner?.helm?.runners as { config?: string } | undefined)?.config ?? '';
            for (const p of tomlPositions(config).paths()) {
              const theirs = index.lineOf(['runners', 'config', ...p]);
              if (theirs === null) continue;
              paths += 1;
              expect(r.runner?.lineOf(p)?.line, `${what} ${JSON.stringify(p)}`).toBe(theirs);
            }
            expect(r.runner?.lineOf(['$helm', 'runners', 'config'])?.line).toBe(index.lineOf(['runners', 'config']));
          } else if (f.path === 'daemon.json') {
            const r = readDaemonJson(f);
            expect(r.problems, what).toEqual([]);
            const index = jsonLineIndex(f.content);
            for (const p of jsonPositions(f.content).paths()) {
              paths += 1;
              expect(r.config?.lineOf(p)?.line, `${what} ${JSON.stringify(p)}`).toBe(index.lineOf(p));
            }
          }
        }
    expect(paths).toBeGreaterThan(500);
  });
});

describe('robustness', () => {
  it('never throws, on any edit of a generated runner file', () => {
    const texts = PRESETS.slice(0, 12).flatMap((p) =>
      generate(p.answers)
        .files.filter((f) => RUNNER_FILE.test(f.path))
        .map((f) => f.content),
    );
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(9), fc.string({ maxLength: 4 }), (t, at, cut, insert) => {
        const i = at % (t.length + 1);
        const text = t.slice(0, i) + insert + t.slice(Math.min(t.length, i + cut));
        for (const kind of ['config-toml', 'helm-values'] as const)
          readRunnerConfig({ path: 'f', content: text }, kind);
        readDaemonJson({ path: 'daemon.json', content: text });
        readBuildkitdToml({ path: 'buildkitd.toml', content: text });
      }),
      { numRuns: 500 },
    );
  });

  it('reads CRLF line endings and a byte order mark', () => {
    const crlf = '[[runners]]\r\n  executor = "docker"\r\n  [runners.docker]\r\n    privileged = true\r\n';
    const r = readRunnerConfig({ path: 'config.toml', content: crlf }, 'config-toml');
    expect(r.problems).toEqual([]);
    expect(r.runner?.lineOf(['runners', 0, 'docker', 'privileged'])).toEqual({
      file: 'config.toml',
      line: 4,
      column: 5,
    });
    const helm =
      'runners:\r\n  config: |\r\n    [[runners]]\r\n      [runners.kubernetes]\r\n        privileged = true\r\n';
    const h = readRunnerConfig({ path: 'values.yaml', content: helm }, 'helm-values');
    expect(h.problems).toEqual([]);
    expect(h.runner?.lineOf(['runners', 0, 'kubernetes', 'privileged'])?.line).toBe(5);
    const d = readDaemonJson({ path: 'daemon.json', content: '\uFEFF{\r\n  "debug": true\r\n}\r\n' });
    expect(d.problems).toEqual([]);
    expect(d.config?.lineOf(['debug'])?.line).toBe(2);
  });
});
