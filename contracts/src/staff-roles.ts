/** Staff roles and what each may do, without zod, so the studio's staff pages can read them cheaply. */

export const STAFF_ROLES = ['moderator', 'admin', 'educator', 'jury'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * What each role may do: the one table behind every staff route's check on the server (gallery-api
 * `staff.require(permission)`) and the staff links the studio shows.
 */
export const STAFF_PERMISSIONS = {
  /** The moderation queue and its decisions. */
  moderate: ['moderator', 'admin'],
  /** Staff accounts: create, disable, reset passwords, set roles. */
  manageStaff: ['admin'],
  /** Workshops: prepare, run, approve pupils' work, export. */
  runWorkshops: ['educator', 'admin'],
  /** Exhibitions, kiosks, labels, withdrawals and open calls. */
  curate: ['moderator', 'admin'],
  /** Score and shortlist an open call's submissions. */
  judge: ['jury'],
} as const satisfies Record<string, readonly StaffRole[]>;
export type StaffPermission = keyof typeof STAFF_PERMISSIONS;

export function roleMay(role: StaffRole, permission: StaffPermission): boolean {
  return (STAFF_PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
