import type { Lang } from '@atelier/contracts/lang';
import { galleryApi, workLayerImageUrl } from '../../api/gallery.client';
import { workIdsOf, workImageKey, type WorkLayer } from '../../canvas/document/schema';
import { loadImage } from '../../canvas/render/images';
import { patchEditor, type Studio } from '../../canvas/ui/studio';

/** The language each studio's work lookups were last filled in. */
const filledIn = new WeakMap<Studio, Lang>();

/**
 * What a canvas opened from elsewhere (a draft from another device, an autosave without its lookups) still needs
 * to show its layers as if they were placed here: each work's title and the size of each work image. Failures
 * cost a title or a selection box, never the canvas. After a language switch every work is asked again, so layer
 * names and credits show the titles in the new language.
 */
export async function fillLookups(studio: Studio, lang: Lang): Promise<void> {
  const doc = studio.doc.current();
  const s = studio.editor.get();
  const relabel = filledIn.has(studio) && filledIn.get(studio) !== lang;
  filledIn.set(studio, lang);
  // The chosen style work too: "remix this" preselects one the canvas need not show.
  const wanted = [...new Set([...workIdsOf(doc), ...(s.styleWorkId ? [s.styleWorkId] : [])])];
  const works = wanted.filter((id) => relabel || !s.works[id]);
  const images = doc.layers.filter((l): l is WorkLayer => l.kind === 'work' && !s.imageSizes[workImageKey(l)]);
  await Promise.all([
    ...works.map((id) =>
      galleryApi.getWork(id, lang).then(
        (work) => patchEditor(studio, (e) => ({ works: { ...e.works, [id]: work } })),
        () => undefined,
      ),
    ),
    ...images.map((l) =>
      loadImage(workLayerImageUrl(l, s.works[l.workId])).then(
        (img) => patchEditor(studio, (e) => ({ imageSizes: { ...e.imageSizes, [workImageKey(l)]: { width: img.naturalWidth, height: img.naturalHeight } } })),
        () => undefined,
      ),
    ),
  ]);
}

/** Which lookups a canvas needs, as a string that changes only when they do (an effect's key). */
export const lookupKey = (layers: readonly { kind: string; id: string }[]) =>
  layers.filter((l) => l.kind === 'work').map((l) => l.id).join(',');
