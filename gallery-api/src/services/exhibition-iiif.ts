import { LANGS } from '@atelier/contracts/lang';
import type { CreationRecord } from './creation';
import type { ExhibitionRecord } from './exhibition';
import { creationIiifUrls, IIIF_CONTEXT, type IiifOptions, type IiifResource } from './iiif-presentation';

export const exhibitionPageUrl = (baseUrl: string, id: string) => `${baseUrl.replace(/\/$/, '')}/exhibitions/${encodeURIComponent(id)}`;
export const exhibitionCollectionUrl = (baseUrl: string, id: string) =>
  `${baseUrl.replace(/\/$/, '')}/api/gallery/exhibitions/${encodeURIComponent(id)}/collection.json`;

/**
 * An exhibition on view as a IIIF Presentation 3 Collection: its title and text in Dutch and English, and its
 * approved creations in the curated order, each a reference to the creation's own Manifest (iiif-presentation.ts).
 */
export function buildExhibitionCollection(e: ExhibitionRecord, creations: CreationRecord[], opts: IiifOptions): IiifResource {
  const base = opts.baseUrl.replace(/\/$/, '');
  const langMap = (texts: { en: string; nl: string }) => Object.fromEntries(LANGS.map((lang) => [lang, [texts[lang]]]));
  const hasText = e.text.en.trim() !== '' || e.text.nl.trim() !== '';
  return {
    '@context': IIIF_CONTEXT,
    id: exhibitionCollectionUrl(base, e.id),
    type: 'Collection',
    label: langMap(e.title),
    ...(hasText ? { summary: langMap({ en: e.text.en || e.text.nl, nl: e.text.nl || e.text.en }) } : {}),
    provider: [
      {
        id: `${base}/`,
        type: 'Agent',
        label: langMap({ en: opts.studioName, nl: opts.studioName }),
        homepage: [{ id: `${base}/`, type: 'Text', label: langMap({ en: opts.studioName, nl: opts.studioName }), format: 'text/html' }],
      },
    ],
    homepage: [{ id: exhibitionPageUrl(base, e.id), type: 'Text', label: langMap(e.title), format: 'text/html' }],
    items: creations.map((c) => {
      const urls = creationIiifUrls(base, c.id);
      return { id: urls.manifest, type: 'Manifest', label: langMap({ en: c.title, nl: c.title }), thumbnail: [{ id: urls.thumb, type: 'Image', format: 'image/webp' }] };
    }),
  };
}
