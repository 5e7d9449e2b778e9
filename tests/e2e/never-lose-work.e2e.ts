import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { REPO_ROOT } from '../../scripts/stack';
import { drawnCanvas } from '../support/drawn-canvas';
import { watchBrowserProblems } from './browser-problems';
import { DEVICES, type Device } from './devices';

// Issue #14 items 1–3 and 15 in the browser, on a desktop, a 1024×768 tablet and a 390×844 phone (touch):
// a reload keeps the canvas and its undo steps; a draft resumes in another browser by its code or its link;
// "my creations" shows a moderator's reason; the public gallery has pages.
const SHOTS = resolve(REPO_ROOT, 'test-results/screenshots');
const BASE = process.env.E2E_BASE_URL!;


interface Doc {
  layers: { id: string; kind: string; remixId?: string }[];
}
const getDoc = (page: Page) => page.evaluate(() => (window as unknown as { __atelier: { getDocument(): Doc } }).__atelier.getDocument());
const layerCount = async (page: Page) => (await getDoc(page)).layers.length;

test.use({ baseURL: BASE });
test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

/** A tap on a touch screen, a click elsewhere. */
const press = (device: Device, target: Locator) => (device.hasTouch ? target.tap() : target.click());

async function addWorks(device: Device, page: Page, ids: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await press(device, page.locator(`[data-testid=work-card][data-work-id=local-${id}]`).getByTestId('add-to-canvas'));
    await expect.poll(() => layerCount(page)).toBe(i + 1);
  }
}

async function drawStroke(page: Page): Promise<void> {
  await page.getByTestId('tool-brush').click();
  const box = (await page.getByTestId('canvas').locator('canvas').first().boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 30 + i * 12, box.y + 30 + i * 6);
  await page.mouse.up();
}

/** Nothing wider than the viewport: no sideways scrolling on a phone. */
async function expectNoOverflow(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

async function expectTapTarget(target: Locator): Promise<void> {
  const box = (await target.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
}

const contextFor = (browser: Browser, device: Device) =>
  browser.newContext({ baseURL: BASE, viewport: device.viewport, hasTouch: device.hasTouch, isMobile: device.isMobile, locale: 'en-GB' });

/** The staff API as the moderation page calls it (the studio's origin, a logged-in cookie). */
async function staffApi(): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: new URL(BASE).origin } });
  const login = await api.post('/api/gallery/auth/login', { data: { username: process.env.E2E_STAFF_USER, password: process.env.E2E_STAFF_PASSWORD } });
  expect(login.status()).toBe(200);
  return api;
}

