/**
 * Issue 10 item 11: no remix worker is running. A visitor used to wait for ever at "1 ahead of you, about 2 s"
 * while /health said ok. Workers now beat (every 5 s; 15 s without a beat and one counts as gone): /health answers
 * 503 with `workers: 0`, a queued remix says `waitingFor: worker` (the studio tells the visitor plainly), and its
 * open stream hears when a worker comes, then the remix runs as usual. The API in process on the machine's Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { keepBeating, RedisWorkerRegistry, thisWorker } from '@atelier/inference-service/repositories/worker-registry.repository';
import { harness, post, result, watch } from '../integration/inference-queue.harness';
import { printFigures, since } from './support/figures';

const stops: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('no remix worker running', () => {
  it('says so in /health and on the remix, and the stream goes on as soon as a worker beats', async () => {
    let registry!: RedisWorkerRegistry;
    const h = await harness({}, {
      workers: (redis, prefix) => {
        registry = new RedisWorkerRegistry(redis, prefix);
        stops.push(registry.watch(200)); // server.ts reads every 5 s; the test does not wait that long
        return registry;
      },
    });
    const health = await h.inject({ url: '/api/inference/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ ok: false, redis: true, workers: 0 });

    const { res, requestId } = await post(h, 'visitor-alone');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', position: 1, waitingFor: 'worker' });
    const stream = watch(`${h.baseUrl}/api/inference/remixes/${requestId}/events`, undefined, h.visitor('visitor-alone'));
    await stream.ready;

    const t = performance.now();
    const worker = await h.startWorker(async (job) => result(job));
    const beat = keepBeating(registry, worker.id, () => thisWorker(1));
    stops.push(() => beat.stop());
    const events = await stream.events;
    const doneMs = since(t);

    expect(events[0]).toMatchObject({ event: 'progress', data: { status: 'queued', waitingFor: 'worker' } });
    expect(events.slice(1).some((e) => e.event === 'progress' && e.data.waitingFor)).toBe(false);
    expect(events.slice(-2).map((e) => e.event)).toEqual(['completed', 'screened']);
    const healthy = await h.inject({ url: '/api/inference/health' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toMatchObject({ ok: true, workers: 1 });

    // A worker that stops on purpose leaves the count at once.
    await beat.stop();
    expect((await h.inject({ url: '/api/inference/health' })).json()).toMatchObject({ workers: 0 });

    printFigures('no remix worker running', {
      injected: 'the API up, no worker process',
      clientsSaw: [
        `/health ${health.statusCode} ${JSON.stringify(health.json())}`,
        'the remix: queued, position 1, waitingFor: worker (the studio: "The remix machine is not running just now…")',
      ],
      timings: { 'worker started → remix screened (stream told at once)': doneMs },
      outcome: 'one remix, completed once; /health 200 with workers: 1, then workers: 0 once it left',
    });
  });
});
