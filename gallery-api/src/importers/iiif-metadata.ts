import { displayDateRange, type YearRange } from '@atelier/contracts/display-date';
import { fromJsonLdValues, fromLanguageMap } from './language';
import { httpUrl, stripHtml, text } from './remote-source';
import { isObject, listOf, type Json } from './source-records';
import type { LangTexts } from '../services/collection-work';

/**
 * What a IIIF Presentation manifest says about its work, read as publishers actually write it (issue 15): metadata
 * pairs with free labels, v2 `attribution` sentences, creators as "Artist: Name, Nationality, 1853 - 1890",
 * landing pages in v3 `homepage`, v2 `related` or v2 `rendering`, and `navDate`.
 */

const idOf = (v: unknown): string | null => (isObject(v) ? (text(v.id) ?? text(v['@id'])) : text(v));

/** v3 language map (`{"en":["…"]}`, `{"none":[…]}`), v2 string or `[{"@value","@language"}]`: English first. */
export function label(v: unknown): string | null {
  if (typeof v === 'string') return stripHtml(v);
  if (Array.isArray(v)) {
    const values = v.map((x) => (isObject(x) ? { lang: String(x['@language'] ?? ''), value: text(x['@value']) } : { lang: '', value: text(x) }));
    const en = values.filter((x) => x.lang.startsWith('en') && x.value);
    return stripHtml((en[0] ?? values.find((x) => x.value))?.value ?? null);
  }
  if (isObject(v)) {
    const key = ['en', 'none', '@none', ...Object.keys(v)].find((k) => Array.isArray(v[k]) && (v[k] as unknown[]).some((x) => text(x)));
    return key ? stripHtml((v[key] as unknown[]).map(text).filter(Boolean).join('; ')) : null;
  }
  return null;
}

/** The language-tagged texts of a label or value (v3 map, v2 `@language` values); untagged ones are left out. */
export function labelTexts(v: unknown): LangTexts {
  const raw = Array.isArray(v) ? fromJsonLdValues(v) : fromLanguageMap(v);
  const out: LangTexts = {};
  for (const [l, t] of Object.entries(raw)) {
    const clean = stripHtml(t);
    if (clean) out[l] = clean;
  }
  return out;
}

const CREATOR_LABELS = /^(artist|artists|creator|creators|maker|makers|author|authors|people|artist\s*\/\s*maker|painter|attribution)$/i;
const DATE_LABELS = /^(date|dates|created|date created|creation date|dated|date made|production date|object date)$/i;

/** The first value of a metadata pair whose label matches (labels compared case-insensitively in any language). */
export function metadataValue(doc: Json, pattern: RegExp): unknown {
  for (const entry of listOf(doc.metadata)) {
    if (!isObject(entry)) continue;
    const labels = [label(entry.label), ...Object.values(labelTexts(entry.label))];
    if (labels.some((l) => l && pattern.test(l.trim())) && label(entry.value)) return entry.value;
  }
  return null;
}

export interface CreatorParts {
  creator: string | null;
  creatorRole: string | null;
  creatorLife: string | null;
}

/** Words that say what a creator did, as IIIF metadata prefixes them ("Artist: …", "Printmaker: …"). */
const ROLE = /^(artist|creator|maker|author|painter|printmaker|engraver|etcher|lithographer|draughtsman|draftsman|sculptor|photographer|designer|publisher|illustrator|architect|attributed to|workshop of|studio of|circle of|follower of|after|manner of|school of|copy after)\s*:\s*/i;
/**
 * Nationalities as museums write them after a name ("Dutch", "American", "Netherlandish", "French, born Spain"):
 * a list, not a suffix rule, so a first name ("Christian", "Julian") is never taken for one.
 */
const NATIONALITIES = [
  'american', 'argentine', 'australian', 'austrian', 'belgian', 'bohemian', 'brazilian', 'british', 'canadian', 'chinese',
  'czech', 'danish', 'dutch', 'egyptian', 'english', 'finnish', 'flemish', 'french', 'german', 'greek', 'hungarian',
  'indian', 'irish', 'italian', 'japanese', 'korean', 'mexican', 'netherlandish', 'norwegian', 'persian', 'polish',
  'portuguese', 'roman', 'russian', 'scottish', 'spanish', 'swedish', 'swiss', 'turkish', 'welsh', 'nederlands',
  'duits', 'frans', 'vlaams', 'noord-nederlands', 'zuid-nederlands',
];
const NATIONALITY = new RegExp(`^(?:${NATIONALITIES.join('|')})(?:[- ](?:${NATIONALITIES.join('|')}))*(?:,?\\s+(?:born|active|died)\\b.*)?$`, 'i');
const LIFE = /\d{3,4}|\b(?:born|died|active)\b/i;

