import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { REPO_ROOT } from '../../scripts/stack';
import { DEVICES } from './devices';

// Issue 11 items 2-7: an educator and three pupils, each in their own browser context, from preparing the workshop to
// taking work home. Pupil Ada joins on a 1024×768 touch tablet in Dutch; the others on a desktop in English.
const BASE = process.env.E2E_BASE_URL!;
const PASSWORD = process.env.E2E_STAFF_PASSWORD!;
const SHOTS = resolve(REPO_ROOT, 'test-results/screenshots');
const LEAD_SHOTS = '/tmp/workshop-shots';
test.use({ baseURL: BASE });
test.beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(LEAD_SHOTS, { recursive: true });
});

async function shot(page: Page, name: string) {
  const path = join(SHOTS, name);
  await page.screenshot({ path, fullPage: true });
  copyFileSync(path, join(LEAD_SHOTS, name));
}

async function pupilPage(browser: Browser, device: 'tablet' | 'desktop', lang: 'nl' | 'en'): Promise<Page> {
  const { name: _name, ...options } = DEVICES.find((d) => d.name === device)!;
  const context = await browser.newContext({ baseURL: BASE, ...options, locale: lang === 'nl' ? 'nl-NL' : 'en-GB' });
  await context.addInitScript((l) => localStorage.setItem('atelier.lang', l), lang);
  return context.newPage();
}

/** A pupil joins by the code (from the QR's URL), uses the first work of the assignment, and sends a titled work. */
async function joinAndSend(page: Page, code: string, title: string, tap: boolean) {
  await page.goto(`/join/${code}`);
  await expect(page.getByTestId('join-code')).toHaveValue(code);
  if (tap) await page.getByTestId('join-submit').tap();
  else await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('pupil-home')).toBeVisible();
  await expect(page.getByTestId('pupil-rejoin')).toBeVisible();
  await sendWork(page, title, tap);
}

async function sendWork(page: Page, title: string, tap: boolean) {
  const use = page.getByTestId('pupil-use-work').first();
  if (tap) await use.tap();
  else await use.click();
  await expect(page.getByTestId('pupil-banner')).toBeVisible();
  // No searching in this workshop: the studio offers the assignment (the work and its detail) and no search box.
  await expect(page.getByTestId('workshop-collection').getByTestId('work-card')).toHaveCount(2);
  await expect(page.getByTestId('workshop-collection').locator('[data-detail="true"]')).toHaveCount(1);
  await expect(page.getByTestId('collection-search')).toHaveCount(0);
  // Only the workshop's remix tools.
  await expect(page.getByTestId('remix-tool-style')).toBeVisible();
  await expect(page.getByTestId('remix-tool-cutout')).toHaveCount(0);
  await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-title').fill(title);
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('pupil-sent')).toBeVisible();
  await expect(page.getByTestId('pupil-submissions').getByTestId('workshop-submission').filter({ hasText: title })).toHaveAttribute('data-state', 'waiting');
}

