/**
 * Issue 10 item 11 under a Redis crash: the inference API and a worker on a private Redis (append-only, as
 * production runs it) that the test kills (SIGKILL) and starts again while visitors' event streams are open and a
 * remix is running. Meanwhile the API answers 503 in the one error shape (never hangs, never 500); afterwards every
 * stream goes on over the same connection to `completed` and `screened`, exactly once each, and every remix ran
 * once. A submit that lost Redis between its reservation and its job can be sent again with the same requestId at
 * once (it was refused 409 for 24 hours).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkCheck } from '@atelier/contracts';
import { remixKeys } from '@atelier/inference-service/jobs/control';
import { harness, post, result, watch, type Harness } from '../integration/inference-queue.harness';
import { printFigures, since, tally } from './support/figures';
import { PrivateRedis } from './support/private-redis';

let redis: PrivateRedis;
beforeAll(async () => {
  redis = await PrivateRedis.start();
});
afterAll(async () => {
  await redis?.stop();
});

/** Waits for the health check to answer 200 again; returns how long that took. */
async function healthyAgain(h: Harness): Promise<number> {
  const t = performance.now();
  while ((await h.inject({ url: '/api/inference/health' })).statusCode !== 200) await new Promise((r) => setTimeout(r, 50));
  return since(t);
}

describe('Redis restarts under live event streams', () => {
  it('answers 503 while it is down, then every open stream ends screened once and every remix ran once', async () => {
    const h = await harness({ maxPending: 3, maxPerHour: 100 }, { redisUrl: redis.url });
    const sessions = ['visitor-a', 'visitor-b', 'visitor-c'];
    const ids: { id: string; as: string }[] = [];
    for (const as of [...sessions, ...sessions]) {
      const { res, requestId } = await post(h, as);
      expect(res.statusCode).toBe(202);
      ids.push({ id: requestId, as });
    }
    const streams = ids.map(({ id, as }) => watch(`${h.baseUrl}/api/inference/remixes/${id}/events`, undefined, h.visitor(as)));
    await Promise.all(streams.map((s) => s.ready));

    // The worker holds its first remix until Redis is back; the others wait in the queue.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let running!: () => void;
    const first = new Promise<void>((resolve) => (running = resolve));
    const runs = new Map<string, number>();
    await h.startWorker(async (job) => {
      runs.set(job.data.remixId, (runs.get(job.data.remixId) ?? 0) + 1);
      running();
      await gate;
      return result(job);
    });
    await first;

    const t = performance.now();
    await redis.kill();
    const seen: string[] = [];
    const health = await h.inject({ url: '/api/inference/health' });
    seen.push(`/health ${health.statusCode} redis:${health.json().redis}`);
    const submit = performance.now();
    const refused = await post(h, 'visitor-d');
    const submitMs = since(submit);
    seen.push(`POST /remixes ${refused.res.statusCode} ${refused.body.error?.code} in ${submitMs} ms`);
    const read = await h.inject({ url: `/api/inference/remixes/${ids[0]!.id}`, as: ids[0]!.as });
    seen.push(`GET /remixes/:id ${read.statusCode} ${read.json().error?.code}`);
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ ok: false, redis: false });
    expect(refused.res.statusCode).toBe(503);
    expect(refused.body).toEqual({ error: { code: 'queue_unavailable', message: expect.any(String) } });
    expect(submitMs).toBeLessThan(10_000);
    expect(read.statusCode).toBe(503);
    const downMs = since(t);

    await redis.up();
    const recoveredMs = await healthyAgain(h);
    release();
    const events = await Promise.all(streams.map((s) => s.events));

    for (const [i, list] of events.entries()) {
      const names = list.map((e) => e.event);
      expect(names.filter((n) => n === 'completed'), ids[i]!.id).toHaveLength(1);
      expect(names.at(-1), ids[i]!.id).toBe('screened');
      expect(names).not.toContain('failed');
    }
    expect([...runs.values()]).toEqual(ids.map(() => 1));
    expect([...runs.keys()].sort()).toEqual(ids.map((x) => x.id).sort());
    const runCounts = tally([...runs.values()]);
    const after = await post(h, 'visitor-d');
    expect(after.res.statusCode).toBe(202);

    printFigures('Redis restart (SIGKILL, append-only) with 6 open event streams and a remix running', {
      injected: `redis-server killed, down ${downMs} ms, started again on its append-only file`,
      clientsSaw: [...seen, 'open event streams: no error, no close; each went on to completed + screened over the same connection'],
      timings: { 'Redis back → /health 200': recoveredMs },
      outcome: `6 remixes, each ran once (runs per remix: ${runCounts}), each stream saw completed×1 and screened×1; a new submit after recovery: ${after.res.statusCode}`,
    });
  });

  it('lets a submit that lost Redis between its reservation and its job be sent again at once with the same requestId', async () => {
    let reached!: () => void;
    const inCheck = new Promise<void>((resolve) => (reached = resolve));
    let proceed!: () => void;
    const held = new Promise<void>((resolve) => (proceed = resolve));
    let hold = true;
    const gallery = {
      checkWorks: async (ids: string[]): Promise<WorkCheck[]> => {
        if (hold) {
          hold = false;
          reached();
          await held; // the reservation is taken, the job is not queued yet
        }
        return ids.map((id): WorkCheck => ({ id, status: 'ok' }));
      },
      workImage: async () => Buffer.alloc(0),
    };
    const h = await harness({ maxPending: 3, maxPerHour: 100 }, { redisUrl: redis.url, gallery });
    const requestId = randomUUID();
    const cut = post(h, 'visitor-e', requestId);
    await inCheck;
    const claim = remixKeys(h.prefix).claim(requestId);
    const leaseMs = await h.redis.pttl(claim);
    await redis.kill();
    proceed();
    const first = await cut;
    expect(first.res.statusCode).toBe(503);
    expect(first.body.error.code).toBe('queue_unavailable');
    await redis.up();
    const t = performance.now();
    await healthyAgain(h);
    const again = await post(h, 'visitor-e', requestId);
    const acceptedMs = since(t);
    expect(again.res.statusCode).toBe(202);
    expect(await h.queue.queue.getJob(requestId)).toBeTruthy();
    expect(await h.redis.smembers(remixKeys(h.prefix).sessionPending(h.visitor('visitor-e').session.id))).toEqual([requestId]);
    // Its claim now is the new submit's, a lease (seconds), not 24 hours.
    expect(leaseMs).toBeGreaterThan(0);
    expect(leaseMs).toBeLessThanOrEqual(60_000);
    printFigures('Redis lost between a reservation and its job', {
      injected: 'redis-server killed while a submit waited in the collection check (slot and claim taken, no job yet)',
      clientsSaw: [`that submit: ${first.res.statusCode} ${first.body.error.code}`, `the same requestId after Redis returned: ${again.res.statusCode} (was 409 for 24 h)`],
      timings: { 'Redis back → same requestId accepted': acceptedMs },
      outcome: `one job, one pending slot for the session; the claim is a ${Math.round(leaseMs / 1000)} s lease`,
    });
  });
});
