import type { PublishPreview } from '@atelier/contracts/creation.schema';
import { useEffect, useState } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { useStudio } from '../../canvas/ui/studio';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { canvasColouringPage } from './colouring';
import { ingredientWorkIds } from './publish';

/**
 * A printable colouring page of the canvas (#ColorOurCollections), drawn in the browser, with the credits of the
 * collection works it shows printed under it, as a published creation would credit them.
 */
export function ColouringPanel({ empty }: { empty: boolean }) {
  const studio = useStudio();
  const { t, lang } = useI18n();
  const [sheet, setSheet] = useState<{ url: string; credits: PublishPreview['ingredients'] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => void (sheet && URL.revokeObjectURL(sheet.url)), [sheet]);

  const make = async () => {
    if (busy || !studio.flatten) return;
    setBusy(true);
    setError(null);
    try {
      const ids = await ingredientWorkIds(studio.doc.current(), studio.editor.get().remixes);
      const [page, preview] = await Promise.all([studio.flatten().then(canvasColouringPage), ids.length ? galleryApi.previewPublish(ids, lang) : null]);
      // The same work placed and used as a style is credited once.
      const credits = [...new Map((preview?.ingredients ?? []).map((i) => [i.workId, i])).values()];
      setSheet({ url: URL.createObjectURL(page), credits });
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="colouring-panel-title">
      <h2 id="colouring-panel-title">{t('colouring.canvasTitle')}</h2>
      <p className="muted small">{t('colouring.canvasIntro')}</p>
      <button type="button" data-testid="canvas-colouring" disabled={empty || busy} onClick={() => void make()}>
        {t('colouring.canvasMake')}
      </button>
      <LiveMessage error={error} status={busy ? t('common.loading') : null} testId="canvas-colouring" />
      {sheet && (
        <div className="colouring" data-testid="canvas-colouring-sheet">
          <figure className="colouring-sheet">
            <img src={sheet.url} alt={t('colouring.canvasAlt')} data-testid="canvas-colouring-image" />
            <figcaption>
              {sheet.credits.length > 0 && <p>{t('colouring.canvasBasedOn')}</p>}
              <ul data-testid="canvas-colouring-credits">
                {sheet.credits.map((c) => (
                  <li key={c.workId}>{c.credit}</li>
                ))}
              </ul>
            </figcaption>
          </figure>
          <p className="no-print">
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('colouring.print')}
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
