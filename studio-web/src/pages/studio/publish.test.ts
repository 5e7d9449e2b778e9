import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDocument, type CanvasDocument } from '../../canvas/document/schema';
import { ingredientWorkIds } from './publish';
import { json, remix, REMIX_ID } from './studio.test-support';

const doc: CanvasDocument = {
  ...emptyDocument(),
  layers: [
    { id: 'l1', kind: 'work', workId: 'harvesters', x: 0, y: 0, scale: 1, rotation: 0 },
    { id: 'l2', kind: 'remix', remixId: REMIX_ID, x: 0, y: 0, width: 10, height: 10 },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('the works the publish preview asks about', () => {
  it('include a work mixed into a style remix (its licence and credit count, as at publish)', async () => {
    const mixed = remix({ params: { styleWorkId: 'great-wave', strength: 0.8, mixWorkId: 'by-sa-work', mixWeight: 0.5 }, workIds: ['harvesters'] });
    const ids = await ingredientWorkIds(doc, { [REMIX_ID]: mixed });
    expect(ids).toContain('by-sa-work');
    expect([...ids].sort()).toEqual(['by-sa-work', 'great-wave', 'harvesters']);
  });

  it('include the collection work an upscale was made of, and the works on the canvas it was made from', async () => {
    const upscale = remix({ tool: 'upscale', params: { source: 'work', workId: 'etching', scale: 2 }, workIds: ['earlier'] });
    expect([...(await ingredientWorkIds(doc, { [REMIX_ID]: upscale }))].sort()).toEqual(['earlier', 'etching', 'harvesters']);
  });

  it('ask inference-service for a remix the studio does not know', async () => {
    const fetchMock = vi.fn(async (_url: string) => json(200, remix({ params: { styleWorkId: 'great-wave', strength: 0.5, mixWorkId: 'mixed' } })));
    vi.stubGlobal('fetch', fetchMock);
    expect(await ingredientWorkIds(doc, {})).toEqual(expect.arrayContaining(['harvesters', 'w1', 'great-wave', 'mixed']));
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/inference/remixes/${REMIX_ID}`);
  });
});
