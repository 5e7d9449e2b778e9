/**
 * Issue 10, item 5: `GET /works/:id/region` fetches the work's stored IIIF service URL, which a manifest anyone can
 * write chose. It must fetch only http(s), from hosts allowed for the work's source, at public addresses, checking
 * every redirect hop; anything else is cut from the stored master instead, and the internal host sees no request.
 * (Before: a service on 127.0.0.1, or a redirect to it, was fetched and its answer served to the visitor.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorks, type ImportCandidate } from '@atelier/gallery-api/services/collection-import.service';
import { startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

/** An "internal" service on loopback: it answers images, and redirects `/hop/…` to itself by its IP. */
let internal: Server;
let port: number;
const hits: string[] = [];
let image: Buffer;

beforeAll(async () => {
  image = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#f00' } }).jpeg().toBuffer();
  internal = createServer((req, res) => {
    hits.push(`${req.headers.host}${req.url}`);
    if (req.url?.startsWith('/hop/')) return void res.writeHead(302, { location: `http://127.0.0.1:${port}/secret${req.url.slice(4)}` }).end();
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(image);
  });
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
  port = (internal.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => internal.close(() => r())));

async function addWork(g: TestGallery, source: string, sourceId: string, iiifService: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 160, height: 120, channels: 3, background: '#0a0' } }).jpeg().toBuffer();
  const candidate: ImportCandidate = {
    source, sourceId, title: sourceId, creator: null, creatorLife: null, dateDisplay: null, medium: null, description: null, institution: null,
    landingUrl: null, rightsStatement: null, licence: 'https://creativecommons.org/publicdomain/zero/1.0/', attribution: null,
    iiifService: 'https://iiif.example/placeholder', pixelWidth: 1600, pixelHeight: 1200, image: { expectedSha256: null, read: async () => jpeg },
  };
  const report = await importWorks([candidate], g.gallery.importing);
  const id = report.outcomes[0]!.kind === 'failed' ? '' : (report.outcomes[0] as { id: string }).id;
  // Stored as a manifest made it, whatever the importer would now accept (rows written before the checks existed).
  await g.pool.query('UPDATE collection_works SET iiif_service = $2 WHERE id = $1', [id, iiifService]);
  return id;
}

const region = (g: TestGallery, id: string) => g.app.inject({ method: 'GET', url: `/api/gallery/works/${id}/region?x=0&y=0&w=800&h=600&size=256` });

describe('the region fetch, as a public server runs it', () => {
  let g: TestGallery;
  beforeAll(async () => {
    // Even hosts the operator allows are fetched only at public addresses.
    g = await startTestGallery({ env: { GALLERY_IIIF_HOSTS: '127.0.0.1,localhost,169.254.169.254' } });
  });
  afterAll(async () => g?.close());

  it.each([
    ['a loopback IP', () => `http://127.0.0.1:${port}/iiif/a`],
    ['a name that resolves to loopback', () => `http://localhost:${port}/iiif/b`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/iam'],
    ['a file: URL', () => 'file:///etc/passwd'],
    ['a host not allowed for the source', () => 'https://attacker.example/iiif/c'],
  ])('never fetches %s: the detail is cut from the stored master', async (_name, service) => {
    const before = hits.length;
    const id = await addWork(g, 'iiif', `w-${hits.length}-${Math.random()}`, service());
    const res = await region(g, id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-region-source']).toBe('crop');
    expect(hits.length).toBe(before);
    // The master is green; the internal service answers red.
    const { dominant } = await sharp(res.rawPayload).stats();
    expect(dominant.g).toBeGreaterThan(dominant.r);
  });

  it("never fetches a known source's work from a host that is not that source's", async () => {
    const id = await addWork(g, 'aic', 'elsewhere', `http://127.0.0.1:${port}/iiif/d`);
    expect((await region(g, id)).headers['x-region-source']).toBe('crop');
    expect(hits.some((h) => h.includes('/iiif/d'))).toBe(false);
  });
});

describe('redirects', () => {
  let g: TestGallery;
  beforeAll(async () => {
    // The tests' hook lets loopback be reached at all, so that the hop check alone is what refuses the redirect.
    g = await startTestGallery({ env: { GALLERY_IIIF_HOSTS: 'localhost', TEST_ALLOW_PRIVATE_IMAGE_HOSTS: '1' } });
  });
  afterAll(async () => g?.close());

  it('checks every hop: a redirect to a host that is not allowed is not followed', async () => {
    const id = await addWork(g, 'iiif', 'redirected', `http://localhost:${port}/hop/x`);
    const before = hits.length;
    const res = await region(g, id);
    expect(res.headers['x-region-source']).toBe('crop');
    expect(hits.slice(before)).toEqual([`localhost:${port}/hop/x/0,0,800,600/!256,256/0/default.jpg`]);
    expect(hits.some((h) => h.includes('/secret'))).toBe(false);
  });

  it('fetches an allowed host that answers directly', async () => {
    const id = await addWork(g, 'iiif', 'direct', `http://localhost:${port}/iiif/e`);
    expect((await region(g, id)).headers['x-region-source']).toBe('iiif');
  });
});
