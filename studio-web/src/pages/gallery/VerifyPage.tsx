import { useState, type DragEvent } from 'react';
import type { VerifyResult } from '@atelier/contracts/creation.schema';
import { galleryApi } from '../../api/gallery.client';
import { Link } from '../../app/router';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n, type Translate } from '../../i18n';
import { signerText } from './ContentCredentials';

const AI_SOURCE = 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia';

/** "Check an image": a visitor drops or picks a file and reads what its content credentials say. Nothing is kept. */
export function VerifyPage() {
  const { t } = useI18n();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [name, setName] = useState('');

  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setName(file.name);
    try {
      setResult(await galleryApi.verify(file));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const drop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    void check(e.dataTransfer.files[0]);
  };

  return (
    <div className="page verify" data-testid="verify-page">
      <h1>{t('verify.title')}</h1>
      <p className="lead">{t('verify.intro')}</p>
      <label
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="verify-drop"
      >
        <span>{t('verify.drop')}</span>
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp"
          onChange={(e) => {
            void check(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
          data-testid="verify-input"
        />
      </label>
      <p className="muted small">{t('verify.privacy')}</p>
      <LiveMessage error={error} status={busy ? t('verify.checking') : null} testId="verify" />
      {result && <Verdict result={result} name={name} t={t} />}
      <p>
        <Link href="/gallery">← {t('creation.back')}</Link>
      </p>
    </div>
  );
}

function Verdict({ result: r, name, t }: { result: VerifyResult; name: string; t: Translate }) {
  const headline =
    r.state === 'valid' ? (r.openAtelier ? 'verify.valid' : 'verify.validOther') : r.state === 'invalid' ? 'verify.invalid' : r.state === 'none' ? 'verify.none' : 'verify.unchecked';
  return (
    <section aria-labelledby="verify-result-title" className={`verdict verdict-${r.state}`} data-testid="verify-result" data-state={r.state}>
      <h2 id="verify-result-title">{t('verify.resultFor', { name })}</h2>
      <p className="verdict-headline" data-testid="verify-headline">
        {t(headline)}
      </p>
      {r.signer && <p data-testid="verify-signer">{signerText(r.signer, t)}</p>}
      {r.creation && (
        <p data-testid="verify-creation">
          {t(r.state === 'valid' ? 'verify.creation' : 'verify.creationClaimed', { title: r.creation.title })}{' '}
          <Link href={`/gallery/${encodeURIComponent(r.creation.id)}`}>{t('verify.openCreation')}</Link>
        </p>
      )}
      {r.reasons.length > 0 && r.state === 'invalid' && (
        <details>
          <summary>{t('verify.reasons')}</summary>
          <ul data-testid="verify-reasons">
            {r.reasons.map((reason, i) => (
              <li key={i}>
                <code>{reason.code}</code> {reason.explanation}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.state !== 'none' && r.ingredients.length > 0 && (
        <>
          <h3>{t('verify.ingredients')}</h3>
          <ul data-testid="verify-ingredients">
            {r.ingredients.map((i, n) => (
              <li key={n}>
                {i.url ? (
                  <a href={i.url} rel="noopener" target="_blank">
                    {i.title}
                  </a>
                ) : (
                  i.title
                )}
                {i.relationship === 'inputTo' ? ` (${t('creation.asStyle')})` : ''}
                {i.placedSha256?.map((h) => (
                  <span key={h} className="verify-file">
                    {' '}
                    {t('verify.placedFile', { hash: h.slice(0, 12) })}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.state !== 'none' && r.actions.length > 0 && (
        <>
          <h3>{t('verify.actions')}</h3>
          <ol data-testid="verify-actions">
            {r.actions.map((a, n) => (
              <li key={n}>{actionText(a, t)}</li>
            ))}
          </ol>
        </>
      )}
      {r.creditLine && <p className="muted small">{r.creditLine}</p>}
    </section>
  );
}

function actionText(a: VerifyResult['actions'][number], t: Translate): string {
  const ai = a.digitalSourceType === AI_SOURCE;
  switch (a.action) {
    case 'c2pa.created':
      return t(ai ? 'verify.action.createdAi' : 'verify.action.created', { agent: a.softwareAgent ?? '—' });
    case 'c2pa.placed':
      return t('verify.action.placed');
    case 'c2pa.drawing':
      return t('verify.action.drawing');
    case 'c2pa.edited':
      return t(ai ? 'verify.action.editedAi' : 'verify.action.edited', { agent: a.softwareAgent ?? '—' });
    default:
      return a.action;
  }
}
