import { useEffect, useState } from 'react';
import { Link, navigate } from '../../app/router';
import { useI18n } from '../../i18n';
import { DraftOpener } from './DraftOpener';

/**
 * `/resume#ABCD-2345`, what a draft's QR code opens: the code rides in the fragment, which no server sees. It is
 * read once and dropped from the address bar; the draft opens and the studio shows it.
 */
export function ResumePage() {
  const { t } = useI18n();
  const [code] = useState(() => decodeURIComponent(window.location.hash.slice(1)));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return (
    <div className="page resume-page">
      <h1>{t('resume.title')}</h1>
      {!code && <p data-testid="resume-no-code">{t('resume.noCode')}</p>}
      <DraftOpener initialCode={code} autoOpen={!!code} onOpened={() => navigate('/')} />
      <p>
        <Link href="/">{t('resume.toStudio')}</Link>
      </p>
    </div>
  );
}
