/**
 * Injection tests: free-text answers (runner description, test command, Dockerfile, context and compose paths,
 * runner tags, NO_PROXY entries) hold adversarial strings: quotes ' " ` and U+2019, $(...), ${...}, ;, &&, |, #,
 * leading dashes, YAML 1.1 look-alikes, unicode. For each generated configuration:
 *
 * - YAML, TOML and JSON files are parsed and hold the exact string where it is placed;
 * - register.sh is EXECUTED with `sh`, with stub `gitlab-runner` and `sudo` programs first on PATH; the stub
 *   writes its argv NUL-separated, and the argv must equal the intended list (flag by flag, value by value);
 * - the build jobs of .gitlab-ci.yml (before_script, script, after_script) are syntax-checked with `sh -n` and
 *   EXECUTED in a temporary directory with stub `docker`, `buildctl`, `buildctl-daemonless.sh`, `buildah` and
 *   `podman`, which must receive the exact literal values;
 * - PowerShell: `pwsh` is not installed here (checked below), so register.ps1 and the PowerShell job lines are
 *   split with a PowerShell tokenizer written for these tests (src/testing/reference.ts `psCommands`), and
 *   `psQuote` is checked structurally (parser-free) and by round trip.
 */
import { parse as parseToml } from '@iarna/toml';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultAnswers, parseAnswers, type Answers } from './answers';
import { generate, type GenerateResult } from './generate';
import { psQuote, shQuote } from './quote';
import { freeTextArb, oneLineText, runnerTag } from '../testing/arbitraries';
import { checkRegisterArgv, posixPath as posix, psCommands, ShellSandbox, which } from '../testing/reference';
import { count, securityTable, type SecurityRow } from '../testing/security-table';

/**
 * FC_RUNS raises the count (with a random seed) for an exploratory run. The suite uses 1000 seeded cases, and
 * then checks SECURITY.md's table (`table:injection`) against what it ran.
 */
const RUNS = Number(process.env.FC_RUNS ?? 1000);
const SEEDED = process.env.FC_RUNS === undefined;
const seed = (n: number) => (SEEDED ? { seed: n } : {});
const rows: SecurityRow[] = [];

const PWSH = which('pwsh');

// ---------------------------------------------------------------------------------------------------------------
// Stubs

let sandbox: ShellSandbox | undefined;
const box = (): ShellSandbox => {
  if (!sandbox) throw new Error('no sandbox');
  return sandbox;
};

beforeAll(() => {
  sandbox = new ShellSandbox(['gitlab-runner', 'docker', 'buildctl', 'buildctl-daemonless.sh', 'buildah', 'podman']);
});

afterAll(() => {
  sandbox?.dispose();
});

const ENV: Record<string, string> = {
  CI_REGISTRY: 'registry.example.com:5050',
  CI_REGISTRY_IMAGE: 'registry.example.com:5050/group/project',
  CI_REGISTRY_USER: 'gitlab-ci-token',
  CI_REGISTRY_PASSWORD: 'p@ss word"\'$`x',
  CI_COMMIT_SHA: '0123456789abcdef',
  CI_COMMIT_TAG: 'v1.2.3',
  CI_COMMIT_BRANCH: 'main',
  CI_DEFAULT_BRANCH: 'main',
  CI_JOB_ID: '42',
  CI_PROJECT_DIR: '/builds/group/project',
  CI_DEPENDENCY_PROXY_SERVER: 'gitlab.example.com:443',
  CI_DEPENDENCY_PROXY_USER: 'proxy-user',
  CI_DEPENDENCY_PROXY_PASSWORD: 'proxy pass',
  CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX: 'gitlab.example.com:443/group/dependency_proxy/containers',
  DOCKER_AUTH_CONFIG: '{"auths":{}}',
  HTTP_PROXY: 'http://proxy.example.com:3128',
  HTTPS_PROXY: 'http://proxy.example.com:3128',
  NO_PROXY: 'docker,localhost',
};
const TOKEN = 'tok\'en "$(id)" `x` $HOME;|&';

// ---------------------------------------------------------------------------------------------------------------
// Configurations the free text is placed in

