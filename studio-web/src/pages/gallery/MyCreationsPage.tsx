import type { MyCreation } from '@atelier/contracts/creation.schema';
import { galleryApi } from '../../api/gallery.client';
import { Link, usePageParam } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { PagedHeading, Pager } from '../../components/Pager';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';

/** "My creations": what this browser's visitor session published, each with its status and a rejection's reason. */
export function MyCreationsPage() {
  const { t, lang } = useI18n();
  const page = usePageParam();
  const { data, error, loading } = useLoad(() => galleryApi.myCreations(lang, page), `mine-${lang}-${page}`);
  return (
    <div className="page">
      <PagedHeading page={page}>{t('mine.title')}</PagedHeading>
      <p className="lead">{t('mine.intro')}</p>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="mine" />
      {data && data.items.length === 0 && (
        <p className="muted" data-testid="mine-empty">
          {t('mine.empty')}
        </p>
      )}
      <ul className="mine-list">
        {data?.items.map((c) => <MyCreationItem key={c.id} creation={c} />)}
      </ul>
      {data && <Pager page={page} pages={Math.ceil(data.total / data.pageSize)} path="/mine" label={t('mine.pages')} testId="mine-pager" />}
    </div>
  );
}

function MyCreationItem({ creation: c }: { creation: MyCreation }) {
  const { t } = useI18n();
  const title = c.status === 'approved' ? <Link href={`/gallery/${encodeURIComponent(c.id)}`}>{c.title}</Link> : c.title;
  return (
    <li className="mine-item" data-testid="mine-item" data-creation-id={c.id} data-status={c.status}>
      {/* gallery-api serves a pending or rejected image to its own visitor session (and staff) only. */}
      <img src={c.thumbnailUrl} alt={c.altText || c.title} loading="lazy" />
      <div>
        <h2 className="mine-title">{title}</h2>
        <p className={`status-badge status-${c.status}`} data-testid="mine-status">
          {t(`mine.${c.status}`)}
        </p>
        {c.rejectionReason && (
          <p className="mine-reason" data-testid="mine-reason">
            {t('mine.reason', { reason: c.rejectionReason })}
          </p>
        )}
      </div>
    </li>
  );
}
