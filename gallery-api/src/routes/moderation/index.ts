import type { FastifyPluginAsync } from 'fastify';
import type { GalleryDeps } from '../../app';

// TODO(issue 2): moderation routes.
export const moderationRoutes: FastifyPluginAsync<GalleryDeps> = async () => {};
