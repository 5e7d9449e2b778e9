import './exhibitions.css';
import { lazy } from 'react';
import { KioskPage } from './KioskPage';
import { MementoPage } from './MementoPage';
import { ExhibitionPage, ExhibitionsPage } from './PublicExhibitions';
import type { ExhibitionRoute } from './routes';

// The garden carries three.js: its own chunk, fetched only when a visitor opens it. Curating (staff) and open calls
// are chunks of their own too, so a kiosk or an exhibition's page (what a QR code opens) loads neither.
const GardenPage = lazy(() => import('./garden/GardenPage').then((m) => ({ default: m.GardenPage })));
const CuratePage = lazy(() => import('./CuratePages').then((m) => ({ default: m.CuratePage })));
const ExhibitionEditor = lazy(() => import('./CuratePages').then((m) => ({ default: m.ExhibitionEditor })));
const OpenCallsPage = lazy(() => import('./OpenCallPages').then((m) => ({ default: m.OpenCallsPage })));
const OpenCallPage = lazy(() => import('./OpenCallPages').then((m) => ({ default: m.OpenCallPage })));
const OpenCallJuryPage = lazy(() => import('./OpenCallPages').then((m) => ({ default: m.OpenCallJuryPage })));

/** Every exhibition page, by route: the public ones in this chunk, the rest fetched with their page. */
export function ExhibitionPages({ route }: { route: ExhibitionRoute }) {
  switch (route.page) {
    case 'exhibitions':
      return <ExhibitionsPage />;
    case 'exhibition':
      return <ExhibitionPage id={route.id} />;
    case 'exhibitionsManage':
      return <CuratePage />;
    case 'exhibitionEdit':
      return <ExhibitionEditor id={route.id} />;
    case 'kiosk':
      return <KioskPage id={route.id} />;
    case 'garden':
      return <GardenPage id={route.id} />;
    case 'memento':
      return <MementoPage />;
    case 'openCalls':
      return <OpenCallsPage />;
    case 'openCall':
      return <OpenCallPage id={route.id} />;
    case 'openCallJury':
      return <OpenCallJuryPage id={route.id} />;
  }
}
