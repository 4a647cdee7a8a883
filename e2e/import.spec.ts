/**
 * Bring your own config end to end: a real public `.gitlab-ci.yml` of the import corpus is pasted (or opened as a
 * zip, or dropped), its findings are markers on the lines the corpus annotates by hand, a finding's fix goes into the
 * fixed setup, the fixed file is adopted into the editor (and undone), the zip holds the adopted files with the
 * jobs outside image building unchanged byte for byte, and a typed edit moves the markers. In Japanese too; nothing
 * reaches the link or the browser's storage; no serious axe violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, unzip } from './fixtures';

const CORPUS = 'src/testing/fixtures/import-corpus';

interface Case {
  text: string;
  findings: { id: string; file: string; line: number }[];
}

function corpusCase(folder: string, file: string): Case {
  const annotation = JSON.parse(readFileSync(join(CORPUS, folder, 'case.json'), 'utf8')) as Case;
  return {
    text: readFileSync(join(CORPUS, folder, file), 'utf8'),
    findings: annotation.findings.filter((f) => f.file === file),
  };
}

/** A training pipeline with lint, test, deploy and pages jobs beside a Docker-in-Docker `package` job on port 2375. */
const training = corpusCase('27-training-final-dind-host-command', '.gitlab-ci.yml');
/** `docker:latest`, `docker:dind`, `DOCKER_TLS_CERTDIR: ""` and `DOCKER_HOST: tcp://docker:2375`. */
const tlsOff = corpusCase('17-dind-tls-off-2375', 'build.gitlab-ci.yml');
/** A Helm chart's values.yaml whose runner config runs privileged Kubernetes pods. */
const helm = corpusCase('14-helm-values-kubernetes-privileged', 'gitlab-runner-values.yaml');

/** Downloads the import page's zip (not the header's, which holds the wizard's own files). */
async function downloadFixed(page: Page, name: RegExp): Promise<Record<string, string>> {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name }).click();
  const path = join(mkdtempSync(join(tmpdir(), 'import-e2e-')), 'fixed.zip');
  await (await pending).saveAs(path);
  return unzip(readFileSync(path));
}

/** The problems list under the editor, once it reads Monaco's own markers. */
async function problems(page: Page) {
  const region = page.getByTestId('import-problems');
  await expect(region).toHaveAttribute('data-source', 'editor');
  return region;
}

/** The lines of `text` from the one starting with `from` up to the next top-level key (a whole job, byte for byte). */
function block(text: string, from: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(from);
  if (start < 0) throw new Error(`no line ${from}`);
  let end = start + 1;
  while (end < lines.length && !/^\S/.test(lines[end] ?? '')) end++;
  return lines.slice(start, end).join('\n');
}

