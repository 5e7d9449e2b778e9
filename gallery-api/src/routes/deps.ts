import type { Gallery } from '../composition';
import type { StaffAuth } from './auth/require-staff';

/** What each routes plugin is given: the services, and the staff session checks built once on them. */
export interface RouteDeps {
  gallery: Gallery;
  staff: StaffAuth;
}
