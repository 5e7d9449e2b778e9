import type { FastifyRequest } from 'fastify';
import { notFound } from '@atelier/common/errors';
import type { InferenceDeps } from '../deps';

/**
 * Every remix belongs to the visitor session that submitted it (the signed `atelier_visitor` cookie that common's
 * VisitorSessions issues; gallery-api forwards it when it reads a remix at publish). Reads never mint a session:
 * a request without one has no remixes.
 */
export function visitorIdOf(deps: Pick<InferenceDeps, 'visitors'>, request: FastifyRequest): string {
  const visitor = deps.visitors.existing(request);
  if (!visitor) throw notFound('remix_not_found', 'No such remix.');
  return visitor.id;
}
