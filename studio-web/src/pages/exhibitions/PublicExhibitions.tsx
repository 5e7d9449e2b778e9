import type { Translate } from '../../i18n';
import { exhibitionApi } from '../../api/exhibition.client';
import { ApiError } from '../../api/http';
import { Link, usePageParam } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { PagedHeading, Pager } from '../../components/Pager';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';
import { exhibitionPath } from './routes';

/** "12 May 2026 to 1 June 2026", "From …", "Until …", or nothing: an exhibition's dates in the visitor's language. */
export function datesText(t: Translate, lang: string, startsOn: string | null, endsOn: string | null): string | null {
  const fmt = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (startsOn && endsOn) return t('exhibition.dates', { from: fmt(startsOn), to: fmt(endsOn) });
  if (startsOn) return t('exhibition.from', { from: fmt(startsOn) });
  if (endsOn) return t('exhibition.until', { to: fmt(endsOn) });
  return null;
}

/** The exhibitions on view. */
export function ExhibitionsPage() {
  const { t, lang } = useI18n();
  const { data, error, loading } = useLoad(() => exhibitionApi.onView(lang), `exhibitions-${lang}`);
  return (
    <div className="page">
      <h1>{t('exhibition.title')}</h1>
      <p className="lead">{t('exhibition.intro')}</p>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="exhibitions" />
      {data && data.items.length === 0 && <p className="muted">{t('exhibition.empty')}</p>}
      <ul className="card-grid">
        {data?.items.map((e) => (
          <li key={e.id}>
            <Link href={exhibitionPath(e.id)} className="card" data-testid="exhibition-card">
              {e.coverUrl && <img src={e.coverUrl} alt="" loading="lazy" />}
              <span className="card-title">{e.title}</span>
              <span className="muted">{datesText(t, lang, e.startsOn, e.endsOn)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/exhibitions/manage" data-testid="exhibitions-manage-link">
          {t('exhibition.manage')}
        </Link>
      </p>
    </div>
  );
}

/** One exhibition on view, 24 creations a page, each linking to its page in the gallery. */
export function ExhibitionPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const page = usePageParam();
  const { data, error, loading } = useLoad(() => exhibitionApi.publicPage(id, lang, page), `exhibition-${id}-${lang}-${page}`);
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
  const pages = data ? Math.ceil(data.creations.total / data.creations.pageSize) : 1;
  return (
    <div className="page">
      {data ? <PagedHeading page={page}>{data.title}</PagedHeading> : <h1>{missing ? t('exhibition.notFound') : t('exhibition.title')}</h1>}
      <LiveMessage error={error && !missing ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="exhibition" />
      {data && (
        <>
          {datesText(t, lang, data.startsOn, data.endsOn) && <p className="muted">{datesText(t, lang, data.startsOn, data.endsOn)}</p>}
          {data.text && <p className="lead exhibition-text">{data.text}</p>}
          {data.creations.total > 0 && (
            <p>
              <Link href={`${exhibitionPath(id)}/garden`} data-testid="exhibition-garden-link">
                {t('garden.link')}
              </Link>
            </p>
          )}
          {data.creations.total === 0 && <p className="muted">{t('exhibition.noCreations')}</p>}
          <ul className="card-grid">
            {data.creations.items.map((c) => (
              <li key={c.id}>
                <Link href={`/gallery/${encodeURIComponent(c.id)}`} className="card" data-testid="exhibition-creation" data-creation-id={c.id}>
                  <img src={c.thumbnailUrl} alt={c.altText || c.title} loading="lazy" />
                  <span className="card-title">{c.title}</span>
                  {c.maker && <span className="card-maker">{t('maker.by', { maker: c.maker })}</span>}
                </Link>
              </li>
            ))}
          </ul>
          <Pager page={page} pages={pages} path={exhibitionPath(id)} label={t('exhibition.pages')} testId="exhibition-pager" />
          <p>
            <a href={data.iiifUrl} data-testid="exhibition-iiif">
              {t('exhibition.iiif')}
            </a>
          </p>
        </>
      )}
      <p>
        <Link href="/exhibitions">{t('exhibition.back')}</Link>
      </p>
    </div>
  );
}
