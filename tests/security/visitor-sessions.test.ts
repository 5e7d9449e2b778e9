/**
 * Issue #10 item 1, server-issued visitor sessions: the session is a signed HttpOnly cookie the APIs issue (the
 * studio no longer chooses it), a remix answers only its own session (read, events, output, cancel), a
 * client-chosen `x-atelier-session` or a forged cookie changes nothing, gallery-api reads remixes at publish with
 * the visitor's own cookie (so nobody publishes another visitor's remix), and each creation keeps a keyed hash of
 * its session. On the real Redis (inference-service in process, a stand-in worker) and Postgres (gallery-api).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { VISITOR_COOKIE, cookieValue } from '@atelier/common/visitor-session';
import { testVisitorSessions } from '@atelier/common/testing/visitors';
import { outputKey, type RemixJobData } from '@atelier/inference-service/jobs/remix.job';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { HttpInferenceClient } from '@atelier/gallery-api/repositories/inference.client';
import { publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { canvas, ended, harness, post, result, sse, type Harness } from '../integration/inference-queue.harness';

const complete = (h: Harness) =>
  h.startWorker(async (job: Job<RemixJobData>) => {
    await h.storage.put(outputKey(job.data.remixId), await canvas);
    return result(job);
  });

/** A finished remix of `who` (a visitor label of the harness). */
async function finishedRemix(h: Harness, who: string): Promise<string> {
  const id = randomUUID();
  const end = ended(h, id);
  expect((await post(h, who, id)).res.statusCode).toBe(202);
  expect((await end).event).toBe('completed');
  return id;
}

describe('a remix belongs to the session that made it', () => {
  it('answers 404 to every other session and to no session: read, event stream, output and cancel', async () => {
    const h = await harness();
    await complete(h);
    const id = await finishedRemix(h, 'ann');
    const stranger = { url: `/api/inference/remixes/${id}` };

    for (const as of ['bob', undefined]) {
      const headers = as ? h.visitor(as).headers : {};
      for (const [method, url] of [
        ['GET', stranger.url],
        ['GET', `${stranger.url}/events`],
        ['GET', `${stranger.url}/output.png`],
        ['DELETE', stranger.url],
      ] as const) {
        const res = await h.app.inject({ method, url, headers });
        expect(res.statusCode, `${method} ${url} as ${as ?? 'nobody'}`).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'remix_not_found', message: 'No such remix.' } });
      }
    }
    // Its own visitor reads all of it; the output is never for a shared cache.
    expect((await h.inject({ url: stranger.url, as: 'ann' })).json()).toMatchObject({ id, status: 'completed' });
    const png = await h.inject({ url: `${stranger.url}/output.png`, as: 'ann' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['cache-control']).toMatch(/^private/);
    expect((await sse(`${h.baseUrl}${stranger.url}/events`, undefined, h.visitor('ann'))).map((e) => e.event)).toEqual(['completed', 'screened']);

  });

  it('leaves a queued remix alone when another session tries to cancel it', async () => {
    const q = await harness(); // no worker: the remix stays queued
    const { requestId } = await post(q, 'ann');
    expect((await q.inject({ method: 'DELETE', url: `/api/inference/remixes/${requestId}`, as: 'bob' })).statusCode).toBe(404);
    expect((await q.inject({ url: `/api/inference/remixes/${requestId}`, as: 'ann' })).json().status).toBe('queued');
    expect((await q.inject({ method: 'DELETE', url: `/api/inference/remixes/${requestId}`, as: 'ann' })).statusCode).toBe(200);
  });

  it('issues the session itself: an HttpOnly, SameSite=Strict, expiring cookie of 128 random bits, never a client-chosen id', async () => {
    const h = await harness({ maxPending: 1 });
    const { payload, headers } = await remixForm();
    const first = await h.app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, 'x-atelier-session': 'i-choose-my-session' } });
    expect(first.statusCode).toBe(202);
    const cookie = first.cookies.find((c) => c.name === VISITOR_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.maxAge).toBeGreaterThan(0);
    const session = testVisitorSessions().verify(cookie.value)!;
    expect(Buffer.from(session.id, 'base64url')).toHaveLength(16);
    const job = await h.queue.queue.getJob(first.json().id);
    expect(job?.data.fairness).toEqual({ sessionId: session.id });

    // The same visitor with another x-atelier-session header is still the same session: the quota holds.
    const again = await remixForm();
    const second = await h.app.inject({
      method: 'POST',
      url: '/api/inference/remixes',
      payload: again.payload,
      headers: { ...again.headers, cookie: `${VISITOR_COOKIE}=${cookie.value}`, 'x-atelier-session': 'a-fresh-one-please' },
    });
    expect(second.statusCode).toBe(429);
    expect(second.json().error.code).toBe('quota_exceeded');

    // A forged cookie (another id under a copied signature) is no session: a new one is issued, the forged id is never used.
    const [v, , exp, mac] = cookie.value.split('.');
    const forgedId = 'AAAAAAAAAAAAAAAAAAAAAA';
    const third = await remixForm();
    const forged = await h.app.inject({
      method: 'POST',
      url: '/api/inference/remixes',
      payload: third.payload,
      headers: { ...third.headers, cookie: `${VISITOR_COOKIE}=${v}.${forgedId}.${exp}.${mac}` },
    });
    expect(forged.statusCode).toBe(202);
    const reissued = cookieValue(String(forged.headers['set-cookie']), VISITOR_COOKIE)!;
    expect(testVisitorSessions().verify(reissued)?.id).not.toBe(forgedId);
    expect((await h.queue.queue.getJob(forged.json().id))?.data.fairness?.sessionId).not.toBe(forgedId);
  });
});

