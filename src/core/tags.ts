/**
 * Image tags computed in the job from the git ref (issue 14, "Tags from git").
 *
 * `tagsScript` renders a POSIX `sh` snippet that sets `IMAGE_TAGS` (tags only, no image name, separated by one space)
 * from GitLab's predefined variables, with nothing to install: `sh`, `awk` and, for the `latest`/moving-tag decision,
 * `git`. Sources:
 * - GitLab predefined variables (`CI_COMMIT_TAG`, `CI_COMMIT_BRANCH`, `CI_COMMIT_REF_SLUG`, `CI_MERGE_REQUEST_IID`,
 *   `CI_COMMIT_SHA`, `CI_COMMIT_SHORT_SHA`): https://docs.gitlab.com/ci/variables/predefined_variables/
 *   `CI_COMMIT_REF_SLUG` is the ref lowercased, shortened to 63 bytes, everything but `0-9a-z` replaced with `-`, no
 *   leading or trailing `-`, hence always a valid Docker tag.
 * - Semantic Versioning 2.0.0 (core `MAJOR.MINOR.PATCH` without leading zeros, `-PRERELEASE`, `+BUILD`; build
 *   metadata is ignored for precedence): https://semver.org/
 * - docker/metadata-action `type=semver`: a pre-release only gets its full `{{version}}` ("Pre-release (rc, beta,
 *   alpha) will only extend {{version}} as tag"), and major version zero gets no bare `0` tag ("Major version
 *   zero"): https://github.com/docker/metadata-action#typesemver and
 *   https://github.com/docker/metadata-action#major-version-zero
 * - A moving tag (`X.Y`, `X`, `latest`) only moves forward, as gen-semver-tags does ("If the version is the latest
 *   minor version of the given major version, major.minor will be included"): https://lib.rs/crates/gen-semver-tags
 * - Docker tag grammar (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`, so no `+`):
 *   https://docs.docker.com/reference/cli/docker/image/tag/
 */
import { shQuote } from './quote';

/** How the commit SHA appears among the tags: the full 40 hex digits, the 8-digit short form, or not at all. */
export type ShaTag = 'long' | 'short' | 'none';

/** Options of the snippet. */
export interface TagScheme {
  /**
   * The prefix of the repository's version tags (`v` for `v1.4.2`; `''` for `1.4.2`). A tag without it is still read
   * as a version when the rest is one (`1.4.2` with prefix `v`). Must match `TAG_PREFIX`.
   */
  prefix: string;
  /** The SHA tag added in every pipeline. */
  sha: ShaTag;
  /** Whether the highest stable version also gets `latest`. */
  latest: boolean;
}

/** The default scheme: `v` prefix, full SHA, `latest` for the highest stable version. */
export const DEFAULT_TAG_SCHEME: TagScheme = { prefix: 'v', sha: 'long', latest: true };

/**
 * The characters a tag prefix may have: git ref characters that need no thought in a shell pattern or a YAML plain
 * scalar (letters, digits, `.`, `_`, `-`, `/`), at most 32 of them. `*?[` and `\\` would be glob syntax in `case`.
 */
export const TAG_PREFIX = /^[A-Za-z0-9._/-]{0,32}$/;

/**
 * The job needs the repository's tags to decide whether a version is the highest one: a shallow clone of a tag
 * pipeline may hold only the pushed tag. Either of these gives them (GitLab "Shallow cloning" /
 * `GIT_DEPTH`: https://docs.gitlab.com/ci/pipelines/settings/#limit-the-number-of-changes-fetched-during-clone; the
 * runner's remote carries the job token, so a `git fetch` in the job authenticates).
 */
export const TAGS_FETCH = {
  /** Job variable for a full clone, with every tag. */
  variables: { GIT_DEPTH: '0' },
  /** Or a command run before the snippet in a shallow clone. */
  command: 'git fetch --tags --quiet --force',
} as const;