test('an educator runs a workshop with three pupils: prepare, join, make, approve, show, take home', async ({ browser }) => {
  const educator = await (await browser.newContext({ baseURL: BASE, locale: 'en-GB', viewport: { width: 1366, height: 900 } })).newPage();
  let code = '';

  await test.step('2. prepare: the educator creates the workshop and sees the retention period', async () => {
    await educator.goto('/workshops');
    await educator.getByTestId('login-username').fill(process.env.E2E_EDUCATOR_USER!);
    await educator.getByTestId('login-password').fill(PASSWORD);
    await educator.getByTestId('login-submit').click();
    await expect(educator.getByTestId('workshop-retention')).toContainText('30 days');
    await educator.getByTestId('workshop-title').fill('Harvest and waves');
    await educator.getByTestId('workshop-brief-nl').fill('Maak een nieuw oogstlandschap.');
    await educator.getByTestId('workshop-brief-en').fill('Make a new harvest landscape.');
    await educator.getByTestId('workshop-search').fill('Harvesters');
    await educator.getByTestId('workshop-search-button').click();
    await educator.getByTestId('workshop-add-work').first().click();
    await expect(educator.getByTestId('workshop-chosen-work')).toHaveCount(1);
    // And a detail of it (a IIIF region), chosen with the keyboard in the studio's detail picker.
    await educator.getByTestId('workshop-add-detail').first().click();
    // The keyboard's rectangle is sized on the shown image: wait until it has loaded.
    await expect.poll(() => educator.getByTestId('detail-stage').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await educator.getByTestId('detail-stage').focus();
    await educator.keyboard.press('ArrowRight');
    await expect(educator.getByTestId('detail-place')).toBeEnabled();
    await educator.keyboard.press('Enter');
    await expect(educator.locator('[data-testid="workshop-chosen-work"][data-detail="true"]')).toHaveCount(1);
    await educator.getByTestId('workshop-create-submit').click();
    await expect(educator.getByTestId('workshop-code')).toBeVisible();
    code = (await educator.getByTestId('workshop-code').textContent())!.trim();
    expect(code).toMatch(/^[346789ABCDEFGHJKMNPQRTUVWXY]{6}$/);
    await expect(educator.getByTestId('workshop-join-qr')).toHaveAttribute('data-value', new RegExp(`/join/${code}$`));
    await expect(educator.getByTestId('workshop-live')).toBeVisible();
    await shot(educator, 'workshop-1-join-code.png');
  });

  const ada = await pupilPage(browser, 'tablet', 'nl');
  const ben = await pupilPage(browser, 'desktop', 'en');
  const cas = await pupilPage(browser, 'desktop', 'en');

  await test.step('3. join: an unknown code is refused in the pupil’s language; three pupils join with pseudonyms', async () => {
    await ada.goto('/join');
    await ada.getByTestId('join-code').fill('XXXXXX');
    await ada.getByTestId('join-submit').tap();
    await expect(ada.getByTestId('join-error')).toHaveText('Geen workshop heeft deze code. Kijk nog eens naar de code op het scherm.');
    await joinAndSend(ada, code, 'Ada’s harvest', true);
    await expect(ada.getByTestId('pupil-pseudonym')).toContainText('Jij bent');
    await expect(ada.getByTestId('pupil-brief')).toHaveText('Maak een nieuw oogstlandschap.');
    await shot(ada, 'workshop-2-pupil-tablet.png');
    await joinAndSend(ben, code, 'Ben’s harvest', false);
    await joinAndSend(cas, code, 'Cas’s harvest', false);
    await expect(educator.getByTestId('workshop-pupils').getByRole('listitem')).toHaveCount(3);
  });

  await test.step('5. approve: the work arrives live; approve, return with a comment (revised and approved), reject', async () => {
    const queue = educator.getByTestId('workshop-queue');
    await expect(queue.getByTestId('workshop-submission')).toHaveCount(3); // arrived by events, no reload
    await shot(educator, 'workshop-3-approval-queue.png');
    const card = (title: string) => queue.getByTestId('workshop-submission').filter({ hasText: title });
    await card('Ada’s harvest').getByTestId('decide-approve').click();
    await card('Ben’s harvest').getByRole('textbox').fill('More sky, please!');
    await card('Ben’s harvest').getByTestId('decide-return').click();
    await card('Cas’s harvest').getByTestId('decide-reject').click();
    await expect(queue.getByTestId('workshop-submission')).toHaveCount(0);

    // Ben sees the comment live on his page and sends a revision.
    await expect(ben.getByTestId('pupil-submissions')).toContainText('More sky, please!');
    await expect(ben.getByTestId('pupil-submissions').getByTestId('workshop-submission').first()).toHaveAttribute('data-state', 'returned');
    await sendWork(ben, 'Ben’s harvest, more sky', false);
    await card('Ben’s harvest, more sky').getByTestId('decide-approve').click();
    await expect(cas.getByTestId('pupil-submissions').getByTestId('workshop-submission').first()).toHaveAttribute('data-state', 'rejected');
  });

  await test.step('6. show: the projector view shows the class gallery with a QR per work, updating live', async () => {
    const projector = await (await browser.newContext({ baseURL: BASE, locale: 'en-GB', viewport: { width: 1920, height: 1080 }, storageState: await educator.context().storageState() })).newPage();
    await projector.goto(`/workshops/${educator.url().split('/').at(-1)}/projector`);
    await expect(projector.getByTestId('projector-work')).toHaveCount(2);
    await expect(projector.getByTestId('workshop-projector')).toContainText('Ada’s harvest');
    await shot(projector, 'workshop-4-projector.png');
  });

  await test.step('7. take home: the class export ZIP and each pupil’s own link', async () => {
    const zip = await educator.request.get(`/api/gallery/workshops/${educator.url().split('/').at(-1)}/export.zip`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
    const bytes = await zip.body();
    expect(bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(bytes.toString('latin1')).toContain('index.html');
    const link = await ada.getByTestId('pupil-take-home').getAttribute('href');
    const home = await (await browser.newContext({ baseURL: BASE, locale: 'nl-NL' })).newPage();
    await home.goto(new URL(link!).pathname);
    await expect(home.getByTestId('workshop-submission')).toHaveCount(1);
    await expect(home.getByTestId('workshop-submission')).toContainText('Ada’s harvest');
  });

  await test.step('3. rejoin on another device as the same pseudonym; the educator ends the workshop', async () => {
    const rejoin = (await ada.getByTestId('pupil-rejoin').textContent())!.match(/[346789ABCDEFGHJKMNPQRTUVWXY]{5}/)![0];
    const name = (await ada.getByTestId('pupil-pseudonym').textContent())!;
    const other = await pupilPage(browser, 'tablet', 'nl');
    await other.goto('/join');
    await other.getByTestId('join-code').fill(code.toLowerCase());
    await other.getByTestId('join-rejoin').fill(rejoin);
    await other.getByTestId('join-submit').tap();
    await expect(other.getByTestId('pupil-pseudonym')).toHaveText(name);
    educator.on('dialog', (d) => void d.accept());
    await educator.getByTestId('workshop-end').click();
    await expect(educator.getByTestId('workshop-join')).toHaveCount(0);
    const late = await pupilPage(browser, 'desktop', 'en');
    await late.goto(`/join/${code}`);
    await late.getByTestId('join-submit').click();
    await expect(late.getByTestId('join-error')).toHaveText('This workshop has ended.');
  });
});
