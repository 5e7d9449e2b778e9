import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionRequestSchema, moderationEventSchema, moderationQueueSchema } from '@atelier/contracts/creation.schema';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import type { RouteDeps } from '../deps';
import { staffWriteChecks } from '../auth/staff-write';
import { creationParams, listQuery } from '../creations/schemas';

/** Staff decide which pending creations the public gallery shows; every decision is logged, append-only. */
export const moderationRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { moderation, config } = gallery;

  // Every route here is for moderators (and admins) only and must never be cached.
  app.addHook('onRequest', staff.require('moderate'));
  app.addHook('onSend', async (_req, reply) => {
    reply.header('Cache-Control', 'private, no-store');
  });

  app.get(
    '/moderation/queue',
    { schema: { tags: ['moderation'], querystring: listQuery, response: { 200: moderationQueueSchema, 401: errorBodySchema } } },
    // Flagged by the safety screen first (with the scores), then oldest first.
    // Work from a workshop says so: which workshop, approved by which educator (services/workshop.service.ts).
    async (req) => gallery.workshops.markOrigins(await moderation.queue(req.query.page, req.query.lang)),
  );

  app.post(
    '/moderation/creations/:id/decision',
    {
      onRequest: staffWriteChecks(config.allowedOrigins),
      schema: {
        tags: ['moderation'],
        params: creationParams,
        body: decisionRequestSchema,
        response: { 200: moderationEventSchema, 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (req) => moderation.decide(req.params.id, (await staff.staffOf(req)).id, req.body),
  );

  app.get(
    '/moderation/creations/:id/events',
    {
      schema: {
        tags: ['moderation'],
        params: creationParams,
        response: { 200: z.object({ events: z.array(moderationEventSchema) }), 401: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req) => moderation.events(req.params.id),
  );
};
