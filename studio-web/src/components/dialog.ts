import { useEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** What Tab (or Shift+Tab) should focus inside a dialog instead of leaving it; null lets the browser move on. */
export function trapTarget(focusables: readonly HTMLElement[], active: Element | null, shift: boolean): HTMLElement | null {
  const first = focusables[0];
  const last = focusables[focusables.length - 1];
  if (!first || !last) return null;
  const inside = focusables.includes(active as HTMLElement);
  if (shift) return !inside || active === first ? last : null;
  return !inside || active === last ? first : null;
}

/**
 * A modal dialog's keyboard: focus goes into it when it opens and back to what opened it when it closes; Tab and
 * Shift+Tab stay inside it; Escape closes it. Returns the dialog's onKeyDown.
 */
export function useModalDialog(dialog: RefObject<HTMLElement | null>, onClose: () => void): (e: KeyboardEvent<HTMLElement>) => void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [dialog]);
  return (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !dialog.current) return;
    const focusables = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const target = trapTarget(focusables, document.activeElement, e.shiftKey);
    if (target) {
      e.preventDefault();
      target.focus();
    }
  };
}
