import { galleryApi } from '../../api/gallery.client';
import { Link, usePageParam } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { PagedHeading, Pager } from '../../components/Pager';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';

export function GalleryPage() {
  const { t, lang } = useI18n();
  const page = usePageParam();
  const { data, error, loading } = useLoad(() => galleryApi.listCreations(lang, page), `creations-${lang}-${page}`);
  const pages = data ? Math.ceil(data.total / data.pageSize) : 1;
  return (
    <div className="page">
      <PagedHeading page={page}>{t('gallery.title')}</PagedHeading>
      <p className="lead">{t('gallery.intro')}</p>
      <p><Link href="/verify" data-testid="gallery-verify-link">{t('verify.link')}</Link></p>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="gallery" />
      {data && data.items.length === 0 && <p className="muted">{t('gallery.empty')}</p>}
      <ul className="card-grid">
        {data?.items.map((c) => (
          <li key={c.id}>
            <Link href={`/gallery/${encodeURIComponent(c.id)}`} className="card" data-testid="gallery-card" data-creation-id={c.id}>
              <img src={c.thumbnailUrl} alt={c.altText || c.title} loading="lazy" />
              <span className="card-title">{c.title}</span>
              {c.maker && <span className="card-maker">{t('maker.by', { maker: c.maker })}</span>}
            </Link>
          </li>
        ))}
      </ul>
      {data && <Pager page={page} pages={pages} path="/gallery" label={t('gallery.pages')} testId="gallery-pager" />}
    </div>
  );
}
