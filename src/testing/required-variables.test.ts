/**
 * Missing CI/CD variables fail early (issue 13): every user-defined variable the job's before_script reads is
 * checked before its first use, the check runs for real in sh (stops with a message naming the variable, where to
 * create it and the protected-variable trap; passes when the variable is set), and the troubleshooter recognises
 * the message.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultAnswers, type Answers } from '../core/answers';
import { generate } from '../core/generate';
import { normalize } from '../core/rules';
import { diagnose } from '../core/troubleshoot';
import { answersArb } from './arbitraries';
import { requiredVariableCheck } from '../core/generators/gitlab-ci.generator';

const beforeScript = (a: Answers): string[] => {
  const ci = generate(a).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
  const doc = parseYaml(ci) as { default?: { before_script?: string[] } };
  return doc.default?.before_script ?? [];
};

const checked = (lines: string[]): string[] =>
  lines.flatMap((l) => /^test -[nf] "\$([A-Za-z_][A-Za-z0-9_]*)" \|\|/.exec(l)?.slice(1, 2) ?? []);

const run = (line: string, env: Record<string, string>) =>
  spawnSync('sh', ['-c', line], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8' });

describe('missing CI/CD variables fail early', () => {
  it('a Docker Hub login checks both variables first, in English and Japanese', () => {
    const a = normalize({ ...defaultAnswers(), registryDockerHub: true });
    const lines = beforeScript(a);
    expect(checked(lines.slice(0, 2))).toEqual([a.dockerHubUserVar, a.dockerHubPasswordVar]);
    const ja = generate(a, { lang: 'ja' }).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
    expect(ja).toContain(`${a.dockerHubPasswordVar}が設定されていません`);
  });

  it('the default answers (the predefined CI_REGISTRY_* variables only) add no check', () => {
    expect(checked(beforeScript(defaultAnswers()))).toEqual([]);
  });

  it('every user-defined variable of before_script is checked before the line that first reads it', () => {
    fc.assert(
      fc.property(answersArb, (raw) => {
        const a = normalize(raw);
        const lines = beforeScript(a);
        const names = new Set(checked(lines));
        const firstCheck = lines.findIndex((l) => checked([l]).length > 0);
        for (const name of [a.dockerHubUserVar, a.dockerHubPasswordVar, a.otherUserVar, a.otherPasswordVar]) {
          const reads = lines.findIndex(
            (l) => checked([l]).length === 0 && new RegExp(`\\$(?:env:)?\\{?${name}(?![A-Za-z0-9_])`).test(l),
          );
          if (reads < 0 || name.startsWith('CI_')) continue;
          // PowerShell jobs check with `if (-not $env:NAME)`.
          const psChecked = lines.some((l) => l.startsWith(`if (-not $env:${name})`));
          expect(names.has(name) || psChecked, `${name} is checked`).toBe(true);
          if (!psChecked) expect(firstCheck).toBeLessThan(reads);
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('the sh check stops an unset or empty variable with its message, and passes a set one', () => {
    for (const lang of ['en', 'ja'] as const) {
      const line = requiredVariableCheck({ name: 'REGISTRY_PASSWORD', file: false }, 'sh', lang);
      for (const env of [{}, { REGISTRY_PASSWORD: '' }] as Record<string, string>[]) {
        const r = run(line, env);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('REGISTRY_PASSWORD');
        expect(r.stderr).toContain(lang === 'en' ? 'Settings > CI/CD > Variables' : '設定 > CI/CD > 変数');
        expect(r.stderr).toContain(lang === 'en' ? 'Protected' : '保護された変数');
      }
      expect(run(line, { REGISTRY_PASSWORD: 'x' }).status).toBe(0);
    }
  });

  it('the File check stops a value that is not a file, and passes a file', () => {
    const line = requiredVariableCheck({ name: 'CUSTOM_CA', file: true }, 'sh', 'en');
    expect(run(line, { CUSTOM_CA: '-----BEGIN CERTIFICATE-----' }).status).toBe(1);
    expect(run(line, {}).stderr).toContain('with the type File');
    expect(run(line, { CUSTOM_CA: '/etc/hostname' }).status).toBe(0);
  });

  it('the troubleshooter reads the check message as failures.md #10, with the variable', () => {
    for (const lang of ['en', 'ja'] as const)
      for (const file of [false, true]) {
        const line = requiredVariableCheck({ name: 'DOCKER_HUB_PASSWORD', file }, 'sh', lang);
        const message = /echo '([^']*)'/.exec(line)?.[1] ?? '';
        const d = diagnose(`$ ${line}\n${message}\nERROR: Job failed: exit code 1\n`);
        expect(d[0]?.id, message).toBe('protected-var-empty-login');
        expect(d[0]?.facts.variable).toBe('DOCKER_HUB_PASSWORD');
      }
  });
});
