import type { Submission } from '@atelier/contracts/workshop.schema';
import type { ReactNode } from 'react';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';

/** One pupil's work: a large preview, its title, pseudonym and credits; `children` adds the actions. */
export function SubmissionCard({ s, qr = false, children }: { s: Submission; qr?: boolean; children?: ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <article className={`workshop-card state-${s.state}`} data-testid="workshop-submission" data-state={s.state}>
      <img src={s.imageUrl} alt={s.title} loading="lazy" />
      <div className="workshop-card-text">
        <h3>{s.title}</h3>
        <p className="workshop-pseudonym">{t('workshop.queue.by', { name: s.pseudonym[lang] })}</p>
        <p className="muted small">{s.creditLine}</p>
        {s.comment && <p className="workshop-comment">{t('workshop.pupil.comment', { comment: s.comment })}</p>}
        {qr && <QrCode value={s.pageUrl} label={t('workshop.gallery.qr', { title: s.title })} size={120} testId="workshop-work-qr" />}
        {children}
      </div>
    </article>
  );
}
