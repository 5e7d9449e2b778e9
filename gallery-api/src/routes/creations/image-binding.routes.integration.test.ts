import { createHash, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { writeCollectionFolder } from '../../importers/folder.fixtures';
import { importFolder } from '../../importers/folder.importer';
import { SharpCanvasPainter } from '../../repositories/canvas-painter';
import { planRender, type LayerImage } from '../../services/canvas-render';
import { remixOf } from '../../services/creation.fakes';
import { countFiles, countRows, publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

/**
 * Issue 13, item 3 through POST /creations with the real check on (`bindImages`): a flat picture sent with a
 * document that claims The Harvesters is refused and nothing is stored; a composition that shows its document is
 * published. Works are imported from generated pictures, so this runs without the collection sample or a browser;
 * tests/integration/image-binding.test.ts does the same with the sample's paintings exported by the studio's Konva.
 */

let g: TestGallery;
let dir: string;
const REMIX = randomUUID();
let remixPng: Buffer;

/** A picture with structure (bands, a disc), so that one work is not another of the same mean colour. */
const painting = (w: number, h: number, a: string, b: string, c: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${a}"/>` +
        `<rect y="${h * 0.6}" width="${w}" height="${h * 0.4}" fill="${b}"/><circle cx="${w * 0.7}" cy="${h * 0.3}" r="${h * 0.18}" fill="${c}"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

beforeAll(async () => {
  g = await startTestGallery({ bindImages: true });
  dir = await writeCollectionFolder([
    { id: 'harvesters', title: 'The Harvesters', size: 0 },
    { id: 'wave', title: 'The Great Wave', size: 0 },
  ]);
  // writeCollectionFolder names the images; the pictures are ours, with their sha256 in works.json.
  const pictures = { harvesters: await painting(900, 600, '#d9b44a', '#5b7f3a', '#f2e6b0'), wave: await painting(800, 560, '#e8dcc0', '#1f4e79', '#ffffff') };
  const manifest = { works: [] as object[] };
  for (const [id, png] of Object.entries(pictures)) {
    await writeFile(join(dir, 'images', `${id}.png`), png);
    manifest.works.push({ id, file: `images/${id}.png`, title: id, creator: { name: 'A. Painter' }, date: '1565', institution: 'Test Museum', licence: 'https://creativecommons.org/publicdomain/zero/1.0/', image: { sha256: createHash('sha256').update(png).digest('hex'), mime: 'image/png' } });
  }
  await writeFile(join(dir, 'works.json'), JSON.stringify(manifest));
  expect(await importFolder(dir, g.gallery.importing)).toMatchObject({ imported: 2, failed: 0 });

  remixPng = await painting(640, 480, '#402040', '#c08030', '#80e0ff');
  g.remixes.serve(remixOf(REMIX, { workIds: ['local-wave'], params: { styleWorkId: 'local-harvesters', strength: 0.6 }, output: { url: `/x/${REMIX}.png`, sha256: createHash('sha256').update(remixPng).digest('hex'), width: 640, height: 480 } }));
  g.remixes.serveOutput(REMIX, remixPng);
});

afterAll(async () => {
  await g?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const harvestersDoc = (): CanvasDocument => ({
  schemaVersion: 2,
  width: 1024,
  height: 1024,
  layers: [{ id: 'w1', kind: 'work', workId: 'local-harvesters', x: 112, y: 240, scale: 0.8, rotation: 0 }],
});

/** Works turned and scaled, a detail, a remix output and a stroke. */
const compositionDoc = (): CanvasDocument => ({
  schemaVersion: 2,
  width: 1200,
  height: 900,
  layers: [
    { id: 'w1', kind: 'work', workId: 'local-harvesters', x: 40, y: 40, scale: 0.9, rotation: 0 },
    { id: 'w2', kind: 'work', workId: 'local-wave', x: 700, y: 100, scale: 0.8, rotation: 15, region: { x: 100, y: 200, w: 500, h: 300 } },
    { id: 'r1', kind: 'remix', remixId: REMIX, x: 100, y: 520, width: 480, height: 360, rotation: -6 },
    { id: 's1', kind: 'strokes', strokes: [{ points: [80, 80, 400, 200, 700, 150, 1100, 700], color: '#c0392b', size: 28 }] },
  ],
});

const publish = (document: CanvasDocument, png: Uint8Array) =>
  g.publish(publishMeta({ document, licence: 'cc0', remixIds: document.layers.some((l) => l.kind === 'remix') ? [REMIX] : [] }), png);

const creationFiles = () => countFiles(join(g.storageDir, 'creations')).catch(() => 0);

/** The document drawn by the server's own painter at full size: what an export that shows its document looks like. */
async function drawn(doc: CanvasDocument): Promise<Buffer> {
  const painter = new SharpCanvasPainter();
  const images = new Map<string, LayerImage>();
  for (const l of doc.layers) {
    const bytes =
      l.kind === 'work'
        ? l.region
          ? (await g.gallery.regions.region(l.workId, l.region, 1024)).bytes
          : await g.gallery.repositories.storage.get((await g.gallery.repositories.works.findById(l.workId))!.imageKeys.working!)
        : l.kind === 'remix'
          ? remixPng
          : null;
    if (bytes) images.set(l.id, { bytes, ...(await painter.measure(bytes)) });
  }
  const raw = await painter.paint(planRender(doc, images, Math.max(doc.width, doc.height)));
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).png().toBuffer();
}

describe('POST /creations binds the picture to its canvas document', () => {
  it('refuses a flat picture sent with a document claiming The Harvesters: 422 image_mismatch, nothing stored', async () => {
    const flat = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#b4533a' } }).png().toBuffer();
    const res = await publish(harvestersDoc(), flat);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'image_mismatch', message: expect.stringMatching(/does not match the canvas/) });
    expect(res.json().error.details.worst).toBeGreaterThan(res.json().error.details.maxWorst);
    expect(await countRows(g.pool)).toEqual({ creations: 0, ingredients: 0, events: 0 });
    expect(await creationFiles()).toBe(0);
  });

  it('refuses another work sent as The Harvesters, and The Harvesters left out of a composition', async () => {
    const wave = await sharp((await g.gallery.repositories.storage.get((await g.gallery.repositories.works.findById('local-wave'))!.imageKeys.working!)))
      .resize(1024, 1024, { fit: 'fill' })
      .png()
      .toBuffer();
    expect((await publish(harvestersDoc(), wave)).json().error.code).toBe('image_mismatch');
    const doc = compositionDoc();
    const without = await drawn({ ...doc, layers: doc.layers.filter((l) => l.id !== 'w1') });
    expect((await publish(doc, without)).json().error.code).toBe('image_mismatch');
    expect(await countRows(g.pool)).toEqual({ creations: 0, ingredients: 0, events: 0 });
    expect(await creationFiles()).toBe(0);
  });

  it('refuses The Harvesters claimed by a hidden or off-canvas layer over a blank picture: 422 work_not_shown', async () => {
    const blank = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#ffffff' } }).png().toBuffer();
    for (const over of [{ visible: false }, { x: 3000 }, { opacity: 0 }]) {
      const doc: CanvasDocument = { ...harvestersDoc(), layers: [{ ...(harvestersDoc().layers[0] as object), ...over } as CanvasDocument['layers'][number]] };
      const res = await publish(doc, blank);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'work_not_shown', details: { workIds: ['local-harvesters'] } });
    }
    expect(await countRows(g.pool)).toEqual({ creations: 0, ingredients: 0, events: 0 });
    expect(await creationFiles()).toBe(0);
  });

  it('refuses a document naming a work whose image is not stored: 422 canvas_unrenderable, nothing stored', async () => {
    await g.addWork('no-image', 'cc0', { title: 'Lost' });
    const doc: CanvasDocument = { ...harvestersDoc(), layers: [{ id: 'x', kind: 'work', workId: 'no-image', x: 0, y: 0, scale: 1, rotation: 0 }] };
    const res = await publish(doc, await drawn(harvestersDoc()));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'canvas_unrenderable', details: { layerIds: ['x'] } });
    expect(await countRows(g.pool)).toEqual({ creations: 0, ingredients: 0, events: 0 });
  });

  it('publishes a composition whose picture shows it (turned, scaled, a detail, a remix, a stroke), re-encoded as JPEG on the way', async () => {
    const doc = compositionDoc();
    const png = await drawn(doc);
    // What a browser's resampling and a lossy copy do to the pixels must not matter.
    const reencoded = await sharp(await sharp(png).resize(900).jpeg({ quality: 70 }).toBuffer()).png().toBuffer();
    const res = await publish(doc, reencoded);
    expect(res.statusCode).toBe(201);
    const ingredients = res.json().provenance.ingredients.map((i: { workId: string; role: string }) => `${i.role} ${i.workId}`);
    expect(ingredients.sort()).toEqual(['composed local-harvesters', 'composed local-wave', 'style local-harvesters']);
  });

  it("keeps the sha256 of the exact image bytes the studio loaded for each placed work: the rendition, or the detail's tile", async () => {
    const doc = compositionDoc();
    const res = await publish(doc, await drawn(doc));
    expect(res.statusCode).toBe(201);
    // The URLs studio-web's gallery.client loads a work layer from (workImageUrl / workRegionUrl), fetched as a browser does.
    const served = async (url: string) => {
      const r = await g.app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      return { sha256: createHash('sha256').update(r.rawPayload).digest('hex'), mediaType: r.headers['content-type'] };
    };
    const rendition = await served('/api/gallery/works/local-harvesters/image/working');
    const detail = await served('/api/gallery/works/local-wave/region?x=100&y=200&w=500&h=300&size=1024');
    const byUse = Object.fromEntries(
      (res.json().provenance.ingredients as { workId: string; role: string; placedImages?: unknown }[]).map((i) => [`${i.role} ${i.workId}`, i.placedImages]),
    );
    expect(byUse['composed local-harvesters']).toEqual([{ ...rendition, width: expect.any(Number), height: expect.any(Number) }]);
    expect(byUse['composed local-wave']).toEqual([{ ...detail, width: expect.any(Number), height: expect.any(Number), region: { x: 100, y: 200, w: 500, h: 300 } }]);
    // The style work went into a model, not onto the canvas.
    expect(byUse['style local-harvesters']).toBeUndefined();
  });
});
