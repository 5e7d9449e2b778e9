import { z } from 'zod';
import { creationSchema, langSchema, MAX_REASON_LENGTH } from './creation.schema';
import { EXHIBITION_MAX_ITEMS, KIOSK_SECONDS, KIOSK_TRANSITIONS } from './exhibition';
import { text } from './text.schema';
import { pageOf } from './work.schema';
import { pseudonymSchema } from './workshop.schema';

/**
 * Exhibitions (issue 12): what staff curate, what the public and a kiosk read, a withdrawal, and a visitor's
 * take-home memento. The pure rules (order, kiosk settings) are in exhibition.ts.
 */

export * from './exhibition';

export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const uuid = uuidSchema;
const isoDate = isoDateSchema;
const bilingual = (max: number, min = 0) => z.object({ en: text().trim().min(min).max(max), nl: text().trim().min(min).max(max) });

export const EXHIBITION_TITLE_MAX = 120;
export const EXHIBITION_TEXT_MAX = 4000;

/** POST /exhibitions and PUT /exhibitions/:id (staff who curate): the whole exhibition, its selection in order. */
export const exhibitionInputSchema = z
  .object({
    title: bilingual(EXHIBITION_TITLE_MAX, 1),
    text: bilingual(EXHIBITION_TEXT_MAX),
    creationIds: z.array(uuid).max(EXHIBITION_MAX_ITEMS).describe('Approved creations, in the order they hang.'),
    startsOn: isoDate.nullable(),
    endsOn: isoDate.nullable(),
    public: z.boolean().describe('Shown online (page and IIIF Collection) while between its dates.'),
    slideSeconds: z.number().int().min(KIOSK_SECONDS.min).max(KIOSK_SECONDS.max),
    transition: z.enum(KIOSK_TRANSITIONS),
  })
  .refine((e) => !e.startsOn || !e.endsOn || e.startsOn <= e.endsOn, { message: 'endsOn is before startsOn', path: ['endsOn'] });
export type ExhibitionInput = z.infer<typeof exhibitionInputSchema>;

export const exhibitionItemSchema = z.object({
  creationId: z.string(),
  title: z.string(),
  thumbUrl: z.string(),
  status: creationSchema.shape.status,
});

/** The staff view: everything as stored, each item with its current status (a withdrawn one is shown, flagged). */
export const exhibitionSchema = z.object({
  id: z.string(),
  title: z.object({ en: z.string(), nl: z.string() }),
  text: z.object({ en: z.string(), nl: z.string() }),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  public: z.boolean(),
  slideSeconds: z.number().int(),
  transition: z.enum(KIOSK_TRANSITIONS),
  items: z.array(exhibitionItemSchema),
  updatedAt: z.string(),
});
export type Exhibition = z.infer<typeof exhibitionSchema>;
export const exhibitionListSchema = z.object({ items: z.array(exhibitionSchema.omit({ items: true }).extend({ itemCount: z.number().int() })) });
export type ExhibitionList = z.infer<typeof exhibitionListSchema>;

/** A public exhibition in one language: its approved creations, one page at a time. */
export const publicExhibitionSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  iiifUrl: z.string().describe('The IIIF Presentation 3 Collection of its creations.'),
  creations: pageOf(creationSchema),
});
export type PublicExhibition = z.infer<typeof publicExhibitionSchema>;
export const publicExhibitionListSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: z.string(), startsOn: z.string().nullable(), endsOn: z.string().nullable(), coverUrl: z.string().nullable() })),
});
export type PublicExhibitionList = z.infer<typeof publicExhibitionListSchema>;

/** One kiosk slide: nothing but an approved creation. */
export const kioskSlideSchema = z.object({
  creationId: z.string(),
  title: z.string(),
  altText: z.string(),
  imageUrl: z.string().describe('The working rendition (≤1024 px), same-origin.'),
  width: z.number().int(),
  height: z.number().int(),
  pageUrl: z.string().describe("The creation's public page (its QR code)."),
  basedOn: z.array(z.object({ title: z.string(), creator: z.string().nullable(), institution: z.string().nullable() })).describe('At most 3 works.'),
  basedOnMore: z.number().int().describe('How many more works it is based on.'),
  maker: pseudonymSchema.optional().describe("The maker's pseudonym, NL and EN; absent for creations from before pseudonyms."),
  licence: z.string(),
  year: z.number().int(),
});
export type KioskSlide = z.infer<typeof kioskSlideSchema>;

/** GET /exhibitions/:id/kiosk (and each `manifest` event of its stream): what a running screen shows. */
export const kioskManifestSchema = z.object({
  exhibitionId: z.string(),
  title: z.object({ en: z.string(), nl: z.string() }),
  slideSeconds: z.number().int(),
  transition: z.enum(KIOSK_TRANSITIONS),
  version: z.string().describe('Changes whenever anything shown changes (also the ETag).'),
  slides: z.array(kioskSlideSchema),
});
export type KioskManifest = z.infer<typeof kioskManifestSchema>;

/** POST /creations/:id/withdrawal (staff who curate): why an approved creation leaves every public place. */
export const withdrawRequestSchema = z.object({ reason: text().trim().min(1).max(MAX_REASON_LENGTH) });
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;
export const withdrawalSchema = z.object({ creationId: z.string(), status: z.literal('withdrawn'), exhibitions: z.number().int() });
export type Withdrawal = z.infer<typeof withdrawalSchema>;

/** POST /creations/:id/memento (the publishing visitor's session): a private link, shown once. */
export const mementoLinkSchema = z.object({
  token: z.string(),
  url: z.string().describe('The memento page (public base URL): the link and the QR code.'),
});
export type MementoLink = z.infer<typeof mementoLinkSchema>;

/** POST /mementos/open: the creation behind a memento, private, in every status (its image: POST /mementos/image). */
export const mementoSchema = z.object({
  status: creationSchema.shape.status,
  title: z.string(),
  altText: z.string().nullable(),
  creditLine: z.string(),
  maker: z.string().optional().describe("The maker's pseudonym in the language asked for."),
  rejectionReason: z.string().nullable(),
  pageUrl: z.string().nullable().describe('The public page, once approved.'),
  width: z.number().int(),
  height: z.number().int(),
});
export type Memento = z.infer<typeof mementoSchema>;

export const exhibitionParams = z.object({ id: uuid });
/** POST /mementos/open and /mementos/image: the token goes in the body, so it is in no URL and no request log. */
export const mementoOpenSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'not a memento token'),
  lang: langSchema.optional(),
});
export type MementoOpen = z.infer<typeof mementoOpenSchema>;
