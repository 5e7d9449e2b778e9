import type { ModelManifest } from '@atelier/models';

/**
 * The operator's memory-for-speed switch (INFERENCE_MEMORY_MODE). `fast` (the default) holds each model as its
 * manifest says, measured per model: the upscalers keep onnxruntime's CPU arena, so a tile's activations are reused
 * instead of faulted in from the system on every run. `low` runs every model without the arena: a run's memory goes
 * back to the system afterwards (~1.7 GB less resident with ESRGAN ×4 loaded) at ~15–30 % more CPU per tiled run.
 */
export const MEMORY_MODES = ['fast', 'low'] as const;
export type MemoryMode = (typeof MEMORY_MODES)[number];

export function parseMemoryMode(value: string | undefined): MemoryMode {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return 'fast';
  if ((MEMORY_MODES as readonly string[]).includes(v)) return v as MemoryMode;
  throw new Error(`INFERENCE_MEMORY_MODE must be one of ${MEMORY_MODES.join(', ')}, got "${value}"`);
}

/** Whether a session of this model keeps onnxruntime's CPU arena in this mode (the manifest's `runtime.cpuMemArena`, default on). */
export function keepsArena(runtime: { cpuMemArena?: boolean } | undefined, mode: MemoryMode): boolean {
  return mode === 'fast' && runtime?.cpuMemArena !== false;
}

/** The manifest as the adapters of a worker in `mode` read it: in `low` every model runs without the arena. */
export function manifestForMode(manifest: ModelManifest, mode: MemoryMode): ModelManifest {
  if (keepsArena(manifest.runtime, mode) === (manifest.runtime?.cpuMemArena !== false)) return manifest;
  return { ...manifest, runtime: { ...manifest.runtime, cpuMemArena: false } };
}
