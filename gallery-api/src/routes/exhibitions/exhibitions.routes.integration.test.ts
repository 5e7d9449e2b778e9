/**
 * Issue 12 items 1, 2, 5 and 7 on the real Postgres: staff who curate make exhibitions of approved creations; the
 * public sees those on view (page, IIIF Collection, kiosk); a withdrawal takes a creation out of all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iiifProblems } from '../../testing/iiif-rules';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

const PUBLIC = 'https://atelier.museum.example';
let g: TestGallery;
let curator: string;
let juror: string;
let approved: string[];
let pending: string;

const input = (over: Record<string, unknown> = {}) => ({
  title: { en: 'Pearls', nl: 'Parels' },
  text: { en: 'Visitors remix the girl.', nl: 'Bezoekers remixen het meisje.' },
  creationIds: approved,
  startsOn: null,
  endsOn: null,
  public: true,
  slideSeconds: 8,
  transition: 'fade',
  ...over,
});

async function published(title: string): Promise<string> {
  const res = await g.publish(publishMeta({ title, licence: 'cc0' }, ['open-1']));
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const send = (method: 'POST' | 'PUT', url: string, payload: unknown, cookie?: string) =>
  g.app.inject({ method, url: `/api/gallery${url}`, payload: payload as object, headers: { origin: g.origin, ...(cookie ? { cookie } : {}) } });
const get = (url: string, headers: Record<string, string> = {}) => g.app.inject({ method: 'GET', url: `/api/gallery${url}`, headers });

beforeAll(async () => {
  g = await startTestGallery({ env: { ATELIER_PUBLIC_URL: PUBLIC } });
  await g.addWork('open-1', 'cc0', { title: 'Girl with a Pearl Earring', creator: 'Johannes Vermeer', institution: 'Mauritshuis' });
  await g.addStaff('cur.anna', 'correct horse battery', 'moderator');
  await g.addStaff('jury.jan', 'correct horse battery', 'jury');
  curator = await g.login('cur.anna', 'correct horse battery');
  juror = await g.login('jury.jan', 'correct horse battery');
  approved = [];
  for (const title of ['Pearl one', 'Pearl two', 'Pearl three']) {
    const id = await published(title);
    expect((await g.decide(id, curator, { decision: 'approve' })).statusCode).toBe(200);
    approved.push(id);
  }
  pending = await published('Pearl pending');
});
afterAll(async () => g?.close());

describe('curating: who may, and what', () => {
  it('401 without a session, 403 for a juror, 403 from another origin, 400 for a bad body', async () => {
    expect((await send('POST', '/exhibitions', input())).statusCode).toBe(401);
    const asJuror = await send('POST', '/exhibitions', input(), juror);
    expect(asJuror.statusCode).toBe(403);
    expect(asJuror.json().error.code).toBe('forbidden_role');
    expect((await get('/exhibitions/manage', { cookie: juror })).statusCode).toBe(403);
    expect((await get('/exhibitions/manage')).statusCode).toBe(401);
    const foreign = await g.app.inject({ method: 'POST', url: '/api/gallery/exhibitions', payload: input(), headers: { cookie: curator, origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect((await send('POST', '/exhibitions', input({ title: { en: '', nl: 'x' } }), curator)).statusCode).toBe(400);
    expect((await send('POST', '/exhibitions', input({ startsOn: '2026-05-02', endsOn: '2026-05-01' }), curator)).statusCode).toBe(400);
    expect((await send('POST', '/exhibitions', input({ slideSeconds: 1 }), curator)).statusCode).toBe(400);
    const juryWithdraw = await send('POST', `/creations/${approved[0]}/withdrawal`, { reason: 'no' }, juror);
    expect(juryWithdraw.statusCode).toBe(403);
  });

  it('refuses a creation that is not approved (400 with its id)', async () => {
    const res = await send('POST', '/exhibitions', input({ creationIds: [approved[0], pending] }), curator);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'creation_not_approved', details: { creationIds: [pending] } });
  });

  it('creates, reorders and audit-logs an exhibition; a visitor cannot see it until it is public and on view', async () => {
    const created = await send('POST', '/exhibitions', input({ public: false }), curator);
    expect(created.statusCode).toBe(201);
    const e = created.json();
    expect(e.items.map((i: { creationId: string }) => i.creationId)).toEqual(approved);
    expect(created.headers['cache-control']).toBe('private, no-store');

    for (const url of [`/exhibitions/${e.id}`, `/exhibitions/${e.id}/kiosk`, `/exhibitions/${e.id}/collection.json`]) expect((await get(url)).statusCode).toBe(404);
    expect((await get('/exhibitions')).json().items).toEqual([]);
    expect((await get('/exhibitions/not-a-uuid')).statusCode).toBe(400);

    const order = [approved[2], approved[0], approved[1]];
    const updated = await send('PUT', `/exhibitions/${e.id}`, input({ creationIds: [...order, approved[0]] }), curator);
    expect(updated.statusCode).toBe(200);
    expect(updated.json().items.map((i: { creationId: string }) => i.creationId)).toEqual(order);

    const page = await get(`/exhibitions/${e.id}?lang=nl`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('public, no-cache');
    expect((await get(`/exhibitions/${e.id}/collection.json`)).headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(page.json()).toMatchObject({ title: 'Parels', text: 'Bezoekers remixen het meisje.', iiifUrl: `${PUBLIC}/api/gallery/exhibitions/${e.id}/collection.json` });
    expect(page.json().creations.items.map((c: { id: string }) => c.id)).toEqual(order);
    expect((await get('/exhibitions')).json().items.map((x: { id: string }) => x.id)).toEqual([e.id]);

    // Dates: an exhibition that has not opened yet is not on view.
    expect((await send('PUT', `/exhibitions/${e.id}`, input({ creationIds: order, startsOn: '2999-01-01' }), curator)).statusCode).toBe(200);
    expect((await get(`/exhibitions/${e.id}`)).statusCode).toBe(404);
    expect((await send('PUT', `/exhibitions/${e.id}`, input({ creationIds: order }), curator)).statusCode).toBe(200);

    const events = await g.gallery.audit.listFor('exhibition', e.id);
    expect(events.map((x) => x.action)).toEqual(['exhibition.create', 'exhibition.update', 'exhibition.update', 'exhibition.update']);
    expect(events[0]).toMatchObject({ staffUsername: 'cur.anna', detail: { public: false } });
  });
});

describe('online exhibition and kiosk', () => {
  it('serves a valid IIIF Collection in the curated order, and a kiosk manifest with an ETag', async () => {
    const e = (await send('POST', '/exhibitions', input({ creationIds: [approved[1], approved[0]] }), curator)).json();
    const res = await get(`/exhibitions/${e.id}/collection.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const collection = res.json();
    expect(iiifProblems(collection)).toEqual([]);
    expect(collection.label).toEqual({ en: ['Pearls'], nl: ['Parels'] });
    expect(collection.items.map((i: { id: string }) => i.id)).toEqual([1, 0].map((n) => `${PUBLIC}/api/gallery/creations/${approved[n]}/manifest.json`));

    const kiosk = await get(`/exhibitions/${e.id}/kiosk`);
    expect(kiosk.statusCode).toBe(200);
    const manifest = kiosk.json();
    expect(manifest).toMatchObject({ slideSeconds: 8, transition: 'fade', title: { en: 'Pearls', nl: 'Parels' } });
    expect(manifest.slides[0]).toMatchObject({
      creationId: approved[1],
      title: 'Pearl two',
      pageUrl: `${PUBLIC}/gallery/${approved[1]}`,
      imageUrl: `/api/gallery/creations/${approved[1]}/image/working`,
      basedOn: [{ title: 'Girl with a Pearl Earring', creator: 'Johannes Vermeer', institution: 'Mauritshuis' }],
      licence: expect.stringContaining('CC0'),
    });
    expect(kiosk.headers.etag).toBe(`"${manifest.version}"`);
    expect((await get(`/exhibitions/${e.id}/kiosk`, { 'if-none-match': kiosk.headers.etag as string })).statusCode).toBe(304);
  });
});

describe('withdrawal', () => {
  it('401/403/400/404/409 first; then the creation leaves the gallery, exhibitions, kiosks and IIIF, and its images 404', async () => {
    const victim = approved[0]!;
    expect((await send('POST', `/creations/${victim}/withdrawal`, { reason: 'x' })).statusCode).toBe(401);
    expect((await send('POST', `/creations/${victim}/withdrawal`, { reason: '' }, curator)).statusCode).toBe(400);
    expect((await send('POST', '/creations/00000000-0000-4000-8000-000000000000/withdrawal', { reason: 'x' }, curator)).statusCode).toBe(404);
    const notApproved = await send('POST', `/creations/${pending}/withdrawal`, { reason: 'x' }, curator);
    expect(notApproved.statusCode).toBe(409);

    const e = (await send('POST', '/exhibitions', input(), curator)).json();
    const before = (await get(`/exhibitions/${e.id}/kiosk`)).json();
    const image = await get(`/creations/${victim}/image/full`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['cache-control']).toBe('public, max-age=60, must-revalidate');

    // Announced over Postgres (change notices), so heard by every gallery-api process, this one included.
    const heard = new Promise<void>((resolve) => {
      const stop = g.gallery.exhibitions.onChange((ids) => ids.includes(e.id) && (stop(), resolve()));
    });
    await g.gallery.notices.listening();
    const res = await send('POST', `/creations/${victim}/withdrawal`, { reason: 'The maker asked us to take it down.' }, curator);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ creationId: victim, status: 'withdrawn' });
    await heard;
    expect((await send('POST', `/creations/${victim}/withdrawal`, { reason: 'again' }, curator)).statusCode).toBe(409);

    const after = (await get(`/exhibitions/${e.id}/kiosk`)).json();
    expect(after.version).not.toBe(before.version);
    expect(after.slides.map((s: { creationId: string }) => s.creationId)).not.toContain(victim);
    expect((await get(`/exhibitions/${e.id}`)).json().creations.items.map((c: { id: string }) => c.id)).not.toContain(victim);
    expect((await get(`/exhibitions/${e.id}/collection.json`)).json().items.map((i: { id: string }) => i.id).join()).not.toContain(victim);
    expect((await get('/creations')).json().items.map((c: { id: string }) => c.id)).not.toContain(victim);
    for (const r of ['full', 'working', 'thumb']) expect((await get(`/creations/${victim}/image/${r}`)).statusCode).toBe(404);
    // A cache revalidating with the old ETag is told 404 too, not 304.
    expect((await get(`/creations/${victim}/image/full`, { 'if-none-match': image.headers.etag as string })).statusCode).toBe(404);
    expect((await get(`/creations/${victim}`)).statusCode).toBe(404);
    expect((await get(`/creations/${victim}/manifest.json`)).statusCode).toBe(404);

    // Staff still see it in the exhibition, flagged; the audit log has the reason.
    expect((await get(`/exhibitions/manage/${e.id}`, { cookie: curator })).json().items[0]).toMatchObject({ creationId: victim, status: 'withdrawn' });
    const audit = await g.gallery.audit.listFor('creation', victim);
    expect(audit).toEqual([expect.objectContaining({ action: 'creation.withdraw', staffUsername: 'cur.anna', detail: expect.objectContaining({ reason: 'The maker asked us to take it down.' }) })]);
    // It cannot be added to an exhibition again.
    expect((await send('POST', '/exhibitions', input({ creationIds: [victim] }), curator)).statusCode).toBe(400);
  });
});