/**
 * The awk program reading `git tag --list` (one tag a line) on stdin and printing the tags of the pushed tag.
 * Environment: `TAG_NAME` (the pushed tag), `TAG_SLUG` (its slug, used when it is not a version), `TAG_PREFIX`,
 * `TAG_LATEST` (`1` to allow `latest`), `TAG_KNOWN` (`1` when the list could be read; else only the full version).
 * Numeric pre-release identifiers with a leading zero (`1.0.0-01`) are not semver (spec item 9).
 * Portable to mawk, nawk, gawk and BusyBox awk: no interval expressions, locals as extra parameters, numbers compared
 * as digit strings (length, then lexically) so that versions beyond 2^53 compare exactly.
 */
const AWK = `
function strip(t, p) {
  if (p != "" && index(t, p) == 1) return substr(t, length(p) + 1)
  return t
}
function parse(t, v,   b, h, core, x, y, i, np) {
  v["ok"] = 0
  b = index(t, "+")
  if (b) {
    if (substr(t, b + 1) !~ /^[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*$/) return 0
    t = substr(t, 1, b - 1)
  }
  h = index(t, "-")
  core = t
  v["pre"] = ""
  if (h) {
    v["pre"] = substr(t, h + 1)
    core = substr(t, 1, h - 1)
    if (v["pre"] !~ /^[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*$/) return 0
    np = split(v["pre"], y, ".")
    for (i = 1; i <= np; i++) if (y[i] ~ /^0[0-9]+$/) return 0
  }
  if (core !~ /^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$/) return 0
  split(core, x, ".")
  v["M"] = x[1] ""
  v["m"] = x[2] ""
  v["p"] = x[3] ""
  v["full"] = core (h ? "-" v["pre"] : "")
  v["ok"] = 1
  return 1
}
function numcmp(a, b) {
  if (length(a) != length(b)) return length(a) < length(b) ? -1 : 1
  if ((a "") == (b "")) return 0
  return (a "") < (b "") ? -1 : 1
}
BEGIN {
  prefix = ENVIRON["TAG_PREFIX"]
  if (!parse(strip(ENVIRON["TAG_NAME"], prefix), cur) || length(cur["full"]) > 128) {
    print ENVIRON["TAG_SLUG"]
    exit
  }
  above_minor = 0; above_major = 0; above_all = 0
}
{
  if (!parse(strip($0, prefix), o) || o["pre"] != "") next
  c = numcmp(o["M"], cur["M"])
  if (c > 0) { above_all = 1; next }
  if (c < 0) next
  c = numcmp(o["m"], cur["m"])
  if (c > 0) { above_major = 1; above_all = 1; next }
  if (c < 0) next
  if (numcmp(o["p"], cur["p"]) > 0) { above_minor = 1; above_major = 1; above_all = 1 }
}
END {
  if (!cur["ok"]) exit
  out = cur["full"]
  if (cur["pre"] == "" && ENVIRON["TAG_KNOWN"] == "1") {
    if (!above_minor) out = out " " cur["M"] "." cur["m"]
    if (cur["M"] != "0" && !above_major) out = out " " cur["M"]
    if (ENVIRON["TAG_LATEST"] == "1" && !above_all) out = out " latest"
  }
  print out
}`;

/**
 * The POSIX `sh` lines that set `IMAGE_TAGS` (space-separated Docker tags, no image name) for the running pipeline:
 * - tag pipeline (`CI_COMMIT_TAG`): the tag without `prefix` read as a semantic version. A stable `X.Y.Z` gives
 *   `X.Y.Z`, plus `X.Y` unless a higher `X.Y.*` exists, plus `X` unless `X` is 0 or a higher `X.*` exists, plus `latest`
 *   (if `scheme.latest`) unless a higher version exists, comparing with the stable versions of `git tag --list`. A
 *   pre-release gives only `X.Y.Z-PRE`; `+BUILD` is dropped (Docker tags cannot hold `+`). A tag that is not a
 *   version (or longer than 128 characters) gives `CI_COMMIT_REF_SLUG`. When `git tag --list` fails (no git in the
 *   image, no repository), only the full version is given and a note goes to stderr: a moving tag is never guessed.
 *   The job needs the tags: see `TAGS_FETCH`.
 * - merge-request pipeline (`CI_MERGE_REQUEST_IID`): `mr-<iid>`.
 * - branch pipeline (`CI_COMMIT_BRANCH`): `CI_COMMIT_REF_SLUG` (`feature/Login` gives `feature-login`).
 * - and the commit SHA (`CI_COMMIT_SHA` or `CI_COMMIT_SHORT_SHA`) unless `scheme.sha` is `none`.
 * Throws an `Error` when the prefix does not match `TAG_PREFIX`.
 */
