import { z } from 'zod';
import { text } from './text.schema';

/** Staff accounts as the moderation pages see them. Visitors never log in. */

export const STAFF_ROLES = ['moderator', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffSchema = z.object({ username: z.string(), role: z.enum(STAFF_ROLES) });
export type StaffUser = z.infer<typeof staffSchema>;
export const loginRequestSchema = z.object({ username: text().min(1).max(100), password: text().min(1).max(1024) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

