import type { Queue } from 'bullmq';
import { fmt, median, percentile } from './stats';

/** Wall-clock times (ms since the epoch) the benchmark client saw for one remix. */
export interface ClientClock {
  submitted: number;
  answered: number;
  completed: number;
  downloaded: number;
}

/** Now in ms since the epoch with sub-millisecond precision, comparable with the job's Date.now() stamps. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** The worker's per-phase timings (job result `timings`) of finished remixes, gathered for a table. */
export class PhaseSamples {
  private readonly samples = new Map<string, number[]>();

  /**
   * Waits until the job has finished (its safety screen runs after the visitor got the output), then
   * records its phases. Waiting also keeps the screen of one remix from overlapping the next remix, as a
   * visitor's seconds of looking at the result would.
   */
  async collect(queue: Queue, id: string, client?: ClientClock): Promise<void> {
    let job = await queue.getJob(id);
    for (let waited = 0; job && !job.finishedOn && waited < 60_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      job = await queue.getJob(id);
    }
    const result = job?.returnvalue as { timings?: Record<string, number>; finishedAt?: string } | undefined;
    for (const [phase, ms] of Object.entries(result?.timings ?? {})) if (typeof ms === 'number') this.add(phase, ms);
    // Where the time outside the worker's processor goes, from the job's Redis timestamps (ms, same host).
    const announced = result?.finishedAt ? Date.parse(result.finishedAt) : undefined;
    if (client && job?.processedOn && announced) {
      this.add('submit → 202 answered', client.answered - client.submitted);
      this.add('submit → job in Redis', job.timestamp - client.submitted);
      this.add('job in Redis → worker starts', job.processedOn - job.timestamp);
      this.add('worker starts → output stored, announced', announced - job.processedOn);
      this.add('announced → completed event at client', client.completed - announced);
      this.add('completed event → output downloaded', client.downloaded - client.completed);
    }
  }

  private add(phase: string, ms: number): void {
    this.samples.set(phase, [...(this.samples.get(phase) ?? []), ms]);
  }

  get(phase: string): number[] {
    return this.samples.get(phase) ?? [];
  }

  /** One line per phase in worker order; `screen` runs after the output was announced. */
  rows(indent = '  worker: '): string[] {
    const order = [
      'submit → 202 answered',
      'submit → job in Redis',
      'job in Redis → worker starts',
      'worker starts → output stored, announced',
      'announced → completed event at client',
      'completed event → output downloaded',
      'queueMs', 'read', 'decode', 'styleWork', 'pre', 'run', 'post', 'encode', 'store', 'hash', 'announce', 'screen', 'processMs'];
    const names = [...this.samples.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    return names.map((n) => {
      const v = this.samples.get(n)!;
      const label = n.includes('→') ? `  ${n}` : `${indent}${n}`;
      return `${label.padEnd(52)}${fmt(median(v))}${fmt(percentile(v, 95))}   n=${v.length}`;
    });
  }
}
