/**
 * Exhibitions' pure rules, shared by gallery-api and the studio (no zod here, so the studio's kiosk chunk stays
 * small): the order of a selection, how a kiosk is set up from its URL, and the short credit a slide shows.
 */

export const EXHIBITION_MAX_ITEMS = 500;
export const KIOSK_TRANSITIONS = ['fade', 'slide', 'none'] as const;
export type KioskTransition = (typeof KIOSK_TRANSITIONS)[number];
export const KIOSK_SECONDS = { min: 3, max: 600, default: 12 } as const;
export const KIOSK_ORIENTATIONS = ['auto', 'landscape', 'portrait'] as const;
export type KioskOrientation = (typeof KIOSK_ORIENTATIONS)[number];

/** The selection with `from` moved to `to` (both clamped); the rest keep their order. Drag and arrow keys both use it. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved as T);
  return next;
}

/** Each id once, in the order first given: a creation hangs in an exhibition at most once. */
export function uniqueInOrder(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export interface KioskSettings {
  slideSeconds: number;
  transition: KioskTransition;
  orientation: KioskOrientation;
}

/**
 * The kiosk's settings: the exhibition's own, each overridden by the kiosk URL (`?seconds=8&transition=none&
 * orientation=portrait`), so one exhibition can run differently on a frame and on a wall screen. Values out of range
 * are ignored, never a reason for a screen to stay blank.
 */
export function kioskSettings(exhibition: { slideSeconds: number; transition: KioskTransition }, search: URLSearchParams): KioskSettings {
  const seconds = Number(search.get('seconds'));
  const transition = search.get('transition');
  const orientation = search.get('orientation');
  return {
    slideSeconds:
      search.has('seconds') && Number.isFinite(seconds) && seconds >= KIOSK_SECONDS.min && seconds <= KIOSK_SECONDS.max ? seconds : exhibition.slideSeconds,
    transition: (KIOSK_TRANSITIONS as readonly string[]).includes(transition ?? '') ? (transition as KioskTransition) : exhibition.transition,
    orientation: (KIOSK_ORIENTATIONS as readonly string[]).includes(orientation ?? '') ? (orientation as KioskOrientation) : 'auto',
  };
}

/** The slide to show after the manifest changed: the same creation where it is still there, else the one at its place. */
export function nextIndexAfterChange(previousIds: readonly string[], currentId: string | null, nextIds: readonly string[], previousIndex: number): number {
  if (nextIds.length === 0) return 0;
  if (currentId) {
    const kept = nextIds.indexOf(currentId);
    if (kept >= 0) return kept;
  }
  // The current one left (withdrawn, taken out): show what came after it, found among the ones that stay.
  for (let i = previousIndex + 1; i < previousIds.length; i++) {
    const at = nextIds.indexOf(previousIds[i]!);
    if (at >= 0) return at;
  }
  return 0;
}
