import { hostname } from 'node:os';
import { UnrecoverableError, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { STALLED_REASON } from '../jobs/errors';
import type { WorkerInfo } from '../repositories/worker-registry.repository';

export interface OrphanRecovery {
  /** Jobs put back at the front of the queue, and jobs failed because their workers died more than the limit. */
  requeued: string[];
  failed: string[];
}

/**
 * Run by a worker as it starts, before it takes any job: the jobs left running by a worker that provably died (it
 * ran on this host and its process is gone, e.g. the worker this one replaces) go back to the front of the queue
 * now, instead of after their lock lapses; meanwhile the new worker would have taken other visitors' remixes first.
 * Each such death counts like a stall (`stc`), and past `maxStalledCount` the job fails with BullMQ's own reason,
 * which the studio shows in plain words (jobs/errors.ts). A worker elsewhere is never judged: its jobs come back
 * through BullMQ's stalled check once the lock lapses, and BullMQ puts them at the head of the wait list too.
 */
export async function recoverOrphans(opts: {
  queue: Queue;
  connection: Redis;
  maxStalledCount: number;
  /** What the dead worker said about itself (its heartbeat info), by BullMQ worker id. */
  infoOf(workerId: string): Promise<WorkerInfo | null>;
}): Promise<OrphanRecovery> {
  const { queue, connection } = opts;
  const out: OrphanRecovery = { requeued: [], failed: [] };
  for (const id of await connection.lrange(queue.toKey('active'), 0, -1)) {
    // BullMQ's lock token is `<worker id>:<n>`: it names the worker that holds the job.
    const token = await connection.get(`${queue.toKey(id)}:lock`);
    if (!token || !diedHere(await opts.infoOf(token.slice(0, token.lastIndexOf(':'))))) continue;
    const job = await queue.getJob(id);
    if (!job) continue;
    const stalls = await connection.hincrby(queue.toKey(id), 'stc', 1);
    // Announced as BullMQ's own stalled check would: QueueEvents listeners (and monitoring) hear 'stalled'.
    await connection.xadd(queue.toKey('events'), '*', 'event', 'stalled', 'jobId', id);
    try {
      if (stalls > opts.maxStalledCount) {
        await job.moveToFailed(new UnrecoverableError(STALLED_REASON), token, false);
        out.failed.push(id);
      } else {
        // First among the waiting: priority 1 at the front of its priority (BullMQ's push-back score).
        await job.changePriority({ priority: 1 });
        await job.moveToWait(token);
        out.requeued.push(id);
      }
    } catch {
      // Its lock changed hands meanwhile (the stalled check of another worker took it): theirs now.
    }
  }
  return out;
}

/** A worker that ran on this host whose process is gone (or whose pid this very process now has). */
function diedHere(info: WorkerInfo | null): boolean {
  if (!info || info.host !== hostname()) return false;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
