import { z } from 'zod';
import { bilingualSchema, modelDefaultsSchema, toolSchema } from '@atelier/contracts/model.schema';

/** Manifests are persisted and reread months later: bump this and add a named migration on change. */
export const MANIFEST_SCHEMA_VERSION = 1;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');
// Plain file names only: a manifest must never point outside its model folder.
const fileName = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*\.onnx$/, 'a file name like model.onnx');

export const modelFileSchema = z.object({
  name: fileName,
  sha256,
  bytes: z.number().int().positive(),
  /** A direct, official download of exactly this file, where upstream publishes one (`models pull`). */
  url: z.url().optional(),
});

export const tensorSpecSchema = z.object({
  name: z.string().min(1),
  dtype: z.literal('float32'),
  /** Numbers are fixed sizes; strings are symbolic (`H`, `W`, `4H`). */
  shape: z.array(z.union([z.number().int().positive(), z.string().min(1)])),
  /** Value range; null where the tensor is an unbounded embedding. */
  range: z.tuple([z.number(), z.number()]).nullable(),
  layout: z.enum(['NCHW', 'NC', 'NC11']),
  note: z.string().optional(),
});

export const ioContractSchema = z.object({
  files: z.array(fileName).min(1),
  inputs: z.array(tensorSpecSchema).min(1),
  outputs: z.array(tensorSpecSchema).min(1),
});

/**
 * How the worker should hold the model. `cpuMemArena: false` gives a run's activations back to the system
 * after each run instead of keeping them in onnxruntime's arena for the next one: for big, rarely used
 * models (ISNet keeps 2.3 GB resident after 1024² runs with the arena, 0.6–0.75 GB without, ~2 % slower).
 * Small, hot models keep the arena (the default).
 */
export const runtimeHintsSchema = z.object({
  cpuMemArena: z.boolean().optional(),
  note: z.string().optional(),
});

export const licenceSchema = z.object({
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
  .object({
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
    preprocessing: z.record(z.string(), z.unknown()),
    /** The one source of a tool's starting values and of the safety policy (the studio reads them from GET /models). */
    defaults: modelDefaultsSchema,
    sources: z.array(z.object({ uri: z.url(), note: z.string().optional() })).min(1),
    enabledByDefault: z.boolean(),
    runtime: runtimeHintsSchema.optional(),
  })
  .superRefine((m, ctx) => {
    const names = new Set(m.files.map((f) => f.name));
    if (names.size !== m.files.length) ctx.addIssue({ code: 'custom', message: 'duplicate file name', path: ['files'] });
    for (const [i, io] of m.io.entries())
      for (const f of io.files)
        if (!names.has(f)) ctx.addIssue({ code: 'custom', message: `io names unknown file ${f}`, path: ['io', i, 'files'] });
    if ((m.task === 'safety-classifier') !== !m.tool)
      ctx.addIssue({ code: 'custom', message: 'every model but the safety classifier names the remix tool that runs it', path: ['tool'] });
    // A model whose licence forbids commercial use, or states none, must be switched on by an operator on purpose.
    if (m.enabledByDefault && (m.licence.nonCommercial || m.licence.notStated))
      ctx.addIssue({ code: 'custom', message: 'non-commercial or unlicensed models cannot be enabled by default', path: ['enabledByDefault'] });
  });

export type ModelFile = z.infer<typeof modelFileSchema>;
export type RuntimeHints = z.infer<typeof runtimeHintsSchema>;
export type TensorSpec = z.infer<typeof tensorSpecSchema>;
export type ModelManifest = z.infer<typeof modelManifestSchema>;
