import type { FastifyRequest } from 'fastify';
import { originCheck } from '@atelier/common/origin';
import { requireJson } from './require-json';

/**
 * The CSRF defences of every state-changing staff request (login, logout, moderation decisions), besides the
 * SameSite=Strict session cookie, as `onRequest` hooks in order: the browser's `Origin` is one of the studio's
 * public origins (403 `origin_not_allowed`), then the body is JSON (415), which an HTML form cannot send.
 */
export function staffWriteChecks(allowedOrigins: readonly string[]): ((request: FastifyRequest) => Promise<void>)[] {
  return [originCheck(allowedOrigins), requireJson];
}
