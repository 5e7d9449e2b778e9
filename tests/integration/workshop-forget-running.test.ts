/**
 * Forgetting a workshop group while one of its remixes runs (real Redis, a private queue prefix, the real worker of
 * processors/index.ts with stand-in processors): the call deletes what is finished at once and tells the running
 * remix to stop; when that remix ends (cancelled, or completed because its output was already out), the worker
 * deletes its job, cancel flag, input and output, and the group's keys. A remix whose worker died meanwhile is
 * stopped by its cancel flag when a worker takes it again, then deleted. Prints what each step deleted.
 */
import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { PupilSessions } from '@atelier/common/pupil-session';
import { TEST_SESSION_SECRET } from '@atelier/common/testing/visitors';
import { redisConnection } from '@atelier/inference-service/jobs/connection';
import { remixKeys } from '@atelier/inference-service/jobs/control';
import { REMIX_QUEUE, inputKey, outputKey, type RemixJobData, type RemixJobResult, type RemixOutputReady } from '@atelier/inference-service/jobs/remix.job';
import {
  RedisWorkshopRemixes, forgottenGroupKey, groupRemixesKey, type WorkshopRemixesForgotten,
} from '@atelier/inference-service/repositories/workshop-remixes.repository';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { MODEL, REDIS_URL, canvas, ended, harness, result, type Harness } from './inference-queue.harness';

const pupils = new PupilSessions(TEST_SESSION_SECRET, false);

/** POST /remixes of remix `requestId` as `label`'s visitor, a pupil of `groupId` when given. */
async function send(h: Harness, label: string, groupId: string | undefined, requestId: string): Promise<void> {
  const { payload, headers } = multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId, model: MODEL, params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
    { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: await canvas },
  ]);
  const pupil = groupId ? `; atelier_pupil=${pupils.token({ workshopId: groupId, pupilId: randomUUID(), expiresAt: new Date(Date.now() + 3_600_000) })}` : '';
  const res = await h.app.inject({ method: 'POST', url: '/api/inference/remixes', payload, headers: { ...headers, cookie: `${h.visitor(label).cookie}${pupil}` } });
  expect(res.statusCode, res.body).toBe(202);
}

/** A promise and its resolve, to wait for something the worker announces. */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The worker, with how each remix runs: `finish` completes at once; `hold` stores its output, says it started, and
 * runs until cancelled; `announced` stores and announces its output (cancel is then too late) and completes once
 * released. Every deferred forgetting the worker does (jobEnded with a result) is collected.
 */
async function worker(h: Harness, remixes: RedisWorkshopRemixes) {
  const started = new Map<string, ReturnType<typeof signal<void>>>();
  const release = new Map<string, ReturnType<typeof signal<void>>>();
  const holding = new Set<string>();
  const announcing = new Set<string>();
  const deferred: WorkshopRemixesForgotten[] = [];
  // What jobEnded did for each ended group remix, in order: a deferred forgetting, or null (the group is not marked).
  const outcomes: (WorkshopRemixesForgotten | null)[] = [];
  let waiter: ((outcome: WorkshopRemixesForgotten | null) => void) | undefined;
  const startedOf = (id: string) => started.get(id) ?? started.set(id, signal<void>()).get(id)!;
  const releaseOf = (id: string) => release.get(id) ?? release.set(id, signal<void>()).get(id)!;
  await h.startWorker(
    async (job: Job<RemixJobData, RemixJobResult>, _token, abort) => {
      const id = job.data.remixId;
      await h.storage.put(outputKey(id), Buffer.from('png'));
      if (holding.has(id)) {
        startedOf(id).resolve();
        await new Promise((_, reject) => abort.addEventListener('abort', () => reject(abort.reason), { once: true }));
      }
      if (announcing.has(id)) {
        const done = result(job);
        await job.updateProgress({ progress: 1, ready: { model: done.model, output: done.output, finishedAt: done.finishedAt } } satisfies RemixOutputReady);
        startedOf(id).resolve();
        await releaseOf(id).promise;
      }
      return result(job);
    },
    {
      groups: {
        async jobEnded(groupId) {
          const gone = await remixes.jobEnded(groupId);
          if (gone) deferred.push(gone);
          if (waiter) waiter(gone);
          else outcomes.push(gone);
          waiter = undefined;
        },
      },
    },
  );
  return {
    deferred,
    hold: (id: string) => holding.add(id) && startedOf(id).promise,
    announce: (id: string) => announcing.add(id) && startedOf(id).promise,
    release: (id: string) => releaseOf(id).resolve(),
    /** What the worker's jobEnded did for the next group remix that ended: a deferred forgetting, or null. */
    nextForgetting: () =>
      outcomes.length ? Promise.resolve(outcomes.shift()!) : new Promise<WorkshopRemixesForgotten | null>((resolve) => (waiter = resolve)),
  };
}

/** Everything of one remix that forgetting must delete: its job, control keys and files. */
async function leftOf(h: Harness, id: string): Promise<string[]> {
  const keys = remixKeys(h.prefix);
  const left: string[] = [];
  if (await h.queue.queue.getJob(id)) left.push('job');
  if (await h.redis.exists(keys.cancelFlag(id))) left.push('cancel flag');
  if (await h.redis.exists(keys.tombstone(id))) left.push('tombstone');
  for (const key of [inputKey(id), outputKey(id)]) if (await h.storage.exists(key)) left.push(key);
  return left;
}

