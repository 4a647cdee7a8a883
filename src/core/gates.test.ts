/**
 * Gates (issue 14, item 4): the lint job (hadolint) and the scan jobs (Trivy, GitLab's Container Scanning).
 * hadolint and Trivy are not installable here (no Debian package; Trivy also needs its vulnerability database from
 * the internet): their command lines are checked as text against the flags their documentation lists, and the job
 * scripts by shellcheck in src/testing/real/gates.real.test.ts. The property tests check what the jobs may hold (no
 * push credential, nothing of `default:`), that every scan job follows a pushing build job under its rule, and that
 * every file passes the reference checks (GitLab's CI schema, the included template, `needs` against stages).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SCANNERS, defaultAnswers, type Answers } from './answers';
import {
  CONTAINER_SCANNING_GLOBALS,
  HADOLINT_IMAGE,
  IMAGE_REF_VAR,
  TRIVY_IMAGE,
  gatesPlan,
  severitiesFrom,
} from './gates';
import { generate } from './generate';
import type { Lang } from './i18n';
import { makePlan } from './plan';
import { isRelevant, normalize, validateCombination, whyNot } from './rules';
import { answersArb } from '../testing/arbitraries';
import { checkGitlabCi } from '../testing/reference';

/**
 * hadolint's command-line flags as its `--help` lists them (hadolint 2.12-2.15, README "CLI",
 * https://github.com/hadolint/hadolint#cli), the values of `--failure-threshold` and of `--format`.
 */
const HADOLINT_FLAGS = new Set([
  '-h',
  '--help',
  '-v',
  '--version',
  '-c',
  '--config',
  '--file-path-in-report',
  '--no-fail',
  '--no-color',
  '-V',
  '--verbose',
  '-f',
  '--format',
  '--error',
  '--warning',
  '--info',
  '--style',
  '--ignore',
  '--trusted-registry',
  '--require-label',
  '--strict-labels',
  '--disable-ignore-pragma',
  '-t',
  '--failure-threshold',
]);
const HADOLINT_THRESHOLDS = ['error', 'warning', 'info', 'style', 'ignore', 'none'];
const HADOLINT_FORMATS = [
  'tty',
  'json',
  'checkstyle',
  'codeclimate',
  'gitlab_codeclimate',
  'gnu',
  'codacy',
  'sonarqube',
  'sarif',
];
/**
 * The `trivy image` flags the jobs may use, from its reference (https://trivy.dev/docs/latest/references/
 * configuration/cli/trivy_image/), and the severities `--severity` takes.
 */
const TRIVY_IMAGE_FLAGS = new Set(['--exit-code', '--severity', '--no-progress', '--cache-dir', '--ignore-unfixed']);
const TRIVY_SEVERITIES = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const DIGEST = /@sha256:[0-9a-f]{64}$/;

const answers = (patch: Partial<Answers>): Answers => normalize({ ...defaultAnswers(), ...patch });
type Job = Record<string, unknown> & {
  stage?: string;
  script?: string[];
  before_script?: string[];
  services?: unknown[];
  rules?: { if?: string; when?: string }[];
  needs?: { job: string; artifacts: boolean }[];
  inherit?: { default: boolean; variables: boolean | string[] };
  variables?: Record<string, string>;
};
const ciOf = (a: Answers, lang: Lang = 'en') => {
  const r = generate(a, { lang });
  const text = r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
  return { r, text, doc: parseYaml(text) as Record<string, Job> };
};
/** Splits a command line into words, keeping a single-quoted word whole. */
const words = (line: string): string[] => [...line.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0]);

