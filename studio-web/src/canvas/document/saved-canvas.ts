import { CANVAS_SCHEMA_VERSION, CanvasDocumentError, migrateCanvasDocument, TEXT_FONTS } from '@atelier/contracts/canvas';
import { DRAFT_HISTORY_MAX } from '@atelier/contracts/draft';
import type { History } from './history';
import type { CanvasDocument } from './schema';

/**
 * The canvas as the studio keeps it between visits (the local autosave) and sends it as a draft: the history, its
 * undo and redo steps capped, in a bounded size. Pure: no storage, no network.
 *
 * Loading runs the contracts' named migrations on every document, then a light structural check. The studio does
 * not ship zod, so this is not the schema: it only makes sure the renderer and the commands can read what they get;
 * gallery-api parses with the schema whatever is sent to it.
 */

/** Undo steps kept on each side when saved: the same as a draft keeps. */
export const SAVED_HISTORY_MAX = DRAFT_HISTORY_MAX;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);
const bool = (v: unknown) => typeof v === 'boolean';

function readableLayer(l: unknown): boolean {
  if (!isObject(l) || !str(l.id)) return false;
  if (!optional(l.visible, bool) || !optional(l.locked, bool) || !optional(l.opacity, (o) => finite(o) && o >= 0 && o <= 1)) return false;
  switch (l.kind) {
    case 'work':
      return str(l.workId) && [l.x, l.y, l.scale, l.rotation].every(finite);
    case 'remix':
      return str(l.remixId) && [l.x, l.y, l.width, l.height].every(finite) && optional(l.rotation, finite);
    case 'text':
      return str(l.text) && (TEXT_FONTS as readonly unknown[]).includes(l.font) && str(l.color) && [l.x, l.y, l.size, l.scale, l.rotation].every(finite);
    case 'strokes':
      return (
        Array.isArray(l.strokes) &&
        l.strokes.every((s) => isObject(s) && Array.isArray(s.points) && s.points.every(finite) && str(s.color) && finite(s.size) && optional(s.erase, bool))
      );
    default:
      return false;
  }
}

/** One saved document of any version, migrated to the current one; throws CanvasDocumentError when it cannot be read. */
export function loadSavedDocument(raw: unknown): CanvasDocument {
  const doc = migrateCanvasDocument(raw);
  const ok =
    doc.schemaVersion === CANVAS_SCHEMA_VERSION &&
    Number.isInteger(doc.width) &&
    Number.isInteger(doc.height) &&
    (doc.width as number) > 0 &&
    (doc.height as number) > 0 &&
    Array.isArray(doc.layers) &&
    doc.layers.every(readableLayer);
  if (!ok) throw new CanvasDocumentError('the saved canvas cannot be read');
  return doc as unknown as CanvasDocument;
}

/** A saved history ({ past, present, future }, each step a document of any version) as the store's History. */
export function loadSavedHistory(raw: unknown): History {
  if (!isObject(raw)) throw new CanvasDocumentError('no saved history');
  const steps = (v: unknown) => (Array.isArray(v) ? v.map(loadSavedDocument) : []);
  return { past: steps(raw.past), present: loadSavedDocument(raw.present), future: steps(raw.future) };
}

/**
 * The history to save: at most SAVED_HISTORY_MAX steps each way, then the oldest undo and the farthest redo steps
 * dropped until its JSON has at most `maxChars` characters. Null when the present canvas alone is larger.
 */
export function boundedHistory(h: History, maxChars: number): History | null {
  let past = h.past.slice(-SAVED_HISTORY_MAX);
  let future = h.future.slice(0, SAVED_HISTORY_MAX);
  const size = (d: CanvasDocument) => JSON.stringify(d).length + 1;
  const presentSize = size(h.present);
  if (presentSize > maxChars) return null;
  let total = presentSize + [...past, ...future].reduce((n, d) => n + size(d), 0);
  while (total > maxChars) {
    // The step farthest from the present goes first: the oldest undo, or the last redo when it is farther.
    if (past.length >= future.length && past.length > 0) {
      total -= size(past[0]!);
      past = past.slice(1);
    } else {
      total -= size(future[future.length - 1]!);
      future = future.slice(0, -1);
    }
  }
  return { past, present: h.present, future };
}
