import type { Recipe } from '@atelier/prompts';
import type { ModelCatalog } from './remix.service';

/** The curated styles (prompts/recipes) a visitor may choose here: those whose model runs on this server. */
export class RecipeCatalog {
  constructor(
    private readonly recipes: readonly Recipe[],
    private readonly models: Pick<ModelCatalog, 'remixModel'>,
  ) {}

  list(): Recipe[] {
    return this.recipes.filter((r) => this.models.remixModel(r.model));
  }
}
