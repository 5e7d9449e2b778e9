import type { Remix } from '@atelier/contracts/remix.schema';
import { creationWorkUses } from '@atelier/contracts/tools';
import { inferenceApi } from '../../api/inference.client';
import { remixIdsOf, type CanvasDocument } from '../../canvas/document/schema';

/**
 * Every collection work the picture is made of, for the publish preview's licences and credits: the one rule
 * gallery-api credits at publish (contracts `creationWorkUses`: placed works, the works on the canvas each remix
 * was made from, and the works its parameters name, a mixed-in style included).
 */
export function previewWorkIds(doc: CanvasDocument, remixes: readonly Remix[]): string[] {
  const uses = creationWorkUses(doc, remixes);
  return [...new Set([...uses.composed, ...uses.style])];
}

/** The remixes on the canvas (the studio's own lookup first, else asked of inference-service), then `previewWorkIds`. */
export async function ingredientWorkIds(doc: CanvasDocument, known: Record<string, Remix>): Promise<string[]> {
  const remixes = await Promise.all(remixIdsOf(doc).map((id) => known[id] ?? inferenceApi.getRemix(id)));
  return previewWorkIds(doc, remixes);
}
