import type { MementoLink as Link } from '@atelier/contracts/exhibition.schema';
import { useEffect, useState } from 'react';
import { exhibitionApi } from '../../api/exhibition.client';
import { ApiError } from '../../api/http';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';

/**
 * Right after publishing: asks gallery-api for the creation's take-home link (only the publishing session gets one)
 * and shows it with its QR code. The link is shown once; the server keeps only a hash of its token.
 */
export function MementoLink({ creationId }: { creationId: string }) {
  const { t } = useI18n();
  const [link, setLink] = useState<Link | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    exhibitionApi.memento(creationId).then(
      (l) => live && setLink(l),
      // 404: not a creation this session published to the gallery (a workshop pupil's work goes to the educator).
      (err: unknown) => live && !(err instanceof ApiError && err.status === 404) && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [creationId]);
  if (failed) return <p className="muted" data-testid="memento-link-failed">{t('memento.linkFailed')}</p>;
  if (!link) return null;
  return (
    <div className="memento-link" data-testid="memento-link">
      <strong>{t('memento.linkTitle')}</strong>
      <span className="muted">{t('memento.linkHelp')}</span>
      <a href={link.url} target="_blank" rel="noreferrer" data-testid="memento-link-url">
        {link.url}
      </a>
      <QrCode value={link.url} label={t('memento.linkQr')} size={144} testId="memento-link-qr" />
    </div>
  );
}
