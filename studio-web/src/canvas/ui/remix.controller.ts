import { errorText, inferenceApi } from '../../api/inference.client';
import type { FixedStyle, Remix, RemixTool, ToolRemixRequest } from '../../api/types';
import { workIdsOf, workImageKey, type WorkLayer } from '../document/schema';
import { createStore, type Store } from '../document/store';
import { patchEditor, type Studio } from './studio';

/** The remix tools' own choices (tool, style mix, recipe, upscale kind, fixed style): ephemeral, one store per studio. */
export interface ToolOptions {
  tool: RemixTool;
  mixWorkId: string | null;
  /** 0..100: how much of the second work's style. */
  mixWeight: number;
  recipeId: string | null;
  upscaleScale: 2 | 4;
  upscaleKind: 'photo' | 'drawing';
  fixedStyle: FixedStyle;
}

const toolStores = new WeakMap<Studio, Store<ToolOptions>>();

export function toolOptions(studio: Studio): Store<ToolOptions> {
  let store = toolStores.get(studio);
  if (!store) {
    // The fixed style starts at the manifest's default (fast-neural-style-nc16.json `defaults.style`).
    store = createStore<ToolOptions>({ tool: 'style', mixWorkId: null, mixWeight: 50, recipeId: null, upscaleScale: 2, upscaleKind: 'photo', fixedStyle: 'mosaic' });
    toolStores.set(studio, store);
  }
  return store;
}

export const UPSCALE_MODELS = { photo: 'upscalerjs-esrgan-slim', drawing: 'realesr-animevideov3-x4' } as const;
export const TOOL_MODELS: Record<Exclude<RemixTool, 'upscale'>, string> = {
  style: 'magenta-arbitrary-style',
  cutout: 'isnet-imgly-medium',
  cartoon: 'whitebox-cartoonizer',
  'fixed-style': 'fast-neural-style-nc16',
};

/** Tools whose params have no `source`: they always restyle the whole canvas, whatever is selected. */
const CANVAS_ONLY: ReadonlySet<RemixTool> = new Set(['cartoon', 'fixed-style']);

/** Where a finished remix goes on the canvas: over the whole canvas, or over the work layer it came from. */
type Placement = (remix: Remix) => { x: number; y: number; width: number; height: number };

/**
 * One remix from click to canvas. The request id is made once per click, so a retry of the same
 * upload is one job on the server; the job lives on the studio, so it survives page changes.
 */
export async function startRemix(studio: Studio, describe: (err: unknown) => string): Promise<void> {
  const s = studio.editor.get();
  if (s.remixJob && s.remixJob.status !== 'failed') return; // one remix at a time
  if (!s.styleWorkId || !studio.flatten) return;
  const o = toolOptions(studio).get();
  const mix = o.mixWorkId && o.mixWorkId !== s.styleWorkId ? { mixWorkId: o.mixWorkId, mixWeight: o.mixWeight / 100 } : {};
  const recipe = o.recipeId ? { recipeId: o.recipeId } : {};
  await submit(
    studio,
    { model: TOOL_MODELS.style, params: { styleWorkId: s.styleWorkId, strength: s.strength / 100, ...mix, ...recipe } },
    describe,
    wholeCanvas(studio),
  );
}

/**
 * Cut-out, upscale, cartoon or a fixed style. With a work layer selected, cut-out and upscale work on that
 * collection work (its full `working` image) and the result lands over the layer; otherwise on the whole canvas.
 */
export async function startTool(studio: Studio, tool: Exclude<RemixTool, 'style'>, describe: (err: unknown) => string): Promise<void> {
  const o = toolOptions(studio).get();
  const layer = CANVAS_ONLY.has(tool) ? undefined : selectedWorkLayer(studio);
  const source = layer ? { source: 'work' as const, workId: layer.workId } : { source: 'canvas' as const };
  const placement = layer ? overLayer(studio, layer) : wholeCanvas(studio);
  if (tool === 'cutout') return submit(studio, { model: TOOL_MODELS.cutout, params: source }, describe, placement);
  if (tool === 'upscale')
    return submit(studio, { model: UPSCALE_MODELS[o.upscaleKind], params: { ...source, scale: o.upscaleScale } }, describe, placement);
  if (tool === 'fixed-style') return submit(studio, { model: TOOL_MODELS['fixed-style'], params: { style: o.fixedStyle } }, describe, placement);
  return submit(studio, { model: TOOL_MODELS.cartoon, params: {} }, describe, placement);
}

/** The selected layer when it is a whole collection work (a detail region is cut from the canvas instead). */
export function selectedWorkLayer(studio: Studio): WorkLayer | undefined {
  const id = studio.editor.get().selectedId;
  const layer = studio.doc.current().layers.find((l) => l.id === id);
  return layer?.kind === 'work' && !layer.region ? layer : undefined;
}

