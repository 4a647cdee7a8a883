/**
 * Takes the README's screenshots from the real production build: English and Japanese, light and dark; and the
 * diagram panel for two documented setups (Docker-in-Docker with TLS, socket binding); the notice of an older link
 * (newer tool versions and why).
 * Usage: npm run screenshots (writes docs/screenshots/*.png).
 */
import { readFileSync } from 'node:fs';
import { launch, servePreview } from './lib';

const server = await servePreview(Number(process.env.SHOT_PORT ?? 4190));
const browser = await launch();
try {
  for (const lang of ['en', 'ja']) {
    for (const scheme of ['light', 'dark'] as const) {
      const ctx = await browser.newContext({
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
        colorScheme: scheme,
        viewport: { width: 1400, height: 900 },
      });
      const page = await ctx.newPage();
      await page.goto(`${server.url}#/build`);
      await page.getByTestId('problems').and(page.locator('[data-source="editor"]')).waitFor();
      await page.waitForTimeout(300);
      const path = `docs/screenshots/wizard-${lang}-${scheme}.png`;
      await page.screenshot({ path });
      console.log(path);
      await ctx.close();
    }
  }
  // An older link's notice (versions table): the newer versions, why, and the update button.
  const oldLink = (JSON.parse(readFileSync('src/testing/fixtures/links-v2.json', 'utf8')) as Record<string, string>)
    .S02;
  for (const lang of ['en', 'ja']) {
    for (const scheme of ['light', 'dark'] as const) {
      const ctx = await browser.newContext({
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
        colorScheme: scheme,
        viewport: { width: 1400, height: 900 },
      });
      const page = await ctx.newPage();
      await page.goto(`${server.url}${oldLink ?? ''}`);
      await page.locator('.notice.info').waitFor();
      await page.waitForTimeout(300);
      const path = `docs/screenshots/versions-notice-${lang}-${scheme}.png`;
      await page.screenshot({ path, clip: { x: 0, y: 0, width: 1400, height: 260 } });
      console.log(path);
      await ctx.close();
    }
  }
  const diagrams: [string, string][] = [
    ['S02', 'diagram-dind-tls'],
    ['S08', 'diagram-socket-binding'],
  ];
  for (const [preset, name] of diagrams) {
    const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}#/`);
    await page.locator(`[data-preset="${preset}"]`).click();
    const panel = page.locator('.diagram-panel');
    await panel.locator('svg').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const path = `docs/screenshots/${name}.png`;
    await panel.screenshot({ path });
    console.log(path);
    await ctx.close();
  }
} finally {
  await browser.close();
  server.stop();
}