describe('publishing reads remixes on the visitor’s behalf', () => {
  let h: Harness;
  let g: TestGallery;
  beforeAll(async () => {
    h = await harness();
    await complete(h);
    // gallery-api reads inference-service over HTTP, as in production, with no key of its own.
    g = await startTestGallery({ inference: new HttpInferenceClient(h.baseUrl), screenWaitMs: 2_000 });
    await g.addWork('w1', 'cc0');
    await g.addWork('w2', 'cc0');
  });
  afterAll(async () => g?.close());

  it("refuses to publish another visitor's remix, publishes one's own, and binds the creation to a keyed hash of the session", async () => {
    const id = await finishedRemix(h, 'ann');
    const [ann, bob] = [h.visitor('ann'), h.visitor('bob')];
    const meta = () => publishMeta({ licence: 'cc0', remixIds: [id] }, ['w1']);

    const stolen = await g.publish(meta(), undefined, '', bob);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.code).toBe('unknown_remix');

    const own = await g.publish(meta(), undefined, '', ann);
    expect(own.statusCode, own.body).toBe(201);
    const { rows } = await g.pool.query<{ visitor_key: string }>('SELECT visitor_key FROM creations WHERE id = $1', [own.json().id]);
    expect(rows[0]!.visitor_key).toBe(g.gallery.visitors.pseudonym('creation owner', ann.session.id));
    expect(rows[0]!.visitor_key).not.toContain(ann.session.id);
  });

  it("answers 409 to another visitor's requestId instead of their pending creation", async () => {
    const meta = publishMeta({ licence: 'cc0' }, ['w1']);
    expect((await g.publish(meta, undefined, '', h.visitor('ann'))).statusCode).toBe(201);
    const other = await g.publish(meta, undefined, '', h.visitor('bob'));
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: { code: 'request_id_taken' } });
    expect(other.body).not.toContain(meta.title);
  });

  it('issues a session to a visitor who publishes without one, Secure when the public URL is https', async () => {
    const https = await startTestGallery({ env: { ATELIER_PUBLIC_URL: 'https://atelier.museum.example' } });
    try {
      await https.addWork('w1', 'cc0');
      const res = await https.publish(publishMeta({ licence: 'cc0' }, ['w1']), undefined, '', null);
      expect(res.statusCode).toBe(201);
      expect(res.cookies.find((c) => c.name === VISITOR_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
    } finally {
      await https.close();
    }
  });
});

async function remixForm() {
  return multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
    { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: await canvas },
  ]);
}
