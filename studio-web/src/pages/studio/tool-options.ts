import type { FixedStyle, Tool } from '@atelier/contracts/tools';
import { useSyncExternalStore } from 'react';
import { isVisible } from '../../canvas/document/commands';
import { findLayer, type Layer } from '../../canvas/document/schema';
import { createStore, type Store } from '../../canvas/document/store';
import { useEditor, useHistory, useStudio, type Studio } from '../../canvas/ui/studio';
import type { Area } from '../../canvas/tools/area.tool';
import { MIDDLE, SCOPED_TOOLS, SOURCE_TOOLS, type RemixOptions } from './remix-request';
import type { ToolCatalog } from './tool-catalog';

/**
 * The remix tools' own choices: ephemeral, one store per studio, outside undo. Fractions, like the wire;
 * null means "not chosen", so the model's manifest default applies (remix-request.ts `resolveOptions`).
 */
export interface ToolOptions {
  tool: Tool;
  mixWorkId: string | null;
  /** 0..1: the share of the second work's style. */
  mixWeight: number;
  recipeId: string | null;
  upscaleModel: string | null;
  upscaleScale: 2 | 4 | null;
  fixedStyle: FixedStyle | null;
  /** What a remix works on; null: an area when one is drawn, else the selected layer for cut-out and upscale, else the canvas. */
  scope: RemixScope | null;
}

export type RemixScope = 'canvas' | 'layer' | 'area';
export type RemixSource = { kind: 'canvas' } | { kind: 'layer'; layer: Layer } | { kind: 'area'; area: Area };

const toolStores = new WeakMap<Studio, Store<ToolOptions>>();

export function toolOptions(studio: Studio): Store<ToolOptions> {
  let store = toolStores.get(studio);
  if (!store) {
    store = createStore<ToolOptions>({ tool: 'style', mixWorkId: null, mixWeight: MIDDLE, recipeId: null, upscaleModel: null, upscaleScale: null, fixedStyle: null, scope: null });
    toolStores.set(studio, store);
  }
  return store;
}

export function useToolOptions(): [ToolOptions, (patch: Partial<ToolOptions>) => void] {
  const store = toolOptions(useStudio());
  const value = useSyncExternalStore(store.subscribe, store.get);
  return [value, (patch) => store.set((s) => ({ ...s, ...patch }))];
}

/**
 * The layer a cut-out or upscale works on: the selected one while it is shown (as the visitor sees it: a styled
 * remix stays styled, a detail stays a detail); with none, the whole canvas.
 */
export function selectedSourceLayer(studio: Studio): Layer | undefined {
  const layer = findLayer(studio.doc.current(), studio.editor.get().selectedId);
  return layer && isVisible(layer) ? layer : undefined;
}

/** The one rule for what a remix with `tool` works on: the whole canvas, the selected layer as shown, or an area. */
export function remixSourceOf(studio: Studio, tool: Tool): RemixSource {
  if (!SCOPED_TOOLS.has(tool)) return { kind: 'canvas' };
  const { area } = studio.editor.get();
  const layer = selectedSourceLayer(studio);
  const scope = toolOptions(studio).get().scope ?? (area ? 'area' : layer && SOURCE_TOOLS.has(tool) ? 'layer' : 'canvas');
  if (scope === 'area' && area) return { kind: 'area', area };
  if (scope === 'layer' && layer) return { kind: 'layer', layer };
  return { kind: 'canvas' };
}

/** The collection work a layer shows, when it shows one: its own, or the one its remix was made of. */
export const subjectWorkOf = (layer: Layer | undefined): string | undefined =>
  layer?.kind === 'work' ? layer.workId : layer?.kind === 'remix' ? layer.subjectWorkId : undefined;

/** Everything `buildRemixRequest` needs, read from the studio's stores and the catalogue as they are now. */
export function remixOptionsOf(studio: Studio, catalog: ToolCatalog): RemixOptions {
  const { styleWorkId, strength } = studio.editor.get();
  const o = toolOptions(studio).get();
  return {
    models: catalog.models,
    styleWorkId,
    strength,
    mixWorkId: o.mixWorkId,
    mixWeight: o.mixWeight,
    recipe: catalog.recipes.find((r) => r.id === o.recipeId) ?? null,
    upscaleModel: o.upscaleModel,
    upscaleScale: o.upscaleScale,
    fixedStyle: o.fixedStyle,
  };
}

/** `remixOptionsOf`, re-read whenever one of its sources changes. */
export function useRemixOptions(catalog: ToolCatalog): RemixOptions {
  const studio = useStudio();
  useHistory();
  useEditor((s) => s.styleWorkId);
  useEditor((s) => s.strength);
  useEditor((s) => s.selectedId);
  useToolOptions();
  return remixOptionsOf(studio, catalog);
}