for (const device of DEVICES) {
  test.describe(`on a ${device.name}`, () => {
    test.use({ viewport: device.viewport, hasTouch: device.hasTouch, isMobile: device.isMobile });

    test('a reload keeps all seven layers and the undo steps', async ({ page }) => {
      const problems = await watchBrowserProblems(page);
      await page.goto('/');
      await addWorks(device, page, ['bruegel-harvesters', 'hokusai-great-wave', 'munch-scream', 'turner-shipwreck', 'van-gogh-starry-night', 'seurat-grande-jatte']);
      await drawStroke(page);
      await expect.poll(() => layerCount(page)).toBe(7);
      const before = await getDoc(page);

      await page.reload();
      await expect.poll(() => layerCount(page)).toBe(7);
      expect(await getDoc(page)).toEqual(before);
      await page.getByText('Layers', { exact: true }).click();
      await expect(page.getByTestId('layer-item').filter({ hasText: 'The Harvesters' })).toHaveCount(1);
      await page.screenshot({ path: join(SHOTS, `4-studio-after-reload-${device.name}.png`) });
      // The undo history came back too.
      await press(device, page.getByTestId('undo'));
      await expect.poll(() => layerCount(page)).toBe(6);
      const redoneAt = await page.evaluate(() => new Date().toISOString());
      await press(device, page.getByTestId('redo'));
      await expect.poll(() => layerCount(page)).toBe(7);
      await expectNoOverflow(page);

      // A saved canvas that cannot be read is kept aside, and the visitor starts fresh with a calm message. (First the
      // autosave of the redo must have landed, or leaving the page would write it over the broken one.)
      // The save from before the reload also says [7, 0]: wait for one written after the redo.
      const savedSteps = () =>
        page.evaluate((since) => {
          const saved = JSON.parse(localStorage.getItem('atelier.canvas') ?? '{}');
          return saved.history && saved.savedAt > since ? [saved.history.present.layers.length, saved.history.future.length] : null;
        }, redoneAt);
      await expect.poll(savedSteps).toEqual([7, 0]);
      const broken = '{"format":1,"history":{"present":{"schemaVersion":1,"layers":"torn"}}}';
      await page.evaluate((b) => localStorage.setItem('atelier.canvas', b), broken);
      await page.reload();
      await expect(page.getByTestId('restore-failed')).toBeVisible();
      expect(await layerCount(page)).toBe(0);
      expect(JSON.parse((await page.evaluate(() => localStorage.getItem('atelier.canvas.unreadable')))!).saved).toBe(broken);
      await press(device, page.getByTestId('restore-failed').getByRole('button'));
      await expect(page.getByTestId('restore-failed')).toHaveCount(0);
      expect(problems).toEqual([]);
    });

    test('a draft saved here resumes in another browser by its code and by its link', async ({ page, browser }) => {
      const problems = await watchBrowserProblems(page);
      await page.goto('/');
      await addWorks(device, page, ['hokusai-great-wave', 'seurat-circus-sideshow']);
      await drawStroke(page);
      await expect.poll(() => layerCount(page)).toBe(3);
      const saved = await getDoc(page);

      await expectTapTarget(page.getByTestId('draft-save'));
      await press(device, page.getByTestId('draft-save'));
      const code = (await page.getByTestId('draft-code').textContent())!;
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      await expect(page.getByTestId('draft-qr')).toBeVisible();
      await expect(page.getByTestId('draft-qr')).toHaveAttribute('data-value', `${new URL(BASE).origin}/resume#${code}`);
      await page.getByTestId('draft-saved').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `5-draft-code-${device.name}.png`) });
      await expectNoOverflow(page);

      // Another browser (its own session), typing the code in lower case.
      const other = await contextFor(browser, device);
      const typed = await other.newPage();
      const typedProblems = await watchBrowserProblems(typed);
      await typed.goto('/');
      await expectTapTarget(typed.getByTestId('draft-open'));
      await typed.getByTestId('draft-code-input').fill(code.toLowerCase());
      await press(device, typed.getByTestId('draft-open'));
      await expect.poll(() => getDoc(typed)).toEqual(saved);
      await expect(typed.getByTestId('draft-open-status')).toHaveText('The saved canvas is open.');
      // Its undo steps came along.
      await press(device, typed.getByTestId('undo'));
      await expect.poll(() => layerCount(typed)).toBe(2);
      expect(typedProblems).toEqual([]);

      // A third browser follows the QR code's link, in Dutch.
      const third = await contextFor(browser, device);
      const linked = await third.newPage();
      await linked.goto('/gallery');
      await linked.getByTestId('lang-nl').click();
      // The choice is kept once the Dutch messages have arrived: leaving before that would forget it.
      await expect(linked.locator('html')).toHaveAttribute('lang', 'nl');
      await linked.goto(`/resume#${code}`);
      await expect(linked).toHaveURL(/\/$/);
      await expect.poll(() => getDoc(linked)).toEqual(saved);
      await expect(linked.getByTestId('draft-panel')).toContainText('Verder op een ander apparaat');
      // A code that opens nothing says so.
      await linked.getByTestId('draft-code-input').fill('ZZZZ-2222');
      await press(device, linked.getByTestId('draft-open'));
      await expect(linked.getByTestId('draft-open-error')).toContainText('Geen bewaard canvas heeft deze code');
      await other.close();
      await third.close();
      expect(problems).toEqual([]);
    });

    test("my creations shows the moderator's reason for a rejection", async ({ page, browser }) => {
      const title = `Rejected on a ${device.name} ${Date.now()}`;
      const reason = `Please leave out the faces (${device.name}).`;
      await page.goto('/');
      await addWorks(device, page, ['morisot-woman-toilette']);
      await press(device, page.getByTestId('publish-open'));
      await page.getByTestId('publish-title').fill(title);
      await press(device, page.getByTestId('publish-submit'));
      await expect(page.getByTestId('publish-success')).toBeVisible();
      await press(device, page.getByTestId('publish-mine-link'));
      const item = page.getByTestId('mine-item').filter({ hasText: title });
      await expect(item.getByTestId('mine-status')).toHaveText('Waiting for a moderator');
      const id = (await item.getAttribute('data-creation-id'))!;

      const staff = await staffApi();
      const decided = await staff.post(`/api/gallery/moderation/creations/${id}/decision`, { data: { decision: 'reject', reason } });
      expect(decided.status()).toBe(200);
      await staff.dispose();

      await page.reload();
      await expect(item.getByTestId('mine-status')).toHaveText('Not accepted');
      await expect(item.getByTestId('mine-reason')).toHaveText(`The moderator’s reason: ${reason}`);
      await expect(item.locator('img')).toBeVisible();
      await page.screenshot({ path: join(SHOTS, `6-my-creations-${device.name}.png`), fullPage: true });
      await expectNoOverflow(page);
      await press(device, page.getByTestId('lang-nl'));
      await expect(item.getByTestId('mine-status')).toHaveText('Niet geaccepteerd');
      await expect(item.getByTestId('mine-reason')).toContainText('De reden van de moderator:');

      // Another browser is another visitor: it sees none of them.
      const other = await contextFor(browser, device);
      const stranger = await other.newPage();
      await stranger.goto('/mine');
      await expect(stranger.getByTestId('mine-empty')).toBeVisible();
      await other.close();
    });
  });
}

