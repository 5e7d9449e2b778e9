import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecipes } from './recipes';

describe('recipes', () => {
  it('loads every shipped recipe with Dutch and English texts', async () => {
    const recipes = await loadRecipes();
    expect(recipes.length).toBeGreaterThanOrEqual(3);
    for (const r of recipes) {
      expect(r.title.nl).not.toBe('');
      expect(r.lookFor.en).not.toBe('');
    }
  });

  it('refuses a recipe without a Dutch title', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recipes-'));
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({
        schemaVersion: 1,
        id: 'bad',
        model: 'magenta-arbitrary-style',
        title: { en: 'Bad' },
        lookFor: { nl: 'x', en: 'x' },
        params: { styleWorkId: 'w', strength: 0.5 },
      }),
    );
    await expect(loadRecipes(dir)).rejects.toThrow(/bad.json/);
  });

  it('refuses a recipe whose id does not match its file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recipes-'));
    const recipe = { schemaVersion: 1, id: 'other', model: 'm', title: { nl: 'a', en: 'a' }, lookFor: { nl: 'a', en: 'a' }, params: { styleWorkId: 'w', strength: 1 } };
    await writeFile(join(dir, 'mine.json'), JSON.stringify(recipe));
    await expect(loadRecipes(dir)).rejects.toThrow(/does not match/);
  });

  it('ships every Magenta recipe with a precomputed 100-d style vector and the model version it came from', async () => {
    for (const r of await loadRecipes()) {
      expect(r.styleVector, r.id).toHaveLength(100);
      expect(r.styleVectorModel, r.id).toBe('magenta-arbitrary-style@1.0.0');
    }
  });

  it('refuses a style vector without the model version that computed it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'recipes-'));
    const recipe = { schemaVersion: 1, id: 'vec', model: 'm', title: { nl: 'a', en: 'a' }, lookFor: { nl: 'a', en: 'a' }, params: { styleWorkId: 'w', strength: 1 }, styleVector: Array(100).fill(0) };
    await writeFile(join(dir, 'vec.json'), JSON.stringify(recipe));
    await expect(loadRecipes(dir)).rejects.toThrow(/styleVectorModel/);
  });
});
