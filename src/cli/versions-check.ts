/**
 * `npm run versions:check`: refreshes the knowledge of `src/core/versions.ts`. For every pinned tool it asks the
 * registry's tag list (Docker Hub, Quay) and the GitHub releases of the project for versions newer than the pinned
 * one, and prints what to update: the newer releases, the known defects of each (from the table), and the newest
 * release without a known defect. It changes no file: moving a default is a new `TABLE_DEFAULTS` entry, reviewed by
 * hand (goldens change). Needs the network; exits 2 when a source cannot be reached, 0 otherwise.
 *
 * The parsing is pure and tested on recorded response shapes (versions-check.test.ts):
 * - Docker Hub `GET https://hub.docker.com/v2/repositories/<namespace>/<name>/tags?page_size=100`:
 *   `{ "results": [{ "name": "29.6.2-dind", "last_updated": "..." }], "next": ... }`;
 * - Quay `GET https://quay.io/api/v1/repository/<namespace>/<name>/tag/?limit=100&onlyActiveTags=true`:
 *   `{ "tags": [{ "name": "v1.43", "last_modified": "..." }] }`;
 * - GitHub `GET https://api.github.com/repos/<owner>/<repo>/releases`:
 *   `[{ "tag_name": "v0.32.0", "published_at": "...", "draft": false, "prerelease": false }]`.
 */
import { compareVersions, defectsOf, TOOL_NAMES, TOOL_TABLE, TOOLS, type Tool } from '../core/versions';

/** Where each tool's versions are listed: a tag list, and the GitHub releases for the dates. */
export const SOURCES: Readonly<Record<Tool, { tags: string; releases?: string }>> = {
  docker: {
    tags: 'https://hub.docker.com/v2/repositories/library/docker/tags?page_size=100&name=-dind',
    releases: 'https://api.github.com/repos/moby/moby/releases?per_page=100',
  },
  buildkit: {
    tags: 'https://hub.docker.com/v2/repositories/moby/buildkit/tags?page_size=100',
    releases: 'https://api.github.com/repos/moby/buildkit/releases?per_page=100',
  },
  buildah: { tags: 'https://quay.io/api/v1/repository/buildah/stable/tag/?limit=100&onlyActiveTags=true' },
  podman: { tags: 'https://quay.io/api/v1/repository/podman/stable/tag/?limit=100&onlyActiveTags=true' },
  binfmt: { tags: 'https://hub.docker.com/v2/repositories/tonistiigi/binfmt/tags?page_size=100' },
  alpine: { tags: 'https://hub.docker.com/v2/repositories/library/alpine/tags?page_size=100' },
  git: { tags: 'https://hub.docker.com/v2/repositories/alpine/git/tags?page_size=100' },
};

