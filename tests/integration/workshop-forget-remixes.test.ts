/**
 * Issue 11 item 8, across both services: when a workshop's retention ends, gallery-api's sweep deletes its pupils'
 * drafts (Postgres rows and files) and asks inference-service to delete the remixes the workshop's group made (BullMQ
 * jobs, inputs and outputs in Redis and storage), signed with the secret both share. Other visitors' and other
 * workshops' remixes stay. Real Postgres and Redis; prints the counts.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkshopGroupTokens } from '@atelier/common/pupil-session';
import { TEST_SESSION_SECRET } from '@atelier/common/testing/visitors';
import { inputKey, outputKey, type RemixJobData } from '@atelier/inference-service/jobs/remix.job';
import { RedisWorkshopRemixes } from '@atelier/inference-service/repositories/workshop-remixes.repository';
import { workshopGroupRoutes } from '@atelier/inference-service/routes/workshop-groups/index';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { MODEL, canvas, ended, harness, result, type Harness } from './inference-queue.harness';

const PASSWORD = 'correct horse battery';
let g: TestGallery | undefined;
afterAll(async () => g?.close());

/** POST /remixes as `label`'s visitor, with a gallery-issued pupil cookie when given. */
async function send(h: Harness, label: string, pupilCookie?: string) {
  const requestId = randomUUID();
  const { payload, headers } = multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId, model: MODEL, params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
    { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: await canvas },
  ]);
  const cookie = `${h.visitor(label).cookie}${pupilCookie ? `; ${pupilCookie}` : ''}`;
  const res = await h.app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, cookie } });
  expect(res.statusCode, res.body).toBe(202);
  return requestId;
}

describe("forgetting a workshop deletes its pupils' drafts and remixes", () => {
  it('deletes the group’s remixes in inference-service and the pupils’ drafts in gallery-api, and nothing of anyone else', async () => {
    const h = await harness({ maxPending: 5 });
    const remixes = new RedisWorkshopRemixes(h.redis, h.prefix, h.queue.queue, h.storage);
    // inference-service's forget route as server.ts mounts it, beside the harness's API on the same Redis and storage.
    const inference = Fastify();
    inference.setValidatorCompiler(validatorCompiler);
    inference.setSerializerCompiler(serializerCompiler);
    await inference.register(async (api) => api.register(workshopGroupRoutes, { tokens: new WorkshopGroupTokens(TEST_SESSION_SECRET), remixes }), {
      prefix: '/api/inference',
    });
    await inference.listen({ port: 0, host: '127.0.0.1' });
    const inferenceUrl = `http://127.0.0.1:${(inference.server.address() as AddressInfo).port}`;
    try {
      g = await startTestGallery({ env: { WORKSHOP_RETENTION_DAYS: '7', INFERENCE_URL: inferenceUrl } });
      await g.addStaff('edu.forget', PASSWORD, 'educator');
      const edu = await g.login('edu.forget', PASSWORD);
      const create = async (title: string) => {
        const start = new Date();
        const res = await g!.app.inject({
          method: 'POST',
          url: '/api/gallery/workshops',
          headers: { cookie: edu, origin: g!.origin },
          payload: { title, lang: 'en', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), brief: { en: 'Make.' }, assignment: [], tools: ['style'], mayDraw: true, maySearch: true, publishRule: 'class' },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json() as { id: string; joinCode: string };
      };
      const join = async (code: string) => {
        const res = await g!.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code } });
        return res.cookies.filter((c) => c.name === 'atelier_pupil').map((c) => `${c.name}=${c.value}`).join('; ');
      };
      const w = await create('Forgotten class');
      const other = await create('Another class');
      const [ada, ben, cas] = [await join(w.joinCode), await join(w.joinCode), await join(other.joinCode)];

      // Two pupils of the workshop make three remixes; an outside visitor and a pupil of another workshop one each.
      const mine = [await send(h, 'ada', ada), await send(h, 'ada', ada), await send(h, 'ben', ben)];
      const kept = [await send(h, 'outsider'), await send(h, 'cas', cas)];
      const all = [...mine, ...kept];
      const done = Promise.all(all.map((id) => ended(h, id)));
      await h.startWorker(async (job: Job<RemixJobData>) => {
        await h.storage.put(outputKey(job.data.remixId), Buffer.from('png'));
        return result(job);
      });
      await done;
      expect(new Set(await remixes.remixIdsOf(w.id))).toEqual(new Set(mine));

      // Ada saves a draft (as a pupil); a visitor's draft is no workshop's.
      const doc = { schemaVersion: 2, width: 64, height: 48, layers: [{ id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 9, 9], color: '#123456', size: 4 }] }] };
      for (const cookie of [ada, undefined]) {
        const saved = await g.app.inject({ method: 'POST', url: '/api/gallery/drafts', payload: { document: doc }, headers: cookie ? { cookie } : {} });
        expect(saved.statusCode, saved.body).toBe(201);
      }
      const drafts = async () => (await g!.pool.query('SELECT count(*)::int AS n FROM drafts')).rows[0].n as number;
      expect(await drafts()).toBe(2);

      // Not due yet; then eight days later (retention 7): moved back in time rather than waiting.
      expect((await g.gallery.workshops.forgetDue()).workshops).toBe(0);
      await g.pool.query(
        "UPDATE workshops SET starts_at = starts_at - interval '8 days', ends_at = ends_at - interval '8 days' WHERE id = $1",
        [w.id],
      );
      const sweep = await g.gallery.workshops.forgetDue();
      console.log('workshop forget across services:', sweep);
      expect(sweep).toMatchObject({ workshops: 1, pupils: 2, drafts: 1, remixes: 3, remixFiles: 6, remixesUnreached: 0 });

      // Gone: the group's jobs and files, its index, the pupil's draft. Kept: everyone else's.
      for (const id of mine) {
        expect(await h.queue.queue.getJob(id)).toBeUndefined();
        expect(await h.storage.exists(inputKey(id))).toBe(false);
        expect(await h.storage.exists(outputKey(id))).toBe(false);
      }
      for (const id of kept) {
        expect(await h.queue.queue.getJob(id)).toBeDefined();
        expect(await h.storage.exists(outputKey(id))).toBe(true);
      }
      expect(await remixes.remixIdsOf(w.id)).toEqual([]);
      expect(await remixes.remixIdsOf(other.id)).toHaveLength(1);
      expect(await drafts()).toBe(1);

      // Nobody else may ask: no token, or another group's token, is 401.
      const url = `${inferenceUrl}/api/inference/workshop-groups/${other.id}/remixes`;
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(401);
      expect((await fetch(url, { method: 'DELETE', headers: new WorkshopGroupTokens(TEST_SESSION_SECRET).header(w.id) })).status).toBe(401);
      expect(await remixes.remixIdsOf(other.id)).toHaveLength(1);
    } finally {
      await inference.close();
    }
  }, 60_000);
});
