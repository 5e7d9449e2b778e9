import { z } from 'zod';
import { LICENCE_FAMILIES, type LicenceFamily } from './licences';
import { workIdSchema } from './text.schema';

/** Collection works as gallery-api answers them: the studio's picker and detail view, and inference's check. */

export const licenceFamilySchema = z.enum(LICENCE_FAMILIES);

/** A work's licence: canonical URI, label and family (licences.ts `evaluateLicence`). */
export const workLicenceSchema = z.object({
  uri: z.string(),
  label: z.string(),
  family: licenceFamilySchema,
});
export type WorkLicence = z.infer<typeof workLicenceSchema>;

export const workSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  creator: z.string().nullable(),
  date: z.string().nullable(),
  institution: z.string().nullable(),
  licence: workLicenceSchema,
  credit: z.string().describe('The credit line (credit.ts `workCredit`) in the language asked for.'),
  thumbnailUrl: z.string(),
  /** The ≤1024 px rendition placed on the canvas. */
  imageUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  source: z.string().describe('Where the work comes from (`met`, `aic`, `local`, …): the source badge.'),
  iiif: z.boolean().describe('The work has an IIIF image service: details come at full resolution.'),
});
export type WorkSummary = z.infer<typeof workSummarySchema>;

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
  titles: z
    .record(z.string(), z.string())
    .optional()
    .describe('The title per language where the source gives it ({ "en": "…", "nl": "…" }); `title` is the default.'),
  descriptions: z.record(z.string(), z.string()).optional().describe('The description per language where the source gives it.'),
  creatorRole: z.string().nullable().optional().describe('What the creator did, where the source says ("Artist", "Printmaker").'),
});
export type WorkDetail = z.infer<typeof workDetailSchema>;

/** A page of a list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** What narrows a search: the words and each filter of `WorkFilters` (`years` is `from` and `to` together). */
export const SEARCH_PARTS = ['words', 'institution', 'licence', 'years', 'iiif'] as const;
export type SearchPart = (typeof SEARCH_PARTS)[number];

export const workListSchema = pageOf(workSummarySchema).extend({
  totalIsLowerBound: z.boolean().describe('More works match than were counted: show "1000+".'),
  emptiedBy: z
    .array(z.enum(SEARCH_PARTS))
    .optional()
    .describe(
      'Only on an empty first page: the parts of the search that, each left out alone, would find works; every part used when only leaving out several would; [] when the collection has no works.',
    ),
});
export type WorkList = z.infer<typeof workListSchema>;

export const workFacetsSchema = z.object({
  institutions: z.array(z.object({ value: z.string(), count: z.number().int() })),
  licences: z.array(z.object({ family: licenceFamilySchema, count: z.number().int() })),
  dates: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
  iiif: z.number().int(),
  total: z.number().int(),
});
export type WorkFacets = z.infer<typeof workFacetsSchema>;

/**
 * What a visitor can narrow the collection by; every field is optional, absent means "any". The studio writes
 * it into GET /api/gallery/works's query string (`institution`, `licence`, `from`, `to`, `iiif`), gallery-api
 * parses it back into this shape.
 */
export interface WorkFilters {
  institutions?: string[];
  families?: LicenceFamily[];
  /** Works whose date range overlaps [from, to] (years; negative = BCE). Undated works drop out. */
  from?: number;
  to?: number;
  /** true: only works with an IIIF image service; false: only works without. */
  iiif?: boolean;
}

export const MAX_CHECK_IDS = 50;
const workId = workIdSchema;

/** POST /api/gallery/works/check: may these works be remixed? (inference-service asks before queueing). */
export const workCheckRequestSchema = z.object({ ids: z.array(workId).min(1).max(MAX_CHECK_IDS) });
export const workCheckSchema = z.object({
  id: z.string(),
  status: z.enum(['ok', 'unknown', 'refused']),
  reason: z.string().optional().describe('refused: why, in words.'),
  licence: workLicenceSchema.optional().describe('ok: the licence.'),
});
export type WorkCheck = z.infer<typeof workCheckSchema>;
export const workCheckResponseSchema = z.object({ works: z.array(workCheckSchema) });

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
