import type { FastifyRequest } from 'fastify';
import { HttpError } from '@atelier/common/errors';

/**
 * CSRF defence for state-changing staff routes, together with the SameSite=Strict cookie: an HTML form can only
 * send form, multipart or text/plain bodies, never application/json, without a CORS preflight.
 */
export async function requireJson(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(415, 'json_required', 'This endpoint accepts only content-type application/json.');
}
