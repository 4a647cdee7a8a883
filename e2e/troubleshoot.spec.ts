/**
 * The troubleshooter end to end: a real-looking job log (runner preamble, timestamps, ANSI colours, section
 * markers) is pasted, the failure is recognised, its fix applied, the diff shown, and the zip then downloaded
 * passes the reference checks, no longer has the failure, and equals the CLI's zip.
 */
import { restoreAnswers } from '../src/core/restore';
import { failureHolds } from '../src/testing/failure-checks';
import { FAILURE_SAMPLES } from '../src/testing/failure-logs';
import { jobLog } from '../src/testing/job-logs';
import { checkFiles } from '../src/testing/reference';
import { downloadZip, expect, expectZipMatchesCli, step, test, unzip } from './fixtures';

const logOf = (id: keyof typeof FAILURE_SAMPLES, n: number) => {
  const sample = FAILURE_SAMPLES[id][n];
  if (!sample) throw new Error(`no sample ${id}#${n}`);
  return jobLog({ ...sample.job, timestamps: true, ansi: true });
};
const filesOf = (zip: Record<string, string>) => Object.entries(zip).map(([path, content]) => ({ path, content }));

test('a pasted log with a Docker Hub rate limit: recognised, fixed with a Docker Hub login, zip checked', async ({
  page,
  baseURL,
}) => {
  await page.goto('./#/runner');
  const before = unzip(await downloadZip(page));
  expect(failureHolds('dockerhub-rate-limit', filesOf(before))).toBe(true);

  await page.getByRole('link', { name: 'Troubleshoot a job log' }).click();
  await expect(page.locator('#step-title')).toHaveText('Troubleshoot a failed job');
  await page.getByLabel('Job log').fill(logOf('dockerhub-rate-limit', 1));
  const card = page.locator('[data-failure="dockerhub-rate-limit"]');
  await expect(card).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: 'known failure' });
  // One failure, counted in the singular; the log's lines in the plural.
  await expect(status).toContainText(/1 known failure recognised in [\d,]+ lines\./);
  await expect(status).not.toContainText('(s)');
  await expect(card).toContainText('unauthenticated pull rate limit');
  await card.getByText('Sources').click();
  await expect(card.getByRole('link').first()).toHaveAttribute('href', /^https:\/\//);

  await card
    .getByRole('radio', { name: /Docker Hub/ })
    .first()
    .check();
  await card.getByRole('button', { name: 'Apply the fix' }).click();
  const diff = page.locator('.file-diff[data-file=".gitlab-ci.yml"]');
  await expect(diff.locator('.diff-line.add').first()).toBeVisible();
  await expect(diff).toContainText('DOCKER_HUB');
  // The documents that follow the files (SETUP.md, the diagram) are listed collapsed.
  const setupDiff = page.locator('.file-diff[data-file="SETUP.md"]');
  await expect(setupDiff.locator('summary')).toContainText('lines changed');
  await expect(setupDiff.locator('pre')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();

  const files = await expectZipMatchesCli(page, baseURL);
  expect(checkFiles(filesOf(files))).toEqual([]);
  expect(failureHolds('dockerhub-rate-limit', filesOf(files))).toBe(false);

  // The answers changed where the user would look for them, and the pasted log is still there on return.
  await step(page, /Registry authentication/);
  await expect(page.getByRole('checkbox', { name: 'Docker Hub' })).toBeChecked();
  await page.getByRole('link', { name: 'Troubleshoot a job log' }).click();
  await expect(page.getByLabel('Job log')).not.toHaveValue('');
  // The log is nowhere but in the page: not in the link (decoded), nor in any storage.
  const decoded = restoreAnswers({ kind: 'link', raw: page.url() });
  expect(decoded.ok).toBe(true);
  expect(JSON.stringify(decoded.ok && decoded.answers)).not.toContain('rate limit');
  const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
  expect(stored).not.toContain('rate limit');
  expect(stored).not.toContain('registry-1.docker.io');
});

test('clearing the log clears the previous fix and its diff', async ({ page }) => {
  await page.goto('./#/troubleshoot');
  await page.getByLabel('Job log').fill(logOf('dockerhub-rate-limit', 1));
  const card = page.locator('[data-failure="dockerhub-rate-limit"]');
  await card
    .getByRole('radio', { name: /Docker Hub/ })
    .first()
    .check();
  await card.getByRole('button', { name: 'Apply the fix' }).click();
  await expect(page.locator('.file-diff').first()).toBeVisible();

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('.file-diff')).toHaveCount(0);
  await expect(card).toHaveCount(0);
  await page.getByLabel('Job log').fill(logOf('dockerhub-rate-limit', 2));
  await expect(page.locator('[data-failure="dockerhub-rate-limit"]')).toBeVisible();
  await expect(page.locator('.file-diff')).toHaveCount(0);
});

test('a log with Docker-in-Docker on the wrong port: the TLS fix from a TLS-off configuration, in Japanese', async ({
  page,
  baseURL,
}) => {
  await page.goto('./#/tls');
  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('radio', { name: 'TLSなし（ポート2375）' }).check();
  await page.getByRole('link', { name: 'ジョブログを診断' }).click();
  await page.getByLabel('ジョブログ').fill(logOf('dind-tls-port-mismatch', 1));
  const card = page.locator('[data-failure="dind-tls-port-mismatch"]');
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: '修正を適用' }).click();
  await expect(page.locator('.file-diff[data-file=".gitlab-ci.yml"] .diff-line.add').first()).toContainText('2376');
  const files = await expectZipMatchesCli(page, baseURL);
  expect(checkFiles(filesOf(files))).toEqual([]);
  expect(files['.gitlab-ci.yml']).toContain('tcp://docker:2376');
});

