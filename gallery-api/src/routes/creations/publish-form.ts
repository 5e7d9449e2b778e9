import type { FastifyRequest } from 'fastify';
import { HttpError, badRequest } from '@atelier/common/errors';
import type { PublishRequest } from '../../services/creation';
import { publishRequestSchema } from './schemas';

/**
 * Reads the publish form: one file `image` and one field `meta` (JSON PublishRequest). Everything is buffered
 * (the size limit is the multipart plugin's) and checked before the service writes anything.
 */
export async function readPublishForm(request: FastifyRequest): Promise<{ meta: PublishRequest; image: Buffer }> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'Send multipart/form-data with `image` and `meta`.');
  let image: Buffer | null = null;
  let rawMeta: string | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer(); // drains the stream either way, so the request can finish
      if (part.fieldname !== 'image' || image) throw badRequest('unexpected_file', `Unexpected file field \`${part.fieldname}\`.`);
      image = bytes;
    } else if (part.fieldname === 'meta' && typeof part.value === 'string') {
      // Over the multipart field limit the value arrives cut short; say so rather than "invalid JSON".
      if (part.valueTruncated) throw new HttpError(413, 'meta_too_large', 'The `meta` field is larger than allowed.');
      rawMeta = part.value;
    }
  }
  if (rawMeta === null) throw badRequest('missing_meta', 'The form needs a `meta` field with the publish request.');
  if (!image) throw badRequest('missing_image', 'The form needs an `image` file.');

  let json: unknown;
  try {
    json = JSON.parse(rawMeta);
  } catch {
    throw badRequest('invalid_meta', '`meta` is not valid JSON.');
  }
  const parsed = publishRequestSchema.safeParse(json);
  if (!parsed.success)
    throw badRequest(
      'validation_failed',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'meta'}: ${i.message}`).join('; '),
      parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    );
  return { meta: parsed.data, image };
}
