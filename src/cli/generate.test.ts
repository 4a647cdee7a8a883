/**
 * The CLI's --diagnose: what it prints for a job log (recognised failures or the generic checks), its exit status,
 * and the fixed files it writes when given answers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCliOutput, tempDir } from '../testing/cli-output';
import { FAILURE_SAMPLES, CLEAN_LOGS } from '../testing/failure-logs';
import { failureHolds } from '../testing/failure-checks';
import { jobLog } from '../testing/job-logs';
import { EXIT_NOTHING_RECOGNISED, main } from './generate';

const dir = tempDir('diagnose-cli-');

function sampleLog(name: string, id: keyof typeof FAILURE_SAMPLES, index = 0): string {
  const sample = FAILURE_SAMPLES[id][index];
  if (!sample) throw new Error(`no sample ${id}[${index}]`);
  const path = join(dir, name);
  writeFileSync(path, jobLog({ ...sample.job, timestamps: true, seed: 11 }));
  return path;
}

const { out, err } = captureCliOutput();
const stdout = () => out.join('\n');

describe('generate --diagnose', () => {
  it('prints each recognised failure with its line, cause, fix and sources; exit 0', () => {
    const log = sampleLog('privileged.log', 'dind-not-privileged');
    const lines = readFileSync(log, 'utf8').split('\n');
    expect(main(['--diagnose', log])).toBe(0);
    const text = stdout();
    expect(text).toMatch(/Recognised 3 known failures in .*privileged\.log/);
    expect(text).toContain('[1] dind-not-privileged (#2): Docker-in-Docker service not privileged');
    const line = Number(/line (\d+): mount: permission denied \(are you root\?\)/.exec(text)?.[1]);
    expect(lines[line - 1]).toContain('mount: permission denied (are you root?)');
    expect(text).toContain('Cause: The runner has privileged = false');
    expect(text).toContain('Fix: Set privileged = true');
    expect(text).toContain('--choose dind-not-privileged.privileged=no');
    expect(text).toContain('Sources: https://gitlab.com/gitlab-org/gitlab/-/issues/388040');
    expect(text).toContain('Probably a consequence of dind-not-privileged.');
    expect(text).not.toContain('\x1b');
  });

  it('generic checks follow the answers\' build tool; a log of another tool gets a note, not "already avoid"', () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, 'Job succeeded\n');
    const buildah = join(dir, 'buildah.json');
    writeFileSync(buildah, JSON.stringify({ version: 3, answers: { method: 'buildah', allowPrivileged: false } }));
    expect(main(['--diagnose', empty, '--answers', buildah])).toBe(EXIT_NOTHING_RECOGNISED);
    expect(stdout()).toContain('buildah version && buildah info');
    expect(stdout()).not.toContain('docker version && docker info');
    out.length = 0;
    // A Buildah log read against Docker-in-Docker answers: the fix changes nothing in those files, which say
    // nothing of the Buildah job.
    const log = sampleLog('unprivileged.log', 'buildah-unprivileged');
    const dindAnswers = join(dir, 'dind.json');
    writeFileSync(dindAnswers, JSON.stringify({ version: 3, answers: {} }));
    expect(main(['--diagnose', log, '--answers', dindAnswers, '--out', join(dir, 'out-mismatch')])).toBe(0);
    expect(stdout()).toContain('note: This log comes from Buildah, but the current answers generate files for Docker');
    expect(stdout()).not.toContain('the generated files already avoid these failures');
  });

  it('prints Japanese with --lang ja', () => {
    const log = sampleLog('compose.log', 'compose-v1-missing');
    expect(main(['--diagnose', log, '--lang', 'ja'])).toBe(0);
    const text = stdout();
    expect(text).toContain('で既知の失敗を1件認識しました');
    expect(text).toContain('docker-compose（v1）が見つからない');
    expect(text).toContain('原因: dockerイメージに入っているのは');
    expect(text).toContain('出典: https://gitlab.com/gitlab-org/gitlab-ce/issues/30426');
  });

  it('prints the generic checks when nothing is recognised; exit 2', () => {
    const clean = CLEAN_LOGS[0];
    if (!clean) throw new Error('no clean log');
    const path = join(dir, 'clean.log');
    writeFileSync(path, jobLog({ ...clean.job, timestamps: true, crlf: true }));
    expect(main(['--diagnose', path])).toBe(EXIT_NOTHING_RECOGNISED);
    expect(EXIT_NOTHING_RECOGNISED).toBe(2);
    const text = stdout();
    expect(text).toMatch(/No known failure recognised in .*clean\.log/);
    expect(text).toContain('CI_DEBUG_SERVICES: "true"');
    expect(text).toContain('gitlab-runner --debug run');
    expect(main(['--diagnose', path, '--lang', 'ja'])).toBe(2);
    expect(stdout()).toContain('既知の失敗は見つかりませんでした');
  });

  it('with answers, applies the chosen fixes and writes the fixed files', () => {
    const log = sampleLog('privileged2.log', 'dind-not-privileged');
    const outDir = join(dir, 'fixed');
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ version: 1, answers: {} }));
    expect(
      main(['--diagnose', log, '--answers', answers, '--choose', 'dind-not-privileged.privileged=no', '--out', outDir]),
    ).toBe(0);
    const text = stdout();
    expect(text).toContain('Answers changed by the fixes:');
    expect(text).toContain('allowPrivileged: true -> false');
    expect(text).toContain('method: "dind" -> "buildkit-rootless"');
    const files = ['.gitlab-ci.yml', 'config.toml'].map((p) => ({
      path: p,
      content: readFileSync(join(outDir, p), 'utf8'),
    }));
    expect(files[0]?.content).toContain('buildctl-daemonless.sh');
    expect(failureHolds('dind-not-privileged', files)).toBe(false);
    expect(readFileSync(join(outDir, 'permalink.txt'), 'utf8')).toMatch(/^#c=/);
  });

  it('writes the files of the CI/CD component into their folders with --out', () => {
    const answers = join(dir, 'component.json');
    const outDir = join(dir, 'component-out');
    writeFileSync(answers, JSON.stringify({ version: 3, answers: { component: true, componentName: 'img' } }));
    expect(main(['--answers', answers, '--out', outDir])).toBe(0);
    expect(readFileSync(join(outDir, 'component/templates/img.yml'), 'utf8')).toContain('spec:');
    expect(readFileSync(join(outDir, 'component/README.md'), 'utf8')).toContain('| `image` |');
    expect(readFileSync(join(outDir, '.gitlab-ci.component-usage.yml'), 'utf8')).toContain('/img@1.0.0');
  });

  it('fixes a permalink and writes a zip', () => {
    const log = sampleLog('mtu.log', 'dind-mtu-hang');
    const zip = join(dir, 'fixed.zip');
    expect(main(['--diagnose', log, '--permalink', '#c=1.', '--zip', zip])).toBe(1); // a broken link is refused
    out.length = 0;
    const answers = join(dir, 'k8s.json');
    writeFileSync(answers, JSON.stringify({ executor: 'docker' }));
    expect(main(['--diagnose', log, '--answers', answers, '--choose', 'dind-mtu-hang.mtu=1360', '--zip', zip])).toBe(0);
    expect(stdout()).toContain('mtu: 0 -> 1360');
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad usage with exit 1 and a one-line reason', () => {
    const log = sampleLog('any.log', 'compose-v1-missing');
    const cases: [string[], RegExp][] = [
      [['--diagnose', join(dir, 'missing.log')], /cannot read .*missing\.log: ENOENT/],
      [['--diagnose', log, '--choose', 'compose-v1-missing.x=y'], /--choose applies fixes to answers/],
      [['--diagnose', log, '--out', join(dir, 'o')], /--out and --zip write the fixed files/],
      [['--diagnose', log, '--answers', 'a.json', '--permalink', '#c=x'], /at most one of --answers or --permalink/],
      [['--answers', 'a.json', '--choose', 'dind-mtu-hang.mtu=1360'], /--choose goes with --diagnose/],
      [['--diagnose', log, '--choose', 'nope.q=o'], /--choose takes FAILURE.QUESTION=OPTION|unknown failure "nope"/],
      [['--diagnose', log, '--choose', 'not-a-failure.q=o'], /unknown failure "not-a-failure"/],
    ];
    for (const [args, reason] of cases) {
      err.length = 0;
      expect(main(args), args.join(' ')).toBe(1);
      expect(err.join('\n'), args.join(' ')).toMatch(reason);
      expect(err.length).toBe(1);
    }
    const answers = join(dir, 'defaults.json');
    writeFileSync(answers, '{}');
    const tls = sampleLog('tls.log', 'dind-tls-port-mismatch');
    err.length = 0;
    expect(
      main(['--diagnose', tls, '--answers', answers, '--choose', 'dind-tls-port-mismatch.connection=carrier-pigeon']),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/"carrier-pigeon" is not an option of question "connection"/);
  });

  it('reads the log from standard input with "-" (real process, real exit status)', () => {
    const sample = FAILURE_SAMPLES['private-ca-x509'][1];
    if (!sample) throw new Error('no sample');
    const run = (input: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/generate.ts', '--diagnose', '-'], {
        input,
        encoding: 'utf8',
        cwd: join(import.meta.dirname, '..', '..'),
      });
    const hit = run(jobLog({ ...sample.job, crlf: true }));
    expect(hit.status, hit.stderr).toBe(0);
    expect(hit.stdout).toContain('private-ca-x509');
    expect(hit.stdout).toContain('standard input');
    const miss = run('Job succeeded\n');
    expect(miss.status).toBe(2);
    expect(miss.stdout).toContain('No known failure recognised');
  });
});
