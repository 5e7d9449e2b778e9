import { normalizeDraftCode } from '@atelier/contracts/draft';
import type { Draft } from '@atelier/contracts/draft.schema';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { galleryApi } from '../../api/gallery.client';
import { ApiError } from '../../api/http';
import { useStudio } from '../../canvas/ui/studio';
import { describeError, LiveMessage } from '../../components/Message';
import { useI18n } from '../../i18n';
import { loadDraft } from './draft';

/**
 * "Open a saved canvas": a code typed (or given by a resume link) opens a draft. When the canvas already holds
 * something, the visitor confirms before it is replaced.
 */
export function DraftOpener({ initialCode = '', autoOpen = false, onOpened }: { initialCode?: string; autoOpen?: boolean; onOpened?(): void }) {
  const studio = useStudio();
  const { t } = useI18n();
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<{ draft: Draft; code: string } | null>(null);

  const place = ({ draft, code }: { draft: Draft; code: string }) => {
    loadDraft(studio, draft, code);
    setWaiting(null);
    setStatus(t('draft.opened'));
    onOpened?.();
  };

  const open = async (typed: string) => {
    const normal = normalizeDraftCode(typed);
    setStatus(null);
    if (!normal) return setError(t('draft.badCode'));
    setError(null);
    setBusy(true);
    try {
      const opened = { draft: await galleryApi.openDraft(normal), code: normal };
      if (studio.doc.current().layers.length > 0) setWaiting(opened);
      else place(opened);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t('draft.notFound') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const opened = useRef(false);
  useEffect(() => {
    if (autoOpen && initialCode && !opened.current) {
      opened.current = true;
      void open(initialCode);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the code a resume link carried
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void open(code);
  };

  return (
    <div className="draft-opener">
      <form onSubmit={submit} className="draft-open-form">
        <label className="field">
          <span className="field-label">{t('draft.codeLabel')}</span>
          <input
            value={code}
            maxLength={20}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCD-2345"
            data-testid="draft-code-input"
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="draft-open" disabled={busy}>
          {t('draft.open')}
        </button>
      </form>
      {waiting && (
        <div className="draft-confirm" data-testid="draft-replace">
          <p>{t('draft.replace')}</p>
          <div className="row">
            <button type="button" className="primary" data-testid="draft-confirm" onClick={() => place(waiting)}>
              {t('draft.confirm')}
            </button>
            <button type="button" onClick={() => setWaiting(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <LiveMessage error={error} status={busy ? t('draft.opening') : status} testId="draft-open" />
    </div>
  );
}
