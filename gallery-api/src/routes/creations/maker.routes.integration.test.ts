/**
 * Issue 12: every published creation carries its maker's pseudonym, derived from the visitor session (never typed),
 * the same for every creation of one session, and answered in the language asked for. On the real Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creationDetailSchema, creationListSchema } from '@atelier/contracts/creation.schema';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let staff: string;
type TestVisitor = TestGallery['visitor'];

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
  ({ 'mod.anna': staff } = await g.staffSessions([['mod.anna', 'moderator']], 'correct horse battery'));
});
afterAll(async () => g?.close());

const makerOf = async (visitor: TestVisitor) => {
  const res = await g.app.inject({ method: 'GET', url: '/api/gallery/creations/maker', headers: visitor.headers });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('private, no-store');
  return res.json() as { nl: string; en: string };
};

async function published(title: string, visitor: TestVisitor): Promise<string> {
  const res = await g.publish(publishMeta({ title }, ['open-1']), undefined, '', visitor);
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const detail = async (id: string, lang: string, headers: Record<string, string> = {}) =>
  creationDetailSchema.parse((await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${id}?lang=${lang}`, headers })).json());

describe("the maker's pseudonym", () => {
  it('GET /creations/maker mints a session for a browser without one, and names it bilingually', async () => {
    const res = await g.app.inject({ method: 'GET', url: '/api/gallery/creations/maker' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeDefined();
    const name = res.json();
    expect(name.en).toMatch(/^\S+ \S+ \d{1,2}$/);
    expect(name.nl.split(' ').at(-1)).toBe(name.en.split(' ').at(-1));
  });

  it('a published creation answers the pseudonym its session was told, in the language asked; two of one session share it', async () => {
    const name = await makerOf(g.visitor);
    const first = await published('Harbour at dawn', g.visitor);
    const second = await published('Harbour at dusk', g.visitor);
    expect((await g.decide(first, staff, { decision: 'approve' })).statusCode).toBe(200);
    expect((await g.decide(second, staff, { decision: 'approve' })).statusCode).toBe(200);

    expect((await detail(first, 'en')).maker).toBe(name.en);
    expect((await detail(first, 'nl')).maker).toBe(name.nl);
    expect((await detail(second, 'en')).maker).toBe(name.en);
    // The credit line stays "by a visitor of …": the pseudonym stands beside it, not in it.
    expect((await detail(first, 'en')).creditLine).toMatch(/by a visitor of Open Atelier/);

    // The gallery's cards carry it too.
    const list = creationListSchema.parse((await g.app.inject({ method: 'GET', url: '/api/gallery/creations?lang=nl' })).json());
    expect(list.items.filter((c) => c.id === first || c.id === second).map((c) => c.maker)).toEqual([name.nl, name.nl]);
  });

  it("another session's creation carries another pseudonym (with 38,016 names, almost surely)", async () => {
    const other = g.newVisitor();
    const id = await published('Someone else', other);
    const own = await detail(id, 'en', other.headers);
    expect(own.maker).toBe((await makerOf(other)).en);
    expect(own.maker).not.toBe((await makerOf(g.visitor)).en);
  });
});
