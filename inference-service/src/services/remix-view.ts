import type { ModelRef, RemixParams } from '../jobs/remix.job';
import type { SafetyReport } from '../jobs/tools.job';
import type { RemixSnapshot } from '../repositories/remix-queue.repository';

/**
 * The public `Remix` shape (ARCHITECTURE.md); gallery-api copies its provenance fields. Published and
 * serialised through `remixSchema` (routes/remixes/schemas.ts), which typecheck keeps in step with this type.
 */
export interface Remix {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  progress: number;
  position?: number;
  /** Seconds until the remix should be done (queued or running), from recent run times; absent when unknown. */
  estimateSeconds?: number;
  error?: string;
  model: ModelRef;
  params: RemixParams;
  /** The safety pre-screen (jobs/tools.job.ts): gallery-api sends flagged creations to moderation with it. */
  safety?: SafetyReport;
  /** Completed, and the safety screen is still running: `safety` follows within moments. */
  screening?: true;
  workIds: string[];
  inputSha256: string;
  output?: { url: string; sha256: string; width: number; height: number };
  createdAt: string;
  finishedAt?: string;
}

export const outputUrl = (remixId: string) => `/api/inference/remixes/${encodeURIComponent(remixId)}/output.png`;

/**
 * `model` is what the worker ran once the remix completed, and the current manifest before that. A remix
 * whose output is stored is `completed` for the visitor while its safety screen still runs (`screening`).
 */
export function toRemix(snapshot: RemixSnapshot, currentModel: ModelRef): Remix {
  const { data } = snapshot;
  const result = snapshot.result ?? snapshot.ready;
  const status = snapshot.ready && snapshot.state === 'running' ? 'completed' : snapshot.state;
  const remix: Remix = {
    id: data.remixId,
    status,
    progress: status === 'completed' ? 100 : snapshot.progress,
    model: result?.model ?? currentModel,
    params: data.params,
    workIds: data.workIds,
    inputSha256: data.inputSha256,
    createdAt: new Date(snapshot.createdAt).toISOString(),
  };
  if (snapshot.state === 'queued' && snapshot.position !== undefined) remix.position = snapshot.position;
  if (snapshot.state === 'failed') remix.error = publicError(snapshot.failedReason);
  if (result) {
    remix.output = { url: outputUrl(data.remixId), sha256: result.output.sha256, width: result.output.width, height: result.output.height };
    remix.finishedAt = result.finishedAt;
    if (snapshot.result?.safety) remix.safety = snapshot.result.safety;
    if (!snapshot.result) remix.screening = true;
  }
  return remix;
}

// Worker errors can carry paths and stack-ish detail; visitors get the first line only.
function publicError(reason: string | undefined): string {
  return (reason ?? 'The remix failed.').split('\n')[0]!.slice(0, 300);
}
