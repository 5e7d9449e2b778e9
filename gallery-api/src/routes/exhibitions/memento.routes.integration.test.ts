/**
 * Issue 12 item 4: a take-home memento on the real Postgres. Only the publishing session gets a link; the link opens
 * the creation in every status (the moderator's reason when rejected), its image as a download; only a hash is kept.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

const PUBLIC = 'https://atelier.museum.example';
let g: TestGallery;
let staff: string;

beforeAll(async () => {
  g = await startTestGallery({ env: { ATELIER_PUBLIC_URL: PUBLIC } });
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
  await g.addStaff('mod.anna', 'correct horse battery');
  staff = await g.login('mod.anna', 'correct horse battery');
});
afterAll(async () => g?.close());

const ask = (id: string, headers: Record<string, string>) =>
  g.app.inject({ method: 'POST', url: `/api/gallery/creations/${id}/memento`, payload: {}, headers: { origin: g.origin, ...headers } });
const open = (token: string, lang = 'en') => g.app.inject({ method: 'POST', url: '/api/gallery/mementos/open', payload: { token, lang } });

describe('take-home memento', () => {
  it('only the publishing session gets a link; another visitor, staff and nobody get 404, a foreign origin 403', async () => {
    const id = (await g.publish(publishMeta({ title: 'My harbour', licence: 'cc0' }, ['open-1']))).json().id as string;
    expect((await ask(id, {})).statusCode).toBe(404);
    expect((await ask(id, g.newVisitor().headers)).statusCode).toBe(404);
    expect((await ask(id, { cookie: staff })).statusCode).toBe(404);
    expect((await ask(id, { ...g.visitor.headers, origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await ask('not-a-uuid', g.visitor.headers)).statusCode).toBe(404);
    expect((await open('x')).statusCode).toBe(400);
    expect((await open('A'.repeat(43))).statusCode).toBe(404);
  });

  it('opens while pending, shows the reason once rejected, downloads the image; the database keeps only a hash', async () => {
    const id = (await g.publish(publishMeta({ title: 'Harbour memento', licence: 'cc0' }, ['open-1']))).json().id as string;
    const res = await ask(id, g.visitor.headers);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { token, url } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`${PUBLIC}/memento#${token}`);

    const pending = await open(token);
    expect(pending.statusCode).toBe(200);
    expect(pending.json()).toMatchObject({ status: 'pending', title: 'Harbour memento', rejectionReason: null, pageUrl: null });
    expect(pending.json().creditLine).toMatch(/^“Harbour memento” by a visitor of Open Atelier/);
    expect((await open(token, 'nl')).json().creditLine).toMatch(/door een bezoeker van Open Atelier/);

    const image = await g.app.inject({ method: 'POST', url: '/api/gallery/mementos/image', payload: { token } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toContain('attachment; filename="Harbour memento.png"');
    expect(image.headers['cache-control']).toBe('private, no-store');

    expect((await g.decide(id, staff, { decision: 'reject', reason: 'Please leave out the text.' })).statusCode).toBe(200);
    expect((await open(token)).json()).toMatchObject({ status: 'rejected', rejectionReason: 'Please leave out the text.' });

    const { rows } = await g.pool.query<{ token_sha256: string }>('SELECT token_sha256 FROM creation_mementos WHERE creation_id = $1', [id]);
    expect(rows).toEqual([{ token_sha256: createHash('sha256').update(token).digest('hex') }]);
    const everything = await g.pool.query<{ t: string }>('SELECT row_to_json(m)::text AS t FROM creation_mementos m');
    expect(everything.rows.map((r) => r.t).join()).not.toContain(token);
  });

  it('links to the public page once approved, and serves no image once withdrawn', async () => {
    const id = (await g.publish(publishMeta({ title: 'Approved harbour', licence: 'cc0' }, ['open-1']))).json().id as string;
    const { token } = (await ask(id, g.visitor.headers)).json();
    expect((await g.decide(id, staff, { decision: 'approve' })).statusCode).toBe(200);
    expect((await open(token)).json()).toMatchObject({ status: 'approved', pageUrl: `${PUBLIC}/gallery/${id}` });
    const withdrawn = await g.app.inject({
      method: 'POST',
      url: `/api/gallery/creations/${id}/withdrawal`,
      payload: { reason: 'Asked by its maker.' },
      headers: { cookie: staff, origin: g.origin },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await open(token)).json()).toMatchObject({ status: 'withdrawn', pageUrl: null });
    expect((await g.app.inject({ method: 'POST', url: '/api/gallery/mementos/image', payload: { token } })).statusCode).toBe(410);
  });
});
