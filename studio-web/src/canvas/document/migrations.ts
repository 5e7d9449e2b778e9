import { CURRENT_SCHEMA_VERSION, DEFAULT_DOCUMENT_SIZE, type CanvasDocument } from './schema';

/**
 * Named, ordered migrations: a saved canvas is reopened months later, so each step is kept forever.
 * `from` is the schemaVersion a step upgrades; a document without one is version 0.
 */
export interface Migration {
  name: string;
  from: number;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

export const MIGRATIONS: Migration[] = [
  {
    // Drafts saved by the first prototype had no version and no size (it was always 1024 square).
    name: '0001-add-version-and-size',
    from: 0,
    up: (doc) => ({
      ...doc,
      schemaVersion: 1,
      width: typeof doc.width === 'number' ? doc.width : DEFAULT_DOCUMENT_SIZE,
      height: typeof doc.height === 'number' ? doc.height : DEFAULT_DOCUMENT_SIZE,
      layers: Array.isArray(doc.layers) ? doc.layers : [],
    }),
  },
];

export class DocumentVersionError extends Error {}

/** Brings any saved document up to the current schema, or throws when it cannot. */
export function migrateDocument(raw: unknown, migrations = MIGRATIONS): CanvasDocument {
  if (!raw || typeof raw !== 'object') throw new DocumentVersionError('not a canvas document');
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new DocumentVersionError(`document version ${version} is newer than this studio (${CURRENT_SCHEMA_VERSION})`);
  }
  while (version < CURRENT_SCHEMA_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new DocumentVersionError(`no migration from version ${version}`);
    doc = step.up(doc);
    version += 1;
    doc.schemaVersion = version;
  }
  if (!Array.isArray(doc.layers) || typeof doc.width !== 'number' || typeof doc.height !== 'number') {
    throw new DocumentVersionError('malformed canvas document');
  }
  return doc as unknown as CanvasDocument;
}
