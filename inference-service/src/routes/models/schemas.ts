import { z } from 'zod';
import type { Tool } from '../../jobs/tools.job';
import type { ModelListing } from '../../services/model-catalog';
import { commonErrors, type Expect, type Interchangeable, type SameKeys } from '../schemas';

const TOOLS = ['style', 'cutout', 'upscale', 'cartoon', 'fixed-style'] as const satisfies readonly Tool[];

/** services/model-catalog.ts `ModelListing`: a manifest as the studio shows it. */
export const modelListingSchema = z.object({
  id: z.string(),
  version: z.string(),
  task: z.string(),
  title: z.string(),
  tool: z.enum(TOOLS).optional().describe('The studio tool that uses the model; absent for the safety classifier.'),
  licence: z.object({
    spdx: z.string().nullable(),
    uri: z.string().nullable(),
    flags: z.array(z.string()).describe('`non_commercial`, `licence_not_stated`'),
    note: z.string().optional(),
  }),
  enabled: z.boolean(),
  disabledReason: z
    .enum(['operator', 'no_adapter'])
    .optional()
    .describe('`operator`: not switched on (INFERENCE_MODELS or its manifest); `no_adapter`: this service cannot run it.'),
});

export const modelsResponses = { 200: z.array(modelListingSchema).describe('Every model manifest, enabled or not.'), ...commonErrors } as const;

export type ModelSchemaChecks = [
  Expect<Interchangeable<(typeof TOOLS)[number], Tool>>,
  Expect<Interchangeable<z.output<typeof modelListingSchema>, ModelListing>>,
  Expect<SameKeys<z.output<typeof modelListingSchema>, ModelListing>>,
  Expect<SameKeys<z.output<typeof modelListingSchema>['licence'], ModelListing['licence']>>,
];
