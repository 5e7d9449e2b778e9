import type { Creation } from '@atelier/contracts/creation.schema';
import { moveItem, type KioskTransition, KIOSK_SECONDS, KIOSK_TRANSITIONS } from '@atelier/contracts/exhibition';
import type { Exhibition, ExhibitionInput } from '@atelier/contracts/exhibition.schema';
import { useEffect, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { exhibitionApi } from '../../api/exhibition.client';
import { Link } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { PanelPager } from '../../components/Pager';
import { useI18n } from '../../i18n';
import { StaffGate } from '../staff/StaffGate';
import { useLoad } from '../useLoad';
import { OpenCallAdmin } from './OpenCallPages';
import { PrintLink } from './PrintLink';
import { editPath, exhibitionPath, kioskPath } from './routes';

/** Staff who curate: every exhibition, with links to edit it, its kiosk and its public page. */
export function CuratePage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('exhibition.manageTitle')}</h1>
      <StaffGate permission="curate">
        {() => (
          <>
            <ExhibitionList />
            <OpenCallAdmin />
          </>
        )}
      </StaffGate>
    </div>
  );
}

function ExhibitionList() {
  const { t } = useI18n();
  const { data, error, loading } = useLoad(() => exhibitionApi.list(), 'exhibitions-manage');
  return (
    <>
      <p>
        <Link href="/exhibitions/manage/new" data-testid="exhibition-new">
          {t('exhibition.new')}
        </Link>
      </p>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="exhibition-list" />
      {data && data.items.length === 0 && <p className="muted">{t('exhibition.none')}</p>}
      <ul className="exhibition-list">
        {data?.items.map((e) => (
          <li key={e.id} data-testid="exhibition-row">
            <strong>{e.title.en}</strong>
            <span className="muted">{t('exhibition.itemCount', { n: e.itemCount })}</span>
            <span>{e.public ? t('exhibition.public') : t('exhibition.notPublic')}</span>
            <Link href={editPath(e.id)}>{t('exhibition.edit')}</Link>
            <a href={kioskPath(e.id)}>{t('exhibition.openKiosk')}</a>
            <Link href={exhibitionPath(e.id)}>{t('exhibition.openPage')}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ExhibitionEditor({ id }: { id: string | null }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('exhibition.editTitle')}</h1>
      <p>
        <Link href="/exhibitions/manage">{t('exhibition.back')}</Link>
      </p>
      <StaffGate permission="curate">{() => (id ? <LoadedEditor id={id} /> : <EditorForm initial={null} />)}</StaffGate>
    </div>
  );
}

function LoadedEditor({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error } = useLoad(() => exhibitionApi.get(id), `exhibition-edit-${id}`);
  if (error) return <LiveMessage error={describeError(error, t)} testId="exhibition-edit" />;
  return data ? <EditorForm initial={data} /> : <p role="status">{t('common.loading')}</p>;
}

type Item = Exhibition['items'][number];

function EditorForm({ initial }: { initial: Exhibition | null }) {
  const { t, lang } = useI18n();
  const [saved, setSaved] = useState<Exhibition | null>(initial);
  const [titleEn, setTitleEn] = useState(initial?.title.en ?? '');
  const [titleNl, setTitleNl] = useState(initial?.title.nl ?? '');
  const [textEn, setTextEn] = useState(initial?.text.en ?? '');
  const [textNl, setTextNl] = useState(initial?.text.nl ?? '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? '');
  const [isPublic, setPublic] = useState(initial?.public ?? false);
  const [slideSeconds, setSlideSeconds] = useState(initial?.slideSeconds ?? KIOSK_SECONDS.default);
  const [transition, setTransition] = useState<KioskTransition>(initial?.transition ?? 'fade');
  const [items, setItems] = useState<Item[]>(initial?.items ?? []);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const announce = (list: Item[], moved: Item) =>
    setStatus(t('exhibition.moved', { title: moved.title, position: list.indexOf(moved) + 1, count: list.length }));
  const move = (from: number, to: number) => {
    const moved = items[from];
    if (!moved || to < 0 || to >= items.length) return;
    const next = moveItem(items, from, to);
    setItems(next);
    announce(next, moved);
  };
  const add = (c: Creation) => setItems((list) => (list.some((i) => i.creationId === c.id) ? list : [...list, { creationId: c.id, title: c.title, thumbUrl: c.thumbUrl, status: c.status }]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!titleEn.trim() || !titleNl.trim()) return setError(t('exhibition.titleRequired'));
    const body: ExhibitionInput = {
      title: { en: titleEn.trim(), nl: titleNl.trim() },
      text: { en: textEn.trim(), nl: textNl.trim() },
      creationIds: items.map((i) => i.creationId),
      startsOn: startsOn || null,
      endsOn: endsOn || null,
      public: isPublic,
      slideSeconds,
      transition,
    };
    setSaving(true);
    setError(null);
    try {
      const result = saved ? await exhibitionApi.update(saved.id, body) : await exhibitionApi.create(body);
      setSaved(result);
      setItems(result.items);
      setStatus(t('exhibition.saved'));
      if (!saved) window.history.replaceState(null, '', editPath(result.id));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <form className="exhibition-form" onSubmit={submit} noValidate data-testid="exhibition-form">
        <div className="pair">
          <label>
            {t('exhibition.field.titleEn')}
            <input value={titleEn} onChange={(e) => setTitleEn(e.target.value)} maxLength={120} required data-testid="exhibition-title-en" />
          </label>
          <label>
            {t('exhibition.field.titleNl')}
            <input value={titleNl} onChange={(e) => setTitleNl(e.target.value)} maxLength={120} required data-testid="exhibition-title-nl" />
          </label>
          <label>
            {t('exhibition.field.textEn')}
            <textarea value={textEn} onChange={(e) => setTextEn(e.target.value)} rows={4} maxLength={4000} />
          </label>
          <label>
            {t('exhibition.field.textNl')}
            <textarea value={textNl} onChange={(e) => setTextNl(e.target.value)} rows={4} maxLength={4000} />
          </label>
          <label>
            {t('exhibition.field.startsOn')}
            <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
          </label>
          <label>
            {t('exhibition.field.endsOn')}
            <input type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} />
          </label>
          <label>
            {t('exhibition.field.slideSeconds')}
            <input
              type="number"
              min={KIOSK_SECONDS.min}
              max={KIOSK_SECONDS.max}
              value={slideSeconds}
              onChange={(e) => setSlideSeconds(Math.round(Number(e.target.value)) || KIOSK_SECONDS.default)}
              data-testid="exhibition-seconds"
            />
          </label>
          <label>
            {t('exhibition.field.transition')}
            <select value={transition} onChange={(e) => setTransition(e.target.value as KioskTransition)}>
              {KIOSK_TRANSITIONS.map((x) => (
                <option key={x} value={x}>
                  {t(`exhibition.transition.${x}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} data-testid="exhibition-public" />
          {t('exhibition.field.public')}
        </label>

        <h2 id="selection-heading">{t('exhibition.selection')}</h2>
        <p className="muted" id="selection-help">
          {t('exhibition.selectionHelp')}
        </p>
        {items.length === 0 && <p className="muted">{t('exhibition.selectionEmpty')}</p>}
        <Selection items={items} move={move} remove={(i) => setItems(items.filter((_, n) => n !== i))} onWithdrawn={(id) => setItems((list) => list.map((x) => (x.creationId === id ? { ...x, status: 'withdrawn' } : x)))} setStatus={setStatus} />
        <LiveMessage error={error} status={status} testId="exhibition-save" />
        <p className="row">
          <button type="submit" className="primary" disabled={saving} data-testid="exhibition-save">
            {t('exhibition.save')}
          </button>
          {saved && (
            <>
              <a href={kioskPath(saved.id)} data-testid="exhibition-kiosk-link">
                {t('exhibition.openKiosk')}
              </a>
              <Link href={exhibitionPath(saved.id)}>{t('exhibition.openPage')}</Link>
              <a href={`/api/gallery/exhibitions/${encodeURIComponent(saved.id)}/labels.pdf?lang=${lang}`} data-testid="exhibition-labels">
                {t('exhibition.labels')}
              </a>
            </>
          )}
        </p>
      </form>
      <Candidates chosen={new Set(items.map((i) => i.creationId))} add={add} />
    </>
  );
}

/** The selection in order: drag to move, or the handle's arrow keys, or the Up and Down buttons. */
function Selection({
  items,
  move,
  remove,
  onWithdrawn,
  setStatus,
}: {
  items: Item[];
  move(from: number, to: number): void;
  remove(index: number): void;
  onWithdrawn(creationId: string): void;
  setStatus(s: string): void;
}) {
  const { t, lang } = useI18n();
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    document.querySelectorAll<HTMLButtonElement>('.selection-list .handle')[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);
  const onKey = (i: number) => (e: KeyboardEvent) => {
    const to = e.key === 'ArrowUp' ? i - 1 : e.key === 'ArrowDown' ? i + 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    move(i, to);
    setFocusIndex(Math.max(0, Math.min(items.length - 1, to)));
  };
  const drop = (i: number) => (e: DragEvent) => {
    e.preventDefault();
    if (dragFrom !== null) move(dragFrom, i);
    setDragFrom(null);
    setOver(null);
  };
  return (
    <ol className="selection-list" aria-labelledby="selection-heading" data-testid="selection">
      {items.map((item, i) => (
        <li
          key={item.creationId}
          data-testid="selection-item"
          data-creation-id={item.creationId}
          draggable
          onDragStart={(e) => {
            setDragFrom(i);
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', item.creationId);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(i);
          }}
          onDragLeave={() => setOver((o) => (o === i ? null : o))}
          onDrop={drop(i)}
          onDragEnd={() => {
            setDragFrom(null);
            setOver(null);
          }}
          className={[dragFrom === i ? 'dragging' : '', over === i && dragFrom !== i ? 'drop-target' : ''].join(' ').trim() || undefined}
        >
          <button type="button" className="handle" aria-describedby="selection-help" aria-label={t('exhibition.handle', { title: item.title, position: i + 1, count: items.length })} onKeyDown={onKey(i)} data-testid="selection-handle">
            ⠿ {i + 1}
          </button>
          <img src={item.thumbUrl} alt="" />
          <span className="item-title">
            {item.title}
            {item.status !== 'approved' && (
              <>
                {' '}
                <span className="withdrawn">({t('exhibition.withdrawn')})</span>
              </>
            )}
          </span>
          <button type="button" onClick={() => move(i, i - 1)} disabled={i === 0}>
            {t('exhibition.moveUp')}
          </button>
          <button type="button" onClick={() => move(i, i + 1)} disabled={i === items.length - 1}>
            {t('exhibition.moveDown')}
          </button>
          <button type="button" onClick={() => remove(i)}>
            {t('exhibition.remove')}
          </button>
          {item.status === 'approved' && (
            <a href={`/api/gallery/creations/${encodeURIComponent(item.creationId)}/label.pdf?lang=${lang}`}>{t('exhibition.label')}</a>
          )}
          {item.status === 'approved' && <PrintLink creationId={item.creationId} />}
          {item.status === 'approved' && (
            <button type="button" className="danger" onClick={() => setWithdrawing(item.creationId)} data-testid="withdraw-open">
              {t('exhibition.withdraw')}
            </button>
          )}
          {withdrawing === item.creationId && (
            <WithdrawForm
              item={item}
              onDone={() => {
                setWithdrawing(null);
                onWithdrawn(item.creationId);
                setStatus(t('exhibition.withdrawDone', { title: item.title }));
              }}
              onCancel={() => setWithdrawing(null)}
            />
          )}
        </li>
      ))}
    </ol>
  );
}

/** Withdraw a creation from every public place, with a reason for the staff log. Not a form of its own: it sits in the exhibition's. */
function WithdrawForm({ item, onDone, onCancel }: { item: Item; onDone(): void; onCancel(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!reason.trim()) return;
    setBusy(true);
    try {
      await exhibitionApi.withdraw(item.creationId, reason.trim());
      onDone();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="withdraw-form" role="group" aria-labelledby={`withdraw-${item.creationId}`} data-testid="withdraw-form">
      <strong id={`withdraw-${item.creationId}`}>{t('exhibition.withdrawTitle', { title: item.title })}</strong>
      <p className="muted">{t('exhibition.withdrawHelp')}</p>
      <label>
        {t('exhibition.withdrawReason')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} data-testid="withdraw-reason" autoFocus />
      </label>
      <LiveMessage error={error} testId="withdraw" />
      <p className="row">
        <button type="button" className="danger" disabled={busy || !reason.trim()} onClick={() => void confirm()} data-testid="withdraw-confirm">
          {t('exhibition.withdrawConfirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('exhibition.cancel')}
        </button>
      </p>
    </div>
  );
}

/** Approved creations from the gallery, a page at a time, to add to the selection. */
function Candidates({ chosen, add }: { chosen: ReadonlySet<string>; add(c: Creation): void }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(() => galleryApi.listCreations(lang, page), `candidates-${lang}-${page}`);
  const pages = data ? Math.ceil(data.total / data.pageSize) : 1;
  return (
    <section aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">{t('exhibition.candidates')}</h2>
      <LiveMessage error={error ? describeError(error, t) : null} status={loading ? t('common.loading') : null} testId="candidates" />
      <ul className="candidate-list">
        {data?.items.map((c) => (
          <li key={c.id} data-testid="candidate" data-creation-id={c.id}>
            <img src={c.thumbUrl} alt="" />
            <span className="item-title">{c.title}</span>
            <button type="button" onClick={() => add(c)} disabled={chosen.has(c.id)} data-testid="candidate-add">
              {chosen.has(c.id) ? t('exhibition.added') : t('exhibition.add')}
            </button>
          </li>
        ))}
      </ul>
      <PanelPager page={page} pages={pages} onPage={setPage} label={t('exhibition.candidatePages')} />
    </section>
  );
}

