import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { watchBrowserProblems } from './browser-problems';
import { approve, publish, staffApi } from './exhibition-fixtures';

// Issue 12 through the real UI and services: staff curate an exhibition, a kiosk runs it and advances, a withdrawal
// leaves the running kiosk; a visitor's take-home memento right after publishing.
const BASE = process.env.E2E_BASE_URL!;
const SHOTS = process.env.EXHIBITION_SHOTS ?? '/tmp/exhibition-shots';
test.use({ baseURL: BASE });

async function login(page: Page, user: string) {
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(process.env.E2E_STAFF_PASSWORD!);
  await page.getByTestId('login-submit').click();
}

const titles = [`Pearl A ${Date.now()}`, `Pearl B ${Date.now()}`, `Pearl C ${Date.now()}`];
let ids: string[] = [];
/** The pseudonym the publishing visitor's session was given: every one of its creations carries it. */
let maker = { nl: '', en: '' };

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const visitor = await playwrightRequest.newContext({ baseURL: BASE });
  ids = [];
  for (const [i, title] of titles.entries()) ids.push(await publish(visitor, title, ['#c0392b', '#1f6feb', '#f1c40f'][i]!));
  maker = await (await visitor.get('/api/gallery/creations/maker')).json();
  expect(maker.en).toMatch(/^\S+ \S+ \d{1,2}$/);
  await visitor.dispose();
  const staff = await staffApi(BASE);
  await approve(staff, ids);
  await staff.dispose();
});

test('curate an exhibition, run it on a kiosk, and withdraw a creation from the running kiosk', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const problems = await watchBrowserProblems(page);

  // A juror cannot curate.
  await page.goto('/exhibitions/manage');
  await login(page, process.env.E2E_JURY_USER!);
  await expect(page.getByTestId('staff-forbidden')).toBeVisible();
  await page.getByTestId('logout').click();
  await login(page, process.env.E2E_STAFF_USER!);

  await page.getByTestId('exhibition-new').click();
  await page.getByTestId('exhibition-title-en').fill('Pearls by visitors');
  await page.getByTestId('exhibition-title-nl').fill('Parels van bezoekers');
  await page.getByTestId('exhibition-seconds').fill('3');
  await page.getByTestId('exhibition-public').check();
  for (const id of ids) await page.locator(`[data-testid=candidate][data-creation-id="${id}"]`).getByTestId('candidate-add').click();
  const order = () => page.getByTestId('selection-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-creation-id')));
  await expect.poll(order).toEqual(ids);

  // Reorder by keyboard: the first one's handle, ArrowDown twice (to the end); then by drag: the new last one to the top.
  await page.getByTestId('selection-handle').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(order).toEqual([ids[1], ids[2], ids[0]]);
  await expect(page.getByTestId('selection-handle').last()).toBeFocused();
  await expect(page.getByTestId('exhibition-save-status')).toContainText('position 3 of 3');
  await page.getByTestId('selection-item').last().dragTo(page.getByTestId('selection-item').first());
  await expect.poll(order).toEqual([ids[0], ids[1], ids[2]]);
  await page.getByTestId('selection-handle').nth(2).focus();
  await page.keyboard.press('Home');
  const curated = [ids[2], ids[0], ids[1]];
  await expect.poll(order).toEqual(curated);

  await page.getByTestId('exhibition-save').click();
  await expect(page.getByTestId('exhibition-save-status')).toHaveText('Saved.');
  const exhibitionId = /\/exhibitions\/manage\/([0-9a-f-]{36})$/.exec(page.url())![1]!;

  // The public page, in the curated order.
  const visitorPage = await browser.newPage({ baseURL: BASE });
  await visitorPage.goto(`/exhibitions/${exhibitionId}`);
  await expect(visitorPage.getByRole('heading', { level: 1 })).toHaveText('Pearls by visitors');
  await expect.poll(() => visitorPage.getByTestId('exhibition-creation').evaluateAll((els) => els.map((e) => e.getAttribute('data-creation-id')))).toEqual(curated);

  // The kiosk: full screen, cursor hidden, slides advance every 3 s.
  const screen = await browser.newPage({ baseURL: BASE, viewport: { width: 1280, height: 720 } });
  const screenProblems = await watchBrowserProblems(screen);
  await screen.goto(`/kiosk/${exhibitionId}`);
  const kiosk = screen.getByTestId('kiosk');
  await expect(kiosk).toHaveAttribute('data-slides', curated.join(','));
  await expect(kiosk).toHaveCSS('cursor', 'none');
  await expect(screen.locator('.site-header')).toBeHidden();
  const seen = new Set<string>();
  const watch = setInterval(() => void kiosk.getAttribute('data-slide-id').then((id) => id && seen.add(id), () => undefined), 250);
  await expect(kiosk).toHaveAttribute('data-slide-id', curated[0]!);
  await expect(screen.getByTestId('kiosk-title')).toHaveText(titles[2]!);
  await expect(screen.getByTestId('kiosk-credit')).toContainText('The Harvesters');
  await expect(screen.getByTestId('kiosk-maker')).toContainText(`by ${maker.en}`);
  await expect(screen.getByTestId('kiosk-qr')).toHaveAttribute('data-value', new RegExp(`/gallery/${curated[0]}$`));
  await expect(screen.locator('.kiosk-image img')).toHaveJSProperty('complete', true);
  await screen.screenshot({ path: join(SHOTS, 'kiosk-landscape.png') });
  await expect(kiosk).toHaveAttribute('data-slide-id', curated[1]!, { timeout: 8_000 });
  await expect(kiosk).toHaveAttribute('data-slide-id', curated[2]!, { timeout: 8_000 });

  // Portrait: the label under the image.
  const frame = await browser.newPage({ baseURL: BASE, viewport: { width: 720, height: 1280 } });
  await frame.goto(`/kiosk/${exhibitionId}?transition=none`);
  await expect(frame.getByTestId('kiosk-title')).toBeVisible();
  const img = (await frame.locator('.kiosk-image img').boundingBox())!;
  const caption = (await frame.locator('.kiosk-caption').boundingBox())!;
  expect(caption.y).toBeGreaterThanOrEqual(img.y + img.height - 1);
  await frame.screenshot({ path: join(SHOTS, 'kiosk-portrait.png') });
  await frame.close();

  // Withdraw the one on the kiosk's first slide: it leaves the running kiosk at once (its event stream), and never shows again.
  const victim = curated[0]!;
  const row = page.locator(`[data-testid=selection-item][data-creation-id="${victim}"]`);
  await row.getByTestId('withdraw-open').click();
  await row.getByTestId('withdraw-reason').fill('The maker asked us to take it down.');
  const withdrawnAt = Date.now();
  await row.getByTestId('withdraw-confirm').click();
  await expect(row).toContainText('Withdrawn');
  await expect(kiosk).toHaveAttribute('data-slides', curated.slice(1).join(','), { timeout: 60_000 });
  const leftAfterMs = Date.now() - withdrawnAt;
  seen.clear();
  await screen.waitForTimeout(7_000); // two more slides: the withdrawn one is not among them
  clearInterval(watch);
  expect([...seen]).not.toContain(victim);
  expect(seen.size).toBeGreaterThan(0);
  expect((await screen.request.get(`/api/gallery/creations/${victim}/image/working`)).status()).toBe(404);
  await visitorPage.reload();
  await expect.poll(() => visitorPage.getByTestId('exhibition-creation').count()).toBe(2);
  console.log(`withdrawal left the running kiosk after ${leftAfterMs} ms`);
  await screen.screenshot({ path: join(SHOTS, 'kiosk-after-withdrawal.png') });

  expect(problems).toEqual([]);
  expect(screenProblems).toEqual([]);
});

