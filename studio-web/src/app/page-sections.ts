import type { Section } from '../i18n/sections';

/**
 * The dictionary sections beyond `core` (i18n/sections.ts) that each lazily loaded page needs: App.tsx fetches them
 * with the page's chunk, and bench:bundles counts them in the page's initial JS. Gallery, creation, work, verify and
 * colouring pages need `core` only.
 */
export const PAGE_SECTIONS = {
  studio: ['studio'],
  resume: ['studio'],
  moderation: ['staff'],
  staff: ['staff'],
  // A pupil works in the studio inside the workshop pages.
  workshops: ['workshops', 'studio'],
  exhibitions: ['exhibitions'],
} as const satisfies Record<string, readonly Section[]>;
