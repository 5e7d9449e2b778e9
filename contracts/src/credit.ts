import type { ProvenanceAction } from './creation.schema';
import { textIn, type Lang } from './lang';
import { OUTPUT_LICENCES, evaluateLicence, type OutputLicenceId } from './licences';

/**
 * The one credit builder (TASL: Title, Author, Source, Licence; shared/notes/collections.md §10.3), in Dutch
 * and English. A work's credit is shown in the collection, in the publish preview, stored with a creation's
 * ingredients, and repeated in the creation's own credit line, JSON-LD and page: every one of those is this text.
 * Pure code (no zod): studio-web may import it.
 */

export interface CreditWork {
  title: string;
  /** The title per language where the source gives it: the credit names the work in its reader's language. */
  titles?: Readonly<Record<string, string>> | null;
  creator: string | null;
  /** The display date as the source gives it ("c. 1665"). */
  date?: string | null;
  /** The holding institution. */
  institution: string | null;
  /** The institution's page for the work. */
  landingUrl: string | null;
  licenceUri: string | null;
  /** The attribution the institution asks for, verbatim (a museum credit line, IIIF `requiredStatement`). */
  attribution?: string | null;
}

/** What a visitor did to the works, as the provenance record's actions say. */
export interface CreationChanges {
  /** Works were placed on the canvas. */
  composed: boolean;
  drawn: boolean;
  /** `id version` of each model that transformed the canvas. */
  models: string[];
}

export interface CreationCreditInput {
  title: string;
  studioName: string;
  year: number;
  works: CreditWork[];
  licence: OutputLicenceId;
  changes: CreationChanges;
}

const WORDS = {
  en: {
    by: 'by',
    visitor: (studio: string) => `a visitor of ${studio}`,
    licensed: 'Licensed under',
    publicDomain: 'Public domain:',
    licence: 'Licence:',
    unknownLicence: 'unknown licence',
    adaptedFrom: 'Adapted from:',
    changes: 'Changes:',
    in: 'in',
    combined: 'combined',
    drawn: 'drawn on',
    ai: (models: string) => `transformed with AI (${models})`,
    adapted: 'adapted',
    remix: 'this remix',
    work: 'this work',
    dedicated: (what: string, licence: string) => `To the extent copyright exists, ${what} is dedicated to the public domain under ${licence}.`,
    licensedAs: (what: string, licence: string) => `To the extent copyright exists, ${what} is licensed under ${licence}.`,
  },
  nl: {
    by: 'door',
    visitor: (studio: string) => `een bezoeker van ${studio}`,
    licensed: 'Licentie:',
    publicDomain: 'Publiek domein:',
    licence: 'Licentie:',
    unknownLicence: 'onbekende licentie',
    adaptedFrom: 'Gebaseerd op:',
    changes: 'Wijzigingen:',
    in: 'in',
    combined: 'gecombineerd',
    drawn: 'beschilderd',
    ai: (models: string) => `met AI bewerkt (${models})`,
    adapted: 'bewerkt',
    remix: 'deze remix',
    work: 'dit werk',
    dedicated: (what: string, licence: string) => `Voor zover er auteursrecht op rust, is ${what} in het publieke domein gegeven onder ${licence}.`,
    licensedAs: (what: string, licence: string) => `Voor zover er auteursrecht op rust, valt ${what} onder de licentie ${licence}.`,
  },
} satisfies Record<Lang, unknown>;

const clean = (s: string | null | undefined): string | null => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};
const stop = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);
/** The language's own list rules ("a, b and c", "a, b en c"); British English, as the studio writes. */
const LIST_LOCALES: Record<Lang, string> = { en: 'en-GB', nl: 'nl' };
/** One formatter per language: making one costs more than a whole credit line (a gallery page built 24 of them). */
const LIST_FORMATS = new Map<Lang, Intl.ListFormat>();
const list = (items: string[], lang: Lang) => {
  let format = LIST_FORMATS.get(lang);
  if (!format) LIST_FORMATS.set(lang, (format = new Intl.ListFormat(LIST_LOCALES[lang], { type: 'conjunction' })));
  return format.format(items);
};

/** The author credited everywhere: never a person's name. */
export const authorOf = (studioName: string, lang: Lang): string => WORDS[lang].visitor(studioName);

/** The work's licence as a sentence, always with its URI (CC BY and BY-SA require the link; CC0 and PDM get it too). */
function licenceSentence(licenceUri: string | null, lang: Lang): string {
  const w = WORDS[lang];
  const verdict = evaluateLicence(licenceUri);
  if (!verdict.accepted) return `${w.licence} ${clean(licenceUri) ?? w.unknownLicence}.`;
  const { family, label, uri } = verdict.licence;
  return `${family === 'by' || family === 'by-sa' ? w.licensed : w.publicDomain} ${label} (${uri}).`;
}

