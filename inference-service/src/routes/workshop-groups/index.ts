import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WorkshopGroupTokens } from '@atelier/common/pupil-session';
import { errorBody, errorBodySchema } from '@atelier/contracts';
import type { WorkshopRemixesForgotten } from '../../repositories/workshop-remixes.repository';

export interface WorkshopGroupDeps {
  /** Checks gallery-api's signed bearer token (common/pupil-session.ts WorkshopGroupTokens). */
  tokens: Pick<WorkshopGroupTokens, 'verify'>;
  remixes: { forget(groupId: string): Promise<WorkshopRemixesForgotten> };
}

const params = z.object({ groupId: z.uuid() });
const forgotten = z.object({ remixes: z.number().int(), files: z.number().int(), running: z.number().int() });

/**
 * DELETE /workshop-groups/:groupId/remixes: gallery-api's sweep, when a workshop's retention has ended, deletes the
 * remixes its pupils made (records, inputs, outputs). Only with gallery-api's token for that group: 401 otherwise.
 */
export const workshopGroupRoutes: FastifyPluginAsync<WorkshopGroupDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  app.delete(
    '/workshop-groups/:groupId/remixes',
    { schema: { tags: ['workshops'], params, response: { 200: forgotten, 400: errorBodySchema, 401: errorBodySchema } } },
    async (request, reply) => {
      if (!deps.tokens.verify(request.headers.authorization, request.params.groupId))
        return reply.status(401).send(errorBody('unauthorized', 'Only gallery-api may forget a workshop group.'));
      return deps.remixes.forget(request.params.groupId);
    },
  );
};
