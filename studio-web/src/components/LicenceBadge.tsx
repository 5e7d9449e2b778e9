import { evaluateLicence, type LicenceFamily } from '@atelier/contracts/licences';

const SHORT: Record<LicenceFamily, string> = { cc0: 'CC0', pdm: 'PDM', by: 'CC BY', 'by-sa': 'CC BY-SA' };

/** Accepts the licence as the API gives it (object or URI) and shows its short family name. */
export function licenceFamilyOf(licence: unknown): LicenceFamily | null {
  if (licence && typeof licence === 'object') {
    const l = licence as { family?: unknown; uri?: unknown };
    if (typeof l.family === 'string' && l.family in SHORT) return l.family as LicenceFamily;
    if (typeof l.uri === 'string') return licenceFamilyOf(l.uri);
  }
  if (typeof licence === 'string') {
    const v = evaluateLicence(licence);
    return v.accepted ? v.licence.family : null;
  }
  return null;
}

export function LicenceBadge({ licence }: { licence: unknown }) {
  const family = licenceFamilyOf(licence);
  if (!family) return null;
  const label = licence && typeof licence === 'object' && 'label' in licence ? String(licence.label) : SHORT[family];
  return (
    <span className={`licence-badge licence-${family}`} title={label} data-testid="licence-badge">
      {SHORT[family]}
    </span>
  );
}
