import sharp, { type Metadata, type ResizeOptions } from 'sharp';
import { WorkImageProblem, type RenderedWorkImages, type WorkImageRenderer } from '../services/collection-import.service';

export const WORKING_MAX_SIDE = 1024;
export const THUMB_MAX_SIDE = 256;

const EXT_BY_FORMAT: Record<string, RenderedWorkImages['originalExt']> = { jpeg: 'jpg', png: 'png', webp: 'webp', tiff: 'tif' };

/** Renditions of a collection work with sharp. sharp drops EXIF, XMP and ICC unless asked to keep them. */
export class SharpWorkImageRenderer implements WorkImageRenderer {
  async render(original: Uint8Array): Promise<RenderedWorkImages> {
    let meta: Metadata;
    try {
      meta = await sharp(original).metadata();
    } catch {
      throw new WorkImageProblem('the image file is not a readable image');
    }
    const originalExt = meta.format ? EXT_BY_FORMAT[meta.format] : undefined;
    if (!originalExt) throw new WorkImageProblem(`unsupported image format: ${meta.format ?? 'unknown'} (use JPEG, PNG, WebP or TIFF)`);

    try {
      // failOn 'error' rejects truncated files instead of rendering grey bands; autoOrient applies the EXIF
      // orientation before the metadata that carries it is dropped.
      const oriented = sharp(original, { failOn: 'error', autoOrient: true });
      const [working, thumb] = await Promise.all([
        oriented.clone().resize(box(WORKING_MAX_SIDE)).toColourspace('srgb').webp({ quality: 85 }).toBuffer(),
        oriented.clone().resize(box(THUMB_MAX_SIDE)).toColourspace('srgb').webp({ quality: 80 }).toBuffer(),
      ]);
      return { originalExt, width: meta.autoOrient.width, height: meta.autoOrient.height, working, thumb };
    } catch (err) {
      throw new WorkImageProblem(`the image could not be decoded: ${(err as Error).message}`);
    }
  }
}

function box(side: number): ResizeOptions {
  return { width: side, height: side, fit: 'inside', withoutEnlargement: true };
}
