/**
 * Creative Commons licence rules for remixing: which inputs may be used, which licences the
 * remix may carry, and how licences are named. Pure code (no zod): used by gallery-api and studio-web.
 */

/** The licence families a collection work may have and still be remixed. */
export const LICENCE_FAMILIES = ['cc0', 'pdm', 'by', 'by-sa'] as const;
export type LicenceFamily = (typeof LICENCE_FAMILIES)[number];
/** The licences a creation may carry. */
export const OUTPUT_LICENCE_IDS = ['cc0', 'by', 'by-sa'] as const;
export type OutputLicenceId = (typeof OUTPUT_LICENCE_IDS)[number];

export interface CanonicalLicence {
  family: LicenceFamily;
  /** Canonical https URI with trailing slash, no deed/legalcode suffix, no jurisdiction port. */
  uri: string;
  version: string;
  /** Jurisdiction port such as `nl` in `…/by-sa/3.0/nl/`, kept apart from the canonical URI. */
  port?: string;
  label: string;
}

export type LicenceVerdict =
  | { accepted: true; licence: CanonicalLicence }
  | { accepted: false; reason: string; code: LicenceRefusal };

/**
 * Why a work may not be remixed: no licence; non-commercial; no derivatives; in copyright; free of copyright only
 * with restrictions, or only in some countries (`restricted`); its status never established (`not_evaluated`); a
 * licence whose adaptations the studio cannot license (`incompatible`); or not recognised.
 */
export type LicenceRefusal = 'missing' | 'non_commercial' | 'no_derivatives' | 'in_copyright' | 'restricted' | 'not_evaluated' | 'incompatible' | 'unknown';

/**
 * Each RightsStatements.org statement (https://rightsstatements.org/page/1.0/) with its own reason: none of them is an
 * open licence, so none allows a public remix, but each for another reason an operator can act on.
 */
const RIGHTS_STATEMENTS: Record<string, [LicenceRefusal, string]> = {
  'inc': ['in_copyright', 'In copyright: the rights holder has not allowed reuse.'],
  'inc-ow-eu': ['in_copyright', 'In copyright, an EU orphan work: only the institution itself may use it.'],
  'inc-edu': ['in_copyright', 'In copyright, with educational use allowed: not open enough to remix and publish.'],
  'inc-nc': ['non_commercial', 'In copyright, with non-commercial use allowed: not open enough to remix and publish.'],
  'inc-ruu': ['in_copyright', 'In copyright, and its rights holders cannot be found: nobody can allow a remix.'],
  'noc-cr': ['restricted', 'No copyright, but contractual restrictions apply that forbid free reuse.'],
  'noc-nc': ['non_commercial', 'No copyright, but the institution allows non-commercial use only.'],
  'noc-oklr': ['restricted', 'No copyright, but other legal restrictions apply (such as heritage or privacy law).'],
  'noc-us': ['restricted', 'No copyright in the United States only: it may still be in copyright here.'],
  'cne': ['not_evaluated', 'Copyright not evaluated: the institution does not know whether the work is free to reuse.'],
  'und': ['not_evaluated', 'Copyright undetermined: the institution could not establish whether the work is free to reuse.'],
  'nkc': ['not_evaluated', 'No known copyright: the institution believes it is free but does not say so; it can mark it CC0 or PDM.'],
};

export const OUTPUT_LICENCES: Record<OutputLicenceId, { uri: string; label: string }> = {
  cc0: { uri: 'https://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0 1.0' },
  by: { uri: 'https://creativecommons.org/licenses/by/4.0/', label: 'CC BY 4.0' },
  'by-sa': { uri: 'https://creativecommons.org/licenses/by-sa/4.0/', label: 'CC BY-SA 4.0' },
};

const CC_VERSIONS = new Set(['1.0', '2.0', '2.5', '3.0', '4.0']);

