/**
 * Versions as knowledge: the tool versions the product pins, the releases it knows of, and their known defects,
 * each with its source. Pure data plus lookups (no imports but i18n): `answers.ts` takes its defaults from here,
 * `images.ts` its tags, `plan.ts` the defects a setup meets (which `findings.ts` reports), `restore.ts` the defaults
 * an older permalink was made with, and the troubleshooter the ranges its `holds` checks.
 *
 * Refreshing: `npm run versions:check` (scripts/versions-check.ts; needs the network) asks the registries' tag lists
 * and the GitHub releases for versions newer than `pinned` and prints what to update here. Moving a default is a
 * new entry of `TABLE_DEFAULTS` under a new `VERSIONS_TABLE`, never an edit of an old entry: permalinks record the
 * table they were made with and keep reproducing its defaults.
 */
import { msg, type Msg } from './i18n';

/** The tools whose versions the product pins. `docker` is the CLI image and the dind service (one version). */
export const TOOLS = ['docker', 'buildkit', 'buildah', 'podman', 'binfmt', 'alpine', 'git'] as const;
/** One pinned tool (see `TOOLS`). */
export type Tool = (typeof TOOLS)[number];

/** Each tool's name as the texts write it. */
export const TOOL_NAMES: Readonly<Record<Tool, string>> = {
  docker: 'Docker',
  buildkit: 'BuildKit',
  buildah: 'Buildah',
  podman: 'Podman',
  binfmt: 'binfmt',
  alpine: 'Alpine',
  git: 'git (alpine/git)',
};

/** The answers that hold a tool's version (the others are fixed by the product). */
export type VersionAnswer = 'dockerVersion' | 'buildkitVersion' | 'buildahVersion' | 'podmanVersion';
/** The version answers, in the order of the answers model. */
export const VERSION_ANSWERS: readonly VersionAnswer[] = [
  'dockerVersion',
  'buildkitVersion',
  'buildahVersion',
  'podmanVersion',
];

/** One known release: its version as the answer or tag writes it, its date (YYYY-MM-DD) when known, its source. */
export interface Release {
  version: string;
  date?: string;
  source: string;
}

/**
 * When a defect bites, decided by `plan.ts` from the setup (the table stays pure data):
 * - `dind-docker-push`: the dind daemon of that version pushes (`docker push`, not a Buildx builder);
 * - `buildx-push-gitlab`: a Buildx builder of that BuildKit version pushes to a GitLab container registry.
 */
export type DefectScope = 'dind-docker-push' | 'buildx-push-gitlab';

/** A known defect of a range of releases of one tool. */
export interface Defect {
  /** Stable id (findings and the troubleshooter name it): the upstream issue, `moby-53293`. */
  id: string;
  tool: Tool;
  /** First affected version (inclusive). */
  from: string;
  /** Last affected version (inclusive), or null while no fixed release exists. */
  to: string | null;
  scope: DefectScope;
  /** One line: what breaks. */
  title: Msg;
  /** The upstream issue (and the other threads that confirm it). */
  sources: readonly string[];
  /** The version the product recommends instead: the nearest release without the defect. */
  nearestGood: string;
}

/** A pinned tool: its image repository, the pinned version (the default), the releases known, where to look. */
export interface ToolEntry {
  tool: Tool;
  /** The image repository the tag belongs to. */
  image: string;
  /** The answer that holds its version, if the user can change it. */
  answer?: VersionAnswer;
  /** The version the product uses by default (current table). */
  pinned: string;
  /** Known releases, oldest first (the refresh command adds newer ones). */
  releases: readonly Release[];
  /** Where its releases are listed (the refresh command reads this). */
  releasesUrl: string;
}

/**
 * The version of this table's defaults. Raise it (and add its entry to `TABLE_DEFAULTS`) whenever a default moves:
 * permalinks record it (see `permalink.ts`).
 */
export const VERSIONS_TABLE = 2;

/**
 * The default of each version answer under each table version. Table 1 is what every link before the table
 * (permalink versions 1 to 3) was made with. Entries are never changed once released.
 */
export const TABLE_DEFAULTS: Readonly<Record<number, Readonly<Record<VersionAnswer, string>>>> = {
  1: { dockerVersion: '29.7.2', buildkitVersion: 'v0.31.2', buildahVersion: 'v1.43', podmanVersion: 'v5.6' },
  // Docker 29.7.0-29.7.2 have moby/moby#53293 (open): back to 29.6.2, what the reporters pinned.
  2: { dockerVersion: '29.6.2', buildkitVersion: 'v0.31.2', buildahVersion: 'v1.43', podmanVersion: 'v5.6' },
};

