/**
 * Shared checks for every e2e test: no request may leave the page's origin, the console shows no error or
 * warning, and no uncaught exception happens. Helpers to read what a user gets: the clipboard, the zip, the CLI's
 * zip for the same permalink.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

export const test = base.extend<{ guard: undefined; allowedErrors: RegExp[] }>({
  /** Console errors a test provokes on purpose (e.g. React reporting the render error it recovers from). */
  allowedErrors: [[], { option: true }],
  guard: [
    async ({ page, baseURL, allowedErrors }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      const external: string[] = [];
      const errors: string[] = [];
      page.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('blob:') || url.startsWith('data:')) return;
        if (new URL(url).origin !== origin) external.push(url);
      });
      page.on('console', (m) => {
        const text = m.text();
        if (allowedErrors.some((re) => re.test(text))) return;
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${text}`);
      });
      page.on('pageerror', (e) => {
        if (!allowedErrors.some((re) => re.test(e.message))) errors.push(`pageerror: ${e.message}`);
      });
      await use(undefined);
      expect(external, 'requests that left the origin').toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Clicks a button that copies, and returns what reached the clipboard. */
export async function copyVia(page: Page, name: string | RegExp): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name }).first().click();
  await expect.poll(() => clipboard(page)).not.toBe('');
  return clipboard(page);
}

/** The permalink, as the Share button copies it. */
export async function share(page: Page): Promise<string> {
  return copyVia(page, /^(Share|共有)$/);
}

export async function downloadZip(page: Page): Promise<Buffer> {
  const button = page.getByRole('button', { name: /^(Download zip|zipをダウンロード)$/ }).first();
  await expect(button).toBeEnabled();
  const pending = page.waitForEvent('download');
  await button.click();
  const download = await pending;
  const path = join(mkdtempSync(join(tmpdir(), 'wizard-e2e-')), 'app.zip');
  await download.saveAs(path);
  return readFileSync(path);
}

export function cliZip(permalink: string, lang: string, baseUrl: string): Buffer {
  const out = join(mkdtempSync(join(tmpdir(), 'wizard-cli-')), 'cli.zip');
  execFileSync(
    'npx',
    ['tsx', 'src/cli/generate.ts', '--permalink', permalink, '--zip', out, '--lang', lang, '--base-url', baseUrl],
    {
      stdio: 'pipe',
    },
  );
  return readFileSync(out);
}

export function unzip(bytes: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

/** Downloads the zip and checks that it equals, byte for byte, the CLI's zip for the shared permalink. */
export async function expectZipMatchesCli(page: Page, baseURL: string | undefined): Promise<Record<string, string>> {
  const link = await share(page);
  const fromApp = await downloadZip(page);
  const lang = (await page.locator('html').getAttribute('lang')) ?? 'en';
  const fromCli = cliZip(link, lang, new URL('./', baseURL).href);
  const files = unzip(fromApp);
  expect(Object.keys(files)).toEqual(Object.keys(unzip(fromCli)));
  expect(files['permalink.txt']?.trim()).toBe(link);
  expect(Buffer.compare(fromApp, fromCli), 'app zip and CLI zip differ').toBe(0);
  return files;
}

/** Goes to a step by the step navigation. */
export async function step(page: Page, name: RegExp): Promise<void> {
  await page
    .getByRole('navigation', { name: /Steps|ステップ/ })
    .getByRole('link', { name })
    .click();
  await expect(page.locator('#step-title')).toContainText(name);
}