/**
 * "Artist: Vincent van Gogh, Dutch, 1853 - 1890" → Vincent van Gogh, Artist, "Dutch, 1853–1890";
 * "Vincent van Gogh (Dutch, 1853–1890)" → Vincent van Gogh, "Dutch, 1853–1890". An inverted name
 * ("Gogh, Vincent van") keeps its comma: only parts that read as a nationality or life dates are split off.
 * Several creators (separated by "; ") keep their names; life dates are kept for one creator only.
 */
export function parseCreator(value: string | null): CreatorParts {
  if (!value) return { creator: null, creatorRole: null, creatorLife: null };
  const people = value.split(/\s*;\s*/).map(parseOne).filter((p) => p.creator);
  if (!people.length) return { creator: null, creatorRole: null, creatorLife: null };
  const roles = [...new Set(people.map((p) => p.creatorRole).filter(Boolean))];
  return {
    creator: people.map((p) => p.creator).join('; '),
    creatorRole: roles.length === 1 ? (roles[0] as string) : null,
    creatorLife: people.length === 1 ? (people[0]?.creatorLife ?? null) : null,
  };
}

function parseOne(raw: string): CreatorParts {
  let rest = raw.trim();
  let role: string | null = null;
  const r = rest.match(ROLE);
  if (r) {
    role = capitalise(r[1] as string);
    rest = rest.slice(r[0].length).trim();
  }
  let life: string | null = null;
  const paren = rest.match(/^(.*?)\s*\(([^()]*)\)\s*$/);
  if (paren && LIFE.test(paren[2] as string)) {
    rest = (paren[1] as string).trim();
    life = paren[2] as string;
  } else {
    const parts = rest.split(/\s*,\s*/);
    let cut = parts.length;
    // From the end: life dates, then nationalities, are split off; the rest is the name.
    while (cut > 1 && LIFE.test(parts[cut - 1] as string) && !NATIONALITY.test(parts[cut - 1] as string)) cut--;
    const datesAt = cut;
    while (cut > 1 && NATIONALITY.test(parts[cut - 1] as string)) cut--;
    // A nationality is split off only before life dates ("Bach, Johann Christian" stays a name).
    if (datesAt < parts.length) {
      life = parts.slice(cut).join(', ');
      rest = parts.slice(0, cut).join(', ');
    }
  }
  return { creator: text(rest), creatorRole: role, creatorLife: life ? text(life.replace(/(\d)\s*[-–]\s*(\d)/g, '$1–$2')) : null };
}

