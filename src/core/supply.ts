/**
 * Supply chain and promotion (issue 14, items 3 and 6): BuildKit attestations on the build, a `sign` job that signs
 * the pushed digest with cosign, and a `promote` job that copies the image by digest to more registries. Both jobs
 * read `$IMAGE_REF` (`<repository>@sha256:<64 hex>`) from the build job's dotenv report (`digestReport` in
 * methods/fragments.ts); no command of either ever names a tag of the built image as its source.
 *
 * Sources:
 * - Buildx: `--sbom=true`, `--provenance=mode=min|max|false`; Buildx adds `mode=min` provenance by default when it
 *   pushes, and `BUILDX_NO_DEFAULT_ATTESTATIONS=1` turns the defaults off
 *   (https://docs.docker.com/build/metadata/attestations/, https://docs.docker.com/build/building/variables/#buildx_no_default_attestations).
 * - buildctl: `--opt attest:sbom=` and `--opt attest:provenance=mode=max`
 *   (https://github.com/moby/buildkit/blob/master/docs/attestations/sbom.md,
 *   https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-provenance.md).
 * - The GitLab registry refuses the OCI-artifact attestations of BuildKit >= 0.32 (moby/buildkit#7007; versions.ts).
 * - cosign keyless on GitLab: `id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore`, cosign >= 2.0.1, GitLab.com only, the
 *   `id_tokens` in the project's own configuration (https://docs.gitlab.com/ci/yaml/signing_examples/); self-managed
 *   GitLab needs its own Fulcio, Rekor and CT log (https://docs.gitlab.com/ci/yaml/signing_self_hosted/).
 * - cosign with a key: `cosign sign --key <file> <image@digest>`, the key's password from `COSIGN_PASSWORD`
 *   (https://docs.sigstore.dev/cosign/signing/signing_with_containers/); `cosign login --password-stdin`.
 * - skopeo: `skopeo copy --all --preserve-digests docker://SRC docker://DST` copies a manifest list with every image
 *   and refuses to change a digest (https://github.com/containers/skopeo/blob/main/docs/skopeo-copy.1.md); it reads
 *   `$HOME/.docker/config.json` when its own auth file is absent (containers-auth.json(5)).
 */
import type { Answers, ProvenanceMode, SignMode } from './answers';
import { msg, type Msg } from './i18n';
import type { BuildVariant, RequiredVariable } from './plan';
import { exp, lit, renderCommand, type Token } from './quote';
import { defectsOf } from './versions';
import { isBuildKitRootless, pushRegistry, usesBuildx } from './vocabulary';

/**
 * cosign 2.4.1, the `-dev` variant: the plain image is distroless (no shell for GitLab's script), the `-dev` one adds
 * a BusyBox shell (cosign's release builds both; used as a CI image with an emptied entrypoint e.g. in public
 * Jenkinsfiles). Pinned by version only: no digest of this tag was found in a stored copy, and a digest is never
 * invented here; SETUP.md says how to add it (`crane digest` / `skopeo inspect`).
 */
export const COSIGN_IMAGE = 'gcr.io/projectsigstore/cosign:v2.4.1-dev';
/**
 * skopeo 1.22.2 (quay.io/skopeo/stable, Fedora with a shell; its entrypoint is skopeo), pinned by the digest of its
 * multi-platform index as public repositories pin it (`SKOPEO_IMAGE = "quay.io/skopeo/stable:v1.22.2@sha256:0b98…"`).
 */
export const SKOPEO_IMAGE =
  'quay.io/skopeo/stable:v1.22.2@sha256:0b98d4296bfd35680c09fd40a5bff17b8569715258a4bee0a7ae3ca500eaaece';
/** The variable cosign reads the GitLab ID token from (keyless signing). */
export const SIGSTORE_ID_TOKEN = 'SIGSTORE_ID_TOKEN';
/** The variable the promote job reads its tag list from (space-separated); the tags-from-git job can set it. */
export const PROMOTE_TAGS = 'PROMOTE_TAGS';
/** GitLab's rule for pipelines of protected branches and tags. */
export const PROTECTED_RULE = '$CI_COMMIT_REF_PROTECTED == "true"';
/** The public Sigstore (Fulcio) trusts the OIDC tokens of this GitLab only. */
export const GITLAB_COM = 'https://gitlab.com';

