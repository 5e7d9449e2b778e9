import { z } from 'zod';
import { STAFF_ROLES, USERNAME_PATTERN } from './staff-roles';
import { text } from './text.schema';

/** Staff accounts as the staff pages see them. Visitors and pupils never log in. */

export { STAFF_PERMISSIONS, STAFF_ROLES, USERNAME_PATTERN, roleMay, type StaffPermission, type StaffRole } from './staff-roles';
export const staffSchema = z.object({ username: z.string(), role: z.enum(STAFF_ROLES) });
export type StaffUser = z.infer<typeof staffSchema>;
export const loginRequestSchema = z.object({ username: text().min(1).max(100), password: text().min(1).max(1024) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** An account on the admin's staff page: never its password hash. */
export const staffAccountSchema = z.object({
  username: z.string(),
  role: z.enum(STAFF_ROLES),
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type StaffAccountView = z.infer<typeof staffAccountSchema>;
export const staffListSchema = z.object({ accounts: z.array(staffAccountSchema) });

const username = text().regex(USERNAME_PATTERN, 'Usernames are 3-40 characters of a-z 0-9 . _ -');
const password = text().min(1).max(1024);
export const createStaffRequestSchema = z.object({ username, role: z.enum(STAFF_ROLES), password });
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;
/** One change at a time: a role, disabling or enabling, or a new password (which ends the account's sessions). */
export const updateStaffRequestSchema = z
  .object({ role: z.enum(STAFF_ROLES).optional(), disabled: z.boolean().optional(), password: password.optional() })
  .refine((b) => Object.values(b).filter((v) => v !== undefined).length === 1, { message: 'Give exactly one of role, disabled, password.' });
export type UpdateStaffRequest = z.infer<typeof updateStaffRequestSchema>;
