import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT, runCli } from '../../scripts/stack';
import { watchBrowserProblems } from './browser-problems';

// The whole visitor journey (issue #2 steps 1–7) through the real UI, services, Postgres, Redis and model.
const SAMPLE = process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample');
const SHOTS = resolve(REPO_ROOT, 'test-results/screenshots');
const stackEnv = () => JSON.parse(process.env.E2E_STACK_ENV ?? '{}') as Record<string, string>;

interface Doc {
  layers: { id: string; kind: string; x?: number; y?: number; scale?: number; strokes?: unknown[] }[];
}
const getDoc = (page: Page) =>
  page.evaluate(() => (window as unknown as { __atelier: { getDocument(): Doc } }).__atelier.getDocument());

// Set by global-setup, which starts the stack on free ports after this config was read.
test.use({ baseURL: process.env.E2E_BASE_URL });
test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('a visitor remixes collection works and the creation reaches the public gallery after moderation', async ({ page, browser }) => {
  const title = `Harvest in a wave ${Date.now()}`;
  // The whole journey runs under the studio's CSP: nothing may be blocked, nothing may throw.
  const problems = await watchBrowserProblems(page);

  await test.step('1. an operator imports the collection; NC works are refused with a reason', () => {
    // global-setup ran the first import (every test file needs the collection); its report is kept.
    expect(process.env.E2E_FIRST_IMPORT).toMatch(/imported 12\b/);
    const again = runCli(stackEnv(), 'gallery-api/src/cli/collection.cli.ts', ['import-folder', SAMPLE]);
    expect(again).toMatch(/imported 0, updated 0, unchanged 12/);

    const nc = mkdtempSync(join(tmpdir(), 'atelier-nc-'));
    mkdirSync(join(nc, 'images'));
    copyFileSync(join(SAMPLE, 'images/munch_the-scream_1893.jpg'), join(nc, 'images/x.jpg'));
    const work = { id: 'nc-work', file: 'images/x.jpg', title: 'Not for remixing', creator: { name: 'Someone' } };
    writeFileSync(
      join(nc, 'works.json'),
      JSON.stringify({ works: [{ ...work, licence: 'https://creativecommons.org/licenses/by-nc/4.0/' }] }),
    );
    expect(runCli(stackEnv(), 'gallery-api/src/cli/collection.cli.ts', ['import-folder', nc])).toMatch(/refused nc-work: Non-commercial/);
  });

  await test.step('2. the visitor composes: places, moves and scales a work, draws, undoes and redoes', async () => {
    const studio = await page.goto('/');
    expect(studio?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('work-card')).toHaveCount(12);
    const harvesters = page.locator('[data-testid=work-card][data-work-id=local-bruegel-harvesters]');
    await expect(harvesters.getByTestId('licence-badge')).toBeVisible();
    await harvesters.getByTestId('add-to-canvas').click();
    await expect.poll(async () => (await getDoc(page)).layers.length).toBe(1);
    const placed = (await getDoc(page)).layers[0]!;
    expect(placed.kind).toBe('work');

    await page.getByTestId('tool-move').click();
    const box = (await page.getByTestId('canvas').locator('canvas').first().boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 40, cy + 30, { steps: 5 });
    await page.mouse.move(cx + 80, cy + 60, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await getDoc(page)).layers[0]!.x).not.toBe(placed.x);
    await page.getByTestId('scale-up').click();
    await expect.poll(async () => (await getDoc(page)).layers[0]!.scale).toBeGreaterThan(placed.scale ?? 0);

    await page.getByTestId('tool-brush').click();
    await page.mouse.move(box.x + 60, box.y + 60);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 60 + i * 15, box.y + 60 + i * 8);
    await page.mouse.up();
    const strokes = async () => (await getDoc(page)).layers.filter((l) => l.kind === 'strokes').flatMap((l) => l.strokes ?? []).length;
    await expect.poll(strokes).toBe(1);
    await page.getByTestId('undo').click();
    await expect.poll(strokes).toBe(0);
    await page.getByTestId('redo').click();
    await expect.poll(strokes).toBe(1);

    // A colouring page of this canvas, drawn in the browser, with the work it shows credited under it.
    await page.getByTestId('canvas-colouring').click();
    const sheet = page.getByTestId('canvas-colouring-sheet');
    await expect.poll(() => sheet.getByTestId('canvas-colouring-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(sheet.getByTestId('canvas-colouring-credits')).toContainText('The Harvesters');
  });

  await test.step('3–4. the visitor remixes in the style of another work and keeps the result', async () => {
    const posts: string[] = [];
    const streams: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/inference/remixes')) posts.push(r.url());
      if (/\/api\/inference\/remixes\/[^/]+\/events$/.test(r.url())) streams.push(r.url());
    });
    await page.locator('[data-testid=work-card][data-work-id=local-hokusai-great-wave]').getByTestId('use-as-style').click();
    await page.getByTestId('remix-strength').fill('80');
    await page.getByTestId('remix-submit').dblclick();
    await expect(page.getByTestId('remix-keep')).toBeVisible({ timeout: 120_000 });
    expect(posts).toHaveLength(1);
    // One event stream carries the remix's whole life (queue, result, safety screen): no second stream, no polling.
    expect(streams).toHaveLength(1);
    await page.screenshot({ path: join(SHOTS, '1-studio-with-remix.png') });
    await page.getByTestId('remix-keep').click();
    await expect.poll(async () => (await getDoc(page)).layers.some((l) => l.kind === 'remix')).toBe(true);
  });

  await test.step('5. the visitor publishes with a title, alt text and an allowed licence', async () => {
    await page.getByTestId('publish-open').click();
    await expect(page.getByTestId('publish-ingredients')).toContainText('The Harvesters');
    await expect(page.getByTestId('publish-ingredients')).toContainText('Great Wave');
    // Only public-domain inputs: every output licence is possible.
    await expect(page.getByTestId('publish-licence-cc0')).toBeVisible();
    await expect(page.getByTestId('publish-licence-by-sa')).toBeVisible();
    await page.getByTestId('publish-title').fill(title);
    await page.getByTestId('publish-alt').fill('Wheat fields under a blue wave of brushstrokes');
    await page.getByTestId('publish-licence-by').check();
    await page.getByTestId('publish-submit').click();
    await expect(page.getByTestId('publish-success')).toBeVisible();
  });

  await test.step('pending creations are not public', async () => {
    await page.goto('/gallery');
    await expect(page.getByText(title)).toHaveCount(0);
  });

  await test.step('6. a moderator logs in and approves it', async () => {
    const staff = await browser.newContext();
    const mod = await staff.newPage();
    const modProblems = await watchBrowserProblems(mod);
    await mod.goto('/moderation');
    await mod.getByTestId('login-username').fill(process.env.E2E_STAFF_USER!);
    await mod.getByTestId('login-password').fill(process.env.E2E_STAFF_PASSWORD!);
    await mod.getByTestId('login-submit').click();
    const item = mod.getByTestId('queue-item').filter({ hasText: title });
    await expect(item).toBeVisible();
    await expect(item.locator('img')).toBeVisible();
    await mod.screenshot({ path: join(SHOTS, '2-moderation-queue.png') });
    await item.getByTestId('approve').click();
    await expect(mod.getByTestId('queue-item').filter({ hasText: title })).toHaveCount(0);
    // The login and the decision passed the Origin check from the studio's own pages.
    expect(modProblems).toEqual([]);
    await staff.close();
  });

  await test.step('7. the public gallery shows it with credit, licence, based-on links and JSON-LD', async () => {
    await page.goto('/gallery');
    await page.getByTestId('gallery-card').filter({ hasText: title }).click();
    await expect(page.getByTestId('creation-title')).toHaveText(title);
    await expect(page.getByTestId('creation-image')).toHaveAttribute('alt', /Wheat fields/);
    await expect(page.getByTestId('creation-licence')).toContainText('BY');
    await expect(page.getByTestId('creation-credit')).toContainText('The Harvesters');
    await expect(page.getByTestId('creation-based-on')).toContainText('Great Wave');
    // Each work links to its page at the holding institution, or says where it is held, or that nobody recorded it.
    const basedOn = (work: string) => page.getByTestId('creation-based-on').getByRole('listitem').filter({ hasText: work }).first();
    await expect(basedOn('The Harvesters').getByTestId('ingredient-original')).toHaveAttribute('href', 'https://www.metmuseum.org/art/collection/search/435809');
    await expect(basedOn('The Harvesters').getByTestId('ingredient-original')).toHaveText('See the original at The Metropolitan Museum of Art, New York');
    await expect(basedOn('Great Wave').getByTestId('ingredient-held')).toHaveText('Where the original is held is not recorded.');
    await expect(page.getByTestId('creation-iiif')).toHaveAttribute('href', /^\/api\/gallery\/creations\/[0-9a-f-]+\/manifest\.json$/);
    await expect(page.getByTestId('creation-provenance')).toContainText('magenta');
    const jsonLd = JSON.parse((await page.getByTestId('creation-jsonld').textContent()) ?? '{}');
    expect(jsonLd['@type']).toBe('VisualArtwork');
    expect(jsonLd.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(jsonLd.isBasedOn.length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, '3-creation-page.png'), fullPage: true });
    // The gallery writes the credit in the visitor's language.
    await page.getByTestId('lang-nl').click();
    await expect(page.getByTestId('creation-credit')).toContainText('door een bezoeker van');
    // The works it is made of are named in Dutch too: in the credit line, the based-on list and the provenance.
    await expect(page.getByTestId('creation-credit')).toContainText('“De korenoogst” door Pieter Bruegel the Elder');
    await expect(page.getByTestId('creation-based-on')).toContainText('De korenoogst');
    await expect(page.getByTestId('creation-provenance')).toContainText('De korenoogst');
  });

  await test.step('8. "remix this" opens the works it is made of in the studio, placed as they were', async () => {
    await page.getByTestId('remix-this').click();
    await expect(page).toHaveURL(/\/resume$/);
    // This browser's own canvas still holds the visitor's work: it is replaced only when they say so.
    await page.getByTestId('draft-confirm').click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('layer-row')).toHaveCount(1);
    const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('atelier.canvas') ?? '{}').history?.present?.layers);
    await expect.poll(saved).toEqual([expect.objectContaining({ kind: 'work', workId: 'local-bruegel-harvesters' })]);
    // And its recipe: the style it was remixed in is chosen again.
    await expect(page.getByTestId('style-choice')).toContainText(/Great Wave|grote golf/i);
  });

  await test.step('nothing was blocked by the CSP and nothing threw, from composing to the creation page', () => {
    expect(problems).toEqual([]);
  });
});

test('bad input through the studio origin gets a clear 4xx', async ({ request }) => {
  const meta = JSON.stringify({
    requestId: crypto.randomUUID(),
    model: 'magenta-arbitrary-style',
    params: { styleWorkId: 'local-hokusai-great-wave', strength: 0.5 },
    workIds: [],
  });
  const notAnImage = await request.post('/api/inference/remixes', {
    multipart: { meta, canvas: { name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') } },
  });
  expect(notAnImage.status()).toBe(415);
  expect((await notAnImage.json()).error.code).toBeTruthy();

  const queue = await request.get('/api/gallery/moderation/queue');
  expect(queue.status()).toBe(401);
});

test("the CSP check above can fail: an inline script is refused and reported", async ({ page }) => {
  const problems = await watchBrowserProblems(page);
  await page.goto('/gallery');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
  });
  await expect.poll(() => problems.join('\n')).toMatch(/CSP violation: script-src-elem blocked inline/);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});
