import { element, elements, textOf, values, without, type EdmValue } from './oai-pmh';

/**
 * One Rijksmuseum object as its OAI-PMH EDM record states it (collections.md §3a). The image licence lives here and
 * only here: the Linked Art record's CC0 is the licence of the metadata, never of the image.
 */
export interface EdmWork {
  /** `https://id.rijksmuseum.nl/200117708`: the ProvidedCHO, which is also the Linked Art resolver URI. */
  objectUri: string | null;
  objectNumber: string | null;
  titles: EdmValue[];
  creators: string[];
  /** `dcterms:created` / `dc:date` display strings, per language. */
  dates: EdmValue[];
  descriptions: EdmValue[];
  /** The machine-readable rights of the image: the web resource's `edm:rights`, else the aggregation's. */
  rights: string | null;
  /** `dc:rights` text, kept verbatim as the rights statement when there is one. */
  rightsText: string | null;
  isShownBy: string | null;
  isShownAt: string | null;
  dataProvider: string | null;
  /** Pixel size of the `isShownBy` web resource when the record gives it (`ebucore:width/height`). */
  width: number | null;
  height: number | null;
}

/**
 * Reads the `rdf:RDF` inside an OAI record's `<metadata>`. Tolerates the shapes EDM allows: the ProvidedCHO at top
 * level or inline in `edm:aggregatedCHO`, a web resource referenced (`rdf:resource`) or inline, creators as literals,
 * as references to top-level `edm:Agent`s or as inline agents.
 */
export function readEdm(metadata: string): EdmWork {
  const rdf = element(metadata, 'rdf:RDF')?.inner ?? metadata;
  const aggregation = element(rdf, 'ore:Aggregation');
  const cho = element(rdf, 'edm:ProvidedCHO') ?? element(aggregation?.inner ?? '', 'edm:ProvidedCHO');
  const choInner = cho?.inner ?? '';
  const aggInner = aggregation?.inner ?? '';

  const shownBy = element(aggInner, 'edm:isShownBy');
  const inlineResource = shownBy ? element(shownBy.inner, 'edm:WebResource') : null;
  const isShownBy = shownBy?.attrs['rdf:resource']?.trim() || inlineResource?.attrs['rdf:about']?.trim() || null;
  const webResource = inlineResource ?? (isShownBy ? elements(rdf, 'edm:WebResource').find((w) => w.attrs['rdf:about']?.trim() === isShownBy) : null) ?? null;

  // The aggregation's own edm:rights, not one of a web resource written inside it.
  const aggRights = firstRef(values(without(without(aggInner, 'edm:WebResource'), 'edm:ProvidedCHO'), 'edm:rights'));
  const resourceRights = webResource ? firstRef(values(webResource.inner, 'edm:rights')) : null;
  const shownAt = element(aggInner, 'edm:isShownAt');

  return {
    objectUri: cho?.attrs['rdf:about']?.trim() || element(aggInner, 'edm:aggregatedCHO')?.attrs['rdf:resource']?.trim() || null,
    objectNumber: values(choInner, 'dc:identifier').map((v) => v.text).find(Boolean) ?? null,
    titles: values(choInner, 'dc:title').filter((v) => v.text),
    creators: creatorsOf(choInner, rdf),
    dates: [...values(choInner, 'dcterms:created'), ...values(choInner, 'dc:date')].filter((v) => v.text),
    descriptions: values(choInner, 'dc:description').filter((v) => v.text),
    // EDM: a web resource's rights override the aggregation's (a PD object may be shown by a photo under other terms).
    rights: resourceRights ?? aggRights,
    rightsText: values(choInner, 'dc:rights').map((v) => v.text).find(Boolean) ?? null,
    isShownBy,
    isShownAt: shownAt?.attrs['rdf:resource']?.trim() || (shownAt ? textOf(shownAt.inner) : '') || null,
    dataProvider: dataProviderOf(aggInner, rdf),
    width: positive(webResource ? textOf(element(webResource.inner, 'ebucore:width')?.inner ?? '') : ''),
    height: positive(webResource ? textOf(element(webResource.inner, 'ebucore:height')?.inner ?? '') : ''),
  };
}

/** The value in the asked language, else English, else Dutch, else any. */
export function inLanguage(vs: EdmValue[], lang: 'en' | 'nl'): string | null {
  const order = [lang, lang === 'en' ? 'nl' : 'en'];
  for (const l of order) {
    const hit = vs.find((v) => v.lang === l || v.lang?.startsWith(`${l}-`));
    if (hit?.text) return hit.text;
  }
  return vs.find((v) => v.text)?.text ?? null;
}

function firstRef(vs: EdmValue[]): string | null {
  // edm:rights is a reference by the spec; a literal URI is accepted too, since it says the same thing.
  return vs.map((v) => v.resource ?? v.text).find(Boolean) ?? null;
}

function creatorsOf(choInner: string, rdf: string): string[] {
  const names: string[] = [];
  for (const c of elements(choInner, 'dc:creator')) {
    const inline = element(c.inner, 'edm:Agent');
    const ref = c.attrs['rdf:resource']?.trim();
    const agent = inline ?? (ref ? elements(rdf, 'edm:Agent').find((a) => a.attrs['rdf:about']?.trim() === ref) : null);
    const name = agent ? inLanguage(values(agent.inner, 'skos:prefLabel'), 'en') : ref ? null : textOf(c.inner) || null;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function dataProviderOf(aggInner: string, rdf: string): string | null {
  const dp = element(without(aggInner, 'edm:WebResource'), 'edm:dataProvider');
  if (!dp) return null;
  const literal = textOf(dp.inner);
  if (literal) return literal;
  const ref = dp.attrs['rdf:resource']?.trim();
  const org = ref ? elements(rdf, 'foaf:Organization').find((o) => o.attrs['rdf:about']?.trim() === ref) : null;
  return org ? inLanguage(values(org.inner, 'skos:prefLabel'), 'en') : null;
}

function positive(v: string): number | null {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}
