import { discardRemix, keepRemix, startRemix } from '../../canvas/ui/remix.controller';
import { patchEditor, useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { RemixQueueStatus } from './RemixQueueStatus';
import { StyleExtras } from './StyleExtras';
import { CartoonPanel, CutOutPanel, FixedStylePanel, UpscalePanel } from './ToolPanels';
import { ToolPicker, useToolOptions } from './ToolPicker';

export function RemixPanel() {
  const studio = useStudio();
  const { t } = useI18n();
  const hasLayers = useHistory().present.layers.length > 0;
  const styleWorkId = useEditor((s) => s.styleWorkId);
  const style = useEditor((s) => (s.styleWorkId ? s.works[s.styleWorkId] : undefined));
  const strength = useEditor((s) => s.strength);
  const job = useEditor((s) => s.remixJob);
  const staged = useEditor((s) => s.staged);
  // The safety screen never hides a result; the visitor is told that a person will look before it is shown.
  const flagged = useEditor((s) => !!s.staged && !!s.remixes[s.staged.remixId]?.safety?.flagged);
  const [{ tool }] = useToolOptions();

  const busy = !!job && job.status !== 'failed';
  const canRemix = !busy && !staged && !!styleWorkId && hasLayers;
  const hint = !hasLayers ? t('remix.needCanvas') : !styleWorkId ? t('remix.needStyle') : null;

  return (
    <section className="panel remix-panel" aria-labelledby="remix-title">
      <h2 id="remix-title">{t('remix.title')}</h2>
      <ToolPicker />
      {tool === 'cutout' && <CutOutPanel />}
      {tool === 'upscale' && <UpscalePanel />}
      {tool === 'cartoon' && <CartoonPanel />}
      {tool === 'fixed-style' && <FixedStylePanel />}
      {tool === 'style' && (
        <>
      <div className="style-choice" data-testid="style-choice">
        <span className="field-label">{t('remix.styleOf')}</span>
        {style ? (
          <figure className="style-preview">
            <img src={style.thumbnailUrl} alt={style.title} width={64} height={64} />
            <figcaption>
              {style.title}
              <button type="button" className="link-button" onClick={() => patchEditor(studio, { styleWorkId: null })}>
                {t('remix.clearStyle')}
              </button>
            </figcaption>
          </figure>
        ) : (
          <p className="muted">{t('remix.pickStyle')}</p>
        )}
      </div>
      <label className="field">
        <span className="field-label">
          {t('remix.strength')} <output>{strength} %</output>
        </span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={strength}
          data-testid="remix-strength"
          aria-valuetext={`${strength} %`}
          onChange={(e) => patchEditor(studio, { strength: Number(e.target.value) })}
        />
      </label>
      <StyleExtras />
      <button
        type="button"
        className="primary"
        data-testid="remix-submit"
        disabled={!canRemix}
        aria-describedby={hint ? 'remix-hint' : undefined}
        onClick={() => void startRemix(studio, (err) => describeError(err, t))}
      >
        {busy ? t('remix.working') : t('remix.submit')}
      </button>
      {hint && !busy && (
        <p id="remix-hint" className="muted small">
          {hint}
        </p>
      )}
        </>
      )}
      {job && job.status !== 'failed' && (
        <div className="remix-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label={t('remix.progress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={'progress' in job ? Math.round(job.progress) : 0}
            data-testid="remix-progress"
          >
            <div className="progress-bar" style={{ width: `${'progress' in job ? job.progress : 0}%` }} />
          </div>
          <p className="small" data-testid="remix-queue">
            {job.status === 'submitting'
              ? t('remix.uploading')
              : job.status === 'queued' && job.position !== undefined
                ? t('remix.position', { n: job.position })
                : job.status === 'queued'
                  ? t('remix.queued')
                  : t('remix.running', { n: Math.round(job.progress) })}
          </p>
          <RemixQueueStatus />
        </div>
      )}
      <LiveMessage
        error={job?.status === 'failed' ? t('remix.failed', { message: job.message }) : null}
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
          <button type="button" className="primary" data-testid="remix-keep" onClick={() => keepRemix(studio)}>
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
