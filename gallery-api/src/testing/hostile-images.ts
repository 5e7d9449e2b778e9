import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Test support: images that an upload gate must refuse or clean (issue 15, defect 8). */

/** A PNG whose header claims `width` × `height` (the pixel data is a 1×1 image's): refused before any decoding. */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer());
  // IHDR: length (4) + "IHDR" (4) from byte 8; width and height are its first 8 data bytes; its CRC follows the 13.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A JPEG as a camera writes it: maker, model, firmware and a GPS position in its EXIF. */
export async function cameraJpeg(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#a63' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CanonTest', Model: 'EOS 5D Mark IV', Software: 'Firmware 1.2' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 21/1 3/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
    })
    .toBuffer();
}

/** What no master may keep of `cameraJpeg`'s EXIF. */
export const CAMERA_TRACES = ['CanonTest', 'EOS 5D', 'Firmware'];
