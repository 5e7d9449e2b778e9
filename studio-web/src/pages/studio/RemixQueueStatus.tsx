import { useEffect, useState } from 'react';
import { inferenceApi, type QueueStatus } from '../../api/inference.client';
import { patchEditor, useEditor, useStudio } from '../../canvas/ui/studio';
import { useI18n } from '../../i18n';

/**
 * The estimate for a waiting or running remix and a Cancel button. Position and estimate come from the
 * remix's event stream and change as the queue moves; a cancel that arrives after the remix finished
 * (409) changes nothing, and the finished remix is placed as usual.
 */
export function RemixQueueStatus() {
  const studio = useStudio();
  const { t } = useI18n();
  const job = useEditor((s) => s.remixJob);
  const remixId = job && 'remixId' in job ? job.remixId : null;
  const [queue, setQueue] = useState<QueueStatus>({});
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    setQueue({});
    setCancelling(false);
    return remixId ? inferenceApi.watchQueue(remixId, (update) => setQueue((q) => ({ ...q, ...update }))) : undefined;
  }, [remixId]);

  if (!remixId) return null;

  const cancel = async () => {
    setCancelling(true);
    try {
      await inferenceApi.cancel(remixId);
      studio.stopRemix?.();
      studio.stopRemix = null;
      patchEditor(studio, (s) => (s.remixJob && 'remixId' in s.remixJob && s.remixJob.remixId === remixId ? { remixJob: null } : {}));
    } catch {
      setCancelling(false); // finished meanwhile (409) or unreachable: the remix goes on as shown
    }
  };

  return (
    <div className="remix-queue-status" data-testid="remix-queue-status">
      {queue.estimateSeconds !== undefined && (
        <p className="small muted" data-testid="remix-estimate">
          {t('remix.estimate', { n: queue.estimateSeconds })}
        </p>
      )}
      <button type="button" className="link-button" data-testid="remix-cancel" disabled={cancelling} onClick={() => void cancel()}>
        {cancelling ? t('remix.cancelling') : t('remix.cancel')}
      </button>
    </div>
  );
}
