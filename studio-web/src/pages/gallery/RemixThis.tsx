import { useState } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { ApiError } from '../../api/http';
import { navigate } from '../../app/router';
import { patchEditor, useStudio } from '../../canvas/ui/studio';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';

/**
 * "Remix this" on an approved creation's page: its collection works open in the studio as a draft, placed as the
 * visitor placed them (gallery-api's remix-this service), with its maker's style preselected; the visitor then draws
 * and remixes their own.
 */
export function RemixThis({ creationId }: { creationId: string }) {
  const { t } = useI18n();
  const studio = useStudio();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { resumePath, recipe } = await galleryApi.remixCreation(creationId);
      // Its maker's style, preselected: the visitor sees the same style work and strength when they remix.
      if (recipe) patchEditor(studio, { styleWorkId: recipe.styleWorkId, strength: recipe.strength });
      navigate(resumePath);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'sources_not_remixable') {
        const works = (err.details as { works?: { id: string }[] } | undefined)?.works ?? [];
        setError(t('creation.remixRefused', { n: works.length }));
      } else if (err instanceof ApiError && err.code === 'no_sources') setError(t('creation.remixNoSources'));
      else setError(describeError(err, t));
    }
  };
  return (
    <div className="remix-this">
      <button type="button" className="primary" onClick={() => void start()} disabled={busy} data-testid="remix-this">
        {t('creation.remixThis')}
      </button>
      <p className="muted small">{t('creation.remixThisHelp')}</p>
      <LiveMessage error={error} testId="remix-this" />
    </div>
  );
}
