/**
 * The live preview shows what an answer changed (issue 16, item 1): the first changed line of the visible file
 * scrolls into view and the changed lines are marked for a moment; tabs of other files that changed carry a mark
 * until shown; "Show file:line" brings the editor into view and puts the focus on that line.
 */
import type { Page } from '@playwright/test';
import { expect, step, test } from './fixtures';

async function openWizard(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('#step-title')).toBeVisible();
  await expect(page.getByTestId('problems')).toHaveAttribute('data-source', 'editor');
}

/** The 1-based line numbers the editor shows as changed. */
async function changedLines(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const out: number[] = [];
    const lines = [...document.querySelectorAll<HTMLElement>('.monaco-editor .margin-view-overlays > div')];
    const numbers = [...document.querySelectorAll<HTMLElement>('.monaco-editor .line-numbers')];
    lines.forEach((el) => {
      if (!el.querySelector('.line-changed-margin')) return;
      const top = el.style.top;
      const n = numbers.find((x) => x.parentElement?.style.top === top);
      if (n) out.push(Number(n.textContent));
    });
    return out;
  });
}

test('an answer change scrolls the first changed line into view and marks the changed lines', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 700 });
  await openWizard(page, './#/build');
  await page.getByRole('checkbox', { name: 'Tag latest on the default branch' }).check();
  // The new lines are far below the first screen of .gitlab-ci.yml; the editor shows them, marked.
  await expect(page.locator('.monaco-editor .line-changed').first()).toBeVisible();
  const lines = await changedLines(page);
  expect(lines.length).toBeGreaterThan(0);
  const text = await page.locator('.monaco-editor .view-lines').textContent();
  expect(text).toContain('latest');
  // The mark fades: gone after a few seconds.
  await expect(page.locator('.monaco-editor .line-changed')).toHaveCount(0, { timeout: 6000 });
});

test('a build-method switch rewrites and marks only the lines that differ', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openWizard(page, './#/build');
  const numbered = () =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-line')].map((el) => [
          el.style.top,
          el.textContent ?? '',
        ]),
      ),
    );
  const before = await numbered();
  await page.locator('main form input[type=radio][value=socket]').check();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(/Build\smethod:\ssocket/);
  await expect(page.locator('.monaco-editor .line-changed').first()).toBeVisible();
  const lines = await changedLines(page);
  // Line 2 names the method: it changed; line 1 is the same for every setup. Lines the two methods share, between
  // the changes, are not marked.
  expect(lines).toContain(2);
  expect(lines).not.toContain(1);
  const first = Math.min(...lines);
  const last = Math.max(...lines);
  expect(last - first + 1).toBeGreaterThan(lines.length);
  // Some rows still show what they showed before: unchanged lines were kept, not written again.
  const after = await numbered();
  expect(Object.entries(after).filter(([top, text]) => before[top] === text).length).toBeGreaterThan(0);
});

test('tabs of other files that changed are marked until shown', async ({ page }) => {
  await openWizard(page, './#/runner');
  const tab = page.getByRole('tab', { name: /^config\.toml/ });
  await expect(tab.locator('[data-changed]')).toHaveCount(0);
  // A runner answer rewrites config.toml while .gitlab-ci.yml is shown.
  await page.getByRole('tab', { name: /^\.gitlab-ci\.yml/ }).click();
  await page.getByRole('textbox', { name: 'GitLab URL' }).fill('https://gitlab.example.org/');
  await page.getByRole('textbox', { name: 'GitLab URL' }).blur();
  await expect(tab.locator('[data-changed="config.toml"]')).toHaveCount(1);
  await expect(tab).toHaveAccessibleName(/changed/);
  await tab.click();
  await expect(tab.locator('[data-changed]')).toHaveCount(0);
});

test('"Show file:line" brings the editor into view and focuses that line', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 600 });
  await openWizard(page, './#/tls');
  await step(page, /TLS/);
  const finding = page.locator('[data-finding="privileged-container"]');
  await finding.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('editor')).not.toBeInViewport();
  const show = finding.getByRole('button', { name: /^Show config\.toml:(\d+)$/ });
  const line = Number((await show.textContent())?.match(/:(\d+)$/)?.[1]);
  await show.click();
  await expect(page.getByTestId('editor')).toBeInViewport();
  await expect(page.getByRole('tab', { name: /^config\.toml/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null)).toBe(true);
  await expect(page.locator('.monaco-editor .current-line, .monaco-editor .cursor').first()).toBeVisible();
  expect(line).toBeGreaterThan(0);
});
