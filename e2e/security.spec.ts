/**
 * Hostile input in the browser, against the production build and its Content-Security-Policy: links from
 * strangers, credentials typed into fields, damaged saved state, a render error, a network cut after load. Each
 * test adds one row to SECURITY.md's `table:browser`; the last step compares the table with SECURITY.md (set
 * UPDATE_SECURITY=1 to rewrite it). Like every e2e test, each fails on a console error (a CSP violation is one)
 * and on any request that leaves the origin.
 */
import type { Page } from '@playwright/test';
import { strToU8, zlibSync } from 'fflate';
import { defaultAnswers, type Answers } from '../src/core/answers';
import { encodeAnswers } from '../src/core/permalink';
import { restoreAnswers } from '../src/core/restore';
import { normalize } from '../src/core/rules';
import { MORE_SECRET_SAMPLES, SECRET_SAMPLES } from '../src/testing/secret-samples';
import { securityTable, type SecurityRow } from '../src/testing/security-table';
import { copyVia, downloadZip, expect, share, step, test, unzip } from './fixtures';

test.describe.configure({ mode: 'serial' });

const rows: SecurityRow[] = [];
const STORAGE_KEY = 'gitlab-docker-build-wizard';
const zlib2 = (json: string) => `2.z${Buffer.from(zlibSync(strToU8(json), { level: 9 })).toString('base64url')}`;
const link = (a: Partial<Answers>) => `./#/runner?c=${encodeAnswers(normalize({ ...defaultAnswers(), ...a }))}`;

/** The page drew the wizard (not a blank page), with the defaults: Docker-in-Docker on the build step. */
async function expectDefaults(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await step(page, /How the image is built/);
  await expect(page.getByRole('radio', { name: 'Docker-in-Docker (docker:dind service)' })).toBeChecked();
}

/** The answers a link or saved configuration holds, as JSON ('' when it holds none). */
function answersIn(link: string): string {
  const decoded = restoreAnswers({ kind: 'link', raw: link });
  return decoded.ok ? JSON.stringify(decoded.answers) : '';
}

/** Replaces everything the app saved in this browser with one raw value under its key. */
async function saveRaw(page: Page, value: string) {
  await page.evaluate(
    ([k, v]) => {
      window.localStorage.clear();
      window.localStorage.setItem(k, v);
    },
    [STORAGE_KEY, value] as const,
  );
}

async function noScriptRan(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(
    await page.evaluate(() => ['polluted', 'm', 'pv'].filter((k) => k in {}).concat(Object.keys(Object.prototype))),
  ).toEqual([]);
}

