/**
 * Issue 14, items 1 and 2, wired into the product: the answers (`tagScheme`, `tagPrefix`, `tagShaForm`,
 * `tagSemverLatest`, `tagTemplate`, `ociLabels`, `buildArgs`, `buildSecrets`, `buildTarget`), their rules, the plan's
 * `tags` and `metadata`, and what every builder writes for them. The tag computation itself runs in real shells in
 * src/testing/git-tags.test.ts and src/testing/tag-template.test.ts; the whole pipeline against real tools in
 * src/testing/real/tags.real.test.ts.
 */
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, METHODS, parseAnswers, type Answers } from './answers';
import { SECRET_ARG_NAME } from './findings';
import { generate } from './generate';
import { makePlan } from './plan';
import { permalinkUrl } from './permalink';
import { restoreAnswers } from './restore';
import { isRelevant, normalize, whyNot } from './rules';
import { tagTemplateProblem } from './tags';
import { answersArb } from '../testing/arbitraries';

const with_ = (over: Partial<Answers>): Answers => normalize({ ...defaultAnswers(), ...over });
const ciOf = (a: Answers) => generate(a).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
type Job = { stage?: string; script?: string[]; rules?: unknown[]; artifacts?: unknown; image?: unknown };
const jobsOf = (a: Answers) => parseYaml(ciOf(a)) as Record<string, Job>;

describe('tag template grammar (answers)', () => {
  it.each([
    '$CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID',
    '${CI_COMMIT_SHORT_SHA}_build',
    'stable $CI_COMMIT_SHA',
    'v2 ${CI_COMMIT_TAG}',
    '$CI_COMMIT_REF_NAME',
  ])('accepts %s', (t) => {
    expect(tagTemplateProblem(t)).toBeNull();
    expect(parseAnswers({ tagTemplate: t }).ok).toBe(true);
  });
  it.each([
    ['', /empty/],
    ['$CI_JOB_TOKEN', /not one of the predefined variables/],
    ['$HOME', /not one of the predefined variables/],
    ['a  b', /single spaces/],
    ['-$CI_COMMIT_SHA', /not a Docker tag/],
    ['.x', /not a Docker tag/],
    ['$CI_COMMIT_SHA$CI_COMMIT_SHA$CI_COMMIT_SHA$CI_COMMIT_SHA', /not a Docker tag/],
    ['a:b', /may hold only/],
    ['$(id)', /may hold only/],
    ['a;b', /may hold only/],
    ['`id`', /may hold only/],
    ['$CI_PIPELINE_IID_x', /CI_PIPELINE_IID_x/],
  ])('refuses %j', (t, why) => {
    expect(tagTemplateProblem(t)).toMatch(why);
    expect(parseAnswers({ tagTemplate: t }).ok).toBe(false);
  });
  it('refuses secrets in build arguments and values that are not NAME=value', () => {
    expect(parseAnswers({ buildArgs: ['APP=1', 'NODE_ENV=production mode'] }).ok).toBe(true);
    expect(parseAnswers({ buildArgs: ['GH=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'] }).ok).toBe(false);
    expect(parseAnswers({ buildArgs: ['no-equals'] }).ok).toBe(false);
    expect(parseAnswers({ buildArgs: ['1X=a'] }).ok).toBe(false);
    expect(parseAnswers({ buildSecrets: ['NPM_TOKEN'] }).ok).toBe(true);
    expect(parseAnswers({ buildSecrets: ['npm token'] }).ok).toBe(false);
    expect(parseAnswers({ buildTarget: 'runtime' }).ok).toBe(true);
    expect(parseAnswers({ buildTarget: 'a b' }).ok).toBe(false);
    expect(parseAnswers({ tagPrefix: 'v*' }).ok).toBe(false);
  });
});

