/**
 * The live diagram: drawn beside the preview from the current answers, its text description is the one in
 * SETUP.md (and the SVG's own <desc>), it follows every answer, and findings and elements highlight each other
 * (and the finding's line in the editor).
 */
import type { Page } from '@playwright/test';
import { downloadZip, expect, step, test, unzip } from './fixtures';

const diagram = (page: Page) => page.getByTestId('diagram');

async function descriptionItems(page: Page): Promise<string[]> {
  await page.getByText('The diagram as text').click();
  return page.getByTestId('diagram-description').locator('li').allTextContents();
}

/** The "- " lines of SETUP.md's diagram section. */
function setupDescription(setup: string): string[] {
  const section = setup.slice(setup.indexOf('## Diagram'));
  const list = section.slice(section.indexOf('\n- '));
  return list
    .split('\n')
    .slice(1)
    .filter((l, i, all) => l.startsWith('- ') && all.slice(0, i).every((x) => x.startsWith('- ')))
    .map((l) => l.slice(2));
}

test('Docker-in-Docker with TLS: daemon in a privileged service, TLS on 2376, description as in SETUP.md', async ({
  page,
}) => {
  await page.goto('./#/runner');
  const svg = diagram(page).locator('svg');
  await expect(svg).toBeVisible();
  await expect(svg.locator('[data-id="daemon"]')).toHaveAttribute('aria-label', /dockerd/);
  await expect(svg.locator('[data-id="edge-client-daemon"]')).toHaveAttribute('aria-label', /2376/);
  await expect(svg.locator('[data-id="boundary-privileged"][role]')).toHaveCount(1);
  const items = await descriptionItems(page);
  expect(items.length).toBeGreaterThan(5);
  const zip = unzip(await downloadZip(page));
  expect(setupDescription(zip['SETUP.md'] ?? '')).toEqual(items);
  expect(zip['diagram.svg']).toContain('<svg');
  expect((await svg.locator('desc').first().textContent())?.trim()).toBe(items.join(' '));

  // It follows the answers: TLS off puts plain TCP on 2375 between the job and the daemon.
  await step(page, /TLS/);
  await page.getByRole('radio', { name: 'No TLS (port 2375)' }).check();
  await expect(svg.locator('[data-id="edge-client-daemon"]')).toHaveAttribute('aria-label', /2375/);
});

test('socket binding: the host daemon, reached across the host boundary; rootless BuildKit: no daemon outside the job', async ({
  page,
}) => {
  await page.goto('./');
  await page.locator('[data-preset="S08"]').click();
  const svg = diagram(page).locator('svg');
  await expect(svg.locator('[data-id="socket"], [data-id="volume-socket"]').first()).toBeAttached();
  await expect(svg.locator('[data-id="edge-client-daemon"]')).toHaveAttribute('aria-label', /docker\.sock.*host root/);
  await expect(svg.locator('[data-id="boundary-host-root"][role]')).toHaveCount(1);
  await expect(svg.locator('[data-id="boundary-privileged"][role]')).toHaveCount(0);

  await step(page, /How the image is built/);
  await page.getByRole('radio', { name: 'Rootless BuildKit (no daemon, no privileged)' }).check();
  await expect(svg.locator('[data-id="boundary-host-root"][role]')).toHaveCount(0);
  await expect(svg.locator('[data-id="service-dind"]')).toHaveCount(0);
  await expect(svg.locator('[data-id="job"] [data-id="daemon"], [data-id="daemon"]').first()).toHaveAttribute(
    'aria-label',
    /BuildKit/i,
  );
});

