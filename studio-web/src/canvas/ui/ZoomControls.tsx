import { useI18n } from '../../i18n';

/** Zoom buttons for every pointer and the keyboard; the wheel and two fingers do the same on the canvas. */
export function ZoomControls({ zoom, fitted, zoomIn, zoomOut, fit }: { zoom: number; fitted: boolean; zoomIn(): void; zoomOut(): void; fit(): void }) {
  const { t } = useI18n();
  const percent = Math.round(zoom * 100);
  return (
    <div className="zoom-controls" role="group" aria-label={t('zoom.label')}>
      <button type="button" data-testid="zoom-out" onClick={zoomOut} aria-label={t('zoom.out')} aria-keyshortcuts="-">
        −
      </button>
      <output data-testid="zoom-level" aria-live="polite" aria-label={t('zoom.level', { percent })}>
        {percent}%
      </output>
      <button type="button" data-testid="zoom-in" onClick={zoomIn} aria-label={t('zoom.in')} aria-keyshortcuts="+">
        +
      </button>
      <button type="button" data-testid="zoom-fit" onClick={fit} aria-pressed={fitted} aria-keyshortcuts="0">
        {t('zoom.fit')}
      </button>
    </div>
  );
}
