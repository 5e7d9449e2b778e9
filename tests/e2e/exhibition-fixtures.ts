import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { CANVAS_SCHEMA_VERSION } from '@atelier/contracts/canvas';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { drawnCanvas } from '../support/drawn-canvas';

/** What the exhibition and garden journeys set up through the API: visitors' creations, approved, in an exhibition. */

/** A visitor publishes a small harvest with one line of `strokeColor` across it; answers its id. */
export async function publish(api: APIRequestContext, title: string, strokeColor: string): Promise<string> {
  const document: CanvasDocument = {
    schemaVersion: CANVAS_SCHEMA_VERSION,
    width: 320,
    height: 240,
    layers: [
      { id: 'w', kind: 'work', workId: 'local-bruegel-harvesters', x: 0, y: 0, scale: 0.3, rotation: 0 },
      { id: 's', kind: 'strokes', strokes: [{ points: [10, 10, 300, 220], color: strokeColor, size: 12 }] },
    ],
  };
  const working = await (await api.get('/api/gallery/works/local-bruegel-harvesters/image/working')).body();
  const png = await drawnCanvas(document, { w: working });
  const meta = { requestId: crypto.randomUUID(), title, altText: `${title}: a harvest with one line`, licence: 'cc0', document, remixIds: [] };
  const res = await api.post('/api/gallery/creations', { multipart: { meta: JSON.stringify(meta), image: { name: 'c.png', mimeType: 'image/png', buffer: png } } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

/** The moderator (who also curates), logged in through the API. Dispose it when done. */
export async function staffApi(baseURL: string): Promise<APIRequestContext> {
  const staff = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL).origin } });
  expect((await staff.post('/api/gallery/auth/login', { data: { username: process.env.E2E_STAFF_USER, password: process.env.E2E_STAFF_PASSWORD } })).status()).toBe(200);
  return staff;
}

export async function approve(staff: APIRequestContext, ids: readonly string[]): Promise<void> {
  for (const id of ids) expect((await staff.post(`/api/gallery/moderation/creations/${id}/decision`, { data: { decision: 'approve' } })).status()).toBe(200);
}

/** A public exhibition on view now, of these creations in this order; answers its id. */
export async function exhibit(staff: APIRequestContext, title: { en: string; nl: string }, creationIds: readonly string[]): Promise<string> {
  const created = await staff.post('/api/gallery/exhibitions', {
    data: { title, text: { en: 'Walk through it.', nl: 'Loop erdoorheen.' }, creationIds, startsOn: null, endsOn: null, public: true, slideSeconds: 600, transition: 'none' },
  });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()).id as string;
}

export async function withdraw(staff: APIRequestContext, creationId: string): Promise<void> {
  expect((await staff.post(`/api/gallery/creations/${creationId}/withdrawal`, { data: { reason: 'The maker asked.' } })).status()).toBe(200);
}