/** The defaults of the current table (`TABLE_DEFAULTS[VERSIONS_TABLE]`). */
export const CURRENT_DEFAULTS: Readonly<Record<VersionAnswer, string>> = TABLE_DEFAULTS[VERSIONS_TABLE] ?? {
  dockerVersion: '',
  buildkitVersion: '',
  buildahVersion: '',
  podmanVersion: '',
};

const MOBY_RELEASES = 'https://github.com/moby/moby/releases';
const BUILDKIT_RELEASES = 'https://github.com/moby/buildkit/releases';

/** Every pinned tool. */
export const TOOL_TABLE: Readonly<Record<Tool, ToolEntry>> = {
  docker: {
    tool: 'docker',
    image: 'docker',
    answer: 'dockerVersion',
    pinned: CURRENT_DEFAULTS.dockerVersion,
    releases: [
      { version: '29.6.2', source: `${MOBY_RELEASES}/tag/docker-v29.6.2` },
      { version: '29.7.0', date: '2026-07', source: `${MOBY_RELEASES}/tag/docker-v29.7.0` },
      { version: '29.7.1', source: `${MOBY_RELEASES}/tag/docker-v29.7.1` },
      { version: '29.7.2', source: `${MOBY_RELEASES}/tag/docker-v29.7.2` },
    ],
    releasesUrl: 'https://hub.docker.com/_/docker/tags',
  },
  buildkit: {
    tool: 'buildkit',
    image: 'moby/buildkit',
    answer: 'buildkitVersion',
    pinned: CURRENT_DEFAULTS.buildkitVersion,
    releases: [
      { version: 'v0.31.2', source: `${BUILDKIT_RELEASES}/tag/v0.31.2` },
      { version: 'v0.32.0', source: `${BUILDKIT_RELEASES}/tag/v0.32.0` },
    ],
    releasesUrl: 'https://hub.docker.com/r/moby/buildkit/tags',
  },
  buildah: {
    tool: 'buildah',
    image: 'quay.io/buildah/stable',
    answer: 'buildahVersion',
    pinned: CURRENT_DEFAULTS.buildahVersion,
    releases: [{ version: 'v1.43', source: 'https://github.com/containers/buildah/releases' }],
    releasesUrl: 'https://quay.io/repository/buildah/stable?tab=tags',
  },
  podman: {
    tool: 'podman',
    image: 'quay.io/podman/stable',
    answer: 'podmanVersion',
    pinned: CURRENT_DEFAULTS.podmanVersion,
    releases: [{ version: 'v5.6', source: 'https://github.com/containers/podman/releases' }],
    releasesUrl: 'https://quay.io/repository/podman/stable?tab=tags',
  },
  binfmt: {
    tool: 'binfmt',
    image: 'tonistiigi/binfmt',
    pinned: 'qemu-v9.2.2',
    releases: [
      { version: 'qemu-v9.2.2', source: 'https://github.com/tonistiigi/binfmt/releases/tag/deploy%2Fv9.2.2-52' },
    ],
    releasesUrl: 'https://hub.docker.com/r/tonistiigi/binfmt/tags',
  },
  alpine: {
    tool: 'alpine',
    image: 'alpine',
    pinned: '3.22',
    releases: [{ version: '3.22', date: '2025-05-30', source: 'https://alpinelinux.org/releases/' }],
    releasesUrl: 'https://hub.docker.com/_/alpine/tags',
  },
  // The image of the job that computes the image tags from git (tags.ts): sh, awk and git, nothing to install.
  git: {
    tool: 'git',
    image: 'alpine/git',
    pinned: 'v2.49.1',
    releases: [{ version: 'v2.49.1', source: 'https://hub.docker.com/r/alpine/git/tags' }],
    releasesUrl: 'https://hub.docker.com/r/alpine/git/tags',
  },
};

/** Every known defect of a pinned tool. */
export const DEFECTS: readonly Defect[] = [
  {
    id: 'moby-53293',
    tool: 'docker',
    from: '29.7.0',
    // The last release known to be affected: the issue is open, so check each newer release against it.
    to: '29.7.2',
    scope: 'dind-docker-push',
    title: msg(
      'docker push with the containerd image store skips a blob it wrongly takes for present (cross-repository mount), and the registry rejects the manifest: "blob unknown to registry"',
      'containerdイメージストアでのdocker pushが、存在すると誤認したblob（リポジトリ間マウント）をスキップし、レジストリがマニフェストを拒否します（「blob unknown to registry」）',
    ),
    sources: ['https://github.com/moby/moby/issues/53293'],
    nearestGood: '29.6.2',
  },
  {
    id: 'buildkit-7007',
    tool: 'buildkit',
    from: 'v0.32.0',
    to: null,
    scope: 'buildx-push-gitlab',
    title: msg(
      'attestations are pushed as OCI artifacts whose subject is the new image manifest; the GitLab container registry rejects them: "blob unknown to registry"',
      'アテステーションが新しいイメージマニフェストをsubjectとするOCIアーティファクトとしてプッシュされ、GitLabコンテナレジストリが拒否します（「blob unknown to registry」）',
    ),
    sources: [
      'https://github.com/moby/buildkit/issues/7007',
      'https://github.com/moby/buildkit/issues/5561',
      'https://github.com/docker/buildx/pull/3991',
    ],
    nearestGood: 'v0.31.2',
  },
];

