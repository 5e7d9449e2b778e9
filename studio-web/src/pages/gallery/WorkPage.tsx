import { galleryApi } from '../../api/gallery.client';
import { Link } from '../../app/router';
import { LicencePlain } from '../../components/LicenceBadge';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';

/** A collection work as credited in creations, with the way back to the museum's own page. */
export function WorkPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { data: w, error, loading } = useLoad(() => galleryApi.getWork(id, lang), `${id}-${lang}`);
  if (loading) return <p className="page" role="status">{t('common.loading')}</p>;
  if (!w) return <div className="page"><LiveMessage error={describeError(error, t)} /></div>;
  return (
    <article className="page creation" data-testid="work-page">
      <div className="creation-layout">
        <img className="creation-image" src={w.imageUrl} alt={w.title} />
        <div>
          <h1>{w.title}</h1>
          <p>{[w.creator, w.date, w.institution].filter(Boolean).join(' · ')}</p>
          <p>
            <LicencePlain licence={w.licence} />{' '}
            {w.licence.uri && (
              <a className="licence-code" href={w.licence.uri} rel="license noopener" target="_blank" data-testid="work-licence">
                {w.licence.label}
              </a>
            )}
          </p>
          {w.credit && <p className="muted small">{w.credit}</p>}
          <p>
            <Link href={`/works/${encodeURIComponent(w.id)}/colouring`} data-testid="work-colouring">
              {t('work.colouring')}
            </Link>
          </p>
          {w.landingUrl && (
            <p>
              <a href={w.landingUrl} rel="noopener" target="_blank">
                {t('work.atMuseum')}
              </a>
            </p>
          )}
        </div>
      </div>
    </article>
  );
}
