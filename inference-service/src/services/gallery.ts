import type { WorkCheck } from '@atelier/contracts';

/**
 * What inference-service asks gallery-api: may these works be remixed, and their working images
 * (repositories/gallery.client.ts over HTTP; MemoryGallery in gallery.fake.ts).
 */
export interface GalleryClient {
  checkWorks(ids: string[]): Promise<WorkCheck[]>;
  /** The work's `working` rendition (≤1024 px webp). */
  workImage(id: string): Promise<Buffer>;
}

/** gallery-api could not be reached or answered something unusable (retried by the queue, 503 to a visitor). */
export class GalleryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GalleryUnavailableError';
  }
}
