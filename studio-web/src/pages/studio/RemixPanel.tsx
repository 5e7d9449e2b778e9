import { useEffect, useRef } from 'react';
import { useEditor, useStudio } from '../../canvas/ui/studio';
import { LiveMessage } from '../../components/Message';
import type { RemixJob } from '../../canvas/ui/studio';
import { useI18n, type Translate } from '../../i18n';
import { discardRemix, keepRemix } from './remix.controller';
import { remixTools } from './remix-request';
import { RemixQueueStatus } from './RemixQueueStatus';
import { StylePanel } from './StylePanel';
import { useToolCatalog } from './tool-catalog';
import { useToolOptions } from './tool-options';
import { CartoonPanel, CutOutPanel, FixedStylePanel, UpscalePanel } from './ToolPanels';
import { TOOL_PANEL_ID, ToolPicker, toolTabId } from './ToolPicker';
import { pupilTools, usePupilWorkshop } from '../workshops/pupil-context';

/**
 * A failed remix in the visitor's language: the kinds the server names have a sentence of their own (a worker that
 * kept crashing, the collection out of reach, a full disk); anything else is the server's plain message.
 */
function failureText(job: Extract<RemixJob, { status: 'failed' }>, t: Translate): string {
  switch (job.code) {
    case 'worker_crashed':
      return t('remix.failure.workerCrashed');
    case 'collection_unreachable':
      return t('remix.failure.collectionUnreachable');
    case 'storage_full':
      return t('error.storageFull');
    default:
      return t('remix.failed', { message: job.message });
  }
}

export function RemixPanel() {
  const studio = useStudio();
  const { t } = useI18n();
  const catalog = useToolCatalog();
  const job = useEditor((s) => s.remixJob);
  const staged = useEditor((s) => s.staged);
  // The safety screen never hides a result; the visitor is told that a person will look before it is shown.
  const flagged = useEditor((s) => !!s.staged && !!s.remixes[s.staged.remixId]?.safety?.flagged);
  const [{ tool: chosen }] = useToolOptions();
  // A workshop pupil sees only the tools of their workshop (gallery-api refuses the others at publish).
  const pupil = usePupilWorkshop();
  const tools = pupilTools(remixTools(catalog.models), pupil);
  const tool = tools.includes(chosen) ? chosen : tools[0];
  const progress = job && 'progress' in job ? Math.round(job.progress * 100) : 0;
  const panel = useRef<HTMLElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasStaged = useRef(!!staged);
  useEffect(() => {
    if (!!staged === wasStaged.current) return;
    wasStaged.current = !!staged;
    // Focus follows the remix only from where the visitor left it (this panel, or nowhere): never out of a text field.
    const active = document.activeElement;
    if (active && active !== document.body && !panel.current?.contains(active)) return;
    if (staged) {
      keep.current?.focus({ preventScroll: true });
      // The result is on the canvas: show it, with Keep (pinned to the bottom on a tablet or phone) beside it.
      document.querySelector('[data-testid="canvas"]')?.scrollIntoView?.({ block: 'nearest' });
    } else heading.current?.focus();
  }, [staged]);

  return (
    <section ref={panel} className="panel remix-panel" aria-labelledby="remix-title">
      <h2 id="remix-title" ref={heading} tabIndex={-1}>
        {t('remix.title')}
      </h2>
      <ToolPicker tools={tools} selected={tool} />
      {!catalog.loaded && <p className="muted small">{t('common.loading')}</p>}
      {catalog.loaded && !tool && (
        <p className="muted small" data-testid="tools-none">
          {t('tools.none')}
        </p>
      )}
      {tool && (
        <div role="tabpanel" id={TOOL_PANEL_ID} aria-labelledby={toolTabId(tool)}>
          {/* A worker that has just started warms the heavy models after it takes its first remix (GET /models `ready`). */}
          {catalog.models.some((m) => m.tool === tool && m.ready === false) && (
            <p className="muted small" data-testid="tool-warming">
              {t('tools.warming')}
            </p>
          )}
          {tool === 'style' && <StylePanel />}
          {tool === 'cutout' && <CutOutPanel />}
          {tool === 'upscale' && <UpscalePanel />}
          {tool === 'cartoon' && <CartoonPanel />}
          {tool === 'fixed-style' && <FixedStylePanel />}
        </div>
      )}
      {job && job.status !== 'failed' && (
        <div className="remix-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label={t('remix.progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress}
            data-testid="remix-progress"
          >
            <div className="progress-bar" style={{ width: `${progress}%` }} />
          </div>
          <p className="small" data-testid="remix-queue">
            {job.status === 'submitting'
              ? t('remix.uploading')
              : job.status === 'queued' && job.waitingFor === 'worker'
                ? t('remix.waitingForWorker')
                : job.status === 'queued' && job.waitingFor === 'collection'
                  ? t('remix.waitingForCollection')
                  : job.status === 'queued' && job.position !== undefined
                ? // The queue counts from 1 = next (contracts `Remix.position`).
                  job.position <= 1
                  ? t('remix.next')
                  : t('remix.position', { n: job.position - 1 })
                : job.status === 'queued'
                  ? t('remix.queued')
                  : t('remix.running', { n: progress })}
          </p>
          <RemixQueueStatus />
        </div>
      )}
      <LiveMessage
        error={job?.status === 'failed' ? failureText(job, t) : null}
        status={staged ? t('remix.ready') : null}
        testId="remix"
      />
      {staged && flagged && (
        <p className="small" role="status" data-testid="remix-flagged">
          {t('safety.flagged')}
        </p>
      )}
      {staged && (
        <div className="staged-actions">
          <button ref={keep} type="button" className="primary" data-testid="remix-keep" onClick={() => keepRemix(studio)}>
            {t('remix.keep')}
          </button>
          <button type="button" data-testid="remix-discard" onClick={() => discardRemix(studio)}>
            {t('remix.discard')}
          </button>
        </div>
      )}
    </section>
  );
}
