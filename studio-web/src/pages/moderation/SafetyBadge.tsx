import type { CreationSafety } from '@atelier/contracts/creation.schema';
import { useI18n } from '../../i18n';

const pct = (v: number) => `${Math.round(v * 100)} %`;

/**
 * "Flagged by the safety screen" with the scores behind it: per remix and screened image, the classes that
 * count towards the flag and their sum against the threshold. Moderators decide; the flag only sorts.
 */
export function SafetyBadge({ safety }: { safety: CreationSafety }) {
  const { t } = useI18n();
  if (!safety.flagged) return null;
  return (
    <div className="safety-flag" data-testid="safety-flag" role="note">
      <strong className="licence-badge">{t('moderation.flagged')}</strong>
      <ul className="small">
        {safety.remixes
          .filter((r) => r.flagged)
          .flatMap((r) =>
            (['input', 'output'] as const).flatMap((which) => {
              const scores = r.scores[which];
              if (!scores) return [];
              const sum = r.flagClasses.reduce((n, c) => n + (scores[c] ?? 0), 0);
              const parts = r.flagClasses.map((c) => `${c} ${pct(scores[c] ?? 0)}`).join(' + ');
              return [
                <li key={`${r.remixId}-${which}`} data-testid="safety-score">
                  {t(which === 'input' ? 'moderation.flaggedInput' : 'moderation.flaggedOutput', {
                    scores: parts,
                    sum: pct(sum),
                    threshold: pct(r.threshold),
                  })}
                </li>,
              ];
            }),
          )}
      </ul>
    </div>
  );
}
