import { describe, expect, it } from 'vitest';
import { DocumentVersionError, migrateDocument } from './migrations';
import { CURRENT_SCHEMA_VERSION } from './schema';

describe('migrateDocument', () => {
  it('upgrades an unversioned prototype draft through the named steps', () => {
    const doc = migrateDocument({ layers: [{ id: 'a', kind: 'strokes', strokes: [] }] });
    expect(doc).toEqual({ schemaVersion: 1, width: 1024, height: 1024, layers: [{ id: 'a', kind: 'strokes', strokes: [] }] });
  });

  it('leaves a current document as it is', () => {
    const current = { schemaVersion: CURRENT_SCHEMA_VERSION, width: 800, height: 600, layers: [] };
    expect(migrateDocument(current)).toEqual(current);
  });

  it('refuses documents from the future and malformed input', () => {
    expect(() => migrateDocument({ schemaVersion: 99, width: 1, height: 1, layers: [] })).toThrow(DocumentVersionError);
    expect(() => migrateDocument('nope')).toThrow(DocumentVersionError);
    expect(() => migrateDocument({ schemaVersion: 1, width: 'x', layers: [] })).toThrow(DocumentVersionError);
  });

  it('says which step is missing', () => {
    expect(() => migrateDocument({ layers: [] }, [])).toThrow(/no migration from version 0/);
  });
});
