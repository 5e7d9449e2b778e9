import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PRINT_JOB, PRINT_JOB_OPTIONS, printJobData } from '../jobs/print.job';
import { REMIX_QUEUE, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';
import type { PrintQueue, PrintState } from '../routes/prints';

/** After every visitor's remix: a print waits while visitors are queued (BullMQ runs the lowest priority first). */
const PRINT_PRIORITY = 1_000_000;

/** Print jobs on the remix queue (jobs/print.job.ts); their end is announced by QueueEvents, never polled. */
export class BullPrintQueue implements PrintQueue {
  private readonly queue: Queue<RemixJobData, RemixJobResult>;
  private readonly events: QueueEvents;

  constructor(connection: Redis, eventsConnection: Redis, prefix: string) {
    this.queue = new Queue(REMIX_QUEUE, { connection, prefix });
    this.events = new QueueEvents(REMIX_QUEUE, { connection: eventsConnection, prefix });
  }

  async submit(printId: string, creationId: string, longSide: number, model: string): Promise<void> {
    // jobId = printId: the same print asked twice is one job.
    await this.queue.add(PRINT_JOB, printJobData(printId, creationId, longSide, model), { ...PRINT_JOB_OPTIONS, jobId: printId, priority: PRINT_PRIORITY });
  }

  async finished(printId: string, timeoutMs: number): Promise<PrintState> {
    const job = (await this.queue.getJob(printId)) as Job<RemixJobData, RemixJobResult> | undefined;
    if (!job || job.name !== PRINT_JOB) return { state: 'missing' };
    try {
      const result = (await job.waitUntilFinished(this.events, timeoutMs)) as RemixJobResult;
      return { state: 'done', key: result.output.key, width: result.output.width, height: result.output.height };
    } catch (err) {
      return { state: 'failed', error: (err as Error).message.split('\n')[0]! };
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}
