import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, request as playwrightRequest, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { REPO_ROOT } from '../../scripts/stack';
import { watchBrowserProblems } from './browser-problems';
import { DEVICES } from './devices';
import { approve, exhibit, publish, staffApi, withdraw } from './exhibition-fixtures';

// Issue 12 item 8: the digital sculpture garden. An exhibition of three approved creations (and one withdrawn, which
// must not hang) walked through in the browser's WebGL by keyboard and by touch; its labels read in HTML; with WebGL
// switched off, the same works and labels as a list; axe on both.
const BASE = process.env.E2E_BASE_URL!;
const SHOTS = resolve(REPO_ROOT, 'test-results/screenshots');
test.use({ baseURL: BASE });

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const stamp = Date.now();
const titles = [`Garden red ${stamp}`, `Garden blue ${stamp}`, `Garden yellow ${stamp}`];
const withdrawnTitle = `Garden withdrawn ${stamp}`;
let ids: string[] = [];
let withdrawnId = '';
let exhibitionId = '';
/** The pseudonym the publishing visitor's session was given: every label in the garden names it. */
let maker = { nl: '', en: '' };

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const visitor = await playwrightRequest.newContext({ baseURL: BASE });
  ids = [];
  for (const [i, title] of titles.entries()) ids.push(await publish(visitor, title, ['#c0392b', '#1f6feb', '#f1c40f'][i]!));
  withdrawnId = await publish(visitor, withdrawnTitle, '#000000');
  maker = await (await visitor.get('/api/gallery/creations/maker')).json();
  await visitor.dispose();
  const staff = await staffApi(BASE);
  await approve(staff, [...ids, withdrawnId]);
  exhibitionId = await exhibit(staff, { en: 'A garden of pearls', nl: 'Een tuin van parels' }, [ids[0]!, withdrawnId, ids[1]!, ids[2]!]);
  await withdraw(staff, withdrawnId);
  await staff.dispose();
});

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page, axeSource: AXE_SOURCE }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The stage's pose as the page reports it: x, z (metres) and yaw (radians). */
async function pose(stage: Locator): Promise<[number, number, number]> {
  return ((await stage.getAttribute('data-pose')) ?? '0,0,0').split(',').map(Number) as [number, number, number];
}

/** The room as drawn: not one flat colour (walls, floor, frames and the pictures in them). */
async function expectDrawn(stage: Locator, path: string) {
  const png = await stage.screenshot({ path });
  const { channels } = await sharp(png).stats();
  expect(Math.max(...channels.slice(0, 3).map((c) => c.stdev)), 'the WebGL canvas is blank').toBeGreaterThan(12);
  // The creations' strokes are on the walls: some clearly red and some clearly blue pixels (the walls are cream).
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  let blue = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    if (r > 150 && g < 90 && b < 90) red++;
    if (b > 150 && r < 90 && g < 150) blue++;
  }
  expect(red, 'no red stroke on the walls').toBeGreaterThan(20);
  expect(blue, 'no blue stroke on the walls').toBeGreaterThan(20);
}

