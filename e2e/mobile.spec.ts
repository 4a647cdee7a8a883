/**
 * A 390 px phone (issue 16, item 8): the header, the step bar and the notice leave most of the screen to the
 * questions; the steps open from one button; the editor wraps at spaces, never inside an image reference or a path.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

test('header, steps and notice take little of a phone screen; the steps open from one button', async ({ page }) => {
  await page.goto('./');
  await page.locator('[data-preset="S19"]').click();
  await expect(page.locator('#step-title')).toBeVisible();
  const top = await page.locator('#step-title').evaluate((el) => el.getBoundingClientRect().top);
  expect(top).toBeLessThan(844 * 0.3);

  const toggle = page.getByRole('button', { name: /^Steps: 1\/7 Where the jobs run/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const tls = page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: /TLS/ });
  await expect(tls).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await tls.click();
  await expect(page.locator('#step-title')).toContainText('TLS');
  await expect(tls).toBeHidden();
  await expect(page.getByRole('button', { name: /^Steps: 3\/7 TLS/ })).toBeVisible();
});

test('the editor wraps long lines at spaces, never inside a token', async ({ page }) => {
  await page.goto('./#/build');
  await expect(page.getByTestId('problems')).toHaveAttribute('data-source', 'editor');
  await page.getByTestId('editor').scrollIntoViewIfNeeded();
  const breaks = await page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-line')]
      .map((el) => ({ top: parseFloat(el.style.top), text: el.textContent ?? '' }))
      .sort((a, b) => a.top - b.top);
    const numbered = new Set(
      [...document.querySelectorAll<HTMLElement>('.monaco-editor .line-numbers')].map((el) =>
        parseFloat(el.parentElement?.style.top ?? 'NaN'),
      ),
    );
    // A row without a line number continues the row above it: that row must end where a word ended.
    return rows.flatMap((r, i) => {
      const prev = rows[i - 1];
      return i > 0 && prev && !numbered.has(r.top) ? [prev.text.slice(-12) + '⏎' + r.text.slice(0, 12)] : [];
    });
  });
  expect(breaks.length).toBeGreaterThan(0);
  for (const b of breaks) expect(b, `wrapped inside a token: ${b}`).toMatch(/[\s\u00a0]⏎/);
});

test("out of view, the preview is brought up to date when it is scrolled to, not in the answer's frame", async ({
  page,
}) => {
  await page.goto('./#/build');
  await expect(page.getByTestId('problems')).toHaveAttribute('data-source', 'editor');
  // On a phone the preview is below the questions: at the top of the page it is out of view.
  await expect(page.getByTestId('editor')).not.toBeInViewport();
  const frame = await page.evaluate(async () => {
    const text = () => document.querySelector('.monaco-editor .view-lines')?.textContent ?? '';
    const before = text();
    const socket = document.querySelector<HTMLInputElement>('main form input[type=radio][value=socket]');
    socket?.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return { before, after: text(), checked: socket?.checked };
  });
  // The answer's frame draws only what is in view; the editor is brought up to date when it comes into view.
  expect(frame.after).toBe(frame.before);
  // The question the user answered shows the new answer in that frame (the others follow with the preview).
  expect(frame.checked).toBe(true);
  expect(frame.before).toMatch(/Build\smethod:\sdind/);
  await page.getByTestId('editor').scrollIntoViewIfNeeded();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(/Build\smethod:\ssocket/);
});

test('"Show file:line" after an answer, with the preview out of view, shows that line of the current text', async ({
  page,
}) => {
  await page.goto('./#/build');
  await expect(page.getByTestId('problems')).toHaveAttribute('data-source', 'editor');
  await page.locator('main form input[type=radio][value=socket]').check();
  const finding = page.locator('[data-finding="shared-host-daemon"]');
  await finding.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  const show = finding.getByRole('button', { name: /^Show \.gitlab-ci\.yml:(\d+)$/ });
  await show.click();
  await expect(page.getByTestId('editor')).toBeInViewport();
  // The cursor's line is the socket job's build command, not whatever the old text had there.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const cursor = document.querySelector<HTMLElement>('.monaco-editor .cursor');
        const line = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-line')].find(
          (l) => l.style.top === cursor?.style.top,
        );
        return line?.textContent ?? '';
      }),
    )
    .toMatch(/docker\sbuild\s--tag/);
});
