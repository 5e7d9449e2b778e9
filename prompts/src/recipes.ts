import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { recipeSchema, type Recipe } from './recipe.schema';

export const RECIPES_DIR = resolve(import.meta.dirname, '../recipes');

/** Loads and validates every recipe; a broken file fails loudly instead of vanishing from the studio. */
export async function loadRecipes(dir = RECIPES_DIR): Promise<Recipe[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const recipes: Recipe[] = [];
  for (const file of files) {
    const parsed = recipeSchema.safeParse(JSON.parse(await readFile(join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`recipe ${file}: ${parsed.error.message}`);
    if (`${parsed.data.id}.json` !== file) throw new Error(`recipe ${file}: id ${parsed.data.id} does not match the file name`);
    recipes.push(parsed.data);
  }
  return recipes;
}
