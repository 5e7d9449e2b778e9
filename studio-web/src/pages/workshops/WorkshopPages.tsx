import './workshops.css';
import { lazy } from 'react';
import { StaffGate } from '../staff/StaffGate';
import { ClassWorkPage, JoinPage, PupilHome, TakeHomePage } from './PupilPages';
import type { WorkshopRoute } from './routes';

// The educator's pages are a chunk of their own: a pupil joining on a school tablet does not load them.
const WorkshopList = lazy(() => import('./EducatorPages').then((m) => ({ default: m.WorkshopList })));
const WorkshopDetail = lazy(() => import('./EducatorPages').then((m) => ({ default: m.WorkshopDetail })));
const ProjectorPage = lazy(() => import('./ProjectorPage').then((m) => ({ default: m.ProjectorPage })));

/** Every workshop page, by route: the pupil's in this chunk, the educator's (behind the staff gate) fetched with their page. */
export function WorkshopPages({ route }: { route: WorkshopRoute }) {
  switch (route.page) {
    case 'workshops':
      return <StaffGate permission="runWorkshops">{(user) => <WorkshopList user={user} />}</StaffGate>;
    case 'workshop':
      return <StaffGate permission="runWorkshops">{() => <WorkshopDetail id={route.id} />}</StaffGate>;
    case 'workshopProjector':
      return <StaffGate permission="runWorkshops">{() => <ProjectorPage id={route.id} />}</StaffGate>;
    case 'workshopWork':
      return <ClassWorkPage id={route.id} submissionId={route.submissionId} />;
    case 'join':
      return <JoinPage code={route.code} />;
    case 'pupil':
      return <PupilHome />;
    case 'takeHome':
      return <TakeHomePage token={route.token} />;
  }
}
