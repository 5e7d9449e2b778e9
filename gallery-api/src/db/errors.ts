import { HttpError } from '@atelier/common/errors';

/**
 * PostgreSQL cannot be reached or is restarting: the connection failed or broke, or the server refused work while
 * starting or stopping. Such a request is answered 503 `database_unavailable` (the one error shape, nothing about
 * addresses); the pool reconnects by itself when the server is back.
 */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53300)/; // connection exception, admin/crash shutdown, cannot connect now, too many connections
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    // A Unix socket (the embedded database's) that is gone; a missing file elsewhere is not the database.
    if (code === 'ENOENT' && (e as { syscall?: unknown }).syscall === 'connect') return true;
    if (UNAVAILABLE_MESSAGE.test(e.message)) return true;
    // AggregateError: every address of the host refused (Node's happy eyeballs).
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

export const databaseUnavailable = () =>
  new HttpError(503, 'database_unavailable', 'The gallery cannot reach its database just now; please try again in a moment.');

/** For common's error handler: a database that cannot be reached is a 503, not a 500. */
export const classifyDatabaseError = (err: unknown): HttpError | undefined => (isDatabaseUnavailable(err) ? databaseUnavailable() : undefined);
