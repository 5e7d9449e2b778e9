import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { withPngText } from './print.service';

describe('withPngText', () => {
  it('writes UTF-8 text and the print resolution into a PNG every decoder still reads', async () => {
    const png = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#808080' } }).png().toBuffer();
    const out = withPngText(png, { Title: 'Meisje met de parel — remix', Description: 'Naar Vermeer, Mauritshuis (CC0)' }, 150);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, Math.round(meta.density ?? 0)]).toEqual([8, 4, 150]);
    expect(meta.comments).toEqual([
      { keyword: 'Title', text: 'Meisje met de parel — remix' },
      { keyword: 'Description', text: 'Naar Vermeer, Mauritshuis (CC0)' },
    ]);
    expect((await sharp(out).raw().toBuffer()).every((v) => v === 128)).toBe(true);
  });
});
