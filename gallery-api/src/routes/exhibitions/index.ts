import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import {
  exhibitionInputSchema,
  exhibitionListSchema,
  exhibitionParams,
  exhibitionSchema,
  publicExhibitionListSchema,
  publicExhibitionSchema,
  withdrawalSchema,
  withdrawRequestSchema,
} from '@atelier/contracts/exhibition.schema';
import type { RouteDeps } from '../deps';
import { staffWriteChecks } from '../auth/staff-write';
import { creationParams, langQuery, listQuery } from '../creations/schemas';
import { kioskRoutes } from './kiosk';
import { labelRoutes } from './labels';
import { printRoutes } from './prints';
import { mementoRoutes } from './memento';
import { openCallRoutes } from './open-calls';

const staffErrors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const noStore = { 'Cache-Control': 'private, no-store' };
/**
 * Public exhibition pages are revalidated on every use: a withdrawn creation or an exhibition taken offline leaves
 * them at once, in browsers and shared caches alike (README "Caching"). Images and the IIIF Collection may be kept a
 * minute (PUBLIC_SHORT_CACHE).
 */
export const PUBLIC_REVALIDATE = 'public, no-cache';
export const PUBLIC_SHORT_CACHE = 'public, max-age=60, must-revalidate';

/** Exhibitions: staff who curate make them (and withdraw creations); the public reads those on view. */
export const exhibitionsRoutes: FastifyPluginAsync<RouteDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { gallery, staff } = deps;
  const { exhibitions, withdrawals, config } = gallery;
  const curate = staff.require('curate');
  const writeChecks = [curate, ...staffWriteChecks(config.allowedOrigins)];

  // ─── Staff who curate ─────────────────────────────────────────────────────────────────────────────
  app.get(
    '/exhibitions/manage',
    { onRequest: curate, schema: { tags: ['exhibitions'], response: { 200: exhibitionListSchema, 401: errorBodySchema, 403: errorBodySchema } } },
    async (_req, reply) => reply.headers(noStore).send(await exhibitions.list()),
  );

  app.get(
    '/exhibitions/manage/:id',
    { onRequest: curate, schema: { tags: ['exhibitions'], params: exhibitionParams, response: { 200: exhibitionSchema, ...staffErrors } } },
    async (req, reply) => reply.headers(noStore).send(await exhibitions.get(req.params.id)),
  );

  app.post(
    '/exhibitions',
    { onRequest: writeChecks, schema: { tags: ['exhibitions'], body: exhibitionInputSchema, response: { 201: exhibitionSchema, ...staffErrors } } },
    async (req, reply) => reply.status(201).headers(noStore).send(await exhibitions.create(req.body, (await staff.staffOf(req)).id)),
  );

  app.put(
    '/exhibitions/:id',
    {
      onRequest: writeChecks,
      schema: { tags: ['exhibitions'], params: exhibitionParams, body: exhibitionInputSchema, response: { 200: exhibitionSchema, ...staffErrors } },
    },
    async (req, reply) => reply.headers(noStore).send(await exhibitions.update(req.params.id, req.body, (await staff.staffOf(req)).id)),
  );

  // Withdraw: the creation leaves the gallery, every exhibition and kiosk, and its images stop being served.
  app.post(
    '/creations/:id/withdrawal',
    {
      onRequest: writeChecks,
      schema: { tags: ['exhibitions'], params: creationParams, body: withdrawRequestSchema, response: { 200: withdrawalSchema, ...staffErrors } },
    },
    async (req, reply) => reply.headers(noStore).send(await withdrawals.withdraw(req.params.id, (await staff.staffOf(req)).id, req.body.reason)),
  );

  // ─── The public: exhibitions on view ──────────────────────────────────────────────────────────────
  app.get(
    '/exhibitions',
    { schema: { tags: ['exhibitions'], querystring: langQuery, response: { 200: publicExhibitionListSchema, 400: errorBodySchema } } },
    async (req, reply) => reply.header('Cache-Control', PUBLIC_REVALIDATE).send(await exhibitions.listOnView(req.query.lang)),
  );

  app.get(
    '/exhibitions/:id',
    {
      schema: {
        tags: ['exhibitions'],
        params: exhibitionParams,
        querystring: listQuery,
        response: { 200: publicExhibitionSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => reply.header('Cache-Control', PUBLIC_REVALIDATE).send(await exhibitions.publicPage(req.params.id, req.query.page, req.query.lang)),
  );

  // IIIF Presentation 3 Collection of an exhibition on view (readable from any site, as the creations' manifests are).
  app.get(
    '/exhibitions/:id/collection.json',
    { schema: { tags: ['iiif'], params: exhibitionParams } },
    async (req, reply) =>
      reply
        .header('Access-Control-Allow-Origin', '*')
        .header('Cross-Origin-Resource-Policy', 'cross-origin')
        .header('Cache-Control', PUBLIC_SHORT_CACHE)
        .type('application/ld+json; profile="http://iiif.io/api/presentation/3/context.json"')
        .send(JSON.stringify(await exhibitions.iiifCollection(req.params.id))),
  );

  await app.register(kioskRoutes, deps);
  await app.register(mementoRoutes, deps);
  await app.register(labelRoutes, deps);
  await app.register(printRoutes, deps);
  await app.register(openCallRoutes, deps);
};
