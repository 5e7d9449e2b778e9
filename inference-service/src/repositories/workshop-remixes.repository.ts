import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ObjectStorage } from '@atelier/common';
import { CANCEL_FLAG_TTL_S, remixKeys } from '../jobs/control';
import { inputKey, outputKey, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';

/**
 * Every remix a workshop group made, for as long as its jobs are kept: filled when a remix is admitted
 * (fairness.repository.ts RESERVE), read when the workshop is forgotten.
 */
export const groupRemixesKey = (prefix: string, groupId: string) => `${prefix}:group:remixes:${groupId}`;

/**
 * Set while a forgotten group still has a remix running: the worker that ends it (completed, failed or cancelled)
 * sees the mark and forgets the group again (`jobEnded`), which then deletes that remix too. Only the group's id.
 */
export const forgottenGroupKey = (prefix: string, groupId: string) => `${prefix}:group:forgotten:${groupId}`;
/**
 * As long as the cancel flag that stops every later attempt of the running remix at its start (a retry, the job of a
 * worker that died), far longer than any task timeout: whichever way the remix ends, the mark is still there.
 */
export const FORGOTTEN_GROUP_TTL_S = CANCEL_FLAG_TTL_S;

/** What one call deleted (and what it could not yet: a remix running right now). */
export interface WorkshopRemixesForgotten {
  /** Remix records deleted by this call: BullMQ jobs and the tombstones of cancelled ones. */
  remixes: number;
  /** Input and output files deleted by this call. */
  files: number;
  /**
   * Running at that moment: told to stop, and deleted (job, input, output) by the worker as soon as it ends, not by
   * this call; the group stays marked (`forgottenGroupKey`) until then.
   */
  running: number;
}

/**
 * A workshop's remixes (issue 11, item 8): every remix a pupil of the workshop queued is indexed under its group when
 * it is admitted (fairness.repository.ts RESERVE, `groupRemixesKey`); when the workshop's retention ends gallery-api asks
 * for them to be forgotten: their jobs (the remix records, with the pupil's session id), cancel tombstones, inputs
 * and outputs, and the group's own keys. Otherwise they would only go on their 14-day job expiry. A remix running at
 * that moment cannot be deleted under its worker: it is told to stop, and the worker's `jobEnded` finishes the
 * forgetting when it ends (processors/index.ts `groups`).
 */
export class RedisWorkshopRemixes {
  private readonly keys;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: Pick<Queue<RemixJobData, RemixJobResult>, 'getJob'>,
    private readonly storage: Pick<ObjectStorage, 'exists' | 'delete'>,
  ) {
    this.keys = remixKeys(prefix);
  }

  /** The remix ids indexed under the group (tests read it). */
  async remixIdsOf(groupId: string): Promise<string[]> {
    return this.redis.smembers(groupRemixesKey(this.prefix, groupId));
  }

  /** Deletes what the group's remixes left, except a running one, which is told to stop and deleted once it ends. */
  async forget(groupId: string): Promise<WorkshopRemixesForgotten> {
    const result: WorkshopRemixesForgotten = { remixes: 0, files: 0, running: 0 };
    const index = groupRemixesKey(this.prefix, groupId);
    const marker = forgottenGroupKey(this.prefix, groupId);
    // Marked first: a remix of the group that ends from here on finds the mark (jobEnded), however the two interleave.
    await this.redis.set(marker, '1', 'EX', FORGOTTEN_GROUP_TTL_S);
    for (const id of await this.remixIdsOf(groupId)) {
      const job = (await this.queue.getJob(id)) as Job<RemixJobData, RemixJobResult> | undefined;
      // Only the group's own remixes: the index is the group's, but the job says so too.
      if (job && job.data.fairness?.groupId !== groupId) continue;
      const removed = job ? await this.removeUnlessRunning(job) : 'gone';
      if (removed === 'running') {
        // The flag first: an attempt that starts later (a retry, the job of a worker that died) stops at once.
        await this.redis.set(this.keys.cancelFlag(id), '1', 'EX', CANCEL_FLAG_TTL_S);
        await this.redis.publish(this.keys.cancelChannel, id);
        result.running++;
        continue;
      }
      if (removed === 'removed') result.remixes++;
      if ((await this.redis.del(this.keys.tombstone(id), this.keys.cancelFlag(id))) > 0 && !job) result.remixes++;
      for (const key of [inputKey(id), outputKey(id)]) {
        if (!(await this.storage.exists(key))) continue;
        await this.storage.delete(key);
        result.files++;
      }
      await this.redis.srem(index, id);
    }
    // A running remix keeps its id in the index and the group its mark: its worker's jobEnded finds both.
    if (result.running === 0) await this.redis.del(index, this.keys.groupPending(groupId), marker);
    return result;
  }

  /**
   * A remix of `groupId` ended (the worker's `completed` or `failed`, retries included): if the group was forgotten
   * while it ran, forget the group again, which now deletes it. null when the group is not marked.
   */
  async jobEnded(groupId: string): Promise<WorkshopRemixesForgotten | null> {
    if (!(await this.redis.exists(forgottenGroupKey(this.prefix, groupId)))) return null;
    return this.forget(groupId);
  }

  private async removeUnlessRunning(job: Job<RemixJobData, RemixJobResult>): Promise<'removed' | 'gone' | 'running'> {
    if ((await job.getState()) === 'active') return 'running';
    try {
      await job.remove();
      return 'removed';
    } catch {
      // BullMQ refuses a locked job: a worker took it since. Or a call beside this one removed it first.
      return (await this.queue.getJob(job.id!)) ? 'running' : 'gone';
    }
  }
}