test('a clean log: nothing recognised, and the checks to run instead', async ({ page }) => {
  await page.goto('./#/troubleshoot');
  await page.getByLabel('Job log').fill(
    jobLog({
      executor: 'docker',
      image: 'docker:29.7.2-cli',
      services: ['docker:29.7.2-dind'],
      steps: [{ run: 'docker build -t app .', out: ['#1 DONE 0.1s', 'naming to docker.io/library/app done'] }],
      result: 'success',
      timestamps: true,
    }),
  );
  await expect(page.getByRole('status').filter({ hasText: 'No known failure' })).toBeVisible();
  await expect(page.locator('.nothing-found')).toContainText('docker version && docker info');
  await expect(page.locator('[data-failure]')).toHaveCount(0);
});

test("a Buildah setup with nothing recognised: the checks are Buildah's, not Docker's", async ({ page }) => {
  await page.goto('./#/');
  await page.locator('[data-preset="S19"]').click();
  await page.getByRole('link', { name: 'Troubleshoot a job log' }).click();
  await page.getByLabel('Job log').fill('Job succeeded\n');
  await expect(page.getByRole('status').filter({ hasText: 'No known failure' })).toBeVisible();
  const checks = page.locator('.nothing-found');
  await expect(checks).toContainText('buildah version && buildah info');
  await expect(checks).toContainText('/etc/containers/registries.conf');
  await expect(checks).not.toContainText('docker version && docker info');
});

test('a dind copied into a company registry, read with Buildah answers: the other setup is noted, the alias named, the fix keeps the registry', async ({
  page,
  baseURL,
}) => {
  await page.goto('./#/');
  await page.locator('[data-preset="S19"]').click();
  await page.getByRole('link', { name: 'Troubleshoot a job log' }).click();
  await page.getByLabel('Job log').fill(logOf('dind-hostname-unresolved', 0));
  const card = page.locator('[data-failure="dind-hostname-unresolved"]');
  await expect(card).toBeVisible();
  // The log ran Docker; the answers build with Buildah: said once, above the cards.
  await expect(page.locator('.setup-mismatch')).toContainText(
    'This log comes from Docker, but the current answers generate files for Buildah',
  );
  await expect(card.locator('.fact-note')).toContainText('registry.corp.example:5050__platform__mirror__docker');
  await card.getByRole('button', { name: 'Apply the fix' }).click();
  const diff = page.locator('.file-diff[data-file=".gitlab-ci.yml"]');
  await expect(diff).toContainText('registry.corp.example:5050/platform/mirror/docker:');
  await expect(diff).toContainText('alias: docker');
  // The answers now describe the log's setup: no more note.
  await expect(page.locator('.setup-mismatch')).toHaveCount(0);
  const files = await expectZipMatchesCli(page, baseURL);
  expect(checkFiles(filesOf(files))).toEqual([]);
  expect(failureHolds('dind-hostname-unresolved', filesOf(files))).toBe(false);
});

test('a Podman log with the default answers is noted as another setup', async ({ page }) => {
  await page.goto('./#/troubleshoot');
  await page.getByLabel('Job log').fill(logOf('buildah-unprivileged', 4));
  await expect(page.locator('[data-failure="buildah-unprivileged"]')).toBeVisible();
  await expect(page.locator('.setup-mismatch')).toContainText('This log comes from Podman');
});

test('a Buildah log read with Podman answers: a fix that changes nothing does not claim the files already have it', async ({
  page,
}) => {
  await page.goto('./#/');
  await page.locator('[data-preset="S40"]').click();
  await page.getByRole('link', { name: 'Troubleshoot a job log' }).click();
  await page.getByLabel('Job log').fill(logOf('short-name-no-tty', 0));
  const card = page.locator('[data-failure="short-name-no-tty"]');
  await card.getByRole('button', { name: 'Apply the fix' }).click();
  const diff = page.locator('.fix-diff');
  await expect(diff).toContainText('This log comes from Buildah, but the current answers generate files for Podman');
  await expect(diff).not.toContainText('already have this fix');
});

test('a plain-HTTP registry: recognised on any port, declared to dind, with a high finding', async ({
  page,
  baseURL,
}) => {
  await page.goto('./#/runner');
  await page.getByRole('link', { name: 'Troubleshoot a job log' }).click();
  await page.getByLabel('Job log').fill(logOf('registry-plain-http', 0));
  const card = page.locator('[data-failure="registry-plain-http"]');
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Apply the fix' }).click();
  await expect(page.locator('.file-diff[data-file=".gitlab-ci.yml"]')).toContainText('10.20.0.15:5001');
  const files = await expectZipMatchesCli(page, baseURL);
  expect(files['.gitlab-ci.yml']).toMatch(/- --insecure-registry\n\s+- "?10\.20\.0\.15:5001"?/);
  await step(page, /TLS/);
  await expect(page.getByLabel(/Registry that speaks plain HTTP/)).toHaveValue('10.20.0.15:5001');
  // The finding is listed with the others (high: prefer TLS with a private CA).
  await expect(page.locator('[data-finding="plain-http-registry"]').first()).toBeAttached();
});
