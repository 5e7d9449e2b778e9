import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { createStaffRequestSchema, staffAccountSchema, staffListSchema, updateStaffRequestSchema, USERNAME_PATTERN } from '@atelier/contracts/staff.schema';
import type { RouteDeps } from '../deps';
import { staffWriteChecks } from '../auth/staff-write';

const usernameParams = z.object({ username: z.string().regex(USERNAME_PATTERN) });

/** The admin's staff page: accounts and roles (the CLI `npm run staff` does the same on the machine). */
export const staffRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { staffAdmin, config } = gallery;
  const write = staffWriteChecks(config.allowedOrigins);

  app.addHook('onRequest', staff.require('manageStaff'));
  app.addHook('onSend', async (_req, reply) => {
    reply.header('Cache-Control', 'private, no-store');
  });

  app.get(
    '/staff',
    { schema: { tags: ['staff'], response: { 200: staffListSchema, 401: errorBodySchema, 403: errorBodySchema } } },
    async () => ({ accounts: await staffAdmin.list() }),
  );

  app.post(
    '/staff',
    {
      onRequest: write,
      schema: {
        tags: ['staff'],
        body: createStaffRequestSchema,
        response: { 201: staffAccountSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await staffAdmin.create(await staff.staffOf(req), req.body)),
  );

  app.patch(
    '/staff/:username',
    {
      onRequest: write,
      schema: {
        tags: ['staff'],
        params: usernameParams,
        body: updateStaffRequestSchema,
        response: { 200: staffAccountSchema, 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema },
      },
    },
    async (req) => staffAdmin.update(await staff.staffOf(req), req.params.username, req.body),
  );
};
