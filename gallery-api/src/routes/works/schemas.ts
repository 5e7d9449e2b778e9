import { z } from 'zod';
import { langSchema } from '@atelier/contracts/creation.schema';
import { text, workIdSchema } from '@atelier/contracts/text.schema';
import { licenceFamilySchema } from '@atelier/contracts/work.schema';

/**
 * The works routes' query strings and path parameters: server-side parsing of strings the studio builds with
 * `URLSearchParams`. Every body and answer is a contracts schema (contracts/README.md, debts).
 */

export const MAX_PAGE_SIZE = 60;
export const DEFAULT_PAGE_SIZE = 24;

const workId = workIdSchema;

/** `?lang=en|nl`: the language of titles, descriptions and credit lines; English by default. */
export const langQuery = z.object({ lang: langSchema.default('en') });

const year = z.coerce.number().int().min(-10_000).max(3000);
/** `?licence=cc0,by` and `?licence=cc0&licence=by` both work; institution names contain commas, so only repeats. */
const list = <T extends string>(item: z.ZodType<T, string>, splitCommas: boolean) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => (splitCommas ? s.split(',') : [s])).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

export const listQuery = langQuery
  .extend({
    q: text().max(200).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    institution: list(text().max(500), false).optional(),
    licence: list(licenceFamilySchema, true).optional(),
    from: year.optional(),
    to: year.optional(),
    iiif: z.enum(['true', 'false']).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] })
  .transform(({ institution, licence, iiif, ...rest }) => ({
    ...rest,
    ...(institution?.length ? { institutions: institution } : {}),
    ...(licence?.length ? { families: licence } : {}),
    ...(iiif ? { iiif: iiif === 'true' } : {}),
  }));

export const MAX_REGION_SIZE = 1024;
const pixel = z.coerce.number().int().min(0).max(100_000);
export const regionQuery = z.object({
  x: pixel,
  y: pixel,
  w: pixel.min(1),
  h: pixel.min(1),
  size: z.coerce.number().int().min(16).max(MAX_REGION_SIZE).default(MAX_REGION_SIZE),
});

export const workParams = z.object({ id: workId });
// The rendition is checked by the service so an unknown one is a 404 (no such resource), not a 400.
export const imageParams = z.object({ id: workId, rendition: text().max(40) });
