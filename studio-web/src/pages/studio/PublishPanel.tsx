import { ALT_TEXT_MAX, TITLE_MAX } from '@atelier/contracts/creation';
import type { Creation, PublishPreview } from '@atelier/contracts/creation.schema';
import type { Pseudonym } from '@atelier/contracts/workshop.schema';
import { OUTPUT_LICENCES, type OutputLicenceId } from '@atelier/contracts/licences';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { remixIdsOf } from '../../canvas/document/schema';
import { useStudio } from '../../canvas/ui/studio';
import { describeError, LiveMessage } from '../../components/Message';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { ingredientWorkIds } from './publish';
import { MementoLink } from '../exhibitions/MementoLink';
import { sendToEducator, usePupilWorkshop, workshopError } from '../workshops/pupil-context';

/** The publish form; mounted when the visitor opens it, so each opening starts a fresh request id. */
export function PublishPanel({ onClose }: { onClose(): void }) {
  const studio = useStudio();
  const { t, lang } = useI18n();
  // A workshop pupil's work goes to their educator first (pages/workshops).
  const pupil = usePupilWorkshop();
  const [preview, setPreview] = useState<PublishPreview | null>(null);
  const [title, setTitle] = useState('');
  const [altText, setAltText] = useState('');
  const [licence, setLicence] = useState<OutputLicenceId | ''>('');
  const [titleError, setTitleError] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Creation | null>(null);
  // The name the creation will carry: a pupil's from the workshop, a visitor's from their session.
  const [maker, setMaker] = useState<Pseudonym | null>(null);
  // Reused across retries of this form, so a resend after a lost response is the same creation.
  const requestId = useRef(crypto.randomUUID());
  const titleRef = useRef<HTMLInputElement>(null);
  const sentRef = useRef<HTMLParagraphElement>(null);
  // Once published, focus lands on the confirmation, with the links to the gallery and "my creations" next.
  useEffect(() => {
    if (done) sentRef.current?.focus();
  }, [done]);

  useEffect(() => {
    if (pupil) return setMaker(pupil.pseudonym);
    let live = true;
    galleryApi.maker().then(
      (m) => live && setMaker(m),
      () => undefined, // Only a line of the form: publishing still works (and says why it does not) without it.
    );
    return () => {
      live = false;
    };
  }, [pupil]);

  useEffect(() => {
    let live = true;
    const { doc, editor } = studio;
    ingredientWorkIds(doc.current(), editor.get().remixes)
      .then((ids) => galleryApi.previewPublish(ids, lang))
      .then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setLicence(p.allowed.includes(p.suggested) ? p.suggested : (p.allowed[0] ?? ''));
        },
        (err: unknown) => live && setError(describeError(err, t)),
      );
    titleRef.current?.focus();
    return () => {
      live = false;
    };
  }, [studio, t, lang]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    if (!title.trim()) {
      setTitleError(true);
      titleRef.current?.focus();
      return;
    }
    if (!licence || !studio.flatten) return;
    setSending(true);
    setError(null);
    try {
      const document = studio.doc.current();
      const { draftCode } = studio.editor.get();
      const image = await studio.flatten();
      const publish = pupil ? sendToEducator : galleryApi.publish;
      const creation = await publish(
        {
          requestId: requestId.current,
          title: title.trim(),
          ...(altText.trim() ? { altText: altText.trim() } : {}),
          licence,
          document,
          remixIds: remixIdsOf(document),
          ...(draftCode && remixIdsOf(document).length ? { draftCode } : {}),
        },
        image,
      );
      if (creation) setDone(creation);
    } catch (err) {
      setError(pupil ? workshopError(err, t) : describeError(err, t));
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <section className="panel publish-panel" aria-labelledby="publish-title" data-testid="publish-panel">
        <h2 id="publish-title">{t('publish.title')}</h2>
        <p ref={sentRef} tabIndex={-1} className="message success" role="status" data-testid="publish-success">
          {t('publish.sent')}
        </p>
        <p>
          <Link href="/gallery" data-testid="publish-gallery-link">
            {t('publish.toGallery')}
          </Link>
          {' · '}
          <Link href="/mine" data-testid="publish-mine-link">
            {t('publish.toMine')}
          </Link>
        </p>
        <MementoLink creationId={done.id} />
        <div className="row">
          <button
            type="button"
            onClick={() => {
              studio.doc.reset();
              onClose();
            }}
          >
            {t('publish.newCanvas')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="panel publish-panel" aria-labelledby="publish-title" data-testid="publish-panel">
      <h2 id="publish-title">{t('publish.title')}</h2>
      {maker && (
        <p className="publish-maker" data-testid="publish-maker">
          <strong>{t('maker.publishAs', { maker: maker[lang] })}</strong>
          {!pupil && (
            <>
              <br />
              <span className="muted">{t('maker.publishAsHelp')}</span>
            </>
          )}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">
            {t('publish.titleLabel')} <span aria-hidden="true">*</span>
          </span>
          <input
            ref={titleRef}
            value={title}
            required
            maxLength={TITLE_MAX}
            aria-invalid={titleError}
            aria-describedby={titleError ? 'publish-title-error' : undefined}
            data-testid="publish-title"
            onChange={(e) => {
              setTitle(e.target.value);
              if (e.target.value.trim()) setTitleError(false);
            }}
          />
        </label>
        {titleError && (
          <p id="publish-title-error" className="field-error" role="alert">
            {t('publish.titleRequired')}
          </p>
        )}
        <label className="field">
          <span className="field-label">{t('publish.altLabel')}</span>
          <textarea value={altText} maxLength={ALT_TEXT_MAX} rows={3} data-testid="publish-alt" onChange={(e) => setAltText(e.target.value)} />
          <span className="muted small">{t('publish.altHelp')}</span>
        </label>
        <fieldset className="field" disabled={!preview}>
          <legend className="field-label">{t('publish.licence')}</legend>
          {!preview && !error && <p className="muted small">{t('publish.checking')}</p>}
          {preview?.allowed.map((id) => (
            // Plain words to choose by; the licence's code one click away beside them.
            <div key={id} className="radio-row">
              <label className="radio">
                <input
                  type="radio"
                  name="licence"
                  value={id}
                  checked={licence === id}
                  data-testid={`publish-licence-${id}`}
                  onChange={() => setLicence(id)}
                />
                {t(`licence.${id}`)}
              </label>
              <a className="licence-code" href={OUTPUT_LICENCES[id].uri} rel="license noopener" target="_blank">
                {OUTPUT_LICENCES[id].label}
              </a>
            </div>
          ))}
        </fieldset>
        {preview && preview.ingredients.length > 0 && (
          <div className="ingredients">
            <h3>{t('publish.ingredients')}</h3>
            <ul data-testid="publish-ingredients">
              {preview.ingredients.map((i) => (
                <li key={i.workId}>{i.credit}</li>
              ))}
            </ul>
          </div>
        )}
        <LiveMessage error={error} status={sending ? t('publish.sending') : null} testId="publish" />
        <div className="row">
          <button type="submit" className="primary" data-testid="publish-submit" disabled={sending || !preview || !licence}>
            {t('publish.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
