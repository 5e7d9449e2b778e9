/**
 * The workshops' settings (README "Settings"), read by config.ts: how long pupils' data is kept after a workshop
 * ends, and how many join attempts one client address may make (what bounds guessing join codes).
 */
export interface WorkshopSettings {
  /** WORKSHOP_RETENTION_DAYS (default 30): pupils' sessions, pseudonyms and unapproved work go this long after the end. */
  retentionDays: number;
  /** WORKSHOP_JOIN_RATE_LIMIT_PER_ADDRESS (default 120 per 10 minutes; a class joins from one school address). 0: off. */
  joinPerAddress: number;
  /** WORKSHOP_SUBMIT_RATE_LIMIT_PER_SESSION (default 20 per 10 minutes): a pupil's sends to the educator. 0: off. */
  submitPerSession: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function workshopSettings(env: NodeJS.ProcessEnv): WorkshopSettings {
  return {
    retentionDays: whole(env, 'WORKSHOP_RETENTION_DAYS', 30, 1),
    joinPerAddress: whole(env, 'WORKSHOP_JOIN_RATE_LIMIT_PER_ADDRESS', 120, 0),
    submitPerSession: whole(env, 'WORKSHOP_SUBMIT_RATE_LIMIT_PER_SESSION', 20, 0),
  };
}
