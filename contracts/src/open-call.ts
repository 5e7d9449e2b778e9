/** An open call's phases and rubric, without zod, so the studio's open-call pages can read them cheaply. */

export const OPEN_CALL_PHASES = ['submissions', 'judging', 'voting', 'results'] as const;
export type OpenCallPhase = (typeof OPEN_CALL_PHASES)[number];
export const RUBRIC = ['originality', 'craft', 'theme'] as const;
export type RubricCriterion = (typeof RUBRIC)[number];
