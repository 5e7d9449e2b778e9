/**
 * Just enough XML for OAI-PMH 2.0 envelopes (ListRecords, GetRecord) and the EDM records inside them, without a
 * DOM or a new dependency. It reads well-formed XML by element name (qualified names as the source writes them:
 * `edm:rights`, `ore:Aggregation`) and never evaluates DTDs or external entities, so a hostile feed cannot make it
 * fetch or expand anything. Comments, processing instructions and CDATA are handled; namespaces are not resolved.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** The raw markup between the start and end tag; '' for `<x/>`. */
  inner: string;
}

const NAME = String.raw`[A-Za-z_][\w.-]*(?::[\w.-]+)?`;

/** Comments and processing instructions carry no data here; they are blanked so tag scanning never sees `<!-- <x> -->`. */
function stripNoise(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
}

/**
 * Every `name` element, outermost first, in document order. Nested elements of the same name are skipped as part of
 * their outer element (`elements(rdf, 'rdf:Description')` gives the top-level ones); ask `inner` for the rest.
 */
export function elements(xml: string, name: string): XmlElement[] {
  return scan(stripNoise(xml), name).map(({ attrs, inner }) => ({ name, attrs, inner }));
}

export function element(xml: string, name: string): XmlElement | null {
  return elements(xml, name)[0] ?? null;
}

/** The markup with every `name` element (and its content) cut out: a parent's own children, not a nested one's. */
export function without(xml: string, name: string): string {
  const src = stripNoise(xml);
  let out = '';
  let at = 0;
  for (const e of scan(src, name)) {
    out += src.slice(at, e.start);
    at = e.end;
  }
  return out + src.slice(at);
}

function scan(src: string, name: string): { attrs: Record<string, string>; inner: string; start: number; end: number }[] {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A start tag, an empty-element tag or an end tag of exactly this name (`<dc:title` must not match `<dc:titles`).
  const tag = new RegExp(`<(/?)${esc}((?:\\s[^>]*?)?)(/?)>`, 'g');
  const out: { attrs: Record<string, string>; inner: string; start: number; end: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = tag.exec(src))) {
    if (m[1]) continue; // a stray end tag
    const attrs = attributes(m[2] ?? '');
    if (m[3]) {
      out.push({ attrs, inner: '', start: m.index, end: tag.lastIndex });
      continue;
    }
    const open = m.index;
    const innerStart = tag.lastIndex;
    let depth = 1;
    let n: RegExpExecArray | null;
    while (depth > 0 && (n = tag.exec(src))) {
      if (n[1]) depth--;
      else if (!n[3]) depth++;
      if (depth === 0) out.push({ attrs, inner: src.slice(innerStart, n.index), start: open, end: tag.lastIndex });
    }
    if (depth > 0) throw new Error(`unclosed <${name}> in XML`);
  }
  return out;
}

function attributes(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
    attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

/** Text content: CDATA kept verbatim, child tags dropped, the five XML entities and numeric references decoded. */
export function textOf(inner: string): string {
  const parts = stripNoise(inner).split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  return parts
    .map((p) => (p.startsWith('<![CDATA[') ? p.slice(9, -3) : decodeEntities(p.replace(/<[^>]*>/g, ''))))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** A text or an `rdf:resource` reference, with its `xml:lang`: the shapes EDM properties come in. */
export interface EdmValue {
  text: string | null;
  resource: string | null;
  lang: string | null;
}

export function values(xml: string, name: string): EdmValue[] {
  return elements(xml, name).map((e) => ({
    text: textOf(e.inner) || null,
    resource: e.attrs['rdf:resource']?.trim() || null,
    lang: e.attrs['xml:lang']?.toLowerCase() ?? null,
  }));
}

// ─── OAI-PMH 2.0 envelope ────────────────────────────────────────────────────────────────────────

export interface OaiRecord {
  identifier: string;
  datestamp: string | null;
  /** A record withdrawn at the source (`<header status="deleted">`): it has no metadata. */
  deleted: boolean;
  /** The markup inside `<metadata>` (for EDM: one `rdf:RDF`). */
  metadata: string;
}

export interface OaiPage {
  records: OaiRecord[];
  /** Empty `<resumptionToken/>` on the last page means: done. */
  resumptionToken: string | null;
  completeListSize: number | null;
}

/** An OAI-PMH `<error>` other than `noRecordsMatch` (which is an ordinary empty answer, e.g. nothing changed `from=`). */
export class OaiError extends Error {
  override name = 'OaiError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`OAI-PMH ${code}: ${message}`);
  }
}

/** Parses a ListRecords or GetRecord answer. Elements of the envelope may carry an `oai:` prefix or none. */
export function parseOaiPage(xml: string): OaiPage {
  const root = element(xml, 'OAI-PMH') ?? element(xml, 'oai:OAI-PMH');
  if (!root) throw new OaiError('badResponse', 'not an OAI-PMH document');
  const pick = (x: string, n: string) => element(x, n) ?? element(x, `oai:${n}`);
  const all = (x: string, n: string) => [...elements(x, n), ...elements(x, `oai:${n}`)];

  const error = pick(root.inner, 'error');
  if (error) {
    const code = error.attrs.code ?? 'unknown';
    if (code === 'noRecordsMatch') return { records: [], resumptionToken: null, completeListSize: 0 };
    throw new OaiError(code, textOf(error.inner));
  }
  const records = all(root.inner, 'record').map((r): OaiRecord => {
    const header = pick(r.inner, 'header');
    return {
      identifier: textOf(pick(header?.inner ?? '', 'identifier')?.inner ?? ''),
      datestamp: textOf(pick(header?.inner ?? '', 'datestamp')?.inner ?? '') || null,
      deleted: header?.attrs.status === 'deleted',
      metadata: pick(r.inner, 'metadata')?.inner ?? '',
    };
  });
  const token = pick(root.inner, 'resumptionToken');
  const size = Number(token?.attrs.completeListSize);
  return {
    records,
    resumptionToken: token ? textOf(token.inner) || null : null,
    completeListSize: Number.isInteger(size) ? size : null,
  };
}
