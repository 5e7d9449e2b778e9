import { sha256Hex } from '@atelier/common/hash';
import { rangeAgreeingWith } from '@atelier/contracts/display-date';
import { evaluateLicence, type CanonicalLicence } from '@atelier/contracts/licences';
import type { ObjectStorage } from '@atelier/common/storage';
import type { CollectionWork, LangTexts, PixelRegion, WorkMetadata } from './collection-work';

/** One work as an importer hands it over, whatever the source (a folder, a museum API, an IIIF manifest). */
export interface ImportCandidate extends WorkMetadata {
  /** The licence as the source states it (URI or label); normalised and judged here. */
  licence: string | null;
  /**
   * Why the source's own rule says the work is not open (AIC `is_public_domain: false`): the refusal reason then,
   * instead of a verdict on a licence the source never stated.
   */
  refusal?: string | null;
  image: CandidateImage | null;
  /** Year range for filtering; optional so a source without dates need not say so. */
  dateStart?: number | null;
  dateEnd?: number | null;
  iiifService?: string | null;
  /** The work's IIIF Presentation manifest URL, when the source has one. */
  iiifManifest?: string | null;
  /** The region of the service's image that the work is (see CollectionWork.iiifRegion). */
  iiifRegion?: PixelRegion | null;
  imageUrl?: string | null;
  /** Full pixel size as the source states it; the downloaded image may be a smaller rendition. */
  pixelWidth?: number | null;
  pixelHeight?: number | null;
}

export interface CandidateImage {
  /** sha256 the source promises, checked against the bytes. */
  expectedSha256: string | null;
  /** Reads the original bytes; throws `WorkImageProblem` when they cannot be had. */
  read(): Promise<Uint8Array>;
  /**
   * The full-resolution size of the image behind a bounded download (an IIIF service's `info.json`), asked only
   * when the candidate states no pixel size; null when it cannot be had.
   */
  fullSize?(): Promise<{ width: number; height: number } | null>;
}

/** A problem with one work's image (missing, unreadable, wrong checksum): that work fails, the run goes on. */
export class WorkImageProblem extends Error {
  override name = 'WorkImageProblem';
}

export interface RenderedWorkImages {
  /**
   * The master that is stored: the original cleaned as a visitor's upload is (common's `cleanImageUpload`: the
   * same byte, side and pixel limits, a strict decode, EXIF orientation applied, EXIF/GPS/XMP/ICC/text dropped).
   */
  master: Uint8Array;
  masterExt: 'png';
  width: number;
  height: number;
  /** WebP, long side ≤ 1024 px, no metadata. */
  working: Uint8Array;
  /** WebP, long side ≤ 256 px, no metadata. */
  thumb: Uint8Array;
}

export interface WorkImageRenderer {
  /** Throws `WorkImageProblem` for bytes that are not a supported image or past the upload limits. */
  render(original: Uint8Array): Promise<RenderedWorkImages>;
}

export type WorkRecord = Omit<CollectionWork, 'createdAt' | 'updatedAt'>;

/** The write side of the collection the importer needs. */
export interface WorkStore {
  findBySource(source: string, sourceId: string): Promise<CollectionWork | null>;
  findById(id: string): Promise<CollectionWork | null>;
  /** Inserts or updates by (source, source_id); the id of an existing row never changes. */
  upsert(record: WorkRecord): Promise<void>;
}

export type ImportOutcome =
  | { kind: 'imported' | 'updated' | 'unchanged'; id: string; sourceId: string }
  | { kind: 'refused'; id: string; sourceId: string; reason: string }
  | { kind: 'failed'; sourceId: string; reason: string };

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  refused: number;
  failed: number;
  /** One outcome per candidate, in input order. */
  outcomes: ImportOutcome[];
}

export interface ImportDeps {
  works: WorkStore;
  storage: ObjectStorage;
  images: WorkImageRenderer;
}

/** sharp already spreads one encode over its own threads; two works at a time keeps memory flat. */
export const IMPORT_CONCURRENCY = 2;