test('a finding and its element highlight each other, and the line in the editor', async ({ page }) => {
  await page.goto('./#/runner');
  const svg = diagram(page).locator('svg');
  await expect(svg).toBeVisible();
  // A finding in the visible file (.gitlab-ci.yml), and the element it is anchored to.
  const finding = page.locator('[data-finding]').filter({ hasText: 'Show .gitlab-ci.yml:' }).first();
  const id = (await finding.getAttribute('data-finding')) ?? '';
  expect(id).not.toBe('');
  const element = svg.locator(`[data-findings~="${id}"]`).first();
  await expect(element).toBeAttached();

  // Finding -> element.
  await finding.hover();
  await expect(element).toHaveClass(/dg-hl/);
  await page.mouse.move(0, 0);
  await expect(element).not.toHaveClass(/dg-hl/);

  // One tab stop for the drawing; the arrow keys move between its parts.
  const stops = await svg.locator('[data-id][tabindex="0"]').count();
  expect(stops).toBe(1);
  await svg.locator('[data-id][tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  const moved = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  expect(moved).toBeTruthy();
  await expect(svg.locator(`[data-id="${moved}"][tabindex="0"]`)).toHaveCount(1);

  // Element (keyboard focus) -> finding and its line.
  await element.focus();
  await expect(finding).toHaveClass(/\bhl\b/);
  await expect(page.locator('.monaco-editor .line-lit')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const line = Number(/:(\d+)/.exec((await finding.textContent()) ?? '')?.[1]);
  await expect(page.locator('.monaco-editor .line-numbers.active-line-number')).toHaveText(String(line));
});

test('in Japanese and the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./#/runner');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  const svg = diagram(page).locator('svg');
  await expect(svg.locator('title').first()).toContainText('この構成の図');
  await expect(page.getByRole('heading', { name: 'この構成の図' })).toBeVisible();
});

/** The px size at which the drawing shows its smallest text (11 user units), and the page's body text size. */
async function textSizes(page: Page): Promise<{ smallest: number; body: number; cut: string[] }> {
  return diagram(page).evaluate((el) => {
    const svg = el.querySelector('svg');
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 0;
    return {
      smallest: 11 * scale,
      body: parseFloat(getComputedStyle(document.body).fontSize),
      cut: [...el.querySelectorAll('text')].map((t) => t.textContent ?? '').filter((t) => t.endsWith('…')),
    };
  });
}

test('the drawing is readable: text never below the body size, never cut, zoom and pan', async ({ page }) => {
  await page.goto('./');
  await page.locator('[data-preset="S24"]').click();
  await expect(diagram(page).locator('svg')).toBeVisible();
  const at = await textSizes(page);
  expect(at.smallest).toBeGreaterThanOrEqual(at.body - 0.01);
  expect(at.cut).toEqual([]);
  // Rootless BuildKit's long boundary tags are whole, on more lines.
  await expect(diagram(page)).toContainText('no process sandbox');

  await expect(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled();
  const width = async () =>
    diagram(page)
      .locator('svg')
      .evaluate((s) => s.getBoundingClientRect().width);
  const before = await width();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(width).toBeGreaterThan(before * 1.2);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(width).toBeCloseTo(before, 0);

  // Pan: the drawing is wider than the panel, and a drag scrolls it.
  const box = await diagram(page).boundingBox();
  if (!box) throw new Error('no diagram box');
  const scroll = () => diagram(page).evaluate((el) => el.scrollLeft);
  expect(await scroll()).toBe(0);
  await page.mouse.move(box.x + box.width - 40, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(scroll).toBeGreaterThan(100);
});

test('on a phone the text description comes first and open', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./#/runner');
  const panel = page.locator('.diagram-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('details.diagram-text')).toHaveAttribute('open', '');
  const order = await panel.evaluate((el) => {
    const text = el.querySelector('.diagram-text')?.getBoundingClientRect().top ?? 0;
    const drawing = el.querySelector('.diagram')?.getBoundingClientRect().top ?? 0;
    return text < drawing;
  });
  expect(order).toBe(true);
  const at = await textSizes(page);
  expect(at.smallest).toBeGreaterThanOrEqual(at.body - 0.01);
});
