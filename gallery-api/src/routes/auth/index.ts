import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import { loginRequestSchema, staffSchema } from '@atelier/contracts/staff.schema';
import type { RouteDeps } from '../deps';
import { staffWriteChecks } from './staff-write';
import { SESSION_COOKIE } from './require-staff';

/** Staff login with a session cookie. Visitors never log in. */
export const authRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery, staff }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { auth, config } = gallery;
  const staffWrite = staffWriteChecks(config.allowedOrigins);

  // Per client address (behind the studio proxy, which sets it from its socket), so one client cannot use up the
  // logins of every staff member; failed logins also back off per account and client (services/login-backoff.ts).
  const loginLimit = gallery.limiter.hook(
    { name: 'login', perAddress: { max: config.limits.loginPerAddress, windowMs: 60_000 }, message: 'Too many login attempts; try again in a minute.' },
    () => null,
  );

  app.post(
    '/auth/login',
    {
      onRequest: [loginLimit, ...staffWrite],
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: staffSchema, 401: errorBodySchema, 429: errorBodySchema } },
    },
    async (req, reply) => {
      const { token, expiresAt, staff: member } = await auth.login(req.body.username, req.body.password, { address: req.ip });
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
