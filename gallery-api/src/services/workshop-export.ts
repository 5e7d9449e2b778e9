import type { Lang } from '@atelier/contracts/lang';
import type { CreationRecord } from './creation';
import { buildCreationJsonLd } from './jsonld';
import type { SubmissionRecord, WorkshopRecord } from './workshop';
import { zipStore, type ZipEntry } from './workshop-zip';

/**
 * The class export: one ZIP with every approved work (full-size PNG as published, with its content credentials),
 * its credit line, its provenance as JSON-LD, and an index.html that needs no network (relative links, inline CSS).
 */

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 40) || 'work';

const TEXT = {
  en: { by: 'by', credits: 'Credits', provenance: 'Provenance (JSON-LD)', empty: 'No approved works.', made: 'Made in the workshop' },
  nl: { by: 'door', credits: 'Bronvermelding', provenance: 'Herkomst (JSON-LD)', empty: 'Geen goedgekeurde werken.', made: 'Gemaakt in de workshop' },
} as const;

export async function classExport(
  w: WorkshopRecord,
  approved: SubmissionRecord[],
  opts: { read(key: string): Promise<Buffer>; baseUrl: string; studioName: string; now?: Date },
): Promise<Buffer> {
  const lang: Lang = w.lang;
  const t = TEXT[lang];
  const entries: ZipEntry[] = [];
  const items: string[] = [];
  for (const [i, s] of approved.entries()) {
    const dir = `${String(i + 1).padStart(2, '0')}-${slug(s.title)}`;
    const record: CreationRecord = {
      ...s.creation,
      status: 'approved',
      credentials: s.creation.credentials ?? null,
      decidedAt: s.decidedAt,
    };
    const jsonLd = buildCreationJsonLd(record, { baseUrl: opts.baseUrl, studioName: opts.studioName });
    entries.push(
      { name: `${dir}/creation.png`, data: await opts.read(s.imageKeys.full) },
      { name: `${dir}/credit.txt`, data: Buffer.from(`${s.title} — ${s.pseudonym[lang]}\n${s.creditLine}\n`) },
      { name: `${dir}/provenance.jsonld`, data: Buffer.from(JSON.stringify(jsonLd, null, 2)) },
    );
    items.push(`<figure><a href="${dir}/creation.png"><img src="${dir}/creation.png" alt="${escape(s.creation.altText ?? s.title)}"></a>
<figcaption><strong>${escape(s.title)}</strong> ${t.by} ${escape(s.pseudonym[lang])}<br><small>${escape(s.creditLine)}</small><br>
<a href="${dir}/credit.txt">${t.credits}</a> · <a href="${dir}/provenance.jsonld">${t.provenance}</a></figcaption></figure>`);
  }
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(w.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f}main{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1.5rem}
img{width:100%;height:auto;border:1px solid #ccc}figure{margin:0}small{color:#444}</style></head>
<body><h1>${escape(w.title)}</h1><p>${t.made} · ${escape(opts.studioName)} · ${(opts.now ?? new Date()).toISOString().slice(0, 10)}</p>
<main>${items.join('\n') || `<p>${t.empty}</p>`}</main></body></html>
`;
  entries.unshift({ name: 'index.html', data: Buffer.from(html) });
  return zipStore(entries, opts.now);
}
