/**
 * The refresh command's parsing and report, on responses in the registries' documented shapes
 * (src/testing/fixtures/versions-check/): the command itself needs the network.
 */
import { describe, expect, it } from 'vitest';
import {
  formatReport,
  parseDockerHubTags,
  parseGithubReleases,
  parseQuayTags,
  reportFor,
  versionsFromTags,
} from './versions-check';
import DOCKER from '../testing/fixtures/versions-check/dockerhub-docker.json';
import BUILDKIT from '../testing/fixtures/versions-check/dockerhub-buildkit.json';
import BUILDAH from '../testing/fixtures/versions-check/quay-buildah.json';
import MOBY from '../testing/fixtures/versions-check/github-moby-releases.json';
import { TOOL_TABLE } from '../core/versions';

describe('versions:check', () => {
  it('reads the pinned versions out of the tag lists (no rc, no floating or variant tags)', () => {
    expect(versionsFromTags('docker', parseDockerHubTags(DOCKER))).toEqual(['29.8.0', '29.7.2', '29.6.2']);
    expect(versionsFromTags('buildkit', parseDockerHubTags(BUILDKIT))).toEqual(['v0.32.1', 'v0.32.0', 'v0.31.2']);
    expect(versionsFromTags('buildah', parseQuayTags(BUILDAH))).toEqual(['v1.44', 'v1.43']);
    expect(parseDockerHubTags({ results: 'x' })).toEqual([]);
    expect(parseQuayTags(null)).toEqual([]);
  });

  it('reads the published releases and their dates (no drafts, no pre-releases)', () => {
    expect(parseGithubReleases(MOBY)).toEqual([
      { version: 'v29.8.0', date: '2026-09-10' },
      { version: 'v29.7.2', date: '2026-08-20' },
      { version: 'v29.6.2', date: '2026-06-30' },
    ]);
    expect(parseGithubReleases({})).toEqual([]);
  });

  it('names the known defects of newer releases and recommends the newest without one', () => {
    const dates = new Map(parseGithubReleases(MOBY).map((r) => [r.version.replace(/^v/, ''), r.date]));
    const docker = reportFor('docker', versionsFromTags('docker', parseDockerHubTags(DOCKER)), dates);
    expect(docker.pinned).toBe(TOOL_TABLE.docker.pinned);
    expect(docker.newer).toEqual([
      { version: '29.8.0', date: '2026-09-10', defects: [] },
      { version: '29.7.2', date: '2026-08-20', defects: ['moby-53293'] },
    ]);
    expect(docker.recommended).toBe('29.8.0');
    expect(formatReport(docker).join('\n')).toMatch(/29\.7\.2 \(2026-08-20\) \[known defects: moby-53293\]/);

    const buildkit = reportFor('buildkit', versionsFromTags('buildkit', parseDockerHubTags(BUILDKIT)), new Map());
    expect(buildkit.newer.map((n) => n.defects)).toEqual([['buildkit-7007'], ['buildkit-7007']]);
    expect(buildkit.recommended).toBe(TOOL_TABLE.buildkit.pinned);
    expect(formatReport(buildkit)[1]).toMatch(/keep v0\.31\.2/);
  });
});
