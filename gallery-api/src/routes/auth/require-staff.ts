import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '@atelier/common/errors';
import type { GalleryDeps } from '../../app';
import { SessionRepository } from '../../repositories/session.repository';
import { StaffRepository } from '../../repositories/staff.repository';
import { AuthService, type StaffPrincipal } from '../../services/auth.service';

export const SESSION_COOKIE = 'atelier_session';

// Resolved once per request, whichever plugin asks first.
const resolved = new WeakMap<FastifyRequest, Promise<StaffPrincipal | null>>();

export interface StaffAuth {
  auth: AuthService;
  /** The logged-in staff member, or null; for routes that show more to staff but are public. */
  currentStaff(request: FastifyRequest): Promise<StaffPrincipal | null>;
  /**
   * Use as an `onRequest` hook so an anonymous request is answered 401 before its body is parsed or validated
   * (a 400 would tell an outsider what the route accepts).
   */
  requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export function createStaffAuth(deps: GalleryDeps): StaffAuth {
  const auth = new AuthService(new StaffRepository(deps.pool), new SessionRepository(deps.pool), deps.config.sessionTtlHours);
  const currentStaff = (request: FastifyRequest): Promise<StaffPrincipal | null> => {
    let found = resolved.get(request);
    if (!found) {
      found = auth.resolve(request.cookies[SESSION_COOKIE]);
      resolved.set(request, found);
    }
    return found;
  };
  return {
    auth,
    currentStaff,
    async requireStaff(request) {
      if (!(await currentStaff(request))) throw new HttpError(401, 'not_logged_in', 'Please log in as staff.');
    },
  };
}

/** The staff member of a request that passed `requireStaff`. */
export async function staffOf(request: FastifyRequest): Promise<StaffPrincipal> {
  const staff = await resolved.get(request);
  if (!staff) throw new HttpError(401, 'not_logged_in', 'Please log in as staff.');
  return staff;
}