test('desktop: open the garden from the exhibition, see the room drawn, walk by keyboard to a work and read its label', async ({ page }) => {
  const problems = await watchBrowserProblems(page);
  await page.goto(`/exhibitions/${exhibitionId}`);
  await page.getByTestId('exhibition-garden-link').click();
  await expect(page).toHaveURL(new RegExp(`/exhibitions/${exhibitionId}/garden$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A garden of pearls: walk through the room');
  const stage = page.getByTestId('garden-stage');
  await expect(stage).toHaveAttribute('data-ready', 'true');
  // The three approved works hang, in the curated order; the withdrawn one does not.
  await expect(page.getByTestId('garden-go')).toHaveText(titles);
  await expect(page.getByText(withdrawnTitle)).toHaveCount(0);

  // Every picture arrives as a texture and is drawn; that frame is kept for the record.
  await expect(stage).toHaveAttribute('data-pictures', '3');
  await expectDrawn(stage, join(SHOTS, 'garden-1.png'));

  // Walk: focus the room, hold the up arrow until the far wall's work (the second) is in front; its label is read.
  await stage.focus();
  await expect(page.getByTestId('garden-label-panel')).toContainText('Walk up to a work');
  const [, startZ] = await pose(stage);
  await page.keyboard.down('ArrowUp');
  await expect(stage).toHaveAttribute('data-in-view', '1');
  await page.keyboard.up('ArrowUp');
  expect((await pose(stage))[1]).toBeLessThan(startZ);
  await expect(page.getByTestId('garden-label-title')).toHaveText(titles[1]!);
  await expect(page.getByTestId('garden-label-maker')).toHaveText(new RegExp(`^by ${maker.en}, \\d{4}$`));
  await expect(page.getByTestId('garden-label-based-on')).toContainText('The Harvesters');
  await expect(page.getByTestId('garden-label-licence')).toContainText('CC0');
  // Enter goes to the next work (the third, on the east wall) and shows its label.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('garden-label-title')).toHaveText(titles[2]!);
  await expect(stage).toHaveAttribute('data-in-view', '2');
  // Turn: hold D (right) a moment, and the yaw goes down.
  const [, , yaw] = await pose(stage);
  await page.keyboard.down('d');
  await expect.poll(async () => (await pose(stage))[2]).toBeLessThan(yaw - 0.3);
  await page.keyboard.up('d');
  // Tab leaves the room for the on-screen buttons; "Next work" by keyboard goes on round, to the first.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('garden-previous')).toBeFocused();
  await page.getByTestId('garden-next').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('garden-label-title')).toHaveText(titles[0]!);
  await expect(page.getByTestId('garden-go').first()).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('garden-label')).toHaveAttribute('data-creation-id', ids[0]!);

  expect(await seriousViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

for (const device of DEVICES.filter((d) => d.hasTouch)) {
  test(`${device.name}: drag to look round, the on-screen buttons are 44 px or more and walk to a work`, async ({ browser }) => {
    const { name: _name, ...options } = device;
    const context = await browser.newContext({ baseURL: BASE, ...options, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const problems = await watchBrowserProblems(page);
    await page.goto(`/exhibitions/${exhibitionId}/garden`);
    const stage = page.getByTestId('garden-stage');
    await expect(stage).toHaveAttribute('data-ready', 'true');
    await expect(stage).toHaveAttribute('data-pictures', '3');
    await expect(page.getByTestId('garden-go')).toHaveCount(3);

    for (const id of ['garden-previous', 'garden-turn-left', 'garden-forward', 'garden-back-step', 'garden-turn-right', 'garden-next']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.width, id).toBeGreaterThanOrEqual(44);
      expect(box.height, id).toBeGreaterThanOrEqual(44);
    }

    // A finger dragged from right to left across the room turns the view right (yaw goes down).
    await stage.scrollIntoViewIfNeeded();
    const box = (await stage.boundingBox())!;
    const cdp = await context.newCDPSession(page);
    const y = box.y + box.height / 2;
    const [, , yaw0] = await pose(stage);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x + box.width * 0.8, y }] });
    for (let i = 1; i <= 6; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: box.x + box.width * (0.8 - i * 0.1), y }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await pose(stage))[2]).toBeLessThan(yaw0 - 0.5);

    // Holding "Forward" walks; "Next work" goes to the first work (in one cut: reduced motion) and shows its label.
    const [, z0] = await pose(stage);
    await page.getByTestId('garden-forward').scrollIntoViewIfNeeded();
    const forward = (await page.getByTestId('garden-forward').boundingBox())!;
    const fx = forward.x + forward.width / 2;
    const fy = forward.y + forward.height / 2;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: fx, y: fy }] });
    await expect.poll(async () => (await pose(stage))[1]).not.toBe(z0);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.getByTestId('garden-next').tap();
    await expect(page.getByTestId('garden-label-title')).toHaveText(titles[0]!);
    await expect(page.getByTestId('garden-label-licence')).toBeVisible();
    await stage.screenshot({ path: join(SHOTS, `garden-${device.name}.png`) });

    // Neither the page nor the room scrolls sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
}

test('without WebGL, the garden is a list of every work with its label', async ({ browser }) => {
  for (const device of [DEVICES[0], DEVICES[2]]) {
    const { name: _name, ...options } = device;
    const context = await browser.newContext({ baseURL: BASE, ...options });
    // A browser with WebGL switched off (or no GPU and no software fallback): no WebGL context of any version.
    await context.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
        if (/webgl/i.test(kind)) return null;
        return (original as (...a: unknown[]) => unknown).call(this, kind, ...rest);
      } as typeof original;
    });
    const page = await context.newPage();
    const problems = await watchBrowserProblems(page);
    await page.goto(`/exhibitions/${exhibitionId}/garden`);
    await expect(page.getByTestId('garden-fallback')).toBeVisible();
    await expect(page.getByTestId('garden-stage')).toHaveCount(0);
    const items = page.getByTestId('garden-list-item');
    await expect(items).toHaveCount(3);
    await expect(page.getByTestId('garden-list-label-title')).toHaveText(titles);
    for (let i = 0; i < 3; i++) {
      const item = items.nth(i);
      await expect(item).toHaveAttribute('data-creation-id', ids[i]!);
      await expect(item.getByTestId('garden-list-label-maker')).toContainText(`by ${maker.en}`);
      await expect(item.getByTestId('garden-list-label-based-on')).toContainText('The Harvesters');
      await expect(item.getByTestId('garden-list-label-licence')).toContainText('CC0');
      await expect(item.getByRole('img')).toHaveJSProperty('complete', true);
    }
    await expect(page.getByText(withdrawnTitle)).toHaveCount(0);
    // No three.js was fetched for a page that cannot use it.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /garden-scene/.test(n)));
    expect(scripts).toEqual([]);
    if (device.name === 'phone') await page.screenshot({ path: join(SHOTS, 'garden-fallback-phone.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }
});

test('a creation withdrawn while the garden is open leaves its wall', async ({ page }) => {
  const visitor = await playwrightRequest.newContext({ baseURL: BASE });
  const names = [`Garden stays ${stamp}`, `Garden leaves ${stamp}`];
  const [stays, leaves] = [await publish(visitor, names[0]!, '#1f6feb'), await publish(visitor, names[1]!, '#c0392b')];
  await visitor.dispose();
  const staff = await staffApi(BASE);
  await approve(staff, [stays, leaves]);
  const id = await exhibit(staff, { en: 'A short-lived garden', nl: 'Een kortstondige tuin' }, [stays, leaves]);
  const problems = await watchBrowserProblems(page);
  await page.goto(`/exhibitions/${id}/garden`);
  const stage = page.getByTestId('garden-stage');
  await expect(stage).toHaveAttribute('data-pictures', '2');
  await expect(page.getByTestId('garden-go')).toHaveText(names);
  await withdraw(staff, leaves);
  // The exhibition's event stream says so; the room is hung again without it.
  await expect(page.getByTestId('garden-go')).toHaveText([names[0]!]);
  await expect(stage).toHaveAttribute('data-pictures', '1');
  await expect(page.getByText(names[1]!)).toHaveCount(0);
  await staff.dispose();
  expect(problems).toEqual([]);
});
