import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PupilSessions } from '@atelier/common/pupil-session';
import { readMetaForm } from '@atelier/common/multipart-form';
import { assertStorageRoom } from '@atelier/common/storage-room';
import { publishRequestSchema } from '@atelier/contracts/creation.schema';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { joinRequestSchema, pupilViewSchema, submissionSchema, takeHomeSchema } from '@atelier/contracts/workshop.schema';
import type { RouteDeps } from '../deps';
import { publishFormSchema } from '../creations/schemas';
import { streamWorkshopEvents } from './events';
import { langQuery, okSchema, takeHomeImageParams, takeHomeParams } from './schemas';

const CONTENT_TYPES = { full: 'image/png', working: 'image/webp', thumb: 'image/webp' } as const;
const JOIN_WINDOW_MS = 10 * 60_000;
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/**
 * Pupils: join by code (rate limited per client address, so codes cannot be enumerated), their page, their sends to
 * the educator, their events; and the take-home link, which works without a session until the workshop is forgotten.
 */
export const pupilRoutes: FastifyPluginAsync<RouteDeps & { open: Set<() => void> }> = async (plain, { gallery, open }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { workshops, pupilSessions, visitors, limiter, config, repositories } = gallery;
  const settings = config.workshops;

  const joinLimit = limiter.hook(
    {
      name: 'workshop-join',
      perAddress: { max: settings.joinPerAddress, windowMs: JOIN_WINDOW_MS },
      message: 'Too many join attempts from this network; wait a few minutes and try again.',
    },
    () => null,
  );

  app.post(
    '/workshops/join',
    {
      onRequest: joinLimit,
      schema: {
        tags: ['workshops'],
        body: joinRequestSchema,
        response: { 200: pupilViewSchema, ...errors, 410: errorBodySchema, 423: errorBodySchema, 429: errorBodySchema },
      },
    },
    async (req, reply) => {
      const { session, rejoinCode, workshop } = await workshops.join(req.body.code, req.body.rejoinCode);
      // The pupil's remixes are bound to a visitor session, as anyone's; the pupil cookie says which class it is in.
      visitors.of(req, reply);
      reply.header('set-cookie', pupilSessions.cookie(session, req.protocol === 'https'));
      const view = await workshops.pupilView(session, workshop.lang);
      return { ...view, rejoinCode };
    },
  );

  app.get(
    '/workshops/pupil',
    { schema: { tags: ['workshops'], querystring: langQuery, response: { 200: pupilViewSchema, ...errors } } },
    async (req, reply) => {
      reply.header('Cache-Control', 'private, no-store');
      return workshops.pupilView(pupilSessions.of(req), req.query.lang);
    },
  );

  app.post('/workshops/pupil/leave', { schema: { tags: ['workshops'], body: z.object({}).strict(), response: { 200: okSchema } } }, async (_req, reply) => {
    reply.header('set-cookie', PupilSessions.clearCookie());
    return { ok: true as const };
  });

  const submitLimit = limiter.hook(
    {
      name: 'workshop-submit',
      perSession: { max: settings.submitPerSession, windowMs: JOIN_WINDOW_MS },
      message: 'You sent a lot of work in a short time; wait a few minutes.',
    },
    (req, reply) => visitors.of(req, reply),
  );

  app.post(
    '/workshops/pupil/submissions',
    {
      schema: {
        tags: ['workshops'],
        consumes: ['multipart/form-data'],
        body: publishFormSchema,
        response: { 200: submissionSchema, 201: submissionSchema, ...errors, 409: errorBodySchema, 422: errorBodySchema, 429: errorBodySchema },
      },
      attachValidation: true,
      onRequest: [
        async (req) => {
          await workshops.pupilOf(pupilSessions.of(req)); // 401/403 before the upload is read
        },
        submitLimit,
        async () => assertStorageRoom(repositories.storage, config.storageMinFreeBytes),
      ],
    },
    async (req, reply) => {
      const { meta, file } = await readMetaForm(req, { file: 'image', schema: publishRequestSchema });
      const submission = await workshops.submit(pupilSessions.of(req), visitors.of(req, reply), meta, file);
      return reply.status(201).send(submission);
    },
  );

  // The pupil's page hears about decisions on their own work and the workshop ending, nothing of anyone else's.
  app.get('/workshops/pupil/events', { schema: { tags: ['workshops'] } }, async (req, reply) => {
    const { pupil, workshop } = await workshops.pupilOf(pupilSessions.of(req));
    const close = streamWorkshopEvents(req, reply, workshops.events, workshop.id, (e) =>
      e.type === 'workshop' || e.type === 'pupils' || (e.type === 'decision' && e.pupilId === pupil.id),
    );
    open.add(close);
    req.raw.on('close', () => open.delete(close));
  });

  app.get(
    '/workshops/take-home/:token',
    { schema: { tags: ['workshops'], params: takeHomeParams, querystring: langQuery, response: { 200: takeHomeSchema, 404: errorBodySchema } } },
    async (req) => workshops.takeHome(req.params.token, req.query.lang),
  );

  app.get('/workshops/take-home/:token/:submissionId/:rendition', { schema: { tags: ['workshops'], params: takeHomeImageParams } }, async (req, reply) => {
    const bytes = await workshops.takeHomeImage(req.params.token, req.params.submissionId, req.params.rendition);
    return reply.type(CONTENT_TYPES[req.params.rendition]).send(bytes);
  });
};
