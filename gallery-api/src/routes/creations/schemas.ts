import { z } from 'zod';
import { langSchema, publishRequestSchema } from '@atelier/contracts/creation.schema';
import { text } from '@atelier/contracts/text.schema';

/** The creations routes' query strings and path parameters; every body and answer is a contracts schema. */

/** `?lang=en|nl`: the language of the credit texts; English by default. */
export const langQuery = z.object({ lang: langSchema.default('en') });
export const listQuery = langQuery.extend({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
// Unknown ids and renditions are answered 404 by the service, not 400.
export const creationParams = z.object({ id: text().max(100) });
export const imageParams = z.object({ id: text().max(100), rendition: text().max(40) });

/** Bytes as they are, published as a binary string. */
const binary = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/**
 * POST /creations as published: multipart/form-data with `meta` (JSON) and `image`. The route reads the parts itself
 * (common's `readMetaForm`) and parses `meta` with contracts' `publishRequestSchema`; this documents the form.
 */
export const publishFormSchema = z.object({
  meta: publishRequestSchema.describe('The publish request, as JSON text.'),
  image: binary.describe('The flattened creation: a PNG, at most 20 MB.'),
});
