// @vitest-environment happy-dom
/** The document title and the zip's name follow the setup, in both languages, and the name stays plain ASCII. */
import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '../core/answers';
import { methodTitle } from '../core/generate';
import { makePlan, type Plan } from '../core/plan';
import { PRESETS } from '../core/presets';
import { normalize } from '../core/rules';
import { documentTitle, setupTitle as title, zipName } from './setupName';

const setupTitle = (plan: Plan, lang: 'en' | 'ja') => title(plan, lang, methodTitle);

const planOf = (change: Partial<Answers>) => makePlan(normalize({ ...defaultAnswers(), ...change }));

describe('setup name', () => {
  it('names Docker-in-Docker by its connection, in English and Japanese', () => {
    const plan = planOf({ method: 'dind', dindConnection: 'tls' });
    expect(documentTitle(setupTitle(plan, 'en'), 'en')).toBe(
      'Docker-in-Docker with TLS · GitLab CI Docker build wizard',
    );
    expect(documentTitle(setupTitle(plan, 'ja'), 'ja')).toBe(
      'TLS付きDocker-in-Docker · GitLab CI Dockerビルドウィザード',
    );
    expect(zipName(plan)).toBe('gitlab-ci-build-dind-tls.zip');
    const socket = planOf({ method: 'dind', dindConnection: 'socket-volume' });
    expect(setupTitle(socket, 'en')).toBe('Docker-in-Docker through a socket volume');
    expect(zipName(socket)).toBe('gitlab-ci-build-dind-socket-volume.zip');
  });

  it('capitalizes a method phrase and names the Kaniko migration', () => {
    const plan = planOf({ runnerKind: 'gitlab-hosted', method: 'buildkit-rootless', fromKaniko: true });
    expect(setupTitle(plan, 'en')).toBe('Rootless BuildKit (migrated from Kaniko)');
    expect(zipName(plan)).toBe('gitlab-ci-build-buildkit-rootless-from-kaniko.zip');
  });

  it('gives the app title alone before anything is generated', () => {
    expect(documentTitle(null, 'en')).toBe('GitLab CI Docker build wizard');
    expect(documentTitle(null, 'ja')).toBe('GitLab CI Dockerビルドウィザード');
  });

  it('gives every preset a distinct-by-setup ASCII zip name', () => {
    for (const p of PRESETS) {
      const plan = makePlan(p.answers);
      expect(zipName(plan)).toMatch(/^gitlab-ci-build-[a-z0-9]+(?:-[a-z0-9]+)*\.zip$/);
      expect(documentTitle(setupTitle(plan, 'en'), 'en')).not.toBe(documentTitle(null, 'en'));
    }
  });
});
