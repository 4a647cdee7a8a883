/**
 * Gates (issue 14, item 4): an optional Dockerfile lint job before the build and an optional vulnerability scan of
 * the pushed image after it, with thresholds, tool images pinned by digest, and no push credentials in either job.
 *
 * `gatesPlan` derives the jobs' facts from normalized answers and the build variants; the `.gitlab-ci.yml` generator
 * only serializes them. Sources of every tool flag used here:
 * - hadolint: `--failure-threshold` (error | warning | info | style | ignore | none; inclusive since 2.5,
 *   https://github.com/hadolint/hadolint/issues/653 and /issues/788), `--no-fail`, `--format gitlab_codeclimate`
 *   (https://github.com/hadolint/hadolint#cli), and "For GitLab CI you need a basic shell in your docker image"
 *   (https://github.com/hadolint/hadolint/blob/master/docs/INTEGRATION.md): hence the `-alpine` image.
 * - Trivy: `trivy image --exit-code 1 --severity HIGH,CRITICAL --no-progress --cache-dir DIR IMAGE`
 *   (https://trivy.dev/docs/latest/references/configuration/cli/trivy_image/); registry credentials from
 *   `TRIVY_USERNAME` / `TRIVY_PASSWORD` ("Trivy will attempt to use these credentials for all registries
 *   encountered", https://trivy.dev/docs/latest/advanced/private-registries/); the image's entrypoint is `trivy`, so
 *   the job resets it (GitLab's Trivy example: `entrypoint: [""]`).
 * - GitLab Container Scanning: template `Jobs/Container-Scanning.gitlab-ci.yml` (job `container_scanning`, stage
 *   `test`, `allow_failure: true`, `dependencies: []`, rules on `$CI_COMMIT_BRANCH` only), `CS_IMAGE`,
 *   `CS_SEVERITY_THRESHOLD` (filters what is reported; the job does not fail on findings), `CS_REGISTRY_USER` /
 *   `CS_REGISTRY_PASSWORD` (https://docs.gitlab.com/user/application_security/container_scanning/,
 *   https://gitlab.com/gitlab-org/gitlab/-/blob/master/lib/gitlab/ci/templates/Jobs/Container-Scanning.gitlab-ci.yml).
 * - A dotenv variable of a needed job is expanded in the job's `variables:` (`CS_IMAGE: $IMAGE_REF`), as GitLab.com
 *   does it: https://github.com/firecow/gitlab-ci-local/issues/1492 (the expected output, taken from GitLab.com).
 * - Scanner images pinned by digest after the March 2026 Trivy supply-chain compromise (CVE-2026-33634: tags
 *   force-pushed, malicious v0.69.4 images): https://github.com/airweave-ai/airweave/issues/1752,
 *   https://github.com/prebid/prebid-server/pull/4776.
 */
import type { Answers } from './answers';
import { DIGEST_REPORT } from './methods/fragments';
import type { BuildVariant, RequiredVariable } from './plan';
import { shQuote } from './quote';
import { pushRegistry } from './vocabulary';

/**
 * hadolint 2.15.1, Alpine variant (the scratch image has no shell for GitLab's script), pinned by the digest of its
 * multi-platform index. The same digest is pinned in many public repositories (e.g. `HADOLINT_IMAGE :=
 * hadolint/hadolint:v2.15.1-alpine@sha256:a1d49ae1…` and on ghcr.io/hadolint/hadolint with the same digest).
 */
export const HADOLINT_IMAGE =
  'hadolint/hadolint:v2.15.1-alpine@sha256:a1d49ae1a4e83c1dbad26b8c1ad7588c8bd1e04f4866b34ad3cac50335198552';
/**
 * Trivy 0.75.0 (after the compromised 0.69.4), pinned by the digest of its multi-platform index, the same on Docker
 * Hub (`aquasec/trivy`) and ghcr.io (`ghcr.io/aquasecurity/trivy`).
 */
export const TRIVY_IMAGE =
  'aquasec/trivy:0.75.0@sha256:af6acf9a6b85dfe389a1941505c0ce9efef52a4719635e1a962f022a3d855daa';
/** GitLab's Container Scanning template, included by name. */
export const CONTAINER_SCANNING_TEMPLATE = 'Jobs/Container-Scanning.gitlab-ci.yml';
/** The template's job, turned off: one scan job per pushing build job replaces it. */
export const CONTAINER_SCANNING_JOB = 'container_scanning';
/** The variables the template sets at the top level that its job needs (its image is `$CS_ANALYZER_IMAGE`). */
export const CONTAINER_SCANNING_GLOBALS = ['CS_ANALYZER_IMAGE', 'CS_SCHEMA_MODEL'] as const;
/** The dotenv variable of the build job that names the pushed image by digest (issue 14 shared contract). */
export const IMAGE_REF_VAR = 'IMAGE_REF';
/** The Code Quality report the lint job writes (hadolint's `gitlab_codeclimate` format). */
export const LINT_REPORT = 'gl-codequality-hadolint.json';
/** Trivy's cache directory, inside the project directory so that the runner's cache could keep it. */
export const TRIVY_CACHE_DIR = '.trivycache/';

/** The severities from the threshold up, most severe last (`--severity` takes the list). */
export function severitiesFrom(threshold: Answers['scanSeverity']): string[] {
  const order = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
  return order.slice(order.indexOf(threshold));
}

/** The lint job: hadolint on the Dockerfile, in stage `lint`. */
export interface LintGate {
  job: 'lint-dockerfile';
  /** The hadolint image, pinned by digest, from the tool image source. */
  image: string;
  threshold: Answers['lintThreshold'];
  /** `report`: the pipeline goes on when the lint fails. */
  allowFailure: boolean;
  /** The job's script: the Code Quality report (never fails), then the gate. */
  script: string[];
  /** Index of the gate line (`--failure-threshold`) in `script`. */
  gateIndex: number;
}

