/**
 * Takes the README's screenshots from the real production build: English and Japanese, light and dark; the
 * troubleshooter reading a log of another setup (the same four); the diagram panel for two documented setups
 * (Docker-in-Docker with TLS, socket binding); the notice of an older link (newer tool versions and why).
 * Usage: npm run screenshots (writes docs/screenshots/*.png); SHOTS=troubleshoot takes only the troubleshooter's.
 */
import { readFileSync } from 'node:fs';
import { FAILURE_SAMPLES } from '../src/testing/failure-logs';
import { jobLog } from '../src/testing/job-logs';
import { launch, servePreview } from './lib';

const only = process.env.SHOTS;
/** A Docker-in-Docker job whose dind image was copied into a company registry without its alias. */
const companyDindLog = (() => {
  const sample = FAILURE_SAMPLES['dind-hostname-unresolved'][0];
  if (!sample) throw new Error('no sample');
  return jobLog({ ...sample.job, timestamps: true, ansi: true, seed: 4 });
})();

const server = await servePreview(Number(process.env.SHOT_PORT ?? 4190));
const browser = await launch();
try {
  // The troubleshooter with Buildah answers (S19) reading a Docker-in-Docker log: the other setup is noted, and the
  // alias GitLab gave the company registry's dind image is named.
  for (const lang of ['en', 'ja']) {
    for (const scheme of ['light', 'dark'] as const) {
      const ctx = await browser.newContext({
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
        colorScheme: scheme,
        viewport: { width: 1400, height: 900 },
      });
      const page = await ctx.newPage();
      await page.goto(`${server.url}#/`);
      await page.locator('[data-preset="S19"]').click();
      await page.goto(`${server.url}#/troubleshoot`);
      await page.locator('.log-input').fill(companyDindLog);
      await page.locator('[data-failure="dind-hostname-unresolved"]').waitFor();
      // The note on the other setup at the top, the card's line on the alias below it.
      await page.locator('.setup-mismatch').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      const path = `docs/screenshots/troubleshoot-${lang}-${scheme}.png`;
      await page.screenshot({ path });
      console.log(path);
      await ctx.close();
    }
  }
  for (const lang of only ? [] : ['en', 'ja']) {
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
  for (const [preset, name] of only ? [] : diagrams) {
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
