import type { WorkSummary } from '@atelier/contracts/work.schema';
import { useEffect, useState, type FormEvent } from 'react';
import { galleryApi, workRegionUrl } from '../../api/gallery.client';
import type { SearchPart, WorkFilters } from '@atelier/contracts/work.schema';
import { workImageKey, type WorkRegion } from '../../canvas/document/schema';
import { loadImage } from '../../canvas/render/images';
import { patchEditor, useEditor, useStudio, type Studio } from '../../canvas/ui/studio';
import { LicenceBadge, LicencePlain } from '../../components/LicenceBadge';
import { sourceName } from '../../components/source-name';
import { describeError, LiveMessage } from '../../components/Message';
import { PanelPager } from '../../components/Pager';
import { useI18n } from '../../i18n';
import { CollectionFilters } from './CollectionFilters';
import { EmptyResult } from './EmptyResult';
import { IiifDetailPicker } from './IiifDetailPicker';

/**
 * Places a work (or one detail of it) centred and fitted inside the canvas, once its image has loaded. A detail
 * is fetched through the gallery at ≤1024 px: IIIF region/size when the work has a service, else a crop.
 */
export async function addWorkToCanvas(studio: Studio, work: WorkSummary, region?: WorkRegion): Promise<void> {
  const img = await loadImage(region ? workRegionUrl(work.id, region) : work.imageUrl);
  const size = { width: img.naturalWidth || img.width, height: img.naturalHeight || img.height };
  const doc = studio.doc.current();
  const scale = Math.min(1, (doc.width * 0.8) / size.width, (doc.height * 0.8) / size.height);
  const id = crypto.randomUUID();
  patchEditor(studio, (s) => ({
    works: { ...s.works, [work.id]: work },
    imageSizes: { ...s.imageSizes, [workImageKey({ workId: work.id, region })]: size },
    selectedId: id,
    tool: 'move',
  }));
  studio.doc.dispatch({
    type: 'addWork',
    layer: {
      id,
      kind: 'work',
      workId: work.id,
      x: Math.round((doc.width - size.width * scale) / 2),
      y: Math.round((doc.height - size.height * scale) / 2),
      scale,
      rotation: 0,
      ...(region ? { region } : {}),
    },
  });
}

export function CollectionPanel() {
  const studio = useStudio();
  const { t, lang } = useI18n();
  const styleWorkId = useEditor((s) => s.styleWorkId);
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<WorkFilters>({});
  const [detailOf, setDetailOf] = useState<WorkSummary | null>(null);
  const [lowerBound, setLowerBound] = useState(false);
  const [works, setWorks] = useState<WorkSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [emptiedBy, setEmptiedBy] = useState<SearchPart[] | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    galleryApi.listWorks(submitted, lang, page, 24, filters).then(
      (res) => {
        if (!live) return;
        setWorks(res.items);
        setTotal(res.total);
        setEmptiedBy(res.emptiedBy);
        setLowerBound(res.totalIsLowerBound);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(describeError(err, t));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [submitted, page, filters, t, lang]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setSubmitted(q);
  };
  const add = (w: WorkSummary) => addWorkToCanvas(studio, w).catch((err: unknown) => setError(describeError(err, t)));
  const useAsStyle = (w: WorkSummary) =>
    patchEditor(studio, (s) => ({ styleWorkId: s.styleWorkId === w.id ? null : w.id, works: { ...s.works, [w.id]: w } }));
  const pages = Math.max(1, Math.ceil(total / 24));

  return (
    <section className="panel collection-panel" aria-labelledby="collection-title">
      <h2 id="collection-title">{t('collection.title')}</h2>
      <form role="search" onSubmit={search} className="search">
        <label htmlFor="collection-search" className="visually-hidden">
          {t('collection.search')}
        </label>
        <input
          id="collection-search"
          type="search"
          value={q}
          placeholder={t('collection.searchPlaceholder')}
          data-testid="collection-search"
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit">{t('collection.searchButton')}</button>
      </form>
      <CollectionFilters
        value={filters}
        onChange={(f) => {
          setPage(1);
          setFilters(f);
        }}
      />
      {!loading && !error && works.length > 0 && (
        <p className="muted small" data-testid="collection-total">
          {lowerBound ? t('collection.totalMore', { n: total }) : t('collection.total', { n: total })}
        </p>
      )}
      <LiveMessage error={error} status={loading ? t('collection.loading') : null} testId="collection" />
      {!loading && !error && works.length === 0 && <EmptyResult emptiedBy={emptiedBy} q={submitted} />}
      <ul className="work-list">
        {works.map((w) => (
          <li key={w.id} className="work-card" data-testid="work-card" data-work-id={w.id}>
            <img src={w.thumbnailUrl} alt="" loading="lazy" width={72} height={72} />
            <div className="work-meta">
              <strong>{w.title}</strong>
              <span className="muted">{w.creator ?? t('collection.unknownCreator')}</span>
              <LicencePlain licence={w.licence} />
              <span className="badges">
                <LicenceBadge licence={w.licence} />
                {w.source && (
                  <span className="badge source-badge" title={t('collection.source', { source: w.institution ?? sourceName(w.source, t) })} data-testid="source-badge">
                    {sourceName(w.source, t)}
                    {w.iiif ? ' · IIIF' : ''}
                  </span>
                )}
              </span>
            </div>
            <div className="work-actions">
              <button type="button" data-testid="add-to-canvas" onClick={() => void add(w)} aria-label={t('collection.addNamed', { title: w.title })}>
                {t('collection.add')}
              </button>
              <button
                type="button"
                data-testid="choose-detail"
                onClick={() => setDetailOf(w)}
                aria-label={t('collection.detailNamed', { title: w.title })}
              >
                {t('collection.detail')}
              </button>
              <button
                type="button"
                data-testid="use-as-style"
                aria-pressed={styleWorkId === w.id}
                onClick={() => useAsStyle(w)}
                aria-label={t('collection.styleNamed', { title: w.title })}
              >
                {t('collection.style')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {detailOf && (
        <IiifDetailPicker
          work={detailOf}
          onClose={() => setDetailOf(null)}
          onPlace={(region) => {
            const work = detailOf;
            setDetailOf(null);
            addWorkToCanvas(studio, work, region).catch((err: unknown) => setError(describeError(err, t)));
          }}
        />
      )}
      <PanelPager page={page} pages={pages} onPage={setPage} label={t('collection.pages')} />
    </section>
  );
}
