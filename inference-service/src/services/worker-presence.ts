/**
 * Which remix workers are alive, by their heartbeat (repositories/worker-registry.repository.ts keeps it in Redis):
 * GET /health reports the count, and a queued remix with no worker to run it says so (`waitingFor: 'worker'`)
 * instead of waiting at "1 ahead of you" forever.
 */
export interface WorkerPresence {
  /** Workers whose heartbeat has not lapsed. */
  count(): Promise<number>;
  /** Calls `listener` when the count goes between zero and not zero; returns the unsubscribe function. */
  onChange(listener: (count: number) => void): () => void;
}

/** A fixed number of workers (tests, tools without Redis). */
export const fixedWorkers = (n: number): WorkerPresence => ({ count: async () => n, onChange: () => () => undefined });