/** The text names the work's licence already (its URI, or its label). */
function mentionsLicence(text: string, licenceUri: string | null): boolean {
  const verdict = evaluateLicence(licenceUri);
  if (!verdict.accepted) return !!licenceUri && text.includes(licenceUri);
  const lower = text.toLowerCase();
  const bareUri = verdict.licence.uri.replace(/^https:\/\//, '').replace(/\/$/, '');
  return lower.includes(bareUri) || lower.includes(verdict.licence.label.toLowerCase());
}

/**
 * Title, author and date; the holding institution (with the attribution it asks for) and its page; the licence.
 * An attribution that is a whole credit line already (it names the work) is the institution's own wording: it is
 * kept as it is, with the page and the licence added only where it lacks them. A whole line that names the work only
 * by its default title while the reader has a title of their own is in another language: a public-domain work is
 * then credited in the reader's language from its fields; under BY and BY-SA the requested wording stays.
 */
export function workCredit(work: CreditWork, lang: Lang): string {
  const w = WORDS[lang];
  const title = clean(textIn(work.titles, lang, work.title)) ?? '?';
  const creator = clean(work.creator);
  const date = clean(work.date);
  const institution = clean(work.institution);
  const url = clean(work.landingUrl);
  const line = clean(work.attribution);
  const namesReaderTitle = !!line && line.toLowerCase().includes(title.toLowerCase());
  const namesDefaultTitle = !!line && line.toLowerCase().includes((clean(work.title) ?? title).toLowerCase());
  const verdict = evaluateLicence(work.licenceUri);
  const required = !verdict.accepted || verdict.licence.family === 'by' || verdict.licence.family === 'by-sa';
  const otherLanguage = !namesReaderTitle && namesDefaultTitle && !required;
  const attribution = otherLanguage ? null : line;
  if (attribution && (namesReaderTitle || namesDefaultTitle)) {
    const parts = [stop(attribution)];
    if (url && !attribution.includes(url)) parts.push(stop(url));
    if (!mentionsLicence(attribution, work.licenceUri)) parts.push(licenceSentence(work.licenceUri, lang));
    return parts.join(' ');
  }
  const sentences = [`“${title}”${creator ? ` ${w.by} ${creator}` : ''}${date ? `, ${date}` : ''}`];
  // An institution's credit line usually names it ("The Met, Rogers Fund, 1919"); otherwise both are kept.
  const holding =
    attribution && institution && !attribution.toLowerCase().includes(institution.toLowerCase())
      ? `${institution}, ${attribution}`
      : (attribution ?? institution);
  const source = [holding, url].filter((s): s is string => !!s).map((s, i, all) => (i < all.length - 1 ? s.replace(/[.]$/, '') : s));
  if (source.length) sentences.push(source.join(', '));
  return [...sentences.map(stop), licenceSentence(work.licenceUri, lang)].join(' ');
}

/** What the provenance record's actions say the visitor did. */
export function changesOf(actions: readonly ProvenanceAction[]): CreationChanges {
  return {
    composed: actions.some((a) => a.type === 'compose'),
    drawn: actions.some((a) => a.type === 'draw'),
    models: [...new Set(actions.flatMap((a) => (a.type === 'remix' ? [`${a.model.id} ${a.model.version}`] : [])))],
  };
}

/**
 * `“{title}” by a visitor of {Studio}, {year}. Adapted from: … Changes: … To the extent copyright exists, …`
 * Each work's credit is `workCredit`; BY 4.0 §3(a)(1)(B) asks that the changes are indicated. AI output may not
 * be copyrightable at all, hence the hedge before the licence.
 */
export function creationCredit(input: CreationCreditInput, lang: Lang): string {
  const w = WORDS[lang];
  const parts = [`“${input.title.trim()}” ${w.by} ${w.visitor(input.studioName)}, ${input.year}.`];
  if (input.works.length > 0) {
    parts.push(`${w.adaptedFrom} ${input.works.map((work) => workCredit(work, lang)).join(' ')}`);
    const { composed, drawn, models } = input.changes;
    const done = [...(composed ? [w.combined] : []), ...(drawn ? [w.drawn] : []), ...(models.length ? [w.ai(models.join(', '))] : [])];
    parts.push(`${w.changes} ${list(done.length ? done : [w.adapted], lang)} ${w.in} ${input.studioName}.`);
  }
  const out = OUTPUT_LICENCES[input.licence];
  const what = input.works.length > 0 ? w.remix : w.work;
  const licence = `${out.label} (${out.uri})`;
  parts.push(input.licence === 'cc0' ? w.dedicated(what, licence) : w.licensedAs(what, licence));
  return parts.join(' ');
}
