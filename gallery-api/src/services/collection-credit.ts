import type { CanonicalLicence } from '@atelier/contracts/licences';

export interface CreditInput {
  title: string;
  creator: string | null;
  dateDisplay: string | null;
  institution: string | null;
  /** Attribution text supplied by the source; shown verbatim when present (IIIF `requiredStatement`, museum credit lines). */
  attribution?: string | null;
}

/**
 * The TASL credit line (Title, Author, Source, Licence) shown beside a work and copied into provenance:
 * `“The Starry Night”, Vincent van Gogh, 1889, The Museum of Modern Art, New York — Public Domain Mark 1.0`.
 */
export function buildCreditLine(work: CreditInput, licence: CanonicalLicence): string {
  const supplied = work.attribution?.trim();
  if (supplied) {
    // A source's own line is kept as is, but a credit without its licence would not satisfy CC BY.
    return mentionsLicence(supplied, licence) ? supplied : `${supplied} — ${licenceText(licence)}`;
  }
  const parts = [`“${work.title.trim()}”`, work.creator, work.dateDisplay, work.institution]
    .map((p) => p?.trim())
    .filter((p): p is string => Boolean(p));
  return `${parts.join(', ')} — ${licenceText(licence)}`;
}

function licenceText(licence: CanonicalLicence): string {
  // CC BY and BY-SA require a link to the licence; for CC0 and PDM the name is enough.
  return licence.family === 'by' || licence.family === 'by-sa' ? `${licence.label} (${licence.uri})` : licence.label;
}

function mentionsLicence(text: string, licence: CanonicalLicence): boolean {
  const lower = text.toLowerCase();
  const bareUri = licence.uri.replace(/^https:\/\//, '').replace(/\/$/, '');
  return lower.includes(bareUri) || lower.includes(licence.label.toLowerCase());
}