/** Normalises a licence URI or label and decides whether a remix may use it. */
export function evaluateLicence(input: string | null | undefined): LicenceVerdict {
  const raw = (input ?? '').trim();
  if (!raw) return { accepted: false, code: 'missing', reason: 'No licence is stated, so the work may not be remixed.' };
  const lower = raw.toLowerCase();

  if (lower.includes('rightsstatements.org')) {
    const statement = lower.match(/rightsstatements\.org\/(?:vocab|page|data)\/([a-z-]+)\//)?.[1];
    const known = statement ? RIGHTS_STATEMENTS[statement] : undefined;
    if (known) return { accepted: false, code: known[0], reason: `${known[1]} (${raw})` };
    return { accepted: false, code: 'unknown', reason: `A rights statement (${raw}) is not an open licence.` };
  }

  const alias = aliasOf(lower);
  if (alias) return alias;

  const m = lower
    .replace(/^http:\/\//, 'https://')
    .replace(/^https:\/\/www\./, 'https://')
    .match(/^https:\/\/creativecommons\.org\/(licenses|publicdomain)\/([a-z-]+)\/(\d\.\d)(?:\/([a-z]{2,3}))?(?:\/(?:deed\.[a-z-]+|legalcode(?:\.[a-z-]+)?))?\/?(?:[#?].*)?$/);
  if (!m) {
    if (/\bnc\b|non-?commercial/.test(lower)) return nonCommercial(raw);
    if (/\bnd\b|no-?deriv/.test(lower)) return noDerivs(raw);
    return { accepted: false, code: 'unknown', reason: `Not a recognised Creative Commons licence URI: ${raw}.` };
  }
  const [, kind, code, version, port] = m as unknown as [string, string, string, string, string | undefined];
  if (kind === 'publicdomain') {
    if (code === 'zero' && version === '1.0') return ok(CC0);
    if (code === 'mark' && version === '1.0') return ok(PDM);
    return { accepted: false, code: 'unknown', reason: `Unknown public-domain tool: ${raw}.` };
  }
  if (!CC_VERSIONS.has(version)) return { accepted: false, code: 'unknown', reason: `Unknown licence version: ${raw}.` };
  if (code.includes('nc')) return nonCommercial(raw);
  if (code.includes('nd')) return noDerivs(raw);
  // BY-SA 1.0 lets an adaptation carry only BY-SA 1.0 itself (later versions allow a later version): the studio
  // licenses creations under 4.0, so it cannot honour it.
  if (code === 'by-sa' && version === '1.0')
    return { accepted: false, code: 'incompatible', reason: `CC BY-SA 1.0 requires remixes to carry exactly CC BY-SA 1.0, which the studio cannot give (${raw}).` };
  if (code === 'by' || code === 'by-sa') {
    const family = code as 'by' | 'by-sa';
    const label = `CC ${family.toUpperCase()} ${version}${port ? ` ${port.toUpperCase()}` : ''}`;
    return ok({ family, uri: `https://creativecommons.org/licenses/${family}/${version}/`, version, ...(port ? { port } : {}), label });
  }
  return { accepted: false, code: 'unknown', reason: `Unknown Creative Commons licence: ${raw}.` };
}

const CC0: CanonicalLicence = { family: 'cc0', uri: 'https://creativecommons.org/publicdomain/zero/1.0/', version: '1.0', label: 'CC0 1.0' };
const PDM: CanonicalLicence = { family: 'pdm', uri: 'https://creativecommons.org/publicdomain/mark/1.0/', version: '1.0', label: 'Public Domain Mark 1.0' };

/**
 * Forms that are not licence URIs but mean one unambiguously: Creative Commons' own CC0 web page (SMK's
 * `rights`), and the short names sources and CSV files write (`CC0`, `CC BY-SA 4.0`, `PDM`).
 */
function aliasOf(lower: string): LicenceVerdict | null {
  const bare = lower.replace(/^https?:\/\/(www\.)?/, '').replace(/[#?].*$/, '').replace(/\/+$/, '');
  if (bare === 'creativecommons.org/share-your-work/public-domain/cc0' || bare === 'creativecommons.org/publicdomain/zero')
    return ok(CC0);
  if (bare === 'creativecommons.org/share-your-work/public-domain/pdm' || bare === 'creativecommons.org/publicdomain/mark')
    return ok(PDM);
  const label = lower.replace(/[\s_]+/g, ' ').trim();
  if (/^cc ?0(?: 1\.0)?(?: universal)?$/.test(label) || label === 'cc-zero') return ok(CC0);
  if (/^(?:pdm|public domain mark)(?: 1\.0)?$/.test(label)) return ok(PDM);
  const cc = label.match(/^cc[ -](by(?:-(?:nc|nd|sa|nc-sa|nc-nd))?)[ -](\d\.\d)$/);
  if (cc) {
    const [, code, version] = cc as unknown as [string, string, string];
    return evaluateLicence(`https://creativecommons.org/licenses/${code}/${version}/`);
  }
  return null;
}

function ok(licence: CanonicalLicence): LicenceVerdict {
  return { accepted: true, licence };
}
function nonCommercial(raw: string): LicenceVerdict {
  return { accepted: false, code: 'non_commercial', reason: `Non-commercial licence (${raw}): not open enough to remix and republish.` };
}
function noDerivs(raw: string): LicenceVerdict {
  return { accepted: false, code: 'no_derivatives', reason: `No-derivatives licence (${raw}): adaptations are not allowed.` };
}

/**
 * Which licences a remix may carry, from the families of its inputs: any BY-SA input forces BY-SA 4.0 (ShareAlike;
 * BY-SA 2.0 to 4.0 all allow a later version); any BY input keeps at least BY, as Creative Commons advises for
 * adaptations of BY material: a CC0 label would tell reusers that no credit is due, while the original's still is;
 * only CC0 and PDM inputs may become CC0.
 */
export function allowedOutputLicences(inputs: LicenceFamily[]): OutputLicenceId[] {
  if (inputs.includes('by-sa')) return ['by-sa'];
  if (inputs.includes('by')) return ['by', 'by-sa'];
  return ['cc0', 'by', 'by-sa'];
}

/** The licence to preselect: the most open one allowed (BY when a BY input asks for credit anyway). */
export function suggestedOutputLicence(inputs: LicenceFamily[]): OutputLicenceId {
  if (inputs.includes('by-sa')) return 'by-sa';
  if (inputs.includes('by')) return 'by';
  return 'cc0';
}

export function outputLicenceFromUri(uri: string): OutputLicenceId | null {
  for (const [id, l] of Object.entries(OUTPUT_LICENCES)) if (l.uri === uri) return id as OutputLicenceId;
  return null;
}
