import type { Queue } from 'bullmq';
import { sseEvents, type SseEvent } from '@atelier/common/sse';
import { fmt, median, percentile } from './stats';

/**
 * One remix's event stream read step by step: `until(names)` returns the next event with one of those names
 * (`completed` when the output is stored, `screened` when the job has finished), nothing polls.
 */
export async function remixStream(
  url: string,
  visitor: { cookie: string },
): Promise<{ until(names: readonly string[]): Promise<SseEvent>; close(): Promise<void> }> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...visitor } });
  if (!res.ok) throw new Error(`event stream ${url}: ${res.status}`);
  const events = sseEvents(res);
  return {
    async until(names) {
      for (let next = await events.next(); !next.done; next = await events.next()) if (names.includes(next.value.event)) return next.value;
      throw new Error(`event stream ${url} ended before ${names.join('/')}`);
    },
    async close() {
      await events.return(undefined);
      await res.body?.cancel().catch(() => undefined);
    },
  };
}

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
   * Records the phases of a finished job: call it once the remix's stream said `screened` (its safety screen
   * runs after the visitor got the output, and the job's result is written then).
   */
  async collect(queue: Queue, id: string, client?: ClientClock): Promise<void> {
    const job = await queue.getJob(id);
    if (!job?.finishedOn) throw new Error(`remix ${id} has not finished: wait for its \`screened\` event first`);
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
