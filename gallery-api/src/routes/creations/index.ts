import type { FastifyPluginAsync } from 'fastify';
import type { GalleryDeps } from '../../app';

// TODO(issue 2): creations routes.
export const creationsRoutes: FastifyPluginAsync<GalleryDeps> = async () => {};
