import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertStorageRoom } from '@atelier/common/storage-room';
import { draftOpenRequestSchema, draftSaveRequestSchema, draftSavedSchema, draftSchema } from '@atelier/contracts/draft.schema';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { text } from '@atelier/contracts/text.schema';
import type { RouteDeps } from '../deps';

/** The window of the draft limits (README "Limits"). */
export const DRAFT_WINDOW_MS = 10 * 60_000;
/** A canvas with its history can be larger than other JSON bodies; the studio trims its history to fit. */
export const MAX_DRAFT_BYTES = 4 * 1024 * 1024;

// Unknown ids are answered 404 by the service, not 400.
const remixOutputParams = z.object({ draftId: text().max(100), remixId: text().max(100) });

/** The limit on saving drafts (per session and per address), shared by "remix this", which saves one too. */
export function draftSaveLimit({ limiter, config, visitors }: RouteDeps['gallery']) {
  return limiter.hook(
    {
      name: 'draft-save',
      perSession: { max: config.limits.draftSavePerSession, windowMs: DRAFT_WINDOW_MS },
      perAddress: { max: config.limits.draftSavePerAddress, windowMs: DRAFT_WINDOW_MS },
      message: 'Too many drafts saved in a short time; wait a few minutes and try again.',
    },
    (req) => visitors.existing(req),
  );
}

/**
 * Drafts (services/draft.service.ts): save a canvas, open it elsewhere by its code. Neither binds anything to the
 * visitor, so neither mints a session; saving reads the visitor's remixes with their session when there is one.
 */
export const draftsRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { drafts, config, visitors, limiter, repositories } = gallery;
  const sessionOf = (req: Parameters<typeof visitors.existing>[0]) => visitors.existing(req);

  const saveLimit = draftSaveLimit(gallery);
  // Guessing a code costs one request per guess: per address, whatever session the guesser sends.
  const openLimit = limiter.hook(
    {
      name: 'draft-open',
      perAddress: { max: config.limits.draftOpenPerAddress, windowMs: DRAFT_WINDOW_MS },
      message: 'Too many draft codes tried in a short time; wait a few minutes and try again.',
    },
    sessionOf,
  );

  app.post(
    '/drafts',
    {
      bodyLimit: MAX_DRAFT_BYTES,
      schema: {
        tags: ['drafts'],
        body: draftSaveRequestSchema,
        response: {
          201: draftSavedSchema,
          400: errorBodySchema,
          409: errorBodySchema,
          413: errorBodySchema,
          429: errorBodySchema,
          502: errorBodySchema,
          503: errorBodySchema,
          507: errorBodySchema,
        },
      },
      onRequest: [saveLimit, async () => assertStorageRoom(repositories.storage, config.storageMinFreeBytes)],
    },
    async (req, reply) => {
      const saved = await drafts.save(req.body, sessionOf(req)?.token ?? null);
      // A workshop pupil's draft is their workshop's data: deleted with it when its retention ends (issue 11).
      const pupil = gallery.pupilSessions.of(req);
      if (pupil) await gallery.workshops.keepDraft(pupil, saved.code).catch(() => undefined);
      return reply.status(201).send(saved);
    },
  );

  app.post(
    '/drafts/open',
    {
      schema: {
        tags: ['drafts'],
        body: draftOpenRequestSchema,
        response: { 200: draftSchema, 400: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema },
      },
      onRequest: openLimit,
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'private, no-store');
      return drafts.open(req.body.code);
    },
  );

  app.get(
    '/drafts/:draftId/remixes/:remixId/output.png',
    { schema: { tags: ['drafts'], params: remixOutputParams } },
    async (req, reply) => {
      const { bytes } = await drafts.remixOutput(req.params.draftId, req.params.remixId);
      return reply.header('Cache-Control', 'private, max-age=3600').type('image/png').send(bytes);
    },
  );
};