test('a draft with a kept remix opens in another browser with the remix, and nothing else of the first visitor', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const problems = await watchBrowserProblems(page);
  await page.goto('/');
  await addWorks(DEVICES[0], page, ['bruegel-harvesters']);
  await page.locator('[data-testid=work-card][data-work-id=local-hokusai-great-wave]').getByTestId('use-as-style').click();
  await page.getByTestId('remix-submit').click();
  await expect(page.getByTestId('remix-keep')).toBeVisible({ timeout: 180_000 });
  await page.getByTestId('remix-keep').click();
  const remixId = (await getDoc(page)).layers.find((l) => l.kind === 'remix')?.remixId;
  expect(remixId).toBeTruthy();
  await page.getByTestId('draft-save').click();
  const code = (await page.getByTestId('draft-code').textContent())!;
  const saved = await getDoc(page);

  const other = await contextFor(browser, DEVICES[0]);
  const second = await other.newPage();
  const secondProblems = await watchBrowserProblems(second);
  await second.goto('/');
  const copy = second.waitForResponse((r) => /\/api\/gallery\/drafts\/[0-9a-f-]{36}\/remixes\/[0-9a-f-]{36}\/output\.png$/.test(r.url()));
  await second.getByTestId('draft-code-input').fill(code);
  await second.getByTestId('draft-open').click();
  await expect.poll(() => getDoc(second)).toEqual(saved);
  expect((await copy).status()).toBe(200);
  await second.screenshot({ path: join(SHOTS, '8-draft-with-remix-resumed.png') });
  // The remix itself stays the first visitor's: inference-service does not show it to the second browser.
  expect((await second.request.get(`/api/inference/remixes/${remixId}/output.png`)).status()).toBe(404);
  expect((await page.request.get(`/api/inference/remixes/${remixId}/output.png`)).status()).toBe(200);
  // After a reload the second browser still shows the draft's copy (the autosave keeps where it points).
  const again = second.waitForResponse((r) => r.url().includes('/api/gallery/drafts/') && r.url().endsWith('/output.png'));
  await second.reload();
  expect((await again).status()).toBe(200);
  // And the second browser publishes it: the draft's code lets gallery-api credit the remix from the draft's copy.
  const title = `Resumed and published ${Date.now()}`;
  await second.getByTestId('publish-open').click();
  await expect(second.getByTestId('publish-ingredients')).toContainText('Great Wave');
  await second.getByTestId('publish-title').fill(title);
  await second.getByTestId('publish-submit').click();
  await expect(second.getByTestId('publish-success')).toBeVisible();
  await second.getByTestId('publish-mine-link').click();
  await expect(second.getByTestId('mine-item').filter({ hasText: title }).getByTestId('mine-status')).toHaveText('Waiting for a moderator');
  expect(secondProblems).toEqual([]);
  expect(problems).toEqual([]);
  await other.close();
});

