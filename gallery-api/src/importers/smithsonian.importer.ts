import type { HttpFetcher } from '../repositories/http-fetcher';
import type { ImportCandidate } from '../services/collection-import.service';
import { CC0_URI, emptyCandidate, joinUrl, offsetPages, remoteImage, text, yearRange, type SourceImporter } from './remote-source';

interface SiLabelled {
  label?: string;
  content?: string;
}

interface SiMedia {
  content?: string;
  idsId?: string;
  type?: string;
  usage?: { access?: string };
}

export interface SiRow {
  id?: string;
  title?: string;
  url?: string;
  content?: {
    descriptiveNonRepeating?: {
      record_ID?: string;
      title?: { content?: string };
      record_link?: string;
      guid?: string;
      unit_code?: string;
      data_source?: string;
      metadata_usage?: { access?: string };
      online_media?: { media?: SiMedia[] };
    };
    freetext?: { name?: SiLabelled[]; date?: SiLabelled[]; objectRights?: SiLabelled[]; notes?: SiLabelled[]; physicalDescription?: SiLabelled[] };
    indexedStructured?: { date?: string[] };
  };
}

const ROWS = 100;
/** Labels of `freetext.name` that name who made the work (others: Collector, Donor, Sitter…). */
const MAKER_LABELS = /^(artist|creator|maker|designer|photographer|author|painter|sculptor|engraver|printmaker)$/i;
const IDS_IIIF = 'https://ids.si.edu/ids/iiif/';

/** Smithsonian Open Access (EDAN): `/search` with `media_usage:CC0`, paged with start/rows, an api.data.gov key. */
export const smithsonianImporter: SourceImporter = {
  source: 'si',
  label: 'Smithsonian Open Access',
  defaultBaseUrl: 'https://api.si.edu/openaccess/api/v1.0',
  // api.data.gov's default quota is 1,000 requests an hour (unverified for this API): one every 3.6 s, burst 10.
  rate: { perSecond: 0.27, burst: 10, note: 'api.data.gov key quota, 1,000 requests an hour' },
  incremental: false,
  needsKey: true,
  keyEnv: 'SMITHSONIAN_API_KEY',
  async *harvest(http, opts) {
    const q = ['online_media_type:Images', 'media_usage:CC0', opts.query ? `(${opts.query})` : null].filter(Boolean).join(' AND ');
    const rows = offsetPages(ROWS, async (start) => {
      const body = await http.json<{ response?: { rows?: SiRow[]; rowCount?: number } }>(
        joinUrl(opts.baseUrl, 'search', { q, start, rows: ROWS, api_key: opts.apiKey ?? '' }),
      );
      return { records: body.response?.rows ?? [], total: body.response?.rowCount };
    });
    for await (const row of rows) yield smithsonianCandidate(row, http);
  },
};

export function smithsonianCandidate(row: SiRow, http: HttpFetcher): ImportCandidate {
  const d = row.content?.descriptiveNonRepeating ?? {};
  const free = row.content?.freetext ?? {};
  const sourceId = text(d.record_ID) ?? text(row.url?.replace(/^edanmdm:/, '')) ?? text(row.id) ?? '';
  const images = (d.online_media?.media ?? []).filter((m) => m.type === 'Images');
  // The licence is per image: a CC0 record may carry images that are not (collections.md §6); objectRights
  // ("No Copyright - United States") is a statement, never the licence.
  const open = images.find((m) => m.usage?.access === 'CC0');
  const recordOpen = d.metadata_usage?.access === 'CC0';
  const licensed = open && recordOpen ? open : null;
  const service = licensed ? idsService(licensed.idsId) : null;
  const imageUrl = licensed ? text(licensed.content) : null;
  const rights = text(free.objectRights?.map((r) => r.content).join(' '));
  const date = text(free.date?.[0]?.content);
  return {
    ...emptyCandidate('si', sourceId, text(d.title?.content) ?? text(row.title) ?? sourceId),
    creator: text((free.name ?? []).filter((n) => MAKER_LABELS.test(n.label ?? '')).map((n) => n.content).join('; ')),
    dateDisplay: date,
    ...decadeRange(row.content?.indexedStructured?.date?.[0] ?? date),
    medium: text(free.physicalDescription?.find((p) => /medium/i.test(p.label ?? ''))?.content),
    institution: text(d.data_source) ?? 'Smithsonian Institution',
    landingUrl: text(d.record_link) ?? text(d.guid),
    rightsStatement: [licensed ? 'usage.access: CC0' : `usage.access: ${images[0]?.usage?.access ?? 'none'}`, rights].filter(Boolean).join('; '),
    licence: licensed ? CC0_URI : null,
    iiifService: service,
    imageUrl,
    image: licensed ? remoteImage(http, { iiifService: service, imageUrl }) : null,
  };
}

/** `idsId` is an IDS id (`SAAM-1929.6.1_1`) with an IIIF service, or (NMNH) a media URL without one. */
function idsService(idsId: string | undefined): string | null {
  const id = text(idsId);
  if (!id || /^https?:\/\//.test(id)) return null;
  return IDS_IIIF + encodeURIComponent(id);
}

/** EDAN's indexed dates are decades (`1950s`) or years. */
function decadeRange(v: string | null | undefined): { dateStart: number | null; dateEnd: number | null } {
  const m = v?.match(/^(\d{3,4})s$/);
  if (m) return { dateStart: Number(m[1]), dateEnd: Number(m[1]) + 9 };
  return yearRange(v, v);
}
