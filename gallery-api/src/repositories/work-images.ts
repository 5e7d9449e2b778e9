import { HttpError } from '@atelier/common/errors';
import { cleanImageUpload, DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '@atelier/common/image-upload';
import { lineArt } from '@atelier/contracts/line-art';
import sharp, { type ResizeOptions } from 'sharp';
import { WorkImageProblem, type RenderedWorkImages, type WorkImageRenderer } from '../services/collection-import.service';

export const WORKING_MAX_SIDE = 1024;
export const THUMB_MAX_SIDE = 256;

/**
 * The limits an imported image must pass: a visitor's upload's, so a museum file can never be what a visitor's
 * could not (a 20000×1 strip, a 144 MP master that every detail crop would decode again).
 */
export const IMPORT_IMAGE_LIMITS: UploadLimits = DEFAULT_UPLOAD_LIMITS;

/**
 * Masters and renditions of a collection work. The original goes through common's `cleanImageUpload`, the visitor
 * uploads' one gate: byte, side and pixel limits from the header before decoding, a strict decode, EXIF orientation
 * applied, then a PNG without EXIF, GPS, maker notes, XMP, ICC or text. That PNG is the stored master; the
 * renditions are made from it.
 */
export class SharpWorkImageRenderer implements WorkImageRenderer {
  constructor(private readonly limits: UploadLimits = IMPORT_IMAGE_LIMITS) {}

  async render(original: Uint8Array): Promise<RenderedWorkImages> {
    let clean: Awaited<ReturnType<typeof cleanImageUpload>>;
    try {
      clean = await cleanImageUpload(original, this.limits);
    } catch (err) {
      if (err instanceof HttpError) throw new WorkImageProblem(`the image is refused as an upload would be: ${err.message}`);
      throw err;
    }
    try {
      const master = sharp(clean.png);
      const [working, thumb] = await Promise.all([
        master.clone().resize(box(WORKING_MAX_SIDE)).toColourspace('srgb').webp({ quality: 85 }).toBuffer(),
        master.clone().resize(box(THUMB_MAX_SIDE)).toColourspace('srgb').webp({ quality: 80 }).toBuffer(),
      ]);
      return { master: clean.png, masterExt: 'png', width: clean.width, height: clean.height, working, thumb };
    } catch (err) {
      throw new WorkImageProblem(`the image could not be decoded: ${(err as Error).message}`);
    }
  }
}

function box(side: number): ResizeOptions {
  return { width: side, height: side, fit: 'inside', withoutEnlargement: true };
}

/** The long side of a colouring page: an A4 page at about 150 dpi. */
export const COLOURING_MAX_SIDE = 1600;

/** A colouring page from a stored master: decoded and greyed by sharp, outlined by contracts' `lineArt`, a PNG. */
export async function colouringPagePng(master: Uint8Array): Promise<Uint8Array> {
  const { data, info } = await sharp(master)
    .resize({ width: COLOURING_MAX_SIDE, height: COLOURING_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const lines = lineArt(new Uint8Array(data.buffer, data.byteOffset, data.length), info.width, info.height);
  return sharp(Buffer.from(lines), { raw: { width: info.width, height: info.height, channels: 1 } }).png({ palette: true, colours: 2 }).toBuffer();
}
