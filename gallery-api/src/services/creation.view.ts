import type { Creation, CreationDetail, ModerationQueueItem } from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import type { CreationRecord, CreationSummaryRecord, Rendition } from './creation';
import { buildCreationJsonLd } from './jsonld';
import { provenanceCredits } from './provenance';

/** The credits kept built (the oldest go first): the first pages of the gallery in both languages, many times over. */
export const CREDITS_KEPT = 5000;

export const creationImagePath = (id: string, rendition: Rendition): string =>
  `/api/gallery/creations/${encodeURIComponent(id)}/image/${rendition}`;

/**
 * A stored creation as the API answers it (contracts' `Creation`), its credit texts in the language asked for.
 * Image URLs are same-origin paths, as the studio proxies by prefix; JSON-LD needs absolute ones, hence `baseUrl`.
 */
export function createCreationView(studioName: string) {
  // A creation's credits are built from its provenance record and title, which never change once published: built once
  // per creation and language (a gallery page of 24 spent most of its time building them, issue 16 item 7).
  const credits = new Map<string, ReturnType<typeof provenanceCredits>>();
  const creditsOf = (c: CreationSummaryRecord, lang: Lang) => {
    const key = `${c.id}\n${lang}\n${c.title}`;
    let built = credits.get(key);
    if (!built) {
      built = provenanceCredits(c.provenance, { title: c.title, studioName }, lang);
      if (credits.size >= CREDITS_KEPT) credits.delete(credits.keys().next().value as string);
      credits.set(key, built);
    }
    return built;
  };
  const creation = (c: CreationSummaryRecord, lang: Lang): Creation => {
    const thumb = creationImagePath(c.id, 'thumb');
    const { creditLine, ingredients } = creditsOf(c, lang);
    return {
      id: c.id,
      status: c.status,
      title: c.title,
      altText: c.altText,
      licence: { id: c.licenceId, uri: c.licenceUri, label: OUTPUT_LICENCES[c.licenceId].label },
      creditLine,
      ...(c.maker ? { maker: c.maker[lang] } : {}),
      width: c.width,
      height: c.height,
      createdAt: c.createdAt.toISOString(),
      decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
      thumbUrl: thumb,
      thumbnailUrl: thumb,
      workingUrl: creationImagePath(c.id, 'working'),
      imageUrl: creationImagePath(c.id, 'full'),
      ingredients,
    };
  };
  return {
    creation,
    /** With the provenance record as stored (its credit texts as published, in English) and its JSON-LD. */
    detail: (c: CreationRecord, lang: Lang, baseUrl: string): CreationDetail => ({
      ...creation(c, lang),
      provenance: c.provenance,
      credentials: c.credentials,
      jsonLd: buildCreationJsonLd(c, { baseUrl, studioName }),
    }),
    /** For moderators: with what the safety screen said. */
    queueItem: (c: CreationRecord, lang: Lang): ModerationQueueItem => ({ ...creation(c, lang), safety: c.safety }),
  };
}

export type CreationView = ReturnType<typeof createCreationView>;
