import type { FastifyPluginAsync } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '@atelier/common/errors';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { loginRequestSchema, staffSchema } from '@atelier/contracts/staff.schema';
import type { RouteDeps } from '../deps';
import { staffWriteChecks } from './staff-write';
import { SESSION_COOKIE } from './require-staff';

export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

/** Staff login with a session cookie. Visitors never log in. */
export const authRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { auth, config } = gallery;
  const staffWrite = staffWriteChecks(config.allowedOrigins);

  // Registered here, not globally: only the login is rate-limited (per IP, behind the proxy's X-Forwarded-For).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new HttpError(429, 'too_many_requests', `Too many login attempts; try again in ${ctx.after}.`),
  });

  app.post(
    '/auth/login',
    {
      onRequest: staffWrite,
      config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: staffSchema, 401: errorBodySchema } },
    },
    async (req, reply) => {
      const { token, expiresAt, staff: member } = await auth.login(req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: config.cookieSecure || req.protocol === 'https',
        expires: expiresAt,
      });
      return { username: member.username, role: member.role };
    },
  );

  app.post('/auth/logout', { onRequest: staffWrite, schema: { tags: ['auth'] } }, async (req, reply) => {
    await auth.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.cookieSecure || req.protocol === 'https' });
    return reply.status(204).send();
  });

  app.get(
    '/auth/me',
    { onRequest: [staff.requireStaff], schema: { tags: ['auth'], response: { 200: staffSchema, 401: errorBodySchema } } },
    async (req) => {
      const member = await staff.staffOf(req);
      return { username: member.username, role: member.role };
    },
  );
};