/** The attestations the build pushes, per builder. */
export interface AttestationPlan {
  /** SBOM attestation asked for (Buildx `--sbom=true`, buildctl `--opt attest:sbom=`). */
  sbom: boolean;
  /** Provenance written on the command line: a mode, `off` (`--provenance=false`), or null (the builder's default). */
  provenance: 'min' | 'max' | 'off' | null;
  /**
   * `BUILDX_NO_DEFAULT_ATTESTATIONS: "1"`: `provenance: auto` on a Buildx build that pushes to a GitLab registry with
   * a BuildKit of moby/buildkit#7007, whose attestations that registry refuses ("blob unknown to registry").
   */
  buildxNoDefault: boolean;
  /** The pushed image carries attestations (asked for, or Buildx's default `mode=min` provenance). */
  pushed: boolean;
  /** A buildctl build pushes attestations to a GitLab registry with a BuildKit of moby/buildkit#7007. */
  rejectedByRegistry: boolean;
}

/** One job after a pushing build job: its name, the build job it needs, its `rules: if:` (null: always). */
export interface SupplyJob {
  job: string;
  needs: string;
  rule: string | null;
}

/** The sign jobs: cosign in its own image, one job per pushing build job. */
export interface SignPlan {
  mode: Exclude<SignMode, 'none'>;
  image: string;
  jobs: SupplyJob[];
  /** Script lines before the signing command: the digest check and the registry login. */
  prelude: string[];
  /** The signing command (the line findings anchor on). */
  command: string;
  /** Job `variables:` (COSIGN_YES; the key's password under the name cosign reads). */
  variables: Record<string, string>;
  /** CI/CD variables the job checks first. */
  required: RequiredVariable[];
  /** The GitLab server URL, the certificate's OIDC issuer (`--certificate-oidc-issuer`). */
  issuer: string;
  /** The public Sigstore does not trust this GitLab's ID tokens (a self-managed GitLab). */
  ownSigstoreNeeded: boolean;
  /** The image repository signatures are pushed to (`<repo>:sha256-<hex>.sig`). */
  repository: string;
  /** CI/CD variable names of the key pair (key mode), else null. */
  keyVar: string | null;
  passwordVar: string | null;
}

/** The promote jobs: skopeo copies `$IMAGE_REF` to each target, for each tag of `PROMOTE_TAGS`. */
export interface PromotePlan {
  image: string;
  jobs: (SupplyJob & { tags: string[] })[];
  targets: string[];
  /** Registry logins, then one copy loop per target (the first copy line is the one findings anchor on). */
  script: string[];
  /** Index of the first copy loop in `script`. */
  copyIndex: number;
  required: RequiredVariable[];
  /** The signature tag (`sha256-<hex>.sig`) is copied too (signing is on). */
  copiesSignature: boolean;
}

/** Supply chain and promotion of the plan (issue 14, items 3 and 6). */
export interface SupplyChainPlan {
  attestations: AttestationPlan;
  sign: SignPlan | null;
  promote: PromotePlan | null;
}

/** The registry kind of a repository (`pushRegistry` of vocabulary.ts, for a promotion target). */
export const registryOfRepository = (a: Pick<Answers, 'otherRegistryHost'>, repository: string) =>
  pushRegistry({ image: repository, otherRegistryHost: a.otherRegistryHost });

/** A BuildKit builder runs the build: Buildx, buildctl or rootless BuildKit (attestations are possible). */
export const buildsWithBuildKit = (a: Answers): boolean =>
  usesBuildx(a) || a.method === 'buildctl' || isBuildKitRootless(a);

/** Whether the pinned BuildKit has moby/buildkit#7007 (the GitLab registry refuses its attestations). */
const buildkit7007 = (a: Answers): boolean =>
  defectsOf('buildkit', a.buildkitVersion).some((d) => d.id === 'buildkit-7007');

