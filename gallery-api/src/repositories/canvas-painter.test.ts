import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { planRender, type LayerImage } from '../services/canvas-render';
import type { RgbImage } from '../services/image-binding';
import { SharpCanvasPainter } from './canvas-painter';

const painter = new SharpCanvasPainter();

async function solid(width: number, height: number, rgb: [number, number, number]): Promise<LayerImage> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).webp({ lossless: true }).toBuffer();
  return { bytes, width, height };
}

const at = (img: RgbImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3));
const near = (a: number[], b: number[], tol = 6) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

const doc = (layers: CanvasDocument['layers']): CanvasDocument => ({ schemaVersion: 2, width: 200, height: 100, layers });

describe('SharpCanvasPainter', () => {
  it('measures an image and samples an upload on white at the size asked', async () => {
    const png = await sharp({ create: { width: 40, height: 20, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0 } } }).png().toBuffer();
    expect(await painter.measure(png)).toEqual({ width: 40, height: 20, opaque: false });
    const sampled = await painter.sample(png, 10, 7);
    expect([sampled.width, sampled.height]).toEqual([10, 7]);
    expect(at(sampled, 3, 3)).toEqual([255, 255, 255]); // transparent is the studio's white
    await expect(painter.measure(Buffer.from('not an image'))).rejects.toThrow();
  });

  it('places a work at its position and scale on white', async () => {
    const plan = planRender(doc([{ id: 'w', kind: 'work', workId: 'a', x: 20, y: 10, scale: 2, rotation: 0 }]), new Map([['w', await solid(20, 10, [200, 30, 30])]]));
    const out = await painter.paint(plan);
    expect([out.width, out.height]).toEqual([200, 100]);
    expect(at(out, 10, 5)).toEqual([255, 255, 255]);
    expect(near(at(out, 25, 15), [200, 30, 30])).toBe(true);
    expect(near(at(out, 58, 28), [200, 30, 30])).toBe(true);
    expect(at(out, 62, 32)).toEqual([255, 255, 255]);
  });

  it('turns about the top-left corner, clockwise, as Konva does, and clips what leaves the canvas', async () => {
    // 90°: the 60×20 strip at (100, 10) hangs down and to the left of its corner: x 80..100, y 10..70.
    const plan = planRender(doc([{ id: 'w', kind: 'work', workId: 'a', x: 100, y: 10, scale: 1, rotation: 90 }]), new Map([['w', await solid(60, 20, [20, 20, 200])]]));
    const out = await painter.paint(plan);
    expect(near(at(out, 90, 60), [20, 20, 200])).toBe(true);
    expect(at(out, 110, 20)).toEqual([255, 255, 255]);
    const off = planRender(doc([{ id: 'w', kind: 'work', workId: 'a', x: -50, y: 80, scale: 1, rotation: 30 }]), new Map([['w', await solid(60, 20, [20, 20, 200])]]));
    await expect(painter.paint(off)).resolves.toMatchObject({ width: 200 });
    const gone = planRender(doc([{ id: 'w', kind: 'work', workId: 'a', x: 500, y: 500, scale: 1, rotation: 0 }]), new Map([['w', await solid(6, 2, [0, 0, 0])]]));
    expect(at(await painter.paint(gone), 0, 0)).toEqual([255, 255, 255]);
  });

  it('mirrors a negative scale as Konva does: the box reaches up and left of its corner', async () => {
    const plan = planRender(doc([{ id: 'w', kind: 'work', workId: 'a', x: 100, y: 60, scale: -1, rotation: 0 }]), new Map([['w', await solid(40, 20, [20, 20, 200])]]));
    const out = await painter.paint(plan);
    expect(near(at(out, 80, 50), [20, 20, 200])).toBe(true);
    expect(at(out, 110, 70)).toEqual([255, 255, 255]);
  });

  it('fades a layer by its opacity and stretches a remix to its box', async () => {
    const plan = planRender(
      doc([{ id: 'r', kind: 'remix', remixId: '11111111-1111-4111-8111-111111111111', x: 0, y: 0, width: 200, height: 100, opacity: 0.5 }]),
      new Map([['r', await solid(8, 8, [0, 0, 0])]]),
    );
    const out = await painter.paint(plan);
    expect(near(at(out, 150, 80), [128, 128, 128], 3)).toBe(true);
  });

  it("draws strokes; an eraser clears its own drawing but not the work beneath", async () => {
    const plan = planRender(
      doc([
        { id: 'w', kind: 'work', workId: 'a', x: 0, y: 0, scale: 1, rotation: 0 },
        {
          id: 's',
          kind: 'strokes',
          strokes: [
            { points: [0, 50, 200, 50], color: '#00ff00', size: 20 },
            { points: [100, 0, 100, 100], color: '#000', size: 20, erase: true },
          ],
        },
      ]),
      new Map([['w', await solid(200, 100, [200, 30, 30])]]),
    );
    const out = await painter.paint(plan);
    expect(near(at(out, 30, 50), [0, 255, 0])).toBe(true);
    expect(near(at(out, 100, 50), [200, 30, 30])).toBe(true); // erased: the work shows through
    expect(near(at(out, 30, 10), [200, 30, 30])).toBe(true);
  });

  it('draws text in its colour', async () => {
    const plan = planRender(doc([{ id: 't', kind: 'text', text: '████', font: 'sans', size: 60, color: '#000000', x: 10, y: 10, scale: 1, rotation: 0 }]), new Map());
    const out = await painter.paint(plan);
    let dark = 0;
    for (let i = 0; i < out.data.length; i += 3) if (out.data[i]! < 100) dark++;
    expect(dark).toBeGreaterThan(500);
  });
});
