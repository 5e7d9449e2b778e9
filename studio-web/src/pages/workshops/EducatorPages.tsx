import type { StaffUser } from '@atelier/contracts/staff.schema';
import { TOOLS, type Tool } from '@atelier/contracts/tools';
import type { CreateWorkshopRequest, Submission, Workshop } from '@atelier/contracts/workshop.schema';
import type { WorkSummary } from '@atelier/contracts/work.schema';
import { useCallback, useState, type FormEvent } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { workshopApi, type Pupil } from '../../api/workshop.client';
import { Link, navigate } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n';
import { IiifDetailPicker } from '../studio/IiifDetailPicker';
import { useLoad } from '../useLoad';
import { SubmissionCard } from './SubmissionCard';
import { useWorkshopEvents } from './useWorkshopEvents';
import { regionToFractions, type AssignmentRegion } from './workshop-assignment';

const when = (iso: string, lang: string) => new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The educator's workshops and the form to prepare one. */
export function WorkshopList(_: { user: StaffUser }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => workshopApi.list(), 'workshops');
  return (
    <section className="page workshops">
      <h1>{t('workshop.title')}</h1>
      <LiveMessage error={list.error ? describeError(list.error, t) : null} testId="workshops" />
      {list.data && (
        <>
          {list.data.workshops.length === 0 ? (
            <p className="muted">{t('workshop.list.empty')}</p>
          ) : (
            <ul className="workshop-list" data-testid="workshop-list">
              {list.data.workshops.map((w) => (
                <li key={w.id}>
                  <Link href={`/workshops/${w.id}`}>{w.title}</Link>{' '}
                  <span className="muted small">{t('workshop.when', { start: when(w.startsAt, lang), end: when(w.endsAt, lang) })}</span>
                  {w.endedAt && <span className="badge">{t('workshop.ended')}</span>}
                </li>
              ))}
            </ul>
          )}
          <CreateWorkshop retentionDays={list.data.retentionDays} />
        </>
      )}
    </section>
  );
}

