import type * as ort from 'onnxruntime-node';
import { ModelFileError, type TensorSpec, type VerifiedFile } from '@atelier/models';
import type { SessionCache } from './session-cache';

/** The part of the model registry the runner needs: a file handed out only after its sha256 matched. */
export interface VerifiedModelFiles {
  verifiedFile(modelId: string, fileName: string): Promise<VerifiedFile>;
}

// Weights plus onnxruntime's arenas and graph copies: about twice the file on CPU, measured roughly.
const SESSION_COST_FACTOR = 2;

/**
 * The one way a model runs: check the file against its manifest, take its session from the cache
 * (loading it once), check the session's tensors against the manifest's `io` once, run. Pre- and
 * post-processing live in the model adapters (runtime/models/).
 */
export class ModelRunner {
  private readonly checked = new WeakSet<ort.InferenceSession>();

  constructor(
    private readonly files: VerifiedModelFiles,
    private readonly sessions: SessionCache,
  ) {}

  async run(
    modelId: string,
    fileName: string,
    feeds: Record<string, ort.Tensor>,
    fetches?: string[],
  ): Promise<Record<string, ort.Tensor>> {
    const file = await this.files.verifiedFile(modelId, fileName);
    return this.sessions.use(
      this.key(file),
      file.path,
      file.bytes * SESSION_COST_FACTOR,
      (session) => {
        this.check(session, modelId, file);
        return fetches ? session.run(feeds, fetches) : session.run(feeds);
      },
      file.runtime,
    );
  }

  /** Loads the session without running it (worker start). */
  async load(modelId: string, fileName: string): Promise<void> {
    const file = await this.files.verifiedFile(modelId, fileName);
    await this.sessions.use(this.key(file), file.path, file.bytes * SESSION_COST_FACTOR, async (session) => this.check(session, modelId, file), file.runtime);
  }

  private key(file: VerifiedFile): string {
    return `${file.path}#${file.sha256}`;
  }

  /** Once per session: throws ModelFileError `io_mismatch` when the graph's tensors are not the manifest's. */
  private check(session: ort.InferenceSession, modelId: string, file: VerifiedFile): void {
    if (this.checked.has(session)) return;
    const problems = ioMismatches(file.io, session);
    if (problems.length)
      throw new ModelFileError('io_mismatch', modelId, file.name, `${modelId}/${file.name}: the graph differs from its manifest's io: ${problems.join('; ')}`);
    this.checked.add(session);
  }
}

type SessionIo = Pick<ort.InferenceSession, 'inputNames' | 'outputNames'> & Partial<Pick<ort.InferenceSession, 'inputMetadata' | 'outputMetadata'>>;

/**
 * What differs between a manifest's tensors and a loaded session: the inputs must be the session's, in
 * order; the outputs must be among the session's; type and fixed sizes must agree (symbolic sizes accept any).
 */
export function ioMismatches(io: { inputs: TensorSpec[]; outputs: TensorSpec[] }, session: SessionIo): string[] {
  const problems: string[] = [];
  const inputs = io.inputs.map((t) => t.name);
  if (inputs.join('\0') !== session.inputNames.join('\0')) problems.push(`inputs are [${session.inputNames.join(', ')}], manifest says [${inputs.join(', ')}]`);
  for (const t of io.outputs) if (!session.outputNames.includes(t.name)) problems.push(`no output ${t.name}`);
  const metadata = [...(session.inputMetadata ?? []), ...(session.outputMetadata ?? [])];
  for (const spec of [...io.inputs, ...io.outputs]) {
    const meta = metadata.find((m) => m.name === spec.name);
    if (!meta?.isTensor) continue;
    if (meta.type !== spec.dtype) problems.push(`${spec.name} is ${meta.type}, manifest says ${spec.dtype}`);
    if (meta.shape.length === 0) continue; // the graph does not say
    const fixedDiffers =
      meta.shape.length !== spec.shape.length ||
      spec.shape.some((d, i) => typeof d === 'number' && typeof meta.shape[i] === 'number' && meta.shape[i] !== d);
    if (fixedDiffers) problems.push(`${spec.name} has shape [${meta.shape.join(', ')}], manifest says [${spec.shape.join(', ')}]`);
  }
  return problems;
}
