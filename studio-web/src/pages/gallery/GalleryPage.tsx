import { galleryApi } from '../../api/gallery.client';
import { Link } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';

export function GalleryPage() {
  const { t, lang } = useI18n();
  const { data, error, loading } = useLoad(() => galleryApi.listCreations(lang, 1), `creations-${lang}`);
  return (
    <div className="page">
      <h1>{t('gallery.title')}</h1>
      <p className="lead">{t('gallery.intro')}</p>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="gallery" />
      {data && data.length === 0 && <p className="muted">{t('gallery.empty')}</p>}
      <ul className="card-grid">
        {data?.map((c) => (
          <li key={c.id}>
            <Link href={`/gallery/${encodeURIComponent(c.id)}`} className="card" data-testid="gallery-card" data-creation-id={c.id}>
              <img src={c.thumbnailUrl} alt={c.altText || c.title} loading="lazy" />
              <span className="card-title">{c.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
