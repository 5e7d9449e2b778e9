import { errorBodySchema } from '@atelier/contracts';

/** Errors any route can answer besides its own: an unexpected failure. */
export const commonErrors = { 500: errorBodySchema } as const;
