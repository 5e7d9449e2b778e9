import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { GalleryDeps } from '../../app';
import { CreationRepository } from '../../repositories/creation.repository';
import { ModerationRepository } from '../../repositories/moderation.repository';
import { MAX_REASON_LENGTH, ModerationService, type ModerationEvent } from '../../services/moderation.service';
import { requireJson } from '../auth/require-json';
import { createStaffAuth, staffOf } from '../auth/require-staff';
import { toCreationDto } from '../creations/dto';
import { creationListSchema, creationParams, creationSchema, errorSchema, listQuery } from '../creations/schemas';
import type { CreationRecord } from '../../services/creation';

const scoresSchema = z.record(z.string(), z.number());

/** What the safety screen said about each remix a creation uses (staff only: the public never sees scores). */
const creationSafetySchema = z.object({
  flagged: z.boolean(),
  remixes: z.array(
    z.object({
      remixId: z.string(),
      screened: z.boolean(),
      flagged: z.boolean(),
      scores: z.object({ input: scoresSchema.optional(), output: scoresSchema.optional() }),
      flagClasses: z.array(z.string()),
      threshold: z.number(),
      note: z.string().optional(),
    }),
  ),
});

const queueItemSchema = creationSchema.extend({ safety: creationSafetySchema.nullable() });
const queueSchema = creationListSchema.extend({ items: z.array(queueItemSchema) });
const toQueueItemDto = (c: CreationRecord) => ({ ...toCreationDto(c), safety: c.safety });

const decisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  // Required for a reject: checked by the service, which owns the rule.
  reason: z.string().max(MAX_REASON_LENGTH).optional(),
});

const eventSchema = z.object({
  id: z.number().int(),
  creationId: z.string(),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().nullable(),
  staffUsername: z.string().nullable(),
  createdAt: z.string(),
});

const toEventDto = (e: ModerationEvent) => ({
  id: e.id,
  creationId: e.creationId,
  decision: e.decision,
  reason: e.reason,
  staffUsername: e.staffUsername,
  createdAt: e.createdAt.toISOString(),
});

/** Staff decide which pending creations the public gallery shows; every decision is logged, append-only. */
export const moderationRoutes: FastifyPluginAsync<GalleryDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { requireStaff } = createStaffAuth(deps);
  const moderation = new ModerationService(new ModerationRepository(deps.pool), new CreationRepository(deps.pool));

  // Every route here is staff-only and must never be cached.
  app.addHook('onRequest', requireStaff);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('Cache-Control', 'private, no-store');
  });

  app.get(
    '/moderation/queue',
    { schema: { tags: ['moderation'], querystring: listQuery, response: { 200: queueSchema, 401: errorSchema } } },
    async (req) => {
      // Flagged by the safety screen first (with the scores), then oldest first.
      const page = await moderation.queue(req.query.page);
      return { ...page, items: page.items.map(toQueueItemDto) };
    },
  );

  app.post(
    '/moderation/creations/:id/decision',
    {
      onRequest: [requireJson],
      schema: {
        tags: ['moderation'],
        params: creationParams,
        body: decisionBody,
        response: { 200: eventSchema, 400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      return toEventDto(await moderation.decide(req.params.id, staff.id, req.body));
    },
  );

  app.get(
    '/moderation/creations/:id/events',
    {
      schema: {
        tags: ['moderation'],
        params: creationParams,
        response: { 200: z.object({ events: z.array(eventSchema) }), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const { events } = await moderation.events(req.params.id);
      return { events: events.map(toEventDto) };
    },
  );
};