function capitalise(s: string): string {
  const t = s.trim().toLowerCase();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The manifest's date: a metadata pair, else `navDate` (its year), with the range either gives. */
export function dateOf(doc: Json, canvas?: Json): { dateDisplay: string | null } & YearRange {
  const shown = label(metadataValue(doc, DATE_LABELS));
  if (shown) return { dateDisplay: shown, ...displayDateRange(shown) };
  const nav = text(canvas?.navDate) ?? text(doc.navDate);
  const navYear = nav?.match(/^(-?\d{1,4})-\d\d-\d\d/)?.[1];
  if (navYear) {
    const y = Number(navYear);
    return { dateDisplay: String(y), dateStart: y, dateEnd: y };
  }
  return { dateDisplay: null, dateStart: null, dateEnd: null };
}

export function creatorOf(doc: Json): CreatorParts {
  return parseCreator(label(metadataValue(doc, CREATOR_LABELS)));
}

const isHtml = (v: unknown) => !isObject(v) || !('format' in v) || /^text\/html\b/i.test(String(v.format));

/**
 * The page a visitor can follow: v3 `homepage`, v2 `related` (HTML, or untyped), then any version's `rendering`
 * that is text/html. Only http(s) addresses: a `javascript:` link is no landing page.
 */
export function landingOf(doc: Json): string | null {
  const candidates = [
    ...listOf(doc.homepage).filter(isHtml),
    ...listOf(doc.related).filter(isHtml),
    ...listOf(doc.rendering).filter((r) => isObject(r) && /^text\/html\b/i.test(String(r.format ?? ''))),
  ];
  for (const c of candidates) {
    const url = httpUrl(idOf(c));
    if (url) return url;
  }
  return null;
}

/** Institutions known by the hosts they publish from, and by their names in attribution sentences. */
const KNOWN: { name: string; hosts: string[]; names?: RegExp }[] = [
  { name: 'Art Institute of Chicago', hosts: ['artic.edu'], names: /\bArt Institute of Chicago\b/i },
  { name: 'The Metropolitan Museum of Art', hosts: ['metmuseum.org'], names: /\bMetropolitan Museum of Art\b/i },
  { name: 'Rijksmuseum', hosts: ['rijksmuseum.nl'], names: /\bRijksmuseum\b/i },
  { name: 'National Gallery of Art, Washington', hosts: ['nga.gov'], names: /\bNational Gallery of Art\b/i },
  { name: 'Victoria and Albert Museum', hosts: ['vam.ac.uk'], names: /\bVictoria (?:and|&) Albert Museum\b/i },
  { name: 'Harvard Art Museums', hosts: ['harvardartmuseums.org', 'harvard.edu'], names: /\bHarvard Art Museums?\b/i },
  { name: 'Statens Museum for Kunst', hosts: ['smk.dk'], names: /\bStatens Museum for Kunst\b/i },
  { name: 'The Cleveland Museum of Art', hosts: ['clevelandart.org'], names: /\bCleveland Museum of Art\b/i },
  { name: 'Smithsonian Institution', hosts: ['si.edu'], names: /\bSmithsonian\b/i },
  // Getty manifests credit "the Getty's Open Content Program".
  { name: 'J. Paul Getty Museum', hosts: ['getty.edu'], names: /\b(?:J\. Paul )?Getty(?: Museum\b|['’]s Open Content)/i },
  { name: 'Yale Center for British Art', hosts: ['britishart.yale.edu'], names: /\bYale Center for British Art\b/i },
  { name: 'Princeton University Art Museum', hosts: ['artmuseum.princeton.edu'], names: /\bPrinceton University Art Museum\b/i },
  { name: 'Mauritshuis', hosts: ['mauritshuis.nl'], names: /\bMauritshuis\b/i },
  { name: 'Nationalmuseum', hosts: ['nationalmuseum.se'], names: /\bNationalmuseum\b/ },
  { name: 'Wellcome Collection', hosts: ['wellcomecollection.org'], names: /\bWellcome Collection\b/i },
  { name: 'The British Library', hosts: ['bl.uk'], names: /\bBritish Library\b/i },
  { name: 'Bodleian Libraries', hosts: ['bodleian.ox.ac.uk'], names: /\bBodleian Librar(?:y|ies)\b/i },
];

function knownByHost(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  return KNOWN.find((k) => k.hosts.some((h) => host === h || host.endsWith(`.${h}`)))?.name ?? null;
}

/** "Provided by X under …", "Digital image courtesy of the X.", "Courtesy of X": X. */
const GIVER = /\b(?:provided|supplied|contributed)\s+by\s*:?\s*(?:the\s+)?(.+?)(?=\s+(?:under|with|via|as|and licensed|licensed)\b|[.;(]|$)|\bcourtesy\s+of\s+(?:the\s+)?(.+?)(?=\s+(?:under|with|via|as|licensed)\b|[.;(]|$)/i;
/** Words that make a text a sentence about rights rather than a name. */
const SENTENCE = /\b(?:under|licen[cs]e|rights|provided|courtesy|copyright|reserved|public domain|creative commons|https?:)|©|\./i;

/** Metadata labels that name the holding institution ("Repository: Yale Center for British Art"). */
const INSTITUTION_LABELS = /^(repository|holding institution|institution|owner|owning institution|museum|data provider|provider|bewaarplaats|instelling|eigenaar)$/i;

/**
 * The holding institution of a manifest: v3 `provider` labels, a metadata pair with a known label (Repository,
 * Holding Institution…), a logo on a known host, a known institution named in the attribution or in a
 * "provided by …" sentence, else the attribution itself only when it is a bare name ("Harvard Art Museums"). A rights
 * sentence is never taken for an institution.
 */
export function institutionOf(doc: Json, attribution: string | null): string | null {
  for (const p of listOf(doc.provider)) {
    const name = isObject(p) ? label(p.label) : text(p);
    if (name) return name;
  }
  const held = label(metadataValue(doc, INSTITUTION_LABELS));
  if (held && held.length <= 200) return held;
  const logos = [...listOf(doc.logo), ...listOf(doc.provider).flatMap((p) => (isObject(p) ? [...listOf(p.logo), ...listOf(p.homepage)] : []))];
  for (const logo of logos) {
    const known = knownByHost(idOf(logo));
    if (known) return known;
  }
  if (!attribution) return null;
  const named = KNOWN.find((k) => k.names?.test(attribution));
  if (named) return named.name;
  const given = attribution.match(GIVER);
  const giver = text(given?.[1] ?? given?.[2]);
  if (giver && giver.length <= 120) return giver;
  return attribution.length <= 80 && !SENTENCE.test(attribution.replace(/\b[A-Z]\./g, '')) ? attribution : null;
}
