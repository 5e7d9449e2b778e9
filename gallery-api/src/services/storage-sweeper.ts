import type { ObjectStorage } from '@atelier/common/storage';

/**
 * Deletes what no creation will read again: `put`'s temporary files left by a crash (or by a write that found the
 * disk full), and the image folders of publishes that stored their files but never their row (a crash, or a
 * database that went away between the two; publish.service.ts keeps the files when it cannot tell). Collection
 * works and the detail tile cache are left alone: they have their own owners.
 */

/** Which creations exist (CreationRepository; FakeCreations), held by creation.contract.ts. */
export interface CreationIds {
  /** The ids among `ids` that have a creation row (ids that are not uuids have none). */
  existingIds(ids: string[]): Promise<Set<string>>;
}

export interface GallerySweepResult {
  /** Temporary files of interrupted writes, anywhere in storage. */
  temporaries: number;
  /** Creation folders without a row, and the files in them. */
  orphanCreations: number;
  orphanFiles: number;
  /** Folders without a row that are still younger than the grace (a publish may be writing its row now). */
  young: number;
}

const CREATIONS = 'creations/';
const BATCH = 100;

export class GalleryStorageSweeper {
  constructor(
    private readonly deps: {
      storage: Pick<ObjectStorage, 'list' | 'delete' | 'removeStaleTemporaries' | 'removeEmptyFolders'>;
      creations: CreationIds;
      /** A leftover younger than this stays: a publish writes its images a moment before its row. */
      graceMs: number;
      now?: () => number;
    },
  ) {}

  async sweep(): Promise<GallerySweepResult> {
    const olderThan = new Date((this.deps.now?.() ?? Date.now()) - this.deps.graceMs);
    const { storage } = this.deps;
    const temporaries = (await storage.removeStaleTemporaries?.('', olderThan)) ?? 0;

    // creations/<id>/<file>: each folder's files and its newest write.
    const folders = new Map<string, { keys: string[]; newest: number }>();
    for await (const o of storage.list(CREATIONS)) {
      const id = o.key.slice(CREATIONS.length).split('/')[0]!;
      const f = folders.get(id) ?? { keys: [], newest: 0 };
      f.keys.push(o.key);
      f.newest = Math.max(f.newest, o.modifiedAt.getTime());
      folders.set(id, f);
    }
    const result: GallerySweepResult = { temporaries, orphanCreations: 0, orphanFiles: 0, young: 0 };
    const ids = [...folders.keys()];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const existing = await this.deps.creations.existingIds(batch);
      for (const id of batch) {
        if (existing.has(id)) continue;
        const folder = folders.get(id)!;
        if (folder.newest >= olderThan.getTime()) {
          result.young++;
          continue;
        }
        for (const key of folder.keys) await storage.delete(key);
        result.orphanCreations++;
        result.orphanFiles += folder.keys.length;
      }
    }
    await storage.removeEmptyFolders?.(CREATIONS, olderThan);
    return result;
  }
}

/** Runs `sweep` after `firstDelayMs`, then every `intervalMs` until stopped; a failed sweep is logged and tried again next time. */
export function sweepPeriodically(
  sweeper: Pick<GalleryStorageSweeper, 'sweep'>,
  opts: { intervalMs: number; firstDelayMs: number; log(result: GallerySweepResult): void; warn(err: Error): void },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = sweeper
      .sweep()
      .then(opts.log, (err: Error) => opts.warn(err))
      .finally(() => !stopped && schedule(opts.intervalMs));
  };
  schedule(opts.firstDelayMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
