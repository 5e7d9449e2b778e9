import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '@atelier/common/errors';
import { roleMay, type StaffPermission } from '@atelier/contracts/staff.schema';
import type { AuthService, StaffPrincipal } from '../../services/auth.service';

export const SESSION_COOKIE = 'atelier_session';

const notLoggedIn = () => new HttpError(401, 'not_logged_in', 'Please log in as staff.');

export interface StaffAuth {
  /** The logged-in staff member, or null; for routes that show more to staff but are public. */
  currentStaff(request: FastifyRequest): Promise<StaffPrincipal | null>;
  /**
   * Use as an `onRequest` hook so an anonymous request is answered 401 before its body is parsed or validated
   * (a 400 would tell an outsider what the route accepts).
   */
  requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /**
   * `requireStaff`, then the role's permission (contracts STAFF_PERMISSIONS): 401 when not logged in, 403
   * `forbidden_role` when the role may not do this. Use as an `onRequest` hook.
   */
  require(permission: StaffPermission): (request: FastifyRequest) => Promise<void>;
  /** The staff member of a request that passed `requireStaff`. */
  staffOf(request: FastifyRequest): Promise<StaffPrincipal>;
}

/** The session checks of every route, on the one AuthService; a request's session is resolved once. */
export function createStaffAuth(auth: Pick<AuthService, 'resolve'>): StaffAuth {
  const resolved = new WeakMap<FastifyRequest, Promise<StaffPrincipal | null>>();
  const currentStaff = (request: FastifyRequest): Promise<StaffPrincipal | null> => {
    let found = resolved.get(request);
    if (!found) {
      found = auth.resolve(request.cookies[SESSION_COOKIE]);
      resolved.set(request, found);
    }
    return found;
  };
  return {
    currentStaff,
    async requireStaff(request) {
      if (!(await currentStaff(request))) throw notLoggedIn();
    },
    require: (permission) => async (request) => {
      const staff = await currentStaff(request);
      if (!staff) throw notLoggedIn();
      if (!roleMay(staff.role, permission)) throw new HttpError(403, 'forbidden_role', 'Your staff role cannot do this.');
    },
    async staffOf(request) {
      const staff = await currentStaff(request);
      if (!staff) throw notLoggedIn();
      return staff;
    },
  };
}
