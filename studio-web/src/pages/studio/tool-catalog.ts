import { useEffect, useState } from 'react';
import { inferenceApi } from '../../api/inference.client';
import type { ModelListing, RecipeListing } from '../../api/types';
import type { Translate } from '../../i18n';

export interface ToolCatalog {
  models: ModelListing[];
  recipes: RecipeListing[];
}

let cached: Promise<ToolCatalog> | null = null;
let resolved: ToolCatalog | null = null; // panels mounted later render with it at once

/** Models and curated styles, fetched once per page load; an unreachable service gives empty lists. */
export function loadToolCatalog(): Promise<ToolCatalog> {
  cached ??= Promise.all([inferenceApi.listModels().catch(() => []), inferenceApi.listRecipes().catch(() => [])]).then(([models, recipes]) => ({
    models: Array.isArray(models) ? models : [],
    recipes: Array.isArray(recipes) ? recipes : [],
  }));
  void cached.then((c) => (resolved = c));
  return cached;
}

/** Tests start from a fresh catalogue. */
export function resetToolCatalog() {
  cached = null;
  resolved = null;
}

export function useToolCatalog(): ToolCatalog {
  const [catalog, setCatalog] = useState<ToolCatalog>(() => resolved ?? { models: [], recipes: [] });
  useEffect(() => {
    let live = true;
    void loadToolCatalog().then((c) => live && setCatalog(c));
    return () => {
      live = false;
    };
  }, []);
  return catalog;
}

export type LicenceMark = 'non_commercial' | 'licence_not_stated';

/** The licence marks the studio shows: non-commercial and no stated licence. */
export function licenceMarks(model: ModelListing | undefined): LicenceMark[] {
  return (model?.licence.flags ?? []).filter((f): f is LicenceMark => f === 'non_commercial' || f === 'licence_not_stated');
}

/** A mark as the visitor reads it, on a tool's tab and beside its licence line. */
export const licenceMarkText = (mark: LicenceMark, t: Translate) => (mark === 'non_commercial' ? t('tools.nonCommercial') : t('tools.noLicence'));
