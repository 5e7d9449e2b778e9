import type { Creation } from '@atelier/contracts/creation.schema';
import { OPEN_CALL_PHASES, RUBRIC } from '@atelier/contracts/open-call';
import type { JuryItem, OpenCall, OpenCallScore } from '@atelier/contracts/open-call.schema';
import { useState, type FormEvent, type ReactNode } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { openCallApi } from '../../api/exhibition.client';
import { Link } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { StaffGate } from '../staff/StaffGate';
import { useLoad } from '../useLoad';
import { openCallPath } from './routes';

/** Every open call, newest first. */
export function OpenCallsPage() {
  const { t, lang } = useI18n();
  const { data, error, loading } = useLoad(() => openCallApi.list(lang), `open-calls-${lang}`);
  return (
    <div className="page">
      <h1>{t('openCall.title')}</h1>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="open-calls" />
      {data && data.length === 0 && <p className="muted">{t('openCall.none')}</p>}
      <ul className="exhibition-list">
        {data?.map((c) => (
          <li key={c.id} data-testid="open-call-row">
            <Link href={openCallPath(c.id)}>{c.theme}</Link>
            <span className="muted">{t(`openCall.phase.${c.phase}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function CreationCard({ c, children }: { c: Creation; children?: ReactNode }) {
  return (
    <li className="card" data-testid="open-call-creation" data-creation-id={c.id}>
      <img src={c.thumbUrl} alt={c.altText || c.title} loading="lazy" />
      <span className="card-title">{c.title}</span>
      {children}
    </li>
  );
}

/** A call's public page: submitting while it takes submissions, voting on the shortlist, then the results. */
export function OpenCallPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useLoad(() => openCallApi.page(id, lang), `open-call-${id}-${lang}`);
  const [message, setMessage] = useState<{ error?: string; status?: string }>({});
  const vote = async (creationId: string) => {
    try {
      await openCallApi.vote(id, creationId);
      setMessage({ status: t('openCall.voted') });
      reload();
    } catch (err) {
      setMessage({ error: describeError(err, t) });
    }
  };
  return (
    <div className="page">
      <h1>{data?.theme ?? t('openCall.title')}</h1>
      <LiveMessage error={error ? describeError(error, t) : (message.error ?? null)} status={loading ? t('common.loading') : (message.status ?? null)} testId="open-call" />
      {data && (
        <>
          <p className="muted" data-testid="open-call-phase" data-phase={data.phase}>
            {t(`openCall.phase.${data.phase}`)}
          </p>
          {data.brief && <p className="lead">{data.brief}</p>}
          {data.phase === 'submissions' && <SubmitOwn call={data} onDone={(status) => setMessage({ status })} />}
          {data.phase === 'voting' && (
            <section aria-labelledby="shortlist-heading">
              <h2 id="shortlist-heading">{t('openCall.shortlist')}</h2>
              <ul className="card-grid">
                {data.shortlist.map((c) => (
                  <CreationCard key={c.id} c={c}>
                    {data.votedFor === c.id ? (
                      <strong data-testid="open-call-my-vote">{t('openCall.yourVote')}</strong>
                    ) : (
                      <button type="button" disabled={data.votedFor !== null} onClick={() => void vote(c.id)} data-testid="open-call-vote">
                        {t('openCall.vote')}
                      </button>
                    )}
                  </CreationCard>
                ))}
              </ul>
            </section>
          )}
          {data.results && (
            <section aria-labelledby="results-heading" data-testid="open-call-results">
              <h2 id="results-heading">{t('openCall.results')}</h2>
              {data.results.map((r) => (
                <div key={r.category ?? 'all'} data-testid="open-call-result">
                  {r.category && <h3>{r.category}</h3>}
                  {r.winner ? (
                    <p>
                      {t('openCall.winner')}: <Link href={`/gallery/${encodeURIComponent(r.winner.id)}`} data-testid="open-call-winner">{r.winner.title}</Link>
                    </p>
                  ) : (
                    <p className="muted">{t('openCall.noWinner')}</p>
                  )}
                  {r.publicFavourite && (
                    <p>
                      {t('openCall.favourite')}: {r.publicFavourite.title}
                    </p>
                  )}
                  {r.votes.length > 0 && (
                    <ul>
                      {r.votes.map((v) => (
                        <li key={v.creationId}>
                          {data.shortlist.find((c) => c.id === v.creationId)?.title}: {t('openCall.votes', { n: v.votes })}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              ))}
            </section>
          )}
          <p>
            <Link href={`${openCallPath(id)}/jury`}>{t('openCall.juryLink')}</Link>
          </p>
        </>
      )}
    </div>
  );
}

/** A visitor's own creations from this browser, each with a button to submit it (and its category). */
function SubmitOwn({ call, onDone }: { call: OpenCall; onDone(status: string): void }) {
  const { t, lang } = useI18n();
  const { data } = useLoad(() => galleryApi.myCreations(lang), `mine-${lang}`);
  const [category, setCategory] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const mine = (data?.items ?? []).filter((c) => c.status === 'pending' || c.status === 'approved');
  const submit = async (c: Creation) => {
    try {
      await openCallApi.submit(call.id, c.id, call.categories.length ? (category[c.id] ?? call.categories[0]!) : null);
      setError(null);
      onDone(t('openCall.submitted', { title: c.title }));
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  return (
    <section aria-labelledby="submit-heading">
      <h2 id="submit-heading">{t('openCall.submitTitle')}</h2>
      <LiveMessage error={error} testId="open-call-submit" />
      {mine.length === 0 && <p className="muted">{t('openCall.nothingToSubmit')}</p>}
      <ul className="candidate-list">
        {mine.map((c) => (
          <li key={c.id} data-testid="open-call-own" data-creation-id={c.id}>
            <img src={c.thumbUrl} alt="" />
            <span className="item-title">{c.title}</span>
            {call.categories.length > 0 && (
              <label>
                {t('openCall.category')}
                <select value={category[c.id] ?? call.categories[0]} onChange={(e) => setCategory({ ...category, [c.id]: e.target.value })}>
                  {call.categories.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" onClick={() => void submit(c)} data-testid="open-call-submit">
              {t('openCall.submit')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Jurors: score each submission on the rubric (1–5), and choose the shortlist. */
export function OpenCallJuryPage({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('openCall.juryTitle')}</h1>
      <StaffGate permission="judge">{() => <JuryList id={id} />}</StaffGate>
    </div>
  );
}

function JuryList({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(() => openCallApi.jury(id), `jury-${id}`);
  const [shortlist, setShortlist] = useState<Set<string> | null>(null);
  const [message, setMessage] = useState<{ error?: string; status?: string }>({});
  const chosen = shortlist ?? new Set((data ?? []).filter((i) => i.shortlisted).map((i) => i.creationId));
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      setMessage({ status: done });
      reload();
    } catch (err) {
      setMessage({ error: describeError(err, t) });
    }
  };
  return (
    <>
      <LiveMessage error={error ? describeError(error, t) : (message.error ?? null)} status={message.status ?? null} testId="jury" />
      <ul className="selection-list">
        {data?.map((item) => (
          <JuryRow
            key={item.creationId}
            item={item}
            chosen={chosen.has(item.creationId)}
            toggle={(on) => {
              const next = new Set(chosen);
              if (on) next.add(item.creationId);
              else next.delete(item.creationId);
              setShortlist(next);
            }}
            save={(score) => void act(() => openCallApi.score(id, item.creationId, score), t('openCall.scoreSaved', { title: item.title }))}
          />
        ))}
      </ul>
      <button type="button" className="primary" onClick={() => void act(() => openCallApi.shortlist(id, [...chosen]), t('openCall.shortlistSaved'))} data-testid="jury-shortlist-save">
        {t('openCall.saveShortlist')}
      </button>
    </>
  );
}

function JuryRow({ item, chosen, toggle, save }: { item: JuryItem; chosen: boolean; toggle(on: boolean): void; save(score: OpenCallScore): void }) {
  const { t } = useI18n();
  const [score, setScore] = useState<OpenCallScore>(item.myScore ?? { originality: 3, craft: 3, theme: 3 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save(score);
  };
  return (
    <li data-testid="jury-item" data-creation-id={item.creationId}>
      <img src={item.thumbUrl} alt="" />
      <span className="item-title">
        {item.title} {item.category && `(${item.category})`} · {t(`mine.${item.status}`)} · {item.mean === null ? t('openCall.noScores') : t('openCall.mean', { mean: item.mean, n: item.jurors })}
      </span>
      <form className="row" onSubmit={submit}>
        {RUBRIC.map((k) => (
          <label key={k}>
            {t(`openCall.rubric.${k}`)}
            <select value={score[k]} onChange={(e) => setScore({ ...score, [k]: Number(e.target.value) })} data-testid={`jury-${k}`}>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit" data-testid="jury-score-save">
          {t('openCall.saveScore')}
        </button>
      </form>
      <label className="check">
        <input type="checkbox" checked={chosen} disabled={item.status !== 'approved'} onChange={(e) => toggle(e.target.checked)} data-testid="jury-shortlist" />
        {t('openCall.onShortlist')}
      </label>
    </li>
  );
}

/** Staff who curate: open a call and move it to its next phase. */
export function OpenCallAdmin() {
  const { t, lang } = useI18n();
  const { data, reload } = useLoad(() => openCallApi.list(lang), `open-calls-admin-${lang}`);
  const [form, setForm] = useState({ themeEn: '', themeNl: '', briefEn: '', briefNl: '', categories: '', publicVote: true });
  const [message, setMessage] = useState<{ error?: string; status?: string }>({});
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      setMessage({ status: done });
      reload();
    } catch (err) {
      setMessage({ error: describeError(err, t) });
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    const categories = form.categories.split(',').map((c) => c.trim()).filter(Boolean);
    void act(
      () => openCallApi.create({ theme: { en: form.themeEn, nl: form.themeNl }, brief: { en: form.briefEn, nl: form.briefNl }, opensOn: null, closesOn: null, categories, publicVote: form.publicVote }),
      t('openCall.created'),
    );
  };
  const next = (c: OpenCall) => OPEN_CALL_PHASES.filter((p) => c.publicVote || p !== 'voting')[OPEN_CALL_PHASES.filter((p) => c.publicVote || p !== 'voting').indexOf(c.phase) + 1];
  return (
    <section aria-labelledby="open-calls-admin">
      <h2 id="open-calls-admin">{t('openCall.title')}</h2>
      <LiveMessage error={message.error ?? null} status={message.status ?? null} testId="open-call-admin" />
      <ul className="exhibition-list">
        {data?.map((c) => {
          const to = next(c);
          return (
            <li key={c.id} data-testid="open-call-admin-row">
              <Link href={openCallPath(c.id)}>{c.theme}</Link>
              <span className="muted">{t(`openCall.phase.${c.phase}`)}</span>
              {to && (
                <button type="button" onClick={() => void act(() => openCallApi.setPhase(c.id, to), t(`openCall.phase.${to}`))} data-testid="open-call-next">
                  {t('openCall.next', { phase: t(`openCall.phase.${to}`) })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <form className="exhibition-form" onSubmit={create}>
        <h3>{t('openCall.new')}</h3>
        <div className="pair">
          <label>
            {t('openCall.field.themeEn')}
            <input value={form.themeEn} onChange={(e) => setForm({ ...form, themeEn: e.target.value })} required maxLength={120} />
          </label>
          <label>
            {t('openCall.field.themeNl')}
            <input value={form.themeNl} onChange={(e) => setForm({ ...form, themeNl: e.target.value })} required maxLength={120} />
          </label>
          <label>
            {t('openCall.field.briefEn')}
            <textarea value={form.briefEn} onChange={(e) => setForm({ ...form, briefEn: e.target.value })} rows={3} maxLength={4000} />
          </label>
          <label>
            {t('openCall.field.briefNl')}
            <textarea value={form.briefNl} onChange={(e) => setForm({ ...form, briefNl: e.target.value })} rows={3} maxLength={4000} />
          </label>
          <label>
            {t('openCall.field.categories')}
            <input value={form.categories} onChange={(e) => setForm({ ...form, categories: e.target.value })} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.publicVote} onChange={(e) => setForm({ ...form, publicVote: e.target.checked })} />
          {t('openCall.field.publicVote')}
        </label>
        <p>
          <button type="submit" className="primary">
            {t('openCall.open')}
          </button>
        </p>
      </form>
    </section>
  );
}
