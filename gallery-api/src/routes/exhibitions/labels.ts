import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exhibitionParams } from '@atelier/contracts/exhibition.schema';
import type { RouteDeps } from '../deps';
import { creationParams, langQuery } from '../creations/schemas';

/** Printable wall labels as PDF, for staff who curate: per approved creation, and per exhibition (a page each). */
export const labelRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { labels } = gallery;
  const curate = staff.require('curate');

  app.get(
    '/creations/:id/label.pdf',
    { onRequest: curate, schema: { tags: ['exhibitions'], params: creationParams, querystring: langQuery } },
    async (req, reply) => sendPdf(reply, await labels.creationLabel(req.params.id, req.query.lang)),
  );
  app.get(
    '/exhibitions/:id/labels.pdf',
    { onRequest: curate, schema: { tags: ['exhibitions'], params: exhibitionParams, querystring: langQuery } },
    async (req, reply) => sendPdf(reply, await labels.exhibitionLabels(req.params.id, req.query.lang)),
  );
};

function sendPdf(reply: FastifyReply, { pdf, title }: { pdf: Buffer; title: string }) {
  const name = `${title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'label'}.pdf`;
  return reply
    .header('Cache-Control', 'private, no-store')
    .header('Content-Disposition', `inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .type('application/pdf')
    .send(pdf);
}
