import type { PupilView } from '@atelier/contracts/workshop.schema';
import type { WorkSummary } from '@atelier/contracts/work.schema';
import { useState } from 'react';
import { patchEditor, useEditor, useStudio } from '../../canvas/ui/studio';
import { LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { addWorkToCanvas, CollectionPanel } from '../studio/CollectionPanel';
import { usePupilWorkshopState, workshopError } from './pupil-context';
import { canvasRegionOf, useAssignmentWorks } from './workshop-assignment';

/**
 * The studio's collection panel for a pupil of a workshop without searching: only the assignment's works and details,
 * no search, so nothing lands on the canvas that the server would refuse at send (`work_not_in_assignment`).
 */
export function WorkshopCollectionPanel({ pupil }: { pupil: PupilView }) {
  const studio = useStudio();
  const { t, lang } = useI18n();
  const styleWorkId = useEditor((s) => s.styleWorkId);
  const items = useAssignmentWorks(pupil.workshop.assignment, lang);
  const [error, setError] = useState<string | null>(null);
  const useAsStyle = (w: WorkSummary) =>
    patchEditor(studio, (s) => ({ styleWorkId: s.styleWorkId === w.id ? null : w.id, works: { ...s.works, [w.id]: w } }));

  return (
    <section className="panel collection-panel" aria-labelledby="collection-title" data-testid="workshop-collection">
      <h2 id="collection-title">{t('workshop.studio.works')}</h2>
      <p className="muted small">{t('workshop.studio.only')}</p>
      <LiveMessage
        error={error ?? (items.error ? workshopError(items.error, t) : null)}
        status={items.loading ? t('collection.loading') : null}
        testId="collection"
      />
      {!items.loading && !items.error && pupil.workshop.assignment.length === 0 && <p className="muted">{t('workshop.studio.none')}</p>}
      <ul className="work-list">
        {items.data?.map(({ item, work }, i) => {
          const title = item.region ? t('workshop.studio.detailOf', { title: work.title }) : work.title;
          return (
            <li key={`${i}:${work.id}`} className="work-card" data-testid="work-card" data-work-id={work.id} data-detail={item.region ? 'true' : undefined}>
              <img src={work.thumbnailUrl} alt="" loading="lazy" width={72} height={72} />
              <div className="work-meta">
                <strong>{title}</strong>
                <span className="muted">{work.creator ?? t('collection.unknownCreator')}</span>
              </div>
              <div className="work-actions">
                <button
                  type="button"
                  data-testid="add-to-canvas"
                  aria-label={t('collection.addNamed', { title })}
                  onClick={() => void addWorkToCanvas(studio, work, canvasRegionOf(item, work)).catch((err: unknown) => setError(workshopError(err, t)))}
                >
                  {t('collection.add')}
                </button>
                <button
                  type="button"
                  data-testid="use-as-style"
                  aria-pressed={styleWorkId === work.id}
                  aria-label={t('collection.styleNamed', { title: work.title })}
                  onClick={() => useAsStyle(work)}
                >
                  {t('collection.style')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The studio's collection panel: the whole collection, or only the assignment for a pupil of a workshop without
 * searching. On a device that joined a workshop nothing is shown until the workshop is known, so the search box never
 * flashes up for a pupil who may not search.
 */
export function StudioCollectionPanel() {
  const { t } = useI18n();
  const { view, settled } = usePupilWorkshopState();
  if (!settled)
    return (
      <section className="panel collection-panel" aria-busy="true">
        <p className="muted" role="status">{t('collection.loading')}</p>
      </section>
    );
  return view && !view.workshop.maySearch ? <WorkshopCollectionPanel pupil={view} /> : <CollectionPanel />;
}
