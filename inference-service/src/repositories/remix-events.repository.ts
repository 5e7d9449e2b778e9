import { EventEmitter } from 'node:events';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { REMIX_QUEUE } from '../jobs/remix.job';

export type RemixEvent =
  | { type: 'progress'; progress: number }
  | { type: 'completed' }
  | { type: 'failed'; error: string };

export interface RemixEventSource {
  /** Calls `listener` for events of one remix; returns the unsubscribe function. */
  subscribe(remixId: string, listener: (event: RemixEvent) => void): () => void;
}

/** One QueueEvents stream per process, fanned out per remix id (not one Redis reader per browser). */
export class BullRemixEvents implements RemixEventSource {
  private readonly events: QueueEvents;
  private readonly bus = new EventEmitter();

  constructor(connection: Redis, prefix: string) {
    this.bus.setMaxListeners(0);
    this.events = new QueueEvents(REMIX_QUEUE, { connection, prefix });
    this.events.on('progress', ({ jobId, data }) =>
      this.bus.emit(jobId, { type: 'progress', progress: typeof data === 'number' ? data : 0 }),
    );
    this.events.on('completed', ({ jobId }) => this.bus.emit(jobId, { type: 'completed' }));
    this.events.on('failed', ({ jobId, failedReason }) => this.bus.emit(jobId, { type: 'failed', error: failedReason }));
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

  close(): Promise<void> {
    return this.events.close();
  }
}
