/**
 * The gate jobs' scripts (issue 14, item 4) with real shells. hadolint and Trivy are NOT installable here (no Debian
 * package; Trivy also downloads its vulnerability database from the internet), so their command lines are checked as
 * text against the documented flags in src/core/gates.test.ts, and here:
 * - every gate job's script passes `shellcheck -s sh`;
 * - the job wrapper (`set -eo pipefail`, the runner's) runs with stand-ins `hadolint` and `trivy` that behave as the
 *   documentation says (hadolint: exit 1 when a rule at or above `--failure-threshold` is violated, exit 0 with
 *   `--no-fail`; trivy: `--exit-code` when a vulnerability of the listed severities is found), in BusyBox sh (the Alpine images' shell) and bash:
 *   the job passes on a clean result, fails on a violation, writes the Code Quality report either way, and stops
 *   with a message when `IMAGE_REF` (the build job's dotenv report) is missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../../core/answers';
import { generate } from '../../core/generate';
import { normalize } from '../../core/rules';
import { jobShellScript, pipelineJobs } from './ci-job';
import { SKIP_REAL_TOOLS } from './requirements';

const dir = mkdtempSync(join(tmpdir(), 'realtools-gates-'));
const bin = join(dir, 'bin');
mkdirSync(bin);

/**
 * Stand-in hadolint: the severity of the one violation found is in $HADOLINT_FINDS (empty: a clean Dockerfile).
 * Exit 1 when it is at or above --failure-threshold (hadolint/hadolint#653: inclusive), 0 with --no-fail; the report
 * of --format goes to stdout.
 */
const HADOLINT = String.raw`#!/bin/sh
threshold=info; nofail=0; format=tty; file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --failure-threshold|-t) threshold="$2"; shift 2 ;;
    --no-fail) nofail=1; shift ;;
    --format|-f) format="$2"; shift 2 ;;
    -*) echo "stand-in hadolint: unexpected flag $1" >&2; exit 2 ;;
    *) file="$1"; shift ;;
  esac
done
[ -f "$file" ] || { echo "stand-in hadolint: no file $file" >&2; exit 1; }
rank() { case "$1" in error) echo 4 ;; warning) echo 3 ;; info) echo 2 ;; style) echo 1 ;; *) echo 0 ;; esac; }
if [ "$format" = gitlab_codeclimate ]; then printf '[]\n'; else [ -n "$HADOLINT_FINDS" ] && echo "$file:1 DL3007 $HADOLINT_FINDS"; fi
[ "$nofail" = 1 ] && exit 0
[ -n "$HADOLINT_FINDS" ] && [ "$(rank "$HADOLINT_FINDS")" -ge "$(rank "$threshold")" ] && exit 1
exit 0
`;
/** Stand-in trivy: finds one vulnerability of severity $TRIVY_FINDS (empty: none); exits with --exit-code if listed. */
const TRIVY = String.raw`#!/bin/sh
[ "$1" = image ] || { echo "stand-in trivy: expected 'image'" >&2; exit 2; }
shift; code=0; sev=""; ref=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exit-code) code="$2"; shift 2 ;;
    --severity) sev="$2"; shift 2 ;;
    --no-progress) shift ;;
    -*) echo "stand-in trivy: unexpected flag $1" >&2; exit 2 ;;
    *) ref="$1"; shift ;;
  esac
done
case "$ref" in *@sha256:*) ;; *) echo "stand-in trivy: $ref is not a digest reference" >&2; exit 2 ;; esac
[ -n "$TRIVY_USERNAME" ] && [ -n "$TRIVY_PASSWORD" ] || { echo "stand-in trivy: no pull credential" >&2; exit 2; }
case ",$sev," in *",$TRIVY_FINDS,"*) [ -n "$TRIVY_FINDS" ] && { echo "CVE-0000-0000 $TRIVY_FINDS"; exit "$code"; } ;; esac
exit 0
`;
for (const [name, text] of [
  ['hadolint', HADOLINT],
  ['trivy', TRIVY],
] as const) {
  writeFileSync(join(bin, name), text);
  chmodSync(join(bin, name), 0o755);
}

// The runner runs bash when the image has it, else sh: BusyBox sh in the Alpine-based hadolint and Trivy images.
const SHELLS = ['busybox sh', 'bash'].filter(
  (s) => spawnSync('sh', ['-c', `command -v ${s.split(' ')[0]}`]).status === 0,
);

