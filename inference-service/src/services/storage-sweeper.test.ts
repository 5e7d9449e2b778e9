import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ObjectStorage, StoredObject } from '@atelier/common';
import { QueueUnavailableError, type JobState, type RemixQueue } from './remix-queue';
import {
  DEFAULT_SWEEP_POLICY,
  JOB_RETENTION_MS,
  PRINT_JOB_RETENTION_MS,
  StorageSweeper,
  SweepInterruptedError,
  mayDelete,
  remixFileOf,
  sweepPeriodically,
  type SweepReport,
} from './storage-sweeper';
import { QUEUE_BINDING_KEY, QueueBindingError } from './queue-binding';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** Objects with the ages a test gives them; records every delete. */
class AgedStorage implements Pick<ObjectStorage, 'list' | 'delete' | 'get' | 'put' | 'exists' | 'removeStaleTemporaries'> {
  readonly objects = new Map<string, StoredObject>();
  readonly deleted: string[] = [];
  /** Keys outside inputs/ and outputs/ (the queue binding) with their bytes. */
  readonly other = new Map<string, Buffer>();
  /** Temporaries by prefix: their ages; `removeStaleTemporaries` drops those older than asked. */
  readonly temporaries: { prefix: string; ageMs: number }[] = [];
  failOn = new Set<string>();
  async get(key: string) {
    const bytes = this.other.get(key);
    if (!bytes) throw new Error(`ENOENT ${key}`);
    return bytes;
  }
  async put(key: string, data: Uint8Array) {
    this.other.set(key, Buffer.from(data));
  }
  async exists(key: string) {
    return this.other.has(key);
  }
  async removeStaleTemporaries(prefix: string, olderThan: Date) {
    const stale = this.temporaries.filter((t) => t.prefix === prefix && NOW - t.ageMs < olderThan.getTime());
    for (const t of stale) this.temporaries.splice(this.temporaries.indexOf(t), 1);
    return stale.length;
  }
  add(key: string, ageMs: number, size = 100) {
    this.objects.set(key, { key, size, modifiedAt: new Date(NOW - ageMs) });
    return key;
  }
  async *list(prefix: string): AsyncGenerator<StoredObject> {
    for (const o of [...this.objects.values()]) if (o.key.startsWith(prefix)) yield o;
  }
  async delete(key: string) {
    if (this.failOn.has(key)) throw new Error('EACCES');
    this.deleted.push(key);
    this.objects.delete(key);
  }
}

/** Job states by remix id (absent = gone); counts the ids asked for per call. */
class StateTable implements Pick<RemixQueue, 'states'> {
  readonly jobs = new Map<string, JobState>();
  readonly calls: string[][] = [];
  down = false;
  /** Leave these ids out of the answer, as a broken repository might. */
  omit = new Set<string>();
  async states(ids: string[]) {
    this.calls.push(ids);
    if (this.down) throw new QueueUnavailableError(new Error('ECONNREFUSED'));
    return new Map(ids.filter((id) => !this.omit.has(id)).map((id): [string, JobState | null] => [id, this.jobs.get(id) ?? null]));
  }
}

/** Storage as the API leaves it: bound to the queue prefix `atelier`. */
function boundStorage(): AgedStorage {
  const storage = new AgedStorage();
  storage.other.set(QUEUE_BINDING_KEY, Buffer.from(JSON.stringify({ queuePrefix: 'atelier' })));
  return storage;
}

function setup(batchSize?: number) {
  const storage = boundStorage();
  const queue = new StateTable();
  const sweeper = new StorageSweeper({ storage, queue, queuePrefix: 'atelier', batchSize, now: () => NOW });
  const remix = (state: JobState | null) => {
    const id = randomUUID();
    if (state) queue.jobs.set(id, state);
    return id;
  };
  return { storage, queue, sweeper, remix };
}

describe('remixFileOf', () => {
  it('knows inputs/<uuid>.png, outputs/<uuid>.png and prints/<uuid>.png and nothing else', () => {
    const id = randomUUID();
    expect(remixFileOf(`inputs/${id}.png`)).toEqual({ kind: 'input', remixId: id });
    expect(remixFileOf(`outputs/${id}.png`)).toEqual({ kind: 'output', remixId: id });
    expect(remixFileOf(`prints/${id}.png`)).toEqual({ kind: 'print', remixId: id });
    expect(remixFileOf(`outputs/${id.toUpperCase()}.png`)).toEqual({ kind: 'output', remixId: id.toUpperCase() });
    for (const key of [`inputs/${id}.webp`, `inputs/${id}.png.bak`, `inputs/x/${id}.png`, `works/${id}.png`, `prints/${id}.tif`, `prints/a/${id}.png`, 'inputs/readme.png', `INPUTS/${id}.png`, `inputs/${id.slice(1)}.png`])
      expect(remixFileOf(key), key).toBeUndefined();
  });
});

