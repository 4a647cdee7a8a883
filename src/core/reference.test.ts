/**
 * Every generated file is checked against the reference data of the tool that reads it (src/testing/reference.ts):
 * GitLab's CI schema (and GitLab's YAML 1.1 reading), gitlab-runner's config.toml keys and `register` flags,
 * dockerd's daemon.json keys and buildkitd's buildkitd.toml keys. The answers come from the arbitraries
 * (every field, adversarial-but-valid strings) and are normalized first, as the app and the CLI do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, parseAnswers } from './answers';
import { generate } from './generate';
import { normalize, validateCombination } from './rules';
import { answersArb } from '../testing/arbitraries';
import {
  checkBuildkitdToml,
  checkDaemonJson,
  checkFiles,
  checkGitlabCi,
  checkHelmValues,
  checkRegisterSh,
  checkRunnerToml,
} from '../testing/reference';

/** FC_RUNS raises the count for an exploratory run; the suite uses 1000. */
const RUNS = Number(process.env.FC_RUNS ?? 1000);

describe('generated files against the reference data', () => {
  it('the defaults produce files that pass every reference check', () => {
    const r = generate(defaultAnswers());
    expect(checkFiles(r.files)).toEqual([]);
  });

  it(`every file of ${RUNS} normalized answer combinations passes; normalize is valid and idempotent`, () => {
    let runs = 0;
    const files = new Map<string, number>();
    const methods = new Map<string, number>();
    fc.assert(
      fc.property(answersArb, (a) => {
        runs++;
        expect(parseAnswers(a).ok).toBe(true);
        const n = normalize(a);
        expect(validateCombination(n)).toEqual([]);
        // What normalize writes (a repository cut from a cache tag, a forced default) is a valid field value too:
        // the answers it gives must pass the gate every link, file and saved state passes.
        const parsedNormal = parseAnswers(n);
        expect(parsedNormal.ok ? [] : parsedNormal.errors).toEqual([]);
        expect(normalize(n)).toEqual(n);
        const r = generate(a);
        expect(r.answers).toEqual(n);
        for (const f of r.files) files.set(f.path, (files.get(f.path) ?? 0) + 1);
        methods.set(n.method, (methods.get(n.method) ?? 0) + 1);
        const problems = checkFiles(r.files);
        if (problems.length) {
          const detail = r.files
            .filter((f) =>
              problems.some((p) => p.startsWith(f.path) || (p.startsWith('register') && f.path === 'register.sh')),
            )
            .map((f) => `--- ${f.path}\n${f.content}`);
          throw new Error(`${problems.join('\n')}\n${detail.join('\n')}`);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(
      `reference checks: ${runs} generated combinations; files ${JSON.stringify(Object.fromEntries(files))}; methods ${JSON.stringify(Object.fromEntries(methods))}`,
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });

  it('the checks reject what the tools reject (so that passing means something)', () => {
    const ok = 'stages: [build]\nbuild:\n  stage: build\n  script: [docker build .]\n';
    expect(checkGitlabCi(ok)).toEqual([]);
    expect(checkGitlabCi('build:\n  stage: build\n  tags: [docker]\n').join()).toMatch(/no script/);
    expect(checkGitlabCi('build:\n  script: [x]\n  tags: [yes]\n').join()).toMatch(/Psych|1\.1/);
    expect(checkGitlabCi('build:\n  script: [x]\n  tags: ["1:20"]\n')).toEqual([]);
    expect(checkGitlabCi('build:\n  script: [x]\n  imagee: docker\n').join()).toMatch(/schema/);
    expect(checkGitlabCi('build:\n  script: [x]\n  stage: deploy2\n').join()).toMatch(/undeclared stage/);
    expect(checkGitlabCi('build:\n  script: ["a\uFFFEb"]\n').join()).toMatch(/libyaml/);
    expect(checkGitlabCi('build:\n  script: [x]\nbuild:\n  script: [y]\n').join()).toMatch(/YAML/);

    const toml =
      '[[runners]]\nname = "r"\nexecutor = "docker"\n[runners.docker]\nimage = "x"\nprivileged = true\nvolumes = ["/cache"]\n';
    expect(checkRunnerToml(toml)).toEqual([]);
    // What the wizard once generated: gitlab-runner refuses each of these before any job runs.
    expect(checkRunnerToml(toml.replace('"docker"', '"docker-autoscaler"')).join()).toMatch(
      /docker-autoscaler requires \[runners\.autoscaler\]/,
    );
    expect(checkRunnerToml(toml.replace('"docker"', '"docker+machine"')).join()).toMatch(
      /docker\+machine requires \[runners\.machine\]/,
    );
    expect(
      checkRunnerToml(
        `${toml.replace('"docker"', '"docker+machine"')}[runners.machine]\nMachineDriver = "google"\nMachineName = "ci"\n`,
      ).join(),
    ).toMatch(/MachineName must hold %s/);
    expect(checkRunnerToml(toml.replace('"docker"', '"docker-windows"')).join()).toMatch(
      /docker-windows volume "\/cache" has no drive letter/,
    );
    expect(checkRunnerToml(toml.replace('"docker"', '"docker-windows"').replace('"/cache"', '"c:\\\\cache"'))).toEqual(
      [],
    );
    expect(checkRunnerToml(toml.replace('privileged = true', 'privilegd = true')).join()).toMatch(
      /unknown key runners\[0\]\.docker\.privilegd/,
    );
    expect(checkRunnerToml(toml.replace('privileged = true', 'privileged = "true"')).join()).toMatch(/must be boolean/);
    expect(checkRunnerToml(toml.replace('"docker"', '"dockerr"')).join()).toMatch(/not a runner executor/);
    expect(
      checkRunnerToml(
        `${toml}[[runners.docker.services]]\nname = "docker:dind"\nalias = "docker"\ncommand = ["--mtu=1450"]\n`,
      ),
    ).toEqual([]);
    expect(checkRunnerToml(`${toml}[[runners.docker.services]]\nname = "x"\nvariables = ["A=1"]\n`).join()).toMatch(
      /unknown key/,
    );
    expect(checkRunnerToml(`${toml}[runners.feature_flags]\nFF_NOT_A_FLAG = true\n`).join()).toMatch(
      /unknown feature flag/,
    );
    expect(
      checkRunnerToml('[[runners]]\nexecutor = "kubernetes"\n[runners.kubernetes.node_selector]\n"any/key" = "v"\n'),
    ).toEqual([]);
    expect(
      checkRunnerToml(
        '[[runners]]\nexecutor = "kubernetes"\n[runners.kubernetes.node_selector]\n"any/key" = 1\n',
      ).join(),
    ).toMatch(/must be string/);
    expect(checkRunnerToml('[[runners]\n').join()).toMatch(/TOML parse error/);
    expect(
      checkHelmValues(
        `gitlabUrl: https://gitlab.com/\nrunners:\n  config: |\n    [[runners]]\n    executor = "kubernetes"\n    bogus = 1\n`,
      ).join(),
    ).toMatch(/unknown key runners\[0\]\.bogus/);

    expect(checkDaemonJson('{"registry-mirrors": ["https://mirror.example.com"], "mtu": 1450}')).toEqual([]);
    expect(checkDaemonJson('{"registry-mirror": ["https://m"]}').join()).toMatch(/unknown key/);
    expect(checkDaemonJson('{"registry-mirrors": ["mirror.example.com"]}').join()).toMatch(/scheme/);
    expect(checkDaemonJson('{"registry-mirrors": ["https://m.example.com/?x=1"]}').join()).toMatch(/query or fragment/);
    expect(checkDaemonJson('{"mtu": "1450"}').join()).toMatch(/must be integer/);
    expect(checkDaemonJson('{"proxies": {"http-proxy": "http://p", "ftp-proxy": "x"}}').join()).toMatch(
      /unknown key proxies\.ftp-proxy/,
    );

    expect(checkBuildkitdToml('[registry."docker.io"]\nmirrors = ["mirror.example.com"]\n')).toEqual([]);
    expect(checkBuildkitdToml('[registry."docker.io"]\nmirror = ["m"]\n').join()).toMatch(/unknown key/);
    expect(checkBuildkitdToml('[registry."docker.io"]\nmirrors = ["https://m"]\n').join()).toMatch(/without scheme/);
    expect(checkBuildkitdToml('[worker.oci]\nnoProcessSandbox = "yes"\n').join()).toMatch(/must be boolean/);

    expect(
      checkRegisterSh(
        'sudo gitlab-runner register --non-interactive --url https://x --executor docker --docker-privileged\n',
      ),
    ).toEqual([]);
    expect(checkRegisterSh('gitlab-runner register --docker-privilege\n').join()).toMatch(/unknown flag/);
    expect(checkRegisterSh('gitlab-runner register --description\n').join()).toMatch(/needs a value/);
  });
});
