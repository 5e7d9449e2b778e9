import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import { ApiError } from '../../api/http';
import { creationImageUrl, galleryApi } from '../../api/gallery.client';
import { Link } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { useLoad } from '../useLoad';
import { Provenance } from './Provenance';

/** JSON inside a script element must not be able to close it. */
const safeJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export function CreationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { data: c, error, loading } = useLoad(() => galleryApi.getCreation(id), id);
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
  const licence = OUTPUT_LICENCES[c.licence.id] ?? { label: c.licence.id, uri: c.licence.uri };
  const ingredients = c.provenance?.ingredients ?? [];
  return (
    <article className="page creation" data-testid="creation-page">
      <p>
        <Link href="/gallery">← {t('creation.back')}</Link>
      </p>
      <div className="creation-layout">
        <img className="creation-image" src={c.workingUrl ?? creationImageUrl(c.id, 'working')} alt={c.altText || c.title} data-testid="creation-image" />
        <div>
          <h1 data-testid="creation-title">{c.title}</h1>
          <p data-testid="creation-credit">{c.creditLine}</p>
          <p>
            {t('creation.licence')}{' '}
            <a href={c.licence.uri || licence.uri} rel="license noopener" target="_blank" data-testid="creation-licence">
              {licence.label}
            </a>
          </p>
          {ingredients.length > 0 && (
            <section aria-labelledby="based-on">
              <h2 id="based-on">{t('creation.basedOn')}</h2>
              <ul data-testid="creation-based-on">
                {ingredients.map((i) => (
                  <li key={`${i.workId}-${i.role ?? ''}`}>
                    <Link href={`/works/${encodeURIComponent(i.workId)}`}>{i.title}</Link>
                    {i.creator ? `, ${i.creator}` : ''}
                    {i.role === 'style' ? ` (${t('creation.asStyle')})` : ''}
                    <br />
                    <span className="muted small">{i.credit}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {c.provenance && <Provenance record={c.provenance} />}
        </div>
      </div>
      {c.jsonLd !== undefined && (
        <script type="application/ld+json" data-testid="creation-jsonld" dangerouslySetInnerHTML={{ __html: safeJson(c.jsonLd) }} />
      )}
    </article>
  );
}
