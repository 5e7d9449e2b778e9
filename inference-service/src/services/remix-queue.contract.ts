import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inputKey, type RemixJobData, type RemixJobResult, type RemixOutputReady } from '../jobs/remix.job';
import type { RemixQueue } from './remix-queue';

/** A queue under test and its worker's side: take the next job, report progress, end it. */
export interface QueueUnderTest {
  queue: RemixQueue;
  worker: {
    take(): Promise<string | undefined>;
    progress(id: string, progress: number | RemixOutputReady): Promise<void>;
    complete(id: string, result: RemixJobResult): Promise<void>;
    fail(id: string, reason: string): Promise<void>;
  };
  close(): Promise<void>;
}

const data = (model = 'magenta-arbitrary-style'): RemixJobData => {
  const remixId = randomUUID();
  return { remixId, model, tool: 'style', params: { styleWorkId: 'w1', strength: 0.5 }, workIds: ['w2'], inputKey: inputKey(remixId), inputSha256: 'a'.repeat(64) };
};
const output = (id: string) => ({
  model: { id: 'magenta-arbitrary-style', version: '1', files: [] },
  output: { key: `outputs/${id}.png`, sha256: 'b'.repeat(64), width: 8, height: 8 },
  finishedAt: '2026-11-24T10:00:05.000Z',
});

/**
 * What every RemixQueue does, run against BullRemixQueue on the real Redis
 * (repositories/remix-queue.repository.integration.test.ts) and MemoryRemixQueue (remix-queue.fake.test.ts),
 * so the fake the unit tests use cannot drift from what it stands for.
 */
export function describeRemixQueue(name: string, make: () => Promise<QueueUnderTest>): void {
  describe(`${name}: the RemixQueue contract`, () => {
    const open: QueueUnderTest[] = [];
    const setup = async () => {
      const q = await make();
      open.push(q);
      return q;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.close()));
    });

    it('adds a remix once per id and reads it back queued, with its data', async () => {
      const { queue } = await setup();
      const d = data();
      const before = Date.now();
      await queue.add(d);
      await queue.add({ ...d, model: 'other', workIds: [] });
      const found = await queue.find(d.remixId);
      expect(found).toMatchObject({ data: d, state: 'queued', progress: 0, position: 1 });
      expect(found!.createdAt).toBeGreaterThanOrEqual(before - 1000);
      expect(await queue.states([d.remixId])).toEqual(new Map([[d.remixId, 'queued']]));
    });

    it('numbers queued remixes by priority, then arrival, and moves them up as one starts', async () => {
      const { queue, worker } = await setup();
      const [a, b, c, d] = [data(), data(), data(), data()];
      await queue.add(a, { priority: 2 });
      await queue.add(b, { priority: 1 });
      await queue.add(c, { priority: 1 });
      await queue.add(d, { priority: 3 });
      const positions = async (...ids: string[]) => Promise.all(ids.map(async (id) => (await queue.find(id))?.position));
      expect(await positions(b.remixId, c.remixId, a.remixId, d.remixId)).toEqual([1, 2, 3, 4]);
      expect(await worker.take()).toBe(b.remixId);
      expect(await positions(c.remixId, a.remixId, d.remixId)).toEqual([1, 2, 3]);
      const running = await queue.find(b.remixId);
      expect(running).toMatchObject({ state: 'running', progress: 0 });
      expect(running).not.toHaveProperty('position');
      expect(running!.startedAt).toEqual(expect.any(Number));
    });

    it('says what a queued remix waits for: the models ahead in order, and the running ones', async () => {
      const { queue, worker } = await setup();
      const [first, second, third, mine] = [data('isnet-imgly-medium'), data('upscalerjs-esrgan-slim'), data('whitebox-cartoonizer'), data()];
      for (const d of [first, second, third, mine]) await queue.add(d);
      await worker.take();
      expect(await queue.workAhead(mine.remixId)).toEqual({
        queued: ['upscalerjs-esrgan-slim', 'whitebox-cartoonizer'],
        queuedCount: 2,
        running: [{ model: 'isnet-imgly-medium', startedAt: expect.any(Number) }],
      });
      expect((await queue.workAhead(second.remixId))?.queued).toEqual([]);
      expect(await queue.workAhead(first.remixId)).toBeNull(); // running, not queued
    });

    it('cancels a queued remix: removed, then read as cancelled with its data; cancelling again says so', async () => {
      const { queue } = await setup();
      const [a, b] = [data(), data()];
      await queue.add(a);
      await queue.add(b);
      expect(await queue.cancel(a.remixId)).toBe('removed');
      expect(await queue.find(a.remixId)).toEqual({ data: a, state: 'cancelled', progress: 0, createdAt: expect.any(Number) });
      expect(await queue.cancel(a.remixId)).toBe('cancelled');
      expect(await queue.states([a.remixId, b.remixId])).toEqual(new Map([[a.remixId, 'cancelled'], [b.remixId, 'queued']]));
      expect((await queue.find(b.remixId))?.position).toBe(1);
      expect(await queue.workAhead(a.remixId)).toBeNull();
    });

    it('signals a running remix to stop, and calls it finished once its output is announced', async () => {
      const { queue, worker } = await setup();
      const d = data();
      await queue.add(d);
      await worker.take();
      await worker.progress(d.remixId, 0.4);
      expect(await queue.find(d.remixId)).toMatchObject({ state: 'running', progress: 0.4 });
      expect(await queue.cancel(d.remixId)).toBe('signalled');
      expect((await queue.find(d.remixId))?.state).toBe('running'); // until the worker stops it
      const ready = output(d.remixId);
      await worker.progress(d.remixId, { progress: 1, ready });
      expect(await queue.find(d.remixId)).toMatchObject({ state: 'running', progress: 1, ready });
      expect(await queue.cancel(d.remixId)).toBe('finished');
      await worker.complete(d.remixId, { ...ready, safety: { screened: false, flagged: false, scores: {}, flagClasses: [], threshold: 1 } });
      const done = await queue.find(d.remixId);
      expect(done).toMatchObject({ state: 'completed', result: { ...ready, safety: { screened: false } } });
      expect(done).not.toHaveProperty('ready');
      expect(await queue.cancel(d.remixId)).toBe('finished');
    });

    it('reads a failed remix with its reason, and one stopped by a cancel as cancelled', async () => {
      const { queue, worker } = await setup();
      const [failed, stopped] = [data(), data()];
      await queue.add(failed);
      await queue.add(stopped);
      await worker.take();
      await worker.fail(failed.remixId, 'model files not usable');
      expect(await queue.find(failed.remixId)).toMatchObject({ state: 'failed', failedReason: 'model files not usable' });
      expect(await queue.cancel(failed.remixId)).toBe('finished');
      await worker.take();
      await worker.fail(stopped.remixId, 'cancelled');
      expect((await queue.find(stopped.remixId))?.state).toBe('cancelled');
      expect(await queue.cancel(stopped.remixId)).toBe('cancelled');
    });

    it('knows nothing of an unknown remix, and answers for its capacity and health', async () => {
      const { queue } = await setup();
      const id = randomUUID();
      expect(await queue.find(id)).toBeNull();
      expect(await queue.cancel(id)).toBe('missing');
      expect(await queue.states([id])).toEqual(new Map([[id, null]]));
      expect(await queue.workAhead(id)).toBeNull();
      expect(await queue.capacity()).toBeGreaterThanOrEqual(1);
      expect(await queue.ping()).toBe(true);
    });
  });
}
