import { LANGS, type Lang } from '@atelier/contracts/lang';
import type { CreationRecord } from './creation';
import { creationUrls } from './jsonld';
import { creditsInEveryLang } from './provenance';

/**
 * IIIF Presentation 3 for approved creations (issue 13 item 4), built from the stored provenance on every read: a
 * Manifest per creation (labels in Dutch and English, the credit line as `requiredStatement`, the licence as
 * `rights`, the museum as `provider`, the creation's page as `homepage`, its JSON-LD as `seeAlso`, one Canvas with the
 * image, and the source works linked in its metadata), and the public gallery as a Collection of them. Absolute URLs
 * come from the public base URL only (config `publicUrl`).
 */

export const IIIF_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

export interface IiifOptions {
  /** The public base URL (ATELIER_PUBLIC_URL, else the studio on this machine). */
  baseUrl: string;
  studioName: string;
}

type LangMap = Record<string, string[]>;
export type IiifResource = Record<string, unknown>;

const inEveryLang = (text: (lang: Lang) => string): LangMap => Object.fromEntries(LANGS.map((lang) => [lang, [text(lang)]]));

const WORDS: Record<Lang, { attribution: string; basedOn: string; licence: string; gallery: string; galleryOf: string; remix: string; manifestOf: string }> = {
  en: { attribution: 'Attribution', basedOn: 'Based on', licence: 'Licence', gallery: 'Gallery', galleryOf: 'Creations made by visitors of', remix: 'A creation by a visitor of', manifestOf: 'IIIF manifest of' },
  nl: { attribution: 'Naamsvermelding', basedOn: 'Gebaseerd op', licence: 'Licentie', gallery: 'Galerij', galleryOf: 'Creaties van bezoekers van', remix: 'Een creatie van een bezoeker van', manifestOf: 'IIIF-manifest van' },
};

/**
 * Presentation 3 takes rights only as the canonical http URIs of Creative Commons and RightsStatements.org; the
 * studio keeps the https form everywhere else.
 */
export function iiifRights(uri: string): string {
  return uri.replace(/^https:\/\/(creativecommons\.org|rightsstatements\.org)\//, 'http://$1/');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** IIIF URLs of a creation, under the public base: its manifest and the studio page a person opens. */
export function creationIiifUrls(baseUrl: string, id: string) {
  const base = baseUrl.replace(/\/$/, '');
  const api = creationUrls(base, id);
  return {
    ...api,
    manifest: `${api.page}/manifest.json`,
    canvas: `${api.page}/canvas/1`,
    jsonld: `${api.page}/provenance.jsonld`,
    homepage: `${base}/gallery/${encodeURIComponent(id)}`,
  };
}

export const galleryCollectionUrl = (baseUrl: string) => `${baseUrl.replace(/\/$/, '')}/api/gallery/iiif/collection.json`;

function provider(opts: IiifOptions): IiifResource[] {
  const base = opts.baseUrl.replace(/\/$/, '');
  return [
    {
      id: `${base}/`,
      type: 'Agent',
      label: inEveryLang(() => opts.studioName),
      homepage: [{ id: `${base}/`, type: 'Text', label: inEveryLang(() => opts.studioName), format: 'text/html' }],
    },
  ];
}

export function buildCreationManifest(creation: CreationRecord, opts: IiifOptions): IiifResource {
  const p = creation.provenance;
  const urls = creationIiifUrls(opts.baseUrl, creation.id);
  const credits = creditsInEveryLang(p, { title: creation.title, studioName: opts.studioName });
  // Each source work once, linked to its page at the holding institution; one without a page says where it is held.
  const sources = (lang: Lang) => {
    const seen = new Set<string>();
    return credits[lang].ingredients.flatMap((i) => {
      if (seen.has(i.workId)) return [];
      seen.add(i.workId);
      const credit = escapeHtml(i.credit);
      const linked = i.landingUrl ? `<a href="${escapeHtml(i.landingUrl)}">${credit}</a>` : credit;
      return [i.iiifManifest ? `<span>${linked} (<a href="${escapeHtml(i.iiifManifest)}">IIIF</a>)</span>` : linked];
    });
  };
  // The source works' own manifests, each once, so a viewer or harvester can open the originals beside this one.
  const sourceManifests = [...new Map(p.ingredients.filter((i) => i.iiifManifest).map((i) => [i.iiifManifest!, i])).values()].map((i) => ({
    id: i.iiifManifest!,
    type: 'Dataset',
    format: 'application/ld+json',
    label: Object.fromEntries(LANGS.map((lang) => [lang, [`${WORDS[lang].manifestOf} ${credits[lang].ingredients.find((c) => c.workId === i.workId)?.title ?? i.title}`]])),
  }));
  const thumbnail = [{ id: urls.thumb, type: 'Image', format: 'image/webp' }];
  return {
    '@context': IIIF_CONTEXT,
    id: urls.manifest,
    type: 'Manifest',
    label: inEveryLang(() => creation.title),
    summary: inEveryLang((lang) => creation.altText ?? `${WORDS[lang].remix} ${opts.studioName}.`),
    metadata: [
      ...(p.ingredients.length > 0 ? [{ label: inEveryLang((lang) => WORDS[lang].basedOn), value: Object.fromEntries(LANGS.map((lang) => [lang, sources(lang)])) }] : []),
      { label: inEveryLang((lang) => WORDS[lang].licence), value: inEveryLang(() => p.licence.uri) },
    ],
    requiredStatement: { label: inEveryLang((lang) => WORDS[lang].attribution), value: inEveryLang((lang) => credits[lang].creditLine) },
    rights: iiifRights(p.licence.uri),
    provider: provider(opts),
    homepage: [{ id: urls.homepage, type: 'Text', label: inEveryLang(() => creation.title), format: 'text/html' }],
    seeAlso: [{ id: urls.jsonld, type: 'Dataset', format: 'application/ld+json', profile: 'https://schema.org/' }, ...sourceManifests],
    partOf: [{ id: galleryCollectionUrl(opts.baseUrl), type: 'Collection' }],
    thumbnail,
    items: [
      {
        id: urls.canvas,
        type: 'Canvas',
        width: p.output.width,
        height: p.output.height,
        items: [
          {
            id: `${urls.canvas}/page`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${urls.canvas}/page/image`,
                type: 'Annotation',
                motivation: 'painting',
                body: { id: urls.full, type: 'Image', format: 'image/png', width: p.output.width, height: p.output.height },
                target: urls.canvas,
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The public gallery as a Collection: its approved creations, newest first (at most `items.length`). */
export function buildGalleryCollection(creations: CreationRecord[], opts: IiifOptions): IiifResource {
  return {
    '@context': IIIF_CONTEXT,
    id: galleryCollectionUrl(opts.baseUrl),
    type: 'Collection',
    label: inEveryLang((lang) => `${opts.studioName}: ${WORDS[lang].gallery}`),
    summary: inEveryLang((lang) => `${WORDS[lang].galleryOf} ${opts.studioName}.`),
    provider: provider(opts),
    homepage: [{ id: `${opts.baseUrl.replace(/\/$/, '')}/gallery`, type: 'Text', label: inEveryLang((lang) => WORDS[lang].gallery), format: 'text/html' }],
    items: creations.map((c) => {
      const urls = creationIiifUrls(opts.baseUrl, c.id);
      return { id: urls.manifest, type: 'Manifest', label: inEveryLang(() => c.title), thumbnail: [{ id: urls.thumb, type: 'Image', format: 'image/webp' }] };
    }),
  };
}
