/**
 * Drafts: a canvas saved on the server and resumed on another device with a short code (pure, no zod, so the
 * studio can format and check codes; the shapes are draft.schema.ts).
 */

/** No 0/O, 1/I/L: a code read off a screen and typed on a phone cannot be misread. */
export const DRAFT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 31^8 ≈ 8.5 × 10^11 codes (≈ 39.6 bits); guessing is also rate limited per client address. */
export const DRAFT_CODE_LENGTH = 8;
/** Undo steps a draft keeps on each side (past, future), as the local autosave does. */
export const DRAFT_HISTORY_MAX = 20;
/** Remixes a draft may name (present and history together); their outputs are copied into the draft. */
export const DRAFT_MAX_REMIXES = 20;

/** The code as a visitor may type it ("abcd efgh", "ABCD-EFGH") → "ABCDEFGH", or null when it cannot be one. */
export function normalizeDraftCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]+/g, '');
  if (code.length !== DRAFT_CODE_LENGTH) return null;
  for (const ch of code) if (!DRAFT_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** "ABCDEFGH" → "ABCD-EFGH": easier to read out and type. */
export const formatDraftCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/**
 * The studio's path that opens a draft. The code is in the fragment, which browsers never send to a server, so it
 * appears in no request log.
 */
export const draftResumePath = (code: string): string => `/resume#${formatDraftCode(code)}`;
