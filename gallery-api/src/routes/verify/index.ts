import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readFileForm } from '@atelier/common/multipart-form';
import { verifyResultSchema } from '@atelier/contracts/creation.schema';
import { errorBodySchema } from '@atelier/contracts/error.schema';
import type { RouteDeps } from '../deps';

const VERIFY_WINDOW_MS = 10 * 60_000;
const binary = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** "Check an image": anyone may upload a file and hear what its content credentials say; nothing of it is kept. */
export const verifyRoutes: FastifyPluginAsync<RouteDeps> = async (plain, { gallery }) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { verifier, limiter, config } = gallery;
  // Reading a manifest costs CPU: bounded per client address (no session is minted for a check).
  const verifyLimit = limiter.hook(
    {
      name: 'verify',
      perAddress: { max: config.limits.verifyPerAddress, windowMs: VERIFY_WINDOW_MS },
      message: 'Too many images checked in a short time; wait a few minutes and try again.',
    },
    () => null,
  );
  app.post(
    '/verify',
    {
      schema: {
        tags: ['creations'],
        consumes: ['multipart/form-data'],
        body: z.object({ image: binary.describe('A PNG, JPEG or WebP of at most 20 MB.') }),
        response: { 200: verifyResultSchema, 400: errorBodySchema, 413: errorBodySchema, 415: errorBodySchema, 429: errorBodySchema },
      },
      attachValidation: true,
      onRequest: [verifyLimit],
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return verifier.verify(await readFileForm(req, 'image'));
    },
  );
};
