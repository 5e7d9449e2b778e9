import type { Remix, RemixFailure, RemixProgressEvent } from '@atelier/contracts/remix.schema';
import type { Tool } from '@atelier/contracts/tools';
import { ApiError } from '../../api/http';
import { errorText, inferenceApi } from '../../api/inference.client';
import { workIdsOf, workImageKey, type WorkLayer } from '../../canvas/document/schema';
import { patchEditor, type RemixJob, type Studio } from '../../canvas/ui/studio';
import { buildRemixRequest, SOURCE_TOOLS } from './remix-request';
import type { ToolCatalog } from './tool-catalog';
import { remixOptionsOf, selectedWorkLayer } from './tool-options';

/** Where a finished remix goes on the canvas: over the whole canvas, or over the work layer it came from. */
type Placement = (remix: Remix) => { x: number; y: number; width: number; height: number };

const busy = (job: RemixJob | null) => !!job && job.status !== 'failed';

/**
 * One remix from click to canvas, with any remix tool. The request id is made once per click, so a retry of
 * the same upload is one job on the server; the job lives on the studio, so it survives page changes. Cut-out
 * and upscale with a whole work selected work on that collection work and land over its layer.
 */
export async function startRemix(studio: Studio, tool: Tool, catalog: ToolCatalog, describe: (err: unknown) => string): Promise<void> {
  const s = studio.editor.get();
  if (busy(s.remixJob) || s.staged || !studio.flatten) return; // one remix at a time
  const layer = SOURCE_TOOLS.has(tool) ? selectedWorkLayer(studio) : undefined;
  const request = buildRemixRequest(tool, remixOptionsOf(studio, catalog));
  if (!request) return;
  const placement = layer && 'source' in request.params && request.params.source === 'work' ? overLayer(studio, layer) : wholeCanvas(studio);
  const requestId = crypto.randomUUID();
  patchEditor(studio, { remixJob: { status: 'submitting', requestId } });
  try {
    const png = await studio.flatten();
    const remix = await inferenceApi.createRemix({ requestId, ...request, workIds: workIdsOf(studio.doc.current()) }, png);
    follow(studio, requestId, remix, placement, describe);
  } catch (err) {
    fail(studio, requestId, describe(err));
  }
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

/**
 * The remix's one event stream carries its whole life: position, estimate and progress into the job, the
 * result onto the canvas on `completed`, the safety report on `screened`. A remix the answer already shows
 * finished and screened needs no stream.
 */
function follow(studio: Studio, requestId: string, remix: Remix, placement: Placement, describe: (err: unknown) => string) {
  if (remix.status === 'failed') return fail(studio, requestId, errorText(remix.error), remix.errorCode);
  if (remix.status === 'cancelled') return fail(studio, requestId, 'cancelled');
  let placed = remix.status === 'completed';
  if (placed) place(studio, remix, placement);
  else
    patchEditor(studio, {
      remixJob: withProgress(
        { status: remix.status === 'running' ? 'running' : 'queued', requestId, remixId: remix.id, progress: 0 },
        { progress: remix.progress, position: remix.position, estimateSeconds: remix.estimateSeconds, waitingFor: remix.waitingFor },
      ),
    });
  if (placed && remix.safety) return;

  const isMine = (job: RemixJob | null) => !!job && 'remixId' in job && job.remixId === remix.id;
  const placeOnce = (r: Remix) => {
    if (placed) return;
    placed = true;
    place(studio, r, placement);
  };
  // A final event ends the stream; the slot is only cleared when it still holds this remix's stream.
  const ended = () => {
    if (studio.stopRemix === stop) studio.stopRemix = null;
  };
  studio.stopRemix?.();
  const stop = inferenceApi.followRemix(remix.id, {
    progress: (ev) => patchEditor(studio, (s) => (isMine(s.remixJob) ? { remixJob: withProgress(s.remixJob!, ev) } : {})),
    completed: placeOnce,
    screened: (r) => {
      ended();
      placeOnce(r);
      patchEditor(studio, (s) => ({ remixes: { ...s.remixes, [r.id]: { ...s.remixes[r.id], ...r } } }));
    },
    failed: (message, code) => {
      ended();
      if (!placed) fail(studio, requestId, message, code);
    },
    cancelled: () => {
      ended();
      if (!placed) fail(studio, requestId, 'cancelled');
    },
    lost: () => {
      ended();
      if (!placed) fail(studio, requestId, describe(new ApiError(0, 'network', 'Lost the connection to the remix service.')));
    },
  });
  studio.stopRemix = stop;
}

/** The job with what a progress event (or the remix record) says; progress is a fraction and never goes back. */
function withProgress(job: RemixJob, ev: RemixProgressEvent): RemixJob {
  if (!('remixId' in job)) return job;
  const status = ev.status ?? (ev.progress > 0 ? 'running' : job.status);
  const position = status === 'queued' ? (ev.position ?? job.position) : undefined; // a running remix has no place in the queue
  const { position: _before, waitingFor: _was, ...rest } = job;
  return {
    ...rest,
    status,
    progress: Math.max(job.progress, ev.progress),
    ...(position !== undefined ? { position } : {}),
    ...(ev.estimateSeconds !== undefined ? { estimateSeconds: ev.estimateSeconds } : {}),
    // Each progress event says the whole state: no `waitingFor` means it waits for nothing but its turn (any more).
    ...(status === 'queued' && ev.waitingFor ? { waitingFor: ev.waitingFor } : {}),
  };
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
}

function fail(studio: Studio, requestId: string, message: string, code?: RemixFailure) {
  patchEditor(studio, { remixJob: { status: 'failed', requestId, message, ...(code ? { code } : {}) } });
}

/** Cancels the waiting or running remix; one that finished meanwhile (409) goes on as shown. */
export async function cancelRemix(studio: Studio, remixId: string): Promise<boolean> {
  try {
    await inferenceApi.cancel(remixId);
  } catch {
    return false;
  }
  studio.stopRemix?.();
  studio.stopRemix = null;
  patchEditor(studio, (s) => (s.remixJob && 'remixId' in s.remixJob && s.remixJob.remixId === remixId ? { remixJob: null } : {}));
  return true;
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
