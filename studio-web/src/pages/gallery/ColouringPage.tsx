import { galleryApi } from '../../api/gallery.client';
import { Link } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';

/** Where a work's colouring page is drawn (gallery-api, contracts' `lineArt`). */
export const colouringPageUrl = (workId: string) => `/api/gallery/works/${encodeURIComponent(workId)}/colouring-page.png`;

/**
 * A printable colouring page of a collection work (#ColorOurCollections): its outlines, with the work's credit
 * printed under them, so the page keeps its provenance when it leaves the museum.
 */
export function ColouringPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { data: w, error, loading } = useLoad(() => galleryApi.getWork(id, lang), `colouring-${id}-${lang}`);
  if (loading) return <p className="page" role="status">{t('common.loading')}</p>;
  if (!w) return <div className="page"><LiveMessage error={describeError(error, t)} /></div>;
  return (
    <article className="page colouring" data-testid="colouring-page">
      <p className="no-print">
        <Link href={`/works/${encodeURIComponent(id)}`}>← {t('colouring.back')}</Link>
      </p>
      <h1>{t('colouring.title', { title: w.title })}</h1>
      <p className="no-print">{t('colouring.intro')}</p>
      <p className="no-print">
        <button type="button" className="primary" onClick={() => window.print()} data-testid="colouring-print">
          {t('colouring.print')}
        </button>
      </p>
      <figure className="colouring-sheet">
        <img src={colouringPageUrl(id)} alt={t('colouring.alt', { title: w.title })} data-testid="colouring-image" />
        <figcaption data-testid="colouring-credit">{w.credit}</figcaption>
      </figure>
    </article>
  );
}