describe('mayDelete', () => {
  const policy = DEFAULT_SWEEP_POLICY;
  const old = 2 * 60 * MIN;
  const expired = JOB_RETENTION_MS + MIN;

  it('uses the job retention of REMIX_JOB_OPTIONS (14 days), of PRINT_JOB_OPTIONS for prints (a day) and an hour of grace for inputs by default', () => {
    expect(JOB_RETENTION_MS).toBe(14 * DAY);
    expect(PRINT_JOB_RETENTION_MS).toBe(DAY);
    expect(policy).toEqual({ inputGraceMs: 60 * MIN, outputRetentionMs: 14 * DAY, printRetentionMs: DAY });
  });

  it.each<[JobState | null, boolean]>([
    ['completed', true],
    ['failed', true],
    ['cancelled', true],
    [null, true],
    ['queued', false],
    ['running', false],
  ])('an input past the grace whose job is %s: delete %s', (state, expected) => {
    expect(mayDelete('input', state, old, policy)).toBe(expected);
  });

  it('keeps every input within the grace, whatever its job', () => {
    for (const state of ['completed', 'failed', 'cancelled', null] as const) {
      expect(mayDelete('input', state, policy.inputGraceMs, policy)).toBe(false);
      expect(mayDelete('input', state, 5 * MIN, policy)).toBe(false);
      expect(mayDelete('input', state, -DAY, policy)).toBe(false); // a clock ahead of the file system
    }
  });

  it.each<[JobState | null, number, boolean]>([
    [null, expired, true],
    [null, JOB_RETENTION_MS, false],
    [null, 13 * DAY, false],
    ['completed', expired, false],
    ['failed', expired, false],
    ['cancelled', expired, false],
    ['running', expired, false],
    ['queued', expired, false],
  ])('an output whose job is %s, %d ms old: delete %s', (state, age, expected) => {
    expect(mayDelete('output', state, age, policy)).toBe(expected);
  });

  it.each<[JobState | null, number, boolean]>([
    [null, DAY + MIN, true],
    [null, 20 * DAY, true],
    [null, DAY, false],
    [null, 5 * MIN, false], // made again after its job expired: a fresh print is kept whatever its job
    ['completed', 20 * DAY, false], // its job still serves it, and asking again reuses it
    ['failed', 20 * DAY, false],
    ['running', 20 * DAY, false],
    ['queued', 20 * DAY, false],
  ])('a print whose print job is %s, %d ms old: delete %s', (state, age, expected) => {
    expect(mayDelete('print', state, age, policy)).toBe(expected);
  });

  it('deletes nothing while the state is unknown', () => {
    expect(mayDelete('input', undefined, 100 * DAY, policy)).toBe(false);
    expect(mayDelete('output', undefined, 100 * DAY, policy)).toBe(false);
    expect(mayDelete('print', undefined, 100 * DAY, policy)).toBe(false);
  });
});

