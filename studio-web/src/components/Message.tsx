import { ApiError } from '../api/http';
import type { Translate } from '../i18n';
import type { MessageKey } from '../i18n/en';

/** A live region: present (empty) from the start so screen readers announce what appears in it. */
export function LiveMessage({ error, status, testId }: { error?: string | null; status?: string | null; testId?: string }) {
  return (
    <>
      <div className="message error" role="alert" aria-live="assertive" data-testid={testId ? `${testId}-error` : 'error'} hidden={!error}>
        {error}
      </div>
      <div className="message status" role="status" aria-live="polite" data-testid={testId ? `${testId}-status` : 'status'} hidden={!status}>
        {status}
      </div>
    </>
  );
}

/**
 * The visitor-facing text for a failed call: the server's own message for 4xx, ours otherwise: a full disk (507) and a
 * service that is down or restarting (502/503/504: Redis, the database, an API behind the studio) in plain words.
 */
/** Refusals a visitor meets in the studio, in their language (the server's own message is English). */
const REFUSALS: Partial<Record<string, MessageKey>> = {
  image_mismatch: 'error.imageMismatch',
  canvas_unrenderable: 'error.canvasUnrenderable',
  work_not_shown: 'error.workNotShown',
};

export function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 507 || err.code === 'storage_full') return t('error.storageFull');
    if (err.status === 502 || err.status === 503 || err.status === 504) return t('error.unavailable');
    if (err.status >= 500) return t('error.server');
    const known = REFUSALS[err.code];
    return known ? t(known) : err.message;
  }
  return err instanceof Error ? err.message : t('error.unknown');
}