/** The version a tag pins, per tool (`29.6.2-dind` -> `29.6.2`), or null for a tag that pins none (`latest`, rc). */
const TAG_VERSION: Readonly<Record<Tool, RegExp>> = {
  docker: /^(\d+\.\d+\.\d+)-dind$/,
  buildkit: /^(v\d+\.\d+\.\d+)$/,
  buildah: /^(v\d+\.\d+)$/,
  podman: /^(v\d+\.\d+)$/,
  binfmt: /^(qemu-v\d+\.\d+\.\d+)$/,
  alpine: /^(\d+\.\d+)$/,
  git: /^(v\d+\.\d+\.\d+)$/,
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The tag names of a Docker Hub tag list response (`results[].name`); [] for any other shape. */
export function parseDockerHubTags(json: unknown): string[] {
  if (!isRecord(json) || !Array.isArray(json.results)) return [];
  return json.results.flatMap((r) => (isRecord(r) && typeof r.name === 'string' ? [r.name] : []));
}

/** The tag names of a Quay tag list response (`tags[].name`); [] for any other shape. */
export function parseQuayTags(json: unknown): string[] {
  if (!isRecord(json) || !Array.isArray(json.tags)) return [];
  return json.tags.flatMap((t) => (isRecord(t) && typeof t.name === 'string' ? [t.name] : []));
}

/**
 * The published releases of a GitHub releases response: tag without the `docker-` prefix moby uses, and the date
 * (YYYY-MM-DD). Drafts and pre-releases are left out; [] for any other shape.
 */
export function parseGithubReleases(json: unknown): { version: string; date: string }[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((r) =>
    isRecord(r) && typeof r.tag_name === 'string' && r.draft !== true && r.prerelease !== true
      ? [{ version: r.tag_name.replace(/^docker-/, ''), date: String(r.published_at ?? '').slice(0, 10) }]
      : [],
  );
}

/** The versions the tags of `tool` pin, newest first, without duplicates. */
export function versionsFromTags(tool: Tool, tags: readonly string[]): string[] {
  const found = new Set(tags.flatMap((t) => TAG_VERSION[tool].exec(t)?.[1] ?? []));
  return [...found].sort((a, b) => compareVersions(b, a));
}

/** What the check found for one tool: the releases newer than the pinned one, and the one to pin. */
export interface ToolReport {
  tool: Tool;
  pinned: string;
  /** Newer versions, newest first, each with the ids of its known defects and its date when known. */
  newer: { version: string; date?: string; defects: string[] }[];
  /** The newest version without a known defect (the pinned one when none is newer). */
  recommended: string;
}

/**
 * Compares the versions found for `tool` with the table: `versions` from its tags, `dates` from its releases
 * (version -> YYYY-MM-DD).
 */
export function reportFor(tool: Tool, versions: readonly string[], dates: ReadonlyMap<string, string>): ToolReport {
  const pinned = TOOL_TABLE[tool].pinned;
  const newer = versions
    .filter((v) => compareVersions(v, pinned) > 0)
    .map((version) => {
      const date = dates.get(version);
      return { version, ...(date ? { date } : {}), defects: defectsOf(tool, version).map((d) => d.id) };
    });
  const good = newer.find((n) => n.defects.length === 0);
  return { tool, pinned, newer, recommended: good?.version ?? pinned };
}

/** The report as the lines the command prints. */
export function formatReport(r: ToolReport): string[] {
  const name = TOOL_NAMES[r.tool];
  if (r.newer.length === 0) return [`${name}: ${r.pinned} is the newest release found.`];
  return [
    `${name}: pinned ${r.pinned}; newer: ${r.newer
      .map(
        (n) =>
          `${n.version}${n.date ? ` (${n.date})` : ''}${n.defects.length ? ` [known defects: ${n.defects.join(', ')}]` : ''}`,
      )
      .join(', ')}`,
    r.recommended === r.pinned
      ? `  keep ${r.pinned}: every newer release has a known defect.`
      : `  update: pin ${r.recommended} in a new TABLE_DEFAULTS entry of src/core/versions.ts, check its changelog for defects, add it to the releases, review the goldens.`,
  ];
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { Accept: 'application/json', 'User-Agent': 'versions-check' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function main(): Promise<number> {
  let failed = false;
  for (const tool of TOOLS) {
    const source = SOURCES[tool];
    try {
      const tagsJson = await getJson(source.tags);
      const tags = source.tags.includes('quay.io') ? parseQuayTags(tagsJson) : parseDockerHubTags(tagsJson);
      const dates = new Map<string, string>();
      if (source.releases)
        for (const r of parseGithubReleases(await getJson(source.releases)))
          // moby tags its releases docker-v29.6.2; the image tags have no `v`.
          dates.set(tool === 'docker' ? r.version.replace(/^v/, '') : r.version, r.date);
      for (const line of formatReport(reportFor(tool, versionsFromTags(tool, tags), dates))) console.log(line);
    } catch (e) {
      failed = true;
      console.error(`${TOOL_NAMES[tool]}: cannot reach ${source.tags} (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (failed) console.error('versions:check needs the network (Docker Hub, Quay, the GitHub API).');
  return failed ? 2 : 0;
}

if (process.argv[1] && /versions-check\.ts$/.test(process.argv[1])) {
  void main().then((code) => process.exit(code));
}
