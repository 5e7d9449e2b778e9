import type { Creation, CreationDetail, ModerationQueueItem } from '@atelier/contracts/creation.schema';
import type { Lang } from '@atelier/contracts/lang';
import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import type { CreationRecord, Rendition } from './creation';
import { buildCreationJsonLd } from './jsonld';
import { provenanceCredits } from './provenance';

export const creationImagePath = (id: string, rendition: Rendition): string =>
  `/api/gallery/creations/${encodeURIComponent(id)}/image/${rendition}`;

/**
 * A stored creation as the API answers it (contracts' `Creation`), its credit texts in the language asked for.
 * Image URLs are same-origin paths, as the studio proxies by prefix; JSON-LD needs absolute ones, hence `baseUrl`.
 */
export function createCreationView(studioName: string) {
  const creation = (c: CreationRecord, lang: Lang): Creation => {
    const thumb = creationImagePath(c.id, 'thumb');
    const { creditLine, ingredients } = provenanceCredits(c.provenance, { title: c.title, studioName }, lang);
    return {
      id: c.id,
      status: c.status,
      title: c.title,
      altText: c.altText,
      licence: { id: c.licenceId, uri: c.licenceUri, label: OUTPUT_LICENCES[c.licenceId].label },
      creditLine,
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
