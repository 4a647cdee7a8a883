import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

/** Requests that left the page's origin during the current test. */
let external: string[] = [];

test.beforeEach(async ({ page }) => {
  external = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol))
      external.push(req.url());
  });
  page.on('pageerror', (err) => {
    throw err;
  });
});

test.afterEach(() => {
  expect(external).toEqual([]);
});

test('shows the default setup with its findings', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('tabpanel')).toContainText('docker:29.7.2-dind');
  await expect(page.locator('.findings li[data-severity="high"]').first()).toBeVisible();
});

test('a preset downloads the same zip, byte for byte, as the CLI for its permalink', async ({ page, baseURL }) => {
  await page.goto('./');
  await page.getByLabel(/Start from a documented setup|ドキュメントの構成から始める/).selectOption('S06');
  await expect(page.getByRole('tab', { name: 'values.yaml' })).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /Download zip|zipをダウンロード/ }).click();
  const download = await downloadPromise;
  const dir = mkdtempSync(join(tmpdir(), 'e2e-'));
  const fromApp = join(dir, 'app.zip');
  await download.saveAs(fromApp);
  const url = page.url();
  const lang = await page.locator('main').getAttribute('lang');
  const fromCli = join(dir, 'cli.zip');
  execFileSync('npx', [
    'tsx',
    'src/cli/generate.ts',
    '--permalink',
    url,
    '--zip',
    fromCli,
    '--lang',
    lang ?? 'en',
    '--base-url',
    new URL('./', baseURL).href,
  ]);
  const appFiles = unzipSync(readFileSync(fromApp));
  expect(Object.keys(appFiles)).toContain('values.yaml');
  expect(strFromU8(appFiles['values.yaml'] ?? new Uint8Array())).toContain('docker-certs');
  expect(Buffer.compare(readFileSync(fromApp), readFileSync(fromCli))).toBe(0);
});

test('a broken permalink shows a clear message and the defaults', async ({ page }) => {
  await page.goto('./#c=1.zNOT-A-VALID-LINK');
  await expect(page.getByRole('alert')).toContainText('Broken permalink');
  await expect(page.getByRole('tabpanel')).toContainText('docker:29.7.2-dind');
});
