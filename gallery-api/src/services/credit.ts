import { OUTPUT_LICENCES, evaluateLicence, type LicenceFamily, type OutputLicenceId } from '@atelier/contracts/licences';
import { authorOf } from './creation';

/** Credit texts (collections.md §10.3): TASL per input, and the credit line of a remix. */

export interface CreditWork {
  title: string;
  creator: string | null;
  dateDisplay: string | null;
  institution: string | null;
  landingUrl: string | null;
  licenceUri: string | null;
  licenceFamily: LicenceFamily | null;
  licenceLabel: string | null;
}

const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};
const quoted = (title: string) => `“${title.trim()}”`;
const stop = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

function labelOf(work: CreditWork): string {
  const label = clean(work.licenceLabel);
  if (label) return label;
  const verdict = evaluateLicence(work.licenceUri);
  return verdict.accepted ? verdict.licence.label : (work.licenceUri ?? 'unknown licence');
}

/** One input's attribution (Title, Author, Source, Licence), in the two shapes §10.3 gives. */
export function workCreditLine(work: CreditWork): string {
  const creator = clean(work.creator);
  const institution = clean(work.institution);
  const url = clean(work.landingUrl);
  const byTitle = `${quoted(work.title)}${creator ? ` by ${creator}` : ''}`;
  if (work.licenceFamily === 'by' || work.licenceFamily === 'by-sa') {
    // BY and BY-SA need the licence link next to the credit.
    const parts = [`${byTitle}${institution ? ` (${institution})` : ''}`];
    if (url) parts.push(url);
    parts.push(`licensed under ${labelOf(work)}${work.licenceUri ? ` (${work.licenceUri})` : ''}`);
    return `${parts.join(', ')}.`;
  }
  const date = clean(work.dateDisplay);
  const sentences = [`${byTitle}${date ? `, ${date}` : ''}`, institution, url].filter((s): s is string => Boolean(s)).map(stop);
  const licence = work.licenceFamily === 'cc0' ? 'Public domain (CC0 1.0).' : `${labelOf(work)}.`;
  return [...sentences, licence].join(' ');
}

export interface RemixCreditInput {
  title: string;
  studioName: string;
  year: number;
  inputs: CreditWork[];
  licence: OutputLicenceId;
  /** `id version` of each model that transformed the canvas. */
  models: string[];
}

/**
 * `“{title}” by a visitor of {Studio}, {year}. Adapted from: … Changes: … To the extent copyright exists, …`
 * AI output may not be copyrightable at all, hence the hedge before the licence.
 */
export function remixCreditLine(input: RemixCreditInput): string {
  const parts = [`${quoted(input.title)} by ${authorOf(input.studioName)}, ${input.year}.`];
  if (input.inputs.length > 0) {
    parts.push(`Adapted from: ${input.inputs.map(workCreditLine).join(' ')}`);
    // BY 4.0 §3(a)(1)(B): indicate that the licensed material was modified.
    const modified = input.inputs.some((w) => w.licenceFamily === 'by' || w.licenceFamily === 'by-sa');
    const models = input.models.length > 0 ? ` with AI (${input.models.join(', ')})` : '';
    parts.push(`Changes: ${modified ? 'modified, combined' : 'combined'} and transformed in ${input.studioName}${models}.`);
  }
  const out = OUTPUT_LICENCES[input.licence];
  const what = input.inputs.length > 0 ? 'this remix' : 'this work';
  parts.push(
    input.licence === 'cc0'
      ? `To the extent copyright exists, ${what} is dedicated to the public domain under ${out.label} (${out.uri}).`
      : `To the extent copyright exists, ${what} is licensed under ${out.label} (${out.uri}).`,
  );
  return parts.join(' ');
}
