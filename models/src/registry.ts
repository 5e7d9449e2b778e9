import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ChecksumCache } from './checksum';
import { modelManifestSchema, type IoContract, type ModelFile, type ModelManifest, type RuntimeHints } from './manifest.schema';
import { MANIFEST_DIR, defaultModelDir } from './paths';

export type ModelFileProblem = 'unknown_model' | 'unknown_file' | 'missing' | 'size_mismatch' | 'checksum_mismatch' | 'io_mismatch';

/** Why a model file may not run. The message names the file and what to do. */
export class ModelFileError extends Error {
  constructor(
    readonly problem: ModelFileProblem,
    readonly modelId: string,
    readonly fileName: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface VerifiedFile extends ModelFile {
  path: string;
  /** The manifest's runtime hints for its sessions (absent: onnxruntime's defaults). */
  runtime?: RuntimeHints;
  /** The file's tensors as its manifest lists them; the runner checks them against the session it loads. */
  io: Pick<IoContract, 'inputs' | 'outputs'>;
}

export type FileStatus = 'ok' | 'missing' | 'size_mismatch' | 'checksum_mismatch';

export interface RegistryOptions {
  manifestDir?: string;
  modelDir?: string;
}

/**
 * The allowlist of models: every manifest is validated when the registry loads (an invalid one stops the
 * process), and a model file is handed out only after its size and sha256 match the manifest.
 */
export class ModelRegistry {
  private readonly checksums = new ChecksumCache();

  private constructor(
    private readonly manifests: Map<string, ModelManifest>,
    readonly modelDir: string,
  ) {}

  static async load(options: RegistryOptions = {}): Promise<ModelRegistry> {
    const manifestDir = options.manifestDir ?? MANIFEST_DIR;
    const names = (await readdir(manifestDir)).filter((n) => n.endsWith('.json')).sort();
    const manifests = new Map<string, ModelManifest>();
    for (const name of names) {
      const raw: unknown = JSON.parse(await readFile(join(manifestDir, name), 'utf8'));
      const parsed = modelManifestSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`invalid model manifest ${name}: ${parsed.error.message}`);
      if (`${parsed.data.id}.json` !== name) throw new Error(`manifest ${name} declares id ${parsed.data.id}`);
      manifests.set(parsed.data.id, parsed.data);
    }
    return new ModelRegistry(manifests, options.modelDir ?? defaultModelDir());
  }

  list(): ModelManifest[] {
    return [...this.manifests.values()];
  }

  get(id: string): ModelManifest | undefined {
    return this.manifests.get(id);
  }

  filePath(modelId: string, fileName: string): string {
    return join(this.modelDir, modelId, fileName);
  }

  /** The file's path once its size and sha256 match the manifest; throws ModelFileError otherwise. */
  async verifiedFile(modelId: string, fileName: string): Promise<VerifiedFile> {
    const manifest = this.manifests.get(modelId);
    if (!manifest) throw new ModelFileError('unknown_model', modelId, fileName, `no manifest for model ${modelId}`);
    const expected = manifest.files.find((f) => f.name === fileName);
    if (!expected)
      throw new ModelFileError('unknown_file', modelId, fileName, `model ${modelId} has no file ${fileName} in its manifest`);
    const path = this.filePath(modelId, fileName);
    const status = await this.check(path, expected);
    if (status !== 'ok') {
      const hint = status === 'missing' ? 'run `npm run models -- import <dir>`' : 'the file differs from the manifest; re-import it';
      throw new ModelFileError(status, modelId, fileName, `${modelId}/${fileName}: ${status.replace('_', ' ')} in ${this.modelDir} (${hint})`);
    }
    const { inputs, outputs } = manifest.io.find((io) => io.files.includes(fileName))!; // the schema gives every file one
    return { ...expected, path, io: { inputs, outputs }, ...(manifest.runtime ? { runtime: manifest.runtime } : {}) };
  }

  /** Status of every file of a model, without throwing. */
  async fileStatuses(modelId: string): Promise<{ name: string; status: FileStatus }[]> {
    const manifest = this.manifests.get(modelId);
    if (!manifest) return [];
    const out: { name: string; status: FileStatus }[] = [];
    for (const file of manifest.files) out.push({ name: file.name, status: await this.check(this.filePath(modelId, file.name), file) });
    return out;
  }

  private async check(path: string, expected: ModelFile): Promise<FileStatus> {
    try {
      const st = await stat(path);
      // A size mismatch is known without reading 88 MB.
      if (st.size !== expected.bytes) return 'size_mismatch';
      const { sha256 } = await this.checksums.hash(path);
      return sha256 === expected.sha256 ? 'ok' : 'checksum_mismatch';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw err;
    }
  }
}