const wholeCanvas = (studio: Studio): Placement => () => {
  const doc = studio.doc.current();
  return { x: 0, y: 0, width: doc.width, height: doc.height };
};

function overLayer(studio: Studio, layer: WorkLayer): Placement {
  const shown = studio.editor.get().imageSizes[workImageKey(layer)];
  return (remix) => {
    const size = shown ?? { width: remix.output?.width ?? 0, height: remix.output?.height ?? 0 };
    return { x: layer.x, y: layer.y, width: size.width * layer.scale, height: size.height * layer.scale };
  };
}

async function submit(
  studio: Studio,
  request: Pick<ToolRemixRequest, 'model' | 'params'>,
  describe: (err: unknown) => string,
  placement: Placement,
): Promise<void> {
  const s = studio.editor.get();
  if (s.remixJob && s.remixJob.status !== 'failed') return; // one remix at a time
  if (!studio.flatten) return;
  const requestId = crypto.randomUUID();
  patchEditor(studio, { remixJob: { status: 'submitting', requestId } });
  try {
    const png = await studio.flatten();
    const remix = await inferenceApi.createRemix({ requestId, ...request, workIds: workIdsOf(studio.doc.current()) }, png);
    if (remix.status === 'completed') return place(studio, remix, placement);
    if (remix.status === 'failed') return fail(studio, requestId, errorText(remix.error));
    track(studio, requestId, remix, placement);
  } catch (err) {
    fail(studio, requestId, describe(err));
  }
}

function track(studio: Studio, requestId: string, remix: Remix, placement: Placement) {
  patchEditor(studio, {
    remixJob: { status: remix.status === 'running' ? 'running' : 'queued', requestId, remixId: remix.id, progress: remix.progress ?? 0, ...(remix.position !== undefined ? { position: remix.position } : {}) },
  });
  studio.stopRemix?.();
  studio.stopRemix = inferenceApi.subscribe(remix.id, (ev) => {
    if (ev.type === 'progress') {
      patchEditor(studio, (s) =>
        s.remixJob && 'remixId' in s.remixJob
          ? { remixJob: { ...s.remixJob, status: ev.progress > 0 ? 'running' : s.remixJob.status, progress: ev.progress, ...(ev.position !== undefined ? { position: ev.position } : {}) } }
          : {},
      );
    } else if (ev.type === 'completed') {
      studio.stopRemix = null;
      place(studio, { ...remix, ...ev.remix, id: ev.remix.id ?? remix.id }, placement);
    } else {
      studio.stopRemix = null;
      fail(studio, requestId, ev.message);
    }
  });
}

/** The result goes on top of the canvas as a new layer, staged until the visitor keeps or discards it. */
function place(studio: Studio, remix: Remix, placement: Placement) {
  const layerId = crypto.randomUUID();
  studio.doc.dispatch({ type: 'addRemix', layer: { id: layerId, kind: 'remix', remixId: remix.id, ...placement(remix) } });
  patchEditor(studio, (s) => ({
    remixJob: null,
    staged: { layerId, remixId: remix.id },
    selectedId: layerId,
    remixes: { ...s.remixes, [remix.id]: remix },
  }));
  if (remix.screening) void followScreen(studio, remix.id);
}

/** Screen reads: after 0.3, 0.6, 1.2… s, about 20 s in all; the screen normally takes well under a second. */
export const SCREEN_READ_DELAYS_MS = [300, 600, 1200, 2400, 4800, 9600];

/**
 * The result arrives before its safety screen has run (which only moderation needs); read the remix again
 * until the report is there, so a flagged result still shows the "a person will look at this" note.
 */
async function followScreen(studio: Studio, remixId: string, delays = SCREEN_READ_DELAYS_MS): Promise<void> {
  for (const ms of delays) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const remix = await inferenceApi.getRemix(remixId).catch(() => null);
    if (remix && !remix.screening) {
      patchEditor(studio, (s) => ({ remixes: { ...s.remixes, [remixId]: { ...s.remixes[remixId], ...remix } } }));
      return;
    }
  }
}

function fail(studio: Studio, requestId: string, message: string) {
  patchEditor(studio, { remixJob: { status: 'failed', requestId, message } });
}

export function keepRemix(studio: Studio) {
  patchEditor(studio, { staged: null });
}

export function discardRemix(studio: Studio) {
  const staged = studio.editor.get().staged;
  if (!staged) return;
  studio.doc.dispatch({ type: 'remove', layerId: staged.layerId });
  patchEditor(studio, (s) => ({ staged: null, selectedId: s.selectedId === staged.layerId ? null : s.selectedId }));
}
