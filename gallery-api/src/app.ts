import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { installServiceContract } from '@atelier/common';
import type { Gallery } from './composition';
import { classifyDatabaseError } from './db/errors';
import { authRoutes } from './routes/auth';
import { createStaffAuth } from './routes/auth/require-staff';
import { creationsRoutes } from './routes/creations';
import { draftsRoutes } from './routes/drafts';
import type { RouteDeps } from './routes/deps';
import { healthRoutes } from './routes/health';
import { moderationRoutes } from './routes/moderation';
import { staffRoutes } from './routes/staff';
import { exhibitionsRoutes } from './routes/exhibitions';
import { workshopsRoutes } from './routes/workshops';
import { verifyRoutes } from './routes/verify';
import { worksRoutes } from './routes/works';

/** What the app is given: the services built once by the composition root (composition.ts). */
export type GalleryDeps = Gallery;

export const MAX_PUBLISH_BYTES = 20 * 1024 * 1024;

/** The gallery as a fastify plugin: it never listens (server.ts does), so tests use `app.inject()`. */
export const galleryApp: FastifyPluginAsync<GalleryDeps> = async (app: FastifyInstance, gallery) => {
  await app.register(cookie);
  await installServiceContract(app, {
    title: 'Open Atelier gallery-api',
    description: 'Collection works, visitor creations with provenance, moderation and staff sessions.',
    version: '0.1.0',
    prefix: '/api/gallery',
    // A database that cannot be reached (restarting, down) is a 503 in the one error shape, never a 500.
    classifyError: classifyDatabaseError,
  });
  await app.register(multipart, { limits: { fileSize: MAX_PUBLISH_BYTES, files: 1, fields: 4, fieldSize: 4 * 1024 * 1024 } });
  const deps: RouteDeps = { gallery, staff: createStaffAuth(gallery.auth) };
  // The change notices' listening connection to Postgres ends with the app (opened by the first kiosk or workshop stream).
  app.addHook('onClose', async () => gallery.notices.close());
  await app.register(
    async (api) => {
      await api.register(healthRoutes, deps);
      await api.register(worksRoutes, deps);
      await api.register(creationsRoutes, deps);
      await api.register(draftsRoutes, deps);
      await api.register(authRoutes, deps);
      await api.register(moderationRoutes, deps);
      await api.register(verifyRoutes, deps);
      await api.register(staffRoutes, deps);
      await api.register(workshopsRoutes, deps);
      await api.register(exhibitionsRoutes, deps);
    },
    { prefix: '/api/gallery' },
  );
};
