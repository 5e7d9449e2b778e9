import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { reencoded, withOnePixelChanged } from '../../gallery-api/src/testing/c2pa-copies';
import { REPO_ROOT } from '../../scripts/stack';
import { watchBrowserProblems } from './browser-problems';

// Issue #13 items 1-2 in the browser: a creation published and approved shows its content credentials; the "check an
// image" page says the downloaded file is valid, an edited copy is not and a re-encoded copy has none, in both languages.
const BASE = process.env.E2E_BASE_URL!;
const SHOTS = resolve(REPO_ROOT, 'test-results/screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
test.use({ baseURL: BASE });
test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

/** Serious and critical axe findings on the page as it is now. */
async function axeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page, axeSource: AXE }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const check = async (page: Page, name: string, bytes: Buffer) => {
  await expect(page.getByTestId('verify-page')).toBeVisible();
  await page.getByTestId('verify-input').setInputFiles({ name, mimeType: 'image/png', buffer: bytes });
  // The answer for this file, not the one before it.
  await expect(page.getByTestId('verify-result').getByRole('heading', { level: 2 })).toContainText(name);
  return page.getByTestId('verify-result');
};

test('a published creation carries content credentials, and the verify page tells its file from edited copies', async ({ page, browser }) => {
  const title = `Signed harvest ${Date.now()}`;
  const problems = await watchBrowserProblems(page);
  let creationUrl = '';
  let full = Buffer.alloc(0);

  await test.step('a visitor publishes a work placed on the canvas', async () => {
    await page.goto('/');
    await page.locator('[data-testid=work-card][data-work-id=local-bruegel-harvesters]').getByTestId('add-to-canvas').click();
    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-title').fill(title);
    await page.getByTestId('publish-alt').fill('The harvesters, placed on an empty canvas');
    await page.getByTestId('publish-licence-cc0').check();
    await page.getByTestId('publish-submit').click();
    await expect(page.getByTestId('publish-success')).toBeVisible();
  });

  await test.step('a moderator approves it', async () => {
    const staff = await browser.newContext();
    const mod = await staff.newPage();
    await mod.goto('/moderation');
    await mod.getByTestId('login-username').fill(process.env.E2E_STAFF_USER!);
    await mod.getByTestId('login-password').fill(process.env.E2E_STAFF_PASSWORD!);
    await mod.getByTestId('login-submit').click();
    await mod.getByTestId('queue-item').filter({ hasText: title }).getByTestId('approve').click();
    await expect(mod.getByTestId('queue-item').filter({ hasText: title })).toHaveCount(0);
    await staff.close();
  });

  await test.step('the creation page shows signed credentials from the development certificate, not trusted', async () => {
    await page.goto('/gallery');
    await page.getByTestId('gallery-card').filter({ hasText: title }).click();
    creationUrl = new URL(page.url()).pathname;
    const credentials = page.getByTestId('creation-credentials');
    await expect(credentials).toHaveAttribute('data-state', 'signed');
    await expect(page.getByTestId('creation-credentials-signer')).toHaveText('Signed by Open Atelier development signer: not trusted, a development certificate.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('creation-download').click()]);
    full = readFileSync((await download.path())!);
    expect(full.subarray(1, 4).toString()).toBe('PNG');
  });

  await test.step('the verify page, opened from the creation page, says the downloaded file is valid and names the creation', async () => {
    await page.getByTestId('creation-credentials').getByRole('link', { name: 'Check an image' }).click();
    await expect(page).toHaveURL(/\/verify$/);
    const result = await check(page, 'download.png', full);
    await expect(result).toHaveAttribute('data-state', 'valid');
    await expect(page.getByTestId('verify-headline')).toContainText('Valid: this image carries content credentials from Open Atelier');
    await expect(page.getByTestId('verify-signer')).toContainText('not trusted, a development certificate');
    await expect(page.getByTestId('verify-creation')).toContainText(title);
    await expect(page.getByTestId('verify-ingredients')).toContainText('The Harvesters');
    // The exact image file the canvas showed of it, as the server drew it when it checked the picture.
    await expect(page.getByTestId('verify-ingredients')).toContainText(/\(image file sha256 [0-9a-f]{12}…\)/);
    await expect(page.getByTestId('verify-actions')).toContainText('A museum work was placed in it');
    await page.screenshot({ path: join(SHOTS, 'verify-valid.png'), fullPage: true });
    expect(await axeFindings(page)).toEqual([]);
    await page.getByTestId('verify-creation').getByRole('link').click();
    await expect(page).toHaveURL(creationUrl);
  });

  await test.step('a copy with one pixel changed is not valid, and a re-encoded copy has no credentials', async () => {
    await page.goto('/gallery');
    await page.getByTestId('gallery-verify-link').click();
    await expect(page).toHaveURL(/\/verify$/);
    await expect(await check(page, 'edited.png', await withOnePixelChanged(full))).toHaveAttribute('data-state', 'invalid');
    await expect(page.getByTestId('verify-headline')).toContainText('Not valid: this image was changed after it was signed.');
    await expect(page.getByTestId('verify-creation')).toContainText('but the picture was changed');
    await expect(await check(page, 'resaved.png', await reencoded(full))).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('verify-headline')).toContainText('No content credentials');
    await expect(page.getByTestId('verify-signer')).toHaveCount(0);
    expect(await axeFindings(page)).toEqual([]);
  });

  await test.step('in Dutch the same answers, in plain words', async () => {
    const context = await browser.newContext({ baseURL: BASE, locale: 'nl-NL' });
    await context.addInitScript(() => localStorage.setItem('atelier.lang', 'nl'));
    const nl = await context.newPage();
    await nl.goto('/verify');
    await expect(nl.getByRole('heading', { level: 1 })).toHaveText('Een afbeelding controleren');
    expect(await axeFindings(nl)).toEqual([]);
    await expect(await check(nl, 'download.png', full)).toHaveAttribute('data-state', 'valid');
    await expect(nl.getByTestId('verify-headline')).toContainText('Geldig');
    await expect(nl.getByTestId('verify-signer')).toContainText('niet vertrouwd, een ontwikkelcertificaat');
    expect(await axeFindings(nl)).toEqual([]);
    await expect(await check(nl, 'resaved.png', await reencoded(full))).toHaveAttribute('data-state', 'none');
    await expect(nl.getByTestId('verify-headline')).toContainText('Geen inhoudsgegevens');
    await nl.screenshot({ path: join(SHOTS, 'verify-none-nl.png'), fullPage: true });
    await context.close();
  });

  expect(problems).toEqual([]);
});