describe('rules', () => {
  it('the default scheme is fixed: presets do not change', () => {
    expect(defaultAnswers().tagScheme).toBe('fixed');
    expect(makePlan(with_({})).tags).toBeNull();
    expect(jobsOf(with_({}))['image-tags']).toBeUndefined();
  });
  it('PowerShell jobs keep the fixed tags, with a reason', () => {
    const win = { os: 'windows', executor: 'docker-windows', method: 'pipe' } as const;
    const reason = whyNot(with_(win), 'tagScheme', 'semver');
    expect(reason?.en).toMatch(/PowerShell/);
    expect(reason?.ja).toMatch(/PowerShell/);
    expect(with_({ ...win, tagScheme: 'semver' }).tagScheme).toBe('fixed');
    expect(whyNot(with_(win), 'buildSecrets', ['X'])?.en).toMatch(/BuildKit/);
  });
  it('no push: no computed tags', () => {
    expect(with_({ push: false, tagScheme: 'template' }).tagScheme).toBe('fixed');
    expect(isRelevant(with_({ push: false }), 'tagScheme')).toBe(false);
  });
  it('the fixed tag questions disappear with computed tags, the scheme options appear', () => {
    const a = with_({ tagScheme: 'semver' });
    for (const k of ['tagSha', 'tagLatest', 'tagGitTag', 'otherBranches'] as const)
      expect(isRelevant(a, k)).toBe(false);
    for (const k of ['tagPrefix', 'tagShaForm', 'tagSemverLatest'] as const) expect(isRelevant(a, k)).toBe(true);
    expect(isRelevant(a, 'tagTemplate')).toBe(false);
    expect(isRelevant(with_({ tagScheme: 'template' }), 'tagTemplate')).toBe(true);
  });
  it('a later test job of a daemonless builder needs the full SHA tag', () => {
    const a = with_({ method: 'buildah', runTests: true, tagScheme: 'semver', tagShaForm: 'short' });
    expect(a.tagShaForm).toBe('long');
  });
  it('tagLatest and tagGitTag are ignored with computed tags: one build job, for every pipeline', () => {
    const doc = jobsOf(with_({ tagScheme: 'semver', tagLatest: true, tagGitTag: true }));
    expect(Object.keys(doc).filter((k) => doc[k]?.script)).toEqual(['image-tags', 'build-image']);
    expect(doc['build-image']?.rules).toBeUndefined();
  });
});

describe('the image-tags job', () => {
  it('semver: .pre, alpine/git without its entrypoint, a full clone in tag pipelines, a dotenv report', () => {
    const job = jobsOf(with_({ tagScheme: 'semver', tagPrefix: 'release-' }))['image-tags'];
    expect(job?.stage).toBe('.pre');
    expect(job?.image).toEqual({ name: 'alpine/git:v2.49.1', entrypoint: [''] });
    expect(job?.rules).toEqual([{ if: '$CI_COMMIT_TAG', variables: { GIT_DEPTH: '0' } }, { when: 'on_success' }]);
    expect(job?.artifacts).toEqual({ reports: { dotenv: 'tags.env' } });
    const script = job?.script?.join('\n') ?? '';
    expect(script).toContain('TAG_PREFIX=release-');
    expect(script).toContain('git tag --list');
    expect(script).toContain('> tags.env');
  });
  it('template: no git, no full clone; the image follows the tool image prefix; none on the shell executor', () => {
    const a = with_({ tagScheme: 'template', toolImagePrefix: 'registry.example.com/mirror' });
    const job = jobsOf(a)['image-tags'];
    expect(job?.rules).toBeUndefined();
    expect(job?.image).toEqual({ name: 'registry.example.com/mirror/alpine/git:v2.49.1', entrypoint: [''] });
    expect(job?.script?.[0]).toBe(
      'IMAGE_TAGS="$CI_COMMIT_REF_SLUG-$CI_PIPELINE_IID"\nexport IMAGE_TAGS\nIMAGE_TAGS="$IMAGE_TAGS $CI_COMMIT_SHA"',
    );
    const shell = jobsOf(with_({ tagScheme: 'template', executor: 'shell', method: 'host' }))['image-tags'];
    expect(shell?.image).toBeUndefined();
  });
});

