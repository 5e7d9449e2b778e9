/**
 * Two gallery-api processes on one database (issue 12): a kiosk's stream open on one hears a withdrawal made on the
 * other, and an educator's approval queue open on one hears a pupil's send made on the other, both through the change
 * notices over Postgres (repositories/pg-notices.ts). Real Postgres; the second app is composed as server.ts does.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDirStorage } from '@atelier/common';
import { sseEvents } from '@atelier/common/sse';
import { galleryApp } from '../../app';
import { composeGallery } from '../../composition';
import { ACCEPT_ANY_PICTURE, publishForm, publishMeta, pngOf, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let one: TestGallery;
let two: { app: FastifyInstance; close(): Promise<void> };
let curator: string;
let educator: string;
let approved: string[] = [];

beforeAll(async () => {
  one = await startTestGallery();
  // The second process: its own pool, app and notices, on the first one's database, storage and session secret.
  const pool = new pg.Pool({ connectionString: one.db.url, max: 3 });
  const app = Fastify({ logger: false });
  await app.register(galleryApp, composeGallery({ pool, storage: new LocalDirStorage(one.storageDir), inference: one.remixes, config: one.gallery.config, binding: ACCEPT_ANY_PICTURE }));
  await app.ready();
  two = { app, close: async () => (await app.close(), await pool.end()) };

  await one.addWork('open-1', 'cc0');
  await one.addWork('w-harbour', 'cc0');
  const cookies = await one.staffSessions([['cur.anna', 'moderator'], ['edu.eva', 'educator']], 'correct horse battery');
  curator = cookies['cur.anna']!;
  educator = cookies['edu.eva']!;
  for (const title of ['Pearl one', 'Pearl two']) {
    const id = (await one.publish(publishMeta({ title }, ['open-1']))).json().id as string;
    expect((await one.decide(id, curator, { decision: 'approve' })).statusCode).toBe(200);
    approved.push(id);
  }
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

/** An event stream from the first process, read until `until` accepts an event. */
async function streamFromOne(path: string, cookie?: string) {
  const address = await one.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(one.app.server.address() as { port: number }).port}`);
  const controller = new AbortController();
  const res = await fetch(`${address}/api/gallery${path}`, { headers: cookie ? { cookie } : {}, signal: controller.signal });
  expect(res.status).toBe(200);
  const events = sseEvents(res);
  return {
    async until(accept: (e: { event: string; data: any }) => boolean) {
      // Read with next(), not for-await: leaving a for-await loop would end the stream for the next call.
      for (let r = await events.next(); !r.done; r = await events.next()) if (accept(r.value)) return r.value;
      throw new Error('the stream ended first');
    },
    close: () => controller.abort(),
  };
}

describe('change notices across two gallery-api processes', () => {
  it('a kiosk stream open on process 1 drops a creation withdrawn on process 2', async () => {
    const created = await one.app.inject({
      method: 'POST',
      url: '/api/gallery/exhibitions',
      headers: { cookie: curator, origin: one.origin },
      payload: { title: { en: 'Pearls', nl: 'Parels' }, text: { en: '', nl: '' }, creationIds: approved, startsOn: null, endsOn: null, public: true, slideSeconds: 8, transition: 'fade' },
    });
    expect(created.statusCode).toBe(201);
    const kiosk = await streamFromOne(`/exhibitions/${created.json().id}/kiosk/events`);
    const first = await kiosk.until((e) => e.event === 'manifest');
    expect(first.data.slides.map((s: { creationId: string }) => s.creationId)).toEqual(approved);
    await one.gallery.notices.listening();

    const started = performance.now();
    const withdrawn = await two.app.inject({
      method: 'POST',
      url: `/api/gallery/creations/${approved[0]}/withdrawal`,
      headers: { cookie: curator, origin: one.origin },
      payload: { reason: 'The maker asked us to take it down.' },
    });
    expect(withdrawn.statusCode).toBe(200);
    const next = await kiosk.until((e) => e.event === 'manifest');
    const delay = performance.now() - started;
    console.log(`a withdrawal on process 2 reached the kiosk stream on process 1 ${delay.toFixed(1)} ms after it was sent`);
    expect(next.data.slides.map((s: { creationId: string }) => s.creationId)).toEqual([approved[1]]);
    kiosk.close();
  });

  it("an approval queue stream open on process 1 hears a pupil's send made on process 2", async () => {
    const start = new Date();
    const w = await one.app.inject({
      method: 'POST',
      url: '/api/gallery/workshops',
      headers: { cookie: educator, origin: one.origin },
      payload: {
        title: 'Havens',
        lang: 'nl',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        brief: { nl: 'Maak een nieuwe haven.', en: 'Make a new harbour.' },
        assignment: [{ workId: 'w-harbour' }],
        tools: ['style'],
        mayDraw: true,
        maySearch: false,
        publishRule: 'class',
      },
    });
    expect(w.statusCode).toBe(201);
    const { id, joinCode } = w.json();
    const queue = await streamFromOne(`/workshops/${id}/events`, educator);
    await queue.until((e) => e.event === 'ready');
    await one.gallery.notices.listening();

    // The pupil joins and sends on process 2.
    const joined = await two.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code: joinCode } });
    expect(joined.statusCode).toBe(200);
    const cookie = joined.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const form = await publishForm(publishMeta({ title: 'Nieuwe haven' }, ['w-harbour']), await pngOf());
    const sent = await two.app.inject({ method: 'POST', url: '/api/gallery/workshops/pupil/submissions', payload: form.payload, headers: { ...form.headers, cookie } });
    expect(sent.statusCode).toBe(201);
    const heard = await queue.until((e) => e.event === 'submission');
    expect(heard.data).toMatchObject({ type: 'submission', submissionId: sent.json().id });
    queue.close();
  });
});
