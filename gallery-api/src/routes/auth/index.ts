import type { FastifyPluginAsync } from 'fastify';
import type { GalleryDeps } from '../../app';

// TODO(issue 2): auth routes.
export const authRoutes: FastifyPluginAsync<GalleryDeps> = async () => {};