describe('every builder tags and pushes every word of $IMAGE_TAGS', () => {
  const build = (over: Partial<Answers>) =>
    (jobsOf(with_({ tagScheme: 'semver', ...over }))['build-image']?.script ?? []).join('\n');
  it('Docker CLI: one --tag per tag through "$@", docker push per tag', () => {
    const s = build({ method: 'dind' });
    expect(s).toContain('set --; for tag in $IMAGE_TAGS; do set -- "$@" --tag "$CI_REGISTRY_IMAGE:$tag"; done');
    expect(s).toMatch(/docker build "\$@"/);
    expect(s).toContain(
      'for tag in $IMAGE_TAGS; do docker push "$CI_REGISTRY_IMAGE:$tag" | tee push.log || exit 1; done',
    );
  });
  it('Buildx: every --tag on the build, which pushes them', () => {
    const s = build({ method: 'dind', buildx: true });
    expect(s).toMatch(/docker buildx build "\$@"[\s\S]*--push/);
    expect(s).not.toContain('docker push');
  });
  it('buildctl: every name in one quoted CSV field of --output', () => {
    for (const method of ['buildkit-rootless', 'buildctl'] as const) {
      const s = build({ method });
      expect(s).toContain('IMAGE_NAMES="${IMAGE_NAMES:+$IMAGE_NAMES,}$CI_REGISTRY_IMAGE:$tag"');
      expect(s).toContain('--output "type=image,\\"name=$IMAGE_NAMES\\",push=true"');
    }
  });
  it('Buildah and Podman: tags through "$@", push per tag; manifest push per tag for several platforms', () => {
    for (const method of ['buildah', 'podman'] as const) {
      expect(build({ method })).toContain(
        `for tag in $IMAGE_TAGS; do ${method} push --digestfile build.digest "$CI_REGISTRY_IMAGE:$tag" || exit 1; done`,
      );
      expect(build({ method, platforms: ['linux/amd64', 'linux/arm64'] })).toContain(
        `${method} manifest push --all --digestfile build.digest "$CI_REGISTRY_IMAGE:$IMAGE_TAG" "docker://$CI_REGISTRY_IMAGE:$tag"`,
      );
    }
  });
});

