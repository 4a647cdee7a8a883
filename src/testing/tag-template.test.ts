/**
 * The tag template and the tag check of `src/core/tags.ts` (issue 14, "a custom template" and "a runtime check that
 * the expanded tag is a valid Docker tag"), run in real shells: dash (`/bin/sh`) and BusyBox `sh` when
 * `/bin/busybox` exists. The environment is built from scratch (no `CI_*` of this project's own CI).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tagCheckScript, templateScript } from '../core/tags';

const SHELLS: [string, string[]][] = [
  ['dash', ['/bin/sh', '-c']],
  ...(existsSync('/bin/busybox') ? ([['busybox sh', ['/bin/busybox', 'sh', '-c']]] as [string, string[]][]) : []),
];

function run(template: string, env: Record<string, string>, shell: string[]) {
  const script = [...templateScript(template), ...tagCheckScript(), 'printf "%s" "$IMAGE_TAG_LIST"'].join('\n');
  const [cmd, ...args] = shell;
  const r = spawnSync(cmd ?? 'sh', [...args, script], { env: { PATH: '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BRANCH = {
  CI_COMMIT_BRANCH: 'feature/Login',
  CI_COMMIT_REF_NAME: 'feature/Login',
  CI_COMMIT_REF_SLUG: 'feature-login',
  CI_PIPELINE_IID: '12',
};
const TAG = {
  CI_COMMIT_TAG: 'v1.4.2',
  CI_COMMIT_REF_NAME: 'v1.4.2',
  CI_COMMIT_REF_SLUG: 'v1-4-2',
  CI_PIPELINE_IID: '13',
};

const CASES: { template: string; env: Record<string, string>; want: string | RegExp }[] = [
  { template: '$CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID', env: BRANCH, want: 'feature-login-12' },
  { template: '${CI_COMMIT_TAG} stable', env: BRANCH, want: 'stable' },
  { template: '${CI_COMMIT_TAG} stable', env: TAG, want: 'v1.4.2,stable' },
  { template: 'build_$CI_PIPELINE_IID', env: TAG, want: 'build_13' },
  // Refused at run time, with the tag in the message.
  { template: '$CI_COMMIT_REF_NAME', env: BRANCH, want: /"feature\/Login" is not a Docker tag/ },
  { template: '$CI_COMMIT_TAG-$CI_PIPELINE_IID', env: BRANCH, want: /"-12" is not a Docker tag/ },
  { template: '$CI_COMMIT_TAG', env: BRANCH, want: /no image tag for this pipeline/ },
  { template: '$CI_COMMIT_REF_NAME', env: { CI_COMMIT_REF_NAME: 'x'.repeat(129) }, want: /longer than 128/ },
  // A value with shell syntax stays a value: never run.
  { template: '$CI_COMMIT_REF_NAME', env: { CI_COMMIT_REF_NAME: '$(touch /tmp/pwned)' }, want: /is not a Docker tag/ },
];

describe('tag template and check in real shells', () => {
  for (const [name, shell] of SHELLS)
    for (const c of CASES)
      it(`${name}: ${c.template} with ${JSON.stringify(c.env).slice(0, 60)}`, () => {
        const r = run(c.template, c.env, shell);
        if (typeof c.want === 'string') {
          expect(r.err).toBe('');
          expect(r.code).toBe(0);
          expect(r.out).toBe(c.want);
        } else {
          expect(r.code).toBe(1);
          expect(r.err).toMatch(c.want);
        }
      });
});
