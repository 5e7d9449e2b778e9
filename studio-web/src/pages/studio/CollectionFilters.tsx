import { useEffect, useState } from 'react';
import type { LicenceFamily } from '@atelier/contracts/licences';
import type { WorkFacets } from '@atelier/contracts/work.schema';
import { galleryApi } from '../../api/gallery.client';
import type { WorkFilters } from '@atelier/contracts/work.schema';
import { useI18n } from '../../i18n';

const FAMILY_LABELS: Record<LicenceFamily, string> = { cc0: 'CC0', pdm: 'PDM', by: 'CC BY', 'by-sa': 'CC BY-SA' };

/** Museum, licence, date range and "has IIIF": options from GET /works/facets. Changes apply at once. */
export function CollectionFilters({ value, onChange }: { value: WorkFilters; onChange(next: WorkFilters): void }) {
  const { t } = useI18n();
  const [facets, setFacets] = useState<WorkFacets | null>(null);
  useEffect(() => {
    let live = true;
    // Filters are an extra: without facets the panel still searches.
    galleryApi.facets().then((f) => live && setFacets(f), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const year = (s: string) => (s.trim() && Number.isInteger(Number(s)) ? Number(s) : undefined);
  const set = (patch: Partial<WorkFilters>) => {
    const next: WorkFilters = { ...value, ...patch };
    for (const k of Object.keys(next) as (keyof WorkFilters)[]) if (next[k] === undefined) delete next[k];
    onChange(next);
  };

  return (
    <details className="collection-filters" data-testid="collection-filters">
      <summary>{t('collection.filters')}</summary>
      <label>
        {t('collection.institution')}
        <select
          value={value.institutions?.[0] ?? ''}
          onChange={(e) => set({ institutions: e.target.value ? [e.target.value] : undefined })}
          data-testid="filter-institution"
        >
          <option value="">{t('collection.anyInstitution')}</option>
          {facets?.institutions.map((i) => (
            <option key={i.value} value={i.value}>{`${i.value} (${i.count})`}</option>
          ))}
        </select>
      </label>
      <label>
        {t('collection.licence')}
        <select
          value={value.families?.[0] ?? ''}
          onChange={(e) => set({ families: e.target.value ? [e.target.value as LicenceFamily] : undefined })}
          data-testid="filter-licence"
        >
          <option value="">{t('collection.anyLicence')}</option>
          {(facets?.licences ?? []).map((l) => (
            <option key={l.family} value={l.family}>{`${FAMILY_LABELS[l.family]} (${l.count})`}</option>
          ))}
        </select>
      </label>
      <div className="filter-years">
        <label>
          {t('collection.from')}
          <input type="number" inputMode="numeric" placeholder={facets?.dates.min?.toString() ?? ''} defaultValue={value.from ?? ''}
            onBlur={(e) => set({ from: year(e.target.value) })} data-testid="filter-from" />
        </label>
        <label>
          {t('collection.to')}
          <input type="number" inputMode="numeric" placeholder={facets?.dates.max?.toString() ?? ''} defaultValue={value.to ?? ''}
            onBlur={(e) => set({ to: year(e.target.value) })} data-testid="filter-to" />
        </label>
      </div>
      <label className="filter-iiif">
        <input type="checkbox" checked={value.iiif === true} onChange={(e) => set({ iiif: e.target.checked ? true : undefined })} data-testid="filter-iiif" />
        {t('collection.iiifOnly')}
      </label>
    </details>
  );
}
