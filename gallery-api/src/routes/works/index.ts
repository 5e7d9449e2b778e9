import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { GalleryDeps } from '../../app';
import { WorkRepository } from '../../repositories/work.repository';
import { createWorkService } from '../../services/work.service';
import { checkBody, checkResponse, errorSchema, imageParams, listQuery, workDetailSchema, workListSchema, workParams } from './schemas';

/** Collection works: the studio's picker and detail view, and the licence check inference-service asks. */
export const worksRoutes: FastifyPluginAsync<GalleryDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const works = createWorkService({ works: new WorkRepository(deps.pool), storage: deps.storage });

  app.get(
    '/works',
    { schema: { tags: ['works'], querystring: listQuery, response: { 200: workListSchema, 400: errorSchema } } },
    async (req) => works.list(req.query),
  );

  app.get(
    '/works/:id',
    { schema: { tags: ['works'], params: workParams, response: { 200: workDetailSchema, 404: errorSchema } } },
    async (req) => works.detail(req.params.id),
  );

  app.get(
    '/works/:id/image/:rendition',
    { schema: { tags: ['works'], params: imageParams } },
    async (req, reply) => {
      const image = await works.image(req.params.id, req.params.rendition);
      // Immutable as the contract asks; a re-imported image keeps its URL (README: known debts).
      reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('ETag', image.etag);
      if (etagMatches(req.headers['if-none-match'], image.etag)) return reply.status(304).send();
      return reply.type(image.contentType).send(image.bytes);
    },
  );

  app.post(
    '/works/check',
    { schema: { tags: ['works'], body: checkBody, response: { 200: checkResponse, 400: errorSchema } } },
    async (req) => works.check(req.body.ids),
  );
};

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}
