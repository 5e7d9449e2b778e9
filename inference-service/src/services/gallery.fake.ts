import type { WorkCheck } from '@atelier/contracts';
import { GalleryUnavailableError, type GalleryClient } from './gallery';

/** The in-memory gallery: works by id with their check status, one image for every known work. */
export class MemoryGallery implements GalleryClient {
  down = false;
  readonly checks: string[][] = [];
  constructor(
    readonly works: Record<string, WorkCheck['status'] | { status: 'refused'; reason: string }>,
    readonly image?: Buffer,
  ) {}

  async checkWorks(ids: string[]): Promise<WorkCheck[]> {
    this.checks.push(ids);
    if (this.down) throw new GalleryUnavailableError('down');
    return ids.map((id) => {
      const w = this.works[id] ?? 'unknown';
      return typeof w === 'string' ? { id, status: w } : { id, ...w };
    });
  }

  async workImage(id: string): Promise<Buffer> {
    if (this.down || !this.image) throw new GalleryUnavailableError('down');
    if (!this.works[id]) throw new GalleryUnavailableError(`no work ${id}`);
    return this.image;
  }
}