async function groupKeysLeft(h: Harness, groupId: string): Promise<string[]> {
  const names = [groupRemixesKey(h.prefix, groupId), forgottenGroupKey(h.prefix, groupId), remixKeys(h.prefix).groupPending(groupId)];
  const left: string[] = [];
  for (const name of names) if (await h.redis.exists(name)) left.push(name);
  return left;
}

describe('forgetting a workshop group while one of its remixes runs', () => {
  it('deletes the cancelled remix as soon as it ends, and nothing of anyone else', async () => {
    const h = await harness({ maxPending: 5 });
    const remixes = new RedisWorkshopRemixes(h.redis, h.prefix, h.queue.queue, h.storage);
    const w = await worker(h, remixes);
    const group = randomUUID();

    const [done, running, outsider] = [randomUUID(), randomUUID(), randomUUID()];
    const doneEnded = ended(h, done);
    await send(h, 'ada', group, done);
    await doneEnded;
    expect(await w.nextForgetting()).toBeNull(); // the group is not forgotten yet: its finished remix stays
    const runningStarted = w.hold(running);
    const [runningEnded, outsiderEnded] = [ended(h, running), ended(h, outsider)];
    await send(h, 'ben', group, running);
    await runningStarted;
    await send(h, 'outsider', undefined, outsider); // queued behind the running remix (one worker, concurrency 1)
    const deferred = w.nextForgetting();

    const now = await remixes.forget(group);
    expect(now.running).toBe(1);
    expect(await leftOf(h, done)).toEqual([]);

    expect((await runningEnded).reason).toBe('cancelled');
    const later = await deferred;
    console.log('forget with a remix running:', { atOnce: now, whenItEnded: later });
    expect(later).toMatchObject({ running: 0 });
    // Two remixes with an input and an output each: the finished one at once, the running one when it ended (a
    // cancel that lands before the first call is done may let the second call delete part of the first's share).
    expect([now.remixes + later!.remixes, now.files + later!.files]).toEqual([2, 4]);
    expect(await leftOf(h, running)).toEqual([]);
    expect(await groupKeysLeft(h, group)).toEqual([]);

    // The outsider's remix ran after it and keeps everything; forgetting again finds nothing.
    expect(await outsiderEnded).toMatchObject({ event: 'completed' });
    expect(await h.queue.queue.getJob(outsider)).toBeDefined();
    expect(await h.storage.exists(outputKey(outsider))).toBe(true);
    expect(await remixes.forget(group)).toEqual({ remixes: 0, files: 0, running: 0 });
    expect(w.deferred).toHaveLength(1);
  });

  it('deletes a remix whose output was already out (too late to cancel) when it completes', async () => {
    const h = await harness({ maxPending: 5 });
    const remixes = new RedisWorkshopRemixes(h.redis, h.prefix, h.queue.queue, h.storage);
    const w = await worker(h, remixes);
    const group = randomUUID();
    const id = randomUUID();
    const announced = w.announce(id);
    const end = ended(h, id);
    await send(h, 'cas', group, id);
    await announced;
    const deferred = w.nextForgetting();

    expect(await remixes.forget(group)).toEqual({ remixes: 0, files: 0, running: 1 });
    expect(await leftOf(h, id)).toEqual(['job', 'cancel flag', inputKey(id), outputKey(id)]);
    w.release(id);
    expect(await end).toMatchObject({ event: 'completed' });
    expect(await deferred).toEqual({ remixes: 1, files: 2, running: 0 });
    expect(await leftOf(h, id)).toEqual([]);
    expect(await groupKeysLeft(h, group)).toEqual([]);
  });

  it('stops a remix whose worker died at its next start, then deletes it', async () => {
    const h = await harness({ maxPending: 5 });
    const remixes = new RedisWorkshopRemixes(h.redis, h.prefix, h.queue.queue, h.storage);
    const group = randomUUID();
    const id = randomUUID();
    // A worker in manual mode takes the remix, and dies with it once the group is forgotten.
    const connection = redisConnection(REDIS_URL, 'worker');
    const dying = new Worker(REMIX_QUEUE, null, { connection, prefix: h.prefix, autorun: false });
    try {
      await send(h, 'dan', group, id);
      const job = await dying.getNextJob('dying', { block: false });
      expect(job?.id).toBe(id);
      expect(await remixes.forget(group)).toEqual({ remixes: 0, files: 0, running: 1 });
      expect(await leftOf(h, id)).toEqual(['job', 'cancel flag', inputKey(id)]);
      // What a new worker does at start for the job of a dead one (processors/orphans.ts): back to the queue.
      await job!.moveToWait('dying');
    } finally {
      await dying.close(true);
      connection.disconnect();
    }
    const end = ended(h, id);
    const w = await worker(h, remixes);
    const deferred = w.nextForgetting();
    expect(await end).toEqual({ event: 'failed', reason: 'cancelled' });
    expect(await deferred).toEqual({ remixes: 1, files: 1, running: 0 });
    expect(await leftOf(h, id)).toEqual([]);
    expect(await groupKeysLeft(h, group)).toEqual([]);
  });
});
