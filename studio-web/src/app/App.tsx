import { useEffect, useMemo } from 'react';
import { createStudio, StudioContext, type Studio } from '../canvas/ui/studio';
import { I18nProvider, useI18n } from '../i18n';
import { CreationPage } from '../pages/gallery/CreationPage';
import { GalleryPage } from '../pages/gallery/GalleryPage';
import { WorkPage } from '../pages/gallery/WorkPage';
import { ModerationPage } from '../pages/moderation/ModerationPage';
import { StudioPage } from '../pages/studio/StudioPage';
import { Header } from './Header';
import { parseRoute, usePathname } from './router';

declare global {
  interface Window {
    /** For end-to-end tests: a read-only snapshot of the document. */
    __atelier?: { getDocument(): unknown };
  }
}

function Pages() {
  const pathname = usePathname();
  const route = parseRoute(pathname);
  const { t } = useI18n();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <>
      <Header pathname={pathname} />
      <main id="main" tabIndex={-1}>
        {route.page === 'studio' && <StudioPage />}
        {route.page === 'gallery' && <GalleryPage />}
        {route.page === 'creation' && <CreationPage id={route.id} />}
        {route.page === 'work' && <WorkPage id={route.id} />}
        {route.page === 'moderation' && <ModerationPage />}
        {route.page === 'notFound' && <p className="page">{t('common.notFound')}</p>}
      </main>
      <footer className="site-footer">{t('footer.text')}</footer>
    </>
  );
}

export function App({ studio: given }: { studio?: Studio }) {
  // The canvas outlives page changes: a visitor may look at the gallery and come back.
  const studio = useMemo(() => given ?? createStudio(), [given]);
  useEffect(() => {
    window.__atelier = { getDocument: () => Object.freeze(structuredClone(studio.doc.current())) };
    return () => {
      delete window.__atelier;
    };
  }, [studio]);
  return (
    <I18nProvider>
      <StudioContext.Provider value={studio}>
        <Pages />
      </StudioContext.Provider>
    </I18nProvider>
  );
}