describe('the lint job (hadolint is not installable here: its command lines are checked as text)', () => {
  it.each(['error', 'warning', 'info', 'style'] as const)('threshold %s uses documented flags only', (threshold) => {
    const g = gatesPlan(answers({ lint: true, lintThreshold: threshold }), [], (r) => r).lint;
    expect(g).not.toBeNull();
    const [report, gate] = g?.script ?? [];
    for (const line of [report ?? '', gate ?? '']) {
      const w = words(line);
      expect(w[0]).toBe('hadolint');
      for (const flag of w.filter((x) => x.startsWith('-'))) expect(HADOLINT_FLAGS, flag).toContain(flag);
    }
    const rw = words(report ?? '');
    expect(rw).toContain('--no-fail');
    expect(HADOLINT_FORMATS).toContain(rw[rw.indexOf('--format') + 1]);
    expect(rw.slice(-2)).toEqual(['>', 'gl-codequality-hadolint.json']);
    const gw = words(gate ?? '');
    expect(gw).not.toContain('--no-fail');
    expect(HADOLINT_THRESHOLDS).toContain(gw[gw.indexOf('--failure-threshold') + 1]);
    expect(gw[gw.indexOf('--failure-threshold') + 1]).toBe(threshold);
    expect(g?.gateIndex).toBe(1);
  });

  it('quotes the Dockerfile path for sh', () => {
    const g = gatesPlan(answers({ lint: true, dockerfile: "docker/it's $HOME.Dockerfile" }), [], (r) => r).lint;
    expect(g?.script[1]).toBe(`hadolint --failure-threshold warning 'docker/it'\\''s $HOME.Dockerfile'`);
  });
});

