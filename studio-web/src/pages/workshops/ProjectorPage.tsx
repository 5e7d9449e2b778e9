import { useCallback } from 'react';
import { workshopApi } from '../../api/workshop.client';
import { describeError, LiveMessage } from '../../components/Message';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';
import { useWorkshopEvents } from './useWorkshopEvents';

/** The class gallery on a projector: full screen, large titles and pseudonyms, a QR per work, new work as it is approved. */
export function ProjectorPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const workshop = useLoad(() => workshopApi.get(id), `w:${id}`);
  const gallery = useLoad(() => workshopApi.gallery(id, lang), `g:${id}:${lang}`);
  const reload = useCallback(() => gallery.reload(), [gallery.reload]);
  const live = useWorkshopEvents(workshopApi.eventsUrl(id), reload);
  const works = gallery.data?.submissions ?? [];
  return (
    <section className="workshop-projector" data-testid="workshop-projector">
      <header className="row">
        <h1>{workshop.data?.title ?? t('workshop.gallery.title')}</h1>
        {workshop.data?.joinCode && !workshop.data.endedAt && <p className="workshop-projector-code">{workshop.data.joinCode}</p>}
        {live && <span className="badge">{t('workshop.queue.live')}</span>}
        <button type="button" className="tap" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {t('workshop.projector.fullscreen')}
        </button>
      </header>
      <LiveMessage error={gallery.error ? describeError(gallery.error, t) : null} testId="projector" />
      {works.length === 0 && <p className="workshop-projector-empty">{t('workshop.gallery.empty')}</p>}
      <div className="workshop-projector-grid">
        {works.map((s) => (
          <figure key={s.id} data-testid="projector-work">
            <img src={s.imageUrl} alt={s.title} />
            <figcaption>
              <div>
                <strong>{s.title}</strong>
                <span>{s.pseudonym[lang]}</span>
              </div>
              <QrCode value={s.pageUrl} label={t('workshop.gallery.qr', { title: s.title })} size={112} />
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
