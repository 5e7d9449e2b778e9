import { evaluateLicence, type LicenceFamily } from '@atelier/contracts/licences';
import { useI18n } from '../i18n';

const SHORT: Record<LicenceFamily, string> = { cc0: 'CC0', pdm: 'PDM', by: 'CC BY', 'by-sa': 'CC BY-SA' };

interface Known {
  family: LicenceFamily;
  uri: string | null;
  label: string;
}

/** Accepts the licence as the API gives it (object or URI): its family, URI and label, or null when unknown. */
function knownLicence(licence: unknown): Known | null {
  if (licence && typeof licence === 'object') {
    const l = licence as { family?: unknown; uri?: unknown; label?: unknown };
    const fromUri = typeof l.uri === 'string' ? knownLicence(l.uri) : null;
    const family = typeof l.family === 'string' && l.family in SHORT ? (l.family as LicenceFamily) : fromUri?.family;
    if (!family) return null;
    return { family, uri: typeof l.uri === 'string' ? l.uri : null, label: typeof l.label === 'string' ? l.label : SHORT[family] };
  }
  if (typeof licence === 'string') {
    const v = evaluateLicence(licence);
    return v.accepted ? { family: v.licence.family, uri: v.licence.uri, label: v.licence.label } : null;
  }
  return null;
}

export function licenceFamilyOf(licence: unknown): LicenceFamily | null {
  return knownLicence(licence)?.family ?? null;
}

/** The licence's short code, a link to the licence itself (one click from the plain words beside it). */
export function LicenceBadge({ licence, testId = 'licence-badge' }: { licence: unknown; testId?: string }) {
  const known = knownLicence(licence);
  if (!known) return null;
  const className = `licence-badge licence-${known.family}`;
  return known.uri ? (
    <a className={className} href={known.uri} rel="license noopener" target="_blank" title={known.label} data-testid={testId}>
      {SHORT[known.family]}
    </a>
  ) : (
    <span className={className} title={known.label} data-testid={testId}>
      {SHORT[known.family]}
    </span>
  );
}

/** What a visitor may do with a work, in plain words ("free to use, also without naming the maker"). */
export function LicencePlain({ licence }: { licence: unknown }) {
  const { t } = useI18n();
  const family = licenceFamilyOf(licence);
  return family ? (
    <span className="licence-plain" data-testid="licence-plain">
      {t(`licence.plain.${family}`)}
    </span>
  ) : null;
}
