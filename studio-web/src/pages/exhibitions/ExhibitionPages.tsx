import './exhibitions.css';
import { lazy } from 'react';
import { CuratePage, ExhibitionEditor } from './CuratePages';
import { KioskPage } from './KioskPage';
import { MementoPage } from './MementoPage';
import { OpenCallJuryPage, OpenCallPage, OpenCallsPage } from './OpenCallPages';
import { ExhibitionPage, ExhibitionsPage } from './PublicExhibitions';
import type { ExhibitionRoute } from './routes';

// The garden carries three.js: its own chunk, fetched only when a visitor opens it.
const GardenPage = lazy(() => import('./garden/GardenPage').then((m) => ({ default: m.GardenPage })));

/** Every exhibition page, by route: one lazy chunk for the lot. */
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
