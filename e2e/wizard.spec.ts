import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clipboard, copyVia, downloadZip, expect, expectZipMatchesCli, share, step, test, unzip } from './fixtures';

async function startFresh(page: Page, path = './') {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function problems(page: Page) {
  const region = page.getByTestId('problems');
  await expect(region).toHaveAttribute('data-source', 'editor');
  return region;
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name: new RegExp(`^${name.replace(/\./g, '\\.')}`) }).click();
  await expect(page.getByRole('tab', { name: new RegExp(`^${name.replace(/\./g, '\\.')}`) })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

for (const id of ['S06', 'S10', 'S31']) {
  test(`preset ${id}, chosen on the start page, downloads the CLI's zip byte for byte`, async ({ page, baseURL }) => {
    await startFresh(page);
    await page.locator(`[data-preset="${id}"]`).click();
    await expect(page.getByRole('status').filter({ hasText: 'Loaded:' })).toBeVisible();
    await expect(page.locator('#step-title')).toBeVisible();
    const files = await expectZipMatchesCli(page, baseURL);
    expect(Object.keys(files)).toContain('SETUP.md');
  });
}

test('hand-picked: recommended without privileged, then a registry cache', async ({ page, baseURL }) => {
  await startFresh(page);
  await page
    .getByRole('group', { name: 'Can your jobs run privileged containers?' })
    .getByRole('radio', { name: 'No' })
    .check();
  await expect(page.getByText('Rootless BuildKit: no daemon, no privileged container')).toBeVisible();
  await page.getByRole('button', { name: 'Use this setup' }).click();
  await step(page, /Cache/);
  await page.getByRole('radio', { name: 'Registry cache' }).check();
  await page.getByRole('radio', { name: 'min: final stage only' }).check();
  const files = await expectZipMatchesCli(page, baseURL);
  expect(files['.gitlab-ci.yml']).toContain('mode=min');
  expect(files['.gitlab-ci.yml']).toContain('moby/buildkit:v0.31.2-rootless');
  expect(files['config.toml']).not.toContain('privileged = true');
});

test('hand-picked: a cache per branch written from protected refs only, and the CI/CD component', async ({
  page,
  baseURL,
}) => {
  await startFresh(page);
  await page
    .getByRole('group', { name: 'Can your jobs run privileged containers?' })
    .getByRole('radio', { name: 'No' })
    .check();
  await page.getByRole('button', { name: 'Use this setup' }).click();
  await step(page, /Cache/);
  await page.getByRole('radio', { name: 'Registry cache' }).check();
  await page.getByRole('checkbox', { name: 'A cache per branch, falling back to the default branch’s' }).check();
  await page.getByRole('checkbox', { name: 'Only protected branches and tags write the cache' }).check();
  await step(page, /How the image is built/);
  await page.getByRole('checkbox', { name: 'Also as a CI/CD catalog component' }).check();
  await page.getByLabel('Component name').fill('image-build');
  const files = await expectZipMatchesCli(page, baseURL);
  expect(files['.gitlab-ci.yml']).toContain('build-image-unprotected:');
  expect(files['.gitlab-ci.yml']).toContain('$CI_DEFAULT_BRANCH_SLUG');
  expect(files['component/templates/image-build.yml']).toContain('$[[ inputs.image ]]');
  expect(files['.gitlab-ci.component-usage.yml']).toContain('/image-build@1.0.0');
  expect(files['SETUP.md']).toContain('Protect the refs that write the layer cache');
});

test('hand-picked: Kubernetes, Buildx multi-platform and a mirror, typed by hand', async ({ page, baseURL }) => {
  await startFresh(page, './#/runner');
  await page.getByRole('radio', { name: 'kubernetes' }).check();
  await page.getByLabel('Kubernetes namespace').fill('ci-builds');
  await page.getByLabel('Runner tags (comma-separated)').fill('k8s, build');
  await step(page, /How the image is built/);
  await page.getByRole('checkbox', { name: 'Use Docker Buildx' }).check();
  await page.getByRole('checkbox', { name: 'linux/amd64' }).check();
  await page.getByRole('checkbox', { name: 'linux/arm64' }).check();
  await page.getByLabel('Dockerfile path').fill('docker/app.Dockerfile');
  await step(page, /Network/);
  await page.getByLabel('Registry mirror URL (empty: none)').fill('https://mirror.example.com');
  await page.getByRole('radio', { name: 'daemon.json' }).check();
  const files = await expectZipMatchesCli(page, baseURL);
  expect(files['.gitlab-ci.yml']).toContain('linux/amd64,linux/arm64');
  expect(files['.gitlab-ci.yml']).toContain('docker/app.Dockerfile');
  expect(files['kubernetes.sh']).toContain('ci-builds');
  expect(files['daemon.json']).toContain('https://mirror.example.com');
});

test('hand-picked: GitLab.com runners, DOCKER_AUTH_CONFIG and Docker Hub, in Japanese', async ({ page, baseURL }) => {
  await startFresh(page, './#/runner');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await page.getByRole('radio', { name: 'GitLab.comのインスタンスRunner' }).check();
  await step(page, /レジストリ認証/);
  await page.getByRole('radio', { name: 'DOCKER_AUTH_CONFIG変数' }).check();
  await page.getByRole('checkbox', { name: 'Docker Hub' }).check();
  await step(page, /イメージのビルド方法/);
  await page.getByRole('checkbox', { name: 'デフォルトブランチでlatestをタグ付け' }).check();
  const files = await expectZipMatchesCli(page, baseURL);
  expect(Object.keys(files).sort()).toEqual(['.gitlab-ci.yml', 'SETUP.md', 'diagram.svg', 'permalink.txt']);
  expect(files['.gitlab-ci.yml']).toContain('DOCKER_AUTH_CONFIG');
  expect(files['.gitlab-ci.yml']).toMatch(/[\u3040-\u30ff]/); // Japanese comments
});

test('a permalink opened in a fresh browser context shows the same answers and files', async ({
  page,
  browser,
  baseURL,
}) => {
  await startFresh(page, './#/build');
  await page.getByRole('radio', { name: /^Podman$/ }).check();
  await page.getByLabel('Target image').fill('$CI_REGISTRY_IMAGE/tools');
  await step(page, /Network/);
  await page.getByRole('radio', { name: 'Set in .gitlab-ci.yml' }).check();
  await page.getByLabel('HTTP proxy URL (empty: a CI/CD variable)').fill('http://proxy.internal:3128');
  const link = await share(page);
  await openTab(page, '.gitlab-ci.yml');
  const ci = await copyVia(page, 'Copy .gitlab-ci.yml');

  const other = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], baseURL });
  const colleague = await other.newPage();
  const errors: string[] = [];
  colleague.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await colleague.goto(link);
  await expect(colleague.locator('#step-title')).toContainText('Where the jobs run');
  await colleague
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('link', { name: /Network/ })
    .click();
  await expect(colleague.getByRole('radio', { name: 'Set in .gitlab-ci.yml' })).toBeChecked();
  await expect(colleague.getByLabel('HTTP proxy URL (empty: a CI/CD variable)')).toHaveValue(
    'http://proxy.internal:3128',
  );
  await colleague
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('link', { name: /How the image/ })
    .click();
  await expect(colleague.getByRole('radio', { name: /^Podman$/ })).toBeChecked();
  await expect(colleague.getByLabel('Target image')).toHaveValue('$CI_REGISTRY_IMAGE/tools');
  expect(await copyVia(colleague, 'Copy .gitlab-ci.yml')).toBe(ci);
  expect(await share(colleague)).toBe(link);
  expect(errors).toEqual([]);
  await other.close();
});

