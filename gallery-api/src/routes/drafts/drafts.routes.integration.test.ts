import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remixOf } from '../../services/creation.fakes';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
const MINE = '11111111-1111-4111-8111-111111111111';
const MINE_NOT_IN_DRAFT = '22222222-2222-4222-8222-222222222222';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
const doc = (remixIds: string[] = []) => ({
  schemaVersion: 2,
  width: 64,
  height: 48,
  layers: [
    { id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 9, 9], color: '#123456', size: 4 }] },
    ...remixIds.map((remixId) => ({ id: `r-${remixId}`, kind: 'remix', remixId, x: 1, y: 2, width: 64, height: 48 })),
  ],
});

beforeAll(async () => {
  // Only the guessing limit is on: 5 codes per address in the window.
  g = await startTestGallery({ limits: { draftOpenPerAddress: 5 } });
  await g.addWork('cc0', 'cc0', { title: 'The Wave' }); // the style work remixOf names
  for (const id of [MINE, MINE_NOT_IN_DRAFT]) {
    g.remixes.serve(remixOf(id, { output: { url: `/api/inference/remixes/${id}/output.png`, sha256: createHash('sha256').update(PNG).digest('hex'), width: 64, height: 48 } }));
    g.remixes.serveOutput(id, PNG);
  }
});
afterAll(async () => g?.close());

const save = (payload: unknown, headers: Record<string, string> = g.visitor.headers) =>
  g.app.inject({ method: 'POST', url: '/api/gallery/drafts', payload: payload as object, headers });
/** Each open from its own address, so the guessing limit counts only where a test means it to. */
let address = 0;
const open = (code: string, headers: Record<string, string> = {}, remoteAddress = `10.0.0.${++address}`) =>
  g.app.inject({ method: 'POST', url: '/api/gallery/drafts/open', payload: { code }, headers, remoteAddress });
const image = (url: string, headers: Record<string, string> = {}) => g.app.inject({ method: 'GET', url, headers });

