import type { Command } from '../document/commands';
import type { Layer } from '../document/schema';
import { bounds } from '../render/CanvasRenderer';

/** A transform command that scales a layer by `factor` around its centre. */
export function scaleAroundCentre(layer: Layer, size: { width: number; height: number } | undefined, factor: number): Command | null {
  if (layer.kind === 'text') return { type: 'transform', layerId: layer.id, x: layer.x, y: layer.y, scale: layer.scale * factor };
  const b = bounds(layer, size);
  if (!b || layer.kind === 'strokes') return null;
  const x = Math.round(b.x + (b.width - b.width * factor) / 2);
  const y = Math.round(b.y + (b.height - b.height * factor) / 2);
  const scale = layer.kind === 'work' ? layer.scale * factor : factor;
  return { type: 'transform', layerId: layer.id, x, y, scale };
}
