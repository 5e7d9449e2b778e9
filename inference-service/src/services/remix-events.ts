/**
 * What happens to remixes, as the event-stream service hears it (implemented by
 * repositories/remix-events.repository.ts from BullMQ's QueueEvents, and by MemoryRemixEvents in
 * remix-events.fake.ts, which MemoryRemixQueue drives).
 */
export type RemixEvent =
  | { type: 'progress'; progress: number }
  | { type: 'active' }
  /** Back in the queue while it was running: a worker died (its stalled job), or it waits for the collection. */
  | { type: 'requeued' }
  /** The output is stored and announced (jobs/remix.job.ts `RemixOutputReady`); the safety screen runs next. */
  | { type: 'ready' }
  /** The job finished: the safety screen has run. */
  | { type: 'completed' }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' };

export interface RemixEventSource {
  /** Calls `listener` for events of one remix; returns the unsubscribe function. */
  subscribe(remixId: string, listener: (event: RemixEvent) => void): () => void;
  /** Calls `listener` whenever any job starts or leaves the queue, so queue positions moved. */
  onQueueMoved(listener: () => void): () => void;
}