test('script and HTML payloads in a link are shown as text and run nothing', async ({ page }) => {
  const payloads = [
    '<img src=x onerror="window.pwned=1">',
    '<script>window.pwned=1</script>',
    '"><svg onload="window.pwned=1">',
    "javascript:window.pwned=1//'",
    '</textarea><iframe srcdoc="<script>parent.pwned=1</script>">',
  ];
  for (const payload of payloads) {
    await page.goto(link({ runnerDescription: payload, runTests: true, testCommand: `echo ${payload}` }));
    await expect(page.getByLabel('Runner description')).toHaveValue(payload);
    await page.getByRole('tab', { name: /^config\.toml/ }).click();
    await expect(page.getByRole('tabpanel')).toContainText('pwned=1');
    await expect(page.getByTestId('diagram').locator(`[data-id="runner"]`)).toHaveAttribute(
      'aria-label',
      new RegExp(payload.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    await noScriptRan(page);
  }
  rows.push({
    input: 'Link with script and HTML payloads in the runner description and the test command',
    cases: payloads.length,
    outcome: 'shown literally in the field, the preview and the diagram; no script ran; no CSP violation',
  });
});

test('hostile links give a message and the defaults, never a blank page', async ({ page }) => {
  const good = encodeAnswers(normalize({ ...defaultAnswers(), method: 'buildah' }));
  const flipped = `${good.slice(0, 12)}${good[12] === 'A' ? 'B' : 'A'}${good.slice(13)}`;
  const cases: [string, string, RegExp][] = [
    ['truncated', `./#/runner?c=${good.slice(0, -4)}`, /corrupted|truncated|Broken permalink/],
    ['bit-flipped', `./#/runner?c=${flipped}`, /Broken permalink/],
    ['wrong version', `./#/runner?c=${good.replace(/^\d+\./, '7.')}`, /version 7 is not supported/],
    ['1.5 MB long', `./#c=2.z${'A'.repeat(1536 * 1024)}`, /too long/],
    [
      '__proto__ keys',
      `./#/runner?c=${zlib2('{"__proto__":{"m":"socket","polluted":1}}')}`,
      /unknown field "__proto__"/,
    ],
    ['constructor keys', `./#/runner?c=${zlib2('{"constructor":{"prototype":{"polluted":1}}}')}`, /unknown field/],
    ['invalid value', `./#/runner?c=${zlib2('{"x":"<script>window.pwned=1</script>"}')}`, /executor/],
    [
      'a credential',
      `./#/runner?c=${zlib2(JSON.stringify({ de: SECRET_SAMPLES['gitlab-runner-token'] }))}`,
      /looks like a secret/,
    ],
  ];
  for (const [, url, reason] of cases) {
    await page.goto('about:blank');
    await page.goto(url);
    const alert = page.getByRole('alert').filter({ hasText: 'Broken permalink' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('Showing the default configuration');
    await expectDefaults(page);
    await noScriptRan(page);
    expect(answersIn(page.url())).not.toContain(SECRET_SAMPLES['gitlab-runner-token']);
  }
  rows.push({
    input: `Hostile link opened in a fresh tab: ${cases.map(([name]) => name).join(', ')}`,
    cases: cases.length,
    outcome:
      'an alert naming the problem, the default configuration, the wizard drawn; no script ran, no prototype changed',
  });
});

test('credentials typed into every free-text field are refused and reach no link, storage or zip', async ({ page }) => {
  const samples = [...Object.values(SECRET_SAMPLES), ...MORE_SECRET_SAMPLES];
  await page.goto(
    link({
      runTests: true,
      compose: true,
      proxy: 'job',
      httpProxy: 'http://proxy.example.com:3128',
      mirrorUrl: 'https://mirror.example.com',
      mirrorPlace: 'daemon-json',
      registryDockerHub: true,
      registryOther: true,
      cache: 'registry',
      buildx: true,
    }),
  );
  let n = 0;
  const fields: string[] = [];
  for (const name of [/Where the jobs run/, /How the image is built/, /TLS/, /Network/, /Cache/, /Registry/]) {
    await step(page, name);
    const inputs = page.locator('main form input[type=text]:not([readonly])');
    const count = await inputs.count();
    for (let i = 0; i < count; i++) {
      const input = inputs.nth(i);
      const secret = samples[n % samples.length] ?? '';
      n++;
      fields.push((await input.getAttribute('aria-label')) ?? (await input.getAttribute('id')) ?? `#${i}`);
      await input.fill(secret);
      await input.blur();
      await expect(input).toHaveAttribute('aria-invalid', 'true');
    }
  }
  await page.waitForTimeout(300);
  // Links and saved state are compressed: they are decoded before looking for the credentials in them.
  const leaks = (text: string) => samples.filter((s) => text.includes(s));
  const storage = await page.evaluate(() => ({ ...window.localStorage }));
  const saved = JSON.parse(storage[STORAGE_KEY] ?? '{}') as { config?: string };
  const places = [
    page.url(),
    answersIn(page.url()),
    await share(page),
    answersIn(await share(page)),
    JSON.stringify(storage),
    saved.config ? answersIn(saved.config) : '',
  ];
  expect(answersIn(page.url())).toContain('"proxy":"job"'); // the decoding works: the answers are there
  expect(places.flatMap(leaks)).toEqual([]);
  const zip = unzip(await downloadZip(page));
  expect(leaks(Object.values(zip).join('\n'))).toEqual([]);
  expect(n).toBeGreaterThanOrEqual(15);
  rows.push({
    input: `Credentials (${samples.length} kinds and shapes, in turn) typed into every free-text field of a configuration that shows them all`,
    cases: n,
    outcome:
      'refused in the field with the CI/CD variable to use; absent from the URL, local storage, the shared link and the zip',
  });
});

test('damaged saved state gives a message and the defaults, and is kept aside', async ({ page, context }) => {
  const damaged = [
    'not json at all {',
    JSON.stringify({ version: 1, config: '2.zGARBAGE' }),
    JSON.stringify({ version: 1, config: 42 }),
    JSON.stringify([1, 2, 3]),
    JSON.stringify({ version: 1, config: encodeAnswers(defaultAnswers()).slice(0, -3) }),
    'x'.repeat(300 * 1024),
  ];
  for (const value of damaged) {
    await context.clearCookies();
    await page.goto('./');
    await saveRaw(page, value);
    await page.goto('about:blank');
    await page.goto('./#/runner');
    await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toContainText(
      `${STORAGE_KEY}:damaged`,
    );
    await expectDefaults(page);
    const kept = (await page.evaluate((k) => window.localStorage.getItem(`${k}:damaged`), STORAGE_KEY)) ?? '';
    expect(kept.length).toBe(Math.min(value.length, 256 * 1024));
    expect(value.startsWith(kept), 'the damaged value is kept as it was').toBe(true);
  }
  rows.push({
    input: 'Damaged saved state: not JSON, a broken or non-string configuration, another shape, 300 KB of text',
    cases: damaged.length,
    outcome: 'a message, the defaults, and the damaged value kept under its own key (its first 256 KB)',
  });
});

test('saved state from an earlier version is restored with a message', async ({ page }) => {
  const answers = normalize({ ...defaultAnswers(), method: 'podman' });
  const json = Buffer.from(zlibSync(strToU8('{"m":"podman"}'))).toString('base64url');
  const older = [
    JSON.stringify({ config: `1.j${Buffer.from('{"m":"podman"}').toString('base64url')}` }),
    encodeAnswers(answers),
    JSON.stringify({ version: 0, config: `2.z${json}` }),
  ];
  for (const value of older) {
    await page.goto('./');
    await saveRaw(page, value);
    await page.goto('about:blank');
    await page.goto('./#/build');
    await expect(page.getByRole('status').filter({ hasText: 'earlier version was restored' })).toBeVisible();
    await expect(page.getByRole('radio', { name: /^Podman$/ })).toBeChecked();
    const saved = await page.evaluate((k) => window.localStorage.getItem(k), STORAGE_KEY);
    expect(JSON.parse(saved ?? '{}')).toMatchObject({ version: 1 });
  }
  rows.push({
    input: 'Saved state of an earlier shape: a legacy version-1 link, a bare configuration, another version number',
    cases: older.length,
    outcome: 'restored, with a message, and saved again in the current shape',
  });
});

test.describe('a render error', () => {
  test.use({ allowedErrors: [/matchMedia is switched off by this test/] });
  test('shows the recovery screen with the permalink copyable', async ({ page }) => {
    const answers = normalize({ ...defaultAnswers(), method: 'buildah' });
    // The preview asks for the colour scheme while it renders: make that throw.
    await page.addInitScript(() => {
      window.matchMedia = () => {
        throw new Error('matchMedia is switched off by this test');
      };
    });
    await page.goto(link({ method: 'buildah' }));
    const screen = page.getByRole('alert').filter({ hasText: 'matchMedia is switched off' });
    await expect(screen).toBeVisible();
    const shown = await screen.locator('textarea').inputValue();
    const copied = await copyVia(page, 'Copy the permalink');
    expect(copied).toBe(shown);
    const decoded = restoreAnswers({ kind: 'link', raw: copied });
    expect(decoded.ok && decoded.answers).toEqual(answers);
    rows.push({
      input: 'A component that throws while rendering',
      cases: 1,
      outcome: 'a recovery screen with the error, the permalink of the current answers (copy button), reload and reset',
    });
  });
});

test('with the network cut after load, the wizard keeps working', async ({ page, context }) => {
  await page.goto('./#/runner');
  await expect(page.locator('[data-testid=editor] .view-lines')).toContainText('image');
  // The troubleshooter's chunk arrives when the page is idle after load.
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => e.name.includes('TroubleshootPage')),
  );
  await context.setOffline(true);
  await step(page, /How the image is built/);
  await page.getByRole('radio', { name: /^Buildah$/ }).check();
  await step(page, /Cache/);
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GitLab CI Dockerビルドウィザード');
  const files = unzip(await downloadZip(page));
  expect(files['.gitlab-ci.yml']).toContain('buildah');
  await page.getByRole('link', { name: 'ジョブログを診断' }).click();
  await page
    .getByLabel('ジョブログ')
    .fill('ERROR: Cannot connect to the Docker daemon at tcp://docker:2375. Is the docker daemon running?');
  await expect(page.locator('[data-failure="dind-tls-port-mismatch"]')).toBeVisible();
  await context.setOffline(false);
  rows.push({
    input: 'Network cut after the page loaded: change answers, switch language, download the zip, troubleshoot a log',
    cases: 1,
    outcome:
      'everything works: the editor, the generator, the troubleshooter and the translations are already in the page',
  });
});

test.describe('the Content-Security-Policy', () => {
  test.use({ allowedErrors: [/Content Security Policy/] });
  test('forbids inline scripts and eval', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await page.goto('./#/runner');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toBe("'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    // (Code run by the test itself comes from DevTools, which the policy exempts: eval is checked in the policy
    // text above. Script that the page would pick up from its DOM is what an injection would produce.)
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.pwned = 1';
      document.body.append(s);
      const b = document.createElement('button');
      b.setAttribute('onclick', 'window.pwned = 2');
      document.body.append(b);
      b.click();
      b.remove();
      await new Promise((r) => setTimeout(r, 50));
      return { pwned: (window as unknown as { pwned?: number }).pwned ?? null };
    });
    expect(ran).toEqual({ pwned: null });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    rows.push({
      input: 'An inline script element and an inline event handler added to the page',
      cases: 2,
      outcome:
        "blocked by the policy (`script-src 'self'`: no `unsafe-inline`, no `unsafe-eval`) and reported as violations",
    });
  });
});

/** One row per test above: the table is compared only after a full run (not with --grep, not after a failure). */
const ROWS = 8;

test.afterAll(() => {
  if (rows.length !== ROWS) return;
  const { documented, produced } = securityTable('browser', rows);
  expect(documented, 'SECURITY.md table:browser (UPDATE_SECURITY=1 npx playwright test rewrites it)').toBe(produced);
});
