import { storageFull } from './errors';
import type { ObjectStorage } from './storage';

/** What a health check says about a storage: room left, and whether that is above the service's minimum. */
export interface StorageRoom {
  ok: boolean;
  freeBytes: number;
}

/**
 * The room a storage has against a minimum (`*_STORAGE_MIN_FREE_MB`): below it, uploads are refused before they
 * are read and /health answers 503. A storage whose room cannot be read counts as full: writes would fail too.
 */
export async function storageRoom(storage: Pick<ObjectStorage, 'space'>, minFreeBytes: number): Promise<StorageRoom> {
  try {
    const { freeBytes } = await storage.space();
    return { ok: freeBytes >= minFreeBytes, freeBytes: Number.isFinite(freeBytes) ? freeBytes : Number.MAX_SAFE_INTEGER };
  } catch {
    return { ok: false, freeBytes: 0 };
  }
}

/** Throws 507 `storage_full` (the plain message) when the storage is below its minimum: checked before an upload is read. */
export async function assertStorageRoom(storage: Pick<ObjectStorage, 'space'>, minFreeBytes: number): Promise<void> {
  if (!(await storageRoom(storage, minFreeBytes)).ok) throw storageFull();
}

/** `*_STORAGE_MIN_FREE_MB` from the environment, in bytes (decimals allowed; 0 switches the gate off). */
export function minFreeBytes(env: NodeJS.ProcessEnv, name: string, fallbackMb: number): number {
  const raw = env[name];
  const mb = raw === undefined || raw === '' ? fallbackMb : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`${name} must be a number of megabytes ≥ 0, got "${raw}"`);
  return Math.round(mb * 1024 * 1024);
}
