import { useEffect, useState } from 'react';
import { useEditor, useStudio } from '../../canvas/ui/studio';
import { useI18n } from '../../i18n';
import { cancelRemix } from './remix.controller';

/**
 * The estimate for a waiting or running remix and a Cancel button. The estimate is the job's, kept up to date
 * by the remix's one event stream; a cancel that arrives after the remix finished (409) changes nothing, and the
 * finished remix is placed as usual.
 */
export function RemixQueueStatus() {
  const studio = useStudio();
  const { t } = useI18n();
  const job = useEditor((s) => s.remixJob);
  const remixId = job && 'remixId' in job ? job.remixId : null;
  const estimate = job && 'remixId' in job ? job.estimateSeconds : undefined;
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => setCancelling(false), [remixId]);

  if (!remixId) return null;

  const cancel = async () => {
    setCancelling(true);
    if (!(await cancelRemix(studio, remixId))) setCancelling(false); // finished meanwhile, or unreachable
  };

  return (
    <div className="remix-queue-status" data-testid="remix-queue-status">
      {estimate !== undefined && (
        <p className="small muted" data-testid="remix-estimate">
          {t('remix.estimate', { n: estimate })}
        </p>
      )}
      <button type="button" className="link-button" data-testid="remix-cancel" disabled={cancelling} onClick={() => void cancel()}>
        {cancelling ? t('remix.cancelling') : t('remix.cancel')}
      </button>
    </div>
  );
}
