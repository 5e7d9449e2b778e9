import { resolve, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../../scripts/stack';
import { watchBrowserProblems } from './browser-problems';

// Issue #4 in the browser: search the collection in Dutch and English, filter it, and place a detail of a
// work whose region is fetched through the gallery and recorded on the canvas layer.
const SHOTS = resolve(REPO_ROOT, 'test-results/screenshots');

interface Layer {
  kind: string;
  workId?: string;
  region?: { x: number; y: number; w: number; h: number };
}
const layers = (page: Page) =>
  page.evaluate(() => (window as unknown as { __atelier: { getDocument(): { layers: Layer[] } } }).__atelier.getDocument().layers);

test.use({ baseURL: process.env.E2E_BASE_URL });

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('a visitor searches and filters the collection and places a detail of a work', async ({ page }) => {
  const problems = await watchBrowserProblems(page);
  await page.goto('/');
  await expect(page.getByTestId('work-card')).toHaveCount(12);

  // Words are ANDed: no work is both a zebra and a wave.
  await page.getByTestId('collection-search').fill('zebra wave');
  await page.getByTestId('collection-search').press('Enter');
  await expect(page.getByTestId('work-card')).toHaveCount(0);
  await page.getByTestId('collection-search').fill('wave');
  await page.getByTestId('collection-search').press('Enter');
  await expect(page.getByTestId('work-card')).toHaveCount(1);
  await expect(page.getByTestId('work-card').first()).toHaveAttribute('data-work-id', 'local-hokusai-great-wave');
  // The sample's Dutch titles (works.json `titles`) are searched too: "golf" is the Dutch "wave".
  await page.getByTestId('collection-search').fill('golf');
  await page.getByTestId('collection-search').press('Enter');
  await expect(page.getByTestId('work-card')).toHaveCount(1);
  await expect(page.getByTestId('work-card').first()).toHaveAttribute('data-work-id', 'local-hokusai-great-wave');

  await page.getByTestId('collection-search').fill('');
  await page.getByTestId('collection-search').press('Enter');
  await page.getByTestId('collection-filters').locator('summary').click();
  await page.getByTestId('filter-licence').selectOption({ value: 'cc0' });
  await expect(page.getByTestId('work-card')).not.toHaveCount(12);
  for (const badge of await page.getByTestId('licence-badge').allTextContents()) expect(badge).toContain('CC0');
  await page.getByTestId('filter-licence').selectOption({ index: 0 });
  await expect(page.getByTestId('work-card')).toHaveCount(12);

  const card = page.locator('[data-testid=work-card][data-work-id=local-bruegel-harvesters]');
  await card.getByTestId('choose-detail').click();
  const stage = page.getByTestId('detail-stage');
  await expect(stage.locator('img')).toBeVisible();
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
  await page.mouse.up();
  await page.screenshot({ path: join(SHOTS, '4-detail-picker.png') });
  await page.getByTestId('detail-place').click();

  await expect.poll(async () => (await layers(page)).find((l) => l.kind === 'work')?.region?.w ?? 0).toBeGreaterThan(0);
  const layer = (await layers(page)).find((l) => l.kind === 'work')!;
  expect(layer.workId).toBe('local-bruegel-harvesters');
  // The region is in the work's own pixels: about 40 % of its width, starting about 20 % in.
  const region = layer.region!;
  expect(region.x).toBeGreaterThan(0);
  expect(region.w).toBeGreaterThan(50);

  const res = await page.request.get(
    `/api/gallery/works/local-bruegel-harvesters/region?x=${region.x}&y=${region.y}&w=${region.w}&h=${region.h}&size=512`,
  );
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^image\//);
  // Thumbnails, the region image on the canvas and the search all ran under the studio's CSP.
  expect(problems).toEqual([]);
});

test('the studio speaks Dutch when the visitor chooses it', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('lang-nl').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByTestId('work-card').first().getByTestId('add-to-canvas')).toHaveText('Op het canvas');
  await page.getByTestId('collection-search').fill('schilderijen');
  await page.getByTestId('collection-search').press('Enter');
  await expect(page.getByTestId('collection-total').or(page.getByTestId('collection-empty'))).toBeVisible();
});

test('a Dutch visitor finds a work by a Dutch word, reads its Dutch title, "1 werk", and why a search is empty', async ({ page }) => {
  const problems = await watchBrowserProblems(page);
  const search = async (words: string) => {
    await page.getByTestId('collection-search').fill(words);
    await page.getByTestId('collection-search').press('Enter');
  };
  await page.goto('/');
  await page.getByTestId('lang-nl').click();
  await search('korenoogst');
  const card = page.getByTestId('work-card');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-work-id', 'local-bruegel-harvesters');
  await expect(card.getByText('De korenoogst', { exact: true })).toBeVisible();
  await expect(page.getByTestId('collection-total')).toHaveText('1 werk');
  await page.screenshot({ path: join(SHOTS, '14-dutch-search.png') });
  // The same search in English: the English title, "1 work".
  await page.getByTestId('lang-en').click();
  await expect(card.getByText('The Harvesters', { exact: true })).toBeVisible();
  await expect(page.getByTestId('collection-total')).toHaveText('1 work');

  // An empty result names what emptied it: the word, or a filter when no word was typed.
  await page.getByTestId('lang-nl').click();
  await search('zebra');
  await expect(page.getByTestId('collection-empty')).toHaveText('Geen werk past bij “zebra”. Probeer een ander woord.');
  await search('');
  await page.getByTestId('collection-filters').locator('summary').click();
  await page.getByTestId('filter-from').fill('1000');
  await page.getByTestId('filter-to').fill('1100');
  await page.getByTestId('filter-to').press('Tab');
  await expect(page.getByTestId('collection-empty')).toHaveText('Geen werken met het filter “Jaren”. Pas het aan om meer te zien.');
  // The year filter reads the display dates: "c. 1830–1832" is in 1830–1835.
  await page.getByTestId('filter-from').fill('1830');
  await page.getByTestId('filter-to').fill('1835');
  await page.getByTestId('filter-to').press('Tab');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-work-id', 'local-hokusai-great-wave');
  await expect(card.getByText(/^Onder de golf bij Kanagawa/)).toBeVisible();

  // On the canvas the work is named in the visitor's language, also after a switch.
  await page.getByTestId('lang-en').click();
  await expect(card.getByText(/^Under the Wave off Kanagawa/)).toBeVisible();
  await card.getByTestId('add-to-canvas').click();
  await expect(page.getByTestId('layer-item').first()).toContainText('Under the Wave off Kanagawa');
  await page.getByTestId('lang-nl').click();
  await expect(page.getByTestId('layer-item').first()).toContainText('Onder de golf bij Kanagawa');
  expect(problems).toEqual([]);
});
