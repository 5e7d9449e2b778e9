import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError, TooManyRequestsError, errorBody, storageFull } from './errors';
import { isStorageFull } from './storage';

/**
 * Failures a service knows how to answer beyond HttpError, e.g. gallery-api's database that cannot be reached
 * → 503. Return undefined for anything else.
 */
export type ErrorClassifier = (err: unknown) => HttpError | undefined;

/**
 * One error shape for every service: `{ error: { code, message, details? } }`.
 * Validation and size errors become clear 4xx answers; anything unexpected is logged and answered 500
 * without leaking internals.
 */
export function installErrorHandler(app: FastifyInstance, classify?: ErrorClassifier, opts: { notFound?: boolean } = {}): void {
  app.setErrorHandler((raw: FastifyError | HttpError, request, reply) => {
    // A write that found the disk full is a plain 507, however deep in a service it failed.
    const err = raw instanceof HttpError ? raw : isStorageFull(raw) ? storageFull() : (classify?.(raw) ?? raw);
    if (err !== raw) request.log.warn({ err: raw }, err.message);
    if (err instanceof HttpError) {
      if (err instanceof TooManyRequestsError) reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(err.statusCode).send(errorBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError & { validation?: unknown };
    if (fe.validation) {
      return reply.status(400).send(errorBody('validation_failed', fe.message, fe.validation));
    }
    if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return reply.status(413).send(errorBody('upload_too_large', 'The request is larger than allowed.'));
    }
    if (fe.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('unsupported_media_type', fe.message));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody(fe.code ? fe.code.toLowerCase() : 'bad_request', fe.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
  });
  // The studio server keeps its own (the SPA fallback).
  if (opts.notFound === false) return;
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });
}