describe('StorageSweeper', () => {
  it('deletes exactly the files nothing will read again and counts them', async () => {
    const { storage, sweeper, remix } = setup();
    const old = 2 * 60 * MIN;
    const gone = remix(null);
    const done = remix('completed');
    const del = [
      storage.add(`inputs/${done}.png`, old, 800),
      storage.add(`inputs/${remix('failed')}.png`, old, 10),
      storage.add(`inputs/${remix('cancelled')}.png`, old, 10),
      storage.add(`inputs/${gone}.png`, old, 10),
      storage.add(`outputs/${gone}.png`, 15 * DAY, 700),
    ];
    const keep = [
      storage.add(`inputs/${remix('running')}.png`, old),
      storage.add(`inputs/${remix('queued')}.png`, 3 * DAY),
      storage.add(`inputs/${remix('completed')}.png`, 10 * MIN),
      storage.add(`outputs/${done}.png`, 15 * DAY),
      storage.add(`outputs/${remix(null)}.png`, 2 * DAY),
      storage.add('inputs/stray.png', 100 * DAY),
      storage.add(`outputs/${randomUUID()}.png.bak`, 100 * DAY),
    ];
    const report = await sweeper.sweep();
    expect(storage.deleted.sort()).toEqual(del.sort());
    expect([...storage.objects.keys()].sort()).toEqual(keep.sort());
    expect(report).toEqual<SweepReport>({ scanned: 12, temporariesDeleted: 0, inputsDeleted: 4, outputsDeleted: 1, printsDeleted: 0, bytesFreed: 1530, kept: 5, ignored: 2, failed: 0 });
  });

  it('deletes the prints whose print job is gone once older than the print retention, and counts them', async () => {
    const { storage, queue, sweeper, remix } = setup();
    const expired = remix(null);
    const gone = storage.add(`prints/${expired}.png`, 2 * DAY, 5000);
    const keep = [
      storage.add(`prints/${remix('completed')}.png`, 20 * DAY), // its job still serves it
      storage.add(`prints/${remix('running')}.png`, 2 * DAY),
      storage.add(`prints/${remix(null)}.png`, 12 * 60 * MIN), // younger than a day
      storage.add(`prints/${randomUUID()}.png.bak`, 100 * DAY),
    ];
    // The remix files of the same id are not the print's: each folder keeps its own rule.
    storage.add(`outputs/${expired}.png`, 2 * DAY);
    const report = await sweeper.sweep();
    expect(storage.deleted).toEqual([gone]);
    expect([...storage.objects.keys()]).toEqual(expect.arrayContaining(keep));
    expect(report).toMatchObject({ printsDeleted: 1, outputsDeleted: 0, bytesFreed: 5000, kept: 4, ignored: 1, scanned: 6 });
    expect(queue.calls.flat()).not.toContain(keep[2]!.slice(7, 43)); // too young: the queue is not asked
  });

  it('asks the queue in batches, and only about files old enough to go', async () => {
    const { storage, queue, sweeper, remix } = setup(2);
    for (let i = 0; i < 5; i++) storage.add(`inputs/${remix('completed')}.png`, 2 * 60 * MIN);
    storage.add(`inputs/${remix('completed')}.png`, MIN);
    storage.add(`outputs/${remix(null)}.png`, DAY);
    const report = await sweeper.sweep();
    expect(queue.calls.map((ids) => ids.length)).toEqual([2, 2, 1]);
    expect(report.inputsDeleted).toBe(5);
    expect(report.kept).toBe(2);
  });

  it('deletes nothing more once the queue cannot be read, and reports what it did before', async () => {
    const { storage, queue, sweeper, remix } = setup(2);
    const first = [storage.add(`inputs/${remix('completed')}.png`, DAY), storage.add(`inputs/${remix('completed')}.png`, DAY)];
    storage.add(`inputs/${remix('completed')}.png`, DAY);
    storage.add(`outputs/${remix(null)}.png`, 20 * DAY);
    const states = queue.states.bind(queue);
    queue.states = async (ids) => {
      if (queue.calls.length >= 1) queue.down = true;
      return states(ids);
    };
    const err = await sweeper.sweep().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SweepInterruptedError);
    expect((err as SweepInterruptedError).cause).toBeInstanceOf(QueueUnavailableError);
    expect((err as SweepInterruptedError).report).toMatchObject({ inputsDeleted: 2, outputsDeleted: 0 });
    expect(storage.deleted.sort()).toEqual(first.sort());
    expect(storage.objects.size).toBe(2);
  });

  it('keeps a file whose id the queue left out of its answer', async () => {
    const { storage, queue, sweeper, remix } = setup();
    const id = remix(null);
    storage.add(`inputs/${id}.png`, DAY);
    storage.add(`outputs/${id}.png`, 20 * DAY);
    queue.omit.add(id);
    expect(await sweeper.sweep()).toMatchObject({ inputsDeleted: 0, outputsDeleted: 0, kept: 2 });
    expect(storage.deleted).toEqual([]);
  });

  it('counts a delete that fails and goes on with the others', async () => {
    const { storage, sweeper, remix } = setup();
    const stuck = storage.add(`inputs/${remix('completed')}.png`, DAY);
    storage.add(`inputs/${remix('completed')}.png`, DAY);
    storage.failOn.add(stuck);
    const report = await sweeper.sweep();
    expect(report).toMatchObject({ inputsDeleted: 1, failed: 1, firstError: `${stuck}: EACCES` });
  });

  it('stops between batches when asked to', async () => {
    const { storage, sweeper, remix } = setup(1);
    storage.add(`inputs/${remix('completed')}.png`, DAY);
    const stop = new AbortController();
    stop.abort();
    await expect(sweeper.sweep(stop.signal)).rejects.toBeInstanceOf(SweepInterruptedError);
    expect(storage.deleted).toEqual([]);
  });

  it('deletes the leftovers of interrupted writes once older than the input grace', async () => {
    const { storage, sweeper } = setup();
    storage.temporaries.push({ prefix: 'inputs/', ageMs: 2 * 60 * MIN }, { prefix: 'outputs/', ageMs: DAY }, { prefix: 'outputs/', ageMs: MIN }, { prefix: 'prints/', ageMs: DAY });
    expect(await sweeper.sweep()).toMatchObject({ temporariesDeleted: 3 });
    expect(storage.temporaries).toEqual([{ prefix: 'outputs/', ageMs: MIN }]);
  });

  it('sweeps only a folder bound to its own queue prefix, and never binds one itself', async () => {
    const { storage, queue, sweeper, remix } = setup();
    const waiting = storage.add(`inputs/${remix(null)}.png`, MIN);
    await sweeper.sweep();
    // Another prefix sees every job of this folder as gone: it must delete nothing at all.
    storage.add(`inputs/${remix(null)}.png`, DAY);
    storage.temporaries.push({ prefix: 'inputs/', ageMs: DAY });
    const other = new StorageSweeper({ storage, queue, queuePrefix: 'staging', now: () => NOW });
    const err = await other.sweep().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SweepInterruptedError);
    expect((err as SweepInterruptedError).cause).toBeInstanceOf(QueueBindingError);
    expect((err as Error).message).toMatch(/queue prefix "atelier", but this process uses QUEUE_PREFIX="staging"/);
    expect(storage.deleted).toEqual([]);
    expect(storage.temporaries).toHaveLength(1);
    expect(queue.calls).toHaveLength(0);
    expect(storage.objects.has(waiting)).toBe(true);
    // An unreadable binding is not ours either.
    await storage.put(QUEUE_BINDING_KEY, Buffer.from('{'));
    await expect(sweeper.sweep()).rejects.toThrow(/"\(unreadable\)"/);
    // A folder no API has bound yet is not swept, and the sweeper does not bind it.
    storage.other.clear();
    await expect(sweeper.sweep()).rejects.toThrow(/not bound to a queue yet/);
    expect(storage.other.size).toBe(0);
    expect(storage.deleted).toEqual([]);
  });

  it('takes the grace from its policy', async () => {
    const storage = boundStorage();
    const queue = new StateTable();
    const sweeper = new StorageSweeper({ storage, queue, queuePrefix: 'atelier', now: () => NOW, policy: { inputGraceMs: 5 * MIN } });
    storage.add(`inputs/${randomUUID()}.png`, 6 * MIN);
    storage.add(`inputs/${randomUUID()}.png`, 4 * MIN);
    expect(sweeper.policy.outputRetentionMs).toBe(JOB_RETENTION_MS);
    expect(await sweeper.sweep()).toMatchObject({ inputsDeleted: 1, kept: 1 });
  });
});