const BASES: Partial<Answers>[] = [
  { runTests: true, compose: true },
  {
    executor: 'docker',
    method: 'socket',
    registration: 'legacy',
    compose: true,
    runTests: true,
    proxy: 'job',
    httpProxy: 'http://proxy.example.com:3128',
  },
  {
    executor: 'docker',
    buildx: true,
    cache: 'registry',
    runTests: true,
    compose: true,
    tagLatest: true,
    tagGitTag: true,
    proxy: 'runner',
    httpsProxy: 'http://proxy.example.com:3128',
  },
  {
    executor: 'kubernetes',
    helm: false,
    method: 'buildkit-rootless',
    runTests: true,
    proxy: 'runner',
    httpsProxy: 'http://proxy.example.com:3128',
  },
  { executor: 'kubernetes', helm: true, registration: 'legacy', method: 'dind', runTests: true, compose: true },
  {
    executor: 'shell',
    method: 'host',
    compose: true,
    runTests: true,
    registration: 'legacy',
    proxy: 'job',
    httpsProxy: 'http://proxy.example.com:3128',
  },
  { os: 'macos', executor: 'shell', method: 'host', runTests: true, registration: 'legacy' },
  { executor: 'shell', method: 'buildah', runTests: true, cache: 'registry', cacheRef: '$CI_REGISTRY_IMAGE/cache' },
  { executor: 'docker', method: 'podman', platforms: ['linux/amd64', 'linux/arm64'], runTests: true, tagLatest: true },
  {
    executor: 'docker',
    method: 'buildctl',
    runTests: true,
    cache: 'inline',
    proxy: 'job',
    httpProxy: 'http://proxy.example.com:3128',
  },
  {
    executor: 'docker',
    method: 'buildkit-rootless',
    fromKaniko: true,
    registration: 'legacy',
    platforms: ['linux/amd64', 'linux/arm64'],
    tagGitTag: true,
  },
  {
    executor: 'docker',
    method: 'socket',
    proxy: 'runner',
    httpProxy: 'http://proxy.example.com:3128',
    mirrorUrl: 'https://mirror.example.com',
    mirrorPlace: 'daemon-json',
  },
  { os: 'windows', executor: 'docker-windows', method: 'pipe', runTests: true, registration: 'legacy' },
  { os: 'windows', executor: 'shell', method: 'host', runTests: true, compose: false },
  { runnerKind: 'gitlab-hosted', runTests: true, compose: true },
  { executor: 'docker', dependencyProxy: true, registration: 'legacy', runTests: true, buildx: true },
  { executor: 'docker', method: 'buildkit-rootless', dependencyProxy: true, runTests: true, cache: 'registry' },
];

/** A base configuration with free text on top; only answers that pass the field schema. */
const caseArb = fc
  .tuple(fc.constantFrom(...BASES.map((_, i) => i)), freeTextArb)
  .map(([i, free]) => ({ base: i, answers: { ...defaultAnswers(), ...BASES[i], ...free } as Answers }))
  .filter((c) => parseAnswers(c.answers).ok);

const file = (r: GenerateResult, path: string) => r.files.find((f) => f.path === path)?.content;
type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The argv `gitlab-runner register` must receive: what config.toml shows, flag by flag. */
function intendedRegisterArgv(a: Answers, runner: Obj): string[] {
  const args = ['register', '--non-interactive', '--url', a.gitlabUrl];
  args.push(a.registration === 'legacy' ? '--registration-token' : '--token', TOKEN);
  args.push('--executor', a.executor, '--description', a.runnerDescription);
  if (a.registration === 'legacy' && a.runnerTags.length) args.push('--tag-list', a.runnerTags.join(','));
  const d = runner.docker ? asObj(runner.docker) : null;
  if (d) {
    args.push('--docker-image', String(d.image));
    if (d.privileged === true) args.push('--docker-privileged');
    // register appends the cache volume itself: `/cache`, or `c:\cache` for Windows containers.
    const cache = a.executor === 'docker-windows' ? 'c:\\cache' : '/cache';
    for (const v of strings(d.volumes)) if (v !== cache) args.push('--docker-volumes', v);
    for (const s of strings(d.security_opt)) args.push('--docker-security-opt', s);
    if (typeof d.helper_image === 'string') args.push('--docker-helper-image', d.helper_image);
  }
  const m = runner.machine ? asObj(runner.machine) : null;
  if (m) {
    args.push('--machine-machine-driver', String(m.MachineDriver), '--machine-machine-name', String(m.MachineName));
    for (const o of strings(m.MachineOptions)) args.push('--machine-machine-options', o);
    args.push('--machine-idle-nodes', String(m.IdleCount), '--machine-idle-time', String(m.IdleTime));
    args.push('--machine-max-builds', String(m.MaxBuilds));
  }
  for (const e of strings(runner.environment)) args.push('--env', e);
  return args;
}

