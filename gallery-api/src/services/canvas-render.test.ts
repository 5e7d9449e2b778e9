import { describe, expect, it } from 'vitest';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';
import { imageLayersOf, parseColour, planRender, renderSize, strokePathData, textInks, type ImagePaint, type LayerImage, type VectorPaint } from './canvas-render';

const img = (width: number, height: number): LayerImage => ({ bytes: new Uint8Array([1]), width, height });

const doc = (layers: CanvasDocument['layers'], width = 1024, height = 512): CanvasDocument => ({ schemaVersion: 2, width, height, layers });

describe('renderSize', () => {
  it('scales the long side to the render size and never enlarges', () => {
    expect(renderSize({ width: 1024, height: 512 })).toEqual({ width: 256, height: 128, scale: 0.25 });
    expect(renderSize({ width: 64, height: 48 })).toEqual({ width: 64, height: 48, scale: 1 });
    expect(renderSize({ width: 8192, height: 1 })).toEqual({ width: 256, height: 1, scale: 256 / 8192 });
  });
});

describe('planRender', () => {
  it('places a work at its position, its size the loaded image times its scale, in render pixels', () => {
    const plan = planRender(doc([{ id: 'w', kind: 'work', workId: 'a', x: 100, y: 40, scale: 0.5, rotation: 30, opacity: 0.7 }]), new Map([['w', img(800, 600)]]));
    expect(plan).toMatchObject({ width: 256, height: 128 });
    expect(plan.paints[0]).toMatchObject({ kind: 'image', layerId: 'w', x: 25, y: 10, width: 100, height: 75, rotation: 30, opacity: 0.7 } satisfies Partial<ImagePaint>);
  });

  it("stretches a remix output to its layer's box, turned about its top-left corner", () => {
    const plan = planRender(
      doc([{ id: 'r', kind: 'remix', remixId: '11111111-1111-4111-8111-111111111111', x: 8, y: 4, width: 400, height: 100, rotation: -10 }]),
      new Map([['r', img(640, 480)]]),
    );
    expect(plan.paints[0]).toMatchObject({ kind: 'image', x: 2, y: 1, width: 100, height: 25, rotation: -10, opacity: 1 });
  });

  it('leaves out hidden layers and image layers without an image, keeps the order bottom to top', () => {
    const d = doc([
      { id: 'hidden', kind: 'work', workId: 'a', x: 0, y: 0, scale: 1, rotation: 0, visible: false },
      { id: 'w', kind: 'work', workId: 'a', x: 0, y: 0, scale: 1, rotation: 0 },
      { id: 'none', kind: 'work', workId: 'b', x: 0, y: 0, scale: 1, rotation: 0 },
      { id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 5, 5], color: '#000', size: 3 }] },
      { id: 't', kind: 'text', text: 'Hi', font: 'sans', size: 20, color: '#111', x: 1, y: 2, scale: 1, rotation: 0 },
    ]);
    expect(imageLayersOf(d).map((l) => l.id)).toEqual(['w', 'none']);
    const plan = planRender(d, new Map([['w', img(10, 10)], ['hidden', img(10, 10)]]));
    expect(plan.paints.map((p) => p.layerId)).toEqual(['w', 's', 't']);
  });

  it('leaves out what lies under an opaque image covering the canvas, and keeps it as covered', () => {
    const d = doc([
      { id: 'under', kind: 'work', workId: 'a', x: 0, y: 0, scale: 1, rotation: 0 },
      { id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 5, 5], color: '#000', size: 3 }] },
      { id: 'top', kind: 'remix', remixId: '11111111-1111-4111-8111-111111111111', x: 0, y: 0, width: 1024, height: 512 },
      { id: 'over', kind: 'text', text: 'Hi', font: 'sans', size: 20, color: '#111', x: 1, y: 2, scale: 1, rotation: 0 },
    ]);
    const opaque = planRender(d, new Map([['under', img(10, 10)], ['top', { ...img(64, 32), opaque: true }]]));
    expect(opaque.paints.map((p) => p.layerId)).toEqual(['top', 'over']);
    expect(opaque.covered).toEqual(['under', 's']);
    // With an alpha channel, faded, or not covering it all, nothing is left out.
    for (const top of [img(64, 32), { ...img(64, 32), opaque: true }])
      expect(planRender({ ...d, layers: d.layers.map((l) => (l.id === 'top' && top.opaque ? { ...l, opacity: 0.9 } : l)) }, new Map([['under', img(10, 10)], ['top', top]])).covered).toEqual([]);
  });

  it('draws strokes as the studio does: round caps and joins, width and colour, erasers in their own pieces', () => {
    const plan = planRender(
      doc([
        {
          id: 's',
          kind: 'strokes',
          opacity: 0.5,
          strokes: [
            { points: [0, 0], color: '#fff', size: 4, erase: true },
            { points: [0, 0, 10, 20, 30, 20, 40, 0], color: '#e63946', size: 12 },
            { points: [5, 5, 6, 6], color: '#000', size: 8, erase: true },
            { points: [1, 1, 2, 2], color: 'blue', size: 2 },
          ],
        },
      ]),
      new Map(),
    );
    const v = plan.paints[0] as VectorPaint;
    // The leading eraser clears nothing; then strokes, an eraser, strokes.
    expect(v.pieces.map((p) => p.erase)).toEqual([false, true, false]);
    expect(v.opacity).toBe(0.5);
    expect(v.pieces[0]!.svg).toContain('stroke="#e63946" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"');
    expect(v.pieces[0]!.svg).toContain('viewBox="0 0 1024 512"');
    expect(v.pieces[0]!.svg).toContain('width="256" height="128"');
    expect(v.pieces[1]!.svg).toContain('stroke="#000000"');
  });

  it('escapes colours and text, so nothing a visitor sends can add to the SVG', () => {
    const plan = planRender(
      doc([
        { id: 's', kind: 'strokes', strokes: [{ points: [0, 0, 1, 1], color: '"/><image href="file:///etc/passwd"/><x a="', size: 2 }] },
        { id: 't', kind: 'text', text: '</text><image href="x"/>&', font: 'hand', size: 20, color: 'red" onload="x', x: 0, y: 0, scale: 1, rotation: 0 },
      ]),
      new Map(),
    );
    const svgs = plan.paints.flatMap((p) => (p as VectorPaint).pieces.map((x) => x.svg)).join('');
    expect(svgs).not.toMatch(/<image/);
    expect(svgs).toContain('&quot;/&gt;&lt;image');
    expect(svgs).toContain('&lt;/text&gt;&lt;image href="x"/&gt;&amp;');
  });

  it('draws text lines one font size apart, turned and scaled about its position', () => {
    const plan = planRender(doc([{ id: 't', kind: 'text', text: 'one\ntwo', font: 'serif', size: 40, color: '#222', x: 100, y: 50, scale: 2, rotation: 15 }]), new Map());
    const svg = (plan.paints[0] as VectorPaint).pieces[0]!.svg;
    expect(svg).toContain('transform="translate(100 50) rotate(15) scale(2)"');
    expect(svg).toContain('font-family="serif" font-size="40"');
    expect(svg.match(/<text /g)).toHaveLength(2);
    expect(svg).toContain('y="34"');
    expect(svg).toContain('y="74"');
  });
});