test('a pasted pipeline: markers on the annotated lines, a fix, adopt and undo, the zip, a typed edit', async ({
  page,
}) => {
  await page.goto('./#/runner');
  await page.getByRole('link', { name: 'Check your own config' }).click();
  await expect(page.locator('#step-title')).toHaveText('Check your own config');
  await expect(page.getByText('Nothing is uploaded or stored')).toBeVisible();
  await page.getByLabel('Paste a file').fill(training.text);
  await page.getByRole('button', { name: 'Add the pasted text' }).click();
  // The kind is detected from the text: the file is named after it.
  await expect(page.getByRole('tab', { name: /^\.gitlab-ci\.yml \(GitLab CI\)/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // One file: the summary's nouns agree with their counts.
  await expect(page.getByText(/^\d+ findings? in 1 file\.$/)).toBeVisible();
  const list = await problems(page);
  expect(training.findings.length).toBeGreaterThan(0);
  for (const f of training.findings)
    await expect(list.locator(`[data-code="${f.id}"][data-line="${f.line}"]`), `${f.id} on line ${f.line}`).toHaveCount(
      1,
    );
  // The findings list beside the editor: severity, id, file:line, title and reason; Show line focuses the editor.
  const tlsFinding = page.locator('.import-findings [data-finding="dind-tls-off"]');
  await expect(tlsFinding).toContainText('dind-tls-off');
  await tlsFinding.getByRole('button', { name: 'Show .gitlab-ci.yml:132' }).click();
  await expect(
    page.locator('.import-editor .view-line').filter({ hasText: 'DOCKER_HOST: tcp://docker:2375' }),
  ).toBeVisible();
  await expect(page.locator('.import-editor textarea')).toBeFocused();

  // What was understood, with the line each answer came from, and the jobs kept as they are.
  const understood = page.locator('.understood');
  await expect(understood.locator('[data-answer="method"]')).toContainText('Docker-in-Docker');
  await expect(understood.locator('.unmapped')).toContainText('Job "deploy" does not build an image');

  // The fix goes into the fixed setup: the diff of .gitlab-ci.yml then uses TLS.
  const diff = page.locator('.import-diff .file-diff[data-file=".gitlab-ci.yml"]');
  await expect(diff).toBeVisible();
  await tlsFinding.getByRole('button', { name: /^Apply fix:/ }).click();
  await expect(tlsFinding).toContainText('Fix applied');
  await expect(diff.locator('.diff-line.add').filter({ hasText: '2376' }).first()).toBeVisible();

  // Adopt: the editor holds the fixed file, its markers go; Undo brings the user's text back.
  await diff.getByRole('button', { name: 'Adopt .gitlab-ci.yml' }).click();
  await expect(list.locator('[data-code="dind-tls-off"]')).toHaveCount(0);
  // (the password stays on the command line: that finding's own fix was not applied)
  await expect(list.locator('[data-code="password-on-command-line"]')).toHaveCount(1);
  await diff.getByRole('button', { name: 'Undo: back to your .gitlab-ci.yml' }).click();
  await expect(list.locator('[data-code="dind-tls-off"][data-line="132"]')).toHaveCount(1);

  // The zip: the adopted file with the jobs outside image building unchanged, and the files the setup needs.
  const zip = await downloadFixed(page, /^Download the fixed files/);
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['.gitlab-ci.yml', 'SETUP.md', 'permalink.txt']));
  const ci = zip['.gitlab-ci.yml'] ?? '';
  for (const job of ['deploy:', 'pages:', 'lint:', 'renovate:']) expect(ci).toContain(block(training.text, job));
  expect(ci).not.toContain('tcp://docker:2375');

  // A typed edit: `docker:27.3.1` becomes `docker:latest`, and a marker appears on its line.
  await expect(list.locator('[data-code="image-not-fully-pinned"][data-line="124"]')).toHaveCount(0);
  await understood.locator('[data-answer="dockerVersion"]').getByRole('button', { name: '.gitlab-ci.yml:124' }).click();
  await page.keyboard.press('End');
  for (let i = 0; i < '27.3.1'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('latest');
  await expect(list.locator('[data-code="image-not-fully-pinned"][data-line="124"]')).toHaveCount(1);

  // Nothing of the files reached the link or the browser's storage.
  await page.waitForTimeout(300);
  expect(page.url()).not.toContain('renovate');
  const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
  expect(stored).not.toContain('renovate');
  expect(stored).not.toContain('webdav');
});

test('in Japanese: a zip opened with the file button, its markers, a fix, adopt, the zip, and the wizard', async ({
  page,
}) => {
  await page.goto('./#/import');
  await page.getByLabel('Language').selectOption('ja');
  await expect(page.locator('#step-title')).toHaveText('手持ちの設定を診断');
  await page.getByLabel('ファイルを開く（.zipも可）').setInputFiles({
    name: 'pipeline.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(zipSync({ 'build.gitlab-ci.yml': strToU8(tlsOff.text), 'README.md': strToU8('# x\n') })),
  });
  await expect(page.getByRole('tab', { name: /^build\.gitlab-ci\.yml/ })).toHaveAttribute('aria-selected', 'true');
  const list = await problems(page);
  for (const f of tlsOff.findings)
    await expect(list.locator(`[data-code="${f.id}"][data-line="${f.line}"]`), `${f.id} on line ${f.line}`).toHaveCount(
      1,
    );
  const pinned = page.locator('.import-findings [data-finding="image-not-fully-pinned"]').first();
  await expect(pinned).toContainText('build.gitlab-ci.yml:3');
  const tls = page.locator('.import-findings [data-finding="dind-tls-off"]');
  await tls.getByRole('button', { name: /^修正を適用:/ }).click();
  await expect(tls).toContainText('修正を適用しました');
  const diff = page.locator('.import-diff .file-diff[data-file="build.gitlab-ci.yml"]');
  await diff.getByRole('button', { name: 'build.gitlab-ci.ymlに取り込む' }).click();
  await expect(list.locator('[data-code="dind-tls-off"]')).toHaveCount(0);
  await expect(diff.getByRole('button', { name: '元に戻す: 元のbuild.gitlab-ci.yml' })).toBeVisible();
  const zip = await downloadFixed(page, /^修正後のファイルをダウンロード/);
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['build.gitlab-ci.yml', 'SETUP.md']));
  expect(Object.keys(zip)).not.toContain('.gitlab-ci.yml');
  expect(zip['SETUP.md']).toMatch(/[ぁ-んァ-ン]/);
  // The answers go to the wizard (TLS, since the fix was applied).
  await page.getByRole('button', { name: 'ウィザードで開く' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ファイルから読み取った回答を開きました。' })).toBeVisible();
  await expect(page.locator('#step-title')).toContainText('ジョブの実行場所');
});

// Dropped as values.yaml, the chart's own name (detectKind reads `gitlab-runner-values.yaml` as a config.toml: the
// `[[runners]]` table inside runners.config is sniffed before the Helm keys; reported to the imp-infer owner).
test('a Helm values.yaml dropped on the page: the privileged runner marked on its line', async ({ page }) => {
  await page.goto('./#/import');
  await expect(page.locator('#step-title')).toHaveText('Check your own config');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'values.yaml', { type: 'application/yaml' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, helm.text);
  await expect(page.getByRole('tab', { name: /^values\.yaml \(Helm values\)/ })).toBeVisible();
  const list = await problems(page);
  expect(helm.findings.length).toBeGreaterThan(0);
  for (const f of helm.findings)
    await expect(list.locator(`[data-code="${f.id}"][data-line="${f.line}"]`)).toHaveCount(1);
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`accessibility: no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./#/import');
    await page.getByLabel('Paste a file').fill(tlsOff.text);
    await page.getByRole('button', { name: 'Add the pasted text' }).click();
    await problems(page);
    await expect(page.locator('.import-diff .file-diff').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad).toEqual([]);
  });
}
