import { describe, expect, it } from 'vitest';
import { labelPdfText } from '../testing/label-pdf-text';
import { LABEL_PAGE, PdfDocument, textWidth, winAnsi, wrap } from './label-pdf';

describe('label PDF writer', () => {
  it('wraps at spaces within the width, and cuts a word longer than a line', () => {
    const lines = wrap('Girl with a Pearl Earring by Johannes Vermeer', 100, 10, 'regular');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 10, 'regular')).toBeLessThanOrEqual(100);
    expect(lines.join(' ')).toBe('Girl with a Pearl Earring by Johannes Vermeer');
    expect(wrap('x'.repeat(80), 50, 10, 'regular').every((l) => textWidth(l, 10, 'regular') <= 50)).toBe(true);
  });

  it('writes Dutch accents and curly quotes in WinAnsiEncoding, anything else as ?', () => {
    expect([...winAnsi('é“”–')]).toEqual([0xe9, 0x93, 0x94, 0x96]);
    expect(winAnsi('漢').toString('latin1')).toBe('?');
  });

  it('makes a well-formed PDF whose pages and text read back', () => {
    const doc = new PdfDocument(LABEL_PAGE, { title: 'Test', author: 'Open Atelier' });
    doc.page((p) => p.text(10, 10, 12, 'bold', 'Één “label”'));
    doc.page((p) => p.qr(10, 10, 80, 'https://atelier.museum.example/gallery/x'));
    const pdf = doc.bytes();
    const file = pdf.toString('latin1');
    expect(file.startsWith('%PDF-1.4')).toBe(true);
    expect(file.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(file).toContain('/Count 2');
    // Every xref offset points at its object.
    const at = file.lastIndexOf('\nxref\n') + 1;
    const xref = file.slice(at);
    const offsets = [...xref.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(file.slice(o, o + 10)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
    expect(Number(/startxref\n(\d+)/.exec(file)![1])).toBe(at);
    expect(labelPdfText(pdf)).toEqual(['Één “label”', '']);
  });
});
