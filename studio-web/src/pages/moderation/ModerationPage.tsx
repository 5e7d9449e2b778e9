import type { Decision, ModerationQueueItem } from '@atelier/contracts/creation.schema';
import type { StaffUser } from '@atelier/contracts/staff.schema';
import { useEffect, useState } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { ApiError } from '../../api/http';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { LoginForm } from './LoginForm';
import { QueueItem } from './QueueItem';

type Session = { state: 'checking' } | { state: 'out' } | { state: 'in'; user: StaffUser };

export function ModerationPage() {
  const { t, lang } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [queue, setQueue] = useState<ModerationQueueItem[] | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    galleryApi.me().then(
      (user) => setSession({ state: 'in', user }),
      (err: unknown) => {
        setSession({ state: 'out' });
        if (!(err instanceof ApiError && (err.status === 401 || err.status === 403))) setError(describeError(err, t));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per visit
  }, []);

  const loadQueue = () =>
    galleryApi.moderationQueue(lang).then(setQueue, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) setSession({ state: 'out' });
      setError(describeError(err, t));
    });

  useEffect(() => {
    if (session.state === 'in') void loadQueue();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload when the login or the language changes
  }, [session.state, lang]);

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

  const logout = async () => {
    await galleryApi.logout().catch(() => undefined);
    setSession({ state: 'out' });
    setQueue(null);
  };

  return (
    <div className="page moderation">
      <h1>{t('moderation.title')}</h1>
      <LiveMessage error={error} status={status} testId="moderation" />
      {session.state === 'checking' && <p role="status">{t('common.loading')}</p>}
      {session.state === 'out' && (
        <LoginForm
          onLoggedIn={(user) => {
            setError(null);
            setSession({ state: 'in', user });
          }}
        />
      )}
      {session.state === 'in' && (
        <>
          <p className="row">
            <span>{t('moderation.loggedInAs', { name: session.user.username })}</span>
            <button type="button" data-testid="logout" onClick={() => void logout()}>
              {t('moderation.logout')}
            </button>
          </p>
          <h2>{t('moderation.queue')}</h2>
          {queue === null && <p role="status">{t('common.loading')}</p>}
          {queue?.length === 0 && <p className="muted" data-testid="queue-empty">{t('moderation.empty')}</p>}
          <ul className="queue" data-testid="moderation-queue">
            {queue?.map((c) => (
              <QueueItem key={c.id} creation={c} busy={busyId === c.id} onDecide={(d, r) => void decide(c, d, r)} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
