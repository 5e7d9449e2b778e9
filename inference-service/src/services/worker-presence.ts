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
  /**
   * The models some live worker has loaded and warmed, so a first remix starts at once; null when the workers do not
   * say (every model counts as ready then). A worker warms the heavy models after it starts taking jobs.
   */
  readyModels(): Promise<ReadonlySet<string> | null>;
}

/** A fixed number of workers (tests, tools without Redis), with every model ready unless `ready` says otherwise. */
export const fixedWorkers = (n: number, ready: ReadonlySet<string> | null = null): WorkerPresence => ({
  count: async () => n,
  onChange: () => () => undefined,
  readyModels: async () => ready,
});
