import { z } from 'zod';

export const MAX_PAGE_SIZE = 60;
export const DEFAULT_PAGE_SIZE = 24;
export const MAX_CHECK_IDS = 50;

const workId = z.string().min(1).max(200);

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const year = z.coerce.number().int().min(-10_000).max(3000);
/** `?licence=cc0,by` and `?licence=cc0&licence=by` both work; institution names contain commas, so only repeats. */
const list = <T extends string>(item: z.ZodType<T, string>, splitCommas: boolean) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => (splitCommas ? s.split(',') : [s])).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

export const listQuery = z
  .object({
    q: z.string().max(200).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    institution: list(z.string().max(500), false).optional(),
    licence: list(z.enum(['cc0', 'pdm', 'by', 'by-sa']), true).optional(),
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

export const facetsSchema = z.object({
  institutions: z.array(z.object({ value: z.string(), count: z.number().int() })),
  licences: z.array(z.object({ family: z.enum(['cc0', 'pdm', 'by', 'by-sa']), count: z.number().int() })),
  dates: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
  iiif: z.number().int(),
  total: z.number().int(),
});

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
export const imageParams = z.object({ id: workId, rendition: z.string().max(40) });

export const licenceSchema = z.object({
  uri: z.string(),
  label: z.string(),
  family: z.enum(['cc0', 'pdm', 'by', 'by-sa']),
});

export const workSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  creator: z.string().nullable(),
  date: z.string().nullable(),
  institution: z.string().nullable(),
  licence: licenceSchema,
  credit: z.string(),
  thumbnailUrl: z.string(),
  imageUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  source: z.string(),
  iiif: z.boolean(),
});

export const workDetailSchema = workSummarySchema.extend({
  medium: z.string().nullable(),
  description: z.string().nullable(),
  landingUrl: z.string().nullable(),
  rightsStatement: z.string().nullable(),
  creatorLife: z.string().nullable(),
  sourceId: z.string(),
  dateStart: z.number().int().nullable(),
  dateEnd: z.number().int().nullable(),
  iiifService: z.string().nullable(),
});

export const workListSchema = z.object({
  items: z.array(workSummarySchema),
  total: z.number().int(),
  /** More works match than were counted: show "1000+". */
  totalIsLowerBound: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const checkBody = z.object({ ids: z.array(workId).min(1).max(MAX_CHECK_IDS) });

export const checkResponse = z.object({
  works: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['ok', 'unknown', 'refused']),
      reason: z.string().optional(),
      licence: licenceSchema.optional(),
    }),
  ),
});

export type WorkSummaryDto = z.infer<typeof workSummarySchema>;
export type WorkDetailDto = z.infer<typeof workDetailSchema>;
