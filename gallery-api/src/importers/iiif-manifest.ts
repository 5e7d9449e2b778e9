import type { LangTexts, PixelRegion } from '../services/collection-work';
import { creatorOf, dateOf, institutionOf, label, labelTexts, landingOf } from './iiif-metadata';
import { iiifBase, pixels, text } from './remote-source';
import { isObject, listOf, type Json } from './source-records';

/** One painted canvas of a IIIF Presentation manifest, v2 or v3, in the fields a work needs. */
export interface IiifCanvasWork {
  manifestId: string;
  canvasId: string;
  canvasIndex: number;
  title: string;
  titles: LangTexts;
  creator: string | null;
  creatorRole: string | null;
  creatorLife: string | null;
  dateDisplay: string | null;
  dateStart: number | null;
  dateEnd: number | null;
  description: string | null;
  descriptions: LangTexts;
  institution: string | null;
  landingUrl: string | null;
  licence: string | null;
  rightsStatement: string | null;
  attribution: string | null;
  iiifService: string | null;
  /** The part of the service's image the canvas shows, when the body is a region of it. */
  iiifRegion: PixelRegion | null;
  imageUrl: string | null;
  /** The image's pixel size (the region's, for a region); null when neither body nor region states it. */
  width: number | null;
  height: number | null;
  /** The canvas's own size: a last resort when neither the body nor the service's info.json gives the image's. */
  canvasWidth: number | null;
  canvasHeight: number | null;
}

const idOf = (v: unknown): string | null => (isObject(v) ? (text(v.id) ?? text(v['@id'])) : text(v));

export function presentationVersion(doc: Json): 2 | 3 | null {
  const ctx = listOf(doc['@context']).map(String).join(' ');
  if (ctx.includes('presentation/3')) return 3;
  if (ctx.includes('presentation/2') || String(doc['@type'] ?? '').startsWith('sc:')) return 2;
  return null;
}

export { label } from './iiif-metadata';

/** The image service base of an annotation body / v2 resource: `service` may be an object or a list. */
function serviceOf(body: Json): string | null {
  for (const s of listOf(body.service)) {
    const id = idOf(s);
    const type = isObject(s) ? String(s.type ?? s['@type'] ?? '') : '';
    const profile = isObject(s) ? listOf(s.profile).map(String).join(' ') : '';
    if (id && (/ImageService/.test(type) || /iiif\.io\/api\/image/.test(`${profile} ${isObject(s) ? String(s['@context'] ?? '') : ''}`) || /level[012]/.test(profile)))
      return iiifBase(id);
  }
  return null;
}

/** The first URI of a value that may be a string, an object with an id, or a list of either. */
function firstUri(v: unknown): string | null {
  for (const x of Array.isArray(v) ? v : [v]) {
    const id = idOf(x);
    if (id) return id;
  }
  return null;
}

/** `x,y,w,h` in pixels (IIIF Image API region syntax; `pct:` needs the full size and is left to the full image). */
export function pixelRegion(v: unknown): PixelRegion | null {
  const m = text(v)?.match(/^(\d+),(\d+),(\d+),(\d+)$/);
  if (!m) return null;
  const [x, y, w, h] = m.slice(1).map(Number) as [number, number, number, number];
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}

/**
 * A painting body that is a region of its image service: a V&A body `{service}/140,870,1800,1778/full/0/default.jpg`
 * (an Image API URL on the service), or a SpecificResource with an ImageApiSelector (v3 `selector.region`, v2
 * `iiif:ImageApiSelector`).
 */
function regionOf(body: Json, service: string | null, selector: unknown): PixelRegion | null {
  for (const s of listOf(selector)) {
    if (isObject(s) && /ImageApiSelector/.test(String(s.type ?? s['@type'] ?? ''))) {
      const r = pixelRegion(s.region);
      if (r) return r;
    }
  }
  const id = idOf(body);
  if (!service || !id || !id.startsWith(`${service}/`)) return null;
  const segments = id.slice(service.length + 1).split('/');
  // region / size / rotation / quality.format (Image API 2 and 3)
  return segments.length === 4 && /^[a-z]+\.[a-z0-9]+$/i.test(segments[3] ?? '') ? pixelRegion(segments[0]) : null;
}

/**
 * One work per painted canvas (a codex or a "highlights" manifest holds many); unpainted canvases are skipped, and a
 * canvas that cannot be read is handed to `problem` (its id or place, why) while the others are read.
 */