describe('metadata and build inputs', () => {
  const inputs = {
    ociLabels: true,
    buildArgs: ["APP_VERSION=1.4 'final'", 'EMPTY='],
    buildSecrets: ['NPM_TOKEN'],
    buildTarget: 'runtime',
  };
  const build = (over: Partial<Answers>) => {
    const doc = jobsOf(with_({ ...inputs, ...over }));
    return Object.values(doc)
      .flatMap((j) => j.script ?? [])
      .join('\n');
  };
  it('Docker CLI without Buildx: labels, quoted build args, secrets, target, DOCKER_BUILDKIT; no annotations', () => {
    const a = with_({ ...inputs, method: 'dind' });
    const s = build({ method: 'dind' });
    expect(s).toContain('--label "org.opencontainers.image.revision=$CI_COMMIT_SHA"');
    expect(s).toContain(`--build-arg 'APP_VERSION=1.4 '\\''final'\\'''`);
    expect(s).toContain('--secret id=NPM_TOKEN,env=NPM_TOKEN');
    expect(s).toContain('--target runtime');
    expect(s).not.toContain('--annotation');
    expect(s).not.toMatch(/--build-arg '?NPM_TOKEN/);
    expect((parseYaml(ciOf(a)) as { variables: Record<string, string> }).variables.DOCKER_BUILDKIT).toBe('1');
    // A missing secret variable stops the job before the build, naming it.
    expect(ciOf(a)).toContain('test -n "$NPM_TOKEN" ||');
  });
  it('Buildx: annotations too', () => {
    expect(build({ method: 'dind', buildx: true })).toContain(
      '--annotation "org.opencontainers.image.source=$CI_PROJECT_URL"',
    );
  });
  it('buildctl: --opt label:/build-arg:/target=, --secret, annotations in --output without comma-prone values', () => {
    const s = build({ method: 'buildkit-rootless' });
    expect(s).toContain('--opt "label:org.opencontainers.image.title=$CI_PROJECT_TITLE"');
    expect(s).toContain(`--opt 'build-arg:APP_VERSION=1.4 '\\''final'\\'''`);
    expect(s).toContain('--opt target=runtime');
    expect(s).toContain('--secret id=NPM_TOKEN,env=NPM_TOKEN');
    expect(s).toContain('annotation.org.opencontainers.image.revision=$CI_COMMIT_SHA');
    expect(s).not.toContain('annotation.org.opencontainers.image.title');
    expect(s).not.toContain('annotation.org.opencontainers.image.version=$CI_COMMIT_REF_NAME');
    const computed = build({ method: 'buildkit-rootless', tagScheme: 'semver' });
    expect(computed).toContain(',annotation.org.opencontainers.image.version=$IMAGE_TAG"');
  });
  it('Buildah and Podman: labels, args, secrets, target; no annotations (Docker image format)', () => {
    for (const method of ['buildah', 'podman'] as const) {
      const s = build({ method });
      expect(s).toContain('--label "org.opencontainers.image.created=$CI_PIPELINE_CREATED_AT"');
      expect(s).toContain('--secret id=NPM_TOKEN,env=NPM_TOKEN');
      expect(s).toContain('--target runtime');
      expect(s).not.toContain('--annotation');
    }
  });
  it('PowerShell: labels and build args quoted for PowerShell', () => {
    const s = build({ os: 'windows', executor: 'docker-windows', method: 'pipe', buildSecrets: [] });
    expect(s).toContain('--label "org.opencontainers.image.source=${env:CI_PROJECT_URL}"');
    expect(s).toContain(`--build-arg 'APP_VERSION=1.4 ''final'''`);
  });
});

describe('finding build-arg-secret', () => {
  it('names a secret-looking build argument and its fix moves it to the build secrets', () => {
    const a = with_({ buildArgs: ['NPM_TOKEN=abc', 'APP=1', 'AUTHOR=me'] });
    const f = generate(a).findings.find((x) => x.id === 'build-arg-secret');
    expect(f?.reason).toMatch(/NPM_TOKEN/);
    expect(f?.reason).not.toMatch(/AUTHOR/);
    expect(f?.file).toBe('.gitlab-ci.yml');
    const fixed = with_({ ...a, ...f?.fix.patch });
    expect(fixed.buildArgs).toEqual(['APP=1', 'AUTHOR=me']);
    expect(fixed.buildSecrets).toEqual(['NPM_TOKEN']);
    expect(generate(fixed).findings.some((x) => x.id === 'build-arg-secret')).toBe(false);
  });
  it.each(['DB_PASSWORD', 'API_KEY', 'GITHUB_TOKEN', 'aws_secret_access_key', 'NPM_AUTH'])(
    '%s looks like a secret',
    (n) => expect(SECRET_ARG_NAME.test(n)).toBe(true),
  );
  it.each(['APP_VERSION', 'NODE_ENV', 'AUTHOR', 'BASE_IMAGE'])('%s does not', (n) =>
    expect(SECRET_ARG_NAME.test(n)).toBe(false),
  );
});

describe('permalink and answers file', () => {
  it('every new answer survives a link', () => {
    const a = with_({
      tagScheme: 'template',
      tagTemplate: '${CI_COMMIT_SHORT_SHA}_b',
      tagShaForm: 'none',
      ociLabels: true,
      buildArgs: ['A=x, y'],
      buildSecrets: ['S1', 'S2'],
      buildTarget: 'prod',
    });
    const r = restoreAnswers({ kind: 'link', raw: permalinkUrl(a) });
    expect(r.ok && r.answers).toEqual(a);
    const semver = with_({ tagScheme: 'semver', tagPrefix: '', tagSemverLatest: false });
    const s = restoreAnswers({ kind: 'link', raw: permalinkUrl(semver) });
    expect(s.ok && s.answers).toEqual(semver);
  });
});

describe('properties', () => {
  it('with computed tags, every build job reads IMAGE_TAGS from the image-tags job of .pre; every method', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...METHODS), (raw, method) => {
        const a = normalize({ ...raw, method, tagScheme: 'semver' });
        const doc = jobsOf(a);
        const builds = Object.entries(doc).filter(([k, j]) => k !== 'image-tags' && k !== 'test-image' && j.script);
        if (a.tagScheme === 'fixed') {
          expect(doc['image-tags']).toBeUndefined();
          return;
        }
        expect(doc['image-tags']?.stage).toBe('.pre');
        for (const [, j] of builds) {
          const s = j.script?.join('\n') ?? '';
          expect(s).toContain('IMAGE_TAGS');
          // A build secret is never a build argument.
          for (const name of a.buildSecrets) {
            expect(s).not.toMatch(new RegExp(`(?:--build-arg '?|build-arg:)${name}\\b`));
            expect(s).toContain(`id=${name},env=${name}`);
          }
        }
      }),
      { numRuns: 120, seed: 1414 },
    );
  });
});
