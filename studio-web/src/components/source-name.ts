import type { Translate } from '../i18n';

/** Short names of the collection sources gallery-api imports from (`source` on a work; proper names, not translated). */
const SOURCE_NAMES: Readonly<Record<string, string>> = {
  met: 'The Met',
  aic: 'Art Institute of Chicago',
  cma: 'Cleveland Museum of Art',
  europeana: 'Europeana',
  smk: 'SMK',
  si: 'Smithsonian',
  nga: 'National Gallery of Art',
  rijksmuseum: 'Rijksmuseum',
  iiif: 'IIIF',
};

/** What a work's source badge says: the museum's own folder import reads as its own collection, not `local`. */
export function sourceName(source: string, t: Translate): string {
  if (source === 'local') return t('collection.sourceLocal');
  return SOURCE_NAMES[source] ?? source;
}