export function tagsScript(scheme: TagScheme = DEFAULT_TAG_SCHEME): string[] {
  if (!TAG_PREFIX.test(scheme.prefix)) throw new Error(`invalid tag prefix: ${JSON.stringify(scheme.prefix)}`);
  const prefix = scheme.prefix === '' ? "''" : shQuote(scheme.prefix);
  const sha = { long: '$CI_COMMIT_SHA', short: '$CI_COMMIT_SHORT_SHA', none: null }[scheme.sha];
  return [
    'IMAGE_TAGS=""',
    'if [ -n "${CI_COMMIT_TAG:-}" ]; then',
    '  TAG_KNOWN=1',
    '  GIT_TAGS=$(git tag --list 2>/dev/null) || {',
    '    TAG_KNOWN=0',
    '    echo "note: git tag --list failed; only the full version is tagged (no X.Y, X or latest)" >&2',
    '  }',
    `  IMAGE_TAGS=$(printf '%s\\n' "$GIT_TAGS" | TAG_NAME="$CI_COMMIT_TAG" TAG_SLUG="\${CI_COMMIT_REF_SLUG:-}" \\`,
    `    TAG_PREFIX=${prefix} TAG_LATEST=${scheme.latest ? 1 : 0} TAG_KNOWN="$TAG_KNOWN" awk '${AWK}')`,
    'elif [ -n "${CI_MERGE_REQUEST_IID:-}" ]; then',
    '  IMAGE_TAGS="mr-$CI_MERGE_REQUEST_IID"',
    'elif [ -n "${CI_COMMIT_BRANCH:-}" ]; then',
    '  IMAGE_TAGS="${CI_COMMIT_REF_SLUG:-}"',
    'fi',
    ...(sha ? [`IMAGE_TAGS="\${IMAGE_TAGS:+$IMAGE_TAGS }${sha}"`] : []),
    'export IMAGE_TAGS',
  ];
}

/** The tag scheme of the answers: fixed refs (`tagSha`/`tagLatest`/`tagGitTag`), tags from git, or a template. */
export const TAG_SCHEMES = ['fixed', 'semver', 'template'] as const;
/** One tag scheme (see `TAG_SCHEMES`). */
export type TagSchemeKind = (typeof TAG_SCHEMES)[number];
/** The SHA tag forms (see `ShaTag`). */
export const SHA_TAGS = ['long', 'short', 'none'] as const;

/**
 * The GitLab predefined variables a tag template may use, each with a typical value (what the static check of a
 * template expands it to). Source: https://docs.gitlab.com/ci/variables/predefined_variables/. `CI_COMMIT_REF_NAME`,
 * `CI_COMMIT_BRANCH` and `CI_COMMIT_TAG` may hold `/` or `+`, which no Docker tag holds: the job refuses such a
 * tag at run time (`tagCheckScript`); `CI_COMMIT_REF_SLUG` is the safe form of the ref.
 */
export const TAG_TEMPLATE_VARIABLES: Readonly<Record<string, string>> = {
  CI_COMMIT_SHA: '8f2e6c1d4b3a59e7c0d1f2a3b4c5d6e7f8091a2b',
  CI_COMMIT_SHORT_SHA: '8f2e6c1d',
  CI_COMMIT_REF_SLUG: 'feature-login',
  CI_COMMIT_REF_NAME: 'main',
  CI_COMMIT_BRANCH: 'main',
  CI_COMMIT_TAG: 'v1.4.2',
  CI_DEFAULT_BRANCH: 'main',
  CI_MERGE_REQUEST_IID: '42',
  CI_PIPELINE_IID: '1234',
  CI_PIPELINE_ID: '987654321',
  CI_JOB_ID: '1234567890',
  CI_PROJECT_NAME: 'app',
};