/** The register argv without `--description` / `--tag-list` and their values. */
function withoutFreeTextFlags(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--description' || argv[i] === '--tag-list') i++;
    else out.push(argv[i] ?? '');
  }
  return out;
}

/**
 * Whether Windows PowerShell 5.1 passes a string unchanged to a native program: it drops empty strings, and it
 * wraps a string holding whitespace in double quotes without escaping the quotes or the trailing backslash inside.
 */
const legacyNativeArgumentSafe = (w: string) => w !== '' && !w.includes('"') && !(/\s/.test(w) && w.endsWith('\\'));

const expand = (s: string) => s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => ENV[n] ?? '');
const samePath = (actual: string | undefined, intended: string) =>
  actual !== undefined && posix.normalize(actual) === posix.normalize(intended);

/** The value after `flag` in a call (first occurrence), or undefined. */
const flagValue = (call: string[], flag: string) => {
  const i = call.indexOf(flag);
  return i === -1 ? undefined : call[i + 1];
};

/** The command string `sh` runs for `sh [options] -c [--] CMD`, parsed as sh does (options end at `--` or a non-option). */
function shDashC(args: string[]): string | undefined {
  let i = 0;
  let sawC = false;
  for (; i < args.length; i++) {
    const w = args[i] ?? '';
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    if (w.includes('c')) sawC = true;
  }
  return sawC ? args[i] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------

describe('free text reaches every file literally', () => {
  it(`pwsh availability is recorded (${PWSH ? `found at ${PWSH}` : 'absent: PowerShell is checked with the test tokenizer'})`, () => {
    expect(typeof PWSH).toBe('string');
  });

  it(`YAML, TOML and JSON hold the exact strings; register.sh and the CI jobs pass them literally when executed (${RUNS} cases)`, () => {
    let runs = 0;
    let registerRuns = 0;
    let ps1Runs = 0;
    let ciRuns = 0;
    let calls = 0;
    const perBase = new Map<number, number>();
    fc.assert(
      fc.property(caseArb, ({ base, answers }) => {
        runs++;
        perBase.set(base, (perBase.get(base) ?? 0) + 1);
        const r = generate(answers);
        const a = r.answers;
        // Free text is never changed by normalization.
        for (const k of [
          'runnerDescription',
          'testCommand',
          'dockerfile',
          'context',
          'composeFile',
          'noProxy',
        ] as const)
          expect(a[k]).toBe(answers[k]);
        expect(a.runnerTags).toEqual(answers.runnerTags);

        // ---- structured files
        const ci = asObj(parseYaml(file(r, '.gitlab-ci.yml') ?? ''));
        const toml = file(r, 'config.toml');
        const values = file(r, 'values.yaml');
        const runner =
          toml !== undefined
            ? asObj((parseToml(toml).runners as unknown[])[0])
            : values !== undefined
              ? asObj((parseToml(String(asObj(asObj(parseYaml(values)).runners).config)).runners as unknown[])[0])
              : null;
        if (toml !== undefined) expect(runner?.name, 'config.toml name = description').toBe(a.runnerDescription);
        if (values !== undefined && a.registration === 'legacy')
          expect(asObj(asObj(parseYaml(values)).runners).tags).toBe(a.runnerTags.join(','));
        for (const [name, job] of Object.entries(ci)) {
          if (name === 'default' || name === 'variables' || name === 'stages') continue;
          const j = asObj(job);
          if (!r.plan.hosted && a.runnerTags.length) expect(j.tags, `${name} tags`).toEqual(a.runnerTags);
          if (name === 'test-image') expect(j.script, 'test job script').toEqual([a.testCommand]);
          if (a.compose && j.variables) expect(typeof asObj(j.variables).BUILT_IMAGE).toBe('string');
        }
        const noProxyEntries = a.noProxy === '' ? [] : a.noProxy.split(',');
        const vars = asObj(ci.variables);
        if (a.proxy === 'job') expect(String(vars.NO_PROXY).split(',')).toEqual(expect.arrayContaining(noProxyEntries));
        if (a.proxy === 'runner' && runner) {
          const env = strings(runner.environment).find((e) => e.startsWith('NO_PROXY=')) ?? '';
          expect(env.slice('NO_PROXY='.length).split(',')).toEqual(expect.arrayContaining(noProxyEntries));
        }
        const daemon = file(r, 'daemon.json');
        if (daemon !== undefined && a.proxy !== 'none') {
          const proxies = asObj(asObj(JSON.parse(daemon)).proxies);
          if (proxies['no-proxy'] !== undefined)
            expect(String(proxies['no-proxy']).split(',')).toEqual(expect.arrayContaining(noProxyEntries));
        }

        // ---- register.sh, executed
        const registerSh = file(r, 'register.sh');
        if (registerSh !== undefined && runner) {
          registerRuns++;
          const res = box().run(registerSh, { RUNNER_TOKEN: TOKEN, REGISTRATION_TOKEN: TOKEN });
          expect(res.stderr).toBe('');
          expect(res.status).toBe(0);
          const got = res.calls;
          expect(got.length, 'one gitlab-runner call').toBe(1);
          const [prog, ...argv] = got[0] ?? [];
          expect(prog).toBe('gitlab-runner');
          expect(argv).toEqual(intendedRegisterArgv(a, runner));
          expect(checkRegisterArgv(argv.slice(1))).toEqual([]);
        }
        // ---- register.ps1, split with the PowerShell tokenizer (pwsh is not available)
        const registerPs1 = file(r, 'register.ps1');
        if (registerPs1 !== undefined && runner) {
          ps1Runs++;
          const cmd = psCommands(registerPs1).find((c) => c[0] === '.\\gitlab-runner.exe');
          expect(cmd, 'register.ps1 command').toBeDefined();
          const argv = (cmd ?? []).slice(1).map((w) => w.replace(/^\$\{env:(\w+)\}$/, '$$$1'));
          // Description and tags go through RUNNER_NAME / RUNNER_TAG_LIST (register's environment variables).
          const intended = withoutFreeTextFlags(intendedRegisterArgv(a, runner)).map((w) =>
            w === TOKEN ? `$${a.registration === 'legacy' ? 'REGISTRATION_TOKEN' : 'RUNNER_TOKEN'}` : w,
          );
          expect(argv).toEqual(intended);
          const env = new Map(
            psCommands(registerPs1)
              .filter((c) => c.length === 3 && c[0]?.startsWith('$env:') && c[1] === '=')
              .map((c) => [c[0]?.slice(5), c[2]]),
          );
          expect(env.get('RUNNER_NAME'), 'RUNNER_NAME = description').toBe(a.runnerDescription);
          expect(env.get('RUNNER_TAG_LIST'), 'RUNNER_TAG_LIST').toBe(
            a.registration === 'legacy' ? a.runnerTags.join(',') : '',
          );
          // Windows PowerShell 5.1 (legacy native argument passing) drops empty arguments, and splits arguments
          // holding `"` or ending in `\` inside quotes: no argument given to gitlab-runner.exe may be such.
          for (const w of argv)
            expect(legacyNativeArgumentSafe(w), `argument ${JSON.stringify(w)} under PowerShell 5.1`).toBe(true);
        }

        // ---- .gitlab-ci.yml build jobs of PowerShell runners, split with the PowerShell tokenizer
        if (r.plan.powershell) {
          const def = asObj(ci.default);
          for (const [, job] of Object.entries(ci)) {
            const j = asObj(job);
            if (j.stage !== 'build') continue;
            const lines = [...strings(def.before_script), ...strings(j.script), ...strings(j.after_script)];
            const commands = lines
              .flatMap((l) => psCommands(l))
              .map((c) =>
                c.map((w) => w.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, n: string) => ENV[n] ?? '')),
              );
            checkCalls(
              a,
              commands.filter((c) =>
                ['docker', 'buildah', 'podman', 'buildctl', 'buildctl-daemonless.sh'].includes(c[0] ?? ''),
              ),
            );
            for (const c of commands)
              if (c[0] === 'docker' && c[1] === 'run' && c.includes('-Command'))
                expect(c[c.indexOf('-Command') + 1], 'powershell -Command receives the test command').toBe(
                  a.testCommand,
                );
            ciRuns++;
          }
        }
        // ---- .gitlab-ci.yml build jobs, executed with stubs (sh runners)
        if (!r.plan.powershell) {
          const def = asObj(ci.default);
          for (const [name, job] of Object.entries(ci)) {
            const j = asObj(job);
            if (j.stage !== 'build') continue;
            const lines = [...strings(def.before_script), ...strings(j.script), ...strings(j.after_script)];
            const script = `set -e\n${lines.join('\n')}\n`;
            const syntax = box().run(script, ENV, ['-n']);
            expect(syntax.stderr, `sh -n ${name}`).toBe('');
            expect(syntax.status).toBe(0);
            const res = box().run(script, ENV);
            expect(res.stderr, `run ${name}`).toBe('');
            expect(res.status).toBe(0);
            ciRuns++;
            const got = res.calls;
            calls += got.length;
            checkCalls(a, got);
          }
        }
      }),
      { numRuns: RUNS, ...seed(1) },
    );
    rows.push({
      input:
        'Adversarial free text (quotes, `$(...)`, `${...}`, `;`, `&&`, `|`, `#`, leading dashes, YAML 1.1 look-alikes, unicode) in every free-text field, over several base configurations',
      cases: runs,
      outcome: `every YAML, TOML and JSON file parses and holds the exact string; register.sh executed ${count(registerRuns)} times and register.ps1 tokenized ${count(ps1Runs)} times, each with exactly the intended arguments; CI build jobs executed ${count(ciRuns)} times, ${count(calls)} stub calls with the literal values`,
    });
    console.log(
      `[injection] ${runs} cases (per base configuration ${JSON.stringify(Object.fromEntries(perBase))}); register.sh executed ${registerRuns} times; register.ps1 tokenized ${ps1Runs} times; CI build jobs executed ${ciRuns} times with ${calls} stub calls checked`,
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  }, 300_000);
});

