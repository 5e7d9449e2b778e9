import { WorkshopGroupTokens } from '@atelier/common/pupil-session';

/**
 * inference-service's remixes of a workshop group, over HTTP: DELETE /api/inference/workshop-groups/:id/remixes with
 * a token signed under the secret both services share (common/pupil-session.ts). Used when a workshop is forgotten.
 */
export class HttpWorkshopRemixes {
  private readonly tokens: WorkshopGroupTokens;

  constructor(
    private readonly baseUrl: string,
    secret: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.tokens = new WorkshopGroupTokens(secret);
  }

  async forget(workshopId: string): Promise<{ remixes: number; files: number; running: number }> {
    const res = await fetch(`${this.baseUrl}/api/inference/workshop-groups/${encodeURIComponent(workshopId)}/remixes`, {
      method: 'DELETE',
      headers: this.tokens.header(workshopId),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`inference-service answered ${res.status} when asked to forget workshop ${workshopId}'s remixes`);
    const body = (await res.json()) as { remixes?: unknown; files?: unknown; running?: unknown };
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
    return { remixes: count(body.remixes), files: count(body.files), running: count(body.running) };
  }
}
