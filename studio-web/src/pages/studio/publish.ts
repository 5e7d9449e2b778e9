import { inferenceApi } from '../../api/inference.client';
import type { Remix } from '../../api/types';
import { remixIdsOf, workIdsOf, type CanvasDocument } from '../../canvas/document/schema';

/** Every collection work the picture is made of: placed on the canvas or lent its style to a remix. */
export async function ingredientWorkIds(doc: CanvasDocument, known: Record<string, Remix>): Promise<string[]> {
  const remixes = await Promise.all(remixIdsOf(doc).map((id) => known[id] ?? inferenceApi.getRemix(id)));
  const ids = new Set(workIdsOf(doc));
  for (const r of remixes) {
    for (const w of r.workIds ?? []) ids.add(w);
    if (typeof r.params?.styleWorkId === 'string') ids.add(r.params.styleWorkId);
  }
  return [...ids];
}
