/**
 * Native multi-arch (issue 14, item 5) as properties of the generated `.gitlab-ci.yml` over generated answers, read
 * from the file only: one build job per platform whose tags (or Kubernetes node selector) match its architecture and
 * whose build names that platform alone; one merge job per pushing variant, in stage `manifest`, with the variant's
 * rules, `needs:` on every per-architecture job of the variant, a dotenv report `build.env`; the per-architecture
 * reports never share a variable name; GitLab's CI schema accepts the file. Plus the rules that keep native builds
 * possible and the unit cases of each builder's merge command.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultAnswers, type Answers } from './answers';
import { generate } from './generate';
import { normalize, validateCombination, whyNot } from './rules';
import { answersArb } from '../testing/arbitraries';
import { checkGitlabCi } from '../testing/reference';

type Job = {
  stage?: string;
  tags?: string[];
  rules?: { if: string }[];
  needs?: string[];
  variables?: Record<string, string>;
  script?: string[];
  image?: string;
  artifacts?: { reports?: { dotenv?: string } };
};

const ARCHES = ['amd64', 'arm64'] as const;
const nativeArb = answersArb.map((a): Answers =>
  normalize({
    ...a,
    platforms: ['linux/amd64', 'linux/arm64'],
    multiArch: 'native',
    os: 'linux',
    k8sNodeArch: 'mixed',
    tagScheme: 'fixed',
  }),
);

function jobsOf(text: string): Record<string, Job> {
  const doc = parse(text) as Record<string, unknown>;
  const jobs: Record<string, Job> = {};
  for (const [k, v] of Object.entries(doc))
    if (typeof v === 'object' && v !== null && 'script' in v && k !== 'default') jobs[k] = v as Job;
  return jobs;
}

describe('native multi-arch jobs (properties)', () => {
  it('per-arch jobs match their architecture, one merge job per pushing variant needs them all, schema-valid', () => {
    let native = 0;
    fc.assert(
      fc.property(nativeArb, (a) => {
        if (a.multiArch !== 'native' || a.platforms.length < 2) return; // refused here (e.g. Windows)
        native++;
        const r = generate(a);
        const ci = r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
        expect(checkGitlabCi(ci)).toEqual([]);
        const jobs = jobsOf(ci);
        const k8s = a.runnerKind === 'self-managed' && a.executor === 'kubernetes';
        const hosted = a.runnerKind === 'gitlab-hosted';
        const perArch = Object.entries(jobs).filter(([name]) => /-(amd64|arm64)$/.test(name));
        expect(perArch.length).toBeGreaterThanOrEqual(2);
        const reportVars = new Map<string, string>();
        for (const [name, job] of perArch) {
          const arch = name.slice(name.lastIndexOf('-') + 1);
          const other = ARCHES.find((x) => x !== arch) ?? '';
          expect(job.stage, name).toBe('build');
          if (hosted) expect(job.tags, name).toEqual([`saas-linux-small-${arch}`]);
          else if (k8s) expect(job.variables?.KUBERNETES_NODE_SELECTOR_ARCH, name).toBe(`kubernetes.io/arch=${arch}`);
          else {
            const own = arch === 'arm64' ? a.archTagArm64 : a.archTagAmd64;
            expect(job.tags, name).toContain(own);
            for (const t of a.runnerTags) expect(job.tags, name).toContain(t);
          }
          // The build names its own platform only, never the other one.
          const text = (job.script ?? []).join('\n');
          expect(text, name).toMatch(new RegExp(`linux/${arch}(?![\\w/])`));
          expect(text, name).not.toMatch(new RegExp(`linux/${other}(?![\\w/])`));
          expect(text, name).not.toMatch(/tonistiigi\/binfmt/);
          const report = job.artifacts?.reports?.dotenv;
          if (report) {
            const v = `IMAGE_DIGEST_${arch.toUpperCase()}`;
            expect(report, name).toBe(`build-${arch}.env`);
            expect(text, name).toContain(`${v}=`);
            expect(text, name).not.toMatch(/^IMAGE_DIGEST=/m);
            reportVars.set(name, v);
          }
        }
        const variants = new Set(perArch.map(([name]) => name.replace(/-(amd64|arm64)$/, '')));
        for (const variant of variants) {
          const archJobs = perArch.filter(([n]) => n.replace(/-(amd64|arm64)$/, '') === variant);
          expect(archJobs.length, variant).toBe(2);
          const pushes = archJobs.every(([, j]) => j.artifacts?.reports?.dotenv);
          const merge = jobs[variant];
          if (!pushes) {
            expect(merge, `${variant}: no merge job without a push`).toBeUndefined();
            continue;
          }
          expect(merge, variant).toBeDefined();
          expect(merge?.stage).toBe('manifest');
          expect([...(merge?.needs ?? [])].sort()).toEqual(archJobs.map(([n]) => n).sort());
          expect(merge?.rules).toEqual(archJobs[0]?.[1].rules);
          expect(merge?.artifacts?.reports?.dotenv).toBe('build.env');
          const text = (merge?.script ?? []).join('\n');
          for (const [n] of archJobs) expect(text).toContain(`$${reportVars.get(n) ?? ''}`);
          expect(text).toMatch(/manifest (create|push)|imagetools create/);
        }
        // Every build job of a native setup is a per-arch job: no job builds both platforms.
        for (const [name, job] of Object.entries(jobs))
          if (!/-(amd64|arm64)$/.test(name) && job.stage === 'build') throw new Error(`${name} builds in one job`);
      }),
      { numRuns: 150 },
    );
    expect(native).toBeGreaterThan(50);
  }, 120_000);
});

describe('native multi-arch rules and merge commands', () => {
  const base = (over: Partial<Answers>): Answers => ({
    ...defaultAnswers(),
    platforms: ['linux/amd64', 'linux/arm64'],
    multiArch: 'native',
    ...over,
  });

  it('refuses native for platforms without runners, Windows containers and Kubernetes without mixed nodes', () => {
    expect(whyNot(base({ platforms: ['linux/amd64', 'linux/s390x'] }), 'multiArch', 'native')?.en).toMatch(/s390x/);
    expect(whyNot(base({ executor: 'kubernetes', k8sNodeArch: 'amd64' }), 'multiArch', 'native')?.en).toMatch(/mixed/);
    expect(whyNot(base({ executor: 'kubernetes', k8sNodeArch: 'mixed' }), 'multiArch', 'native')).toBeNull();
    expect(validateCombination(base({}))).toEqual([]);
    expect(normalize(base({ platforms: ['linux/amd64', 'linux/ppc64le'] })).multiArch).toBe('qemu');
  });

  it('does not change a single-platform or QEMU setup', () => {
    const qemu = generate(base({ multiArch: 'qemu', buildx: true }));
    expect(qemu.files.find((f) => f.path === '.gitlab-ci.yml')?.content).not.toMatch(/stage: manifest/);
    const one = generate(base({ platforms: ['linux/arm64'] }));
    expect(one.files.find((f) => f.path === '.gitlab-ci.yml')?.content).not.toMatch(/-arm64:/);
  });

  const mergeOf = (over: Partial<Answers>): string[] => {
    const ci = generate(normalize(base(over))).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
    return jobsOf(ci)['build-image']?.script ?? [];
  };

  it('merges with each builder’s tool, under every tag, reading both per-arch digests', () => {
    expect(mergeOf({ method: 'dind' })[0]).toBe(
      'docker manifest create "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" "$CI_REGISTRY_IMAGE@$IMAGE_DIGEST_AMD64" "$CI_REGISTRY_IMAGE@$IMAGE_DIGEST_ARM64"',
    );
    expect(mergeOf({ method: 'dind', plainHttpRegistry: 'registry.example.com:5000' })[1]).toMatch(
      /^docker manifest push --insecure /,
    );
    expect(mergeOf({ method: 'dind', buildx: true })[0]).toMatch(
      /^docker buildx imagetools create --tag "\$CI_REGISTRY_IMAGE:\$CI_COMMIT_SHA" "\$CI_REGISTRY_IMAGE@\$IMAGE_DIGEST_AMD64"/,
    );
    const buildah = mergeOf({ method: 'buildah' });
    expect(buildah.slice(0, 4)).toEqual([
      'buildah manifest create "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
      'buildah manifest add "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" "docker://$CI_REGISTRY_IMAGE@$IMAGE_DIGEST_AMD64"',
      'buildah manifest add "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" "docker://$CI_REGISTRY_IMAGE@$IMAGE_DIGEST_ARM64"',
      'buildah manifest push --all=false --digestfile build.digest "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" "docker://$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA"',
    ]);
    expect(mergeOf({ method: 'podman' })[0]).toMatch(/^podman manifest create /);
    // BuildKit: the merge job runs in the Docker CLI image, without the buildkitd service.
    const ci = generate(normalize(base({ method: 'buildctl' }))).files.find((f) => f.path === '.gitlab-ci.yml');
    const merge = jobsOf(ci?.content ?? '')['build-image'];
    expect(merge?.image).toMatch(/^docker:[\d.]+-cli$/);
    expect((merge as { services?: unknown } | undefined)?.services).toEqual([]);
  });

  it('keeps a per-architecture cache so the two jobs never overwrite each other’s', () => {
    const ci =
      generate(normalize(base({ method: 'buildkit-rootless', cache: 'registry' }))).files.find(
        (f) => f.path === '.gitlab-ci.yml',
      )?.content ?? '';
    const jobs = jobsOf(ci);
    expect(jobs['build-image-amd64']?.script?.join('\n')).toContain('cache:buildcache-amd64');
    expect(jobs['build-image-arm64']?.script?.join('\n')).toContain('cache:buildcache-arm64');
  });
});
