import { UnrecoverableError } from 'bullmq';
import { GalleryUnavailableError } from '../services/gallery';
import type { CreationImageSource } from '../processors/print.processor';

const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/**
 * An approved creation's full PNG from gallery-api, the same public URL a visitor reads: a creation that is pending,
 * rejected or withdrawn answers 404 there, so a print of it fails without retry.
 */
export class HttpCreationImages implements CreationImageSource {
  constructor(
    private readonly galleryUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async creationImage(creationId: string): Promise<Buffer> {
    let res: Response;
    try {
      res = await fetch(`${this.galleryUrl.replace(/\/$/, '')}/api/gallery/creations/${encodeURIComponent(creationId)}/image/full`, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new GalleryUnavailableError(`gallery-api unreachable: ${(err as Error).message}`);
    }
    if (res.status >= 500 || res.status === 429) throw new GalleryUnavailableError(`gallery-api answered ${res.status} for creation ${creationId}`);
    if (!res.ok) throw new UnrecoverableError(`creation ${creationId} is not an approved creation (gallery-api answered ${res.status})`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_IMAGE_BYTES) throw new UnrecoverableError(`creation ${creationId}: image larger than ${MAX_IMAGE_BYTES} bytes`);
    return bytes;
  }
}
