import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originCheck } from '@atelier/common/origin';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import {
  juryListSchema,
  openCallInputSchema,
  openCallListSchema,
  openCallPageSchema,
  openCallPhaseRequestSchema,
  openCallSchema,
  openCallScoreSchema,
  openCallShortlistSchema,
  openCallSubmitSchema,
  openCallVoteSchema,
} from '@atelier/contracts/open-call.schema';
import type { RouteDeps } from '../deps';
import { requireJson } from '../auth/require-json';
import { staffWriteChecks } from '../auth/staff-write';
import { langQuery } from '../creations/schemas';

const callParams = z.object({ id: z.string().max(100) });
const scoreParams = z.object({ id: z.string().max(100), creationId: z.string().max(100) });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const noStore = { 'Cache-Control': 'private, no-store' };
/** Public votes: per visitor session and per address, in a 10-minute window (one counts per call; this stops scripts). */
export const VOTE_LIMIT = { perSession: 20, perAddress: 200, windowMs: 10 * 60_000 };

/** Open calls: staff who curate run them, jurors (`judge`) score and shortlist, visitors submit and vote. */
export const openCallRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { openCalls, visitors, limiter, config } = gallery;
  const curate = staff.require('curate');
  const judge = staff.require('judge');
  const writes = staffWriteChecks(config.allowedOrigins);
  const staffId = async (req: Parameters<typeof staff.staffOf>[0]) => (await staff.staffOf(req)).id;

  app.post(
    '/open-calls',
    { onRequest: [curate, ...writes], schema: { tags: ['open calls'], body: openCallInputSchema, response: { 201: openCallSchema, ...errors } } },
    async (req, reply) => reply.status(201).headers(noStore).send(await openCalls.create(req.body, await staffId(req))),
  );
  app.post(
    '/open-calls/:id/phase',
    { onRequest: [curate, ...writes], schema: { tags: ['open calls'], params: callParams, body: openCallPhaseRequestSchema, response: { 200: openCallSchema, ...errors } } },
    async (req, reply) => reply.headers(noStore).send(await openCalls.setPhase(req.params.id, req.body.phase, await staffId(req))),
  );

  // Jurors score and shortlist; staff who curate may read the scores too.
  const juryOrCurator = async (req: Parameters<typeof judge>[0]) => {
    try {
      await judge(req);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 403) throw err;
      await curate(req);
    }
  };
  app.get(
    '/open-calls/:id/jury',
    { onRequest: juryOrCurator, schema: { tags: ['open calls'], params: callParams, response: { 200: juryListSchema, ...errors } } },
    async (req, reply) => reply.headers(noStore).send(await openCalls.juryList(req.params.id, await staffId(req))),
  );
  app.put(
    '/open-calls/:id/jury/:creationId',
    { onRequest: [judge, ...writes], schema: { tags: ['open calls'], params: scoreParams, body: openCallScoreSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await openCalls.score(req.params.id, req.params.creationId, await staffId(req), req.body);
      return reply.status(204).headers(noStore).send(null);
    },
  );
  app.post(
    '/open-calls/:id/shortlist',
    { onRequest: [judge, ...writes], schema: { tags: ['open calls'], params: callParams, body: openCallShortlistSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await openCalls.shortlist(req.params.id, req.body.creationIds, await staffId(req));
      return reply.status(204).headers(noStore).send(null);
    },
  );

  // The public and visitors.
  app.get('/open-calls', { schema: { tags: ['open calls'], querystring: langQuery, response: { 200: openCallListSchema, 400: errorBodySchema } } }, async (req, reply) =>
    reply.header('Cache-Control', 'public, no-cache').send(await openCalls.list(req.query.lang)),
  );
  app.get(
    '/open-calls/:id',
    { schema: { tags: ['open calls'], params: callParams, querystring: langQuery, response: { 200: openCallPageSchema, 400: errorBodySchema, 404: errorBodySchema } } },
    async (req, reply) => reply.headers(noStore).send(await openCalls.page(req.params.id, req.query.lang, visitors.existing(req)?.id ?? null)),
  );
  app.post(
    '/open-calls/:id/submissions',
    {
      onRequest: [originCheck(config.allowedOrigins), requireJson],
      schema: { tags: ['open calls'], params: callParams, body: openCallSubmitSchema, response: { 200: z.object({ submitted: z.boolean() }), ...errors } },
    },
    async (req, reply) =>
      reply.headers(noStore).send(await openCalls.submit(req.params.id, req.body.creationId, req.body.category, visitors.existing(req)?.id ?? null)),
  );
  const voteLimit = limiter.hook(
    {
      name: 'open-call-vote',
      perSession: { max: VOTE_LIMIT.perSession, windowMs: VOTE_LIMIT.windowMs },
      perAddress: { max: VOTE_LIMIT.perAddress, windowMs: VOTE_LIMIT.windowMs },
      message: 'Too many votes in a short time; wait a few minutes and try again.',
    },
    (req, reply) => visitors.of(req, reply),
  );
  app.post(
    '/open-calls/:id/votes',
    {
      onRequest: [originCheck(config.allowedOrigins), requireJson, voteLimit],
      schema: { tags: ['open calls'], params: callParams, body: openCallVoteSchema, response: { 200: z.object({ votedFor: z.string() }), 429: errorBodySchema, ...errors } },
    },
    async (req, reply) => reply.headers(noStore).send(await openCalls.vote(req.params.id, req.body.creationId, visitors.of(req, reply).id)),
  );
};