/** `local` + `Van Gogh/Starry Night` → `local-van-gogh-starry-night`: safe in URLs and storage keys. */
export function workIdFor(source: string, sourceId: string): string {
  const slug = `${source}-${sourceId}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 120).replace(/-+$/, '');
}

/** `a b` and `a-b` slug alike; the second one to arrive gets a suffix from its own source id. */
async function freshId(c: ImportCandidate, works: WorkStore): Promise<string> {
  const id = workIdFor(c.source, c.sourceId);
  if (!(await works.findById(id))) return id;
  return `${id}-${sha256Hex(`${c.source}\n${c.sourceId}`).slice(0, 8)}`;
}

export function imageKeysFor(id: string, masterExt: string): Required<CollectionWork['imageKeys']> {
  return { original: `works/${id}/master.${masterExt}`, working: `works/${id}/working.webp`, thumb: `works/${id}/thumb.webp` };
}

/** A master stored before masters were cleaned (`works/<id>/original.jpg`, EXIF and all) is never reused. */
const isCleanMaster = (key: string | undefined) => Boolean(key && /\/master\.[a-z]+$/.test(key));

/**
 * Imports candidates idempotently: a work is found again by (source, sourceId), its images are only
 * re-encoded when the original's sha256 changed, and a refused licence is stored with its reason but no images.
 */
export async function importWorks(candidates: ImportCandidate[], deps: ImportDeps): Promise<ImportReport> {
  const outcomes = await mapWithConcurrency(candidates, IMPORT_CONCURRENCY, (c) => importOne(c, deps));
  const count = (kind: ImportOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  return {
    imported: count('imported'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    failed: count('failed'),
    outcomes,
  };
}

async function importOne(raw: ImportCandidate, deps: ImportDeps): Promise<ImportOutcome> {
  const problem = candidateProblem(raw);
  if (problem) return { kind: 'failed', sourceId: raw.sourceId || '(no id)', reason: problem };
  const c = cleanCandidate(raw);
  const existing = await deps.works.findBySource(c.source, c.sourceId);
  const id = existing?.id ?? (await freshId(c, deps.works));
  const verdict = c.refusal ? ({ accepted: false, reason: c.refusal } as const) : evaluateLicence(c.licence);

  if (!verdict.accepted) {
    const record = recordOf(id, c, refusedLicence(c, verdict.reason), NO_IMAGE);
    if (!existing || !sameRecord(existing, record)) await deps.works.upsert(record);
    // A work that lost its open licence must not keep serving images.
    if (existing) await deleteKeys(deps.storage, Object.values(existing.imageKeys));
    return { kind: 'refused', id, sourceId: c.sourceId, reason: verdict.reason };
  }

  try {
    if (!c.image) throw new WorkImageProblem('no image file is given');
    const bytes = await c.image.read();
    const sha256 = sha256Hex(bytes);
    const expected = c.image.expectedSha256?.toLowerCase();
    if (expected && expected !== sha256)
      throw new WorkImageProblem(`sha256 mismatch: expected ${expected}, the file has ${sha256}`);

    const reusable =
      existing?.licenceStatus === 'accepted' && existing.imageSha256 === sha256 && isCleanMaster(existing.imageKeys.original) && (await hasAllImages(existing, deps.storage));
    let image: Pick<WorkRecord, 'imageKeys' | 'width' | 'height'>;
    if (reusable && existing) {
      image = { imageKeys: existing.imageKeys, width: existing.width, height: existing.height };
    } else {
      const rendered = await deps.images.render(bytes);
      const keys = imageKeysFor(id, rendered.masterExt);
      await deps.storage.put(keys.original, rendered.master);
      await deps.storage.put(keys.working, rendered.working);
      await deps.storage.put(keys.thumb, rendered.thumb);
      image = { imageKeys: keys, width: rendered.width, height: rendered.height };
    }
    // A bounded download (IIIF !1024,1024) is smaller than the work; regions are asked in the work's pixels.
    const full = await fullSizeOf(c, reusable ? existing : null);
    if (full) image = { ...image, width: full.width, height: full.height };
    // Without its full size an IIIF service would be asked for regions in the wrong pixels: details are then cut
    // from the stored master instead.
    const service = c.iiifService && full ? { iiifService: c.iiifService, iiifRegion: c.iiifRegion ?? null } : { iiifService: null, iiifRegion: null };

    const record = recordOf(id, { ...c, ...service }, acceptedLicence(verdict.licence), { imageSha256: sha256, ...image });
    if (existing && reusable && sameRecord(existing, record)) return { kind: 'unchanged', id, sourceId: c.sourceId };
    await deps.works.upsert(record);
    if (existing) {
      const kept = new Set(Object.values(record.imageKeys));
      await deleteKeys(deps.storage, Object.values(existing.imageKeys).filter((k) => !kept.has(k)));
    }
    return { kind: existing ? 'updated' : 'imported', id, sourceId: c.sourceId };
  } catch (err) {
    if (err instanceof WorkImageProblem) return { kind: 'failed', sourceId: c.sourceId, reason: err.message };
    throw err;
  }
}

/**
 * The full-resolution size of the work: as the source states it; for an IIIF service, as it stood at the last
 * import when the image and service are the same, else as the service's `info.json` says; null when unknown.
 */
async function fullSizeOf(c: ImportCandidate, previous: CollectionWork | null): Promise<{ width: number; height: number } | null> {
  if (c.pixelWidth && c.pixelHeight) return { width: c.pixelWidth, height: c.pixelHeight };
  if (!c.iiifService) return null;
  if (previous && previous.iiifService === c.iiifService && previous.width && previous.height) return { width: previous.width, height: previous.height };
  return (await c.image?.fullSize?.()) ?? null;
}

/** What makes a candidate unusable as a record at all (an importer that let a record without id or title through). */
function candidateProblem(c: ImportCandidate): string | null {
  if (typeof c.sourceId !== 'string' || !c.sourceId.trim()) return 'the record has no id';
  if (typeof c.title !== 'string' || !cleanText(c.title)) return 'the record has no title';
  return null;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text as Postgres can store it (no NUL, no other control characters), trimmed; empty is null. */
function cleanText(v: string | null | undefined): string | null {
  if (typeof v !== 'string') return null;
  const t = v.replace(CONTROL, '').trim();
  return t || null;
}

/** An absolute http(s) URL or null: a link a visitor may follow and a host the gallery may fetch from. */
export function webUrl(v: string | null | undefined): string | null {
  const t = cleanText(v);
  if (!t || /\s/.test(t)) return null;
  try {
    const u = new URL(t);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? t : null;
  } catch {
    return null;
  }
}

function whole(n: number | null | undefined, min: number, max: number): number | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

function cleanTexts(m: LangTexts | undefined): LangTexts {
  const out: LangTexts = {};
  for (const [lang, value] of Object.entries(m ?? {})) {
    const tag = lang.trim().toLowerCase();
    const t = cleanText(value);
    if (t && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(tag)) out[tag] = t;
  }
  return out;
}

/**
 * Whatever the importer: every text storable, every URL http(s) (a manifest's `javascript:` link is dropped as the
 * folder importer's schema refuses it), language maps keyed by language tags, and a year range that contains the
 * display date (contracts' one parser), so the year filter finds a work whose source gave only "c. 1830–1832".
 */
function cleanCandidate(c: ImportCandidate): ImportCandidate {
  const region = c.iiifRegion;
  const dateDisplay = cleanText(c.dateDisplay);
  const years = rangeAgreeingWith(dateDisplay, { dateStart: whole(c.dateStart, -100_000, 100_000), dateEnd: whole(c.dateEnd, -100_000, 100_000) });
  return {
    ...c,
    sourceId: c.sourceId.replace(CONTROL, '').trim(),
    title: cleanText(c.title) as string,
    creator: cleanText(c.creator),
    creatorRole: cleanText(c.creatorRole),
    creatorLife: cleanText(c.creatorLife),
    dateDisplay,
    medium: cleanText(c.medium),
    description: cleanText(c.description),
    institution: cleanText(c.institution),
    landingUrl: webUrl(c.landingUrl),
    rightsStatement: cleanText(c.rightsStatement),
    attribution: cleanText(c.attribution),
    licence: cleanText(c.licence),
    refusal: cleanText(c.refusal),
    titles: cleanTexts(c.titles),
    descriptions: cleanTexts(c.descriptions),
    // Integer columns: a broken number must cost the field, never the whole harvest (integer out of range).
    pixelWidth: whole(c.pixelWidth, 1, 1_000_000),
    pixelHeight: whole(c.pixelHeight, 1, 1_000_000),
    dateStart: years.dateStart,
    dateEnd: years.dateEnd,
    iiifService: webUrl(c.iiifService),
    iiifManifest: webUrl(c.iiifManifest),
    iiifRegion:
      region && [region.x, region.y].every((n) => whole(n, 0, 1_000_000) !== null) && [region.w, region.h].every((n) => whole(n, 1, 1_000_000) !== null) ? region : null,
    imageUrl: webUrl(c.imageUrl),
  };
}

/** The stored record: the source's metadata, and the licence verdict with what it allows (images only when accepted). */
function recordOf(id: string, c: ImportCandidate, licence: WorkLicenceFields, image: WorkImageFields): WorkRecord {
  return {
    id,
    source: c.source,
    sourceId: c.sourceId,
    title: c.title,
    titles: c.titles ?? {},
    creator: c.creator,
    creatorRole: c.creatorRole ?? null,
    creatorLife: c.creatorLife,
    dateDisplay: c.dateDisplay,
    dateStart: c.dateStart ?? null,
    dateEnd: c.dateEnd ?? null,
    medium: c.medium,
    description: c.description,
    descriptions: c.descriptions ?? {},
    institution: c.institution,
    landingUrl: c.landingUrl,
    rightsStatement: c.rightsStatement,
    attribution: c.attribution,
    iiifService: c.iiifService ?? null,
    iiifRegion: c.iiifService ? (c.iiifRegion ?? null) : null,
    iiifManifest: c.iiifManifest ?? null,
    imageUrl: c.imageUrl ?? null,
    ...licence,
    ...image,
  };
}

type WorkLicenceFields = Pick<WorkRecord, 'licenceStatus' | 'licenceUri' | 'licenceFamily' | 'licenceLabel' | 'refusalReason'>;
type WorkImageFields = Pick<WorkRecord, 'imageSha256' | 'imageKeys' | 'width' | 'height'>;

const refusedLicence = (c: ImportCandidate, reason: string): WorkLicenceFields => ({
  licenceStatus: 'refused',
  // Kept verbatim so a report can show what the source claimed.
  licenceUri: c.licence?.trim() || null,
  licenceFamily: null,
  licenceLabel: null,
  refusalReason: reason,
});

const acceptedLicence = (licence: CanonicalLicence): WorkLicenceFields => ({
  licenceStatus: 'accepted',
  licenceUri: licence.uri,
  licenceFamily: licence.family,
  licenceLabel: licence.label,
  refusalReason: null,
});

const NO_IMAGE: WorkImageFields = { imageSha256: null, imageKeys: {}, width: null, height: null };

const COMPARED: (keyof WorkRecord)[] = [
  'title', 'creator', 'creatorRole', 'creatorLife', 'dateDisplay', 'dateStart', 'dateEnd', 'iiifService', 'iiifManifest', 'imageUrl', 'medium', 'description', 'institution', 'landingUrl',
  'rightsStatement', 'attribution', 'licenceStatus', 'licenceUri', 'licenceFamily', 'licenceLabel', 'refusalReason',
  'width', 'height', 'imageSha256',
];

/** Compared as JSON with sorted keys: key order in a jsonb column is Postgres' own. */
const JSON_COMPARED: (keyof WorkRecord)[] = ['imageKeys', 'titles', 'descriptions', 'iiifRegion'];

function sameRecord(a: WorkRecord, b: WorkRecord): boolean {
  return COMPARED.every((k) => a[k] === b[k]) && JSON_COMPARED.every((k) => sortedJson(a[k]) === sortedJson(b[k]));
}

function sortedJson(v: unknown): string {
  if (v === null || v === undefined || typeof v !== 'object') return JSON.stringify(v ?? null);
  return JSON.stringify(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)));
}

async function hasAllImages(work: CollectionWork, storage: ObjectStorage): Promise<boolean> {
  const { original, working, thumb } = work.imageKeys;
  if (!original || !working || !thumb) return false;
  const found = await Promise.all([original, working, thumb].map((k) => storage.exists(k)));
  return found.every(Boolean);
}

async function deleteKeys(storage: ObjectStorage, keys: (string | undefined)[]): Promise<void> {
  for (const key of keys) if (key) await storage.delete(key);
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}