test('right after publishing, the visitor gets a private memento link and QR that opens while pending', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.locator('[data-testid=work-card][data-work-id=local-bruegel-harvesters]').getByTestId('add-to-canvas').click();
  await page.getByTestId('publish-open').click();
  // The panel names the pseudonym the creation will carry, before anything is published.
  await expect(page.getByTestId('publish-maker')).toContainText(/You publish as \S+ \S+ \d{1,2}/);
  const publishAs = (await page.getByTestId('publish-maker').locator('strong').textContent())!.replace('You publish as ', '');
  await page.getByTestId('publish-title').fill(`Memento ${Date.now()}`);
  await page.getByTestId('publish-licence-cc0').check();
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('publish-success')).toBeVisible();
  const link = page.getByTestId('memento-link-url');
  await expect(link).toHaveText(/\/memento#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('memento-link-qr')).toHaveAttribute('data-value', (await link.textContent())!);
  const url = new URL((await link.textContent())!);

  // Another browser (the visitor's phone): no session, only the link.
  const phone = await page.context().browser()!.newPage({ baseURL: BASE, viewport: { width: 390, height: 844 } });
  await phone.goto(`${url.pathname}${url.hash}`);
  await expect(phone.getByTestId('memento-status')).toHaveAttribute('data-status', 'pending');
  await expect(phone.getByTestId('memento-credit')).toContainText('by a visitor of');
  await expect(phone.getByTestId('memento-maker')).toHaveText(`by ${publishAs}`);
  await expect(phone.getByTestId('memento-image')).toBeVisible();
  await expect(phone.getByTestId('memento-postcard')).toContainText('by a visitor of');
  const download = phone.waitForEvent('download');
  await phone.getByTestId('memento-download').click();
  expect((await download).suggestedFilename()).toMatch(/^Memento \d+\.png$/);
  await phone.screenshot({ path: join(SHOTS, 'memento-pending.png'), fullPage: true });
});

