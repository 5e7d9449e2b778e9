import { encode } from 'uqr';

/**
 * A small PDF writer for wall labels: pages of text in the PDF standard fonts (Helvetica and Helvetica-Bold, which
 * every reader has, so nothing is embedded) and QR codes drawn as vector squares. No dependency and no compression,
 * so a label is a few kilobytes and its text can be read straight out of it (the tests do). Text is written in
 * WinAnsiEncoding: Dutch and English accents and curly quotes are in it; anything else prints as "?".
 */

export const MM = 72 / 25.4;
/** A6 landscape (148 × 105 mm): a common wall-label size, two to an A5 sheet. */
export const LABEL_PAGE = { width: 148 * MM, height: 105 * MM };

export type Font = 'regular' | 'bold';

export interface PdfPage {
  text(x: number, y: number, size: number, font: Font, text: string): void;
  /** Wrapped to `width`; answers the y below the last line. */
  paragraph(x: number, y: number, width: number, size: number, font: Font, text: string, leading?: number): number;
  qr(x: number, y: number, size: number, value: string): void;
  line(x1: number, y1: number, x2: number, y2: number): void;
}

// Helvetica's advance widths (per 1000 em) for ASCII 32–126, from its AFM; Helvetica-Bold is a little wider.
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584,
  584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
  278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500,
  500, 500, 334, 260, 334, 584,
];
const charWidth = (c: string): number => {
  const code = c.charCodeAt(0);
  if (code >= 32 && code <= 126) return HELVETICA[code - 32]!;
  if ('‘’'.includes(c)) return 222;
  if ('“”'.includes(c)) return 333;
  if (c === '–') return 556;
  if (c === '—') return 1000;
  if (c === '…') return 1000;
  if (c === '·') return 278;
  return 556;
};

export function textWidth(text: string, size: number, font: Font): number {
  let w = 0;
  for (const c of text) w += charWidth(c);
  return (w / 1000) * size * (font === 'bold' ? 1.07 : 1);
}

/** Lines of at most `width` points, broken at spaces (a word longer than a line is cut). */
export function wrap(text: string, width: number, size: number, font: Font): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size, font) <= width) line = next;
    else {
      if (line) lines.push(line);
      let rest = word;
      while (textWidth(rest, size, font) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && textWidth(rest.slice(0, n), size, font) > width) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// Unicode → Windows-1252 for the characters that differ from Latin-1.
const CP1252: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
  '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};
export function winAnsi(text: string): Buffer {
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (CP1252[c] !== undefined) bytes.push(CP1252[c]);
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Builds a PDF, page by page; `bytes()` answers the file. */
export class PdfDocument {
  private readonly pages: string[] = [];

  constructor(
    private readonly size = LABEL_PAGE,
    private readonly info: { title: string; author: string } = { title: '', author: '' },
  ) {}

  page(draw: (p: PdfPage) => void): void {
    const ops: string[] = [];
    const font = (f: Font) => (f === 'bold' ? '/F2' : '/F1');
    const p: PdfPage = {
      text: (x, y, size, f, text) => ops.push(`BT ${font(f)} ${num(size)} Tf ${num(x)} ${num(y)} Td <${winAnsi(text).toString('hex')}> Tj ET`),
      paragraph: (x, y, width, size, f, text, leading = size * 1.3) => {
        let at = y;
        for (const line of wrap(text, width, size, f)) {
          p.text(x, at, size, f, line);
          at -= leading;
        }
        return at;
      },
      qr: (x, y, size, value) => {
        const qr = encode(value, { ecc: 'M', border: 2 });
        const cell = size / qr.size;
        ops.push('1 1 1 rg', `${num(x)} ${num(y)} ${num(size)} ${num(size)} re f`, '0 0 0 rg');
        qr.data.forEach((row, r) =>
          row.forEach((dark, c) => dark && ops.push(`${num(x + c * cell)} ${num(y + size - (r + 1) * cell)} ${num(cell)} ${num(cell)} re`)),
        );
        ops.push('f');
      },
      line: (x1, y1, x2, y2) => ops.push(`0.5 w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`),
    };
    draw(p);
    this.pages.push(ops.join('\n'));
  }

  bytes(): Buffer {
    // Objects: 1 catalog, 2 pages, 3 F1, 4 F2, 5 info, then per page its page object and its content stream.
    const objects: (string | Buffer)[] = [];
    const pageIds = this.pages.map((_, i) => 6 + i * 2);
    objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
    objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
    objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
    objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
    objects[5] = Buffer.concat([
      Buffer.from('<< /Title <'),
      Buffer.from(winAnsi(this.info.title).toString('hex')),
      Buffer.from('> /Author <'),
      Buffer.from(winAnsi(this.info.author).toString('hex')),
      Buffer.from('> /Producer (Open Atelier) >>'),
    ]);
    this.pages.forEach((content, i) => {
      const id = pageIds[i]!;
      objects[id] =
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(this.size.width)} ${num(this.size.height)}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>`;
      const stream = Buffer.from(content, 'latin1');
      objects[id + 1] = Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`), stream, Buffer.from('\nendstream')]);
    });
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    const offsets: number[] = [];
    let length = parts[0]!.length;
    for (let id = 1; id < objects.length; id++) {
      offsets[id] = length;
      const body = objects[id]!;
      const chunk = Buffer.concat([Buffer.from(`${id} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
      parts.push(chunk);
      length += chunk.length;
    }
    const xref = [`xref\n0 ${objects.length}\n`, '0000000000 65535 f \n', ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${length}\n%%EOF\n`));
    return Buffer.concat(parts);
  }
}
