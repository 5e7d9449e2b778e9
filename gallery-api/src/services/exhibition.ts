import type { KioskTransition } from '@atelier/contracts/exhibition';

/** An exhibition as the gallery keeps it: its selection in order, statuses not included (they change under it). */
export interface ExhibitionRecord {
  id: string;
  title: { en: string; nl: string };
  text: { en: string; nl: string };
  /** YYYY-MM-DD, inclusive; null: open-ended. */
  startsOn: string | null;
  endsOn: string | null;
  public: boolean;
  slideSeconds: number;
  transition: KioskTransition;
  creationIds: string[];
  updatedAt: Date;
}

/** The museum's date today, YYYY-MM-DD, in its time zone: an exhibition's dates are whole days there. */
export function dayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * On view to the public (its page, its IIIF Collection, its kiosk): marked public and `today` within its dates.
 * Anything else is answered 404 to visitors, as if it did not exist.
 */
export function isOnView(e: Pick<ExhibitionRecord, 'public' | 'startsOn' | 'endsOn'>, today: string): boolean {
  return e.public && (!e.startsOn || e.startsOn <= today) && (!e.endsOn || today <= e.endsOn);
}

/** The selection as it may be shown: only approved creations, in the curated order. */
export function shownInOrder(creationIds: readonly string[], approved: ReadonlySet<string>): string[] {
  return creationIds.filter((id) => approved.has(id));
}