/** The stubs' calls must carry the typed values literally and in argument positions that mean what was typed. */
function checkCalls(a: Answers, calls: string[][]): void {
  const image = expand(a.image);
  let builds = 0;
  for (const c of calls) {
    const [prog, ...args] = c;
    const isDockerBuild = prog === 'docker' && (args[0] === 'build' || (args[0] === 'buildx' && args[1] === 'build'));
    const isBuildahBuild = (prog === 'buildah' || prog === 'podman') && args[0] === 'build';
    if (isDockerBuild || isBuildahBuild) {
      builds++;
      const f = flagValue(args, '--file');
      if (f !== undefined) {
        expect(f, '--file is not stdin').not.toBe('-');
        expect(samePath(f, a.dockerfile), `--file ${f} = ${a.dockerfile}`).toBe(true);
      } else expect(posix.normalize(a.dockerfile), 'no --file: the Dockerfile is ./Dockerfile').toBe('Dockerfile');
      const ctx = args[args.length - 1] ?? '';
      expect(ctx.startsWith('-'), `context ${ctx} read as an option`).toBe(false);
      expect(samePath(ctx, a.context), `context ${ctx} = ${a.context}`).toBe(true);
      for (let i = 0; i < args.length; i++)
        if (args[i] === '--tag') expect((args[i + 1] ?? '').startsWith(image), `tag ${args[i + 1]}`).toBe(true);
    }
    if (prog === 'buildctl-daemonless.sh' || prog === 'buildctl') {
      builds++;
      const locals = args.flatMap((w, i) => (w === '--local' ? [args[i + 1] ?? ''] : []));
      expect(locals).toContain(`context=${a.context}`);
      expect(
        locals.some(
          (l) => l.startsWith('dockerfile=') && samePath(l.slice('dockerfile='.length), posix.dirname(a.dockerfile)),
        ),
      ).toBe(true);
      const opts = args.flatMap((w, i) => (w === '--opt' ? [args[i + 1] ?? ''] : []));
      const filename = opts.find((o) => o.startsWith('filename='))?.slice('filename='.length) ?? 'Dockerfile';
      expect(filename).toBe(posix.basename(a.dockerfile));
    }
    if (prog === 'docker' && args[0] === 'run' && args.includes('sh')) {
      const i = args.indexOf('sh');
      expect((args[i - 1] ?? '').startsWith(image), 'the tested image').toBe(true);
      expect(shDashC(args.slice(i + 1)), 'sh -c receives the test command').toBe(a.testCommand);
    }
    if (prog === 'docker' && args[0] === 'compose') {
      const f = flagValue(args, '--file');
      expect(f, 'compose --file is not stdin').not.toBe('-');
      expect(samePath(f, a.composeFile), `compose --file ${f}`).toBe(true);
    }
  }
  expect(builds, 'at least one build call').toBeGreaterThan(0);
}

