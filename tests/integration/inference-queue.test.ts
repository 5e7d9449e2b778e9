/**
 * Queue semantics of inference-service on the real Redis: idempotent submits under concurrency, cancel,
 * retries for transient errors only and per-task timeouts. Fairness, quotas and estimates:
 * inference-queue-fairness.test.ts; a worker killed mid-job: inference-queue-crash.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GalleryUnavailableError } from '@atelier/inference-service/services/gallery';
import { activated, ended, harness, post, result, sse, strengthOf, watch } from './inference-queue.harness';

describe('inference queue semantics', () => {
  it('makes two simultaneous submits with one requestId one job and one stored input', async () => {
    const h = await harness();
    const requestId = randomUUID();
    const [a, b] = await Promise.all([post(h, 'session-aaaa', requestId), post(h, 'session-aaaa', requestId)]);
    expect([a.res.statusCode, b.res.statusCode].sort()).toEqual([200, 202]);
    expect(a.body.id).toBe(requestId);
    expect(b.body.id).toBe(requestId);
    expect(h.storage.puts).toEqual([`inputs/${requestId}.png`]);
    const counts = await h.queue.queue.getJobCounts();
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(1);
    // From another session the id names someone else's remix: refused, and nothing new is stored.
    const c = await post(h, 'session-bbbb', requestId);
    expect(c.res.statusCode).toBe(409);
    expect(c.body.error.code).toBe('request_id_taken');
    expect(h.storage.puts).toHaveLength(1);
  });

  it('cancels a queued remix: removed at once, SSE says cancelled, the record stays readable', async () => {
    const h = await harness();
    const { requestId } = await post(h, 'session-aaaa');
    const stream = watch(`${h.baseUrl}/api/inference/remixes/${requestId}/events`, undefined, h.visitor('session-aaaa'));
    await stream.ready;
    const res = await h.inject({ method: 'DELETE', url: `/api/inference/remixes/${requestId}`, as: 'session-aaaa' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: requestId, status: 'cancelled' });
    expect((await stream.events).at(-1)).toMatchObject({ event: 'cancelled', data: { id: requestId, status: 'cancelled' } });
    expect(await h.queue.queue.getJob(requestId)).toBeUndefined();
    expect((await h.inject({ url: `/api/inference/remixes/${requestId}`, as: 'session-aaaa' })).json().status).toBe('cancelled');
    expect((await h.inject({ method: 'DELETE', url: `/api/inference/remixes/${requestId}`, as: 'session-aaaa' })).statusCode).toBe(200);
    expect((await sse(`${h.baseUrl}/api/inference/remixes/${requestId}/events`, ['cancelled'], h.visitor('session-aaaa'))).map((e) => e.event)).toEqual(['cancelled']);
    // The same requestId again is the same (cancelled) remix, not a new job.
    expect((await post(h, 'session-aaaa', requestId)).body.status).toBe('cancelled');
    expect((await h.inject({ method: 'DELETE', url: `/api/inference/remixes/${randomUUID()}`, as: 'session-aaaa' })).statusCode).toBe(404);
  });

  it('cancels a running remix cooperatively through the processor signal, and refuses to cancel a finished one', async () => {
    const h = await harness();
    let sawAbort: unknown;
    await h.startWorker(
      (job, _token, signal) =>
        new Promise((resolve, reject) => {
          if (strengthOf(job) === 1) return resolve(result(job));
          signal.addEventListener('abort', () => ((sawAbort = signal.reason), reject(new Error('stopped'))));
        }),
    );
    const requestId = randomUUID();
    const active = activated(h, requestId);
    await post(h, 'session-aaaa', requestId);
    await active;
    const stream = watch(`${h.baseUrl}/api/inference/remixes/${requestId}/events`, undefined, h.visitor('session-aaaa'));
    await stream.ready;
    const end = ended(h, requestId);
    const res = await h.inject({ method: 'DELETE', url: `/api/inference/remixes/${requestId}`, as: 'session-aaaa' });
    expect([200, 202]).toContain(res.statusCode);
    expect(await end).toEqual({ event: 'failed', reason: 'cancelled' });
    expect(sawAbort).toBe('cancelled');
    expect((await stream.events).at(-1)?.event).toBe('cancelled');
    expect((await h.inject({ url: `/api/inference/remixes/${requestId}`, as: 'session-aaaa' })).json().status).toBe('cancelled');

    const quickId = randomUUID();
    const quickEnd = ended(h, quickId);
    expect((await post(h, 'session-aaaa', quickId, undefined, 1)).res.statusCode).toBe(202);
    expect((await quickEnd).event).toBe('completed');
    // The stream of a finished remix: `completed` and `screened` at once.
    expect((await sse(`${h.baseUrl}/api/inference/remixes/${quickId}/events`, undefined, h.visitor('session-aaaa'))).map((e) => e.event)).toEqual(['completed', 'screened']);
    const late = await h.inject({ method: 'DELETE', url: `/api/inference/remixes/${quickId}`, as: 'session-aaaa' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('remix_finished');
  });

  it('retries a transient error with backoff but fails a permanent one at once', async () => {
    const h = await harness();
    const calls = new Map<string, number>();
    await h.startWorker(async (job) => {
      const n = (calls.get(job.data.remixId) ?? 0) + 1;
      calls.set(job.data.remixId, n);
      if (strengthOf(job) === 1) throw new Error('Input buffer contains unsupported image format');
      if (n === 1) throw new GalleryUnavailableError('gallery-api answered 503');
      return result(job);
    });
    const transientId = randomUUID();
    const transientEnd = ended(h, transientId);
    await post(h, 'session-aaaa', transientId);
    expect(await transientEnd).toEqual({ event: 'completed', reason: undefined });
    expect(calls.get(transientId)).toBe(2);

    const permanentId = randomUUID();
    const permanentEnd = ended(h, permanentId);
    await post(h, 'session-aaaa', permanentId, undefined, 1);
    expect(await permanentEnd).toMatchObject({ event: 'failed', reason: 'Input buffer contains unsupported image format' });
    expect(calls.get(permanentId)).toBe(1);
    const job = await h.queue.queue.getJob(permanentId);
    expect(job?.attemptsMade).toBe(1);
  });

  it('fails a job that runs past its task timeout with a clear error, and the next one runs', async () => {
    const h = await harness();
    await h.startWorker(
      (job) => (strengthOf(job) === 0.5 ? new Promise<never>(() => undefined) : Promise.resolve(result(job))),
      { timeoutMs: () => 300 },
    );
    const stuckId = randomUUID();
    const stuckEnd = ended(h, stuckId);
    await post(h, 'session-aaaa', stuckId);
    expect((await stuckEnd).reason).toBe('timeout: the remix took longer than 0.3 s');
    const remix = (await h.inject({ url: `/api/inference/remixes/${stuckId}`, as: 'session-aaaa' })).json();
    expect(remix).toMatchObject({ status: 'failed', error: expect.stringMatching(/^timeout/) });
    expect((await sse(`${h.baseUrl}/api/inference/remixes/${stuckId}/events`, ['failed'], h.visitor('session-aaaa'))).at(-1)?.data.error).toMatch(/^timeout/);
    expect((await h.queue.queue.getJob(stuckId))?.attemptsMade).toBe(1); // a timeout is not retried

    const nextId = randomUUID();
    const nextEnd = ended(h, nextId);
    await post(h, 'session-aaaa', nextId, undefined, 1);
    expect((await nextEnd).event).toBe('completed');
  });
});