/** The attestations of these (normalized) answers. */
export function attestationsOf(a: Answers): AttestationPlan {
  const buildkit = buildsWithBuildKit(a);
  const asked = buildkit && a.push && (a.sbom || a.provenance === 'min' || a.provenance === 'max');
  const provenance: AttestationPlan['provenance'] =
    !buildkit || a.provenance === 'auto' ? null : (a.provenance as Exclude<ProvenanceMode, 'auto'>);
  const gitlab = a.push && pushRegistry(a) === 'gitlab';
  const buildxNoDefault = usesBuildx(a) && a.provenance === 'auto' && !a.sbom && gitlab && buildkit7007(a);
  const buildxDefault = usesBuildx(a) && a.push && a.provenance === 'auto' && !buildxNoDefault;
  return {
    sbom: buildkit && a.sbom,
    provenance,
    buildxNoDefault,
    pushed: asked || buildxDefault,
    rejectedByRegistry: asked && gitlab && !usesBuildx(a) && buildkit7007(a),
  };
}

/** The attestation options of a pushing build: Buildx flags or buildctl `--opt attest:` options ([] when none). */
export function attestationArgs(a: Answers, style: 'buildx' | 'buildctl'): Token[] {
  const at = attestationsOf(a);
  const out: Token[] = [];
  if (style === 'buildx') {
    if (at.sbom) out.push(lit('--sbom=true'));
    if (at.provenance === 'off') out.push(lit('--provenance=false'));
    else if (at.provenance) out.push(lit(`--provenance=mode=${at.provenance}`));
    return out;
  }
  if (at.sbom) out.push(lit('--opt'), lit('attest:sbom='));
  if (at.provenance === 'min' || at.provenance === 'max')
    out.push(lit('--opt'), lit(`attest:provenance=mode=${at.provenance}`));
  return out;
}

/** `rule` and the protected-ref guard, without repeating the guard. */
export function protectedRule(rule: string | null): string {
  if (rule === null) return PROTECTED_RULE;
  return rule.includes(PROTECTED_RULE) ? rule : `${rule} && ${PROTECTED_RULE}`;
}

/** The tags a build variant pushes (the part after `<image>:` of each of its refs), in its order. */
export function variantTags(image: string, v: BuildVariant): string[] {
  // Tags computed in the pipeline: the image-tags job's dotenv report holds them (IMAGE_TAGS, comma-separated).
  if (v.dynamicTags) return ['$IMAGE_TAGS'];
  return v.refs.filter((r) => r.startsWith(`${image}:`)).map((r) => r.slice(image.length + 1));
}

const DIGEST_CHECK =
  "printf '%s\\n' \"$IMAGE_REF\" | grep -qx '[^@]*@sha256:[0-9a-f]\\{64\\}' || { echo 'IMAGE_REF is not <repository>@sha256:<64 hex>: the build job handed over no digest (its dotenv report).' >&2; exit 1; }";

/** A login of `tool` (cosign or skopeo) with the password on stdin. */
function stdinLogin(tool: 'cosign' | 'skopeo', registry: string, user: string, password: string): string {
  return `echo ${renderCommand([exp(password)], 'sh')} | ${renderCommand(
    [lit(tool), lit('login'), exp(registry), lit('--username'), exp(user), lit('--password-stdin')],
    'sh',
  )}`;
}

/** The login (registry, user and password references) for a registry kind, from the answers' variable names. */
function loginFor(
  a: Answers,
  kind: ReturnType<typeof pushRegistry>,
): { registry: string; user: string; password: string } | null {
  if (kind === 'gitlab')
    return { registry: '$CI_REGISTRY', user: '$CI_REGISTRY_USER', password: '$CI_REGISTRY_PASSWORD' };
  if (kind === 'dockerhub')
    return { registry: 'docker.io', user: `$${a.dockerHubUserVar}`, password: `$${a.dockerHubPasswordVar}` };
  if (kind === 'other')
    return { registry: a.otherRegistryHost, user: `$${a.otherUserVar}`, password: `$${a.otherPasswordVar}` };
  return null;
}

/** The registry logins of a sign or promote job for the registry kinds, and the variables they read. */
function loginsFor(
  a: Answers,
  tool: 'cosign' | 'skopeo',
  kinds: ReturnType<typeof pushRegistry>[],
): { script: string[]; required: RequiredVariable[] } {
  if (a.authMethod === 'mounted-config') return { script: [], required: [] };
  if (a.authMethod === 'docker-auth-config')
    return {
      script: ['mkdir -p "$HOME/.docker"', `echo "$${a.authConfigVar}" > "$HOME/.docker/config.json"`],
      required: [{ name: a.authConfigVar, file: false }],
    };
  const script: string[] = [];
  const required: RequiredVariable[] = [];
  for (const kind of [...new Set(kinds)]) {
    const l = loginFor(a, kind);
    if (!l) continue;
    script.push(stdinLogin(tool, l.registry, l.user, l.password));
    for (const ref of [l.user, l.password]) {
      const name = ref.slice(1);
      if (!name.startsWith('CI_') && !required.some((r) => r.name === name)) required.push({ name, file: false });
    }
  }
  return { script, required };
}

