import { PNG } from '@trustnxt/c2pa-ts/asset';
import { SuperBox } from '@trustnxt/c2pa-ts/jumbf';
import { ManifestStore, ValidationResult } from '@trustnxt/c2pa-ts/manifest';
import sharp from 'sharp';

/**
 * Test helpers for content credentials: the copies a verifier must tell apart from the signed file, and a second,
 * independent C2PA reader (@trustnxt/c2pa-ts, pure TypeScript; it does no chain-of-trust check).
 */

/** What the independent reader says: no manifest, or whether the active one validates (and the error codes). */
export async function readWithC2paTs(file: Buffer): Promise<{ found: boolean; valid: boolean; errors: string[] }> {
  const bytes = new Uint8Array(file);
  if (!PNG.canRead(bytes)) throw new Error('not a PNG');
  const asset = new PNG(bytes);
  const jumbf = asset.getManifestJUMBF();
  if (!jumbf) return { found: false, valid: false, errors: [] };
  let result: ValidationResult;
  try {
    result = await ManifestStore.read(SuperBox.fromBuffer(new Uint8Array(jumbf))).validate(asset);
  } catch (err) {
    result = ValidationResult.fromError(err as Error);
  }
  const errors = result.statusEntries.filter((e) => !e.success).map((e) => String(e.code));
  return { found: true, valid: result.isValid, errors };
}

interface Chunk {
  type: string;
  bytes: Buffer;
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), bytes: png.subarray(at, at + 12 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** The signed PNG with one pixel changed and everything else, its manifest (caBX chunk) included, kept as it was. */
export async function withOnePixelChanged(signed: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(signed).raw().toBuffer({ resolveWithObject: true });
  data[0] = data[0]! ^ 0xff;
  const edited = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).png().toBuffer();
  const newData = chunksOf(edited).filter((c) => c.type === 'IDAT');
  const out: Buffer[] = [signed.subarray(0, 8)];
  let placed = false;
  for (const c of chunksOf(signed)) {
    if (c.type !== 'IDAT') out.push(c.bytes);
    else if (!placed) {
      out.push(...newData.map((d) => d.bytes));
      placed = true;
    }
  }
  return Buffer.concat(out);
}

/** The same pixels re-encoded, as an image editor or a social site would: the metadata, and so the manifest, is gone. */
export const reencoded = (png: Buffer): Promise<Buffer> => sharp(png).png({ compressionLevel: 9 }).toBuffer();

/** Whether the file has a C2PA manifest chunk at all. */
export const hasManifestChunk = (png: Buffer): boolean => chunksOf(png).some((c) => c.type === 'caBX');
