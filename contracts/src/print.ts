/**
 * Print-ready images of approved creations (issue 12 item 3), without zod so the staff pages can read the sizes
 * cheaply: each paper size a curator may choose and its long side in pixels (ISO 216 at the given dpi).
 */
export const PRINT_SIZES = {
  'a4-150': { paper: 'A4', dpi: 150, longSide: 1754 },
  'a3-150': { paper: 'A3', dpi: 150, longSide: 2480 },
  'a4-300': { paper: 'A4', dpi: 300, longSide: 3508 },
  'a3-300': { paper: 'A3', dpi: 300, longSide: 4961 },
} as const;
export type PrintSize = keyof typeof PRINT_SIZES;
export const PRINT_SIZE_IDS = Object.keys(PRINT_SIZES) as PrintSize[];

/** The largest long side a print job makes: A3 at 300 dpi. */
export const PRINT_MAX_LONG_SIDE = 4961;
