import { z } from 'zod';
import { bilingualSchema, modelDefaultsSchema, toolSchema, type ModelRef } from '@atelier/contracts/model.schema';
import { modelLicenceFlags } from '@atelier/contracts/tools';
import type { Tool } from '@atelier/contracts/tools';

/** Manifests are persisted and reread months later: bump this and add a named migration on change. */
export const MANIFEST_SCHEMA_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');
// Plain file names only: a manifest must never point outside its model folder.
const fileName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*\.onnx$/, 'a file name like model.onnx');
const side = z.number().int().positive();

export const modelFileSchema = z.strictObject({
  name: fileName,
  sha256,
  bytes: z.number().int().positive(),
  /** A direct, official download of exactly this file, where upstream publishes one (`models pull`). */
  url: z.url().optional(),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/** One tensor of a model file; the worker checks name, type and fixed sizes against the session when it loads it. */
export const tensorSpecSchema = z.strictObject({
  name: z.string().min(1),
  dtype: z.literal('float32'),
  /** Numbers are fixed sizes (checked); strings are symbolic (`H`, `W`, `4H`) and accept any size. */
  shape: z.array(z.union([side, z.string().min(1)])).min(1),
  note: z.string().optional(),
});
export type TensorSpec = z.infer<typeof tensorSpecSchema>;

/**
 * The tensors of one or more files. Order is meaning: the adapters feed the image to the first input (Magenta's
 * transfer takes the style vector second) and read the first output. Inputs are the session's inputs exactly;
 * outputs may be a subset (ISNet's side outputs are never fetched).
 */
export const ioContractSchema = z.strictObject({
  files: z.array(fileName).min(1),
  inputs: z.array(tensorSpecSchema).min(1),
  outputs: z.array(tensorSpecSchema).min(1),
});
export type IoContract = z.infer<typeof ioContractSchema>;

/**
 * How the worker should hold the model. `cpuMemArena: false` gives a run's activations back to the system
 * after each run instead of keeping them in onnxruntime's arena for the next one: for big, rarely used
 * models (ISNet keeps 2.3 GB resident after 1024² runs with the arena, 0.6–0.75 GB without, ~2 % slower).
 * Small, hot models keep the arena (the default).
 */
export const runtimeHintsSchema = z.strictObject({
  cpuMemArena: z.boolean().optional(),
  note: z.string().optional(),
});
export type RuntimeHints = z.infer<typeof runtimeHintsSchema>;

/** Tiled inference (runtime/tiling.ts): tiles of `size`², `overlap` pixels shared, `margin` pixels unweighted at inner edges. */
export const tileSchema = z
  .strictObject({ size: side, overlap: z.number().int().nonnegative(), margin: z.number().int().nonnegative() })
  .refine((t) => t.overlap < t.size && 2 * t.margin < t.overlap, { message: 'overlap < size and 2 × margin < overlap' });

/** One upscale factor a visitor may choose, and the network file that makes it. */
export const upscaleScaleSchema = z.strictObject({
  scale: z.union([z.literal(2), z.literal(4)]),
  file: fileName,
  /** What the network itself does; a smaller `scale` runs it and then resizes the output down (lanczos). */
  netScale: z.union([z.literal(2), z.literal(4)]),
  /** Pad an image smaller than one tile up to a full tile, so an arena-free session keeps its one memory plan. */
  padToTile: z.boolean().optional(),
});
export type UpscaleScale = z.infer<typeof upscaleScaleSchema>;

/**
 * What the runtime adapter of the model's tool reads (inference-service/src/runtime/models/). Strict, and each
 * tool has exactly its fields (PREPROCESSING_FIELDS), so nothing sits here unread.
 */
export const preprocessingSchema = z.strictObject({
  /** Pixels (0..255) to tensor values: `(v − mean) / std`; an image the model outputs maps back the same way. */
  normalise: z.strictObject({ mean: z.number(), std: z.number().positive() }),
  /** The graph's fixed input side: the image is stretched to `size`² (bilinear). */
  size: side.optional(),
  /** The style image's side: resized to cover and centre-cropped (Magenta's style prediction). */
  styleSize: side.optional(),
  /** The longest side a content image runs at (larger ones are scaled down, then tiled). */
  maxSide: side.optional(),
  /**
   * The shortest canvas side (pixels, after `maxSide` scaled the canvas down) the model runs on: inference-service
   * refuses a smaller canvas (400 `canvas_too_small`) before queueing (canvas-size.ts). Measured per model: the
   * style networks' first reflection pad needs 8; a model that resizes its input itself takes any size (1).
   */
  minSide: side.optional(),
  /** Content sides and tile offsets are multiples of this (the network's stride). */
  multipleOf: side.optional(),
  tile: tileSchema.optional(),
  /** The upscale factors offered (upscale). */
  scales: z.array(upscaleScaleSchema).min(1).optional(),
  /** The classifier's output classes in order (safety classifier). */
  classes: z.array(z.string().min(1)).min(2).optional(),
});
export type Preprocessing = z.infer<typeof preprocessingSchema>;

type PreprocessingField = Exclude<keyof z.infer<typeof preprocessingSchema>, 'normalise'>;

/** The fields each adapter reads besides `normalise`: a manifest has exactly these. */
export const PREPROCESSING_FIELDS: Record<Tool | 'safety-classifier', readonly PreprocessingField[]> = {
  style: ['styleSize', 'maxSide', 'minSide', 'multipleOf', 'tile'],
  'fixed-style': ['maxSide', 'minSide', 'multipleOf', 'tile'],
  cartoon: ['maxSide', 'minSide', 'multipleOf', 'tile'],
  cutout: ['size', 'minSide'],
  upscale: ['tile', 'scales', 'minSide'],
  'safety-classifier': ['size', 'classes'],
};

/** The defaults each tool offers (contracts `modelDefaultsSchema`). */
const DEFAULT_FIELDS: Record<Tool | 'safety-classifier', readonly string[]> = {
  style: ['strength'],
  'fixed-style': ['style'],
  cartoon: [],
  cutout: [],
  upscale: ['scale'],
  'safety-classifier': ['flagClasses', 'threshold'],
};

export const licenceSchema = z.strictObject({
  /** SPDX id as stated upstream; null when no licence is stated. */
  spdx: z.string().min(1).nullable(),
  uri: z.url().nullable(),
  nonCommercial: z.boolean(),
  notStated: z.boolean(),
  note: z.string().optional(),
});

export const modelTaskSchema = z.enum([
  'style-transfer',
  'arbitrary-style-transfer',
  'background-removal',
  'upscale',
  'image-to-image',
  'safety-classifier',
]);

export const modelManifestSchema = z
  .strictObject({
    schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    version: z.string().min(1),
    task: modelTaskSchema,
    /** The remix tool that runs this model; none for a model only the service itself runs (the safety classifier). */
    tool: toolSchema.optional(),
    title: z.string().min(1),
    /** What a visitor chooses between when a tool has several models, in both languages. */
    label: bilingualSchema.optional(),
    description: z.string().optional(),
    files: z.array(modelFileSchema).min(1),
    licence: licenceSchema,
    io: z.array(ioContractSchema).min(1),
    preprocessing: preprocessingSchema,
    /** The one source of a tool's starting values and of the safety policy (the studio reads them from GET /models). */
    defaults: modelDefaultsSchema,
    sources: z.array(z.strictObject({ uri: z.url(), note: z.string().optional() })).min(1),
    enabledByDefault: z.boolean(),
    runtime: runtimeHintsSchema.optional(),
  })
  .superRefine((m, ctx) => {
    const names = new Set(m.files.map((f) => f.name));
    if (names.size !== m.files.length) ctx.addIssue({ code: 'custom', message: 'duplicate file name', path: ['files'] });
    for (const [i, io] of m.io.entries())
      for (const f of io.files)
        if (!names.has(f)) ctx.addIssue({ code: 'custom', message: `io names unknown file ${f}`, path: ['io', i, 'files'] });
    for (const f of names)
      if (m.io.filter((io) => io.files.includes(f)).length !== 1)
        ctx.addIssue({ code: 'custom', message: `file ${f} needs exactly one io entry`, path: ['io'] });
    if ((m.task === 'safety-classifier') !== !m.tool)
      ctx.addIssue({ code: 'custom', message: 'every model but the safety classifier names the remix tool that runs it', path: ['tool'] });
    // A model whose licence forbids commercial use, or states none, must be switched on by an operator on purpose.
    if (m.enabledByDefault && (m.licence.nonCommercial || m.licence.notStated))
      ctx.addIssue({ code: 'custom', message: 'non-commercial or unlicensed models cannot be enabled by default', path: ['enabledByDefault'] });

    const kind = m.tool ?? 'safety-classifier';
    const wanted = new Set<string>(PREPROCESSING_FIELDS[kind]);
    for (const key of Object.keys(m.preprocessing))
      if (key !== 'normalise' && !wanted.has(key))
        ctx.addIssue({ code: 'custom', message: `${kind} does not read preprocessing.${key}`, path: ['preprocessing', key] });
    for (const key of wanted)
      if (m.preprocessing[key as PreprocessingField] === undefined)
        ctx.addIssue({ code: 'custom', message: `${kind} needs preprocessing.${key}`, path: ['preprocessing', key] });
    for (const key of Object.keys(m.defaults))
      if (!DEFAULT_FIELDS[kind].includes(key)) ctx.addIssue({ code: 'custom', message: `${kind} has no default ${key}`, path: ['defaults', key] });
    for (const [i, s] of (m.preprocessing.scales ?? []).entries()) {
      if (!names.has(s.file)) ctx.addIssue({ code: 'custom', message: `scale ×${s.scale} names unknown file ${s.file}`, path: ['preprocessing', 'scales', i] });
      if (s.netScale < s.scale) ctx.addIssue({ code: 'custom', message: 'netScale below scale', path: ['preprocessing', 'scales', i] });
    }
    if (m.defaults.scale !== undefined && !m.preprocessing.scales?.some((s) => s.scale === m.defaults.scale))
      ctx.addIssue({ code: 'custom', message: `default scale ×${m.defaults.scale} is not offered`, path: ['defaults', 'scale'] });
    const unknownClasses = (m.defaults.flagClasses ?? []).filter((c) => !m.preprocessing.classes?.includes(c));
    if (unknownClasses.length)
      ctx.addIssue({ code: 'custom', message: `flag classes not among the classes: ${unknownClasses.join(', ')}`, path: ['defaults', 'flagClasses'] });
  });
export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** What a remix reports as its model; the worker stores it with the result, so it is what actually ran. */
export const modelRef = (m: ModelManifest): ModelRef => ({
  id: m.id,
  version: m.version,
  files: m.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
  licence: { spdx: m.licence.spdx, uri: m.licence.uri, flags: modelLicenceFlags(m.licence) },
});
