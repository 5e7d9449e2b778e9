import type { Memento } from '@atelier/contracts/exhibition.schema';
import { useEffect, useState } from 'react';
import { exhibitionApi } from '../../api/exhibition.client';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/**
 * A visitor's take-home memento (`/memento#<token>`): the creation in every status with its credit, the image to
 * download, and a postcard with the credit line printed on it. The token stays in the fragment and in request
 * bodies, so no server log or Referer carries it.
 */
export function MementoPage() {
  const { t, lang } = useI18n();
  const [token] = useState(() => window.location.hash.slice(1));
  const valid = TOKEN.test(token);
  const [memento, setMemento] = useState<Memento | null>(null);
  const [image, setImage] = useState<{ url: string; blob: Blob } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!valid) return;
    let live = true;
    exhibitionApi.openMemento(token, lang).then(
      (m) => live && setMemento(m),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token, lang, valid]);

  const withdrawn = memento?.status === 'withdrawn';
  useEffect(() => {
    if (!memento || withdrawn) return;
    let url: string | null = null;
    let live = true;
    exhibitionApi.mementoImage(token).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setImage({ url, blob });
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [memento, withdrawn, token]);

  useEffect(() => {
    const before = () => document.body.classList.add('memento-printing');
    const after = () => document.body.classList.remove('memento-printing');
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      after();
    };
  }, []);

  if (!valid)
    return (
      <div className="page">
        <h1>{t('memento.title')}</h1>
        <p className="message error" role="alert" data-testid="memento-missing">
          {t('memento.missing')}
        </p>
      </div>
    );

  const fileName = `${(memento?.title ?? 'creation').replace(/[\\/:*?"<>|]+/g, '').trim() || 'creation'}.png`;
  const statusText = memento ? (memento.status === 'withdrawn' ? t('memento.withdrawn') : t(`mine.${memento.status}`)) : '';
  return (
    <div className="page memento">
      <h1>{memento?.title ?? t('memento.title')}</h1>
      <LiveMessage error={error ? describeError(error, t) : null} status={!memento && !error ? t('common.loading') : null} testId="memento-load" />
      {memento && (
        <>
          <p className="lead">{t('memento.intro')}</p>
          <p className={`status-badge status-${memento.status}`} data-testid="memento-status" data-status={memento.status}>
            {statusText}
          </p>
          {memento.rejectionReason && (
            <p className="message" data-testid="memento-reason">
              {t('mine.reason', { reason: memento.rejectionReason })}
            </p>
          )}
          {image && <img className="memento-image" src={image.url} alt={memento.altText || memento.title} width={memento.width} height={memento.height} data-testid="memento-image" />}
          {memento.maker && <p data-testid="memento-maker">{t('maker.by', { maker: memento.maker })}</p>}
          <p className="credit-line" data-testid="memento-credit">
            {memento.creditLine}
          </p>
          <p className="row">
            {image && (
              <a className="button" href={image.url} download={fileName} data-testid="memento-download">
                {t('memento.download')}
              </a>
            )}
            {image && (
              <button type="button" onClick={() => window.print()} data-testid="memento-print">
                {t('memento.print')}
              </button>
            )}
            {memento.pageUrl && (
              <a href={memento.pageUrl} data-testid="memento-page">
                {t('memento.publicPage')}
              </a>
            )}
          </p>
          {image && (
            <figure className="postcard" aria-label={t('memento.postcard')} data-testid="memento-postcard">
              <img src={image.url} alt="" />
              <figcaption className="postcard-credit">
                {memento.maker && <>{t('maker.by', { maker: memento.maker })} · </>}
                {memento.creditLine}
              </figcaption>
            </figure>
          )}
        </>
      )}
    </div>
  );
}
