import { errorText, inferenceApi } from '../../api/inference.client';
import type { Remix } from '../../api/types';
import { workIdsOf } from '../document/schema';
import { patchEditor, type Studio } from './studio';

/**
 * One remix from click to canvas. The request id is made once per click, so a retry of the same
 * upload is one job on the server; the job lives on the studio, so it survives page changes.
 */
export async function startRemix(studio: Studio, describe: (err: unknown) => string): Promise<void> {
  const s = studio.editor.get();
  if (s.remixJob && s.remixJob.status !== 'failed') return; // one remix at a time
  if (!s.styleWorkId || !studio.flatten) return;
  const requestId = crypto.randomUUID();
  patchEditor(studio, { remixJob: { status: 'submitting', requestId } });
  try {
    const png = await studio.flatten();
    const remix = await inferenceApi.createRemix(
      {
        requestId,
        model: 'magenta-arbitrary-style',
        params: { styleWorkId: s.styleWorkId, strength: s.strength / 100 },
        workIds: workIdsOf(studio.doc.current()),
      },
      png,
    );
    if (remix.status === 'completed') return place(studio, remix);
    if (remix.status === 'failed') return fail(studio, requestId, errorText(remix.error));
    track(studio, requestId, remix);
  } catch (err) {
    fail(studio, requestId, describe(err));
  }
}

function track(studio: Studio, requestId: string, remix: Remix) {
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
      place(studio, { ...remix, ...ev.remix, id: ev.remix.id ?? remix.id });
    } else {
      studio.stopRemix = null;
      fail(studio, requestId, ev.message);
    }
  });
}

/** The result goes on top of the canvas as a new layer, staged until the visitor keeps or discards it. */
function place(studio: Studio, remix: Remix) {
  const doc = studio.doc.current();
  const layerId = crypto.randomUUID();
  studio.doc.dispatch({ type: 'addRemix', layer: { id: layerId, kind: 'remix', remixId: remix.id, x: 0, y: 0, width: doc.width, height: doc.height } });
  patchEditor(studio, (s) => ({
    remixJob: null,
    staged: { layerId, remixId: remix.id },
    selectedId: layerId,
    remixes: { ...s.remixes, [remix.id]: remix },
  }));
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
