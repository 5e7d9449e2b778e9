import { STORAGE_FULL_MESSAGE } from '@atelier/common/errors';
import type { ModelRef, Remix, RemixFailure, Tool } from '@atelier/contracts';
import { COLLECTION_UNREACHABLE, STALLED_REASON, STORAGE_FULL } from '../jobs/errors';
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
  if (snapshot.state === 'queued' && snapshot.waitingFor) remix.waitingFor = snapshot.waitingFor;
  if (snapshot.state === 'failed') {
    const failure = visitorFailure(snapshot.failedReason);
    remix.error = failure.error;
    remix.errorCode = failure.code;
  }
  if (result) {
    remix.output = { url: outputUrl(data.remixId), sha256: result.output.sha256, width: result.output.width, height: result.output.height };
    remix.finishedAt = result.finishedAt;
    if (snapshot.result?.safety) remix.safety = snapshot.result.safety;
    if (!snapshot.result) remix.screening = true;
  }
  return remix;
}

/** What the visitor reads for a worker's failure reason that has a plain sentence of its own. */
const PLAIN_REASONS: [RegExp, RemixFailure, string][] = [
  [
    new RegExp(STALLED_REASON),
    'worker_crashed',
    'The remix machine stopped more than once while making this remix, so it was not tried again. Try a smaller canvas or another tool, or ask a member of staff.',
  ],
  [
    new RegExp(`^${COLLECTION_UNREACHABLE}\\b`),
    'collection_unreachable',
    'The museum collection could not be reached for a while, so this remix was stopped. Please try again in a moment.',
  ],
  [new RegExp(`^${STORAGE_FULL}\\b`), 'storage_full', STORAGE_FULL_MESSAGE],
];

/** An address, a URL or a file path: never shown to a visitor. */
const INTERNAL =
  /[a-zA-Z][a-zA-Z0-9+.-]*:\/\/|\b\d{1,3}(\.\d{1,3}){3}\b|\blocalhost\b|\[[0-9a-fA-F:]+\]|(^|[\s'"(])\/\S*\/|\b[A-Z]:\\|\bE(NOENT|ACCES|CONN[A-Z]+|PIPE|NOSPC|ADDRINUSE|HOSTUNREACH|NETUNREACH|TIMEDOUT|AI_AGAIN|PERM|ROFS|NOTFOUND|MFILE|BUSY)\b/;

/**
 * A worker's failure reason as the visitor reads it: its own plain sentence where it has one, else its first line
 * (reasons can carry stack-ish detail); one that names an address, URL, path or system error code becomes a plain
 * sentence too. The full reason stays in the job for operators.
 */
export function visitorFailure(reason: string | undefined): { error: string; code: RemixFailure } {
  const text = reason ?? 'The remix failed.';
  for (const [pattern, code, plain] of PLAIN_REASONS) if (pattern.test(text)) return { error: plain, code };
  const first = text.split('\n')[0]!.slice(0, 300);
  const code: RemixFailure = first.startsWith('timeout:') ? 'timeout' : 'failed';
  return { error: INTERNAL.test(first) ? 'Something went wrong while making this remix. Please try again; if it happens again, ask a member of staff.' : first, code };
}

export const visitorError = (reason: string | undefined): string => visitorFailure(reason).error;
