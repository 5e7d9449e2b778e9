import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '@atelier/common/errors';
import type { GalleryDeps } from '../../app';
import { CreationImageStorage } from '../../repositories/creation-images.storage';
import { CreationRepository } from '../../repositories/creation.repository';
import { WorkRepository } from '../../repositories/work.repository';
import { RENDITIONS, type Rendition } from '../../services/creation';
import { CreationService } from '../../services/creation.service';
import { PublishService } from '../../services/publish.service';
import { createStaffAuth } from '../auth/require-staff';
import { toCreationDetailDto, toCreationDto } from './dto';
import { readPublishForm } from './publish-form';
import {
  creationDetailSchema,
  creationListSchema,
  creationParams,
  errorSchema,
  imageParams,
  listQuery,
  previewBody,
  previewResponse,
} from './schemas';
import { baseUrlOf, loadStudioSettings } from './settings';

/** Visitors publish creations; everyone sees approved ones; staff see every status. */
export const creationsRoutes: FastifyPluginAsync<GalleryDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const settings = loadStudioSettings();
  const repository = new CreationRepository(deps.pool);
  const images = new CreationImageStorage(deps.storage);
  const publisher = new PublishService({
    works: new WorkRepository(deps.pool),
    inference: deps.inference,
    images,
    creations: repository,
    studioName: settings.studioName,
  });
  const creations = new CreationService(repository, images);
  const { currentStaff } = createStaffAuth(deps);
  const viewerOf = async (req: Parameters<typeof currentStaff>[0]) => ({ staff: (await currentStaff(req)) !== null });

  app.post(
    '/creations/preview',
    { schema: { tags: ['creations'], body: previewBody, response: { 200: previewResponse, 400: errorSchema, 422: errorSchema } } },
    async (req) => publisher.preview(req.body.workIds),
  );

  app.post(
    '/creations',
    { schema: { tags: ['creations'], consumes: ['multipart/form-data'], response: { 200: creationDetailSchema, 201: creationDetailSchema } } },
    async (req, reply) => {
      const { meta, image } = await readPublishForm(req);
      const { created, creation } = await publisher.publish(meta, image);
      return reply.status(created ? 201 : 200).send(toCreationDetailDto(creation, baseUrlOf(req, settings), settings));
    },
  );

  app.get(
    '/creations',
    { schema: { tags: ['creations'], querystring: listQuery, response: { 200: creationListSchema, 400: errorSchema } } },
    async (req) => {
      const page = await creations.listApproved(req.query.page);
      return { ...page, items: page.items.map(toCreationDto) };
    },
  );

  app.get(
    '/creations/:id',
    { schema: { tags: ['creations'], params: creationParams, response: { 200: creationDetailSchema, 404: errorSchema } } },
    async (req, reply) => {
      const viewer = await viewerOf(req);
      const creation = await creations.get(req.params.id, viewer);
      if (creation.status !== 'approved') reply.header('Cache-Control', 'private, no-store');
      return toCreationDetailDto(creation, baseUrlOf(req, settings), settings);
    },
  );

  app.get('/creations/:id/provenance.jsonld', { schema: { tags: ['creations'], params: creationParams } }, async (req, reply) => {
    const creation = await creations.get(req.params.id, await viewerOf(req));
    const { jsonLd } = toCreationDetailDto(creation, baseUrlOf(req, settings), settings);
    reply.header('Cache-Control', creation.status === 'approved' ? 'public, max-age=300' : 'private, no-store');
    return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(jsonLd));
  });

  app.get('/creations/:id/image/:rendition', { schema: { tags: ['creations'], params: imageParams } }, async (req, reply) => {
    const rendition = req.params.rendition as Rendition;
    if (!RENDITIONS.includes(rendition)) throw notFound('unknown_rendition', 'Renditions are thumb, working and full.');
    const { bytes, contentType, creation } = await creations.image(req.params.id, rendition, await viewerOf(req));
    const etag = `"${creation.imageSha256.slice(0, 32)}-${rendition}"`;
    // Image bytes never change for an id, but a pending image must not sit in shared caches.
    reply
      .header('Cache-Control', creation.status === 'approved' ? 'public, max-age=31536000, immutable' : 'private, no-store')
      .header('ETag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(contentType).send(bytes);
  });
};
