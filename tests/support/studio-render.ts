import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { CanvasDocument } from '@atelier/contracts/canvas.schema';

/**
 * The studio's canvas export, in a real Chromium with the studio's Konva: each layer drawn with the node attributes
 * of studio-web/src/canvas/render/nodes.tsx (work and remix images, tension-0.4 round strokes with eraser groups
 * cached, text), under a camera zoom, then flattened as render/flatten.ts `flattenLayer` does (the document's area
 * at pixelRatio 1/zoom, on white, PNG). What a visitor's browser uploads at publish, without the rest of the studio.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const require = createRequire(import.meta.url);
/** The studio's own Konva (studio-web depends on it), as one script for the page. */
const KONVA = join(dirname(require.resolve('konva/package.json', { paths: [fileURLToPath(new URL('../../studio-web/', import.meta.url))] })), 'konva.min.js');

/** studio-web/src/canvas/render/fonts.ts */
const FONT_STACKS = {
  sans: "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif",
  serif: "Georgia, 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif",
  mono: "'Courier New', 'Liberation Mono', 'DejaVu Sans Mono', monospace",
  hand: "'Comic Sans MS', 'Chalkboard SE', 'Comic Neue', cursive",
};

export interface StudioRenderer {
  /** The document as the studio exports it; `images` holds each image layer's bytes (with their type) by layer id. */
  flatten(doc: CanvasDocument, images: Record<string, { bytes: Uint8Array; type: string }>, zoom?: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openStudioRenderer(): Promise<StudioRenderer> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM });
  const page: Page = await browser.newPage();
  await page.setContent('<!doctype html><div id="stage"></div>');
  await page.addScriptTag({ path: KONVA });
  return {
    async flatten(doc, images, zoom = 0.6) {
      const urls = Object.fromEntries(Object.entries(images).map(([id, i]) => [id, `data:${i.type};base64,${Buffer.from(i.bytes).toString('base64')}`]));
      const dataUrl = await page.evaluate(
        async ({ doc, urls, zoom, fonts }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const K = (window as any).Konva;
          const load = (src: string) =>
            new Promise<HTMLImageElement>((resolve, reject) => {
              const img = new Image();
              img.onload = () => resolve(img);
              img.onerror = () => reject(new Error('image'));
              img.src = src;
            });
          const cam = { zoom, x: 37, y: 21 };
          const stage = new K.Stage({ container: 'stage', width: doc.width * zoom + 80, height: doc.height * zoom + 50, scaleX: zoom, scaleY: zoom, x: cam.x, y: cam.y });
          const layer = new K.Layer();
          stage.add(layer);
          layer.add(new K.Rect({ x: 0, y: 0, width: doc.width, height: doc.height, fill: '#ffffff' }));
          for (const l of doc.layers) {
            const visible = l.visible !== false;
            const common = l.kind === 'strokes' ? {} : { x: l.x, y: l.y, rotation: l.rotation ?? 0, opacity: l.opacity ?? 1, visible };
            if (l.kind === 'work' || l.kind === 'remix') {
              const url = urls[l.id];
              if (!url) continue;
              const image = await load(url);
              const size = l.kind === 'remix' ? { width: l.width, height: l.height, scaleX: 1, scaleY: 1 } : { scaleX: l.scale, scaleY: l.scale };
              layer.add(new K.Image({ image, ...common, ...size }));
            } else if (l.kind === 'text') {
              layer.add(new K.Text({ text: l.text, fontFamily: fonts[l.font], fontSize: l.size, fill: l.color, ...common, scaleX: l.scale, scaleY: l.scale }));
            } else {
              const g = new K.Group({ visible, opacity: l.opacity ?? 1 });
              for (const s of l.strokes)
                g.add(
                  new K.Line({
                    points: s.points,
                    stroke: s.erase ? '#000000' : s.color,
                    strokeWidth: s.size,
                    lineCap: 'round',
                    lineJoin: 'round',
                    tension: 0.4,
                    globalCompositeOperation: s.erase ? 'destination-out' : 'source-over',
                  }),
                );
              layer.add(g);
              if (l.strokes.some((s: { erase?: boolean }) => s.erase) && g.getClientRect().width > 0) g.cache({ pixelRatio: zoom * (window.devicePixelRatio || 1) });
            }
          }
          layer.draw();
          const src = layer.toCanvas({ x: cam.x, y: cam.y, width: doc.width * zoom, height: doc.height * zoom, pixelRatio: 1 / zoom });
          const out = document.createElement('canvas');
          out.width = doc.width;
          out.height = doc.height;
          const ctx = out.getContext('2d')!;
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, doc.width, doc.height);
          ctx.drawImage(src, 0, 0, doc.width, doc.height);
          stage.destroy();
          return out.toDataURL('image/png');
        },
        { doc, urls, zoom, fonts: FONT_STACKS },
      );
      return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    },
    close: () => browser.close(),
  };
}
