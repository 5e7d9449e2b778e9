import { z } from 'zod';

export const MAX_PAGE_SIZE = 60;
export const DEFAULT_PAGE_SIZE = 24;
export const MAX_CHECK_IDS = 50;

const workId = z.string().min(1).max(200);

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const listQuery = z.object({
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
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
});

export const workDetailSchema = workSummarySchema.extend({
  medium: z.string().nullable(),
  description: z.string().nullable(),
  landingUrl: z.string().nullable(),
  rightsStatement: z.string().nullable(),
  creatorLife: z.string().nullable(),
  source: z.string(),
  sourceId: z.string(),
});

export const workListSchema = z.object({
  items: z.array(workSummarySchema),
  total: z.number().int(),
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