test("a finding's marker sits on the line it names, and its fix removes it", async ({ page }) => {
  await startFresh(page, './#/runner');
  await openTab(page, 'config.toml');
  const list = await problems(page);
  const marker = list.locator('[data-code="privileged-container"]');
  await expect(marker).toBeVisible();
  const line = Number(await marker.getAttribute('data-line'));
  const toml = await copyVia(page, 'Copy config.toml');
  expect(toml.split('\n')[line - 1]).toMatch(/^\s*privileged = true/);
  // The findings list points at the same line.
  const finding = page.locator('[data-finding="privileged-container"]');
  await expect(finding.getByRole('button', { name: `Show config.toml:${line}` })).toBeVisible();
  await finding.getByRole('button', { name: /^Fix:/ }).click();
  await expect(page.locator('[data-finding="privileged-container"]')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Applied:' })).toHaveCount(1);
  await expect(list.locator('[data-code="privileged-container"]')).toHaveCount(0);
  const fixed = await copyVia(page, 'Copy config.toml');
  expect(fixed).not.toMatch(/privileged = true/);
});

test('switching to Japanese translates the UI and the generated comments', async ({ page }) => {
  await startFresh(page, './#/runner');
  const en = await copyVia(page, 'Copy .gitlab-ci.yml');
  expect(en).toContain('# The daemon runs in the service');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GitLab CI Dockerビルドウィザード');
  await expect(page.locator('#step-title')).toContainText('ジョブの実行場所');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const ja = await copyVia(page, '.gitlab-ci.ymlをコピー');
  expect(ja).toContain('# デーモンはサービス内で動き');
  expect(ja).not.toContain('# The daemon runs in the service');
  // The choice is remembered.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GitLab CI Dockerビルドウィザード');
});

test('the language is detected from the browser on the first visit', async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ locale: 'ja-JP', baseURL });
  const page = await ctx.newPage();
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GitLab CI Dockerビルドウィザード');
  await ctx.close();
});

