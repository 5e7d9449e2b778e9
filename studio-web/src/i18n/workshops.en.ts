/** The workshops pages' English messages (spread into en.ts; the keys start with `workshop.`). */
export const workshopsEn = {
  'workshop.title': 'Workshops',
} as const;
