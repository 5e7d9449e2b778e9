import { describe, expect, it } from 'vitest';
import { publishRequestSchema } from './creation.schema';
import { remixRequestSchema } from './remix.schema';
import { text, workIdSchema } from './text.schema';

describe('text without NUL (PostgreSQL refuses U+0000)', () => {
  it('keeps the string rules it is chained with', () => {
    const title = text().trim().min(1).max(5);
    expect(title.parse('  ab ')).toBe('ab');
    expect(title.safeParse('').success).toBe(false);
    expect(title.safeParse('a\u0000b').error?.issues[0]?.message).toMatch(/NUL/);
  });

  it('is the one work id every request names', () => {
    expect(workIdSchema.parse('local-bruegel-harvesters')).toBe('local-bruegel-harvesters');
    for (const id of ['', 'a\u0000', 'x'.repeat(201)]) expect(workIdSchema.safeParse(id).success, JSON.stringify(id)).toBe(false);
    const remix = { requestId: '7a1f2c3e-0d7b-4d5e-9a8b-1c2d3e4f5a6b', model: 'magenta-arbitrary-style', params: {}, workIds: ['a\u0000'] };
    expect(remixRequestSchema.safeParse(remix).success).toBe(false);
  });

  it('guards what a publish stores: title, alt text, layer ids and stroke colours', () => {
    const meta = {
      requestId: '7a1f2c3e-0d7b-4d5e-9a8b-1c2d3e4f5a6b',
      title: 'Harbour',
      licence: 'cc0',
      document: { schemaVersion: 2, width: 8, height: 8, layers: [{ id: 's', kind: 'strokes', strokes: [{ points: [0, 0], color: '#000', size: 1 }] }] },
    };
    expect(publishRequestSchema.safeParse(meta).success).toBe(true);
    expect(publishRequestSchema.safeParse({ ...meta, title: 'Har\u0000bour' }).success).toBe(false);
    expect(publishRequestSchema.safeParse({ ...meta, altText: '\u0000' }).success).toBe(false);
    const layer = meta.document.layers[0]!;
    const withLayer = (l: object) => ({ ...meta, document: { ...meta.document, layers: [{ ...layer, ...l }] } });
    expect(publishRequestSchema.safeParse(withLayer({ id: 's\u0000' })).success).toBe(false);
    expect(publishRequestSchema.safeParse(withLayer({ strokes: [{ points: [0, 0], color: '#0\u0000', size: 1 }] })).success).toBe(false);
  });
});
