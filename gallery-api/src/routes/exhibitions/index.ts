import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps';

/** The exhibitions' routes (staff with `staff.require(...)`, and the public ones). */
export const exhibitionsRoutes: FastifyPluginAsync<RouteDeps> = async () => {};
