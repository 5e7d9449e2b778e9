/**
 * Pure rules on the canvas document (no zod, so the studio bundle stays small); the shape is canvas.schema.ts,
 * which builds on this module. The rules read documents structurally, so nothing here imports the schema.
 */

export const CANVAS_SCHEMA_VERSION = 2 as const;
export const DEFAULT_DOCUMENT_SIZE = 1024;

/** The font families a text layer may use: system-safe stacks, so nothing is fetched (the studio's CSP allows no font host). */
export const TEXT_FONTS = ['sans', 'serif', 'mono', 'hand'] as const;
export type TextFont = (typeof TEXT_FONTS)[number];

/** The part of a document the rules read. */
interface LayersOf {
  layers: readonly (
    | { kind: 'work'; workId: string }
    | { kind: 'remix'; remixId: string }
    | { kind: 'strokes'; strokes: readonly unknown[] }
    | { kind: 'text' }
  )[];
}

export function emptyDocument(size = DEFAULT_DOCUMENT_SIZE) {
  return { schemaVersion: CANVAS_SCHEMA_VERSION, width: size, height: size, layers: [] as never[] };
}

/** Distinct collection works placed on the canvas, in layer order. */
export function workIdsOf(doc: LayersOf): string[] {
  return [...new Set(doc.layers.flatMap((l) => (l.kind === 'work' ? [l.workId] : [])))];
}

/** Distinct remixes placed on the canvas, in layer order. */
export function remixIdsOf(doc: LayersOf): string[] {
  return [...new Set(doc.layers.flatMap((l) => (l.kind === 'remix' ? [l.remixId] : [])))];
}

export function strokeCountOf(doc: LayersOf): number {
  return doc.layers.reduce((n, l) => n + (l.kind === 'strokes' ? l.strokes.length : 0), 0);
}

/**
 * Named, ordered migrations: a saved canvas is reopened months later, so each step is kept forever.
 * `from` is the schemaVersion a step upgrades; a document without one is version 0.
 */
export interface CanvasMigration {
  name: string;
  from: number;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

export const CANVAS_MIGRATIONS: readonly CanvasMigration[] = [
  {
    // Drafts saved by the first prototype had no version and no size (it was always 1024 square).
    name: '0001-add-version-and-size',
    from: 0,
    up: (doc) => ({
      ...doc,
      width: typeof doc.width === 'number' ? doc.width : DEFAULT_DOCUMENT_SIZE,
      height: typeof doc.height === 'number' ? doc.height : DEFAULT_DOCUMENT_SIZE,
      layers: Array.isArray(doc.layers) ? doc.layers : [],
    }),
  },
  {
    // Version 2 brought layer visibility, opacity, lock, turned remix layers, text layers and eraser strokes:
    // older layers are spelled out as what they always were (shown, opaque, unlocked, unturned).
    name: '0002-layer-appearance-and-text',
    from: 1,
    up: (doc) => ({
      ...doc,
      layers: Array.isArray(doc.layers)
        ? doc.layers.map((l: unknown) => {
            if (!l || typeof l !== 'object') return l;
            const layer: Record<string, unknown> = { visible: true, opacity: 1, locked: false, ...(l as Record<string, unknown>) };
            return layer.kind === 'remix' && layer.rotation === undefined ? { ...layer, rotation: 0 } : layer;
          })
        : doc.layers,
    }),
  },
];

export class CanvasDocumentError extends Error {
  override name = 'CanvasDocumentError';
}

/** Runs the named steps from the document's version up to the current one; the shape is checked by `parseCanvasDocument`. */
export function migrateCanvasDocument(raw: unknown, migrations: readonly CanvasMigration[] = CANVAS_MIGRATIONS): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CanvasDocumentError('not a canvas document');
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > CANVAS_SCHEMA_VERSION)
    throw new CanvasDocumentError(`document version ${version} is newer than this studio (${CANVAS_SCHEMA_VERSION})`);
  while (version < CANVAS_SCHEMA_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new CanvasDocumentError(`no migration from version ${version}`);
    version += 1;
    doc = { ...step.up(doc), schemaVersion: version };
  }
  return doc;
}
