import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '@atelier/common/errors';
import { assertStorageRoom } from '@atelier/common/storage-room';
import { readMetaForm } from '@atelier/common/multipart-form';
import {
  creationDetailSchema,
  creationListSchema,
  type CreationList,
  myCreationListSchema,
  publishPreviewRequestSchema,
  publishPreviewSchema,
  publishRequestSchema,
} from '@atelier/contracts/creation.schema';
import { remixStartSchema } from '@atelier/contracts/draft.schema';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { pseudonymSchema } from '@atelier/contracts/workshop.schema';
import type { RouteDeps } from '../deps';
import { draftSaveLimit } from '../drafts';
import { RENDITIONS, type Rendition } from '../../services/creation';
import { creationParams, imageParams, langQuery, listQuery, publishFormSchema } from './schemas';

/** The window of the publish limits (README "Limits"). */
export const PUBLISH_WINDOW_MS = 10 * 60_000;

/** Visitors publish creations; everyone sees approved ones; staff see every status. */
export const creationsRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { publisher, creations, view, config, visitors, limiter, repositories, remixThis } = gallery;
  // Staff see every creation; a visitor also sees their own in every status (found by their session's keyed hash).
  const viewerOf = async (req: FastifyRequest) => creations.viewer((await staff.currentStaff(req)) !== null, visitors.existing(req)?.id);
  // JSON-LD needs absolute URLs: always the configured public base, never the request's Host or forwarded headers.
  const baseUrlOf = () => config.publicUrl;

  app.post(
    '/creations/preview',
    {
      schema: {
        tags: ['creations'],
        body: publishPreviewRequestSchema,
        response: { 200: publishPreviewSchema, 400: errorBodySchema, 422: errorBodySchema },
      },
    },
    async (req) => publisher.preview(req.body.workIds, req.body.lang ?? 'en'),
  );

  // Anonymous uploads of up to 20 MB each, into a queue a person reads: per visitor session and per client address
  // (a school class shares one address behind its NAT), besides the pending-per-session cap (PublishService).
  const publishLimit = limiter.hook(
    {
      name: 'publish',
      perSession: { max: config.limits.publishPerSession, windowMs: PUBLISH_WINDOW_MS },
      perAddress: { max: config.limits.publishPerAddress, windowMs: PUBLISH_WINDOW_MS },
      message: 'Too many creations published in a short time; wait a few minutes and try again.',
    },
    (req, reply) => visitors.of(req, reply),
  );

  app.post(
    '/creations',
    {
      schema: {
        tags: ['creations'],
        consumes: ['multipart/form-data'],
        body: publishFormSchema,
        response: {
          200: creationDetailSchema,
          201: creationDetailSchema,
          400: errorBodySchema,
          409: errorBodySchema,
          422: errorBodySchema,
          429: errorBodySchema,
          503: errorBodySchema,
          507: errorBodySchema,
        },
      },
      // The body schema documents the form; readMetaForm reads and checks the parts (fastify sees no body).
      attachValidation: true,
      // Before the upload is read; the visitor's session is minted here when it has none yet. A storage below its
      // minimum refuses the upload at once (507 storage_full) rather than after 20 MB were sent.
      onRequest: [publishLimit, async () => assertStorageRoom(repositories.storage, config.storageMinFreeBytes)],
    },
    async (req, reply) => {
      // The multipart form (`image` PNG + `meta` PublishRequest) is read and checked before the service writes anything.
      const { meta, file } = await readMetaForm(req, { file: 'image', schema: publishRequestSchema });
      // Bound to the visitor's session; its remixes are read from inference-service with the visitor's own cookie.
      const { created, creation } = await publisher.publish(meta, file, visitors.of(req, reply));
      // As published: in English, the language the record keeps (GET /creations/:id?lang= answers any other).
      return reply.status(created ? 201 : 200).send(view.detail(creation, 'en', baseUrlOf()));
    },
  );

  // The gallery's hottest page: written as JSON text from the view's cards, each kept while its record is unchanged
  // (services/creation-cards.ts, issue 16 item 7); the schema documents it, and creations.routes' tests parse the answer
  // with the contract.
  app.get(
    '/creations',
    { schema: { tags: ['creations'], querystring: listQuery, response: { 200: creationListSchema, 400: errorBodySchema } } },
    async (req, reply) => {
      const json = await creations.listApprovedJson(req.query.page, req.query.lang);
      // A JSON text with this type is sent as it is: the type provider types the payload as the schema's object.
      return reply.type('application/json; charset=utf-8').send(json as unknown as CreationList);
    },
  );

  // "My creations": the request's own visitor session, in every status (never minted: without one there are none).
  app.get(
    '/creations/mine',
    { schema: { tags: ['creations'], querystring: listQuery, response: { 200: myCreationListSchema, 400: errorBodySchema } } },
    async (req, reply) => {
      reply.header('Cache-Control', 'private, no-store');
      return creations.listOfVisitor(visitors.existing(req)?.id ?? null, req.query.page, req.query.lang);
    },
  );

  // The publish panel's "You publish as Blue Heron 12": the name this session's creations carry. Minted here when the
  // session has none yet, so the name shown is the one the publish that follows stores.
  app.get(
    '/creations/maker',
    { schema: { tags: ['creations'], response: { 200: pseudonymSchema } } },
    async (req, reply) => {
      reply.header('Cache-Control', 'private, no-store');
      return gallery.makerOf(visitors.of(req, reply).id);
    },
  );

  app.get(
    '/creations/:id',
    {
      schema: {
        tags: ['creations'],
        params: creationParams,
        querystring: langQuery,
        response: { 200: creationDetailSchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      const creation = await creations.detail(req.params.id, await viewerOf(req), req.query.lang, baseUrlOf());
      if (creation.status !== 'approved') reply.header('Cache-Control', 'private, no-store');
      return creation;
    },
  );

  app.get('/creations/:id/provenance.jsonld', { schema: { tags: ['creations'], params: creationParams } }, async (req, reply) => {
    const { status, jsonLd } = await creations.detail(req.params.id, await viewerOf(req), 'en', baseUrlOf());
    reply.header('Cache-Control', status === 'approved' ? 'public, max-age=300' : 'private, no-store');
    return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(jsonLd));
  });

  // "Remix this": the creation's works as a draft the studio opens (its resume path); it counts as saving a draft.
  const remixLimit = draftSaveLimit(gallery);
  app.post(
    '/creations/:id/remix',
    {
      schema: {
        tags: ['creations'],
        params: creationParams,
        response: { 201: remixStartSchema, 404: errorBodySchema, 409: errorBodySchema, 429: errorBodySchema, 507: errorBodySchema },
      },
      onRequest: [remixLimit, async () => assertStorageRoom(repositories.storage, config.storageMinFreeBytes)],
    },
    async (req, reply) => reply.status(201).send(await remixThis.start(req.params.id)),
  );

  // IIIF Presentation 3 (approved creations only): public, so any viewer (Mirador, Universal Viewer) may read it.
  const iiif = { baseUrl: config.publicUrl, studioName: config.studioName };
  app.get('/creations/:id/manifest.json', { schema: { tags: ['iiif'], params: creationParams } }, async (req, reply) =>
    sendIiif(reply, await creations.manifest(req.params.id, iiif)),
  );
  app.get('/iiif/collection.json', { schema: { tags: ['iiif'] } }, async (_req, reply) => sendIiif(reply, await creations.galleryCollection(iiif)));

  app.get('/creations/:id/image/:rendition', { schema: { tags: ['creations'], params: imageParams } }, async (req, reply) => {
    const rendition = req.params.rendition as Rendition;
    if (!RENDITIONS.includes(rendition)) throw notFound('unknown_rendition', 'Renditions are thumb, working and full.');
    const { bytes, contentType, creation } = await creations.image(req.params.id, rendition, await viewerOf(req));
    const etag = `"${creation.imageSha256.slice(0, 32)}-${rendition}"`;
    // Image bytes never change for an id, but a pending image must not sit in shared caches, and an approved one may
    // be withdrawn (issue 12): caches keep it a minute, then ask again (a cheap 304 by ETag, or the 404 of a withdrawal).
    reply
      .header('Cache-Control', creation.status === 'approved' ? 'public, max-age=60, must-revalidate' : 'private, no-store')
      .header('ETag', etag);
    // An approved image is public: a IIIF viewer on another site may show it.
    if (creation.status === 'approved') reply.header('Access-Control-Allow-Origin', '*').header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type(contentType).send(bytes);
  });
};

/** A IIIF resource as the Presentation 3 spec asks: its JSON-LD media type with the profile, readable from any site. */
function sendIiif(reply: FastifyReply, body: unknown) {
  return reply
    .header('Access-Control-Allow-Origin', '*')
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('Cache-Control', 'public, max-age=300')
    .type('application/ld+json; profile="http://iiif.io/api/presentation/3/context.json"')
    .send(JSON.stringify(body));
}
