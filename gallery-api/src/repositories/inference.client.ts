/** The part of inference-service the gallery reads: a finished remix's provenance. */
export interface RemixRecord {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  model: { id: string; version: string; files: { name: string; sha256: string }[] };
  params: Record<string, unknown>;
  workIds: string[];
  inputSha256: string;
  output?: { url: string; sha256: string; width: number; height: number };
  createdAt: string;
  finishedAt?: string;
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
