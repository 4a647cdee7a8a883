/**
 * The project runs on the Node.js it declares (`engines.node` in package.json, the lowest version it allows): every
 * package of the lockfile accepts that version, so `npm ci` prints no EBADENGINE warning (issue 16).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface Lock {
  packages: Record<string, { engines?: { node?: string } | string[]; hasInstallScript?: boolean }>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lock;

describe('Node.js version', () => {
  it('every locked package accepts the lowest Node.js the project declares', () => {
    const lowest = semver.minVersion(pkg.engines.node)?.version ?? '';
    expect(lowest).toBe('20.19.0');
    const refused = Object.entries(lock.packages)
      .map(([name, p]) => [name, Array.isArray(p.engines) ? undefined : p.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies(lowest, range))
      .map(([name, range]) => `${name} wants node ${range}`);
    expect(refused).toEqual([]);
  });

  it('every locked package with an install script is approved or denied in allowScripts (npm 11 warns otherwise)', () => {
    const undecided = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''))
      .filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean');
    expect(undecided).toEqual([]);
  });
});
