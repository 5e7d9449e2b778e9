import type { PupilView } from '@atelier/contracts/workshop.schema';
import { normalizeCode, JOIN_CODE_LENGTH, REJOIN_CODE_LENGTH } from '@atelier/contracts/workshop-codes';
import { useCallback, useState, type FormEvent } from 'react';
import { workshopApi } from '../../api/workshop.client';
import { Link, navigate } from '../../app/router';
import { useStudio } from '../../canvas/ui/studio';
import { LiveMessage } from '../../components/Message';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import { addWorkToCanvas } from '../studio/CollectionPanel';
import { useLoad } from '../useLoad';
import { pupilMemo, rememberPupil, workshopError } from './pupil-context';
import { SubmissionCard } from './SubmissionCard';
import { useWorkshopEvents } from './useWorkshopEvents';
import { canvasRegionOf, useAssignmentWorks } from './workshop-assignment';

/** /join and /join/CODE: a pupil types (or scanned) the code; a rejoin code brings them back as the same pseudonym. */
export function JoinPage({ code: given }: { code?: string | undefined }) {
  const { t } = useI18n();
  const [code, setCode] = useState(given ?? '');
  const [rejoin, setRejoin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const view = await workshopApi.join(code, rejoin.trim() || undefined);
      rememberPupil({ code: normalizeCode(code, JOIN_CODE_LENGTH) ?? code, rejoinCode: view.rejoinCode });
      navigate('/workshop');
    } catch (err) {
      setError(workshopError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="page workshop-join-page">
      <h1>{t('workshop.pupil.joinTitle')}</h1>
      <form onSubmit={submit} className="panel" data-testid="join-form">
        <CodeInput label={t('workshop.pupil.codeLabel')} value={code} onChange={setCode} required testId="join-code" />
        <CodeInput label={t('workshop.pupil.rejoinLabel')} value={rejoin} onChange={setRejoin} testId="join-rejoin" />
        <LiveMessage error={error} testId="join" />
        <button type="submit" className="primary tap" disabled={busy || !normalizeCode(code, JOIN_CODE_LENGTH) || (!!rejoin.trim() && !normalizeCode(rejoin, REJOIN_CODE_LENGTH))} data-testid="join-submit">
          {t('workshop.pupil.join')}
        </button>
      </form>
    </section>
  );
}

/** A code typed on a tablet: big, upper case, no autocorrect. */
function CodeInput({ label, value, onChange, required = false, testId }: { label: string; value: string; onChange(v: string): void; required?: boolean; testId: string }) {
  return (
    <label>
      {label}
      <input
        className="workshop-code-input"
        required={required}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={12}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}

/** The pupil's home in the workshop: who they are, the brief and the works first, their sends and the educator's word. */
export function PupilHome() {
  const { t, lang } = useI18n();
  const view = useLoad(() => workshopApi.pupil(lang), `pupil:${lang}`);
  const reload = useCallback(() => view.reload(), [view.reload]);
  useWorkshopEvents(view.data ? workshopApi.pupilEventsUrl() : null, reload);
  const memo = pupilMemo();
  const sent = new URLSearchParams(window.location.search).get('sent') === '1';
  if (view.error)
    return (
      <section className="page">
        <LiveMessage error={workshopError(view.error, t)} testId="pupil" />
        <Link href="/join">{t('workshop.pupil.joinTitle')}</Link>
      </section>
    );
  const v = view.data;
  if (!v) return <p className="page" role="status">{t('common.loading')}</p>;
  const brief = v.workshop.brief[lang] ?? v.workshop.brief[lang === 'nl' ? 'en' : 'nl'] ?? '';
  return (
    <section className="page workshop-pupil" data-testid="pupil-home">
      <h1>{v.workshop.title}</h1>
      <p className="workshop-pseudonym-big" data-testid="pupil-pseudonym">
        {t('workshop.pupil.you', { name: v.pseudonym[lang] })}
      </p>
      {memo?.rejoinCode && (
        <p className="message status" data-testid="pupil-rejoin">
          {t('workshop.pupil.rejoin', { code: memo.rejoinCode })}
        </p>
      )}
      {v.workshop.ended && <p className="message status">{t('workshop.ended')}</p>}
      {sent && <p className="message success" role="status" data-testid="pupil-sent">{t('workshop.pupil.sent')}</p>}
      <section className="panel" aria-labelledby="brief-title">
        <h2 id="brief-title">{t('workshop.pupil.brief')}</h2>
        <p className="workshop-brief" data-testid="pupil-brief">{brief}</p>
        <p className="muted small">
          {v.workshop.tools.length ? t('workshop.pupil.tools', { tools: v.workshop.tools.map((x) => t(`tools.${x}`)).join(', ') }) : t('workshop.pupil.noTools')}
        </p>
      </section>
      <AssignmentWorks view={v} />
      {!v.workshop.ended && (
        <p>
          <Link href="/" className="button primary tap" data-testid="pupil-to-studio">
            {t('workshop.pupil.toStudio')}
          </Link>
        </p>
      )}
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t('workshop.pupil.mine')}</h2>
        {v.submissions.length === 0 && <p className="muted">{t('workshop.pupil.none')}</p>}
        <div className="workshop-grid" data-testid="pupil-submissions">
          {v.submissions.map((s) => (
            <SubmissionCard key={s.id} s={s}>
              <p className={`badge state-${s.state}`}>{t(`workshop.state.${s.state}`)}</p>
            </SubmissionCard>
          ))}
        </div>
      </section>
      <section className="panel" aria-labelledby="take-home-title">
        <h2 id="take-home-title">{t('workshop.pupil.takeHome')}</h2>
        <p>
          <a href={v.takeHomeUrl} data-testid="pupil-take-home">
            {v.takeHomeUrl}
          </a>
        </p>
        <QrCode value={v.takeHomeUrl} label={t('workshop.pupil.takeHomeQr')} size={160} testId="pupil-take-home-qr" />
      </section>
    </section>
  );
}

function AssignmentWorks({ view }: { view: PupilView }) {
  const { t, lang } = useI18n();
  const studio = useStudio();
  const items = useAssignmentWorks(view.workshop.assignment, lang);
  const [error, setError] = useState<string | null>(null);
  if (!view.workshop.assignment.length) return null;
  return (
    <section aria-labelledby="works-title">
      <h2 id="works-title">{t('workshop.pupil.works')}</h2>
      <LiveMessage error={error} testId="pupil-works" />
      <ul className="workshop-assignment" data-testid="pupil-works">
        {items.data?.map(({ item, work: w }, i) => {
          const title = item.region ? t('workshop.studio.detailOf', { title: w.title }) : w.title;
          return (
            <li key={`${w.id}-${i}`}>
              <img src={w.thumbnailUrl} alt={title} />
              <span>{title}</span>
              {!view.workshop.ended && (
                <button
                  type="button"
                  className="tap"
                  data-testid="pupil-use-work"
                  onClick={() =>
                    addWorkToCanvas(studio, w, canvasRegionOf(item, w)).then(
                      () => navigate('/'),
                      (err: unknown) => setError(workshopError(err, t)),
                    )
                  }
                >
                  {t('workshop.pupil.useWork')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** /take-home/TOKEN: a pupil's own approved work, without a session, until the workshop is forgotten. */
export function TakeHomePage({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const home = useLoad(() => workshopApi.takeHome(token, lang), `th:${token}:${lang}`);
  if (home.error) return <section className="page"><LiveMessage error={workshopError(home.error, t)} testId="take-home" /></section>;
  if (!home.data) return <p className="page" role="status">{t('common.loading')}</p>;
  return (
    <section className="page">
      <h1>{t('workshop.takeHome.title', { name: home.data.pseudonym[lang] })}</h1>
      <p className="muted">{home.data.title}</p>
      {home.data.submissions.length === 0 && <p>{t('workshop.takeHome.empty')}</p>}
      <div className="workshop-grid">
        {home.data.submissions.map((s) => (
          <SubmissionCard key={s.id} s={s} />
        ))}
      </div>
    </section>
  );
}

/** /workshops/ID/work/SID: one approved work of the class (what a projector QR opens), for the class and its educator. */
export function ClassWorkPage({ id, submissionId }: { id: string; submissionId: string }) {
  const { t, lang } = useI18n();
  const gallery = useLoad(() => workshopApi.gallery(id, lang), `g:${id}:${lang}`);
  const s = gallery.data?.submissions.find((x) => x.id === submissionId);
  if (gallery.error) return <section className="page"><LiveMessage error={workshopError(gallery.error, t)} testId="class-work" /></section>;
  if (!gallery.data) return <p className="page" role="status">{t('common.loading')}</p>;
  return (
    <section className="page">
      <h1>{t('workshop.work.title')}</h1>
      {s ? <SubmissionCard s={s} /> : <p>{t('common.notFound')}</p>}
    </section>
  );
}
