/** The exhibitions pages' English messages (spread into en.ts; the keys start with `exhibition.`). */
export const exhibitionsEn = {
  'exhibition.title': 'Exhibitions',
} as const;
