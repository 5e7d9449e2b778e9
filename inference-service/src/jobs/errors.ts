import { UnrecoverableError } from 'bullmq';

/**
 * Retry policy of the remix queue: only errors that may pass by themselves (gallery-api unreachable,
 * a Redis or network hiccup) are retried with backoff; everything else fails at once, because a bad
 * image, an unknown model or a tampered file gives the same answer on every attempt.
 */

export const CANCELLED = 'cancelled';
export const timeoutMessage = (ms: number) => `timeout: the remix took longer than ${Number((ms / 1000).toFixed(1))} s`;

const TRANSIENT_NAMES = new Set(['GalleryUnavailableError', 'MaxRetriesPerRequestError', 'QueueUnavailableError']);
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EBUSY', 'EMFILE']);

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
