import { useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { createPortal } from 'react-dom';
import type { WorkSummary } from '@atelier/contracts/work.schema';
import type { WorkRegion } from '../../canvas/document/schema';
import { useI18n } from '../../i18n';
import { useModalDialog } from '../../components/dialog';
import { nudgeBox, regionFromDrag, startBox } from './detail-region';

/** CSS pixels an arrow key moves or resizes the rectangle by. */
const KEY_STEP = 10;

type Point = { x: number; y: number };

/**
 * A small dialog over the work's working rendition: the visitor drags a rectangle (or, on the focused image,
 * moves it with the arrow keys and sizes it with Shift+arrows), and the region (in the work's full pixel size, as
 * IIIF counts) goes to `onPlace`. Escape or Cancel closes it without a change; Tab stays inside it.
 */
export function IiifDetailPicker({ work, onPlace, onClose }: { work: WorkSummary; onPlace(region: WorkRegion): void; onClose(): void }) {
  const { t } = useI18n();
  const img = useRef<HTMLImageElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<Point | null>(null);
  const [end, setEnd] = useState<Point | null>(null);
  const [dragging, setDragging] = useState(false);
  const onDialogKeyDown = useModalDialog(dialog, onClose);

  const local = (e: ReactPointerEvent): Point => {
    const r = img.current?.getBoundingClientRect();
    return r ? { x: e.clientX - r.left, y: e.clientY - r.top } : { x: 0, y: 0 };
  };
  const shown = () => ({ width: img.current?.clientWidth ?? 0, height: img.current?.clientHeight ?? 0 });
  const full = {
    width: work.width || img.current?.naturalWidth || 0,
    height: work.height || img.current?.naturalHeight || 0,
  };
  const region = start && end ? regionFromDrag(start, end, shown(), full) : null;
  const box = start && end ? { left: Math.min(start.x, end.x), top: Math.min(start.y, end.y), width: Math.abs(end.x - start.x), height: Math.abs(end.y - start.y) } : null;

  const onStageKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && region) {
      e.preventDefault();
      onPlace(region);
      return;
    }
    const current = box ? { x: box.left, y: box.top, w: box.width, h: box.height } : startBox(shown());
    const next = box ? nudgeBox(current, e.key, e.shiftKey, shown(), KEY_STEP) : e.key.startsWith('Arrow') ? current : null;
    if (!next) return;
    e.preventDefault();
    setStart({ x: next.x, y: next.y });
    setEnd({ x: next.x + next.w, y: next.y + next.h });
  };

  // A portal to <body>: inside the collection panel the dialog would share the panel's stacking context and
  // the canvas would paint over it.
  return createPortal(
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="dialog detail-picker"
        role="dialog"
        aria-modal="true"
        aria-labelledby="detail-title"
        tabIndex={-1}
        data-testid="detail-picker"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onDialogKeyDown}
      >
        <h2 id="detail-title">{t('detail.title')}</h2>
        <p className="muted small">{t('detail.help')}</p>
        <p className="muted small" id="detail-keys">
          {t('detail.keys')}
        </p>
        <div
          className="detail-stage"
          role="group"
          tabIndex={0}
          aria-label={t('detail.area')}
          aria-describedby="detail-keys"
          onKeyDown={onStageKey}
          style={{ position: 'relative', touchAction: 'none', userSelect: 'none', display: 'inline-block' }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture?.(e.pointerId);
            setStart(local(e));
            setEnd(local(e));
            setDragging(true);
          }}
          onPointerMove={(e) => dragging && setEnd(local(e))}
          onPointerUp={(e) => {
            setEnd(local(e));
            setDragging(false);
          }}
          data-testid="detail-stage"
        >
          <img ref={img} src={work.imageUrl} alt={work.title} draggable={false} style={{ maxWidth: '70vw', maxHeight: '60vh', display: 'block' }} />
          {box && <div className="detail-box" style={{ position: 'absolute', outline: '2px dashed #fff', boxShadow: '0 0 0 9999px rgba(0,0,0,.45)', ...box }} />}
        </div>
        <p className="muted small" aria-live="polite">{region ? t('detail.size', { w: region.w, h: region.h }) : ''}</p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t('detail.cancel')}</button>
          <button type="button" disabled={!region} onClick={() => region && onPlace(region)} data-testid="detail-place">
            {t('detail.place')}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
