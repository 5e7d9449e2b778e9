import type { Queue } from 'bullmq';
import { fmt, median, percentile } from './stats';

/** The worker's per-phase timings (job result `timings`) of finished remixes, gathered for a table. */
export class PhaseSamples {
  private readonly samples = new Map<string, number[]>();

  async collect(queue: Queue, id: string): Promise<void> {
    const timings = ((await queue.getJob(id))?.returnvalue as { timings?: Record<string, number> } | undefined)?.timings ?? {};
    for (const [phase, ms] of Object.entries(timings)) if (typeof ms === 'number') this.samples.set(phase, [...(this.samples.get(phase) ?? []), ms]);
  }

  get(phase: string): number[] {
    return this.samples.get(phase) ?? [];
  }

  /** One line per phase in worker order; encode and screen overlap (they run at the same time). */
  rows(indent = '  worker: '): string[] {
    const order = ['queueMs', 'read', 'decode', 'styleWork', 'pre', 'run', 'post', 'encode', 'screen', 'store', 'processMs'];
    const names = [...this.samples.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    return names.map((n) => {
      const v = this.samples.get(n)!;
      return `${`${indent}${n}`.padEnd(52)}${fmt(median(v))}${fmt(percentile(v, 95))}   n=${v.length}`;
    });
  }
}
