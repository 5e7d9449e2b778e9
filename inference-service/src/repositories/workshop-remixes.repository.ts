import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ObjectStorage } from '@atelier/common';
import { remixKeys } from '../jobs/control';
import { inputKey, outputKey, type RemixJobData, type RemixJobResult } from '../jobs/remix.job';

/**
 * Every remix a workshop group made, for as long as its jobs are kept: filled when a remix is admitted
 * (fairness.repository.ts RESERVE), read when the workshop is forgotten.
 */
export const groupRemixesKey = (prefix: string, groupId: string) => `${prefix}:group:remixes:${groupId}`;

/** What forgetting a workshop group deleted (and what it could not yet: a remix running right now). */
export interface WorkshopRemixesForgotten {
  /** Remix records deleted: BullMQ jobs and the tombstones of cancelled ones. */
  remixes: number;
  /** Input and output files deleted. */
  files: number;
  /** Running at that moment: told to stop; its job and files go by the usual expiry and storage sweep. */
  running: number;
}

/**
 * A workshop's remixes (issue 11, item 8): every remix a pupil of the workshop queued is indexed under its group when
 * it is admitted (fairness.repository.ts RESERVE, `groupRemixesKey`); when the workshop's retention ends gallery-api asks
 * for them to be forgotten: their jobs (the remix records, with the pupil's session id), cancel tombstones, inputs
 * and outputs, and the group's own keys. Otherwise they would only go on their 14-day job expiry.
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

  async forget(groupId: string): Promise<WorkshopRemixesForgotten> {
    const result: WorkshopRemixesForgotten = { remixes: 0, files: 0, running: 0 };
    const ids = await this.remixIdsOf(groupId);
    for (const id of ids) {
      const job = (await this.queue.getJob(id)) as Job<RemixJobData, RemixJobResult> | undefined;
      // Only the group's own remixes: the index is the group's, but the job says so too.
      if (job && job.data.fairness?.groupId !== groupId) continue;
      if (job && (await job.getState()) === 'active') {
        await this.redis.publish(this.keys.cancelChannel, id);
        result.running++;
        continue;
      }
      if (job) {
        await job.remove();
        result.remixes++;
      }
      if ((await this.redis.del(this.keys.tombstone(id), this.keys.cancelFlag(id))) > 0 && !job) result.remixes++;
      for (const key of [inputKey(id), outputKey(id)]) {
        if (!(await this.storage.exists(key))) continue;
        await this.storage.delete(key);
        result.files++;
      }
    }
    // A running remix keeps its id in the index, so a later call finds it again.
    if (result.running === 0) await this.redis.del(groupRemixesKey(this.prefix, groupId), this.keys.groupPending(groupId));
    return result;
  }
}
