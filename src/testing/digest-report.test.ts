/**
 * The digest export of build jobs (issue 14, "Promotion by digest"): every build job that pushes writes `build.env`
 * (`IMAGE_DIGEST`, `IMAGE_REF`) and declares it as a dotenv report; the sh commands that read the digest from each
 * builder's output are run here in dash and busybox sh against recorded outputs of the tools. The real-tool tests
 * (src/testing/real) check the digest against the registry for the builders that run on this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generate } from '../core/generate';
import {
  BUILD_METADATA,
  DIGEST_FILE,
  DIGEST_REPORT,
  digestReport,
  PUSH_LOG,
  type DigestSource,
} from '../core/methods/fragments';
import { PRESETS } from '../core/presets';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

/** What each tool leaves behind, as recorded from docker 20.10 / 29, buildx 0.2x and buildah 1.28 outputs. */
const OUTPUTS: Record<DigestSource, [string, string]> = {
  'push-log': [
    PUSH_LOG,
    [
      'The push refers to repository [registry.example.com/group/app]',
      '5f70bf18a086: Layer already exists',
      `e3b0c442: digest: ${DIGEST} size: 528`,
      '',
    ].join('\n'),
  ],
  'metadata-file': [
    BUILD_METADATA,
    `{\n  "buildx.build.ref": "builder/builder0/x",\n  "containerimage.config.digest": "sha256:${'f'.repeat(64)}",\n  "containerimage.digest": "${DIGEST}",\n  "image.name": "registry.example.com/group/app:e3b0c442"\n}\n`,
  ],
  'digest-file': [DIGEST_FILE, DIGEST],
  // docker manifest push: a line per referenced manifest it had to copy, then the list's digest alone
  // (docker/cli cli/command/manifest/push.go: `Pushed ref %s with digest: %s`, then `fmt.Fprintln(out, dgst)`).
  'manifest-log': [
    PUSH_LOG,
    [
      `Pushed ref registry.example.com/group/app@sha256:${'a'.repeat(64)} with digest: sha256:${'a'.repeat(64)}`,
      DIGEST,
      '',
    ].join('\n'),
  ],
};

const SHELLS = [['/bin/sh'], ...(existsSync('/bin/busybox') ? [['/bin/busybox', 'sh']] : [])];
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'digest-report-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function runIn(shell: string[], commands: string[], files: Record<string, string>) {
  const cwd = mkdtempSync(join(dir, 'job-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const r = spawnSync(shell[0] ?? '/bin/sh', [...shell.slice(1), '-ec', commands.join('\n')], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CI_REGISTRY_IMAGE: 'registry.example.com/group/app' },
  });
  const report = join(cwd, DIGEST_REPORT);
  return { code: r.status, stderr: r.stderr, report: existsSync(report) ? readFileSync(report, 'utf8') : null };
}

describe.each(SHELLS.map((s) => [s.join(' '), s] as const))('digest report in %s', (_, shell) => {
  it.each(Object.keys(OUTPUTS) as DigestSource[])('reads the digest from the %s', (source) => {
    const [file, text] = OUTPUTS[source];
    const r = runIn(shell, digestReport('$CI_REGISTRY_IMAGE', source, 'sh'), { [file]: text });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.report).toBe(`IMAGE_DIGEST=${DIGEST}\nIMAGE_REF=registry.example.com/group/app@${DIGEST}\n`);
  });

  it('writes a per-architecture report under its own names (native multi-arch)', () => {
    const [file, text] = OUTPUTS['metadata-file'];
    const commands = digestReport('$CI_REGISTRY_IMAGE', 'metadata-file', 'sh', {
      suffix: '_ARM64',
      file: 'build-arm64.env',
    });
    const cwd = mkdtempSync(join(dir, 'job-'));
    writeFileSync(join(cwd, file), text);
    const r = spawnSync(shell[0] ?? '/bin/sh', [...shell.slice(1), '-ec', commands.join('\n')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CI_REGISTRY_IMAGE: 'registry.example.com/group/app' },
    });
    expect(r.status).toBe(0);
    expect(existsSync(join(cwd, DIGEST_REPORT))).toBe(false);
    expect(readFileSync(join(cwd, 'build-arm64.env'), 'utf8')).toBe(
      `IMAGE_DIGEST_ARM64=${DIGEST}\nIMAGE_REF_ARM64=registry.example.com/group/app@${DIGEST}\n`,
    );
  });

  it.each(Object.keys(OUTPUTS) as DigestSource[])('stops the job when the %s holds no digest', (source) => {
    const [file] = OUTPUTS[source];
    const r = runIn(shell, digestReport('$CI_REGISTRY_IMAGE', source, 'sh'), { [file]: 'denied: requested access\n' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('No image digest');
    expect(r.report).toBeNull();
  });

  it('keeps a literal image repository as it is', () => {
    const r = runIn(shell, digestReport('docker.io/acme/app', 'digest-file', 'sh'), { [DIGEST_FILE]: DIGEST });
    expect(r.report).toBe(`IMAGE_DIGEST=${DIGEST}\nIMAGE_REF=docker.io/acme/app@${DIGEST}\n`);
  });
});

describe('build jobs and their dotenv report', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: every pushing build job reports its digest', (_, preset) => {
    const res = generate(preset.answers);
    const ci = parse(res.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '') as Record<
      string,
      { script?: string[]; artifacts?: { reports?: { dotenv?: string } } }
    >;
    for (const v of res.plan.variants) {
      const job = ci[v.job];
      expect(job, v.job).toBeDefined();
      const script = (job?.script ?? []).join('\n');
      if (v.push) {
        expect(job?.artifacts?.reports?.dotenv, v.job).toBe(DIGEST_REPORT);
        expect(script, v.job).toMatch(res.plan.powershell ? /Set-Content -Path build\.env/ : /> build\.env$/);
      } else {
        expect(job?.artifacts, v.job).toBeUndefined();
        expect(script, v.job).not.toContain(DIGEST_REPORT);
      }
    }
  });

  it('renders PowerShell that writes the same two variables', () => {
    const ps = digestReport('$CI_REGISTRY_IMAGE', 'push-log', 'ps').join('\n');
    expect(ps).toContain(`Select-String -Path ${PUSH_LOG}`);
    expect(ps).toContain(
      '"IMAGE_DIGEST=${env:IMAGE_DIGEST}", "IMAGE_REF=${env:CI_REGISTRY_IMAGE}@${env:IMAGE_DIGEST}"',
    );
    expect(ps).toMatch(/-notmatch '\^sha256:\[0-9a-f\]\{64\}\$'\) \{ throw /);
  });
});
