import type { Decision, ModerationQueueItem } from '@atelier/contracts/creation.schema';
import { useEffect, useState } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { ApiError } from '../../api/http';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { StaffGate } from '../staff/StaffGate';
import { QueueItem } from './QueueItem';

export function ModerationPage() {
  const { t } = useI18n();
  return (
    <div className="page moderation">
      <h1>{t('moderation.title')}</h1>
      <StaffGate permission="moderate">{(_user, loggedOut) => <ModerationQueue onLoggedOut={loggedOut} />}</StaffGate>
    </div>
  );
}

function ModerationQueue({ onLoggedOut }: { onLoggedOut(): void }) {
  const { t, lang } = useI18n();
  const [queue, setQueue] = useState<ModerationQueueItem[] | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const loadQueue = () =>
    galleryApi.moderationQueue(lang).then(setQueue, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) onLoggedOut();
      setError(describeError(err, t));
    });

  useEffect(() => {
    void loadQueue();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the language changes
  }, [lang]);

  const decide = async (c: ModerationQueueItem, decision: Decision, reason?: string) => {
    setBusyId(c.id);
    setError(null);
    try {
      await galleryApi.decide(c.id, decision, reason);
      setQueue((q) => q?.filter((x) => x.id !== c.id) ?? null);
      setStatus(t(decision === 'approve' ? 'moderation.approved' : 'moderation.rejected', { title: c.title }));
      void loadQueue();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <LiveMessage error={error} status={status} testId="moderation" />
      <h2>{t('moderation.queue')}</h2>
      {queue === null && <p role="status">{t('common.loading')}</p>}
      {queue?.length === 0 && <p className="muted" data-testid="queue-empty">{t('moderation.empty')}</p>}
      <ul className="queue" data-testid="moderation-queue">
        {queue?.map((c) => (
          <QueueItem key={c.id} creation={c} busy={busyId === c.id} onDecide={(d, r) => void decide(c, d, r)} />
        ))}
      </ul>
    </>
  );
}
