import { z } from 'zod';
import { workIdFor, type ImportCandidate } from '../services/collection-import.service';
import { displayDateRange } from '@atelier/contracts/display-date';

/**
 * The `works.json` of a collection folder (see ../shared/collection-sample). Unknown keys (source notes,
 * `whyOpen`, …) are allowed and ignored. The licence may be missing: that is a refusal, not a broken file.
 */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null));

const relativeFile = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((f) => !f.startsWith('/') && !f.includes('\\') && !f.split('/').includes('..'), {
    message: 'must be a path inside the folder (no "/" prefix, no "..")',
  });

/** `{ "en": "The Starry Night", "nl": "De sterrennacht" }`: language tags as keys (en, nl, en-GB, …). */
const perLanguage = (max: number) =>
  z
    .record(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or nl'), z.string().max(max))
    .nullish()
    .transform((m) => {
      const out: Record<string, string> = {};
      for (const [lang, value] of Object.entries(m ?? {})) if (value.trim()) out[lang.toLowerCase()] = value.trim();
      return out;
    });

export const folderWorkSchema = z.object({
  id: z.string().trim().min(1).max(200),
  file: relativeFile.nullish(),
  title: z.string().trim().min(1).max(500),
  /** The title per language; `title` stays the one shown when the visitor's language has none. */
  titles: perLanguage(500),
  descriptions: perLanguage(10_000),
  creator: z
    .union([z.string().max(500), z.object({ name: z.string().max(500).nullish(), life: z.string().max(100).nullish() })])
    .nullish(),
  date: text(200),
  medium: text(500),
  description: text(10_000),
  institution: text(500),
  landingUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullish()
    .transform((v) => v ?? null),
  licence: text(500),
  rightsStatement: text(2000),
  attribution: text(2000),
  image: z
    .object({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits').nullish() })
    .nullish(),
});

export const folderManifestSchema = z.object({
  works: z.array(folderWorkSchema).max(10_000),
});

export type FolderWork = z.infer<typeof folderWorkSchema>;

/** A `works.json` that cannot be imported at all: nothing is changed. */
export class BrokenManifestError extends Error {
  override name = 'BrokenManifestError';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export const FOLDER_SOURCE = 'local';

/**
 * Parses and checks the whole manifest before anything is written, so a typo in entry 40 does not leave
 * 39 works imported and the rest not.
 */
export function parseFolderManifest(json: unknown, fileName = 'works.json'): FolderWork[] {
  const parsed = folderManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${describePath(json, i.path)}: ${i.message}`);
    throw new BrokenManifestError(`${fileName} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, problems);
  }
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const w of parsed.data.works) {
    const workId = workIdFor(FOLDER_SOURCE, w.id);
    const clash = seen.get(workId);
    if (clash !== undefined) problems.push(`works "${clash}" and "${w.id}" map to the same work id ${workId}`);
    else seen.set(workId, w.id);
  }
  if (problems.length) throw new BrokenManifestError(`${fileName} has duplicate work ids`, problems);
  return parsed.data.works;
}

/** Maps a manifest entry to the source-neutral candidate; `readImage` is the folder's file access. */
export function toCandidate(w: FolderWork, readImage: (file: string) => Promise<Uint8Array>): ImportCandidate {
  const creator = typeof w.creator === 'string' ? { name: w.creator, life: null } : w.creator;
  const file = w.file;
  return {
    source: FOLDER_SOURCE,
    sourceId: w.id,
    title: w.title,
    titles: w.titles,
    creator: creator?.name?.trim() || null,
    creatorLife: creator?.life?.trim() || null,
    dateDisplay: w.date,
    ...displayDateRange(w.date),
    medium: w.medium,
    description: w.description,
    descriptions: w.descriptions,
    institution: w.institution,
    landingUrl: w.landingUrl,
    rightsStatement: w.rightsStatement,
    licence: w.licence,
    attribution: w.attribution,
    image: file ? { expectedSha256: w.image?.sha256 ?? null, read: () => readImage(file) } : null,
  };
}

function describePath(json: unknown, path: PropertyKey[]): string {
  // `works.3.licence` is easier to act on as `works[3] (id "munch-scream").licence`.
  if (path[0] === 'works' && typeof path[1] === 'number') {
    const entry = (json as { works?: unknown[] }).works?.[path[1]];
    const id = entry && typeof entry === 'object' && 'id' in entry ? ` (id ${JSON.stringify((entry as { id: unknown }).id)})` : '';
    const rest = path.slice(2).map(String).join('.');
    return `works[${path[1]}]${id}${rest ? `.${rest}` : ''}`;
  }
  return path.length ? path.map(String).join('.') : '(root)';
}
