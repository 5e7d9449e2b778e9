import './exhibitions.css';
import { CuratePage, ExhibitionEditor } from './CuratePages';
import { KioskPage } from './KioskPage';
import { MementoPage } from './MementoPage';
import { OpenCallJuryPage, OpenCallPage, OpenCallsPage } from './OpenCallPages';
import { ExhibitionPage, ExhibitionsPage } from './PublicExhibitions';
import type { ExhibitionRoute } from './routes';

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
