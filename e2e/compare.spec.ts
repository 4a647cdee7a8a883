/**
 * The compare page end to end: two permalinks in the URL (`#/compare?a=…&b=…`), an answers file's JSON pasted as
 * the other side, the answers that differ and each file's diff; a broken link is named with its reason, never a
 * blank page; the hand-over's link opens it with the current setup; Japanese; no serious axe violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { defaultAnswers } from '../src/core/answers';
import { encodeAnswers } from '../src/core/permalink';
import { normalize } from '../src/core/rules';
import { expect, test } from './fixtures';

// Docker-in-Docker with TLS (the defaults) and Buildah: the answers files of the presets S02 and S19.
const dindTls = encodeAnswers(normalize({ ...defaultAnswers(), runnerTags: ['tls-docker-runner'] }));
const buildah = encodeAnswers(normalize({ ...defaultAnswers(), method: 'buildah' }));

test('two links: the answers that differ and each file’s diff', async ({ page }) => {
  await page.goto(`./#/compare?a=${dindTls}&b=${buildah}`);
  await expect(page.locator('#step-title')).toHaveText('Compare two setups');
  const method = page.locator('.changed-answers tr[data-answer="method"]');
  await expect(method).toContainText('Build method');
  await expect(method.locator('td').nth(0)).toContainText('Docker-in-Docker');
  await expect(method.locator('td').nth(1)).toContainText('Buildah');
  const ci = page.locator('.compare-page .file-diff[data-file=".gitlab-ci.yml"]');
  await expect(ci.locator('.diff-line.del').first()).toBeVisible();
  await expect(ci.locator('.diff-line.add').filter({ hasText: 'buildah' }).first()).toBeVisible();
  // The links stay in the URL (the wizard's own configuration is written beside them, not over them).
  await page.waitForTimeout(300);
  expect(page.url()).toContain(`a=${dindTls}`);
  expect(page.url()).toContain(`b=${buildah}`);
});

test('a broken link is named with its reason; the other side still reads', async ({ page }) => {
  await page.goto(`./#/compare?a=${dindTls}&b=2.zNOT-A-VALID-LINK`);
  const alert = page.getByRole('alert').filter({ hasText: 'Setup B' });
  await expect(alert).toContainText('Setup B: Broken permalink');
  await expect(page.getByRole('alert').filter({ hasText: 'Setup A' })).toHaveCount(0);
  await expect(page.getByLabel('Setup A: a permalink or answers JSON')).toHaveValue(dindTls);
  // Pasting a valid answers file's JSON replaces the broken side.
  await page.getByLabel('Setup B: a permalink or answers JSON').fill('{ "method": "buildah" }');
  await expect(alert).toHaveCount(0);
  await expect(page.locator('.changed-answers tr[data-answer="method"]')).toBeVisible();
  await expect.poll(() => page.url()).toContain(`b=${buildah}`);
  // Refused text never reaches the URL.
  await page.getByLabel('Setup B: a permalink or answers JSON').fill('{ "method": "glpat-abcdefghijklmnopqrst" }');
  await expect(page.getByRole('alert').filter({ hasText: 'Setup B' })).toBeVisible();
  await page.waitForTimeout(300);
  expect(page.url()).not.toContain('glpat');
  expect(page.url()).not.toContain('b=');
});

test('from the hand-over: the current setup against another one, in Japanese', async ({ page }) => {
  await page.goto(`./#/files?c=${buildah}`);
  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('link', { name: '別のリンクと比較' }).click();
  await expect(page.locator('#step-title')).toHaveText('2つの構成を比較');
  await expect(page.getByLabel('構成A: パーマリンクまたは回答のJSON')).toHaveValue(buildah);
  await page.getByLabel('構成B: パーマリンクまたは回答のJSON').fill(`http://example.invalid/#c=${dindTls}`);
  const method = page.locator('.changed-answers tr[data-answer="method"]');
  await expect(method).toContainText('ビルド方法');
  await expect(page.locator('.compare-page .file-diff[data-file=".gitlab-ci.yml"]')).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`accessibility: no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`./#/compare?a=${dindTls}&b=2.zNOT-A-VALID-LINK`);
    await expect(page.getByRole('alert').filter({ hasText: 'Setup B' })).toBeVisible();
    await page.goto(`./#/compare?a=${dindTls}&b=${buildah}`);
    await expect(page.locator('.changed-answers')).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  });
}
