import { ApiError } from '../api/http';
import type { Translate } from '../i18n';

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

/** The visitor-facing text for a failed call: the server's own message for 4xx, ours otherwise. */
export function describeError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status >= 500) return t('error.server');
    return err.message;
  }
  return err instanceof Error ? err.message : t('error.unknown');
}
