import type { Remix, RemixFailure, RemixProgressEvent } from '@atelier/contracts/remix.schema';
import type { Tool } from '@atelier/contracts/tools';
import { ApiError } from '../../api/http';
import { errorText, inferenceApi } from '../../api/inference.client';
import { workIdsOf } from '../../canvas/document/schema';
import { patchEditor, type RemixJob, type Studio } from '../../canvas/ui/studio';
import { buildRemixRequest } from './remix-request';
import type { ToolCatalog } from './tool-catalog';
import { remixOptionsOf, remixSourceOf, subjectWorkOf, type RemixSource } from './tool-options';
import type { LayerExport } from '../../canvas/render/flatten';

/** Where a finished remix goes and what it records about itself (its tool and the work it shows, for its name). */
type Placement = (remix: Remix) => { x: number; y: number; width: number; height: number; tool: Tool; subjectWorkId?: string; grow?: boolean };

/** The largest side the document grows to: the largest canvas the remix service takes back for the next remix. */
export const MAX_GROWN_SIDE = 4096;

const busy = (job: RemixJob | null) => !!job && job.status !== 'failed';

/**
 * One remix from click to canvas, with any remix tool. The request id is made once per click, so a retry of
 * the same upload is one job on the server; the job lives on the studio, so it survives page changes. Every tool
 * works on what the visitor sees (`remixSourceOf`): the flattened canvas, the selected layer alone as shown (a
 * styled remix stays styled), or an area; the result lands over it. An upscale is placed at its larger size.
 */
export async function startRemix(studio: Studio, tool: Tool, catalog: ToolCatalog, describe: (err: unknown) => string): Promise<void> {
  const s = studio.editor.get();
  if (busy(s.remixJob) || s.staged || s.variants || !studio.flatten) return; // one remix (or set of variants) at a time
  const source = remixSourceOf(studio, tool);
  const request = buildRemixRequest(tool, remixOptionsOf(studio, catalog));
  if (!request) return;
  const requestId = crypto.randomUUID();
  patchEditor(studio, { remixJob: { status: 'submitting', requestId } });
  try {
    const doc = studio.doc.current();
    const { png, rect } = await pictureOf(studio, source);
    const scale = tool === 'upscale' && 'scale' in request.params ? request.params.scale : 1;
    const placement = placed(rect, scale, { tool, subjectWorkId: subjectOf(source, doc) });
    const remix = await inferenceApi.createRemix({ requestId, ...request, workIds: workIdsOf(doc) }, png);
    follow(studio, requestId, remix, placement, describe);
  } catch (err) {
    fail(studio, requestId, describe(err));
  }
}

/** The picture a remix is sent: the layer or area as shown, else the flattened canvas; and where it sits. */
export async function pictureOf(studio: Studio, source: RemixSource): Promise<LayerExport> {
  if (source.kind === 'layer' && studio.exportLayer) return studio.exportLayer(source.layer.id);
  if (source.kind === 'area' && studio.exportArea) return studio.exportArea(source.area);
  const doc = studio.doc.current();
  if (!studio.flatten) throw new Error('no canvas');
  return { png: await studio.flatten(), rect: { x: 0, y: 0, width: doc.width, height: doc.height } };
}

/** The work a result shows, for its name: the layer's, or the canvas's when it shows exactly one ("… of The Harvesters"). */
export function subjectOf(source: RemixSource, doc: Parameters<typeof workIdsOf>[0]): string | undefined {
  if (source.kind === 'layer') return subjectWorkOf(source.layer);
  const works = workIdsOf(doc);
  return source.kind === 'canvas' && works.length === 1 ? works[0] : undefined;
}

/**
 * Over the picture it was made of; an upscale at its larger size (×scale from the same corner, the document growing
 * to hold it, at most MAX_GROWN_SIDE), so the wait buys pixels on the canvas and in the published image.
 */
export function placed(rect: { x: number; y: number; width: number; height: number }, scale: number, about: { tool: Tool; subjectWorkId?: string | undefined }): Placement {
  const fits = Math.min(scale, (MAX_GROWN_SIDE - rect.x) / rect.width, (MAX_GROWN_SIDE - rect.y) / rect.height);
  const k = Math.max(1, fits);
  const box = { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width * k), height: Math.round(rect.height * k) };
  const named = { tool: about.tool, ...(about.subjectWorkId ? { subjectWorkId: about.subjectWorkId } : {}) };
  return () => ({ ...box, ...named, ...(k > 1 ? { grow: true } : {}) });
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
  const { grow, ...at } = placement(remix);
  studio.doc.dispatch({ type: 'addRemix', layer: { id: layerId, kind: 'remix', remixId: remix.id, ...at }, ...(grow ? { grow } : {}) });
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
