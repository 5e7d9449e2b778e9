import type { FastifyPluginAsync } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '@atelier/common/errors';
import type { GalleryDeps } from '../../app';
import { requireJson } from './require-json';
import { SESSION_COOKIE, createStaffAuth, staffOf } from './require-staff';

export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
const staffSchema = z.object({ username: z.string(), role: z.enum(['moderator', 'admin']) });
const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1024) });

/** Staff login with a session cookie. Visitors never log in. */
export const authRoutes: FastifyPluginAsync<GalleryDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { auth, requireStaff } = createStaffAuth(deps);

  // Registered here, not globally: only the login is rate-limited (per IP, behind the proxy's X-Forwarded-For).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new HttpError(429, 'too_many_requests', `Too many login attempts; try again in ${ctx.after}.`),
  });

  app.post(
    '/auth/login',
    {
      onRequest: [requireJson],
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: loginBody, response: { 200: staffSchema, 401: errorSchema } },
    },
    async (req, reply) => {
      const { token, expiresAt, staff } = await auth.login(req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: deps.config.cookieSecure || req.protocol === 'https',
        expires: expiresAt,
      });
      return { username: staff.username, role: staff.role };
    },
  );

  app.post('/auth/logout', { onRequest: [requireJson], schema: { tags: ['auth'] } }, async (req, reply) => {
    await auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
    return reply.status(204).send();
  });

  app.get(
    '/auth/me',
    { onRequest: [requireStaff], schema: { tags: ['auth'], response: { 200: staffSchema, 401: errorSchema } } },
    async (req) => {
      const staff = await staffOf(req);
      return { username: staff.username, role: staff.role };
    },
  );
};
