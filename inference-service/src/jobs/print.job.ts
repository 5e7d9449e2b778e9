import type { RemixJobData } from './remix.job';

/**
 * Print jobs (issue 12 item 3) ride the remix queue under their own job name, so they share its workers, locks,
 * timeouts (the upscale task's) and crash safety. The payload is a reference: the creation's id and the long side
 * wanted; the worker reads the approved creation's full image from gallery-api itself.
 */
export const PRINT_JOB = 'print';

export interface PrintJobData extends RemixJobData {
  print: { creationId: string; longSide: number };
}

export const printKey = (printId: string) => `prints/${printId}.png`;

/** The remix fields a print job fills in: no visitor input, no works named, the upscaler's own tool. */
export function printJobData(printId: string, creationId: string, longSide: number, model: string): PrintJobData {
  return {
    remixId: printId,
    model,
    tool: 'upscale',
    params: { source: 'canvas', scale: 4 },
    workIds: [],
    inputKey: printKey(printId),
    inputSha256: '',
    print: { creationId, longSide },
  };
}

export const isPrintJob = (data: RemixJobData): data is PrintJobData => typeof (data as Partial<PrintJobData>).print?.creationId === 'string';

export const PRINT_JOB_OPTIONS = {
  attempts: 2,
  backoff: { type: 'exponential', delay: 2000 },
  // A print is fetched once by gallery-api right after it is made; the job and its file are kept a day.
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 24 * 3600 },
} as const;
