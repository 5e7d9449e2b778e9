import { useEffect, useRef, useState } from 'react';
import { CanvasArea } from '../../canvas/ui/CanvasArea';
import { LayerList } from '../../canvas/ui/LayerList';
import { patchEditor, useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { CANVAS_TOOLS, DRAWING_TOOLS, Toolbar } from '../../canvas/ui/Toolbar';
import { useI18n } from '../../i18n';
import { DraftPanel } from './DraftPanel';
import { fillLookups, lookupKey } from './lookups';
import { ColouringPanel } from './ColouringPanel';
import { PublishPanel } from './PublishPanel';
import { RemixPanel } from './RemixPanel';
import { PupilBanner } from '../workshops/PupilBanner';
import { usePupilWorkshop } from '../workshops/pupil-context';
import { StudioCollectionPanel } from '../workshops/WorkshopCollectionPanel';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function StudioPage() {
  const studio = useStudio();
  const { t, lang } = useI18n();
  const present = useHistory().present;
  const empty = present.layers.length === 0;
  const restoreFailed = useEditor((s) => s.restoreFailed);
  const pupil = usePupilWorkshop();
  const [publishing, setPublishing] = useState(false);
  const publishOpen = useRef<HTMLButtonElement>(null);
  const closedPublish = useRef(false);
  // Closing the publish form returns focus to the button that opened it (or the canvas's start, once reset).
  useEffect(() => {
    if (publishing || !closedPublish.current) return;
    closedPublish.current = false;
    if (publishOpen.current && !publishOpen.current.disabled) publishOpen.current.focus();
    else document.getElementById('main')?.focus();
  }, [publishing]);

  // A canvas restored from this device or opened from a draft: titles and image sizes of its works, where missing.
  const lookups = lookupKey(present.layers);
  useEffect(() => {
    void fillLookups(studio, lang);
  }, [studio, lang, lookups]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || isTyping(e.target)) return;
      e.preventDefault();
      if (e.shiftKey) studio.doc.redo();
      else studio.doc.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio]);

  return (
    <div className="studio">
      <h1 className="visually-hidden">{t('studio.title')}</h1>
      {/* A workshop without searching offers only its assignment's works (its server refuses others at send). */}
      <StudioCollectionPanel />
      <section className="workspace" aria-label={t('studio.canvas')}>
        <PupilBanner />
        {restoreFailed && (
          <div className="message status restore-notice" role="status" data-testid="restore-failed">
            <p>{t('canvas.restoreFailed')}</p>
            <button type="button" className="tap" onClick={() => patchEditor(studio, { restoreFailed: false })}>
              {t('canvas.restoreDismiss')}
            </button>
          </div>
        )}
        {/* A workshop without drawing offers no drawing tools (its server refuses strokes at send as well). */}
        <Toolbar canvasTools={pupil && !pupil.workshop.mayDraw ? CANVAS_TOOLS.filter((c) => !DRAWING_TOOLS.includes(c)) : CANVAS_TOOLS} />
        <CanvasArea />
        {empty && <p className="canvas-hint muted">{t('studio.emptyHint')}</p>}
        <details className="layers">
          <summary>{t('layers.label')}</summary>
          <LayerList />
        </details>
      </section>
      <aside className="side">
        <RemixPanel />
        {publishing ? (
          <PublishPanel
            onClose={() => {
              closedPublish.current = true;
              setPublishing(false);
            }}
          />
        ) : (
          <section className="panel">
            <h2>{t('publish.title')}</h2>
            <p className="muted small">{t('publish.intro')}</p>
            <button ref={publishOpen} type="button" className="primary" data-testid="publish-open" disabled={empty} onClick={() => setPublishing(true)}>
              {t('publish.open')}
            </button>
          </section>
        )}
        <DraftPanel empty={empty} />
        <ColouringPanel empty={empty} />
      </aside>
    </div>
  );
}
