import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { originCheck } from '@atelier/common/origin';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { mementoLinkSchema, mementoOpenSchema, mementoSchema } from '@atelier/contracts/exhibition.schema';
import type { RouteDeps } from '../deps';
import { requireJson } from '../auth/require-json';
import { creationParams } from '../creations/schemas';

/**
 * Take-home mementos: the publishing session asks for a private link to its creation (POST /creations/:id/memento,
 * right after publishing); whoever holds the link opens it. The token travels in request bodies only, never in an
 * API URL (request logs keep URLs), and the studio's memento page keeps it in the URL fragment.
 */
export const mementoRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { mementos, visitors, config } = gallery;
  const noStore = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' };

  app.post(
    '/creations/:id/memento',
    {
      onRequest: [originCheck(config.allowedOrigins), requireJson],
      schema: { tags: ['mementos'], params: creationParams, response: { 201: mementoLinkSchema, 403: errorBodySchema, 404: errorBodySchema, 415: errorBodySchema } },
    },
    async (req, reply) => reply.status(201).headers(noStore).send(await mementos.create(req.params.id, visitors.existing(req)?.id ?? null)),
  );

  app.post(
    '/mementos/open',
    { schema: { tags: ['mementos'], body: mementoOpenSchema, response: { 200: mementoSchema, 400: errorBodySchema, 404: errorBodySchema } } },
    async (req, reply) => reply.headers(noStore).send(await mementos.open(req.body.token, req.body.lang ?? 'en')),
  );

  // The full PNG as published (with its content credentials), as a download named after the creation.
  app.post(
    '/mementos/image',
    { schema: { tags: ['mementos'], body: mementoOpenSchema } },
    async (req, reply) => {
      const { bytes, title } = await mementos.image(req.body.token);
      const name = `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'creation'}.png`;
      return reply
        .headers(noStore)
        .header('Content-Disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .type('image/png')
        .send(bytes);
    },
  );
};
