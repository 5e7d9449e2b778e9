import { text, yearRange } from './remote-source';

/** Getty AAT languages as the Rijksmuseum's Linked Art tags them. */
export const AAT_ENGLISH = 'http://vocab.getty.edu/aat/300388277';
export const AAT_DUTCH = 'http://vocab.getty.edu/aat/300388256';
/** AAT "preferred title" on a Name, and "materials/technique description" on a LinguisticObject. */
const AAT_PREFERRED = 'http://vocab.getty.edu/aat/300404670';
const AAT_MATERIAL_STATEMENT = 'http://vocab.getty.edu/aat/300435429';
/** AAT "description" on a LinguisticObject (Linked Art's statement of what the work shows). */
const AAT_DESCRIPTION = 'http://vocab.getty.edu/aat/300435416';

interface Ref {
  id?: string;
  type?: string | string[];
  _label?: string;
}
interface Notation {
  '@language'?: string;
  '@value'?: string;
}
interface Named extends Ref {
  content?: string;
  language?: Ref[];
  classified_as?: (Ref | string)[];
}
interface TypeRef extends Ref {
  notation?: Notation[];
}
interface Agent extends Ref {
  notation?: Notation[];
}
/** A `subject_to` Right (`classified_as` its licence or rights statement URI). */
interface Right extends Ref {
  classified_as?: (Ref | string)[];
}
/** What may carry rights: `subject_to` Rights and `referred_to_by` rights statements (linked.art, Objects: Rights). */
interface Rights {
  subject_to?: Right[];
  referred_to_by?: Named[];
}
export interface DigitalObject extends Ref, Rights {
  access_point?: Ref[];
  digitally_carried_by?: DigitalObject[];
  format?: string;
}

/** The parts of a Linked Art HumanMadeObject that the importer reads (the resolver's full answer has many more). */
export interface HumanMadeObject extends Ref, Rights {
  identified_by?: Named[];
  produced_by?: {
    timespan?: { identified_by?: Named[]; begin_of_the_begin?: string; end_of_the_end?: string };
    referred_to_by?: Named[];
    part?: { carried_out_by?: Agent[] }[];
    carried_out_by?: Agent[];
  };
  subject_of?: ({ digitally_carried_by?: DigitalObject[] } & Rights)[];
  shows?: Ref[];
}

export interface VisualItem extends Ref, Rights {
  digitally_shown_by?: DigitalObject[];
}

export interface LinkedArtWork {
  uri: string | null;
  objectNumber: string | null;
  titleEn: string | null;
  titleNl: string | null;
  creator: string | null;
  dateDisplay: string | null;
  dateStart: number | null;
  dateEnd: number | null;
  medium: string | null;
  landingUrl: string | null;
  /** `shows[0].id`: dereference it for the image when the EDM record names none. */
  visualItem: string | null;
  /** The object's own rights (`subject_to`, rights statements); never the record's (`subject_of`), which are the metadata's. */
  rights: string | null;
  /** Description statements in English and Dutch. */
  descriptionEn: string | null;
  descriptionNl: string | null;
}

/** Maps a resolver answer (`GET https://id.rijksmuseum.nl/{id}`, Linked Art profile) to the fields a work needs. */
export function linkedArtWork(hmo: HumanMadeObject): LinkedArtWork {
  const names = (hmo.identified_by ?? []).filter((n) => typeOf(n) === 'Name');
  const timespan = hmo.produced_by?.timespan;
  const dates = (timespan?.identified_by ?? []).filter((n) => typeOf(n) === 'Name');
  const descriptions = (hmo.referred_to_by ?? []).filter((r) => classified(r, AAT_DESCRIPTION));
  return {
    uri: text(hmo.id),
    objectNumber: objectNumber(hmo),
    titleEn: titleIn(names, AAT_ENGLISH),
    titleNl: titleIn(names, AAT_DUTCH),
    creator: creatorOf(hmo),
    dateDisplay: inLang(dates, AAT_ENGLISH) ?? inLang(dates, AAT_DUTCH) ?? text(dates[0]?.content),
    ...yearRange(timespan?.begin_of_the_begin, timespan?.end_of_the_end),
    medium: materialStatement(hmo),
    landingUrl: landingUrl(hmo),
    visualItem: text(hmo.shows?.[0]?.id),
    rights: rightsOf(hmo),
    descriptionEn: inLang(descriptions, AAT_ENGLISH),
    descriptionNl: inLang(descriptions, AAT_DUTCH),
  };
}

/** AAT 300055547 "legal concepts": a rights statement (linked.art, Objects: Rights Information). */
const AAT_RIGHTS_STATEMENT = 'http://vocab.getty.edu/aat/300055547';
const RIGHTS_URI = /^https?:\/\/(?:www\.)?(?:creativecommons\.org|rightsstatements\.org)\//i;

/**
 * The licence or rights statement a Linked Art node states for itself: a `subject_to` Right classified as a
 * Creative Commons or rightsstatements.org URI, or a `referred_to_by` rights statement identified by one. Only the
 * node's own: the record that describes it (`subject_of`, the metadata's CC0) is not looked at.
 */
