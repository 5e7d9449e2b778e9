import { ApiError } from '../../api/http';
import { galleryApi } from '../../api/gallery.client';
import { Link } from '../../app/router';
import { LicencePlain } from '../../components/LicenceBadge';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';
import { Provenance } from './Provenance';
import { RemixThis } from './RemixThis';
import { ContentCredentials } from './ContentCredentials';

/** JSON inside a script element must not be able to close it. */
const safeJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export function CreationPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { data: c, error, loading } = useLoad(() => galleryApi.getCreation(id, lang), `${id}-${lang}`);
  if (loading) return <p className="page" role="status">{t('common.loading')}</p>;
  if (!c) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <div className="page">
        <LiveMessage error={notFound ? t('creation.notFound') : describeError(error, t)} />
        <Link href="/gallery">{t('creation.back')}</Link>
      </div>
    );
  }
  // The API's ingredients carry their credit in the visitor's language; the provenance keeps the published (English) one.
  const ingredients = c.ingredients;
  return (
    <article className="page creation" data-testid="creation-page">
      <p>
        <Link href="/gallery">← {t('creation.back')}</Link>
      </p>
      <div className="creation-layout">
        <img className="creation-image" src={c.workingUrl} alt={c.altText || c.title} data-testid="creation-image" />
        <div>
          <h1 data-testid="creation-title">{c.title}</h1>
          {c.maker && <p className="creation-maker" data-testid="creation-maker">{t('maker.by', { maker: c.maker })}</p>}
          <p data-testid="creation-credit">{c.creditLine}</p>
          <p>
            {t('creation.licence')} <LicencePlain licence={c.licence} />{' '}
            <a className="licence-code" href={c.licence.uri} rel="license noopener" target="_blank" data-testid="creation-licence">
              {c.licence.label}
            </a>
          </p>
          {ingredients.length > 0 && (
            <section aria-labelledby="based-on">
              <h2 id="based-on">{t('creation.basedOn')}</h2>
              <ul data-testid="creation-based-on">
                {ingredients.map((i) => (
                  <li key={`${i.workId}-${i.role}`}>
                    <Link href={`/works/${encodeURIComponent(i.workId)}`}>{i.title}</Link>
                    {i.creator ? `, ${i.creator}` : ''}
                    {i.role === 'style' ? ` (${t('creation.asStyle')})` : ''}
                    <br />
                    <span className="muted small">{i.credit}</span>
                    <br />
                    {i.landingUrl ? (
                      <a href={i.landingUrl} rel="noopener" target="_blank" data-testid="ingredient-original">
                        {i.institution ? t('creation.originalAt', { institution: i.institution }) : t('creation.original')}
                      </a>
                    ) : (
                      <span data-testid="ingredient-held">{i.institution ? t('creation.heldAt', { institution: i.institution }) : t('creation.heldUnknown')}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {c.status === 'approved' && <RemixThis creationId={c.id} />}
          {c.status === 'approved' && (
            <p>
              <a href={`/api/gallery/creations/${encodeURIComponent(c.id)}/manifest.json`} data-testid="creation-iiif">
                {t('creation.iiif')}
              </a>
            </p>
          )}
          <Provenance record={c.provenance} />
          <ContentCredentials credentials={c.credentials} imageUrl={c.imageUrl} />
        </div>
      </div>
      <script type="application/ld+json" data-testid="creation-jsonld" dangerouslySetInnerHTML={{ __html: safeJson(c.jsonLd) }} />
    </article>
  );
}
