import { useState, type FormEvent } from 'react';
import type { Decision, ModerationQueueItem } from '@atelier/contracts/creation.schema';
import { useI18n } from '../../i18n';
import { SafetyBadge } from './SafetyBadge';

export function QueueItem({ creation: c, busy, onDecide }: { creation: ModerationQueueItem; busy: boolean; onDecide(decision: Decision, reason?: string): void }) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = `reason-${c.id}`;
  const reject = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) onDecide('reject', reason.trim());
  };
  return (
    <li className={c.safety?.flagged ? 'queue-item flagged' : 'queue-item'} data-testid="queue-item" data-creation-id={c.id}>
      <img src={c.thumbnailUrl} alt={c.altText || c.title} width={160} height={160} />
      <div className="queue-meta">
        <h3>{c.title}</h3>
        {c.safety && <SafetyBadge safety={c.safety} />}
        {c.workshop && (
          <p className="badge" data-testid="queue-workshop">
            {t('moderation.fromWorkshop', { title: c.workshop.workshopTitle, name: c.workshop.approvedBy })}
          </p>
        )}
        {c.altText && <p className="small">{c.altText}</p>}
        <p className="muted small">{c.creditLine}</p>
        <p className="muted small">{new Date(c.createdAt).toLocaleString()}</p>
        <div className="row">
          <button type="button" className="primary" data-testid="approve" disabled={busy} onClick={() => onDecide('approve')}>
            {t('moderation.approve')}
          </button>
          <button type="button" className="danger" data-testid="reject" disabled={busy} aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
            {t('moderation.reject')}
          </button>
        </div>
        {rejecting && (
          <form onSubmit={reject} className="reject-form">
            <label className="field" htmlFor={reasonId}>
              <span className="field-label">{t('moderation.reason')}</span>
            </label>
            <textarea id={reasonId} required rows={2} value={reason} data-testid="reject-reason" onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="danger" data-testid="reject-confirm" disabled={busy || !reason.trim()}>
              {t('moderation.rejectConfirm')}
            </button>
          </form>
        )}
      </div>
    </li>
  );
}
