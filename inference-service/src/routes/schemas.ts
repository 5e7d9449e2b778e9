import { z } from 'zod';

/** The one error body every route answers with (`@atelier/common` errorBody / installErrorHandler). */
export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .describe('An error: `error.code` is stable, `error.message` is for people, `details` depends on the code.');

/** Errors any route can answer besides its own: an unexpected failure. */
export const commonErrors = { 500: errorSchema } as const;

/**
 * Compile-time check that a schema's keys are exactly a service type's keys, so a field added to the type
 * (and sent by the route) but not to the schema fails typecheck instead of being stripped by serialisation.
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
/** Both types accept each other: the schema describes what the service builds, no more and no less. */
export type Interchangeable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Expect<T extends true> = T;
