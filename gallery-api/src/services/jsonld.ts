import { authorOf } from '@atelier/contracts/credit';
import { LANGS, textIn, type Lang } from '@atelier/contracts/lang';
import type { CreationRecord, Rendition } from './creation';
import { creditsInEveryLang } from './provenance';

/**
 * The creation as schema.org `VisualArtwork` JSON-LD, built from the stored provenance on every read
 * (never persisted, so fixing the mapping fixes every creation).
 */

export interface JsonLdOptions {
  /** Absolute origin such as `https://atelier.example.org`. */
  baseUrl: string;
  studioName: string;
}

export type JsonLd = Record<string, unknown>;

const propertyValue = (propertyID: string, value: string, name?: string) => ({
  '@type': 'PropertyValue',
  propertyID,
  ...(name ? { name } : {}),
  value,
});

/** One text in every language the studio speaks, as JSON-LD language-tagged values. */
const inEveryLang = (text: (lang: Lang) => string) => LANGS.map((lang) => ({ '@language': lang, '@value': text(lang) }));

export function creationUrls(baseUrl: string, id: string): { page: string } & Record<Rendition, string> {
  const api = `${baseUrl.replace(/\/$/, '')}/api/gallery/creations/${encodeURIComponent(id)}`;
  return { page: api, thumb: `${api}/image/thumb`, working: `${api}/image/working`, full: `${api}/image/full` };
}

export function buildCreationJsonLd(creation: CreationRecord, opts: JsonLdOptions): JsonLd {
  const p = creation.provenance;
  const urls = creationUrls(opts.baseUrl, creation.id);
  const credits = creditsInEveryLang(p, { title: creation.title, studioName: opts.studioName });
  // A work used both on the canvas and as a style source is one source work.
  const seen = new Set<string>();
  const isBasedOn = p.ingredients.flatMap((i, index) => {
    if (seen.has(i.workId)) return [];
    seen.add(i.workId);
    const url = i.landingUrl;
    return [
      {
        '@type': 'VisualArtwork',
        ...(url ? { '@id': url, url, sameAs: url } : {}),
        // Titles per language where the record keeps them, as the credit texts are.
        name: Object.keys(i.titles ?? {}).length ? inEveryLang((lang) => textIn(i.titles, lang, i.title)) : i.title,
        ...(i.creator ? { creator: { '@type': 'Person', name: i.creator } } : {}),
        ...(i.institution ? { provider: { '@type': 'Organization', name: i.institution } } : {}),
        license: i.licenceUri,
        creditText: inEveryLang((lang) => credits[lang].ingredients[index]!.credit),
      },
    ];
  });
  const instrument = p.actions.flatMap((a) =>
    a.type === 'remix'
      ? [
          {
            '@type': 'SoftwareApplication',
            name: a.model.id,
            softwareVersion: a.model.version,
            // The model's own licence (CC BY-NC-SA, Apache-2.0, …); none when its weights state none or it predates recording.
            ...(a.model.licence?.uri ? { license: a.model.licence.uri } : {}),
            identifier: a.model.files.map((f) => propertyValue('sha256', f.sha256, f.name)),
          },
        ]
      : [],
  );
  return {
    '@context': 'https://schema.org',
    '@type': 'VisualArtwork',
    '@id': urls.page,
    name: creation.title,
    ...(creation.altText ? { description: creation.altText } : {}),
    image: urls.full,
    contentUrl: urls.full,
    thumbnailUrl: urls.thumb,
    encodingFormat: p.output.mediaType,
    width: { '@type': 'QuantitativeValue', value: p.output.width, unitText: 'px' },
    height: { '@type': 'QuantitativeValue', value: p.output.height, unitText: 'px' },
    identifier: propertyValue('sha256', p.output.sha256),
    license: p.licence.uri,
    creditText: inEveryLang((lang) => credits[lang].creditLine),
    creator: { '@type': 'Person', name: authorOf(opts.studioName, 'en') },
    dateCreated: p.createdAt,
    isBasedOn,
    ...(instrument.length > 0 ? { instrument } : {}),
  };
}
