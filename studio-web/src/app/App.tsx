import { lazy, Suspense, useEffect, useMemo } from 'react';
import { createSavedStudio, startAutosave } from '../canvas/ui/autosave';
import { StudioContext, type Studio } from '../canvas/ui/studio';
import { I18nProvider, useI18n, withSections } from '../i18n';
import { Header } from './Header';
import { PAGE_SECTIONS } from './page-sections';
import { isExhibitionRoute } from '../pages/exhibitions/routes';
import { isWorkshopRoute } from '../pages/workshops/routes';
import { parseRoute, usePathname } from './router';

// Each page is its own chunk: the gallery, a creation's page (what a QR code opens) and moderation load
// without the canvas and Konva, and the studio without the staff pages. A page that needs a dictionary section
// beyond `core` (i18n/sections.ts) names it, and its chunk waits for it.
const StudioPage = lazy(() => withSections(PAGE_SECTIONS.studio, import('../pages/studio/StudioPage')).then((m) => ({ default: m.StudioPage })));
const GalleryPage = lazy(() => import('../pages/gallery/GalleryPage').then((m) => ({ default: m.GalleryPage })));
const CreationPage = lazy(() => import('../pages/gallery/CreationPage').then((m) => ({ default: m.CreationPage })));
const WorkPage = lazy(() => import('../pages/gallery/WorkPage').then((m) => ({ default: m.WorkPage })));
const ColouringPage = lazy(() => import('../pages/gallery/ColouringPage').then((m) => ({ default: m.ColouringPage })));
const MyCreationsPage = lazy(() => import('../pages/gallery/MyCreationsPage').then((m) => ({ default: m.MyCreationsPage })));
const VerifyPage = lazy(() => import('../pages/gallery/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const ResumePage = lazy(() => withSections(PAGE_SECTIONS.resume, import('../pages/studio/ResumePage')).then((m) => ({ default: m.ResumePage })));
const ModerationPage = lazy(() => withSections(PAGE_SECTIONS.moderation, import('../pages/moderation/ModerationPage')).then((m) => ({ default: m.ModerationPage })));
const StaffPage = lazy(() => withSections(PAGE_SECTIONS.staff, import('../pages/staff/StaffPage')).then((m) => ({ default: m.StaffPage })));
const WorkshopPages = lazy(() => withSections(PAGE_SECTIONS.workshops, import('../pages/workshops/WorkshopPages')).then((m) => ({ default: m.WorkshopPages })));
const ExhibitionPages = lazy(() => withSections(PAGE_SECTIONS.exhibitions, import('../pages/exhibitions/ExhibitionPages')).then((m) => ({ default: m.ExhibitionPages })));

declare global {
  interface Window {
    /** For end-to-end tests: a read-only snapshot of the document. */
    __atelier?: { getDocument(): unknown };
  }
}

/** Storage can be blocked (private mode, a kiosk policy): then the canvas lives as long as the page. */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
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
        <Suspense fallback={<p className="page muted" role="status">{t('common.loading')}</p>}>
          {route.page === 'studio' && <StudioPage />}
          {route.page === 'gallery' && <GalleryPage />}
          {route.page === 'creation' && <CreationPage id={route.id} />}
          {route.page === 'work' && <WorkPage id={route.id} />}
          {route.page === 'colouring' && <ColouringPage id={route.id} />}
          {route.page === 'moderation' && <ModerationPage />}
          {route.page === 'mine' && <MyCreationsPage />}
          {route.page === 'resume' && <ResumePage />}
          {route.page === 'verify' && <VerifyPage />}
          {route.page === 'staff' && <StaffPage />}
          {isWorkshopRoute(route) && <WorkshopPages route={route} />}
          {isExhibitionRoute(route) && <ExhibitionPages route={route} />}
        </Suspense>
        {route.page === 'notFound' && <p className="page">{t('common.notFound')}</p>}
      </main>
      <footer className="site-footer">{t('footer.text')}</footer>
    </>
  );
}

export function App({ studio: given }: { studio?: Studio }) {
  // The canvas outlives page changes (a visitor may look at the gallery and come back), reloads, crashes and kiosk
  // restarts: it is saved on this device as it changes and read back here. A studio handed in (tests) is not.
  const studio = useMemo(() => given ?? createSavedStudio(localStorageOrNull()), [given]);
  useEffect(() => {
    const storage = given ? null : localStorageOrNull();
    return storage ? startAutosave(studio, storage) : undefined;
  }, [studio, given]);
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
