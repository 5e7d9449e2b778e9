import { UnrecoverableError } from 'bullmq';

/**
 * Retry policy of the remix queue: only errors that may pass by themselves (gallery-api unreachable,
 * a Redis or network hiccup) are retried with backoff; everything else fails at once, because a bad
 * image, an unknown model or a tampered file gives the same answer on every attempt.
 */

export const CANCELLED = 'cancelled';
/** BullMQ's own reason for a job whose worker died more often than `maxStalledCount` allows (its stalled check says it). */
export const STALLED_REASON = 'job stalled more than allowable limit';
/** The collection could not be reached for longer than REMIX_GALLERY_WAIT_S while the job needed a work's image. */
export const COLLECTION_UNREACHABLE = 'collection_unreachable';
/** The worker found no room to store the output. */
export const STORAGE_FULL = 'storage_full';
export const timeoutMessage = (ms: number) => `timeout: the remix took longer than ${Number((ms / 1000).toFixed(1))} s`;

const TRANSIENT_NAMES = new Set(['GalleryUnavailableError', 'MaxRetriesPerRequestError', 'QueueUnavailableError']);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EBUSY', 'EMFILE']);

/** gallery-api could not be reached or answered a 5xx (services/gallery.ts), however it was wrapped. */
export function isGalleryUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e.name === 'GalleryUnavailableError') return true;
  return false;
}

export function isTransient(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (TRANSIENT_NAMES.has(err.name)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (/Connection is closed|Stream isn't writeable/.test(err.message)) return true; // ioredis while reconnecting
  return err.cause !== undefined && err.cause !== err && isTransient(err.cause);
}

/** What the worker throws to BullMQ: transient errors as they are (retried), the rest unrecoverable. */
export function classifyFailure(err: unknown): Error {
  if (err instanceof UnrecoverableError) return err;
  if (isTransient(err)) return err as Error;
  const message = err instanceof Error ? err.message : String(err);
  const permanent = new UnrecoverableError(message);
  if (err instanceof Error && err.stack) permanent.stack = err.stack;
  return permanent;
}
