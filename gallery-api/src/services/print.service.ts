import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { notFound } from '@atelier/common/errors';
import type { Lang } from '@atelier/contracts/lang';
import { OUTPUT_LICENCES } from '@atelier/contracts/licences';
import { PRINT_SIZES, type PrintSize } from '@atelier/contracts/print';
import { isUuid, type CreationRecord } from './creation';
import { creationIiifUrls } from './iiif-presentation';
import { provenanceCredits } from './provenance';

/** The upscaler prints are made with: ESRGAN-slim (photos), whose ×4 keeps a painted canvas's texture. */
export const PRINT_MODEL = 'upscalerjs-esrgan-slim';

/** inference-service's print jobs (repositories/print.client.ts; a fake in tests): the upscaled PNG, once made. */
export interface PrintMaker {
  make(request: { printId: string; creationId: string; longSide: number; model: string }): Promise<Buffer>;
}

export interface PrintDeps {
  creations: { findById(id: string): Promise<CreationRecord | null> };
  maker: PrintMaker;
  /** The upscaler prints are made with (an enabled `upscale` model of inference-service). */
  model: string;
  publicUrl: string;
  studioName: string;
}

/**
 * A print-ready image of an approved creation (issue 12 item 3): its full image upscaled by inference-service's ESRGAN,
 * tiled, to the paper's long side, with its credit line, licence and page in the PNG's text chunks. The print id is
 * derived from creation, image, size and model, so asking again reuses the same job and file.
 */
export class PrintService {
  constructor(private readonly deps: PrintDeps) {}

  async print(id: string, size: PrintSize, lang: Lang): Promise<{ png: Buffer; filename: string }> {
    const creation = isUuid(id) ? await this.deps.creations.findById(id.toLowerCase()) : null;
    if (!creation || creation.status !== 'approved') throw notFound('creation_not_found', 'No approved creation with this id.');
    const { longSide, paper, dpi } = PRINT_SIZES[size];
    const printId = uuidFrom(`${creation.id}\0${creation.imageSha256}\0${longSide}\0${this.deps.model}`);
    const png = await this.deps.maker.make({ printId, creationId: creation.id, longSide, model: this.deps.model });
    const { creditLine } = provenanceCredits(creation.provenance, { title: creation.title, studioName: this.deps.studioName }, lang);
    const licence = OUTPUT_LICENCES[creation.licenceId].label;
    const text = {
      Title: creation.title,
      Author: `${this.deps.studioName} visitor`,
      Description: creditLine,
      Copyright: `${licence} (${creation.licenceUri})`,
      Source: creationIiifUrls(this.deps.publicUrl, creation.id).homepage,
      Comment: `Print-ready: ${paper} at ${dpi} dpi, long side ${longSide} px`,
    };
    const slug = creation.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 60) || 'creation';
    return { png: withPngText(png, text, dpi), filename: `${slug} ${paper} ${dpi}dpi.png` };
  }
}

/** A version-4-shaped UUID from a hash, so the same print asks for the same job. */
function uuidFrom(key: string): string {
  const h = createHash('sha256').update('atelier print\0').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The PNG with UTF-8 text chunks (iTXt, uncompressed) and its resolution (pHYs, `dpi`) right after IHDR, so a print
 * shop and any image viewer see the credit line, the licence and the page the creation comes from.
 */
export function withPngText(png: Buffer, text: Record<string, string>, dpi: number): Buffer {
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // the unit is the metre
  const chunks = Object.entries(text).map(([key, value]) => chunk('iTXt', Buffer.concat([Buffer.from(`${key}\0\0\0\0\0`, 'latin1'), Buffer.from(value, 'utf8')])));
  // The encoder's own pHYs, if any, goes: a PNG may have only one.
  const rest: Buffer[] = [];
  for (let at = ihdrEnd; at < png.length; ) {
    const end = at + 12 + png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) !== 'pHYs') rest.push(png.subarray(at, end));
    at = end;
  }
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk('pHYs', phys), ...chunks, ...rest]);
}
