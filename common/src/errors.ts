import { errorBody, type ErrorBody } from '@atelier/contracts/error.schema';

export { errorBody, type ErrorBody };

/** An error a route may let escape: the service layer throws it, the error handler turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new HttpError(400, code, message, details);
export const notFound = (code: string, message: string) => new HttpError(404, code, message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

/** 429 in the one error shape; the error handler also sends `Retry-After` (whole seconds, at least 1). */
export class TooManyRequestsError extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(code: string, message: string, retryAfterSeconds: number, details?: Record<string, unknown>) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, code, message, { retryAfterSeconds: seconds, ...details });
    this.retryAfterSeconds = seconds;
  }
}

/** What a visitor is told when the storage is full: plain words, nothing about disks or paths. */
export const STORAGE_FULL_MESSAGE =
  "The studio's storage is full, so this could not be saved just now. Your work is still on your screen; please tell a member of staff.";

/** 507 `storage_full`: an upload or publish found no room to be stored. */
export const storageFull = () => new HttpError(507, 'storage_full', STORAGE_FULL_MESSAGE);
