import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { GalleryDeps } from '../../app';
import { HttpFetcher } from '../../repositories/http-fetcher';
import { WorkRegionImages } from '../../repositories/work-region-images';
import { WorkRepository } from '../../repositories/work.repository';
import { createWorkRegionService } from '../../services/work-region.service';
import { createWorkService } from '../../services/work.service';
import {
  checkBody, checkResponse, errorSchema, facetsSchema, imageParams, listQuery, regionQuery, workDetailSchema, workListSchema, workParams,
} from './schemas';

/** A visitor waits for a region: one quick retry, then the stored original is cut instead. */
const REGION_FETCH = { timeoutMs: 8_000, maxRetries: 1, baseDelayMs: 300, maxDelayMs: 2_000 };

/** Collection works: the studio's picker and detail view, and the licence check inference-service asks. */
export const worksRoutes: FastifyPluginAsync<GalleryDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const repo = new WorkRepository(deps.pool);
  const works = createWorkService({ works: repo, storage: deps.storage });
  const regions = createWorkRegionService({
    works: repo,
    storage: deps.storage,
    images: new WorkRegionImages(new HttpFetcher(REGION_FETCH)),
  });

  app.get(
    '/works',
    { schema: { tags: ['works'], querystring: listQuery, response: { 200: workListSchema, 400: errorSchema } } },
    async (req) => works.list(req.query),
  );

  app.get(
    '/works/facets',
    { schema: { tags: ['works'], response: { 200: facetsSchema } } },
    async () => works.facets(),
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

  app.get(
    '/works/:id/region',
    { schema: { tags: ['works'], params: workParams, querystring: regionQuery } },
    async (req, reply) => {
      const { size, ...region } = req.query;
      const image = await regions.region(req.params.id, region, size);
      reply.header('Cache-Control', 'public, max-age=86400').header('X-Region-Source', image.via);
      return reply.type('image/jpeg').send(Buffer.from(image.bytes));
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
