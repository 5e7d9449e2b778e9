import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { REMIX_JOB_NAMES, REMIX_QUEUE, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';

export type RemixProcessors = Partial<Record<string, Processor<RemixJobData, RemixJobResult>>>;

export interface RemixWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
}

/** The remix queue's worker. Refuses to start when a job name has no processor, rather than failing jobs later. */
export function createRemixWorker(processors: RemixProcessors, options: RemixWorkerOptions): Worker<RemixJobData, RemixJobResult> {
  const missing = REMIX_JOB_NAMES.filter((name) => !processors[name]);
  if (missing.length) throw new Error(`no processor for job names: ${missing.join(', ')}`);
  return new Worker<RemixJobData, RemixJobResult>(
    REMIX_QUEUE,
    async (job, token, signal) => {
      const processor = processors[job.name];
      if (!processor) throw new Error(`no processor for job ${job.name}`);
      return processor(job, token, signal);
    },
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency },
  );
}
