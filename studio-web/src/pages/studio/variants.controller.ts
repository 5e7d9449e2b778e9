import type { Remix } from '@atelier/contracts/remix.schema';
import { errorText, inferenceApi } from '../../api/inference.client';
import { workIdsOf } from '../../canvas/document/schema';
import { patchEditor, type Studio, type Variant } from '../../canvas/ui/studio';
import { buildRemixRequest } from './remix-request';
import type { ToolCatalog } from './tool-catalog';
import { pictureOf, subjectOf } from './remix.controller';
import { remixOptionsOf, remixSourceOf } from './tool-options';

/** Three strengths to compare: a hint of the style, half and half, and nearly all style. */
export const VARIANT_STRENGTHS = [0.35, 0.65, 0.95] as const;

const streams = new WeakMap<Studio, (() => void)[]>();

/**
 * Several style remixes of the same picture side by side (issue 14 item 5): the picture is exported once and sent
 * once per strength, each with its own request id and event stream. Nothing reaches the canvas until the visitor
 * keeps one or more (`keepVariants`); each kept one is a layer over what it was made of.
 */
export async function startVariants(studio: Studio, catalog: ToolCatalog, describe: (err: unknown) => string): Promise<void> {
  const s = studio.editor.get();
  if ((s.remixJob && s.remixJob.status !== 'failed') || s.staged || s.variants || !studio.flatten) return;
  const base = buildRemixRequest('style', remixOptionsOf(studio, catalog));
  if (!base || !('styleWorkId' in base.params)) return;
  const doc = studio.doc.current();
  const source = remixSourceOf(studio, 'style');
  const works = workIdsOf(doc);
  const items: Variant[] = VARIANT_STRENGTHS.map((strength) => ({ requestId: crypto.randomUUID(), strength, status: 'submitting', progress: 0 }));
  const subjectWorkId = subjectOf(source, doc);
  patchEditor(studio, { variants: { items, box: { x: 0, y: 0, width: doc.width, height: doc.height, tool: 'style', ...(subjectWorkId ? { subjectWorkId } : {}) } } });
  const shown = await pictureOf(studio, source).catch((err: unknown) => {
    for (const v of items) update(studio, v.requestId, { status: 'failed', message: describe(err) });
    return null;
  });
  if (!shown) return;
  const r = shown.rect;
  patchEditor(studio, (st) => (st.variants ? { variants: { ...st.variants, box: { ...st.variants.box, x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) } } } : {}));
  await Promise.all(
    items.map(async (v) => {
      try {
        const remix = await inferenceApi.createRemix({ requestId: v.requestId, model: base.model, params: { ...base.params, strength: v.strength }, workIds: works }, shown.png);
        follow(studio, v.requestId, remix, describe);
      } catch (err) {
        update(studio, v.requestId, { status: 'failed', message: describe(err) });
      }
    }),
  );
}

function update(studio: Studio, requestId: string, patch: Partial<Variant>, remix?: Remix) {
  patchEditor(studio, (s) => {
    if (!s.variants?.items.some((v) => v.requestId === requestId)) return {}; // discarded meanwhile
    const items = s.variants.items.map((v) => (v.requestId === requestId ? { ...v, ...patch, progress: Math.max(v.progress, patch.progress ?? 0) } : v));
    return { variants: { ...s.variants, items }, ...(remix ? { remixes: { ...s.remixes, [remix.id]: { ...s.remixes[remix.id], ...remix } } } : {}) };
  });
}

function follow(studio: Studio, requestId: string, remix: Remix, describe: (err: unknown) => string) {
  const done = (r: Remix) => update(studio, requestId, { status: 'completed', progress: 1, remixId: r.id }, r);
  if (remix.status === 'failed') return update(studio, requestId, { status: 'failed', message: errorText(remix.error) });
  if (remix.status === 'completed') done(remix);
  else update(studio, requestId, { status: remix.status === 'running' ? 'running' : 'queued', remixId: remix.id, progress: remix.progress });
  if (remix.status === 'completed' && remix.safety) return;
  const stop = inferenceApi.followRemix(remix.id, {
    progress: (ev) => update(studio, requestId, { status: ev.status === 'queued' ? 'queued' : 'running', progress: ev.progress }),
    completed: done,
    screened: done,
    failed: (message) => update(studio, requestId, { status: 'failed', message }),
    cancelled: () => update(studio, requestId, { status: 'failed', message: 'cancelled' }),
    lost: () => update(studio, requestId, { status: 'failed', message: describe(new Error('Lost the connection to the remix service.')) }),
  });
  streams.set(studio, [...(streams.get(studio) ?? []), stop]);
}

/** The chosen finished variants become layers, in the order shown; the strip closes. */
export function keepVariants(studio: Studio, remixIds: readonly string[]): void {
  const set = studio.editor.get().variants;
  if (!set) return;
  const kept = set.items.filter((v) => v.status === 'completed' && v.remixId && remixIds.includes(v.remixId));
  let last: string | null = null;
  for (const v of kept) {
    last = crypto.randomUUID();
    studio.doc.dispatch({ type: 'addRemix', layer: { id: last, kind: 'remix', remixId: v.remixId!, ...set.box } });
  }
  closeVariants(studio, last);
}

/** Closes the strip without keeping anything (streams still open are ended). */
export function closeVariants(studio: Studio, select: string | null = null): void {
  for (const stop of streams.get(studio) ?? []) stop();
  streams.delete(studio);
  patchEditor(studio, (s) => ({ variants: null, selectedId: select ?? s.selectedId }));
}
