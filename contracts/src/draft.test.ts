import { describe, expect, it } from 'vitest';
import { DRAFT_CODE_ALPHABET, DRAFT_CODE_LENGTH, draftResumePath, formatDraftCode, normalizeDraftCode } from './draft';
import { draftSaveRequestSchema } from './draft.schema';

describe('draft codes', () => {
  it('have no characters that read alike', () => {
    for (const ch of '01OIL') expect(DRAFT_CODE_ALPHABET).not.toContain(ch);
    expect(new Set(DRAFT_CODE_ALPHABET).size).toBe(DRAFT_CODE_ALPHABET.length);
  });

  it('are read as a visitor types them: any case, spaces and hyphens', () => {
    expect(normalizeDraftCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeDraftCode(' 2345 6789 ')).toBe('23456789');
    expect(normalizeDraftCode('ABCD-EFG')).toBeNull();
    expect(normalizeDraftCode('ABCD-EFGHJ')).toBeNull();
    expect(normalizeDraftCode('ABCD-EF0H')).toBeNull();
    expect(normalizeDraftCode('')).toBeNull();
  });

  it('are shown in two halves and resumed from the fragment, which no server sees', () => {
    expect(formatDraftCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(draftResumePath('ABCDEFGH')).toBe('/resume#ABCD-EFGH');
    expect(normalizeDraftCode(draftResumePath('ABCDEFGH').split('#')[1]!)).toBe('ABCDEFGH');
    expect(DRAFT_CODE_LENGTH).toBe(8);
  });
});

describe('draftSaveRequestSchema', () => {
  const doc = { schemaVersion: 2, width: 10, height: 10, layers: [] };
  it('takes a current document and an optional, capped history', () => {
    expect(draftSaveRequestSchema.parse({ document: doc })).toEqual({ document: doc });
    expect(draftSaveRequestSchema.safeParse({ document: doc, history: { past: Array(21).fill(doc), future: [] } }).success).toBe(false);
    expect(draftSaveRequestSchema.safeParse({ document: { ...doc, schemaVersion: 0 } }).success).toBe(false);
  });
});
