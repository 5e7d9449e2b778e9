import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remixOf } from '../../services/creation.fakes';
import { countRows, publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let cookie: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0');
  await g.addStaff('mod.ben', 'a long enough password');
  cookie = await g.login('mod.ben', 'a long enough password');
});
afterAll(async () => g?.close());

async function publishOne(title = 'Pending piece'): Promise<string> {
  const res = await g.publish(publishMeta({ title, licence: 'cc0' }, ['open-1']));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const decide = (id: string, payload: unknown, as = cookie) => g.decide(id, as, payload);

describe('moderation refuses', () => {
  it('401 without login, before looking at the body', async () => {
    const id = await publishOne();
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue' })).statusCode).toBe(401);
    const res = await decide(id, { decision: 'maybe' }, '');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('not_logged_in');
    expect((await g.app.inject({ method: 'GET', url: `/api/gallery/moderation/creations/${id}/events` })).statusCode).toBe(401);
    const forged = await decide(id, { decision: 'approve' }, 'atelier_session=forged');
    expect(forged.statusCode).toBe(401);
    expect((await countRows(g.pool)).events).toBe(0);
  });

  it('400 reason_required for a reject without a reason (blank counts as none)', async () => {
    const id = await publishOne();
    for (const payload of [{ decision: 'reject' }, { decision: 'reject', reason: '   ' }]) {
      const res = await decide(id, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('reason_required');
    }
    expect((await decide(id, { decision: 'reject', reason: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await countRows(g.pool)).events).toBe(0);
    const { rows } = await g.pool.query('SELECT status FROM creations WHERE id = $1', [id]);
    expect(rows[0].status).toBe('pending');
  });

  it('415 for a decision that is not sent as JSON (CSRF defence)', async () => {
    const id = await publishOne();
    const res = await g.app.inject({
      method: 'POST',
      url: `/api/gallery/moderation/creations/${id}/decision`,
      headers: { cookie, origin: g.origin, 'content-type': 'text/plain' },
      payload: '{"decision":"approve"}',
    });
    expect(res.statusCode).toBe(415);
    expect((await countRows(g.pool)).events).toBe(0);
  });

  it('404 for an unknown creation', async () => {
    expect((await decide('00000000-0000-4000-8000-000000000000', { decision: 'approve' })).statusCode).toBe(404);
    expect((await decide('not-a-uuid', { decision: 'approve' })).statusCode).toBe(404);
    const events = await g.app.inject({
      method: 'GET',
      url: '/api/gallery/moderation/creations/00000000-0000-4000-8000-000000000000/events',
      headers: { cookie },
    });
    expect(events.statusCode).toBe(404);
  });
});

describe('moderation decides', () => {
  it('rejects with a reason, logs it once, and a second decision is 409', async () => {
    const id = await publishOne('To be rejected');
    const before = (await countRows(g.pool)).events;
    const res = await decide(id, { decision: 'reject', reason: '  Shows a visitor’s face.  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'reject', reason: 'Shows a visitor’s face.', staffUsername: 'mod.ben' });

    const again = await decide(id, { decision: 'approve' });
    expect(again.statusCode).toBe(409);
    expect((await countRows(g.pool)).events).toBe(before + 1);

    const { rows } = await g.pool.query('SELECT status, decided_at FROM creations WHERE id = $1', [id]);
    expect(rows[0].status).toBe('rejected');
    expect(rows[0].decided_at).toBeInstanceOf(Date);
    expect((await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${id}` })).statusCode).toBe(404);

    const queue = await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie } });
    expect(queue.json().items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('lists the queue oldest first', async () => {
    const first = await publishOne('First');
    const second = await publishOne('Second');
    const queue = await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie } });
    const ids = queue.json().items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
    expect(queue.headers['cache-control']).toBe('private, no-store');
  });

  it('lists creations flagged by the safety screen first, with the scores, and drops none', async () => {
    const plain = await publishOne('Unflagged, older');
    const remixId = randomUUID();
    const scores = { Drawing: 0.01, Hentai: 0.05, Neutral: 0.14, Porn: 0.72, Sexy: 0.08 };
    g.remixes.serve(
      remixOf(remixId, {
        params: { styleWorkId: 'open-1', strength: 0.7 },
        safety: { screened: true, flagged: true, scores: { input: scores, output: scores }, flagClasses: ['Porn', 'Hentai'], threshold: 0.6 },
      }),
    );
    const published = await g.publish(publishMeta({ title: 'Flagged, newer', licence: 'cc0', remixIds: [remixId] }, ['open-1']));
    expect(published.statusCode).toBe(201);
    const flagged = published.json().id as string;
    // The public answer never carries the scores.
    expect(published.json()).not.toHaveProperty('safety');

    const queue = await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie } });
    const items = queue.json().items as { id: string; safety: { flagged: boolean; remixes: unknown[] } | null }[];
    expect(items[0]!.id).toBe(flagged);
    expect(items[0]!.safety).toEqual({
      flagged: true,
      remixes: [{ remixId, screened: true, flagged: true, scores: { input: scores, output: scores }, flagClasses: ['Porn', 'Hentai'], threshold: 0.6 }],
    });
    const unflagged = items.find((c) => c.id === plain)!;
    expect(unflagged.safety).toBeNull();
    const { rows } = await g.pool.query('SELECT status, safety_flagged FROM creations WHERE id = $1', [flagged]);
    expect(rows[0]).toEqual({ status: 'pending', safety_flagged: true });
    // Deciding works as for any creation.
    expect((await decide(flagged, { decision: 'reject', reason: 'Not for the gallery.' })).statusCode).toBe(200);
  });

  it('keeps moderation_events append-only', async () => {
    const id = await publishOne();
    expect((await decide(id, { decision: 'approve' })).statusCode).toBe(200);
    await expect(g.pool.query("UPDATE moderation_events SET reason = 'edited' WHERE creation_id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(g.pool.query('DELETE FROM moderation_events WHERE creation_id = $1', [id])).rejects.toThrow(/append-only/);
  });
});
