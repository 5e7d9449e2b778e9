import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpError, badRequest } from './errors';

/**
 * Reads a form of one file and one `meta` field (JSON, parsed with `schema`), buffered up to the multipart
 * plugin's limits, and checks it before a service writes anything: 415 not multipart, 400 `unexpected_file`,
 * `missing_<file>`, `missing_meta`, `invalid_meta`, `validation_failed` (the issues as details), 413
 * `meta_too_large` when the field arrived cut short at the plugin's field limit.
 */
export async function readMetaForm<T>(request: FastifyRequest, form: { file: string; schema: z.ZodType<T> }): Promise<{ meta: T; file: Buffer }> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', `Send multipart/form-data with a \`${form.file}\` file and a \`meta\` field.`);
  const { file, rawMeta } = await readParts(request, form.file);
  if (rawMeta === undefined) throw badRequest('missing_meta', 'The `meta` field is missing.');
  let json: unknown;
  try {
    json = JSON.parse(rawMeta);
  } catch {
    throw badRequest('invalid_meta', 'The `meta` field is not valid JSON.');
  }
  const parsed = form.schema.safeParse(json);
  if (!parsed.success)
    throw badRequest('validation_failed', parsed.error.issues.map((i) => `${i.path.join('.') || 'meta'}: ${i.message}`).join('; '), parsed.error.issues);
  return { meta: parsed.data, file };
}

/** A form of one file and nothing else that is read (other fields are ignored); the same 4xx answers as readMetaForm. */
export async function readFileForm(request: FastifyRequest, field: string): Promise<Buffer> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', `Send multipart/form-data with a \`${field}\` file.`);
  return (await readParts(request, field)).file;
}

async function readParts(request: FastifyRequest, field: string): Promise<{ file: Buffer; rawMeta: string | undefined }> {
  const form = { file: field };
  let file: Buffer | undefined;
  let rawMeta: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer(); // drains the stream either way (a 413 past the file size limit)
        if (part.fieldname !== form.file || file) throw badRequest('unexpected_file', `Unexpected file field \`${part.fieldname}\`.`);
        file = bytes;
      } else if (part.fieldname === 'meta') {
        // Over the multipart field limit the value arrives cut short; say so rather than "invalid JSON".
        if (part.valueTruncated) throw new HttpError(413, 'meta_too_large', 'The `meta` field is larger than allowed.');
        rawMeta = String(part.value);
      }
    }
  } catch (err) {
    // The parser's own failures (no boundary, a cut-off body, a broken part header) are the client's: a 400, not a 500.
    const status = (err as { statusCode?: unknown }).statusCode;
    if (err instanceof HttpError || (typeof status === 'number' && status < 500)) throw err;
    throw badRequest('malformed_form', 'The upload could not be read as a form; please send it again.');
  }
  if (!file) throw badRequest(`missing_${form.file}`, `The \`${form.file}\` file is missing.`);
  return { file, rawMeta };
}