/** One scan job: it scans what the build job `needs` pushed, under the same rule. */
export interface ScanJob {
  job: string;
  /** The build job whose dotenv report gives `IMAGE_REF`. */
  needs: string;
  /** The build job's `rules: if`, or null (no rules). */
  rule: string | null;
}

/** The scan of the pushed image, in stage `scan`. */
export interface ScanGate {
  kind: 'trivy' | 'gitlab';
  /** The Trivy image, pinned by digest, from the tool image source; null for GitLab's (the template's analyzer). */
  image: string | null;
  threshold: Answers['scanSeverity'];
  /** The severities that count, from the threshold up. */
  severities: string[];
  /** GitLab's template never fails on findings (`allow_failure: true`); Trivy follows the gate policy. */
  allowFailure: boolean;
  jobs: ScanJob[];
  /** The jobs' `variables:` (pull credentials by name, the template's inputs), in file order. */
  variables: Record<string, string>;
  /** The user's CI/CD variables the job reads (the pull credential), checked first in its script. */
  required: RequiredVariable[];
  /** The Trivy job's script (after the variable checks); [] for GitLab's template, whose script is its own. */
  script: string[];
  /** Index of the `trivy image` line in `script`, or -1. */
  gateIndex: number;
  /** Who the scan pulls as: the job's own token (GitLab registry) or a read-only credential of the user's. */
  pull: 'job-token' | { user: string; password: string };
}

/** The gate jobs of a plan (`Plan.gates`). */
export interface GatesPlan {
  lint: LintGate | null;
  scan: ScanGate | null;
  /**
   * The top-level `variables:` the gate jobs inherit (`inherit: variables:`): the proxy variables the file sets, and
   * for GitLab's template its own globals. Nothing else of the build's (daemon address, TLS paths) reaches them.
   */
  inheritVariables: string[];
}

/**
 * The gate jobs for normalized answers `a`, the build jobs `variants` and `image` (a tool image as pulled from the
 * tool image source). Pure. The lint job runs in every pipeline; one scan job runs per pushing build job, under
 * its rule, so that its `needs` always exists.
 */
export function gatesPlan(a: Answers, variants: readonly BuildVariant[], image: (ref: string) => string): GatesPlan {
  const block = a.gatePolicy === 'block';
  const dockerfile = shQuote(a.dockerfile);
  const lint: LintGate | null = a.lint
    ? {
        job: 'lint-dockerfile',
        image: image(HADOLINT_IMAGE),
        threshold: a.lintThreshold,
        allowFailure: !block,
        script: [
          `hadolint --no-fail --format gitlab_codeclimate ${dockerfile} > ${LINT_REPORT}`,
          `hadolint --failure-threshold ${a.lintThreshold} ${dockerfile}`,
        ],
        gateIndex: 1,
      }
    : null;

  let scan: ScanGate | null = null;
  const pushing = variants.filter((v) => v.push);
  if (a.scan !== 'none' && pushing.length) {
    const gitlabRegistry = pushRegistry(a) === 'gitlab';
    const pull: ScanGate['pull'] = gitlabRegistry
      ? 'job-token'
      : { user: `$${a.scanUserVar}`, password: `$${a.scanPasswordVar}` };
    const required: RequiredVariable[] = gitlabRegistry
      ? []
      : [
          { name: a.scanUserVar, file: false },
          { name: a.scanPasswordVar, file: false },
        ];
    const jobs = pushing.map((v) => ({ job: `scan-${v.job}`, needs: v.job, rule: v.rule }));
    const severities = severitiesFrom(a.scanSeverity);
    if (a.scan === 'trivy') {
      const variables: Record<string, string> =
        pull === 'job-token'
          ? // The scan job's own job token (it exists in every job); never a long-lived push credential.
            { TRIVY_USERNAME: '$CI_REGISTRY_USER', TRIVY_PASSWORD: '$CI_JOB_TOKEN' }
          : { TRIVY_USERNAME: pull.user, TRIVY_PASSWORD: pull.password };
      variables.TRIVY_CACHE_DIR = TRIVY_CACHE_DIR;
      scan = {
        kind: 'trivy',
        image: image(TRIVY_IMAGE),
        threshold: a.scanSeverity,
        severities,
        allowFailure: !block,
        jobs,
        variables,
        required,
        script: [
          `test -n "$${IMAGE_REF_VAR}" || { echo '${IMAGE_REF_VAR} is not set: the build job exports it in its dotenv report (${DIGEST_REPORT}).' >&2; exit 1; }`,
          `trivy image --exit-code 1 --severity ${severities.join(',')} --no-progress "$${IMAGE_REF_VAR}"`,
        ],
        gateIndex: 1,
        pull,
      };
    } else {
      const variables: Record<string, string> = {
        CS_IMAGE: `$${IMAGE_REF_VAR}`,
        CS_SEVERITY_THRESHOLD: a.scanSeverity,
      };
      if (pull !== 'job-token') {
        variables.CS_REGISTRY_USER = pull.user;
        variables.CS_REGISTRY_PASSWORD = pull.password;
      }
      scan = {
        kind: 'gitlab',
        image: null,
        threshold: a.scanSeverity,
        severities,
        allowFailure: true,
        jobs,
        variables,
        required,
        script: [],
        gateIndex: -1,
        pull,
      };
    }
  }

  const inheritVariables: string[] = [];
  if (a.proxy === 'job') {
    if (a.httpProxy) inheritVariables.push('HTTP_PROXY');
    if (a.httpsProxy) inheritVariables.push('HTTPS_PROXY');
    inheritVariables.push('NO_PROXY');
  }
  return { lint, scan, inheritVariables };
}