test('a broken permalink shows a clear message and the defaults', async ({ page }) => {
  await startFresh(page, './#c=2.zNOT-A-VALID-LINK');
  // (Monaco adds empty alert regions of its own: look for ours by its text.)
  const alert = page.getByRole('alert').filter({ hasText: 'Broken permalink' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Showing the default configuration');
  await step(page, /How the image is built/);
  await expect(page.getByRole('radio', { name: 'Docker-in-Docker (docker:dind service)' })).toBeChecked();
  expect(await copyVia(page, 'Copy .gitlab-ci.yml')).toContain('docker:29.6.2-dind');
});

test('impossible options are disabled with the reason, and irrelevant questions disappear', async ({ page }) => {
  await startFresh(page, './#/runner');
  await page.getByRole('checkbox', { name: 'Privileged containers are allowed on this runner' }).uncheck();
  await step(page, /How the image is built/);
  const dind = page.getByRole('radio', { name: 'Docker-in-Docker (docker:dind service)' });
  await expect(dind).toBeDisabled();
  await expect(dind).toHaveAccessibleDescription(/Needs a privileged service container/);
  await expect(page.getByLabel('Docker version (client and daemon)')).toHaveCount(0);
  await expect(page.getByLabel('BuildKit version')).toBeVisible();
});

test('a pasted secret is refused, explained, and never reaches the link or the storage', async ({ page }) => {
  await startFresh(page, './#/auth');
  await page.getByRole('checkbox', { name: 'Docker Hub' }).check();
  const field = page.getByLabel('Docker Hub token variable');
  await field.fill('dckr_pat_abcdefghijklmnopqrstuvwxyz012345');
  await expect(page.getByText(/looks like a Docker Hub access token/)).toContainText('masked CI/CD variable');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await page.waitForTimeout(300);
  expect(page.url()).not.toContain('dckr_pat');
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  expect(stored).not.toContain('dckr_pat');
  expect(await share(page)).not.toContain('dckr_pat');
  await expect(page.getByRole('tabpanel')).not.toContainText('dckr_pat');
  // Typed key by key, no prefix of a token is applied on the way.
  await step(page, /Where the jobs run/);
  await page.getByLabel('Runner description').clear();
  await page.getByLabel('Runner description').pressSequentially('glpat-abcdefghijklmnop');
  await expect(page.getByText(/looks like a personal access token/)).toBeVisible();
  await page.waitForTimeout(600);
  expect(page.url()).not.toContain('glpat');
  expect(await share(page)).not.toContain('glpat');
  expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain('glpat');
});

test('a link pasted into the address bar of an open tab opens it, with undo', async ({ page }) => {
  await startFresh(page, './#/build');
  await page.getByRole('radio', { name: /^Buildah$/ }).check();
  const link = await share(page);
  await page.getByRole('radio', { name: /^Podman$/ }).check();
  await page.evaluate((l) => {
    window.location.href = l; // same document: only the fragment changes, as when pasting into the address bar
  }, link);
  await expect(page.getByRole('status').filter({ hasText: 'Opened the configuration from the link.' })).toBeVisible();
  await step(page, /How the image is built/);
  await expect(page.getByRole('radio', { name: /^Buildah$/ })).toBeChecked();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('radio', { name: /^Podman$/ })).toBeChecked();
});

test('the URL follows the answers without flooding the history; reset returns to defaults', async ({ page }) => {
  await startFresh(page, './#/build');
  const before = await page.evaluate(() => history.length);
  for (const name of ['Buildah', 'Podman', 'Rootless BuildKit (no daemon, no privileged)']) {
    await page.getByRole('radio', { name }).check();
  }
  const link = await share(page);
  await expect.poll(() => page.url()).toContain(link.slice(link.indexOf('c=')));
  expect(await page.evaluate(() => history.length)).toBe(before);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Rootless BuildKit (no daemon, no privileged)' })).toBeChecked();
  // The last configuration is kept locally: a visit without a link restores it.
  await page.goto('./#/build');
  await expect(page.getByRole('radio', { name: 'Rootless BuildKit (no daemon, no privileged)' })).toBeChecked();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('radio', { name: 'Docker-in-Docker (docker:dind service)' })).toBeChecked();
  await expect.poll(() => page.url()).not.toContain('c=');
  // Reset can be undone.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('radio', { name: 'Rootless BuildKit (no daemon, no privileged)' })).toBeChecked();
});