export function rightsOf(node: Rights | null | undefined): string | null {
  for (const right of node?.subject_to ?? []) {
    for (const c of right.classified_as ?? []) {
      const uri = typeof c === 'string' ? c : c.id;
      if (uri && RIGHTS_URI.test(uri)) return uri;
    }
  }
  for (const s of node?.referred_to_by ?? []) {
    if (s.id && RIGHTS_URI.test(s.id)) return s.id;
    const statement = classified(s, AAT_RIGHTS_STATEMENT) ? (s.classified_as ?? []).map((c) => (typeof c === 'string' ? c : c.id)).find((u) => u && RIGHTS_URI.test(u)) : undefined;
    if (statement) return statement;
  }
  return null;
}

/**
 * The image's rights when there is no EDM record: the digital image's own, then the visual item's, then the object's.
 * The nearest statement wins: a photograph's licence may differ from the painting's status.
 */
export function imageRights(hmo: HumanMadeObject, item: VisualItem | null, digital: DigitalObject | null): string | null {
  return rightsOf(digital) ?? (item?.digitally_shown_by ?? []).map(rightsOf).find(Boolean) ?? rightsOf(item) ?? rightsOf(hmo);
}

/** VisualItem → `digitally_shown_by` → DigitalObject → `access_point`: the image URL (a micr.io IIIF URL). */
export function visualItemImage(item: VisualItem): string | null {
  for (const d of item.digitally_shown_by ?? []) {
    const url = accessPoint(d);
    if (url) return url;
  }
  return null;
}

export function accessPoint(d: DigitalObject): string | null {
  return d.access_point?.map((a) => text(a.id)).find((u): u is string => Boolean(u)) ?? null;
}

/** `https://iiif.micr.io/{uuid}/full/max/0/default.jpg` (or the bare service) → `https://iiif.micr.io/{uuid}`. */
export function micrioService(url: string | null): string | null {
  if (!url) return null;
  const m = url.match(/^(https?:\/\/[^?#]*?\/[A-Za-z0-9_-]+)(?:\/info\.json|\/full\/[^/]+\/\d+\/default\.(?:jpg|png|webp))?\/?(?:[?#].*)?$/);
  // Only a URL that names the micr.io host (or a mirror of it: `/iiif.micr.io/` in the path) is read as a service.
  return m && /iiif\.micr\.io\//.test(url) ? m[1]! : null;
}

function typeOf(r: Ref): string | undefined {
  return Array.isArray(r.type) ? r.type[0] : r.type;
}

function langOf(n: Named): string[] {
  return (n.language ?? []).map((l) => l.id ?? '');
}

function inLang(ns: Named[], lang: string): string | null {
  return text(ns.find((n) => langOf(n).includes(lang))?.content);
}

function classified(n: Named, id: string): boolean {
  return (n.classified_as ?? []).some((c) => (typeof c === 'string' ? c : c.id) === id);
}

/** The preferred title in a language, else any title in it. */
function titleIn(names: Named[], lang: string): string | null {
  const inIt = names.filter((n) => langOf(n).includes(lang));
  return text((inIt.find((n) => classified(n, AAT_PREFERRED)) ?? inIt[0])?.content);
}

function objectNumber(hmo: HumanMadeObject): string | null {
  // AAT 300312355 "accession number"; the Rijksmuseum also types it with its own "object number" concept.
  const isNumber = (c: TypeRef | string) =>
    typeof c !== 'string' && (c.id === 'http://vocab.getty.edu/aat/300312355' || Boolean(c.notation?.some((x) => x['@value'] === 'object number')));
  const id = (hmo.identified_by ?? []).find((n) => typeOf(n) === 'Identifier' && (n.classified_as ?? []).some(isNumber));
  return text(id?.content);
}

function notation(a: Agent): string | null {
  const ns = a.notation ?? [];
  return text(ns.find((n) => n['@language'] === 'en')?.['@value']) ?? text(ns.find((n) => n['@language'] === 'nl')?.['@value']) ?? text(ns[0]?.['@value']) ?? text(a._label);
}

/** Makers from the production's parts (one per attributed hand), else its own `carried_out_by`, else its display line. */
function creatorOf(hmo: HumanMadeObject): string | null {
  const p = hmo.produced_by;
  const agents = [...(p?.part ?? []).flatMap((part) => part.carried_out_by ?? []), ...(p?.carried_out_by ?? [])];
  const names = [...new Set(agents.map(notation).filter((n): n is string => Boolean(n)))];
  if (names.length) return names.join('; ');
  const display = p?.referred_to_by ?? [];
  return inLang(display, AAT_ENGLISH) ?? inLang(display, AAT_DUTCH);
}

function materialStatement(hmo: HumanMadeObject): string | null {
  const statements = (hmo.referred_to_by ?? []).filter((r) => classified(r, AAT_MATERIAL_STATEMENT));
  return inLang(statements, AAT_ENGLISH) ?? inLang(statements, AAT_DUTCH);
}

/** `subject_of[].digitally_carried_by[].access_point[].id`: the object's page on rijksmuseum.nl. */
function landingUrl(hmo: HumanMadeObject): string | null {
  for (const s of hmo.subject_of ?? []) {
    for (const d of s.digitally_carried_by ?? []) {
      const url = d.access_point?.map((a) => text(a.id)).find((u) => u && /^https?:\/\//.test(u));
      if (url) return url;
    }
  }
  return null;
}
