import { workCheckResponseSchema, type WorkCheck } from '@atelier/contracts';
import { GalleryUnavailableError, type GalleryClient } from '../services/gallery';

const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
const CHECK_BATCH = 50;

/** gallery-api over HTTP; its works/check answer is parsed with the contract it is published with. */
export class HttpGalleryClient implements GalleryClient {
  private readonly baseUrl: string;
  constructor(
    baseUrl: string,
    private readonly timeoutMs = 5000,
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  async checkWorks(ids: string[]): Promise<WorkCheck[]> {
    const out: WorkCheck[] = [];
    // gallery-api checks at most 50 ids per call.
    for (let i = 0; i < ids.length; i += CHECK_BATCH) out.push(...(await this.checkBatch(ids.slice(i, i + CHECK_BATCH))));
    return out;
  }

  private async checkBatch(ids: string[]): Promise<WorkCheck[]> {
    const res = await this.fetch('/api/gallery/works/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids }),
    });
    if (!res.ok) throw new GalleryUnavailableError(`gallery-api answered ${res.status} to works/check`);
    const body = workCheckResponseSchema.safeParse(await res.json().catch(() => undefined));
    if (!body.success) throw new GalleryUnavailableError(`gallery-api answered works/check off its contract: ${body.error.issues[0]?.message}`);
    return body.data.works;
  }

  async workImage(id: string): Promise<Buffer> {
    const res = await this.fetch(`/api/gallery/works/${encodeURIComponent(id)}/image/working`);
    // A 5xx or 429 passes (the job waits for the gallery); a 404 stays: the work is gone or refused now.
    if (res.status >= 500 || res.status === 429) throw new GalleryUnavailableError(`gallery-api answered ${res.status} for the image of work ${id}`);
    if (!res.ok) throw new Error(`work ${id} has no image to remix (gallery-api answered ${res.status})`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_IMAGE_BYTES) throw new GalleryUnavailableError(`work ${id} image is too large`);
    return bytes;
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new GalleryUnavailableError(`gallery-api unreachable at ${this.baseUrl}: ${(err as Error).message}`);
    }
  }
}
