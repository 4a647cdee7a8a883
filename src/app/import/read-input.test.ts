import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, mergeFiles, readBrowserFiles, unzipConfigs } from './read-input';

const ci = 'build:\n  image: docker:27.3.1\n  script:\n    - docker build .\n';

describe('unzipConfigs', () => {
  it('keeps the configuration files with their folders and skips the rest', () => {
    const zip = zipSync({
      '.gitlab-ci.yml': strToU8(ci),
      'runner/config.toml': strToU8('concurrent = 1\n'),
      Dockerfile: strToU8('FROM alpine\n'),
      '__MACOSX/._config.toml': strToU8('x'),
      'docs/': new Uint8Array(),
    });
    const r = unzipConfigs('setup.zip', zip);
    expect(r.files.map((f) => f.path).sort()).toEqual(['.gitlab-ci.yml', 'runner/config.toml']);
    expect(r.files.find((f) => f.path === '.gitlab-ci.yml')?.content).toBe(ci);
    expect(r.skipped).toEqual([]);
  });

  it('refuses a file larger than the limit before inflating it, and a binary file', () => {
    const zip = zipSync({
      'big.yml': strToU8('a'.repeat(MAX_FILE_BYTES + 1)),
      'bin.json': new Uint8Array([0x7b, 0, 0x7d]),
      '.gitlab-ci.yml': strToU8(`\uFEFF${ci}`),
    });
    const r = unzipConfigs('s.zip', zip);
    expect(r.files).toEqual([{ path: '.gitlab-ci.yml', content: ci }]);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { path: 's.zip/big.yml', reason: 'too-large' },
        { path: 'bin.json', reason: 'binary' },
      ]),
    );
  });

  it('names a damaged zip', () => {
    expect(unzipConfigs('broken.zip', strToU8('not a zip'))).toEqual({
      files: [],
      skipped: [{ path: 'broken.zip', reason: 'bad-zip' }],
    });
  });
});

describe('readBrowserFiles', () => {
  it('reads text files and unpacks zips, in order', async () => {
    const zip = zipSync({ 'daemon.json': strToU8('{}\n') });
    const r = await readBrowserFiles([
      new File([ci], '.gitlab-ci.yml'),
      new File([zip as BlobPart], 'more.zip', { type: 'application/zip' }),
      new File([new Uint8Array([1, 0, 2])], 'image.png'),
    ]);
    expect(r.files).toEqual([
      { path: '.gitlab-ci.yml', content: ci },
      { path: 'daemon.json', content: '{}\n' },
    ]);
    expect(r.skipped).toEqual([{ path: 'image.png', reason: 'binary' }]);
  });
});

describe('mergeFiles', () => {
  it('replaces a file of the same path and appends new ones', () => {
    const a = { path: 'a.yml', content: '1' };
    const b = { path: 'b.toml', content: '2' };
    expect(
      mergeFiles(
        [a, b],
        [
          { path: 'a.yml', content: '3' },
          { path: 'c.json', content: '4' },
        ],
      ),
    ).toEqual([{ path: 'a.yml', content: '3' }, b, { path: 'c.json', content: '4' }]);
  });
});
