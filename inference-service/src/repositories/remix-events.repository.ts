import { EventEmitter } from 'node:events';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { CANCELLED } from '../jobs/errors';
import { REMIX_QUEUE, outputReadyOf } from '../jobs/remix.job';

export type RemixEvent =
  | { type: 'progress'; progress: number }
  | { type: 'active' }
  | { type: 'completed' }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' };

export interface RemixEventSource {
  /** Calls `listener` for events of one remix; returns the unsubscribe function. */
  subscribe(remixId: string, listener: (event: RemixEvent) => void): () => void;
  /** Calls `listener` whenever any job starts or leaves the queue, so queue positions moved. */
  onQueueMoved?(listener: () => void): () => void;
}

const MOVED = Symbol('queue moved');

/** One QueueEvents stream per process, fanned out per remix id (not one Redis reader per browser). */
export class BullRemixEvents implements RemixEventSource {
  private readonly events: QueueEvents;
  private readonly bus = new EventEmitter();

  constructor(connection: Redis, prefix: string) {
    this.bus.setMaxListeners(0);
    this.events = new QueueEvents(REMIX_QUEUE, { connection, prefix });
    const emit = (jobId: string, event: RemixEvent) => this.bus.emit(jobId, event);
    // The output announced before the safety screen runs is the visitor's completion (jobs/remix.job.ts).
    this.events.on('progress', ({ jobId, data }) =>
      emit(jobId, outputReadyOf(data) ? { type: 'completed' } : { type: 'progress', progress: typeof data === 'number' ? data : 0 }),
    );
    this.events.on('active', ({ jobId }) => {
      emit(jobId, { type: 'active' });
      this.bus.emit(MOVED);
    });
    this.events.on('completed', ({ jobId }) => emit(jobId, { type: 'completed' }));
    this.events.on('failed', ({ jobId, failedReason }) =>
      emit(jobId, failedReason === CANCELLED ? { type: 'cancelled' } : { type: 'failed', error: failedReason }),
    );
    // Only a cancel removes a remix job (finished ones expire silently).
    this.events.on('removed', ({ jobId }) => {
      emit(jobId, { type: 'cancelled' });
      this.bus.emit(MOVED);
    });
  }

  onError(listener: (err: Error) => void): void {
    this.events.on('error', listener);
  }

  waitUntilReady(): Promise<unknown> {
    return this.events.waitUntilReady();
  }

  subscribe(remixId: string, listener: (event: RemixEvent) => void): () => void {
    this.bus.on(remixId, listener);
    return () => this.bus.off(remixId, listener);
  }

  onQueueMoved(listener: () => void): () => void {
    this.bus.on(MOVED, listener);
    return () => this.bus.off(MOVED, listener);
  }

  close(): Promise<void> {
    return this.events.close();
  }
}
