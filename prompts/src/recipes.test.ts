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
});
