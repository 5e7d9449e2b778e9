import type { ModelRef, Remix, Tool } from '@atelier/contracts';
import type { RemixSnapshot } from './remix-queue';

const outputUrl = (remixId: string) => `/api/inference/remixes/${encodeURIComponent(remixId)}/output.png`;

/**
 * The public `Remix` (contracts) of a job. `model` is what the worker ran once the remix completed, and the
 * current manifest before that. A remix whose output is stored is `completed` for the visitor while its safety
 * screen still runs (`screening`). `tool` is the job's (what its params were checked against); a job queued
 * before the job recorded it takes its model's tool now.
 */
export function toRemix(snapshot: RemixSnapshot, currentModel: ModelRef, currentTool: Tool | undefined): Remix {
  const { data } = snapshot;
  const result = snapshot.result ?? snapshot.ready;
  const status = snapshot.ready && snapshot.state === 'running' ? 'completed' : snapshot.state;
  const remix: Remix = {
    id: data.remixId,
    status,
    tool: (data.tool ?? currentTool)!,
    progress: status === 'completed' ? 1 : snapshot.progress,
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
