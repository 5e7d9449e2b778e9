import type * as ort from 'onnxruntime-node';
import type { VerifiedFile } from '@atelier/models';
import type { SessionCache } from './session-cache';

/** The part of the model registry the runner needs: a file handed out only after its sha256 matched. */
export interface VerifiedModelFiles {
  verifiedFile(modelId: string, fileName: string): Promise<VerifiedFile>;
}

// Weights plus onnxruntime's arenas and graph copies: about twice the file on CPU, measured roughly.
const SESSION_COST_FACTOR = 2;

/**
 * The one way a model runs: check the file against its manifest, take its session from the cache
 * (loading it once), run. Pre- and post-processing live in the model adapters (runtime/models/).
 */
export class ModelRunner {
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
      (session) => (fetches ? session.run(feeds, fetches) : session.run(feeds)),
      file.runtime,
    );
  }

  /** Loads the session without running it (worker start). */
  async load(modelId: string, fileName: string): Promise<void> {
    const file = await this.files.verifiedFile(modelId, fileName);
    await this.sessions.use(this.key(file), file.path, file.bytes * SESSION_COST_FACTOR, async () => undefined, file.runtime);
  }

  private key(file: VerifiedFile): string {
    return `${file.path}#${file.sha256}`;
  }
}
