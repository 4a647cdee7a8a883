/**
 * The start page as a newcomer meets it (issue 16, items 2 and 5): no assumed answer to "privileged?", the
 * recommendation's remaining risk up front, a fix that would overturn a start-page answer asks first and keeps the
 * focus, and compact setup chips grouped by executor with a search that knows keywords in both languages.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function startFresh(page: Page) {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const privilegedGroup = (page: Page, name = 'Can your jobs run privileged containers?') =>
  page.getByRole('group', { name });

test('no default for privileged containers; the recommendation names its remaining risk', async ({ page }) => {
  await startFresh(page);
  const group = privilegedGroup(page);
  await expect(group.getByRole('radio', { name: 'Yes' })).not.toBeChecked();
  await expect(group.getByRole('radio', { name: 'No' })).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Use this setup' })).toBeDisabled();
  await expect(page.getByText('Answer both questions to see the recommended setup.')).toBeVisible();

  await group.getByRole('radio', { name: 'Yes' }).check();
  const risk = page.locator('.remaining-risk');
  await expect(risk).toContainText('Remaining risk');
  // Docker-in-Docker on the user's own runner: the privileged runner is its risk, read from its own findings.
  await expect(risk).toHaveAttribute('data-risks', /privileged-container/);

  await group.getByRole('radio', { name: 'No' }).check();
  await expect(page.getByText('Rootless BuildKit: no daemon, no privileged container')).toBeVisible();
  await expect(risk).not.toHaveAttribute('data-risks', /privileged-container/);
  await expect(risk).toHaveAttribute('data-risks', /unconfined-security/);
  await expect(page.getByRole('button', { name: 'Use this setup' })).toBeEnabled();
});

test('a fix that overturns the start-page answer asks first; focus never drops to the page body', async ({ page }) => {
  await startFresh(page);
  await privilegedGroup(page).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Use this setup' }).click();
  await expect(page.locator('#step-title')).toBeVisible();

  const finding = page.locator('[data-finding="unconfined-security"]');
  const fix = finding.getByRole('button', { name: /^Fix: Run builds on GitLab-hosted runners/ });
  await fix.click();
  const confirm = finding.getByRole('group', { name: 'Confirm the fix' });
  await expect(confirm).toContainText('Can your jobs run privileged containers?');
  // Nothing changed yet: the runner is still the user's own.
  await expect(page.getByRole('tab', { name: /^config\.toml/ })).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Keep my answer' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Keep my answer' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /^config\.toml/ })).toBeVisible();

  await fix.click();
  await confirm.getByRole('button', { name: 'Apply anyway' }).click();
  await expect(page.getByRole('tab', { name: /^config\.toml/ })).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null))
    .toBe(true);
});

test('a fix that respects the limits applies in one click and keeps the focus on the page', async ({ page }) => {
  await startFresh(page);
  await privilegedGroup(page).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Use this setup' }).click();
  const finding = page.locator('[data-finding="no-layer-cache"]');
  await finding.getByRole('button', { name: /^Fix:/ }).click();
  await expect(finding).toHaveCount(0);
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body ? (el.closest('.question')?.getAttribute('data-key') ?? el.id) : 'body';
  });
  expect(['cache', 'findings-title']).toContain(focused);
});

test('setups are grouped by executor, and the search knows keywords in both languages', async ({ page }) => {
  await startFresh(page);
  await expect(page.getByRole('heading', { name: 'Kubernetes executor (Helm chart)' })).toBeVisible();
  // No source codes of the documents on the chips.
  await expect(page.locator('section[aria-labelledby="presets-title"]')).not.toContainText('§');
  const search = page.getByRole('searchbox');
  const chips = page.locator('[data-preset]');

  await search.fill('helm');
  await expect(chips).not.toHaveCount(0);
  await expect(page.locator('.preset-group h4')).toHaveText(['Kubernetes executor (Helm chart)']);

  await search.fill('arm64');
  await expect(chips).toHaveCount(2);
  await expect(page.locator('[data-preset="S27"]')).toBeVisible();
  await expect(page.locator('[data-preset="S34"]')).toBeVisible();

  await search.fill('privileged');
  await expect(chips).not.toHaveCount(0);
  await expect(page.locator('[data-preset="S24"]')).toHaveCount(0);
  await expect(page.locator('[data-preset="S02"]')).toBeVisible();

  await search.fill('nothing-like-this');
  await expect(page.getByText('No documented setup matches.')).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(privilegedGroup(page, 'ジョブで特権コンテナを実行できますか？')).toBeVisible();
  await search.fill('特権');
  await expect(page.locator('[data-preset="S02"]')).toBeVisible();
  await expect(page.locator('[data-preset="S24"]')).toHaveCount(0);
  await search.fill('ｈｅｌｍ');
  await expect(page.locator('.preset-group h4')).toHaveText(['Kubernetes executor（Helmチャート）']);
  await search.fill('ルートレス');
  await expect(page.locator('[data-preset="S24"]')).toBeVisible();
});
