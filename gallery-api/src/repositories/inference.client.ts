/**
 * The nsfwjs pre-screen of a remix (inference-service jobs/tools.job.ts `SafetyReport`): the visitor's canvas
 * and the output, never a collection work. `screened: false` says it could not run, not that it is clean.
 */
export interface RemixSafety {
  screened: boolean;
  flagged: boolean;
  scores: { input?: Record<string, number>; output?: Record<string, number> };
  flagClasses: string[];
  threshold: number;
  model?: { id: string; version: string };
  note?: string;
}

/** The part of inference-service the gallery reads: a finished remix's provenance and safety screen. */
export interface RemixRecord {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** `licence` (from the model's manifest) is absent on remixes finished before inference-service recorded it. */
  model: {
    id: string;
    version: string;
    files: { name: string; sha256: string }[];
    licence?: { spdx: string | null; uri: string | null; flags: string[] };
  };
  params: Record<string, unknown>;
  workIds: string[];
  inputSha256: string;
  output?: { url: string; sha256: string; width: number; height: number };
  createdAt: string;
  finishedAt?: string;
  /** Absent on remixes from before the screen existed, and while `screening`. */
  safety?: RemixSafety;
  /** Completed for the visitor, and the safety screen is still running (it takes a fraction of a second). */
  screening?: boolean;
}

export interface InferenceClient {
  /** The remix, or null when inference-service does not know it. Throws when the service is unreachable. */
  getRemix(id: string): Promise<RemixRecord | null>;
}

export class HttpInferenceClient implements InferenceClient {
  constructor(private readonly baseUrl: string) {}

  async getRemix(id: string): Promise<RemixRecord | null> {
    const res = await fetch(`${this.baseUrl}/api/inference/remixes/${encodeURIComponent(id)}`, {
      signal: AbortSignal.timeout(5000),
    });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`inference-service answered ${res.status} for remix ${id}`);
    return (await res.json()) as RemixRecord;
  }
}
