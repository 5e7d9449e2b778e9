import { z } from 'zod';
import { CANVAS_SCHEMA_VERSION, CanvasDocumentError, migrateCanvasDocument, TEXT_FONTS } from './canvas';
import { text, workIdSchema } from './text.schema';
import { TOOLS } from './tools';

/**
 * The studio's canvas document as it crosses to gallery-api at publish and is stored with the creation.
 * Persisted and reopened months later: `schemaVersion` plus the named migrations in `canvas.ts`, and every
 * load goes through `parseCanvasDocument`.
 */

export const MAX_LAYERS = 200;
const finite = z.number().finite();
const layerId = text().min(1).max(100);
const workId = workIdSchema;

/** A detail of a work in its full pixel size (an IIIF Image API region). */
export const workRegionSchema = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  w: z.number().int().min(1),
  h: z.number().int().min(1),
});
export type WorkRegion = z.infer<typeof workRegionSchema>;

export const strokeSchema = z.object({
  /** Flat [x0, y0, x1, y1, …] in document pixels. */
  points: z.array(finite).max(20_000),
  color: text().max(50),
  size: finite.positive().max(1000),
  /** An eraser stroke: clears the drawing beneath it within its own strokes layer. */
  erase: z.boolean().optional(),
});
export type Stroke = z.infer<typeof strokeSchema>;

/** How any layer is shown (version 2); absent means visible, opaque and unlocked. */
const appearance = {
  visible: z.boolean().optional(),
  /** 0..1. */
  opacity: z.number().min(0).max(1).optional(),
  /** A locked layer cannot be moved, transformed, erased or removed until it is unlocked. */
  locked: z.boolean().optional(),
};

export const workLayerSchema = z.object({
  ...appearance,
  id: layerId,
  kind: z.literal('work'),
  workId,
  x: finite,
  y: finite,
  /** Relative to the work's `working` rendition (≤1024 px), or to the region's image when there is one. */
  scale: finite,
  rotation: finite,
  /** A detail of the work; absent means the whole work. Recorded in the provenance ingredient. */
  region: workRegionSchema.optional(),
});
export type WorkLayer = z.infer<typeof workLayerSchema>;

export const strokesLayerSchema = z.object({ ...appearance, id: layerId, kind: z.literal('strokes'), strokes: z.array(strokeSchema).max(5000) });
export type StrokesLayer = z.infer<typeof strokesLayerSchema>;

export const remixLayerSchema = z.object({
  ...appearance,
  id: layerId,
  kind: z.literal('remix'),
  remixId: z.uuid(),
  x: finite,
  y: finite,
  width: finite,
  height: finite,
  /** Degrees, about the layer's top-left corner (as Konva and work layers turn). */
  rotation: finite.optional(),
  /** What made it and what it shows, so its name ("Cut-out of The Harvesters") is built in the visitor's language. */
  tool: z.enum(TOOLS).optional(),
  subjectWorkId: workId.optional(),
});
export type RemixLayer = z.infer<typeof remixLayerSchema>;

/** A line of text in one of the studio's bundled-free, system-safe font families (no font is fetched). */
export const textLayerSchema = z.object({
  ...appearance,
  id: layerId,
  kind: z.literal('text'),
  text: text().min(1).max(500),
  font: z.enum(TEXT_FONTS),
  /** Font size in document pixels, before `scale`. */
  size: finite.positive().max(2000),
  color: text().max(50),
  x: finite,
  y: finite,
  scale: finite,
  rotation: finite,
});
export type TextLayer = z.infer<typeof textLayerSchema>;

export const layerSchema = z.discriminatedUnion('kind', [workLayerSchema, strokesLayerSchema, remixLayerSchema, textLayerSchema]);
export type Layer = z.infer<typeof layerSchema>;

export const canvasDocumentSchema = z.object({
  schemaVersion: z.literal(CANVAS_SCHEMA_VERSION),
  width: z.number().int().min(1).max(8192),
  height: z.number().int().min(1).max(8192),
  /** Bottom to top. */
  layers: z.array(layerSchema).max(MAX_LAYERS),
});
export type CanvasDocument = z.infer<typeof canvasDocumentSchema>;

/** Any saved document, of any version: migrated step by step, then checked against the current schema. */
export function parseCanvasDocument(raw: unknown): CanvasDocument {
  const parsed = canvasDocumentSchema.safeParse(migrateCanvasDocument(raw));
  if (!parsed.success) throw new CanvasDocumentError(`malformed canvas document: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