function localNow(): string {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function CreateWorkshop({ retentionDays }: { retentionDays: number }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [wlang, setWlang] = useState<'nl' | 'en'>(lang);
  const [start, setStart] = useState(localNow());
  const [minutes, setMinutes] = useState(90);
  const [briefNl, setBriefNl] = useState('');
  const [briefEn, setBriefEn] = useState('');
  // The assignment set: whole works and details (a region in fractions of the work).
  const [works, setWorks] = useState<{ work: WorkSummary; region?: AssignmentRegion }[]>([]);
  const [detailOf, setDetailOf] = useState<WorkSummary | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<WorkSummary[]>([]);
  const [tools, setTools] = useState<Tool[]>(['style']);
  const [mayDraw, setMayDraw] = useState(true);
  const [maySearch, setMaySearch] = useState(false);
  const [publishRule, setPublishRule] = useState<'class' | 'public'>('class');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setFound((await galleryApi.listWorks(q, lang, 1, 12)).items);
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    const startsAt = new Date(start);
    const body: CreateWorkshopRequest = {
      title: title.trim(),
      lang: wlang,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + minutes * 60_000).toISOString(),
      brief: { ...(briefNl.trim() ? { nl: briefNl.trim() } : {}), ...(briefEn.trim() ? { en: briefEn.trim() } : {}) },
      assignment: works.map(({ work, region }) => ({ workId: work.id, ...(region ? { region } : {}) })),
      tools,
      mayDraw,
      maySearch,
      publishRule,
    };
    try {
      const w = await workshopApi.create(body);
      navigate(`/workshops/${w.id}`);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSending(false);
    }
  };
  const toggle = (tool: Tool) => setTools((ts) => (ts.includes(tool) ? ts.filter((x) => x !== tool) : [...ts, tool]));

  return (
    <section className="panel workshop-create" aria-labelledby="workshop-create-title">
      <h2 id="workshop-create-title">{t('workshop.create.title')}</h2>
      <form onSubmit={submit} data-testid="workshop-create">
        <label>
          {t('workshop.create.name')}
          <input required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="workshop-title" />
        </label>
        <label>
          {t('workshop.create.lang')}
          <select value={wlang} onChange={(e) => setWlang(e.target.value as 'nl' | 'en')} data-testid="workshop-lang">
            <option value="nl">{t('workshop.lang.nl')}</option>
            <option value="en">{t('workshop.lang.en')}</option>
          </select>
        </label>
        <div className="row">
          <label>
            {t('workshop.create.start')}
            <input type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
          <label>
            {t('workshop.create.minutes')}
            <input type="number" min={5} max={1440} required value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="workshop-minutes" />
          </label>
        </div>
        <label>
          {t('workshop.create.briefNl')}
          <textarea rows={3} maxLength={4000} value={briefNl} onChange={(e) => setBriefNl(e.target.value)} data-testid="workshop-brief-nl" />
        </label>
        <label>
          {t('workshop.create.briefEn')}
          <textarea rows={3} maxLength={4000} value={briefEn} onChange={(e) => setBriefEn(e.target.value)} data-testid="workshop-brief-en" />
        </label>
        <fieldset>
          <legend>{t('workshop.create.assignment')}</legend>
          {works.length === 0 && <p className="muted small">{t('workshop.create.noneChosen')}</p>}
          <ul className="workshop-works">
            {works.map((c, i) => {
              const title = c.region ? t('workshop.studio.detailOf', { title: c.work.title }) : c.work.title;
              return (
                <li key={i} data-testid="workshop-chosen-work" data-detail={c.region ? 'true' : undefined}>
                  <img src={c.work.thumbnailUrl} alt="" />
                  <span>{title}</span>
                  <button type="button" onClick={() => setWorks((ws) => ws.filter((x) => x !== c))}>
                    {t('workshop.create.remove', { title })}
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="row">
            <label>
              {t('workshop.create.search')}
              <input type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="workshop-search" />
            </label>
            <button type="button" onClick={search} data-testid="workshop-search-button">
              {t('workshop.create.searchButton')}
            </button>
          </div>
          <ul className="workshop-works">
            {found.map((w) => (
              <li key={w.id}>
                <img src={w.thumbnailUrl} alt="" />
                <button
                  type="button"
                  data-testid="workshop-add-work"
                  disabled={works.some((x) => x.work.id === w.id && !x.region)}
                  onClick={() => setWorks((ws) => [...ws, { work: w }])}
                >
                  {t('workshop.create.add', { title: w.title })}
                </button>
                <button type="button" data-testid="workshop-add-detail" onClick={() => setDetailOf(w)}>
                  {t('workshop.create.detail', { title: w.title })}
                </button>
              </li>
            ))}
          </ul>
          {detailOf && (
            <IiifDetailPicker
              work={detailOf}
              onClose={() => setDetailOf(null)}
              onPlace={(region) => {
                const work = detailOf;
                setDetailOf(null);
                setWorks((ws) => [...ws, { work, region: regionToFractions(region, work) }]);
              }}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t('workshop.create.tools')}</legend>
          {TOOLS.map((tool) => (
            <label key={tool} className="check">
              <input type="checkbox" checked={tools.includes(tool)} onChange={() => toggle(tool)} data-testid={`workshop-tool-${tool}`} />
              {t(`tools.${tool}`)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={mayDraw} onChange={(e) => setMayDraw(e.target.checked)} data-testid="workshop-may-draw" />
          {t('workshop.create.mayDraw')}
        </label>
        <label className="check">
          <input type="checkbox" checked={maySearch} onChange={(e) => setMaySearch(e.target.checked)} data-testid="workshop-may-search" />
          {t('workshop.create.maySearch')}
        </label>
        <fieldset>
          <legend>{t('workshop.create.publish')}</legend>
          <label className="check">
            <input type="radio" name="publish" checked={publishRule === 'class'} onChange={() => setPublishRule('class')} />
            {t('workshop.create.publishClass')}
          </label>
          <label className="check">
            <input type="radio" name="publish" checked={publishRule === 'public'} onChange={() => setPublishRule('public')} data-testid="workshop-publish-public" />
            {t('workshop.create.publishPublic')}
          </label>
        </fieldset>
        <p className="workshop-retention" data-testid="workshop-retention">
          {t('workshop.create.retention', { days: retentionDays })}
        </p>
        <LiveMessage error={error} testId="workshop-create" />
        <button type="submit" className="primary" disabled={sending} data-testid="workshop-create-submit">
          {t('workshop.create.submit')}
        </button>
      </form>
    </section>
  );
}

/** One workshop, for its educator: the join code and QR for the projector, pupils, the live approval queue. */
export function WorkshopDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const workshop = useLoad(() => workshopApi.get(id), `w:${id}`);
  const pupils = useLoad(() => workshopApi.pupils(id), `p:${id}`);
  const queue = useLoad(() => workshopApi.queue(id, lang), `q:${id}:${lang}`);
  const [error, setError] = useState<string | null>(null);
  const reloadAll = useCallback(() => {
    workshop.reload();
    pupils.reload();
    queue.reload();
  }, [workshop.reload, pupils.reload, queue.reload]);
  const live = useWorkshopEvents(workshopApi.eventsUrl(id), reloadAll);
  const act = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      reloadAll();
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const w = workshop.data;
  if (workshop.error) return <section className="page"><LiveMessage error={describeError(workshop.error, t)} testId="workshop" /></section>;
  if (!w) return <p className="page" role="status">{t('common.loading')}</p>;
  const submissions = queue.data?.submissions ?? [];
  const waiting = submissions.filter((s) => s.state === 'waiting');
  const approved = submissions.filter((s) => s.state === 'approved');
  return (
    <section className="page workshop-detail">
      <h1>{w.title}</h1>
      <p className="muted">
        {t('workshop.when', { start: when(w.startsAt, lang), end: when(w.endsAt, lang) })} ·{' '}
        {t('workshop.forgetAt', { date: new Date(w.forgetAt).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB') })}
      </p>
      <LiveMessage error={error} testId="workshop-detail" />
      {w.joinCode && w.joinUrl && !w.endedAt && (
        <div className="workshop-join panel" data-testid="workshop-join">
          <div>
            <p className="workshop-join-url">{t('workshop.join.heading', { url: w.joinUrl.replace(/\/join\/.*$/, '/join') })}</p>
            <p className="visually-hidden">{t('workshop.join.code')}</p>
            <p className="workshop-code" data-testid="workshop-code">
              {w.joinCode}
            </p>
            {w.locked && <p className="badge warn">{t('workshop.locked')}</p>}
          </div>
          <QrCode value={w.joinUrl} label={t('workshop.join.qr')} size={320} testId="workshop-join-qr" />
        </div>
      )}
      {w.endedAt && <p className="message status">{t('workshop.ended')}</p>}
      <div className="row">
        {!w.endedAt && (
          <button type="button" className="tap" data-testid="workshop-lock" onClick={() => act(() => workshopApi.lock(id, !w.locked))}>
            {w.locked ? t('workshop.actions.unlock') : t('workshop.actions.lock')}
          </button>
        )}
        {!w.endedAt && (
          <button
            type="button"
            className="tap"
            data-testid="workshop-end"
            onClick={() => window.confirm(t('workshop.actions.endConfirm')) && act(() => workshopApi.end(id))}
          >
            {t('workshop.actions.end')}
          </button>
        )}
        <Link href={`/workshops/${id}/projector`} className="button tap" data-testid="workshop-projector-link">
          {t('workshop.actions.projector')}
        </Link>
        <a href={workshopApi.exportUrl(id)} className="button tap" download data-testid="workshop-export">
          {t('workshop.actions.export')}
        </a>
      </div>
      <div className="workshop-columns">
        <section className="panel" aria-labelledby="queue-title" data-testid="workshop-queue">
          <h2 id="queue-title">
            {t('workshop.queue.title')} {live && <span className="badge" data-testid="workshop-live">{t('workshop.queue.live')}</span>}
          </h2>
          {waiting.length === 0 && <p className="muted">{t('workshop.queue.empty')}</p>}
          {waiting.map((s) => (
            <SubmissionCard key={s.id} s={s}>
              <Decide s={s} onDecide={(body) => act(() => workshopApi.decide(id, s.id, body))} />
            </SubmissionCard>
          ))}
        </section>
        <section className="panel" aria-labelledby="pupils-title">
          <h2 id="pupils-title">{t('workshop.pupils.title', { n: pupils.data?.pupils.filter((p) => !p.removed).length ?? 0 })}</h2>
          {pupils.data?.pupils.length === 0 && <p className="muted">{t('workshop.pupils.none')}</p>}
          <ul className="workshop-pupils" data-testid="workshop-pupils">
            {pupils.data?.pupils.map((p: Pupil) => (
              <li key={p.id}>
                {p.pseudonym[lang]}{' '}
                {p.removed ? (
                  <span className="muted small">{t('workshop.pupils.removed')}</span>
                ) : (
                  <button type="button" className="tap" onClick={() => act(() => workshopApi.removePupil(id, p.id))}>
                    {t('workshop.pupils.remove', { name: p.pseudonym[lang] })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="class-gallery-title">
        <h2 id="class-gallery-title">{t('workshop.gallery.title')}</h2>
        {approved.length === 0 && <p className="muted">{t('workshop.gallery.empty')}</p>}
        <div className="workshop-grid">
          {approved.map((s) => (
            <SubmissionCard key={s.id} s={s} />
          ))}
        </div>
      </section>
    </section>
  );
}

function Decide({ s, onDecide }: { s: Submission; onDecide: (body: { decision: 'approve' | 'return' | 'reject'; comment?: string }) => Promise<void> }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const go = async (decision: 'approve' | 'return' | 'reject') => {
    setBusy(true);
    await onDecide({ decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    setBusy(false);
  };
  return (
    <div className="workshop-decide">
      <label>
        {t('workshop.queue.comment')}
        <textarea rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} data-testid={`comment-${s.id}`} />
      </label>
      <div className="row">
        <button type="button" className="primary tap" disabled={busy} data-testid="decide-approve" onClick={() => go('approve')}>
          {t('workshop.queue.approve')}
        </button>
        <button type="button" className="tap" disabled={busy || !comment.trim()} data-testid="decide-return" onClick={() => go('return')}>
          {t('workshop.queue.return')}
        </button>
        <button type="button" className="tap" disabled={busy} data-testid="decide-reject" onClick={() => go('reject')}>
          {t('workshop.queue.reject')}
        </button>
      </div>
    </div>
  );
}

export type { Workshop };
