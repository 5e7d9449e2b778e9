import { iiifBase, pixels, stripHtml, text, yearRange } from './remote-source';

/** One painted canvas of a IIIF Presentation manifest, v2 or v3, in the fields a work needs. */
export interface IiifCanvasWork {
  manifestId: string;
  canvasId: string;
  canvasIndex: number;
  title: string;
  creator: string | null;
  dateDisplay: string | null;
  dateStart: number | null;
  dateEnd: number | null;
  description: string | null;
  institution: string | null;
  landingUrl: string | null;
  licence: string | null;
  rightsStatement: string | null;
  attribution: string | null;
  iiifService: string | null;
  imageUrl: string | null;
  width: number | null;
  height: number | null;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const idOf = (v: unknown): string | null => (isObj(v) ? text(v.id) ?? text(v['@id']) : text(v));

export function presentationVersion(doc: Json): 2 | 3 | null {
  const ctx = arr(doc['@context']).map(String).join(' ');
  if (ctx.includes('presentation/3')) return 3;
  if (ctx.includes('presentation/2') || String(doc['@type'] ?? '').startsWith('sc:')) return 2;
  return null;
}

/** v3 language map (`{"en":["…"]}`, `{"none":[…]}`), v2 string or `[{"@value","@language"}]`: English first. */
export function label(v: unknown): string | null {
  if (typeof v === 'string') return stripHtml(v);
  if (Array.isArray(v)) {
    const values = v.map((x) => (isObj(x) ? { lang: String(x['@language'] ?? ''), value: text(x['@value']) } : { lang: '', value: text(x) }));
    return stripHtml((values.find((x) => x.lang.startsWith('en')) ?? values[0])?.value ?? null);
  }
  if (isObj(v)) {
    const key = ['en', 'none', '@none', ...Object.keys(v)].find((k) => Array.isArray(v[k]) && (v[k] as unknown[]).length);
    return key ? stripHtml((v[key] as unknown[]).map(String).join('; ')) : null;
  }
  return null;
}

const CREATOR_LABELS = /^(artist|creator|maker|author|people|artist\s*\/\s*maker|painter)s?$/i;
const DATE_LABELS = /^(date|dates|created|date created|creation date|dated)$/i;

function metadataValue(doc: Json, pattern: RegExp): string | null {
  for (const entry of arr(doc.metadata)) {
    if (isObj(entry) && pattern.test(label(entry.label) ?? '')) {
      const value = label(entry.value);
      if (value) return value;
    }
  }
  return null;
}

/** The image service base of an annotation body / v2 resource: `service` may be an object or a list. */
function serviceOf(body: Json): string | null {
  for (const s of arr(body.service)) {
    const id = idOf(s);
    const type = isObj(s) ? String(s.type ?? s['@type'] ?? '') : '';
    const profile = isObj(s) ? arr(s.profile).map(String).join(' ') : '';
    if (id && (/ImageService/.test(type) || /iiif\.io\/api\/image/.test(`${profile} ${isObj(s) ? String(s['@context'] ?? '') : ''}`) || /level[012]/.test(profile)))
      return iiifBase(id);
  }
  return null;
}

function firstUri(v: unknown): string | null {
  for (const x of arr(v)) {
    const id = idOf(x);
    if (id) return id;
  }
  return null;
}

/** One work per painted canvas (a codex or a "highlights" manifest holds many); unpainted canvases are skipped. */
export function canvasWorks(doc: Json): IiifCanvasWork[] {
  const version = presentationVersion(doc);
  if (!version) throw new Error('not a IIIF Presentation 2 or 3 manifest');
  const manifestId = idOf(doc) ?? 'manifest';
  const manifestTitle = label(doc.label) ?? manifestId;
  const date = metadataValue(doc, DATE_LABELS);
  const required = isObj(doc.requiredStatement) ? label(doc.requiredStatement.value) : null;
  const attribution = version === 3 ? required : label(doc.attribution);
  const provider = version === 3 ? arr(doc.provider).map((p) => (isObj(p) ? label(p.label) : null)).find(Boolean) : null;
  const shared = {
    manifestId,
    creator: metadataValue(doc, CREATOR_LABELS),
    dateDisplay: date,
    ...yearRange(date?.match(/-?\d{3,4}/)?.[0], date?.match(/-?\d{3,4}(?!.*\d{3,4})/)?.[0]),
    description: label(doc.summary ?? doc.description),
    institution: provider ?? attribution,
    landingUrl: version === 3 ? firstUri(doc.homepage) : firstUri(doc.related),
    // v2 `license` may be a list; the first entry is the licence (later ones are usually terms pages).
    licence: version === 3 ? text(doc.rights) : firstUri(doc.license),
    rightsStatement: attribution,
    attribution,
  };
  const canvases = version === 3 ? arr(doc.items) : arr(isObj(arr(doc.sequences)[0]) ? (arr(doc.sequences)[0] as Json).canvases : []);
  const works: IiifCanvasWork[] = [];
  canvases.forEach((c, i) => {
    if (!isObj(c)) return;
    const body = paintedBody(c, version);
    if (!body) return;
    const canvasLabel = label(c.label);
    works.push({
      ...shared,
      canvasId: idOf(c) ?? `${manifestId}#${i}`,
      canvasIndex: i,
      title: canvases.length > 1 && canvasLabel ? `${manifestTitle} — ${canvasLabel}` : manifestTitle,
      iiifService: serviceOf(body),
      imageUrl: idOf(body),
      width: pixels(c.width) ?? pixels(body.width),
      height: pixels(c.height) ?? pixels(body.height),
    });
  });
  return works;
}

function paintedBody(canvas: Json, version: 2 | 3): Json | null {
  if (version === 2) {
    const anno = arr(canvas.images).find((a) => isObj(a) && isObj(a.resource));
    return isObj(anno) ? (anno.resource as Json) : null;
  }
  for (const page of arr(canvas.items)) {
    for (const anno of isObj(page) ? arr(page.items) : []) {
      if (!isObj(anno) || (anno.motivation && anno.motivation !== 'painting')) continue;
      // A Choice body offers alternatives; the first is the default.
      const body = isObj(anno.body) && anno.body.type === 'Choice' ? arr(anno.body.items)[0] : arr(anno.body)[0];
      if (isObj(body)) return body;
    }
  }
  return null;
}

/** Manifest references of a IIIF collection (v3 `items`, v2 `manifests`/`members`/`collections`). */
export function collectionMembers(doc: Json): { manifests: string[]; collections: string[] } {
  const refs = [...arr(doc.items), ...arr(doc.manifests), ...arr(doc.members), ...arr(doc.collections)];
  const manifests: string[] = [];
  const collections: string[] = [];
  for (const r of refs) {
    if (!isObj(r)) continue;
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
