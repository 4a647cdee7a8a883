/**
 * Every generated shell file and job script passes `shellcheck -s sh` (0.9, Debian): `register.sh`,
 * `kubernetes.sh`, SETUP.md's `sh` command blocks, and for every Linux preset and a sample of random combinations each job's before_script + script
 * and after_script (the commands as written, without the runner's `set -eo pipefail` wrapper). Variables of the job come from GitLab's environment,
 * so they are declared with an `export` header.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../core/generate';
import { PRESETS } from '../../core/presets';
import { pipelineJobs } from './ci-job';
import { assertRequirements, SKIP_REAL_TOOLS } from './requirements';

const dir = mkdtempSync(join(tmpdir(), 'realtools-sc-'));

function shellcheck(name: string, text: string, exclude: string[] = []): string {
  const file = join(dir, name.replace(/[^A-Za-z0-9.]+/g, '_'));
  writeFileSync(file, text);
  const excluded = exclude.length ? ['-e', exclude.join(',')] : [];
  const r = spawnSync('shellcheck', ['-s', 'sh', '-f', 'gcc', ...excluded, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0 ? '' : `${r.stdout}${r.stderr}\n--- ${name}:\n${text}`;
}

describe.skipIf(SKIP_REAL_TOOLS)('real tools: shellcheck -s sh', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const p of PRESETS.filter((x) => x.answers.os === 'linux')) {
    it(`${p.id}: register.sh, kubernetes.sh and the job scripts`, () => {
      assertRequirements();
      const res = generate(p.answers);
      const problems: string[] = [];
      for (const f of res.files) {
        if (f.path.endsWith('.sh')) problems.push(shellcheck(`${p.id}-${f.path}`, f.content));
      }
      // SETUP.md's command blocks, each as a script the user pastes (SC1091: `. /etc/os-release` is the host's file).
      const setup = res.files.find((f) => f.path === 'SETUP.md')?.content ?? '';
      [...setup.matchAll(/```sh\n([\s\S]*?)```/g)].forEach((m, i) =>
        problems.push(shellcheck(`${p.id}-SETUP-${i}.sh`, `#!/bin/sh\n${m[1]}`, ['SC1091'])),
      );
      const ci = res.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
      for (const job of pipelineJobs(ci, {
        CI_COMMIT_BRANCH: 'main',
        CI_DEFAULT_BRANCH: 'main',
        CI_COMMIT_TAG: 'v1',
      })) {
        const names = new Set(
          [...`${job.script.join('\n')}\n${job.afterScript.join('\n')}`.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map(
            (m) => m[1],
          ),
        );
        const header = [...names].map((n) => `export ${n}="\${${n}:-}"`).join('\n');
        problems.push(shellcheck(`${p.id}-${job.name}.sh`, `#!/bin/sh\n${header}\n${job.script.join('\n')}\n`));
        if (job.afterScript.length)
          problems.push(
            shellcheck(`${p.id}-${job.name}-after.sh`, `#!/bin/sh\n${header}\n${job.afterScript.join('\n')}\n`),
          );
      }
      expect(problems.filter(Boolean).join('\n')).toBe('');
    });
  }
});
