/**
 * Milliseconds per phase of one job (decode, pre-processing, session.run, post-processing, encode, screen,
 * store…), summed when a phase repeats (tiles). The worker returns them in the job result's `timings`, so the
 * bench can show where the time between the raw `session.run` and the visitor's result goes.
 */
export class PhaseTimer {
  readonly phases: Record<string, number> = {};

  async time<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  add(phase: string, ms: number): void {
    this.phases[phase] = (this.phases[phase] ?? 0) + ms;
  }

  /** Whole milliseconds with one decimal, for the job result. */
  rounded(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.phases).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  }
}

/** Adapters take an optional timer; without one the phases are simply not recorded. */
export const NO_TIMER = { time: <T>(_phase: string, fn: () => Promise<T> | T) => Promise.resolve(fn()), add: () => {} };
export type Timer = Pick<PhaseTimer, 'time' | 'add'>;