describe('the scan jobs (Trivy and GitLab’s analyzer are not installable here: checked as text)', () => {
  it('severitiesFrom lists the threshold and every more severe level', () => {
    expect(severitiesFrom('CRITICAL')).toEqual(['CRITICAL']);
    expect(severitiesFrom('HIGH')).toEqual(['HIGH', 'CRITICAL']);
    expect(severitiesFrom('LOW')).toEqual(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
  });

  it.each(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const)('trivy image at %s uses documented flags', (severity) => {
    const a = answers({ scan: 'trivy', scanSeverity: severity });
    const scan = makePlan(a).gates.scan;
    const line = scan?.script[scan.gateIndex] ?? '';
    const w = words(line);
    expect(w.slice(0, 2)).toEqual(['trivy', 'image']);
    for (const flag of w.filter((x) => x.startsWith('-'))) expect(TRIVY_IMAGE_FLAGS, flag).toContain(flag);
    expect(w[w.indexOf('--exit-code') + 1]).toBe('1');
    const listed = (w[w.indexOf('--severity') + 1] ?? '').split(',');
    for (const s of listed) expect(TRIVY_SEVERITIES).toContain(s);
    expect(listed).toEqual(severitiesFrom(severity));
    expect(w.at(-1)).toBe(`"$${IMAGE_REF_VAR}"`);
  });

  it('pins hadolint and Trivy by digest, whatever the image source', () => {
    expect(HADOLINT_IMAGE).toMatch(DIGEST);
    expect(TRIVY_IMAGE).toMatch(DIGEST);
    for (const patch of [
      {},
      { toolImagePrefix: 'registry.example.com:5050/infra/images' },
      { dependencyProxy: true },
    ] satisfies Partial<Answers>[]) {
      const g = makePlan(answers({ ...patch, lint: true, scan: 'trivy' })).gates;
      expect(g.lint?.image).toMatch(DIGEST);
      expect(g.scan?.image).toMatch(DIGEST);
      expect(g.lint?.image.endsWith(HADOLINT_IMAGE)).toBe(true);
      expect(g.scan?.image?.endsWith(TRIVY_IMAGE)).toBe(true);
    }
  });

  it('pulls with the job token from the GitLab registry, with the read-only variables elsewhere', () => {
    const own = makePlan(answers({ scan: 'trivy' })).gates.scan;
    expect(own?.pull).toBe('job-token');
    expect(own?.variables).toMatchObject({ TRIVY_USERNAME: '$CI_REGISTRY_USER', TRIVY_PASSWORD: '$CI_JOB_TOKEN' });
    const other = makePlan(
      answers({ scan: 'gitlab', image: 'registry.example.com/team/app', registryOther: true, registryGitlab: false }),
    ).gates.scan;
    expect(other?.pull).toEqual({ user: '$SCAN_REGISTRY_USER', password: '$SCAN_REGISTRY_PASSWORD' });
    expect(other?.variables).toMatchObject({
      CS_IMAGE: '$IMAGE_REF',
      CS_REGISTRY_USER: '$SCAN_REGISTRY_USER',
      CS_REGISTRY_PASSWORD: '$SCAN_REGISTRY_PASSWORD',
    });
    expect(other?.required.map((v) => v.name)).toEqual(['SCAN_REGISTRY_USER', 'SCAN_REGISTRY_PASSWORD']);
  });
});

describe('rules of the gates', () => {
  it('refuses the gates on Windows and with the shell executor, the scan without a push', () => {
    for (const patch of [
      { os: 'windows', executor: 'docker-windows', method: 'pipe' },
      { executor: 'shell' },
    ] as const) {
      const a = answers(patch);
      expect(whyNot(a, 'lint', true)?.en).toMatch(/Linux|shell executor/);
      expect(whyNot(a, 'lint', true)?.ja).toMatch(/[\u3040-\u30ff]/);
      expect(whyNot(a, 'scan', 'trivy')).not.toBeNull();
      const n = normalize({ ...a, lint: true, scan: 'trivy' });
      expect([n.lint, n.scan]).toEqual([false, 'none']);
    }
    expect(whyNot(answers({ push: false }), 'scan', 'gitlab')?.en).toMatch(/push/);
    expect(whyNot(answers({ runnerKind: 'gitlab-hosted' }), 'scan', 'trivy')).toBeNull();
  });

  it('asks the pull credential only for an image outside the GitLab registry', () => {
    expect(isRelevant(answers({ scan: 'trivy' }), 'scanPasswordVar')).toBe(false);
    expect(
      isRelevant(answers({ scan: 'trivy', image: 'docker.io/acme/app', registryDockerHub: true }), 'scanUserVar'),
    ).toBe(true);
    expect(isRelevant(answers({ scan: 'gitlab' }), 'gatePolicy')).toBe(false);
  });
});

/**
 * The push credentials' variable names of these answers. GitLab's `CI_REGISTRY_PASSWORD` and
 * `CI_DEPENDENCY_PROXY_PASSWORD` are not among them: in a job they are that job's own token (`CI_JOB_TOKEN`).
 */
function pushCredentialNames(a: Answers): string[] {
  const names: string[] = [];
  if (a.authMethod === 'docker-auth-config') names.push(a.authConfigVar);
  if (a.authMethod === 'login') {
    if (a.registryDockerHub) names.push(a.dockerHubUserVar, a.dockerHubPasswordVar);
    if (a.registryOther) names.push(a.otherUserVar, a.otherPasswordVar);
  }
  return names;
}

const gateAnswers = fc
  .tuple(answersArb, fc.boolean(), fc.constantFrom(...SCANNERS), fc.constantFrom(...SCANNERS))
  .map(([a, lint, scan, scan2]) => normalize({ ...a, lint, scan: scan === 'none' ? scan2 : scan }));

describe('properties of the gate jobs', () => {
  it('hold no push credential, inherit nothing of the build, and follow a pushing build job under its rule', () => {
    let lintJobs = 0;
    let scanJobs = 0;
    fc.assert(
      fc.property(gateAnswers, (a) => {
        if (validateCombination(a).length) return;
        const { r, text, doc } = ciOf(a);
        expect(checkGitlabCi(text)).toEqual([]);
        const stages = (doc.stages as unknown as string[]) ?? [];
        const plan = makePlan(a);
        const gates = Object.entries(doc).filter(
          ([name, j]) => (j.stage === 'lint' || j.stage === 'scan') && name !== 'container_scanning',
        );
        if (a.lint) expect(doc['lint-dockerfile']?.stage).toBe('lint');
        for (const [name, job] of gates) {
          if (job.stage === 'lint') lintJobs++;
          else scanJobs++;
          // Nothing of `default:` (logins, daemon service) and none of the build's variables.
          expect(job.inherit?.default, name).toBe(false);
          const inherited = job.inherit?.variables;
          const allowed = new Set<string>([...CONTAINER_SCANNING_GLOBALS, 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY']);
          if (Array.isArray(inherited))
            for (const v of inherited) expect(allowed, `${name} inherits ${v}`).toContain(v);
          expect(job.services, name).toEqual([]);
          for (const line of job.before_script ?? [])
            expect(line, name).toMatch(/^test -n "\$[A-Za-z_][A-Za-z0-9_]*" \|\|/);
          // No push credential by name, unless the finding says the scan reuses one.
          const body = JSON.stringify(job);
          const leaked = pushCredentialNames(a).filter((n) => new RegExp(`\\$\\{?${n}(?![A-Za-z0-9_])`).test(body));
          if (leaked.length)
            expect(
              r.findings.map((f) => f.id),
              `${name} reads ${leaked.join(', ')}`,
            ).toContain('scan-pull-is-push-credential');
          if (job.stage === 'scan') {
            const need = job.needs?.[0]?.job ?? '';
            expect(job.needs, name).toHaveLength(1);
            const build = doc[need];
            // The build job, or the manifest job that merges a native multi-arch build (both report build.env).
            expect(['build', 'manifest'], `${name} needs ${need}`).toContain(build?.stage);
            expect(stages.indexOf('build')).toBeLessThan(stages.indexOf('scan'));
            const variant = plan.variants.find((v) => v.job === need);
            expect(variant?.push, `${need} pushes`).toBe(true);
            expect(job.rules?.[0]?.if ?? null).toBe(build?.rules?.[0]?.if ?? null);
            // The build job publishes IMAGE_REF in its dotenv report (the digest export contract).
            expect((build?.artifacts as { reports?: { dotenv?: string } } | undefined)?.reports?.dotenv).toBe(
              'build.env',
            );
          } else {
            expect(stages.indexOf('lint')).toBeLessThan(stages.indexOf('build'));
            expect(job.allow_failure === true).toBe(a.gatePolicy === 'report');
          }
        }
        // Every pushing build job has its scan job.
        if (a.scan !== 'none')
          for (const v of plan.variants.filter((x) => x.push)) expect(doc[`scan-${v.job}`], v.job).toBeDefined();
      }),
      { numRuns: 300, seed: 1414 },
    );
    expect(lintJobs).toBeGreaterThan(20);
    expect(scanJobs).toBeGreaterThan(20);
  });
});

/** Setups whose generated files and findings are frozen (golden review of the gates). */
const GOLDEN: Record<string, Partial<Answers>> = {
  'gates-dind-trivy': { lint: true, scan: 'trivy', tagLatest: true, tagGitTag: true, gatePolicy: 'block' },
  'gates-buildah-gitlab-cs': {
    method: 'buildah',
    image: 'registry.example.com/team/app',
    registryOther: true,
    registryGitlab: false,
    lint: true,
    lintThreshold: 'error',
    scan: 'gitlab',
    scanSeverity: 'MEDIUM',
    gatePolicy: 'report',
  },
  'gates-hosted-podman-reused-credential': {
    runnerKind: 'gitlab-hosted',
    method: 'podman',
    image: 'docker.io/acme/app',
    registryDockerHub: true,
    registryGitlab: false,
    scan: 'trivy',
    scanSeverity: 'CRITICAL',
    scanPasswordVar: 'DOCKER_HUB_PASSWORD',
  },
};

describe.each(Object.keys(GOLDEN))('golden %s', (id) => {
  it.each(['en', 'ja'] as const)('%s', async (lang) => {
    const a = answers(GOLDEN[id] ?? {});
    expect(validateCombination(a)).toEqual([]);
    const r = generate(a, { lang });
    const parts = r.files.map((f) => `=== file ${f.path} (${f.language})\n${f.content}\n`);
    parts.push(`=== findings\n${r.findings.map((f) => `${f.severity} ${f.id} ${f.file}:${f.line}`).join('\n')}\n`);
    for (const f of r.findings) expect(f.anchored, f.id).toBe(true);
    await expect(parts.join('')).toMatchFileSnapshot(`__golden__/gates/${id}.${lang}.txt`);
  });
});