describe('POST /drafts and /drafts/open refuse what they cannot take', () => {
  it('400 for a body off the contract: no document, a document of an unknown version, a code that is not text', async () => {
    for (const payload of [{}, { document: { ...doc(), schemaVersion: 7 } }, { document: doc(), history: { past: 'x' } }]) {
      const res = await save(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await g.app.inject({ method: 'POST', url: '/api/gallery/drafts/open', payload: { code: 12345678 } })).statusCode).toBe(400);
  });

  it('404 for a code that opens nothing, whatever its shape, and no session is minted', async () => {
    for (const code of ['ABCD-EFGH', 'abcd', 'x'.repeat(40)]) {
      const res = await open(code);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('draft_not_found');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it("400 for a canvas showing a remix the saving session cannot read (another visitor's), and nothing is kept", async () => {
    const res = await save({ document: doc([MINE]) }, g.newVisitor().headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_remix');
    expect((await g.pool.query('SELECT count(*)::int AS n FROM drafts')).rows[0].n).toBe(0);
  });

  it('429 with Retry-After once one address has tried too many codes', async () => {
    const from = '10.9.9.9';
    for (let i = 0; i < 5; i++) expect((await open('ABCD-EFGH', {}, from)).statusCode).toBe(404);
    const refused = await open('ABCD-EFGH', {}, from);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a draft saved by one session opens in another by its code', () => {
  it('answers the document, its history and the copies of its remixes, and nothing else of the first session', async () => {
    const saved = await save({ document: doc([MINE]), history: { past: [doc()], future: [] } });
    expect(saved.statusCode).toBe(201);
    expect(saved.headers['set-cookie']).toBeUndefined();
    const { code, resumePath, expiresAt } = saved.json();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(resumePath).toBe(`/resume#${code.slice(0, 4)}-${code.slice(4)}`);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000);

    // The database holds a keyed hash of the code, never the code.
    const { rows } = await g.pool.query('SELECT code_hash, document::text AS doc FROM drafts');
    expect(rows).toHaveLength(1);
    expect(rows[0].code_hash).not.toContain(code);
    expect(rows[0].code_hash).toHaveLength(64);

    const other = g.newVisitor();
    const opened = await open(code.toLowerCase(), other.headers);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['cache-control']).toBe('private, no-store');
    const draft = opened.json();
    expect(draft.document).toEqual(doc([MINE]));
    expect(draft.history).toEqual({ past: [doc()], future: [] });
    expect(draft.remixes).toHaveLength(1);
    const url: string = draft.remixes[0].output.url;
    expect(url).toMatch(new RegExp(`^/api/gallery/drafts/[0-9a-f-]{36}/remixes/${MINE}/output\\.png$`));

    // The second session sees the copy; the original stays the first session's alone.
    const copy = await image(url, other.headers);
    expect(copy.statusCode).toBe(200);
    expect(copy.headers['content-type']).toBe('image/png');
    expect(copy.rawPayload).toEqual(PNG);
    expect(await g.remixes.getRemix(MINE, other.session.token)).toBeNull();
    // Another remix of the same session is not readable through the draft, nor is the draft's remix under another draft id.
    expect((await image(url.replace(MINE, MINE_NOT_IN_DRAFT))).statusCode).toBe(404);
    expect((await image(url.replace(/drafts\/[0-9a-f-]{36}/, 'drafts/33333333-3333-4333-8333-333333333333'))).statusCode).toBe(404);
  });

  it("publishes from the second device: the draft's code lets its remix copies be credited, and nothing without it", async () => {
    const { code } = (await save({ document: doc([MINE]) })).json();
    const other = g.newVisitor();
    const meta = (over: object) => publishMeta({ document: doc([MINE]) as never, licence: 'cc0', ...over });
    const without = await g.publish(meta({}), undefined, '', other);
    expect(without.statusCode).toBe(400);
    expect(without.json().error.code).toBe('unknown_remix');
    expect((await g.publish(meta({ draftCode: 'ZZZZ-2222' }), undefined, '', other)).json().error.code).toBe('unknown_remix');
    // A draft that does not show the remix grants nothing either.
    const { code: plain } = (await save({ document: doc() })).json();
    expect((await g.publish(meta({ draftCode: plain }), undefined, '', other)).json().error.code).toBe('unknown_remix');

    const published = await g.publish(meta({ draftCode: code.toLowerCase() }), undefined, '', other);
    expect(published.statusCode).toBe(201);
    const creation = published.json();
    expect(creation.provenance.actions).toContainEqual(expect.objectContaining({ type: 'remix', remixId: MINE }));
    expect(creation.ingredients.map((i: { workId: string }) => i.workId)).toContain('cc0');
    // It is the second visitor's creation.
    const mine = await g.app.inject({ method: 'GET', url: '/api/gallery/creations/mine', headers: other.headers });
    expect(mine.json().items.map((c: { id: string }) => c.id)).toEqual([creation.id]);
  });

  it('is gone once it expires: not opened, its copies not served, and the sweep deletes its row and files', async () => {
    const { code } = (await save({ document: doc([MINE]) })).json();
    const url: string = (await open(code)).json().remixes[0].output.url;
    const files = async () => (await readdir(g.storageDir, { recursive: true })).filter((f) => String(f).endsWith('.png') && String(f).startsWith('drafts'));
    const before = (await files()).length;
    await g.pool.query(`UPDATE drafts SET created_at = now() - interval '15 days', expires_at = now() - interval '1 day'
                         WHERE id = $1`, [url.split('/')[4]]);
    expect((await open(code)).statusCode).toBe(404);
    expect((await image(url)).statusCode).toBe(404);
    const swept = await g.gallery.drafts.sweep();
    expect(swept.drafts).toBe(1);
    expect((await files()).length).toBe(before - 1);
    expect((await g.pool.query('SELECT count(*)::int AS n FROM drafts WHERE id = $1', [url.split('/')[4]])).rows[0].n).toBe(0);
  });
});
