/**
 * Versions as knowledge (issue 13, item 2): a link made before the default Docker version moved keeps giving the
 * files it was made with, says which newer versions exist and why (the known defect and its issue), and updates to
 * the current versions on request.
 */
import { downloadZip, expect, test, unzip } from './fixtures';
import { readFileSync } from 'node:fs';

/** S02's link (Docker-in-Docker with TLS) as version 2 of the app wrote it (Docker 29.7.2 was the default then). */
const OLD_LINK = (JSON.parse(readFileSync('src/testing/fixtures/links-v2.json', 'utf8')) as Record<string, string>).S02;

test('an older link keeps its versions, names the newer ones and why, and updates on request', async ({ page }) => {
  await page.goto(`./${OLD_LINK}`);
  const notice = page.locator('.notice.info');
  await expect(notice).toContainText('This link was made when this app pinned other tool versions');
  await expect(notice).toContainText('Docker 29.7.2 → 29.6.2');
  await expect(notice).toContainText('https://github.com/moby/moby/issues/53293');
  // The files it was made with: Docker 29.7.2.
  const before = unzip(await downloadZip(page));
  expect(before['.gitlab-ci.yml']).toContain('docker:29.7.2-dind');

  await notice.getByRole('button', { name: 'Update to the current versions' }).click();
  await expect(page.locator('.notice.info')).toHaveCount(0);
  const after = unzip(await downloadZip(page));
  expect(after['.gitlab-ci.yml']).toContain('docker:29.6.2-dind');
  expect(after['.gitlab-ci.yml']).not.toContain('29.7.2');
});

test('in Japanese, the notice names the defect too', async ({ page }) => {
  await page.goto(`./${OLD_LINK}`);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  const notice = page.locator('.notice.info');
  await expect(notice).toContainText(
    'このリンクは、このアプリが別のツールバージョンを固定していた時期に作成されました',
  );
  await expect(notice).toContainText('Docker 29.7.2 → 29.6.2');
  await expect(notice.getByRole('button', { name: '現在のバージョンに更新する' })).toBeVisible();
});

test('a current link opens without the notice', async ({ page }) => {
  await page.goto('./#/');
  await page.locator('[data-preset="S02"]').click();
  await expect(page).toHaveURL(/c=4\./);
  // The app's own link of the same preset, opened anew: current versions table, no notice.
  await page.goto(page.url());
  await page.reload();
  await expect(page.locator('.notice')).toHaveCount(0);
  await expect(page.getByText('pinned other tool versions')).toHaveCount(0);
});
