/**
 * Issue 14 item 7, "remix this": an approved creation's collection works open in the studio as a draft, placed as
 * the first visitor placed them; their drawing and remixes stay theirs. On the real Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let staff: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
  await g.addWork('open-2', 'cc0', { title: 'The Dunes' });
  await g.addStaff('mod.anna', 'correct horse battery');
  staff = await g.login('mod.anna', 'correct horse battery');
});
afterAll(async () => g?.close());

const remix = (id: string) => g.app.inject({ method: 'POST', url: `/api/gallery/creations/${id}/remix`, headers: g.visitor.headers });

async function approved(workIds: string[], approve = true): Promise<string> {
  const res = await g.publish(publishMeta({ licence: 'cc0' }, workIds));
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  if (approve) expect((await g.decide(id, staff, { decision: 'approve' })).statusCode).toBe(200);
  return id;
}

describe('POST /creations/:id/remix', () => {
  it("opens an approved creation's works as a draft, where the visitor placed them, without their drawing", async () => {
    const id = await approved(['open-1', 'open-2']);
    const res = await remix(id);
    expect(res.statusCode).toBe(201);
    const { code, resumePath, recipe } = res.json();
    expect(resumePath).toMatch(/^\/resume#[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(recipe).toBeNull(); // no style remix in it
    const opened = await g.app.inject({ method: 'POST', url: '/api/gallery/drafts/open', payload: { code } });
    expect(opened.statusCode).toBe(200);
    const { document } = opened.json();
    const published = publishMeta({}, ['open-1', 'open-2']).document;
    expect(document.layers).toEqual(published.layers.filter((l) => l.kind === 'work'));
    expect(document).toMatchObject({ width: published.width, height: published.height });
  });

  it('404 for a creation that is not approved, or no creation; 409 when it uses no work', async () => {
    expect((await remix(await approved(['open-1'], false))).statusCode).toBe(404);
    expect((await remix('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await remix('not-an-id')).json().error.code).toBe('creation_not_found');
    const drawingOnly = await approved([]);
    expect((await remix(drawingOnly)).json()).toMatchObject({ error: { code: 'no_sources' } });
  });

  it('409 naming each work that may no longer be remixed, and opens nothing', async () => {
    const id = await approved(['open-1', 'open-2']);
    await g.pool.query(`UPDATE collection_works SET licence_status = 'refused', refusal_reason = 'Withdrawn by the museum.' WHERE id = 'open-2'`);
    const res = await remix(id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'sources_not_remixable', details: { works: [{ id: 'open-2', reason: expect.any(String) }] } });
    await g.pool.query(`UPDATE collection_works SET licence_status = 'accepted', refusal_reason = NULL WHERE id = 'open-2'`);
  });
});
