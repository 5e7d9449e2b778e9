import sharp from 'sharp';
import { cleanImageUpload, type ObjectStorage } from '@atelier/common';
import type { Rendition } from '../services/creation';
import type { ImageReader } from '../services/creation.service';
import type { CreationImages, PreparedImage } from '../services/publish.service';

const WORKING_SIDE = 1024;
const THUMB_SIDE = 256;

const keysFor = (folder: string, id: string): Record<Rendition, string> => ({
  full: `${folder}/${id}/full.png`,
  working: `${folder}/${id}/working.webp`,
  thumb: `${folder}/${id}/thumb.webp`,
});

function webp(png: Buffer, side: number): Promise<Buffer> {
  return sharp(png).resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
}

/**
 * A creation's image files: cleaned (no metadata), with its renditions, under `creations/<id>/` (workshops hold
 * pupils' work under `workshop-creations/<id>/`, which the storage sweeper leaves to the workshop sweeper).
 */
export class CreationImageStorage implements CreationImages, ImageReader {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly folder = 'creations',
  ) {}

  async prepare(upload: Uint8Array): Promise<PreparedImage> {
    const clean = await cleanImageUpload(upload);
    const [working, thumb] = await Promise.all([webp(clean.png, WORKING_SIDE), webp(clean.png, THUMB_SIDE)]);
    return { png: clean.png, width: clean.width, height: clean.height, sha256: clean.sha256, working, thumb };
  }

  async save(creationId: string, image: PreparedImage): Promise<Record<Rendition, string>> {
    const keys = keysFor(this.folder, creationId);
    try {
      await Promise.all([
        this.storage.put(keys.full, image.png),
        this.storage.put(keys.working, image.working),
        this.storage.put(keys.thumb, image.thumb),
      ]);
    } catch (err) {
      await this.remove(Object.values(keys));
      throw err;
    }
    return keys;
  }

  async remove(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.storage.delete(k).catch(() => undefined)));
  }

  read(key: string): Promise<Buffer> {
    return this.storage.get(key);
  }
}
