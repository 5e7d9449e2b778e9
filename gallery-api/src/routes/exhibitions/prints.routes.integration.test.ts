/**
 * Issue 12 item 3: a print-ready image of an approved creation, for staff who curate. gallery-api asks a stand-in
 * inference-service over HTTP (the real print client and token); tests/integration/inference-print.test.ts runs the
 * job itself through the real queue with the real ESRGAN.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { PrintTokens } from '@atelier/common/print-tokens';
import { TEST_SESSION_SECRET } from '@atelier/common/testing/visitors';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let inference: Server;
const asked: { printId: string; creationId: string; longSide: number; model: string }[] = [];
let curator: string;
let juror: string;
let approved: string;
let pending: string;
let withdrawn: string;

beforeAll(async () => {
  // inference-service as gallery-api sees it: checks the print token, answers the PNG at the long side asked.
  const tokens = new PrintTokens(TEST_SESSION_SECRET);
  const made = new Map<string, number>();
  inference = createServer(async (req, res) => {
    const id = /\/prints(?:\/([^/]+)\/output\.png)?$/.exec(req.url ?? '');
    let body = '';
    for await (const c of req) body += c;
    if (req.method === 'POST' && id && !id[1]) {
      const request = JSON.parse(body);
      if (!tokens.verify(req.headers.authorization, request.printId)) return res.writeHead(401).end();
      asked.push(request);
      made.set(request.printId, request.longSide);
      return res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ printId: request.printId }));
    }
    const side = id?.[1] ? made.get(id[1]) : undefined;
    if (!side || !tokens.verify(req.headers.authorization, id![1]!)) return res.writeHead(404).end();
    const png = await sharp({ create: { width: side, height: Math.round(side * 0.75), channels: 3, background: '#a05030' } }).png().toBuffer();
    res.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  await new Promise<void>((ok) => inference.listen(0, '127.0.0.1', ok));
  g = await startTestGallery({ env: { INFERENCE_URL: `http://127.0.0.1:${(inference.address() as AddressInfo).port}`, ATELIER_PUBLIC_URL: 'https://atelier.museum.example' } });
  await g.addWork('open-1', 'cc0', { title: 'Girl with a Pearl Earring', creator: 'Johannes Vermeer', dateDisplay: 'c. 1665', institution: 'Mauritshuis' });
  ({ 'cur.anna': curator, 'jury.jan': juror } = await g.staffSessions([['cur.anna', 'moderator'], ['jury.jan', 'jury']], 'correct horse battery'));
  approved = (await g.publish(publishMeta({ title: 'Meisje met de parel, opnieuw', licence: 'cc0' }, ['open-1']))).json().id;
  pending = (await g.publish(publishMeta({ title: 'Still pending', licence: 'cc0' }, ['open-1']))).json().id;
  withdrawn = (await g.publish(publishMeta({ title: 'Taken down', licence: 'cc0' }, ['open-1']))).json().id;
  for (const id of [approved, withdrawn]) expect((await g.decide(id, curator, { decision: 'approve' })).statusCode).toBe(200);
  const w = await g.app.inject({ method: 'POST', url: `/api/gallery/creations/${withdrawn}/withdrawal`, headers: { cookie: curator, origin: g.origin }, payload: { reason: 'The maker asked.' } });
  expect(w.statusCode).toBe(200);
});
afterAll(async () => {
  await g?.close();
  await new Promise((ok) => inference?.close(ok));
});

const get = (url: string, cookie?: string) => g.app.inject({ method: 'GET', url: `/api/gallery${url}`, headers: cookie ? { cookie } : {} });

describe('print-ready images', () => {
  it('401 without a session, 403 for a juror, 404 for a creation pending or withdrawn, 400 for an unknown size; nothing asked', async () => {
    expect((await get(`/creations/${approved}/print.png`)).statusCode).toBe(401);
    expect((await get(`/creations/${approved}/print.png`, juror)).statusCode).toBe(403);
    expect((await get(`/creations/${pending}/print.png`, curator)).statusCode).toBe(404);
    expect((await get(`/creations/${withdrawn}/print.png`, curator)).statusCode).toBe(404);
    expect((await get(`/creations/${approved}/print.png?size=a0-600`, curator)).statusCode).toBe(400);
    expect(asked).toEqual([]);
  });

  it('A3 at 150 dpi: the PNG at 2480 px on its long side, credit line, licence and page in its text, 150 dpi', async () => {
    const res = await get(`/creations/${approved}/print.png?size=a3-150&lang=nl`, curator);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Meisje met de parel opnieuw A3 150dpi\.png"/);
    expect(asked).toEqual([{ printId: expect.any(String), creationId: approved, longSide: 2480, model: 'upscalerjs-esrgan-slim' }]);
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.width, meta.height, Math.round(meta.density ?? 0)]).toEqual([2480, 1860, 150]);
    const text = Object.fromEntries((meta.comments ?? []).map((c) => [c.keyword, c.text]));
    expect(text.Title).toBe('Meisje met de parel, opnieuw');
    expect(text.Description).toContain('Girl with a Pearl Earring');
    expect(text.Copyright).toContain('CC0');
    expect(text.Source).toBe(`https://atelier.museum.example/gallery/${approved}`);
    // The same print asked again is the same job.
    await get(`/creations/${approved}/print.png?size=a3-150`, curator);
    expect(asked[1]!.printId).toBe(asked[0]!.printId);
  });
});