/** The server URL of `gitlabUrl` without its trailing slash (`https://gitlab.com`). */
export const serverUrl = (gitlabUrl: string): string => gitlabUrl.replace(/\/+$/, '');

/**
 * Supply chain and promotion for normalized answers and the build jobs (`variants`); `image` maps a tool image
 * reference to the answers' image source (company prefix, Dependency Proxy).
 */
export function supplyPlan(
  a: Answers,
  variants: readonly BuildVariant[],
  image: (ref: string) => string,
): SupplyChainPlan {
  const pushing = variants.filter((v) => v.push);
  const kind = pushRegistry(a);

  let sign: SignPlan | null = null;
  if (a.sign !== 'none' && pushing.length) {
    const logins = loginsFor(a, 'cosign', [kind]);
    const key = a.sign === 'key';
    const required: RequiredVariable[] = [...logins.required];
    if (key) required.push({ name: a.cosignKeyVar, file: true }, { name: a.cosignPasswordVar, file: false });
    const variables: Record<string, string> = { COSIGN_YES: 'true' };
    // cosign reads the key's password from COSIGN_PASSWORD; another variable name is passed under that name.
    if (key && a.cosignPasswordVar !== 'COSIGN_PASSWORD') variables.COSIGN_PASSWORD = `$${a.cosignPasswordVar}`;
    const issuer = serverUrl(a.gitlabUrl);
    sign = {
      mode: a.sign,
      image: image(COSIGN_IMAGE),
      // A key can be a Protected variable only if every job that reads it runs on protected refs.
      jobs: pushing.map((v) => ({
        job: `sign-${v.job}`,
        needs: v.job,
        rule: key ? protectedRule(v.rule) : v.rule,
      })),
      prelude: [DIGEST_CHECK, ...logins.script],
      command: key
        ? renderCommand([lit('cosign'), lit('sign'), lit('--key'), exp(`$${a.cosignKeyVar}`), exp('$IMAGE_REF')], 'sh')
        : renderCommand([lit('cosign'), lit('sign'), exp('$IMAGE_REF')], 'sh'),
      variables,
      required,
      issuer,
      ownSigstoreNeeded: !key && issuer.toLowerCase() !== GITLAB_COM,
      repository: a.image,
      keyVar: key ? a.cosignKeyVar : null,
      passwordVar: key ? a.cosignPasswordVar : null,
    };
  }

  let promote: PromotePlan | null = null;
  if (a.promoteTargets.length && pushing.length) {
    // Releases are promoted: the tag and default-branch jobs when there are any, else the one build job.
    const releases = pushing.filter((v) => v.job === 'release-image' || v.job === 'latest-image');
    const from = releases.length ? releases : pushing;
    const kinds = [kind, ...a.promoteTargets.map((t) => registryOfRepository(a, t))];
    const logins = loginsFor(a, 'skopeo', kinds);
    const copiesSignature = sign !== null;
    const loops = a.promoteTargets.map((target) => {
      const dest = renderCommand([exp(`docker://${target}:$tag`)], 'sh');
      const copy = `skopeo copy --all --preserve-digests "docker://$IMAGE_REF" ${dest}`;
      // The copy must serve the digest the build reported: the raw manifest's sha256 is the digest.
      const check = `test "sha256:$(skopeo inspect --raw ${dest} | sha256sum | cut -d ' ' -f 1)" = "$IMAGE_DIGEST"`;
      // Space- or comma-separated (the image-tags job's IMAGE_TAGS uses commas).
      return `for tag in $(echo "$${PROMOTE_TAGS}" | tr ',' ' '); do ${copy} && ${check} || exit 1; done`;
    });
    // cosign keeps the signature under the tag `sha256-<hex>.sig` of the image's repository: copied along, it
    // verifies in the target too (same digest).
    const signatures = copiesSignature
      ? [
          'SIG_TAG="sha256-${IMAGE_DIGEST#sha256:}.sig"',
          ...a.promoteTargets.map(
            (target) =>
              `skopeo copy --all --preserve-digests "docker://\${IMAGE_REF%@*}:$SIG_TAG" ${renderCommand(
                [exp(`docker://${target}:$SIG_TAG`)],
                'sh',
              )}`,
          ),
        ]
      : [];
    promote = {
      image: image(SKOPEO_IMAGE),
      jobs: from.map((v) => ({
        job: `promote-${v.job}`,
        needs: v.job,
        rule: protectedRule(v.rule),
        tags: variantTags(a.image, v),
      })),
      targets: [...a.promoteTargets],
      script: [DIGEST_CHECK, ...logins.script, ...loops, ...signatures],
      copyIndex: 1 + logins.script.length,
      required: logins.required,
      copiesSignature,
    };
  }

  return { attestations: attestationsOf(a), sign, promote };
}

/** Why attestations (SBOM, provenance) cannot be asked for with these answers, or null. */
export function attestationsWhyNot(a: Answers): Msg | null {
  if (a.method === 'buildah' || a.method === 'podman')
    return msg(
      'Buildah and Podman have no BuildKit attestations (SBOM, provenance): not supported with this builder. Choose BuildKit or Docker with Buildx for them.',
      'BuildahとPodmanにはBuildKitのアテステーション（SBOM、provenance）がなく、このビルダーでは対応していません。必要ならBuildKitまたはBuildx付きのDockerを選んでください。',
    );
  if (!buildsWithBuildKit(a))
    return msg(
      'Plain docker build (the classic builder, or BuildKit without Buildx) gets no attestation options here: its image is pushed by docker push. Turn on Buildx, whose builder exports SBOM and provenance with the push.',
      '通常のdocker build（従来のビルダー、またはBuildxなしのBuildKit）にはここでアテステーションの設定はありません（イメージはdocker pushでプッシュします）。Buildxを有効にすると、ビルダーがSBOMとprovenanceをプッシュと一緒に出力します。',
    );
  if (!a.push)
    return msg(
      'Attestations are pushed with the image: enable the push.',
      'アテステーションはイメージと一緒にプッシュされるため、プッシュを有効にしてください。',
    );
  return null;
}

/**
 * Why the sign or promote jobs cannot run with these answers, or null: they run Linux images (cosign, skopeo), so a
 * Windows runner cannot start them (refused rather than written in PowerShell: neither tool has a Windows image), and
 * the shell executor ignores `image:`; they read the pushed digest, so the build must push.
 */
export function supplyJobWhyNot(a: Answers, what: 'sign' | 'promote'): Msg | null {
  const name =
    what === 'sign'
      ? msg('The sign job (cosign)', '署名ジョブ（cosign）')
      : msg('The promote job (skopeo)', '昇格ジョブ（skopeo）');
  if (!a.push)
    return msg(
      `${name.en} reads the pushed image by digest: enable the push.`,
      `${name.ja}はプッシュしたイメージをダイジェストで読むため、プッシュを有効にしてください。`,
    );
  if (a.runnerKind !== 'gitlab-hosted' && a.os === 'windows')
    return msg(
      `${name.en} runs a Linux image: a Windows runner cannot start it. Run it on a Linux runner of its own.`,
      `${name.ja}はLinuxイメージで動くため、WindowsのRunnerでは起動できません。専用のLinux Runnerで実行してください。`,
    );
  if (a.runnerKind !== 'gitlab-hosted' && a.executor === 'shell')
    return msg(
      `${name.en} runs in its own image, which the shell executor ignores: use a Docker or Kubernetes executor.`,
      `${name.ja}は専用のイメージで動きますが、shell executorはイメージを無視します。DockerまたはKubernetes executorを使ってください。`,
    );
  if (what === 'sign' && a.authMethod === 'mounted-config')
    return msg(
      'The sign job pushes the signature with a login or DOCKER_AUTH_CONFIG: the config.json the runner mounts for root is not guaranteed to be readable in the cosign image.',
      '署名ジョブはログインまたはDOCKER_AUTH_CONFIGで署名をプッシュします。Runnerがroot用にマウントするconfig.jsonは、cosignイメージで読めるとは限りません。',
    );
  return null;
}
