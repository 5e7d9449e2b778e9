import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from '../app/router';
import { useI18n } from '../i18n';

/**
 * Previous / next as links (`?page=N`): reachable by Tab, followed with Enter or a tap, each a 44 px target, and
 * the browser's Back returns to the page before. An end with nowhere to go is plain text, not a dead link.
 */
export function Pager({ page, pages, path, label, testId }: { page: number; pages: number; path: string; label: string; testId: string }) {
  const { t } = useI18n();
  if (pages <= 1 && page <= 1) return null;
  const href = (p: number) => (p <= 1 ? path : `${path}?page=${p}`);
  const step = (to: number, text: string, rel: 'prev' | 'next', enabled: boolean) =>
    enabled ? (
      <Link href={href(to)} rel={rel} className="pager-link" data-testid={`${testId}-${rel}`}>
        {text}
      </Link>
    ) : (
      <span className="pager-link" aria-disabled="true" data-testid={`${testId}-${rel}`}>
        {text}
      </span>
    );
  return (
    <nav className="pager" aria-label={label} data-testid={testId}>
      {step(Math.min(page - 1, pages), t('common.previous'), 'prev', page > 1)}
      <span aria-current="page" data-testid={`${testId}-current`}>
        {t('common.pageOf', { page, pages: Math.max(page, pages) })}
      </span>
      {step(page + 1, t('common.next'), 'next', page < pages)}
    </nav>
  );
}

/**
 * Previous / next as buttons, for a list paged inside a panel (the collection panel, a curator's candidates): the page
 * is the panel's own state, not the address.
 */
export function PanelPager({ page, pages, onPage, label }: { page: number; pages: number; onPage: (page: number) => void; label: string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.pageOf', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

/** A paged list's heading: where focus lands when the visitor moves to another page, so the keyboard goes on from the top. */
export function PagedHeading({ page, children }: { page: number; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus({ preventScroll: true });
  }, [page]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
