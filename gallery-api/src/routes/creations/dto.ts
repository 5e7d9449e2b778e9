import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import type { CreationRecord, Rendition } from '../../services/creation';
import { buildCreationJsonLd } from '../../services/jsonld';
import type { StudioSettings } from './settings';

export const creationImagePath = (id: string, rendition: Rendition): string =>
  `/api/gallery/creations/${encodeURIComponent(id)}/image/${rendition}`;

/** The `Creation` the API answers with; image URLs are same-origin paths, as the studio proxies by prefix. */
export function toCreationDto(c: CreationRecord) {
  const thumb = creationImagePath(c.id, 'thumb');
  return {
    id: c.id,
    status: c.status,
    title: c.title,
    altText: c.altText,
    licence: { id: c.licenceId, uri: c.licenceUri, label: OUTPUT_LICENCES[c.licenceId].label },
    creditLine: c.creditLine,
    width: c.width,
    height: c.height,
    createdAt: c.createdAt.toISOString(),
    decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
    thumbUrl: thumb,
    thumbnailUrl: thumb,
    workingUrl: creationImagePath(c.id, 'working'),
    imageUrl: creationImagePath(c.id, 'full'),
    ingredients: c.provenance.ingredients,
  };
}

/** The full record with provenance and its JSON-LD; JSON-LD needs absolute URLs, hence the base URL. */
export function toCreationDetailDto(c: CreationRecord, baseUrl: string, settings: StudioSettings) {
  return {
    ...toCreationDto(c),
    provenance: c.provenance,
    jsonLd: buildCreationJsonLd(c, { baseUrl, studioName: settings.studioName }),
  };
}