test('an open call from submission to results, with two jurors and three voters', async ({ browser }) => {
  test.setTimeout(300_000);
  const origin = new URL(BASE).origin;
  // The curator opens the call.
  const staffPage = await browser.newPage({ baseURL: BASE });
  await staffPage.goto('/exhibitions/manage');
  await login(staffPage, process.env.E2E_STAFF_USER!);
  const theme = `The Milkmaid today ${Date.now()}`;
  await staffPage.getByLabel('Theme (English)').fill(theme);
  await staffPage.getByLabel('Theme (Dutch)').fill(`Het melkmeisje nu ${Date.now()}`);
  await staffPage.getByRole('button', { name: 'Open the call' }).click();
  const row = staffPage.getByTestId('open-call-admin-row').filter({ hasText: theme });
  await expect(row).toBeVisible();
  const callPath = (await row.getByRole('link').getAttribute('href'))!;

  // Two makers publish and submit from their own browsers; the curator approves both.
  const makers = [await browser.newContext({ baseURL: BASE }), await browser.newContext({ baseURL: BASE })];
  const made: string[] = [];
  for (const [i, maker] of makers.entries()) {
    const page = await maker.newPage();
    made.push(await publish(page.request, `Milkmaid ${i} ${Date.now()}`, i ? '#1f6feb' : '#c0392b'));
    await page.goto(callPath);
    await page.locator(`[data-testid=open-call-own][data-creation-id="${made[i]}"]`).getByTestId('open-call-submit').click();
    await expect(page.getByTestId('open-call-status')).toContainText('is submitted');
  }
  const api = await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { origin } });
  expect((await api.post('/api/gallery/auth/login', { data: { username: process.env.E2E_STAFF_USER, password: process.env.E2E_STAFF_PASSWORD } })).status()).toBe(200);
  for (const id of made) expect((await api.post(`/api/gallery/moderation/creations/${id}/decision`, { data: { decision: 'approve' } })).status()).toBe(200);
  await row.getByTestId('open-call-next').click(); // → judging
  await expect(row).toContainText('The jury is judging');

  // Two jurors score; the second also shortlists both.
  for (const [j, juror] of [process.env.E2E_JURY_USER!, process.env.E2E_JURY2_USER!].entries()) {
    const page = await browser.newPage({ baseURL: BASE });
    await page.goto(`${callPath}/jury`);
    await login(page, juror);
    for (const [i, id] of made.entries()) {
      const item = page.locator(`[data-testid=jury-item][data-creation-id="${id}"]`);
      for (const k of ['originality', 'craft', 'theme']) await item.getByTestId(`jury-${k}`).selectOption(String(i === 0 ? 5 : 2 + j));
      await item.getByTestId('jury-score-save').click();
      await expect(page.getByTestId('jury-status')).toContainText('is saved');
    }
    if (j === 1) {
      for (const id of made) await page.locator(`[data-testid=jury-item][data-creation-id="${id}"]`).getByTestId('jury-shortlist').check();
      await page.getByTestId('jury-shortlist-save').click();
      await expect(page.getByTestId('jury-status')).toHaveText('The shortlist is saved.');
    }
    await page.close();
  }
  await row.getByTestId('open-call-next').click(); // → voting
  await expect(row).toContainText('Public vote');

  // Three visitors vote, one vote each; the counts stay hidden.
  for (const choice of [made[1], made[1], made[0]]) {
    const voter = await browser.newContext({ baseURL: BASE });
    const page = await voter.newPage();
    await page.goto(callPath);
    await page.locator(`[data-testid=open-call-creation][data-creation-id="${choice}"]`).getByTestId('open-call-vote').click();
    await expect(page.getByTestId('open-call-my-vote')).toBeVisible();
    await expect(page.getByTestId('open-call-vote').first()).toBeDisabled();
    await expect(page.getByText(/\d+ votes?/)).toHaveCount(0);
    await voter.close();
  }
  await row.getByTestId('open-call-next').click(); // → results
  await expect(row).toContainText('Results');

  const results = await browser.newPage({ baseURL: BASE });
  await results.goto(callPath);
  await expect(results.getByTestId('open-call-winner')).toHaveAttribute('href', `/gallery/${made[0]}`);
  await expect(results.getByTestId('open-call-results')).toContainText('2 votes');
  await expect(results.getByTestId('open-call-results')).toContainText('1 vote');
  await results.screenshot({ path: join(SHOTS, 'open-call-results.png'), fullPage: true });
  await api.dispose();
});
