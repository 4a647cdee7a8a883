/** The syntax of typed values that reach an image reference (issue 13: bad input never yields a broken file). */
import { describe, expect, it } from 'vitest';
import { hasTagOrDigest, parseAnswers } from './answers';
import { generate } from './generate';

describe('target image', () => {
  it.each([
    ['$CI_REGISTRY_IMAGE:stable', true],
    ['${CI_REGISTRY_IMAGE}:v1', true],
    ['registry.example.com:5050/group/app:latest', true],
    ['app@sha256:0123', true],
    ['registry.example.com:5050', true],
    ['$CI_REGISTRY_IMAGE', false],
    ['$CI_REGISTRY_IMAGE/app', false],
    ['registry.example.com:5050/group/app', false],
    ['localhost:5000/app', false],
  ])('%s has a tag or digest: %s', (ref, tagged) => {
    expect(hasTagOrDigest(ref)).toBe(tagged);
  });

  it('is refused with a tag, with a message that says where the tags come from', () => {
    const r = parseAnswers({ image: '$CI_REGISTRY_IMAGE:stable' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'image', message: expect.stringMatching(/without a tag/) });
  });

  it('a repository with a registry port keeps its port, and the job adds its own tag', () => {
    const r = parseAnswers({
      image: 'registry.example.com:5050/group/app',
      registryOther: true,
      otherRegistryHost: 'registry.example.com:5050',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ci = generate(r.answers).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
    expect(ci).toContain('registry.example.com:5050/group/app:$CI_COMMIT_SHA');
    expect(ci).not.toMatch(/:[^\s/"]+:\$CI_COMMIT_SHA/);
  });
});
