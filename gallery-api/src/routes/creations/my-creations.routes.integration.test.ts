import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISITOR_COOKIE } from '@atelier/common/visitor-session';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let staff: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
  ({ 'mod.anna': staff } = await g.staffSessions([['mod.anna', 'moderator']], 'correct horse battery'));
});
afterAll(async () => g?.close());

const mine = (headers: Record<string, string> = {}, query = '') =>
  g.app.inject({ method: 'GET', url: `/api/gallery/creations/mine${query}`, headers });

async function published(title: string, visitor = g.visitor): Promise<string> {
  const res = await g.publish(publishMeta({ title }, ['open-1']), undefined, '', visitor);
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('GET /creations/mine', () => {
  it('400 for a page that is not a number; empty, and no session minted, for a request without a session', async () => {
    expect((await mine(g.visitor.headers, '?page=zero')).statusCode).toBe(400);
    const none = await mine();
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ items: [], total: 0 });
    expect(none.headers['set-cookie']).toBeUndefined();
    // A forged or tampered cookie is no session either.
    const forged = await mine({ cookie: `${VISITOR_COOKIE}=${g.visitor.session.token.slice(0, -2)}xx` });
    expect(forged.json().items).toEqual([]);
  });

  it("lists this session's creations in every status, with the moderator's reason on a rejection, in the language asked", async () => {
    const rejected = await published('Too close to a face');
    const approved = await published('Harbour at dawn');
    const pending = await published('Still waiting');
    expect((await g.decide(rejected, staff, { decision: 'reject', reason: 'A real person can be recognised.' })).statusCode).toBe(200);
    expect((await g.decide(approved, staff, { decision: 'approve' })).statusCode).toBe(200);

    const res = await mine(g.visitor.headers, '?lang=nl');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((c: { id: string; status: string; rejectionReason: string | null }) => [c.id, c.status, c.rejectionReason])).toEqual([
      [pending, 'pending', null],
      [approved, 'approved', null],
      [rejected, 'rejected', 'A real person can be recognised.'],
    ]);
    expect(body.items[0].creditLine).toMatch(/door een bezoeker van/);
  });

  it('the visitor who published a creation sees it and its image in every status; nobody else does before approval', async () => {
    const id = await published('Mine while pending');
    const get = (url: string, headers: Record<string, string> = {}) => g.app.inject({ method: 'GET', url, headers });
    for (const url of [`/api/gallery/creations/${id}`, `/api/gallery/creations/${id}/image/thumb`]) {
      const own = await get(url, g.visitor.headers);
      expect(own.statusCode).toBe(200);
      expect(own.headers['cache-control']).toBe('private, no-store');
      expect((await get(url)).statusCode).toBe(404);
      expect((await get(url, g.newVisitor().headers)).statusCode).toBe(404);
    }
  });

  it("another visitor's session sees none of them", async () => {
    const other = g.newVisitor();
    await published('Theirs', other);
    const res = await mine(other.headers);
    expect(res.json().items.map((c: { title: string }) => c.title)).toEqual(['Theirs']);
    expect((await mine(g.newVisitor().headers)).json()).toMatchObject({ items: [], total: 0 });
  });
});