describe('newlines and control characters', () => {
  it('no free-text field accepts a newline or another control character (so no file can receive one)', () => {
    const fields = ['runnerDescription', 'testCommand', 'dockerfile', 'context', 'composeFile', 'noProxy'] as const;
    for (const field of fields)
      for (const bad of ['a\nb', 'a\rb', 'a\u0000b', 'a\u001bb', 'a\u0085b', 'a\u2028b'])
        expect(parseAnswers({ [field]: bad }).ok, `${field} ${JSON.stringify(bad)}`).toBe(false);
    for (const bad of ['a\nb', 'a\tb', 'a\u2028b']) expect(parseAnswers({ runnerTags: [bad] }).ok).toBe(false);
    rows.push({
      input: 'Newlines and control characters (LF, CR, NUL, ESC, NEL, U+2028, TAB in tags) in every free-text field',
      cases: fields.length * 6 + 3,
      outcome: 'refused by the field: no file can receive a line break',
    });
  });
});

describe('PowerShell quoting (pwsh absent: structural and tokenizer checks)', () => {
  it(`psQuote yields a bare safe word or one single-quoted string whose quotes are all doubled, and round-trips (${RUNS} strings)`, () => {
    let runs = 0;
    const quoteChars = "'\u2018\u2019\u201a\u201b";
    fc.assert(
      fc.property(fc.oneof(oneLineText(12), runnerTag), (s) => {
        runs++;
        const q = psQuote(s);
        if (q === s) {
          // A bare word must mean itself to PowerShell: no special character, not a number literal (0x10, 1kb,
          // 1.50, .5 are converted), and no `-word` other than a plain flag name (`-a.b` is split at the dot, #6291).
          expect(s).toMatch(/^(?:--?[A-Za-z][A-Za-z0-9-]*|[A-Za-z_.\\/][A-Za-z0-9_.\\/:=-]*)$/);
          expect(s).not.toMatch(/^\.\d/);
        } else {
          expect(q.startsWith("'") && q.endsWith("'") && q.length >= 2).toBe(true);
          const inner = q.slice(1, -1);
          // Parser-free: walking the body, every quote character is immediately followed by the same character.
          let out = '';
          for (let i = 0; i < inner.length; i++) {
            const ch = inner[i] ?? '';
            if (quoteChars.includes(ch)) {
              expect(inner[i + 1], `undoubled quote at ${i} in ${q}`).toBe(ch);
              i++;
            }
            out += ch;
          }
          expect(out).toBe(s);
        }
        // The tokenizer reads one word back.
        expect(psCommands(`x ${q}`)).toEqual([['x', s]]);
        // And POSIX quoting, for comparison, runs through sh unchanged.
        expect(shQuote(s).length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS, ...seed(2) },
    );
    rows.push({
      input: 'PowerShell quoting of adversarial strings and runner tags',
      cases: runs,
      outcome:
        'a bare safe word or one single-quoted string with every quote doubled; reads back as the same single word',
    });
    console.log(`[injection] psQuote: ${runs} strings checked (pwsh ${PWSH ? 'present' : 'absent'})`);
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });
});

afterAll(() => {
  const total = rows.reduce((n, r) => n + r.cases, 0);
  console.log(`[security] injection cases: ${count(total)}`);
  if (!SEEDED) return; // an exploratory run (FC_RUNS) is not the documented one
  expect(total).toBeGreaterThanOrEqual(1000);
  const { documented, produced } = securityTable('injection', rows);
  expect(documented, 'SECURITY.md table:injection (UPDATE_SECURITY=1 npx vitest run rewrites it)').toBe(produced);
});
