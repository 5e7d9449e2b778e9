import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * Publishes the service's contract as OpenAPI 3, generated from the zod schemas its routes already
 * validate with, at `<prefix>/openapi.json`. studio-web's API types are generated from these documents.
 * Register before the routes: the document is built from the routes added after it.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  opts: { title: string; description: string; version: string; prefix: string },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: opts.title, description: opts.description, version: opts.version },
      components: { securitySchemes: { staffSession: { type: 'apiKey', in: 'cookie', name: 'atelier_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  app.get(`${opts.prefix}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
}
