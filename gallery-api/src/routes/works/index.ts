import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { workCheckRequestSchema, workCheckResponseSchema, workDetailSchema, workFacetsSchema, workListSchema } from '@atelier/contracts/work.schema';
import type { RouteDeps } from '../deps';
import { imageParams, langQuery, listQuery, regionQuery, workParams } from './schemas';

/** Collection works: the studio's picker and detail view, and the licence check inference-service asks. */
export const worksRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { works, regions } = gallery;

  app.get(
    '/works',
    { schema: { tags: ['works'], querystring: listQuery, response: { 200: workListSchema, 400: errorBodySchema } } },
    async (req) => works.list(req.query),
  );

  app.get('/works/facets', { schema: { tags: ['works'], response: { 200: workFacetsSchema } } }, async () => works.facets());

  app.get(
    '/works/:id',
    { schema: { tags: ['works'], params: workParams, querystring: langQuery, response: { 200: workDetailSchema, 404: errorBodySchema } } },
    async (req) => works.detail(req.params.id, req.query.lang),
  );

  app.get('/works/:id/image/:rendition', { schema: { tags: ['works'], params: imageParams } }, async (req, reply) => {
    const image = await works.image(req.params.id, req.params.rendition);
    // Immutable as the contract asks; a re-imported image keeps its URL (README: known debts).
    reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('ETag', image.etag);
    if (etagMatches(req.headers['if-none-match'], image.etag)) return reply.status(304).send();
    return reply.type(image.contentType).send(image.bytes);
  });

  // A printable colouring page of the work (its outlines; the studio prints it with the work's credit).
  app.get('/works/:id/colouring-page.png', { schema: { tags: ['works'], params: workParams } }, async (req, reply) => {
    const image = await works.colouringPage(req.params.id);
    reply.header('Cache-Control', 'public, max-age=86400').header('ETag', image.etag);
    if (etagMatches(req.headers['if-none-match'], image.etag)) return reply.status(304).send();
    return reply.type(image.contentType).send(image.bytes);
  });

  app.get('/works/:id/region', { schema: { tags: ['works'], params: workParams, querystring: regionQuery } }, async (req, reply) => {
    const { size, ...region } = req.query;
    const image = await regions.region(req.params.id, region, size);
    reply.header('Cache-Control', 'public, max-age=86400').header('X-Region-Source', image.via);
    return reply.type('image/jpeg').send(Buffer.from(image.bytes));
  });

  app.post(
    '/works/check',
    { schema: { tags: ['works'], body: workCheckRequestSchema, response: { 200: workCheckResponseSchema, 400: errorBodySchema } } },
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