describe('textInks', () => {
  it("gives each visible text its ink and a generous area about its position, turned with it", () => {
    const d = doc([
      { id: 't', kind: 'text', text: 'ab\ncd', font: 'sans', size: 40, color: '#1d3557', x: 400, y: 200, scale: 1, rotation: 0 },
      { id: 'h', kind: 'text', text: 'x', font: 'sans', size: 40, color: '#000', x: 0, y: 0, scale: 1, rotation: 0, visible: false },
      { id: 'u', kind: 'text', text: 'x', font: 'sans', size: 40, color: 'hsl(0 0% 0%)', x: 0, y: 0, scale: 1, rotation: 0 },
    ]);
    const [t, ...rest] = textInks(d);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ layerId: 't', ink: [29, 53, 87], opacity: 1 });
    // render scale 1/4: from (400 - 20, 200 - 10) to 2 chars × 30 + 40 wide, 2 lines × 40 + 20 high.
    expect(t!.corners[0]).toEqual([95, 47.5]);
    expect(t!.corners[3]).toEqual([95 + 25, 47.5 + 25]);
  });

  it('reads the colours the studio writes', () => {
    expect(parseColour('#fff')).toEqual([255, 255, 255]);
    expect(parseColour('#E63946')).toEqual([230, 57, 70]);
    expect(parseColour('rgba(255, 200, 0, 0.9)')).toEqual([255, 200, 0]);
    expect(parseColour('tomato')).toBeNull();
  });
});

describe('strokePathData', () => {
  it("follows Konva.Line's tension curve (values from konva's own _eachTensionSegment at tension 0.4)", () => {
    expect(strokePathData([0, 0, 10, 20, 30, 20, 40, 0])).toBe('M0 0Q3.666 15.777 10 20C15.666 23.777 24.334 23.777 30 20Q36.334 15.777 40 0');
  });

  it('draws two points as a straight line and one point as a dot', () => {
    expect(strokePathData([1, 2, 3, 4])).toBe('M1 2L3 4');
    expect(strokePathData([1, 2])).toBe('M1 2L1 2');
    expect(strokePathData([])).toBe('');
  });
});