/** The Docker tag grammar: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` (https://docs.docker.com/reference/cli/docker/image/tag/). */
export const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** One word of a template: literal tag characters and `$NAME` / `${NAME}` references. */
const TEMPLATE_WORD = /^(?:[A-Za-z0-9_.-]|\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/;

/**
 * Why a tag template cannot be used, or null when it can. A template is one or more words separated by single
 * spaces, at most 300 characters; each word is one tag: literal tag characters (`A-Za-z0-9_.-`) and references to the
 * predefined variables of `TAG_TEMPLATE_VARIABLES` (`$CI_COMMIT_REF_SLUG`, `${CI_PIPELINE_IID}`). A `$NAME` reference
 * takes the longest name (`$CI_PIPELINE_IID_x` is the variable `CI_PIPELINE_IID_x`: write `${CI_PIPELINE_IID}_x`).
 * Each word, expanded with the typical values, must be a Docker tag (`DOCKER_TAG`). The job checks the real values
 * again (`tagCheckScript`). Returns an English message.
 */
export function tagTemplateProblem(template: string): string | null {
  if (template.length === 0) return 'is empty';
  if (template.length > 300) return 'is longer than 300 characters';
  const words = template.split(' ');
  for (const word of words) {
    if (word === '') return 'must be words separated by single spaces';
    if (!TEMPLATE_WORD.test(word))
      return 'may hold only letters, digits, _ . - and $NAME or ${NAME} references to GitLab predefined variables';
    let unknown: string | null = null;
    const expanded = word.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (_m, a?: string, b?: string) => {
        const name = a ?? b ?? '';
        const value = TAG_TEMPLATE_VARIABLES[name];
        if (value === undefined) unknown ??= name;
        return value ?? '';
      },
    );
    if (unknown !== null)
      return `uses ${unknown}, which is not one of the predefined variables a tag may use (${Object.keys(TAG_TEMPLATE_VARIABLES).join(', ')})`;
    if (!DOCKER_TAG.test(expanded))
      return `gives the tag ${JSON.stringify(expanded)} with typical values, which is not a Docker tag (A-Z a-z 0-9 _ . -, not starting with . or -, at most 128 characters)`;
  }
  return null;
}

/**
 * The POSIX `sh` lines that set `IMAGE_TAGS` from a template checked by `tagTemplateProblem` (throws an `Error`
 * for any other): the template in double quotes, where only the `$NAME` / `${NAME}` references expand. A word whose
 * variables are all empty (`$CI_COMMIT_TAG` in a branch pipeline) disappears.
 */
export function templateScript(template: string): string[] {
  const problem = tagTemplateProblem(template);
  if (problem) throw new Error(`invalid tag template ${JSON.stringify(template)}: ${problem}`);
  return [`IMAGE_TAGS="${template}"`, 'export IMAGE_TAGS'];
}

/**
 * The POSIX `sh` lines that check every word of `IMAGE_TAGS` against the Docker tag grammar (`DOCKER_TAG`) and
 * collect them, separated by commas, in `IMAGE_TAG_LIST`; they stop the job with a message naming the bad tag, or
 * when no tag is left. `case` patterns and `${#var}` are POSIX (dash, BusyBox ash, bash).
 */
export function tagCheckScript(): string[] {
  return [
    'IMAGE_TAG_LIST=""',
    'for IMAGE_TAG in $IMAGE_TAGS; do',
    '  case "$IMAGE_TAG" in',
    '    [!A-Za-z0-9_]* | *[!A-Za-z0-9_.-]*)',
    '      echo "error: \\"$IMAGE_TAG\\" is not a Docker tag (letters, digits, _ . -; not starting with . or -)" >&2',
    '      exit 1 ;;',
    '  esac',
    '  [ "${#IMAGE_TAG}" -le 128 ] || { echo "error: the tag \\"$IMAGE_TAG\\" is longer than 128 characters" >&2; exit 1; }',
    '  IMAGE_TAG_LIST="${IMAGE_TAG_LIST:+$IMAGE_TAG_LIST,}$IMAGE_TAG"',
    'done',
    'test -n "$IMAGE_TAG_LIST" || { echo "error: no image tag for this pipeline (IMAGE_TAGS is empty)" >&2; exit 1; }',
  ];
}
