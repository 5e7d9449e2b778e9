import { EventEmitter } from 'node:events';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { CANCELLED } from '../jobs/errors';
import { REMIX_QUEUE, outputReadyOf, progressOf } from '../jobs/remix.job';
import type { RemixEvent, RemixEventSource } from '../services/remix-events';

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
    this.events.on('progress', ({ jobId, data }) => emit(jobId, outputReadyOf(data) ? { type: 'ready' } : { type: 'progress', progress: progressOf(data) }));
    this.events.on('active', ({ jobId }) => {
      emit(jobId, { type: 'active' });
      this.bus.emit(MOVED);
    });
    // A running job put back (waiting for the collection, or its worker died): queued again.
    this.events.on('delayed', ({ jobId }) => {
      emit(jobId, { type: 'requeued' });
      this.bus.emit(MOVED);
    });
    this.events.on('waiting', ({ jobId, prev }) => {
      if (prev === 'active') emit(jobId, { type: 'requeued' });
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
