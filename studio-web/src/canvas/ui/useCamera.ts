import { useCallback, useEffect, type RefObject } from 'react';
import type { CanvasDocument } from '../document/schema';
import { fitCamera, panBy, viewportFor, zoomAt, ZOOM_STEP } from './camera';
import { patchEditor, type Studio } from './studio';

/**
 * The camera follows the available room: the viewport is measured from the wrapper and the window, and while the
 * camera is "fitted" it keeps showing the whole document (after a resize, or when an upscale grows the document).
 * Wheel: pan when zoomed in, zoom with Ctrl/Cmd (and a trackpad pinch, which browsers send as Ctrl+wheel).
 */
export function useCamera(studio: Studio, wrapRef: RefObject<HTMLDivElement | null>, doc: Pick<CanvasDocument, 'width' | 'height'>) {
  const { width, height } = doc;
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const measure = () => {
      const available = { width: el.clientWidth || width, height: Math.max(240, window.innerHeight - 280) };
      const viewport = viewportFor({ width, height }, available);
      patchEditor(studio, (s) => ({ viewport, ...(s.camera.fitted ? { camera: { ...fitCamera({ width, height }, viewport), fitted: true } } : {}) }));
    };
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      ro?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [studio, wrapRef, width, height]);

  // A new document size (an upscale grew it, a draft opened) is shown whole.
  useEffect(() => {
    patchEditor(studio, (s) => ({ camera: { ...fitCamera({ width, height }, s.viewport), fitted: true } }));
  }, [studio, width, height]);

  const zoomBy = useCallback(
    (factor: number, at?: { x: number; y: number }) =>
      patchEditor(studio, (s) => {
        const d = studio.doc.current();
        const centre = at ?? { x: s.viewport.width / 2, y: s.viewport.height / 2 };
        return { camera: { ...zoomAt(s.camera, factor, centre, d, s.viewport), fitted: false } };
      }),
    [studio],
  );
  const fit = useCallback(
    () => patchEditor(studio, (s) => ({ camera: { ...fitCamera(studio.doc.current(), s.viewport), fitted: true } })),
    [studio],
  );
  const pan = useCallback((dx: number, dy: number) => patchEditor(studio, (s) => ({ camera: { ...panBy(s.camera, dx, dy), fitted: false } })), [studio]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const s = studio.editor.get();
      const rect = el.querySelector('canvas')?.getBoundingClientRect();
      if (!rect) return;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        zoomBy(Math.exp(-e.deltaY / 300), { x: e.clientX - rect.left, y: e.clientY - rect.top });
      } else if (!s.camera.fitted) {
        e.preventDefault(); // zoomed in: the wheel pans the canvas; at fit it scrolls the page as usual
        pan(-e.deltaX, -e.deltaY);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [studio, wrapRef, zoomBy, pan]);

  return { zoomIn: () => zoomBy(ZOOM_STEP), zoomOut: () => zoomBy(1 / ZOOM_STEP), zoomBy, fit, pan };
}
