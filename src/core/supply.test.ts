/**
 * Supply chain and promotion (issue 14, items 3 and 6): the attestation flags per builder, the sign and promote jobs
 * (by digest only, on the refs they may run on, after a build job that reports its digest), the rules, the findings,
 * SETUP.md, and properties over random answers.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from './answers';
import { generate } from './generate';
import { decodePayload, encodeAnswers, SHORT_KEYS } from './permalink';
import { normalize, whyNot } from './rules';
import { COSIGN_IMAGE, PROTECTED_RULE, SKOPEO_IMAGE } from './supply';
import { answersArb } from '../testing/arbitraries';
import { failureHolds } from '../testing/failure-checks';
import { checkGitlabCi } from '../testing/reference';

const RUNS = Number(process.env.FC_RUNS ?? 300);

type Job = {
  stage?: string;
  script?: string[];
  rules?: { if?: string }[];
  needs?: { job: string; artifacts: boolean }[];
  id_tokens?: Record<string, { aud: string }>;
  image?: { name: string };
  variables?: Record<string, string>;
  artifacts?: { reports?: { dotenv?: string } };
  inherit?: { default: boolean };
};

const files = (a: Partial<Answers>) => generate({ ...defaultAnswers(), ...a });
const ciOf = (a: Partial<Answers>): Record<string, Job> => {
  const r = files(a);
  return parse(r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '') as Record<string, Job>;
};
const jobsOf = (doc: Record<string, unknown>, stage: string) =>
  Object.entries(doc).filter(([, j]) => typeof j === 'object' && j !== null && (j as Job).stage === stage) as [
    string,
    Job,
  ][];
const buildScript = (doc: Record<string, Job>) =>
  jobsOf(doc, 'build')
    .flatMap(([, j]) => j.script ?? [])
    .join('\n');

describe('attestations per builder', () => {
  it('Buildx: --sbom=true and --provenance=mode=max on the pushing build', () => {
    const doc = ciOf({ buildx: true, sbom: true, provenance: 'max' });
    expect(buildScript(doc)).toMatch(/--sbom=true \\\n\s+--provenance=mode=max \\\n\s+--push/);
  });
  it('Buildx: provenance off writes --provenance=false; min writes mode=min', () => {
    expect(buildScript(ciOf({ buildx: true, provenance: 'off' }))).toContain('--provenance=false');
    expect(buildScript(ciOf({ buildx: true, provenance: 'min' }))).toContain('--provenance=mode=min');
  });
  it('buildctl and rootless BuildKit: --opt attest:sbom= and --opt attest:provenance=mode=max', () => {
    for (const method of ['buildctl', 'buildkit-rootless'] as const) {
      const s = buildScript(ciOf({ method, sbom: true, provenance: 'max' }));
      expect(s, method).toContain('--opt attest:sbom= \\');
      expect(s, method).toContain('--opt attest:provenance=mode=max');
    }
  });
  it('a build that does not push carries no attestation flags', () => {
    const s = buildScript(
      ciOf({ buildx: true, sbom: true, provenance: 'max', tagLatest: true, otherBranches: 'build-only' }),
    );
    const load = s.split('docker buildx build').find((b) => b.includes('--load')) ?? '';
    expect(load).not.toMatch(/--sbom|--provenance/);
  });
  it('Buildah, Podman and plain docker build refuse SBOM and provenance, with a reason; normalize drops them', () => {
    for (const a of [
      { method: 'buildah' as const },
      { method: 'podman' as const },
      { method: 'dind' as const, buildx: false },
    ]) {
      const answers = { ...defaultAnswers(), ...a };
      expect(whyNot(answers, 'sbom', true)?.en, a.method).toMatch(
        /Buildah and Podman have no BuildKit|turn on Buildx/i,
      );
      expect(whyNot(answers, 'provenance', 'max'), a.method).not.toBeNull();
      expect(whyNot(answers, 'provenance', 'auto')).toBeNull();
      const n = normalize({ ...answers, sbom: true, provenance: 'max' });
      expect([n.sbom, n.provenance]).toEqual([false, 'auto']);
    }
  });
  it('provenance auto: Buildx default kept with BuildKit 0.31, turned off on a GitLab registry with BuildKit 0.32', () => {
    const ok = files({ buildx: true });
    expect(ok.files.find((f) => f.path === '.gitlab-ci.yml')?.content).not.toContain('BUILDX_NO_DEFAULT_ATTESTATIONS');
    const doc = ciOf({ buildx: true, buildkitVersion: 'v0.32.0' });
    expect((doc.variables as unknown as Record<string, string>).BUILDX_NO_DEFAULT_ATTESTATIONS).toBe('1');
    // The troubleshooter's reference check agrees: the files no longer have the cause of the real-world case.
    expect(failureHolds('buildx-attestation-blob-unknown', files({ buildx: true, buildkitVersion: 'v0.32.0' }))).toBe(
      false,
    );
    // Asked-for provenance is pushed: the cause is there, and the known-defect finding says so.
    const asked = files({ buildx: true, buildkitVersion: 'v0.32.0', provenance: 'max' });
    expect(failureHolds('buildx-attestation-blob-unknown', asked)).toBe(true);
    expect(asked.findings.map((f) => f.id)).toContain('version-known-defect');
    // Docker Hub accepts them: nothing is turned off there.
    const hub = files({
      buildx: true,
      buildkitVersion: 'v0.32.0',
      image: 'docker.io/acme/app',
      registryDockerHub: true,
    });
    expect(hub.files.find((f) => f.path === '.gitlab-ci.yml')?.content).not.toContain('BUILDX_NO_DEFAULT_ATTESTATIONS');
  });
  it('buildctl with attestations on a GitLab registry and BuildKit 0.32: finding attestations-rejected, fixed by the pin', () => {
    const a = { ...defaultAnswers(), method: 'buildctl' as const, sbom: true, buildkitVersion: 'v0.32.0' };
    const f = generate(a).findings.find((x) => x.id === 'attestations-rejected');
    expect(f?.severity).toBe('high');
    expect(f?.fix.patch).toEqual({ buildkitVersion: 'v0.31.2' });
    expect(generate({ ...a, ...f?.fix.patch }).findings.map((x) => x.id)).not.toContain('attestations-rejected');
  });
});

describe('sign jobs', () => {
  it('keyless: id_tokens SIGSTORE_ID_TOKEN aud sigstore, cosign sign "$IMAGE_REF", after the build job', () => {
    const doc = ciOf({ sign: 'keyless', gitlabUrl: 'https://gitlab.com/' });
    const [[name, job]] = jobsOf(doc, 'sign') as [[string, Job]];
    expect(name).toBe('sign-build-image');
    expect(job.id_tokens).toEqual({ SIGSTORE_ID_TOKEN: { aud: 'sigstore' } });
    expect(job.needs).toEqual([{ job: 'build-image', artifacts: true }]);
    expect(job.image?.name).toBe(COSIGN_IMAGE);
    expect(job.inherit?.default).toBe(false);
    expect(job.variables).toEqual({ COSIGN_YES: 'true' });
    expect(job.script?.at(-1)).toBe('cosign sign "$IMAGE_REF"');
    expect(job.script?.join('\n')).toContain(
      'echo "$CI_REGISTRY_PASSWORD" | cosign login "$CI_REGISTRY" --username "$CI_REGISTRY_USER" --password-stdin',
    );
  });
  it('key: the File variable as --key, the password under COSIGN_PASSWORD, protected refs only, checked first', () => {
    const doc = ciOf({ sign: 'key', cosignKeyVar: 'SIGNING_KEY', cosignPasswordVar: 'SIGNING_PASSWORD' });
    const [[, job]] = jobsOf(doc, 'sign') as [[string, Job]];
    expect(job.id_tokens).toBeUndefined();
    expect(job.script?.at(-1)).toBe('cosign sign --key "$SIGNING_KEY" "$IMAGE_REF"');
    expect(job.variables).toEqual({ COSIGN_YES: 'true', COSIGN_PASSWORD: '$SIGNING_PASSWORD' });
    expect(job.rules).toEqual([{ if: PROTECTED_RULE }]);
    expect(job.script?.[0]).toMatch(/^test -f "\$SIGNING_KEY" \|\|/);
    expect(job.script?.[1]).toMatch(/^test -n "\$SIGNING_PASSWORD" \|\|/);
  });
  it('self-managed GitLab keyless: high finding on the id_tokens line; key signing: the low reminder with the UI flags', () => {
    const r = files({ sign: 'keyless', gitlabUrl: 'https://gitlab.example.com/' });
    const f = r.findings.find((x) => x.id === 'keyless-sigstore-untrusted');
    expect(f?.severity).toBe('high');
    const ci = r.files.find((x) => x.path === '.gitlab-ci.yml')?.content.split('\n') ?? [];
    expect(ci[(f?.line ?? 0) - 1]).toMatch(/^\s+id_tokens:/);
    expect(files({ sign: 'keyless' }).findings.map((x) => x.id)).not.toContain('keyless-sigstore-untrusted');
    const key = files({ sign: 'key' }).findings.find((x) => x.id === 'signing-key-variable');
    expect(key?.reason).toMatch(/type File and Protected.*Masked and hidden and Protected/);
  });
  it('SETUP.md gives the exact cosign verify command for each mode', () => {
    const md = (a: Partial<Answers>) => files(a).files.find((f) => f.path === 'SETUP.md')?.content ?? '';
    expect(md({ sign: 'keyless' })).toContain(
      [
        'cosign verify "$IMAGE_REF" \\',
        '  --certificate-identity "https://gitlab.com/<group>/<project>//.gitlab-ci.yml@refs/heads/main" \\',
        '  --certificate-oidc-issuer "https://gitlab.com"',
      ].join('\n'),
    );
    expect(md({ sign: 'key' })).toContain('cosign verify --key cosign.pub "$IMAGE_REF"');
    expect(md({ sign: 'key' })).toContain('cosign generate-key-pair');
    expect(md({ buildx: true, sbom: true })).toContain(
      `docker buildx imagetools inspect "$IMAGE_REF" --format '{{json .SBOM}}'`,
    );
  });
  it('Windows runners and the shell executor cannot run the Linux sign and promote jobs (a reason, then normalized off)', () => {
    for (const a of [
      { os: 'windows' as const, executor: 'docker-windows' as const, method: 'pipe' as const },
      { executor: 'shell' as const, method: 'host' as const },
    ]) {
      const answers = normalize({ ...defaultAnswers(), ...a });
      expect(whyNot(answers, 'sign', 'keyless')?.en).toMatch(/Windows runner|shell executor/);
      expect(whyNot(answers, 'promoteTargets', ['docker.io/acme/app'])?.en).toMatch(/Windows runner|shell executor/);
      const n = normalize({ ...answers, sign: 'keyless', promoteTargets: ['docker.io/acme/app'] });
      expect([n.sign, n.promoteTargets]).toEqual(['none', []]);
    }
  });
});

describe('promote jobs', () => {
  const a: Partial<Answers> = {
    tagGitTag: true,
    tagLatest: true,
    registryDockerHub: true,
    promoteTargets: ['docker.io/acme/app'],
  };
  it('one per release job (tag, default branch), protected refs only, skopeo pinned by digest, the pushed tags', () => {
    const doc = ciOf(a);
    const jobs = jobsOf(doc, 'promote');
    expect(jobs.map(([n]) => n)).toEqual(['promote-release-image', 'promote-latest-image']);
    const [, release] = jobs[0] as [string, Job];
    expect(release.image?.name).toBe(SKOPEO_IMAGE);
    expect(SKOPEO_IMAGE).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(release.rules).toEqual([{ if: `$CI_COMMIT_TAG && ${PROTECTED_RULE}` }]);
    expect(release.variables).toEqual({ PROMOTE_TAGS: '$CI_COMMIT_SHA $CI_COMMIT_TAG' });
    expect(release.script?.join('\n')).toContain(
      'skopeo copy --all --preserve-digests "docker://$IMAGE_REF" "docker://docker.io/acme/app:$tag"',
    );
    expect(release.script?.join('\n')).toContain(
      'echo "$DOCKER_HUB_PASSWORD" | skopeo login docker.io --username "$DOCKER_HUB_USER" --password-stdin',
    );
  });
  it('a Docker Hub target turns on the Docker Hub login; a registry without login variables is refused', () => {
    const n = normalize({ ...defaultAnswers(), promoteTargets: ['docker.io/acme/app'] });
    expect(n.registryDockerHub).toBe(true);
    expect(whyNot(defaultAnswers(), 'promoteTargets', ['quay.io/acme/app'])?.en).toMatch(
      /Docker Hub or the other registry/,
    );
    expect(
      whyNot({ ...defaultAnswers(), authMethod: 'docker-auth-config' }, 'promoteTargets', ['quay.io/acme/app']),
    ).toBeNull();
  });
  it('with signing, the promote job waits for the sign job and copies the signature tag', () => {
    const doc = ciOf({ ...a, sign: 'keyless' });
    const [, release] = jobsOf(doc, 'promote')[0] as [string, Job];
    expect(release.needs).toEqual([
      { job: 'release-image', artifacts: true },
      { job: 'sign-release-image', artifacts: false },
    ]);
    expect(release.script?.join('\n')).toContain(
      '"docker://${IMAGE_REF%@*}:$SIG_TAG" "docker://docker.io/acme/app:$SIG_TAG"',
    );
  });
  it('with tags computed from git, the promote job copies every computed tag (IMAGE_TAGS of the image-tags job)', () => {
    const doc = ciOf({ ...a, tagScheme: 'semver' });
    const [, promote] = jobsOf(doc, 'promote')[0] as [string, Job & { variables?: Record<string, string> }];
    expect(promote.needs).toContainEqual({ job: 'image-tags', artifacts: true });
    expect(promote.variables?.PROMOTE_TAGS).toBe('$IMAGE_TAGS');
    expect(promote.script?.join('\n')).toContain(`for tag in $(echo "$PROMOTE_TAGS" | tr ',' ' ')`);
  });
  it('the permalink carries the new answers under s… keys', () => {
    const answers = normalize({
      ...defaultAnswers(),
      sign: 'key',
      buildx: true,
      sbom: true,
      provenance: 'min',
      cosignKeyVar: 'K',
      cosignPasswordVar: 'P',
      promoteTargets: ['docker.io/acme/app'],
    });
    const fields = decodePayload(encodeAnswers(answers)).fields;
    for (const k of ['sbom', 'provenance', 'sign', 'cosignKeyVar', 'cosignPasswordVar', 'promoteTargets'] as const) {
      expect(SHORT_KEYS[k]).toMatch(/^s[a-z]$/);
      expect(SHORT_KEYS[k]).not.toBe('sd');
      expect(fields[k], k).toEqual(answers[k]);
    }
  });
});

describe('properties over random answers', () => {
  const arb = answersArb.map((a) => normalize(a));
  it('every sign and promote command reads the image by digest ($IMAGE_REF), never a tag of the built image', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const r = generate(a);
        const text = r.files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '';
        const doc = parse(text) as Record<string, Job>;
        // The job that reports the final image's digest: the build job, or the manifest job of a native multi-arch build.
        const builds = new Map([...jobsOf(doc, 'build'), ...jobsOf(doc, 'manifest')]);
        for (const stage of ['sign', 'promote']) {
          for (const [name, job] of jobsOf(doc, stage)) {
            const script = job.script ?? [];
            for (const line of script.filter((l) => /\bcosign sign\b/.test(l)))
              expect(line, name).toMatch(/ "\$IMAGE_REF"$/);
            for (const line of script.filter((l) => /\bskopeo copy\b/.test(l))) {
              const source = /skopeo copy --all --preserve-digests "([^"]+)"/.exec(line)?.[1];
              expect(['docker://$IMAGE_REF', 'docker://${IMAGE_REF%@*}:$SIG_TAG'], `${name}: ${line}`).toContain(
                source,
              );
            }
            expect(script.join('\n'), name).not.toContain(':$CI_COMMIT_SHA');
            // No reference to a tag of the built image (targets are other repositories; the rules refuse the image).
            const escaped = a.image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            expect(script.join('\n'), name).not.toMatch(new RegExp(`(?:["\\s]|docker://)${escaped}:`));
            // It needs a build job that hands over its digest, and runs only when that job runs.
            const need = job.needs?.[0];
            const build = need && builds.get(need.job);
            expect(build?.artifacts?.reports?.dotenv, name).toBe('build.env');
            const buildRule = build?.rules?.[0]?.if;
            if (buildRule) expect(job.rules?.[0]?.if, name).toContain(buildRule);
            if (stage === 'promote' || a.sign === 'key') expect(job.rules?.[0]?.if, name).toContain(PROTECTED_RULE);
            expect(job.inherit?.default, name).toBe(false);
          }
        }
        expect(checkGitlabCi(text)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
  it('attestation flags only on BuildKit builds that push; never with Buildah or Podman', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const doc = parse(generate(a).files.find((f) => f.path === '.gitlab-ci.yml')?.content ?? '') as Record<
          string,
          Job
        >;
        const s = buildScript(doc);
        if (a.method === 'buildah' || a.method === 'podman' || !a.push)
          expect(s).not.toMatch(/--sbom|--provenance|attest:/);
        if (a.sbom) expect(s).toMatch(/--sbom=true|--opt attest:sbom=/);
      }),
      { numRuns: RUNS },
    );
  });
});