export function canvasWorks(doc: Json, problem: (canvas: string, reason: string) => void = () => undefined): IiifCanvasWork[] {
  const version = presentationVersion(doc);
  if (!version) throw new Error('not a IIIF Presentation 2 or 3 manifest');
  const manifestId = idOf(doc) ?? 'manifest';
  const manifestTitle = label(doc.label) ?? manifestId;
  const manifestTitles = labelTexts(doc.label);
  const required = isObject(doc.requiredStatement) ? label(doc.requiredStatement.value) : null;
  // v2 `attribution` is usually a sentence ("Provided by … under …"): the statement a viewer must show, kept whole.
  const attribution = version === 3 ? required : label(doc.attribution);
  const descriptionSource = doc.summary ?? doc.description;
  const shared = {
    manifestId,
    ...creatorOf(doc),
    description: label(descriptionSource),
    descriptions: labelTexts(descriptionSource),
    institution: institutionOf(doc, attribution),
    landingUrl: landingOf(doc),
    // v2 `license` may be a list; the first entry is the licence (later ones are usually terms pages).
    licence: version === 3 ? firstUri(doc.rights) : firstUri(doc.license),
    rightsStatement: attribution,
    attribution,
  };
  const sequence = listOf(doc.sequences)[0];
  const canvases = version === 3 ? listOf(doc.items) : listOf(isObject(sequence) ? sequence.canvases : []);
  const works: IiifCanvasWork[] = [];
  canvases.forEach((c, i) => {
    if (!isObject(c)) return;
    try {
      const work = canvasWork(c, i);
      if (work) works.push(work);
    } catch (err) {
      problem(idOf(c) ?? `${manifestId}#${i}`, `unreadable canvas (${(err as Error).message})`);
    }
  });
  return works;

  function canvasWork(c: Json, i: number): IiifCanvasWork | null {
    const painted = paintedBody(c, version as 2 | 3);
    if (!painted) return null;
    const { body, selector } = painted;
    const canvasLabel = label(c.label);
    const many = canvases.length > 1 && canvasLabel;
    const service = serviceOf(body);
    const region = regionOf(body, service, selector);
    return {
      ...shared,
      ...dateOf(doc, c),
      canvasId: idOf(c) ?? `${manifestId}#${i}`,
      canvasIndex: i,
      title: many ? `${manifestTitle} — ${canvasLabel}` : manifestTitle,
      titles: many ? canvasTitles(manifestTitles, labelTexts(c.label), canvasLabel) : manifestTitles,
      iiifService: service,
      iiifRegion: region,
      imageUrl: idOf(body),
      width: region?.w ?? pixels(body.width) ?? null,
      height: region?.h ?? pixels(body.height) ?? null,
      canvasWidth: pixels(c.width),
      canvasHeight: pixels(c.height),
    };
  }
}

/** "Codex — Front Cover" in every language the manifest's title has, with the canvas label in that language if any. */
function canvasTitles(manifest: LangTexts, canvas: LangTexts, fallback: string): LangTexts {
  const out: LangTexts = {};
  for (const [l, t] of Object.entries(manifest)) out[l] = `${t} — ${canvas[l] ?? fallback}`;
  return out;
}

/** The painting annotation's body (v3) or resource (v2), with the selector of a SpecificResource. */
function paintedBody(canvas: Json, version: 2 | 3): { body: Json; selector: unknown } | null {
  const specific = (b: Json) => {
    // A SpecificResource paints part of its source: the image is the source, the part is the selector.
    if (/SpecificResource/.test(String(b.type ?? b['@type'] ?? ''))) {
      const source = isObject(b.source) ? b.source : isObject(b.full) ? b.full : null;
      return source ? { body: source, selector: b.selector } : null;
    }
    return { body: b, selector: null };
  };
  if (version === 2) {
    const anno = listOf(canvas.images).find((a) => isObject(a) && isObject(a.resource));
    return isObject(anno) ? specific(anno.resource as Json) : null;
  }
  for (const page of listOf(canvas.items)) {
    for (const anno of isObject(page) ? listOf(page.items) : []) {
      if (!isObject(anno) || (anno.motivation && anno.motivation !== 'painting')) continue;
      // A Choice body offers alternatives; the first is the default.
      const body = isObject(anno.body) && anno.body.type === 'Choice' ? listOf(anno.body.items)[0] : listOf(anno.body)[0];
      if (isObject(body)) return specific(body);
    }
  }
  return null;
}

/** Manifest references of a IIIF collection (v3 `items`, v2 `manifests`/`members`/`collections`). */
export function collectionMembers(doc: Json): { manifests: string[]; collections: string[] } {
  const refs = [...listOf(doc.items), ...listOf(doc.manifests), ...listOf(doc.members), ...listOf(doc.collections)];
  const manifests: string[] = [];
  const collections: string[] = [];
  for (const r of refs) {
    if (!isObject(r)) continue;
    const id = idOf(r);
    const type = String(r.type ?? r['@type'] ?? '');
    if (!id) continue;
    if (/Collection/.test(type)) collections.push(id);
    else if (/Manifest/.test(type)) manifests.push(id);
  }
  return { manifests, collections };
}

export function isCollection(doc: Json): boolean {
  return /Collection/.test(String(doc.type ?? doc['@type'] ?? ''));
}
