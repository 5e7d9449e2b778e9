import { formatDraftCode } from '@atelier/contracts/draft';
import type { DraftSaved } from '@atelier/contracts/draft.schema';
import { useState } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { useStudio } from '../../canvas/ui/studio';
import { describeError, LiveMessage } from '../../components/Message';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import { DraftOpener } from './DraftOpener';
import { draftRequestOf } from './draft';

/** Save the canvas as a draft (a code and a QR code of its resume link) and open one saved elsewhere. */
export function DraftPanel({ empty }: { empty: boolean }) {
  const studio = useStudio();
  const { t, lang } = useI18n();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<DraftSaved | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const request = draftRequestOf(studio);
    if (!request || saving) return;
    setSaving(true);
    setError(null);
    try {
      setSaved(await galleryApi.saveDraft(request));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSaving(false);
    }
  };

  const date = (iso: string) => new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(new Date(iso));
  return (
    <section className="panel draft-panel" aria-labelledby="draft-title" data-testid="draft-panel">
      <h2 id="draft-title">{t('draft.title')}</h2>
      <p className="muted small">{t('draft.intro')}</p>
      <button type="button" className="tap" data-testid="draft-save" disabled={empty || saving} onClick={() => void save()}>
        {t('draft.save')}
      </button>
      <LiveMessage error={error} status={saving ? t('draft.saving') : null} testId="draft-save" />
      {saved && (
        <div className="draft-saved" data-testid="draft-saved">
          <p>
            {t('draft.yourCode')}:{' '}
            <strong className="draft-code" data-testid="draft-code">
              {formatDraftCode(saved.code)}
            </strong>
          </p>
          <QrCode value={`${window.location.origin}${saved.resumePath}`} label={t('draft.qr')} testId="draft-qr" />
          <p className="small">{t('draft.scan')}</p>
          <p className="small muted">{t('draft.expires', { date: date(saved.expiresAt) })}</p>
        </div>
      )}
      <h3>{t('draft.openTitle')}</h3>
      <DraftOpener />
    </section>
  );
}
