import { z } from 'zod';

/**
 * Text a request may carry into the services. PostgreSQL's `text` and `jsonb` refuse U+0000, so a NUL byte in an
 * id, a search or a title would fail deep in a query (a 500); every such string is refused here instead (400).
 */
const NO_NUL = /^[^\u0000]*$/;
export const NUL_MESSAGE = 'may not contain a NUL character (U+0000)';

/** A string without NUL characters; chain `.min()`, `.max()`, `.trim()` as on `z.string()`. */
export const text = () => z.string().regex(NO_NUL, NUL_MESSAGE);

/** A collection work's id, as every request names one (canvas layers, remix params, works/check, preview, routes). */
export const workIdSchema = text().min(1).max(200);
