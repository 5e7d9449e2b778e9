import type { ModelListing } from '@atelier/contracts/model.schema';
import type { RecipeListing } from '@atelier/contracts/remix.schema';
import type { ModelLicenceFlag } from '@atelier/contracts/tools';
import { useEffect, useState } from 'react';
import { inferenceApi } from '../../api/inference.client';
import type { Translate } from '../../i18n';

/** GET /models and GET /recipes: what the remix tools offer, and with which models. */
export interface ToolCatalog {
  models: ModelListing[];
  recipes: RecipeListing[];
}

let cached: Promise<ToolCatalog> | null = null;
let resolved: ToolCatalog | null = null; // panels mounted later render with it at once

/** What a visitor is offered: a switched-off model is not shown at all, nor a curated style that needs one. */
export function offeredToVisitors(catalog: ToolCatalog): ToolCatalog {
  const models = catalog.models.filter((m) => m.enabled);
  return { models, recipes: catalog.recipes.filter((r) => models.some((m) => m.id === r.model)) };
}

/** Models and curated styles (only those switched on), fetched once per page load; an unreachable service gives empty lists. */
export function loadToolCatalog(): Promise<ToolCatalog> {
  cached ??= Promise.all([inferenceApi.listModels().catch(() => []), inferenceApi.listRecipes().catch(() => [])]).then(([models, recipes]) =>
    offeredToVisitors({ models: Array.isArray(models) ? models : [], recipes: Array.isArray(recipes) ? recipes : [] }),
  );
  void cached.then((c) => (resolved = c));
  return cached;
}

/** For tests only: the next `loadToolCatalog` fetches again. */
export function TEST_resetToolCatalog() {
  cached = null;
  resolved = null;
}

/** The catalogue, and whether it has loaded (until then the studio cannot know which tools there are). */
export function useToolCatalog(): ToolCatalog & { loaded: boolean } {
  const [catalog, setCatalog] = useState<ToolCatalog | null>(() => resolved);
  useEffect(() => {
    let live = true;
    void loadToolCatalog().then((c) => live && setCatalog(c));
    return () => {
      live = false;
    };
  }, []);
  return catalog ? { ...catalog, loaded: true } : { models: [], recipes: [], loaded: false };
}

/** The licence marks a model carries (its manifest's licence facts), as the studio shows them. */
export const licenceMarks = (model: ModelListing | undefined): ModelLicenceFlag[] => model?.licence.flags ?? [];

/** A mark as the visitor reads it, on a tool's tab and beside its licence line. */
export const licenceMarkText = (mark: ModelLicenceFlag, t: Translate) => (mark === 'non_commercial' ? t('tools.nonCommercial') : t('tools.noLicence'));
