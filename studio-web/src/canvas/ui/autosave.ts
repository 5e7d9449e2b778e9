import type { Remix } from '@atelier/contracts/remix.schema';
import type { WorkSummary } from '@atelier/contracts/work.schema';
import type { History } from '../document/history';
import { boundedHistory, loadSavedHistory } from '../document/saved-canvas';
import { workImageKey, type CanvasDocument } from '../document/schema';
import { createStudio, patchEditor, type EditorState, type Studio } from './studio';

/**
 * The canvas survives a reload, a crash and a kiosk restart: the document, its capped undo history and the lookups
 * its layers need (the remixes' output URLs, a resumed draft's copies among them; works' titles; image sizes) are
 * written to localStorage a moment after each change, and read back, migrated, when the studio starts. A saved
 * canvas that cannot be read is kept aside under its own key, never thrown away, and the visitor starts fresh.
 */

export const AUTOSAVE_KEY = 'atelier.canvas';
export const AUTOSAVE_ASIDE_KEY = 'atelier.canvas.unreadable';
/** localStorage holds about 5 MB (UTF-16) per origin: the canvas takes at most 1.5 M characters of it. */
export const AUTOSAVE_MAX_CHARS = 1_500_000;
export const AUTOSAVE_DEBOUNCE_MS = 400;
const FORMAT = 1;

type Lookups = Pick<EditorState, 'works' | 'remixes' | 'imageSizes'>;
type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The lookups the documents of a history refer to, and no others. */
export function lookupsOf(history: History, s: Lookups): Lookups {
  const docs = [...history.past, history.present, ...history.future];
  const pick = <T>(from: Record<string, T>, keys: Set<string>) =>
    Object.fromEntries(Object.entries(from).filter(([k]) => keys.has(k))) as Record<string, T>;
  const layers = docs.flatMap((d) => d.layers);
  return {
    works: pick(s.works, new Set(layers.flatMap((l) => (l.kind === 'work' ? [l.workId] : [])))),
    remixes: pick(s.remixes, new Set(layers.flatMap((l) => (l.kind === 'remix' ? [l.remixId] : [])))),
    imageSizes: pick(s.imageSizes, new Set(layers.flatMap((l) => (l.kind === 'work' ? [workImageKey(l)] : [])))),
  };
}

/** What is written: null when even the present canvas is over the bound (the last good save stays). */
export function serializeCanvas(full: History, editor: Lookups & Pick<EditorState, 'draftCode'>, maxChars = AUTOSAVE_MAX_CHARS, savedAt = new Date()): string | null {
  // Room for the lookups first; the history gets the rest.
  const lookups = JSON.stringify(lookupsOf(full, editor));
  const history = boundedHistory(full, maxChars - lookups.length - 100);
  if (!history) return null;
  return JSON.stringify({ format: FORMAT, savedAt: savedAt.toISOString(), history, lookups: JSON.parse(lookups) as Lookups, draftCode: editor.draftCode });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lookups as read back: only entries of the expected kind, so a damaged one costs a title or an image, not the canvas. */
function readLookups(raw: unknown): Lookups {
  const o = isObject(raw) ? raw : {};
  const entries = <T>(v: unknown, ok: (k: string, x: Record<string, unknown>) => boolean) =>
    Object.fromEntries(Object.entries(isObject(v) ? v : {}).filter(([k, x]) => isObject(x) && ok(k, x))) as Record<string, T>;
  return {
    works: entries<WorkSummary>(o.works, (k, w) => w.id === k && typeof w.title === 'string'),
    remixes: entries<Remix>(o.remixes, (k, r) => r.id === k && (r.output === undefined || (isObject(r.output) && typeof r.output.url === 'string'))),
    imageSizes: entries<{ width: number; height: number }>(o.imageSizes, (_, s) => typeof s.width === 'number' && typeof s.height === 'number'),
  };
}

export type RestoreOutcome = 'nothing' | 'restored' | 'unreadable';

/** Puts a saved canvas (any version: the named migrations run) into the studio. */
export function restoreStudio(studio: Studio, storage: StorageLike): RestoreOutcome {
  let raw: string | null;
  try {
    raw = storage.getItem(AUTOSAVE_KEY);
  } catch {
    return 'nothing'; // storage blocked (private mode, a kiosk policy): the studio works without it
  }
  if (!raw) return 'nothing';
  try {
    const saved: unknown = JSON.parse(raw);
    if (!isObject(saved)) throw new Error('not a saved canvas');
    studio.doc.load(loadSavedHistory(saved.history));
    patchEditor(studio, { ...readLookups(saved.lookups), draftCode: typeof saved.draftCode === 'string' ? saved.draftCode : null });
    return 'restored';
  } catch {
    keepAside(storage, raw);
    return 'unreadable';
  }
}

function keepAside(storage: StorageLike, raw: string): void {
  try {
    storage.setItem(AUTOSAVE_ASIDE_KEY, JSON.stringify({ keptAt: new Date().toISOString(), saved: raw }));
    storage.removeItem(AUTOSAVE_KEY);
  } catch {
    // No room to keep a copy: it stays where it is until the next save writes over it.
  }
}

/** A studio with the canvas saved on this device, if any; `restoreFailed` tells the visitor when it could not be read. */
export function createSavedStudio(storage: StorageLike | null, initial?: CanvasDocument): Studio {
  const studio = createStudio(initial);
  if (storage && restoreStudio(studio, storage) === 'unreadable') patchEditor(studio, { restoreFailed: true });
  return studio;
}

/**
 * Saves a moment after each change (of the document, or of the lookups its layers need) and when the page is
 * hidden or left. Answers `stop`, which writes what is pending first.
 */
export function startAutosave(studio: Studio, storage: StorageLike, debounceMs = AUTOSAVE_DEBOUNCE_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    const history = studio.doc.store.get();
    const text = serializeCanvas(history, studio.editor.get());
    if (text === null) return;
    try {
      storage.setItem(AUTOSAVE_KEY, text);
    } catch {
      // Over the origin's quota: the present canvas alone, without its history.
      const lean = serializeCanvas({ past: [], present: history.present, future: [] }, studio.editor.get());
      try {
        if (lean) storage.setItem(AUTOSAVE_KEY, lean);
      } catch {
        // Still no room: the last good save stays.
      }
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(write, debounceMs);
  };
  const flush = () => {
    if (timer !== undefined) write();
  };
  let seen = studio.editor.get();
  const unsubscribeDoc = studio.doc.store.subscribe(schedule);
  const unsubscribeEditor = studio.editor.subscribe(() => {
    const s = studio.editor.get();
    if (s.works !== seen.works || s.remixes !== seen.remixes || s.imageSizes !== seen.imageSizes || s.draftCode !== seen.draftCode) schedule();
    seen = s;
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    flush();
    unsubscribeDoc();
    unsubscribeEditor();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}
