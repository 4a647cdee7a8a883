/**
 * Controls that tell the truth (issue 16, item 6): Share and Copy say they copied, or say they could not and show
 * the text to copy by hand; the page title and the zip's name follow the setup; a refused value's message names its
 * problem; an option that the other answers force is never called "not available".
 */
import type { Download, Page } from '@playwright/test';
import { cliZip, clipboard, expect, share, step, test } from './fixtures';

async function startFresh(page: Page) {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function toJapanese(page: Page) {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
}

/** The polite status line every copy is announced through. */
const announcer = (page: Page) => page.locator('.visually-hidden[role="status"][aria-live="polite"]');

async function downloadFrom(page: Page): Promise<Download> {
  const button = page.getByRole('button', { name: /^(Download zip|zipをダウンロード)$/ }).first();
  await expect(button).toBeEnabled();
  const pending = page.waitForEvent('download');
  await button.click();
  return pending;
}

test.describe('copy confirmed', () => {
  test('Share and Copy say, visibly and to screen readers, that they copied (English and Japanese)', async ({
    page,
  }) => {
    await startFresh(page);
    const link = await share(page);
    expect(link).toContain('#c=');
    await expect(page.locator('.copy-status').first()).toHaveText('Link copied');
    await expect(announcer(page)).toContainText('Link copied to the clipboard.');
    await page.getByRole('button', { name: 'Copy .gitlab-ci.yml' }).click();
    await expect(page.getByRole('button', { name: 'Copy .gitlab-ci.yml' })).toHaveText('Copied');
    await expect(announcer(page)).toContainText('.gitlab-ci.yml copied to the clipboard.');

    await toJapanese(page);
    await page.getByRole('button', { name: '共有' }).first().click();
    await expect(page.locator('.copy-status').first()).toHaveText('リンクをコピーしました');
    await expect(announcer(page)).toContainText('リンクをクリップボードにコピーしました。');
    await expect.poll(() => clipboard(page)).toBe(link);
  });
});

test.describe('copy refused', () => {
  // No clipboard permission, and a browser that refuses the legacy copy command too: nothing can be copied.
  test.use({ permissions: [] });

  test('a refused Share or Copy says so and shows the text selected, to copy by hand', async ({ page }) => {
    await page.addInitScript(() => {
      document.execCommand = () => false;
    });
    await startFresh(page);
    await page.getByRole('button', { name: 'Share' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Could not copy to the clipboard' });
    await expect(dialog).toBeVisible();
    await expect(announcer(page)).toContainText('Could not copy to the clipboard');
    const field = dialog.getByRole('textbox');
    const link = await field.inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#c=/);
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('readonly', '');
    expect(await field.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([
      0,
      link.length,
    ]);
    await expect(page.locator('.copy-status')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Share' }).first()).toBeFocused();

    // A file's Copy button: the whole file, selected.
    const copy = page.getByRole('button', { name: 'Copy .gitlab-ci.yml' });
    await copy.click();
    await expect(copy).toHaveText('Copy');
    await expect(dialog).toBeVisible();
    const yaml = await dialog.getByRole('textbox').inputValue();
    expect(yaml).toContain('docker:29.6.2-dind');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    await toJapanese(page);
    await page.getByRole('button', { name: '共有' }).first().click();
    const ja = page.getByRole('dialog', { name: 'クリップボードにコピーできませんでした' });
    await expect(ja).toBeVisible();
    await expect(ja).toContainText('Ctrl+C');
    await expect(ja.getByRole('textbox')).toHaveValue(link);
    await ja.getByRole('button', { name: '閉じる' }).click();
    await expect(ja).toBeHidden();
  });
});

test('the page title and the zip name follow the setup; the zip still equals the CLI zip', async ({
  page,
  baseURL,
}) => {
  await startFresh(page);
  await expect(page).toHaveTitle('Docker-in-Docker with TLS · GitLab CI Docker build wizard');
  let download = await downloadFrom(page);
  expect(download.suggestedFilename()).toBe('gitlab-ci-build-dind-tls.zip');

  await step(page, /How the image is built/);
  // The title follows once the method switch's frame is painted: setting it in that frame delayed the preview.
  await page.getByRole('radio', { name: /^Rootless BuildKit/ }).evaluate(async (radio: HTMLInputElement) => {
    radio.click();
    const inFrame = await new Promise<string>((resolve) => requestAnimationFrame(() => resolve(document.title)));
    if (inFrame !== 'Docker-in-Docker with TLS · GitLab CI Docker build wizard')
      throw new Error(`title set in the change's frame: ${inFrame}`);
  });
  await expect(page.getByRole('radio', { name: /^Rootless BuildKit/ })).toBeChecked();
  await expect(page).toHaveTitle('Rootless BuildKit · GitLab CI Docker build wizard');
  download = await downloadFrom(page);
  expect(download.suggestedFilename()).toBe('gitlab-ci-build-buildkit-rootless.zip');

  await toJapanese(page);
  await expect(page).toHaveTitle('ルートレスBuildKit · GitLab CI Dockerビルドウィザード');
  const link = await share(page);
  download = await downloadFrom(page);
  expect(download.suggestedFilename()).toBe('gitlab-ci-build-buildkit-rootless.zip');
  const { readFileSync } = await import('node:fs');
  const fromApp = readFileSync(await download.path());
  const fromCli = cliZip(link, 'ja', new URL('./', baseURL).href);
  expect(Buffer.compare(fromApp, fromCli), 'app zip and CLI zip differ').toBe(0);
});

test("a refused value's message names the problem (English and Japanese)", async ({ page }) => {
  await startFresh(page);
  await step(page, /Where the jobs run/);
  const description = page.getByRole('textbox', { name: 'Runner description' });
  await description.fill('x'.repeat(5000));
  await expect(description).toHaveAttribute('aria-invalid', 'true');
  await expect(description).toHaveAccessibleDescription(/Too long: 5,000 characters, at most 1,000\./);
  await expect(page.locator('.field-error')).toHaveText('Too long: 5,000 characters, at most 1,000. One line of text.');
  await description.fill('build\u2028runner');
  await expect(page.locator('.field-error')).toHaveText('Holds a line break: One line of text.');
  const tags = page.getByRole('textbox', { name: /^Runner tags/ });
  await tags.fill('docker, $TAG');
  await expect(page.locator('.field-error').last()).toContainText('“$” cannot be used here.');

  await toJapanese(page);
  const ja = page.getByRole('textbox', { name: 'Runnerの説明' });
  await ja.fill('x'.repeat(5000));
  await expect(page.locator('.field-error').first()).toHaveText(
    '長すぎます: 5,000文字です（最大1,000文字）。1行のテキスト。',
  );
});

test('an option the other answers force reads as required, never "not available"', async ({ page }) => {
  await startFresh(page);
  await step(page, /Registry authentication/);
  const gitlab = page.getByRole('checkbox', { name: /^GitLab Container Registry/ });
  // Pushing to $CI_REGISTRY_IMAGE needs the GitLab registry login: checked, and it cannot be unchecked.
  await expect(gitlab).toBeChecked();
  await expect(gitlab).toBeDisabled();
  await expect(gitlab).toHaveAccessibleDescription(/^Required: The image is pushed to the GitLab registry/);
  await expect(gitlab).not.toHaveAccessibleDescription(/Not available/);
  const own = page.locator('.toggle', { has: gitlab });
  await expect(own).not.toContainText('Not available');
  await expect(own).toContainText('Required: The image is pushed to the GitLab registry: log in to it.');
  // Every checked control on every step: none says it is not available.
  for (const name of [/Where the jobs run/, /How the image is built/, /TLS/, /Network/, /Cache/]) {
    await step(page, name);
    for (const box of await page.locator('input:checked').all()) {
      await expect(box).not.toHaveAccessibleDescription(/Not available/);
    }
  }
  await toJapanese(page);
  await step(page, /レジストリ認証/);
  await expect(page.getByRole('checkbox', { name: /^GitLabコンテナレジストリ/ })).toHaveAccessibleDescription(
    /^必須: イメージはGitLabレジストリへプッシュされるため/,
  );
});

test("a finding's badge stands under the question that causes it, not under every answer its fix changes", async ({
  page,
}) => {
  // Rootless BuildKit (S19): its AppArmor/seccomp finding comes from the build method; its fix would change where
  // the jobs run, which is not a reason to show it there.
  await page.goto('./#/');
  await page.locator('[data-preset="S19"]').click();
  await step(page, /Where the jobs run/);
  await expect(page.locator('.question .chip').filter({ hasText: 'AppArmor/seccomp unconfined' })).toHaveCount(0);
  await step(page, /How the image is built/);
  await expect(
    page.locator('.question[data-key="method"] .chip').filter({ hasText: 'AppArmor/seccomp unconfined' }),
  ).toBeVisible();
});
