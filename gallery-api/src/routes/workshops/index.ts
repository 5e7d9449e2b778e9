import type { FastifyPluginAsync } from 'fastify';
import type { RouteDeps } from '../deps';

/** The workshops' routes (staff with `staff.require(...)`, and the public ones). */
export const workshopsRoutes: FastifyPluginAsync<RouteDeps> = async () => {};
