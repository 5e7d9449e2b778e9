import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { printSizeSchema } from '@atelier/contracts/print.schema';
import type { RouteDeps } from '../deps';
import { creationParams, langQuery } from '../creations/schemas';

const printQuery = langQuery.extend({ size: printSizeSchema.default('a3-150') });

/**
 * GET /creations/:id/print.png?size=a3-150 (staff who curate): a print-ready image of an approved creation, upscaled
 * by inference-service's ESRGAN to the paper's size, its credit line in the PNG's text. Downloaded as a file.
 */
export const printRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { prints } = gallery;
  app.get(
    '/creations/:id/print.png',
    { onRequest: staff.require('curate'), schema: { tags: ['exhibitions'], params: creationParams, querystring: printQuery } },
    async (req, reply) => {
      const { png, filename } = await prints.print(req.params.id, req.query.size, req.query.lang);
      return reply
        .header('Cache-Control', 'private, no-store')
        .header('Content-Disposition', `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .type('image/png')
        .send(png);
    },
  );
};
