/**
 * The text of a PDF written by services/label-pdf.ts, page by page, for tests: its content streams are uncompressed
 * and every string is a hex string in WinAnsiEncoding, so the text shows are read straight out of the file.
 */
const FROM_CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

export function labelPdfText(pdf: Buffer): string[] {
  const file = pdf.toString('latin1');
  const pages: string[] = [];
  for (const m of file.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    const lines = [...m[1]!.matchAll(/<([0-9a-f]*)> Tj/g)].map((t) =>
      [...Buffer.from(t[1]!, 'hex')].map((b) => FROM_CP1252[b] ?? String.fromCharCode(b)).join(''),
    );
    pages.push(lines.join('\n'));
  }
  return pages;
}
