import type { z } from 'zod';
import type { modelManifestSchema } from './manifest.schema';

/**
 * For tests only: a valid manifest of a one-file cartoon-like model (`model.onnx`, tensors `x` → `y`) that a test
 * writes into its own manifest folder, with `over` replacing whole fields.
 */
export function testManifest(id: string, file: { sha256: string; bytes: number }, over: Record<string, unknown> = {}): z.input<typeof modelManifestSchema> & Record<string, unknown> {
  return {
    schemaVersion: 1,
    id,
    version: '1',
    task: 'image-to-image',
    tool: 'cartoon',
    title: id,
    files: [{ name: 'model.onnx', ...file }],
    licence: { spdx: 'MIT', uri: null, nonCommercial: false, notStated: false },
    io: [{ files: ['model.onnx'], inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3, 'H', 'W'] }], outputs: [{ name: 'y', dtype: 'float32', shape: [1, 3, 'H', 'W'] }] }],
    preprocessing: { normalise: { mean: 0, std: 255 }, maxSide: 2048, minSide: 1, multipleOf: 4, tile: { size: 576, overlap: 64, margin: 8 } },
    defaults: {},
    sources: [{ uri: `https://example.org/${id}` }],
    enabledByDefault: true,
    ...over,
  };
}