test('SETUP.md steps have copy buttons for their commands', async ({ page }) => {
  await startFresh(page, './#/files');
  const block = page.locator('.setup-md .code-block').first();
  await expect(block).toBeVisible();
  const command = (await block.locator('code').textContent()) ?? '';
  await block.getByRole('button').click();
  await expect.poll(() => clipboard(page)).toBe(command);
});

test('the install step gives the commands for the runner host, and Verify says where the image is', async ({
  page,
}) => {
  await startFresh(page, './#/files');
  const steps = page.locator('.setup-md');
  await expect(steps.locator('code').filter({ hasText: 'sudo apt-get install -y gitlab-runner' })).toBeVisible();
  await expect(steps.locator('code').filter({ hasText: 'sudo dnf install -y gitlab-runner' })).toBeVisible();
  await expect(
    steps.locator('code').filter({ hasText: 'docker-ce docker-ce-cli containerd.io' }).first(),
  ).toBeVisible();
  await expect(steps).toContainText('Deploy > Container registry');
});

test('one command writes the runner host files, byte for byte as in the zip', async ({ page }) => {
  await startFresh(page, './#/files');
  const command = await copyVia(page, 'Copy the command');
  expect(command).toMatch(/^mkdir -p gitlab-ci-docker-build && printf/);
  const dir = mkdtempSync(join(tmpdir(), 'host-command-e2e-'));
  try {
    execFileSync('sh', ['-c', command], { cwd: dir, stdio: 'pipe' });
    const zip = unzip(await downloadZip(page));
    const written = readdirSync(join(dir, 'gitlab-ci-docker-build')).sort();
    expect(written).toEqual(['config.toml', 'register.sh']);
    for (const name of written)
      expect(readFileSync(join(dir, 'gitlab-ci-docker-build', name), 'utf8'), name).toBe(zip[name]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Buildah: the registry cache can be chosen, and its repository has no tag', async ({ page }) => {
  await startFresh(page);
  await page.locator('[data-preset="S19"]').click();
  await step(page, /Cache/);
  const registry = page.getByRole('radio', { name: 'Registry cache' });
  await expect(registry).toBeEnabled();
  await registry.check();
  await expect(page.getByRole('textbox', { name: 'Cache image' })).toHaveValue('$CI_REGISTRY_IMAGE/cache');
  await expect(page.locator('[data-finding="no-layer-cache"]')).toHaveCount(0);
});

test('keyboard: the file tabs move with the arrow keys', async ({ page }) => {
  await startFresh(page, './#/runner');
  await page.getByRole('tab', { name: /^\.gitlab-ci\.yml/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^config\.toml/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /^config\.toml/ })).toBeFocused();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`accessibility: no serious or critical axe violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ['./', './#/runner', './#/build', './#/network', './#/auth', './#/files']) {
      await startFresh(page, path);
      await expect(page.getByTestId('problems')).toHaveAttribute('data-source', 'editor');
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(bad).toEqual([]);
    }
  });
}

test('narrow screens stack the preview under the questions', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await startFresh(page, './#/runner');
  const questions = await page.locator('main').boundingBox();
  const preview = await page.locator('aside.side').boundingBox();
  expect(preview && questions && preview.y >= questions.y + questions.height - 1).toBe(true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