/**
 * The iptables backend the docker:dind image's entrypoint uses, by release. Up to the 24.0.7 rebuild of 2023-12-14
 * the image used iptables-legacy; that rebuild (Alpine 3.19, docker-library/docker#461) switched to nf_tables and
 * broke hosts without it (docker-library/docker#463); the entrypoint has since chosen the backend itself and reads
 * `DOCKER_IPTABLES_LEGACY` (set and non-empty: legacy; set and empty: nf_tables; see its dockerd-entrypoint.sh).
 */
export const DIND_IPTABLES = {
  /** First release whose image defaults to nf_tables (its 2023-12-14 rebuild). */
  nftablesFrom: '24.0.7',
  /** The variable the entrypoint reads. */
  variable: 'DOCKER_IPTABLES_LEGACY',
  sources: [
    'https://github.com/docker-library/docker/issues/463',
    'https://github.com/docker-library/docker/issues/467',
    'https://github.com/docker-library/docker/blob/master/dockerd-entrypoint.sh',
  ],
} as const;

/**
 * Compares two versions number by number (`v` prefixes and non-numeric suffixes ignored; missing parts are 0):
 * negative when `a` is older, 0 when equal, positive when newer. `29.7` equals `29.7.0`.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^v?(\d+(?:\.\d+)*)/.exec(v.replace(/^qemu-/, ''))?.[1] ?? '0').split('.').map(Number);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Whether `version` lies in the defect's range. A tag without a patch (`29.7`) moves with its releases: it is
 * affected when any release it can resolve to is (`29.7` meets 29.7.0-29.7.2; `29` meets them too).
 */
export function inDefectRange(defect: Pick<Defect, 'from' | 'to'>, version: string): boolean {
  const depth = (/^v?(\d+(?:\.\d+)*)/.exec(version)?.[1] ?? '').split('.').length;
  const from = defect.from;
  // The floating tag's highest possible release: every later part unbounded.
  const ceiling = depth >= 3 ? version : `${version}${'.999999'.repeat(3 - depth)}`;
  if (compareVersions(ceiling, from) < 0) return false;
  return defect.to === null || compareVersions(version, defect.to) <= 0;
}

/** The known defects of `tool` at `version` (any scope), in table order. */
export function defectsOf(tool: Tool, version: string): Defect[] {
  return DEFECTS.filter((d) => d.tool === tool && inDefectRange(d, version));
}

/** The defect with this id, or undefined. */
export function defectById(id: string): Defect | undefined {
  return DEFECTS.find((d) => d.id === id);
}

/**
 * The version to recommend instead of `version` of `tool`: the `nearestGood` of its first defect, or `version`
 * itself when it has none.
 */
export function nearestGood(tool: Tool, version: string): string {
  return defectsOf(tool, version)[0]?.nearestGood ?? version;
}

/** One version answer that a newer table moved: the value in force then, the current one, and the defects why. */
export interface VersionUpdate {
  answer: VersionAnswer;
  tool: Tool;
  from: string;
  to: string;
  /** Known defects of `from` (empty when the default moved for another reason, e.g. a newer release). */
  defects: Defect[];
}

const TOOL_OF: Readonly<Record<VersionAnswer, Tool>> = {
  dockerVersion: 'docker',
  buildkitVersion: 'buildkit',
  buildahVersion: 'buildah',
  podmanVersion: 'podman',
};

/** The tool a version answer pins. */
export const toolOf = (answer: VersionAnswer): Tool => TOOL_OF[answer];

/**
 * The version answers whose value is the default of an older table (`table`) that the current table moved: what an
 * older link can update to. `values` holds the answers' current values. Empty when `table` is current or unknown.
 */
export function newerDefaults(table: number, values: Readonly<Record<VersionAnswer, string>>): VersionUpdate[] {
  const then = TABLE_DEFAULTS[table];
  if (!then || table >= VERSIONS_TABLE) return [];
  return VERSION_ANSWERS.filter((k) => then[k] !== CURRENT_DEFAULTS[k] && values[k] === then[k]).map((answer) => ({
    answer,
    tool: TOOL_OF[answer],
    from: then[answer],
    to: CURRENT_DEFAULTS[answer],
    defects: defectsOf(TOOL_OF[answer], then[answer]),
  }));
}