test.describe('the public gallery has pages', () => {
  test.beforeAll(async () => {
    // 25 approved creations, each published by its own visitor (a fresh session), so there are at least two pages.
    const document: CanvasDocument = { schemaVersion: 2, width: 64, height: 48, layers: [{ id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 9, 9], color: '#000', size: 3 }] }] };
    // The picture must show its document: gallery-api refuses one that does not.
    const png = await drawnCanvas(document);
    const staff = await staffApi();
    for (let i = 0; i < 25; i++) {
      const visitor = await playwrightRequest.newContext({ baseURL: BASE });
      const meta = { requestId: crypto.randomUUID(), title: `Paged ${i + 1}`, licence: 'cc0', document, remixIds: [] };
      const res = await visitor.post('/api/gallery/creations', {
        multipart: { meta: JSON.stringify(meta), image: { name: 'creation.png', mimeType: 'image/png', buffer: png } },
      });
      expect(res.status()).toBe(201);
      const { id } = await res.json();
      expect((await staff.post(`/api/gallery/moderation/creations/${id}/decision`, { data: { decision: 'approve' } })).status()).toBe(200);
      await visitor.dispose();
    }
    await staff.dispose();
  });

  for (const device of DEVICES) {
    test(`by keyboard or touch on a ${device.name}, in both languages`, async ({ browser }) => {
      const context = await contextFor(browser, device);
      const page = await context.newPage();
      const problems = await watchBrowserProblems(page);
      await page.goto('/gallery');
      await expect(page.getByTestId('gallery-card')).toHaveCount(24);
      const pager = page.getByTestId('gallery-pager');
      await expect(pager.getByTestId('gallery-pager-current')).toHaveText(/^Page 1 of [2-9]$/);
      await expectTapTarget(pager.getByTestId('gallery-pager-next'));
      const firstPage = await page.getByTestId('gallery-card').first().getAttribute('data-creation-id');

      if (device.hasTouch) await pager.getByTestId('gallery-pager-next').tap();
      else {
        await pager.getByTestId('gallery-pager-next').focus();
        await page.keyboard.press('Enter');
      }
      await expect(page).toHaveURL(/\/gallery\?page=2$/);
      await expect(pager.getByTestId('gallery-pager-current')).toHaveText(/^Page 2 of/);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      // The pager says page 2 at once; the cards follow when its page has loaded.
      await expect.poll(() => page.getByTestId('gallery-card').first().getAttribute('data-creation-id')).not.toBe(firstPage);
      await expectNoOverflow(page);
      await page.screenshot({ path: join(SHOTS, `7-gallery-page-2-${device.name}.png`), fullPage: true });

      await page.getByTestId('lang-nl').click();
      await expect(pager.getByTestId('gallery-pager-current')).toHaveText(/^Pagina 2 van/);
      await expect(pager.getByTestId('gallery-pager-prev')).toHaveText('Vorige');
      await page.goBack();
      await expect(page).toHaveURL(/\/gallery$/);
      await expect(pager.getByTestId('gallery-pager-current')).toHaveText(/^Pagina 1 van/);
      await expect(page.getByTestId('gallery-card').first()).toHaveAttribute('data-creation-id', firstPage!);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
