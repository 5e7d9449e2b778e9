import type { KeyboardEvent } from 'react';

/**
 * The WAI-ARIA tabs pattern's keys: ←/→ (and ↑/↓) move to the previous/next tab, wrapping at either end;
 * Home and End go to the first and last. Returns the index to move to, or null for any other key.
 */
export function tabIndexForKey(key: string, current: number, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * A tablist's keydown: moves focus to the tab the key names and selects it (selection follows focus, as the
 * panels are light). Tabs are the list's `[role=tab]` children, in order.
 */
export function onTabListKeyDown(e: KeyboardEvent<HTMLElement>, select: (index: number) => void): void {
  const tabs = [...e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const current = tabs.findIndex((tab) => tab === document.activeElement);
  if (current < 0) return;
  const next = tabIndexForKey(e.key, current, tabs.length);
  if (next === null) return;
  e.preventDefault();
  tabs[next]!.focus();
  select(next);
}
