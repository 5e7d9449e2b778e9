import type { FastifyPluginAsync } from 'fastify';
import type { GalleryDeps } from '../../app';

// TODO(issue 2): works routes.
export const worksRoutes: FastifyPluginAsync<GalleryDeps> = async () => {};