describe('sweepPeriodically', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const emptyReport: SweepReport = { scanned: 0, temporariesDeleted: 0, inputsDeleted: 0, outputsDeleted: 0, printsDeleted: 0, bytesFreed: 0, kept: 0, ignored: 0, failed: 0 };

  it('sweeps at once and then every interval, logs each report, and logs a failure without throwing', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const warn = vi.fn();
    let calls = 0;
    const sweeper = {
      sweep: async () => {
        calls++;
        if (calls === 2) throw new SweepInterruptedError({ ...emptyReport, inputsDeleted: 3 }, new QueueUnavailableError(new Error('down')));
        return { ...emptyReport, inputsDeleted: calls };
      },
    };
    const periodic = sweepPeriodically(sweeper, { intervalMs: 10 * MIN, log, warn });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(log).toHaveBeenLastCalledWith('storage sweep', expect.objectContaining({ inputsDeleted: 1 }));
    await vi.advanceTimersByTimeAsync(10 * MIN - 1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('failed'), expect.objectContaining({ inputsDeleted: 3, err: expect.stringContaining('down') }));
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(calls).toBe(3);
    await periodic.stop();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(calls).toBe(3);
  });

  it('stop() aborts the sweep in progress, waits for it, and logs no failure for it', async () => {
    const warn = vi.fn();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let finished = false;
    const sweeper = {
      sweep: (signal?: AbortSignal) =>
        new Promise<SweepReport>((_, reject) => {
          started();
          signal!.addEventListener('abort', () => {
            finished = true;
            reject(new SweepInterruptedError(emptyReport, signal!.reason));
          });
        }),
    };
    const periodic = sweepPeriodically(sweeper, { intervalMs: MIN, log: vi.fn(), warn });
    await running;
    await periodic.stop();
    expect(finished).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });
});
