import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler, type ErrorClassifier } from './fastify-errors';
import { API_CSP, installSecurityHeaders } from './security-headers';

export interface ServiceContract {
  title: string;
  description: string;
  version: string;
  /** The service's path prefix, e.g. `/api/gallery`; the document is served at `<prefix>/openapi.json`. */
  prefix: string;
  /** Failures the service answers in the one error shape beyond HttpError (fastify-errors.ts). */
  classifyError?: ErrorClassifier;
}

/**
 * What every service's app does first: security headers on every answer (an API's CSP forbids everything),
 * requests validated and answers serialised through the contracts' zod schemas, the one error body, and the
 * OpenAPI document built from the same schemas. Call before the routes.
 */
export async function installServiceContract(app: FastifyInstance, contract: ServiceContract): Promise<void> {
  await installSecurityHeaders(app, API_CSP);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, contract.classifyError);
  await registerOpenApi(app, contract);
}

/**
 * Publishes the service's contract as OpenAPI 3, generated from the zod schemas its routes already
 * validate with, at `<prefix>/openapi.json`, for integrators (`npm run openapi` writes them to files).
 * Register before the routes: the document is built from the routes added after it.
 */
async function registerOpenApi(app: FastifyInstance, opts: ServiceContract): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: opts.title, description: opts.description, version: opts.version },
      components: { securitySchemes: { staffSession: { type: 'apiKey', in: 'cookie', name: 'atelier_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  app.get(`${opts.prefix}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
}