function gateJobs(patch: Partial<Answers>) {
  const a = normalize({ ...defaultAnswers(), ...patch });
  const ci = generate(a).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
  return pipelineJobs(ci, { CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main' }).filter(
    (j) => j.name === 'lint-dockerfile' || j.name.startsWith('scan-'),
  );
}

/** Runs a job's before_script + script in the runner's wrapper with the stand-ins first on PATH. */
function run(shell: string, commands: string[], env: Record<string, string>) {
  const work = mkdtempSync(join(dir, 'job-'));
  writeFileSync(join(work, 'Dockerfile'), 'FROM alpine:3.22\n');
  writeFileSync(join(work, 'job.sh'), jobShellScript(commands));
  const [cmd, ...args] = shell.split(' ');
  const r = spawnSync(cmd ?? 'sh', [...args, 'job.sh'], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
  });
  return {
    code: r.status,
    out: `${r.stdout}${r.stderr}`,
    report: existsSync(join(work, 'gl-codequality-hadolint.json')),
  };
}

describe.skipIf(SKIP_REAL_TOOLS)(
  'real tools: the gate jobs (hadolint and Trivy not installable here: stand-ins)',
  () => {
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('every gate script passes shellcheck -s sh', () => {
      const problems: string[] = [];
      for (const patch of [
        { lint: true, scan: 'trivy' },
        { lint: true, scan: 'gitlab', image: 'registry.example.com/a/b', registryOther: true },
        { method: 'buildah', lint: true, dockerfile: "it's/Dockerfile", scan: 'trivy', tagLatest: true },
      ] satisfies Partial<Answers>[])
        for (const job of gateJobs(patch)) {
          const file = join(dir, `${job.name}.sh`);
          writeFileSync(file, `#!/bin/sh\n${job.script.join('\n')}\n`);
          const r = spawnSync('shellcheck', ['-s', 'sh', '-e', 'SC2154', '-f', 'gcc', file], { encoding: 'utf8' });
          if (r.error) throw r.error;
          if (r.status !== 0) problems.push(`${job.name}: ${r.stdout}`);
        }
      expect(problems).toEqual([]);
    });

    it.each(SHELLS)('the lint job passes, fails by threshold, and always writes its report (%s)', (shell) => {
      const lint = gateJobs({ lint: true, lintThreshold: 'warning' }).find((j) => j.name === 'lint-dockerfile');
      expect(lint).toBeDefined();
      const script = lint?.script ?? [];
      const clean = run(shell, script, { HADOLINT_FINDS: '' });
      expect(clean.code, clean.out).toBe(0);
      expect(clean.report).toBe(true);
      const info = run(shell, script, { HADOLINT_FINDS: 'info' });
      expect(info.code, `info is below warning: ${info.out}`).toBe(0);
      const warning = run(shell, script, { HADOLINT_FINDS: 'warning' });
      expect(warning.code, warning.out).not.toBe(0);
      expect(warning.report, 'the report line ran before the gate failed').toBe(true);
    });

    it.each(SHELLS)('the Trivy scan job fails at the threshold and without IMAGE_REF (%s)', (shell) => {
      const scan = gateJobs({ scan: 'trivy', scanSeverity: 'HIGH' }).find((j) => j.name === 'scan-build-image');
      expect(scan).toBeDefined();
      const env = {
        ...(scan?.variables ?? {}),
        TRIVY_USERNAME: 'gitlab-ci-token',
        TRIVY_PASSWORD: 'job-token',
        IMAGE_REF: 'registry.example.com/g/p@sha256:' + 'a'.repeat(64),
      };
      const script = scan?.script ?? [];
      expect(run(shell, script, { ...env, TRIVY_FINDS: '' }).code).toBe(0);
      expect(run(shell, script, { ...env, TRIVY_FINDS: 'MEDIUM' }).code, 'MEDIUM is below HIGH').toBe(0);
      expect(run(shell, script, { ...env, TRIVY_FINDS: 'CRITICAL' }).code).toBe(1);
      const missing = run(shell, script, { ...env, IMAGE_REF: '' });
      expect(missing.code).not.toBe(0);
      expect(missing.out).toContain('IMAGE_REF is not set');
    });
  },
);
