import './workshops.css';
import { Link } from '../../app/router';
import { useI18n } from '../../i18n';
import { usePupilWorkshop } from './pupil-context';

/** In the studio, for a workshop pupil only: which workshop and pseudonym, and the way back to the brief. */
export function PupilBanner() {
  const { t, lang } = useI18n();
  const pupil = usePupilWorkshop();
  if (!pupil) return null;
  return (
    <p className="workshop-pupil-banner" data-testid="pupil-banner">
      {t('workshop.pupil.banner', { title: pupil.workshop.title, name: pupil.pseudonym[lang] })}{' '}
      <Link href="/workshop">{t('workshop.pupil.back')}</Link>
    </p>
  );
}
