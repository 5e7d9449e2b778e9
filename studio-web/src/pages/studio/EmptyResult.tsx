import type { SearchPart } from '@atelier/contracts/work.schema';
import { useI18n, type Translate } from '../../i18n';

const FILTER_NAMES = {
  institution: 'collection.institution',
  licence: 'collection.licence',
  years: 'collection.years',
  iiif: 'collection.iiifFilter',
} as const satisfies Record<Exclude<SearchPart, 'words'>, Parameters<Translate>[0]>;

/**
 * What an empty collection search says, from gallery-api's `emptiedBy`: the word that found nothing, or the filters
 * that left nothing (by the names the filter panel shows), so a visitor who typed no word is not told to try another.
 */
export function emptyResultText(emptiedBy: SearchPart[] | undefined, q: string, t: Translate, lang: string): string {
  if (!emptiedBy) return t('collection.none');
  if (emptiedBy.length === 0) return t('collection.emptyCollection');
  const names = emptiedBy.flatMap((p) => (p === 'words' ? [] : [`“${t(FILTER_NAMES[p])}”`]));
  const filters = new Intl.ListFormat(lang, { type: 'conjunction' }).format(names);
  const words = emptiedBy.includes('words');
  if (!names.length) return t('collection.emptyWords', { q: q.trim() });
  return words ? t('collection.emptyWordsAndFilters', { q: q.trim(), filters, n: names.length }) : t('collection.emptyFilters', { filters, n: names.length });
}

export function EmptyResult({ emptiedBy, q }: { emptiedBy: SearchPart[] | undefined; q: string }) {
  const { t, lang } = useI18n();
  return (
    <p className="muted" data-testid="collection-empty" data-emptied-by={emptiedBy?.join(' ')}>
      {emptyResultText(emptiedBy, q, t, lang)}
    </p>
  );
}
