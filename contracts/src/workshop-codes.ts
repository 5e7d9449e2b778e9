/** Workshop join and rejoin codes, without zod, so the studio's pupil pages can read them cheaply. */

/** Join and rejoin codes: no 0/O, 1/I/L, 5/S or 2/Z, so a code read off a projector is typed right. */
export const CODE_ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';
export const JOIN_CODE_LENGTH = 6;
export const REJOIN_CODE_LENGTH = 5;
/** The longest a workshop may run. */
export const MAX_WORKSHOP_MS = 24 * 3_600_000;

/** What a pupil typed, as the code it means: upper case, no spaces or dashes; null when it cannot be one. */
export function normalizeCode(typed: string, length: number): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== length) return null;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return null;
  return code;
}
