import './workshops.css';
import { StaffGate } from '../staff/StaffGate';
import { ClassWorkPage, JoinPage, PupilHome, TakeHomePage } from './PupilPages';
import { ProjectorPage } from './ProjectorPage';
import { WorkshopDetail, WorkshopList } from './EducatorPages';
import type { WorkshopRoute } from './routes';

/** Every workshop page, by route: one lazy chunk for the lot. Educators' pages sit behind the staff gate. */
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
