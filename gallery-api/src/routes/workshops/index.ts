import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '@atelier/common/errors';
import { roleMay } from '@atelier/contracts/staff.schema';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import {
  createWorkshopRequestSchema,
  decisionRequestSchema,
  pupilListSchema,
  submissionListSchema,
  submissionSchema,
  workshopListSchema,
  workshopSchema,
} from '@atelier/contracts/workshop.schema';
import type { RouteDeps } from '../deps';
import { staffWriteChecks } from '../auth/staff-write';
import type { WorkshopViewer } from '../../services/workshop.service';
import { classExport } from '../../services/workshop-export';
import { streamWorkshopEvents } from './events';
import { pupilRoutes } from './pupil';
import { emptyRequest, imageParams, langQuery, lockRequest, okSchema, pupilParams, submissionParams, workshopParams } from './schemas';

const CONTENT_TYPES = { full: 'image/png', working: 'image/webp', thumb: 'image/webp' } as const;
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** The workshops' routes: the educator's (runWorkshops), the class gallery (educator or pupil), and the pupils'. */
export const workshopsRoutes: FastifyPluginAsync<RouteDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { gallery, staff } = deps;
  const { workshops, config, pupilSessions } = gallery;
  const educator = staff.require('runWorkshops');
  const write = [educator, ...staffWriteChecks(config.allowedOrigins)];
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const close of [...open]) close();
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('Cache-Control', 'private, no-store');
  });

  /** The educator (with runWorkshops) or a pupil of the workshop: 401 for neither, 403 for staff without the role. */
  const viewerOf = async (req: FastifyRequest): Promise<WorkshopViewer> => {
    const member = await staff.currentStaff(req);
    if (member) {
      if (!roleMay(member.role, 'runWorkshops')) throw new HttpError(403, 'forbidden_role', 'Your staff role cannot do this.');
      return { staff: member };
    }
    const pupil = pupilSessions.of(req);
    if (!pupil) throw new HttpError(401, 'not_logged_in', 'Log in as staff, or join the workshop.');
    return { pupil };
  };

  app.get(
    '/workshops',
    { onRequest: educator, schema: { tags: ['workshops'], response: { 200: workshopListSchema, ...errors } } },
    async (req) => ({ workshops: await workshops.list(await staff.staffOf(req)), retentionDays: workshops.retentionDays }),
  );

  app.post(
    '/workshops',
    { onRequest: write, schema: { tags: ['workshops'], body: createWorkshopRequestSchema, response: { 201: workshopSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await workshops.create(await staff.staffOf(req), req.body)),
  );

  app.get(
    '/workshops/:id',
    { onRequest: educator, schema: { tags: ['workshops'], params: workshopParams, response: { 200: workshopSchema, ...errors } } },
    async (req) => workshops.get(await staff.staffOf(req), req.params.id),
  );

  app.post(
    '/workshops/:id/lock',
    { onRequest: write, schema: { tags: ['workshops'], params: workshopParams, body: lockRequest, response: { 200: workshopSchema, ...errors } } },
    async (req) => workshops.setLocked(await staff.staffOf(req), req.params.id, req.body.locked),
  );

  app.post(
    '/workshops/:id/end',
    { onRequest: write, schema: { tags: ['workshops'], params: workshopParams, body: emptyRequest, response: { 200: workshopSchema, ...errors } } },
    async (req) => workshops.end(await staff.staffOf(req), req.params.id),
  );

  app.get(
    '/workshops/:id/pupils',
    { onRequest: educator, schema: { tags: ['workshops'], params: workshopParams, response: { 200: pupilListSchema, ...errors } } },
    async (req) => ({
      pupils: (await workshops.pupils(await staff.staffOf(req), req.params.id)).map((p) => ({
        id: p.id,
        pseudonym: p.pseudonym,
        joinedAt: p.joinedAt.toISOString(),
        removed: p.removedAt !== null,
      })),
    }),
  );

  app.post(
    '/workshops/:id/pupils/:pupilId/remove',
    { onRequest: write, schema: { tags: ['workshops'], params: pupilParams, body: emptyRequest, response: { 200: okSchema, ...errors } } },
    async (req) => {
      await workshops.removePupil(await staff.staffOf(req), req.params.id, req.params.pupilId);
      return { ok: true as const };
    },
  );

  app.get(
    '/workshops/:id/submissions',
    {
      onRequest: educator,
      schema: { tags: ['workshops'], params: workshopParams, querystring: langQuery, response: { 200: submissionListSchema, ...errors } },
    },
    async (req) => ({ submissions: await workshops.queue(await staff.staffOf(req), req.params.id, req.query.lang) }),
  );

  app.post(
    '/workshops/:id/submissions/:submissionId/decision',
    {
      onRequest: write,
      schema: {
        tags: ['workshops'],
        params: submissionParams,
        body: decisionRequestSchema,
        response: { 200: submissionSchema, ...errors, 409: errorBodySchema },
      },
    },
    async (req) => workshops.decide(await staff.staffOf(req), req.params.id, req.params.submissionId, req.body),
  );

  // The approval queue and the projector listen here: a pupil's send, a decision, a pupil joining or leaving.
  app.get('/workshops/:id/events', { onRequest: educator, schema: { tags: ['workshops'], params: workshopParams } }, async (req, reply) => {
    const w = await workshops.owned(await staff.staffOf(req), req.params.id);
    const close = streamWorkshopEvents(req, reply, workshops.events, w.id);
    open.add(close);
    req.raw.on('close', () => open.delete(close));
  });

  app.get('/workshops/:id/export.zip', { onRequest: educator, schema: { tags: ['workshops'], params: workshopParams } }, async (req, reply) => {
    const w = await workshops.owned(await staff.staffOf(req), req.params.id);
    const zip = await classExport(w, await workshops.submissionsFor(w, ['approved']), {
      read: (key) => gallery.repositories.storage.get(key),
      baseUrl: config.publicUrl,
      studioName: config.studioName,
    });
    const name = `workshop-${w.startsAt.toISOString().slice(0, 10)}.zip`;
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${name}"`).send(zip);
  });

  // The class gallery: its educator and its pupils.
  app.get(
    '/workshops/:id/gallery',
    { schema: { tags: ['workshops'], params: workshopParams, querystring: langQuery, response: { 200: submissionListSchema, ...errors } } },
    async (req) => ({ submissions: await workshops.classGallery(await viewerOf(req), req.params.id, req.query.lang) }),
  );

  app.get('/workshops/:id/gallery/:submissionId/:rendition', { schema: { tags: ['workshops'], params: imageParams } }, async (req, reply) => {
    const bytes = await workshops.image(await viewerOf(req), req.params.id, req.params.submissionId, req.params.rendition);
    return reply.type(CONTENT_TYPES[req.params.rendition]).send(bytes);
  });

  await app.register(pupilRoutes, { ...deps, open });
};
