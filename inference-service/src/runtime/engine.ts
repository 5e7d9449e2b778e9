import type { Tool } from '@atelier/contracts';
import type { ModelManifest, ModelRegistry } from '@atelier/models';
import { enabledModelIds } from '../services/model-catalog';
import { manifestForMode, type MemoryMode } from './memory-mode';
import { ADAPTERS, type ToolAdapters } from './models';
import { SafetyClassifier, safetyPolicy, type SafetyPolicy } from './models/safety';
import { ModelRunner } from './runner';
import { SafetyScreen } from './safety-screen';
import type { SessionCache, SessionCacheStats } from './session-cache';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

/** The tools whose models a worker warms before its first job (`firstModels`). */
const FIRST_TOOLS: ReadonlySet<Tool> = new Set(['style', 'fixed-style']);

export interface EngineOptions {
  registry: ModelRegistry;
  sessions: SessionCache;
  /** INFERENCE_MODELS as parsed by config (undefined = manifest defaults). */
  enabledSpec: readonly string[] | undefined;
  /** Where SAFETY_THRESHOLD and SAFETY_FLAG_CLASSES override the classifier manifest's defaults (process.env). */
  env?: NodeJS.ProcessEnv;
  /** INFERENCE_MEMORY_MODE: the adapters read their manifest as this mode holds it (memory-mode.ts); `fast` unless set. */
  memoryMode?: MemoryMode;
  log?: Log;
}

/** An enabled remix model: its manifest, its tool and the adapter built from that manifest. */
export type RemixModel = { [T in Tool]: { manifest: ModelManifest; tool: T; adapter: ToolAdapters[T] } }[Tool];

export interface WarmUpReport {
  warmed: string[];
  failed: { id: string; error: string }[];
  ms: number;
  /** Per model, so an operator sees what makes the worker's start slow. */
  msByModel: Record<string, number>;
}

export interface MemoryReport {
  rssMb: number;
  /** The process's peak resident set so far (getrusage), which includes every load and run. */
  peakRssMb: number;
  sessions: SessionCacheStats;
}

/**
 * The models of one worker process over one runner and session cache: an adapter per enabled manifest with a
 * remix tool, built from that manifest, and the safety screen. tools/ turns the adapters into tool runners;
 * the bench calls `warmUp` + `memory`.
 */
export class InferenceEngine {
  readonly runner: ModelRunner;
  readonly models: readonly RemixModel[];
  readonly safety: SafetyScreen;
  private readonly enabledIds: ReadonlySet<string>;
  private readonly classifier: SafetyClassifier | null;
  private readonly warmed = new Set<string>();

  constructor(private readonly options: EngineOptions) {
    this.runner = new ModelRunner(options.registry, options.sessions);
    const manifests = options.registry.list();
    this.enabledIds = enabledModelIds(manifests, options.enabledSpec);
    const enabled = manifests.filter((m) => this.enabledIds.has(m.id));
    this.models = enabled.flatMap((m) => (m.tool ? [adapt(this.runner, manifestForMode(m, options.memoryMode ?? 'fast'), m.tool)] : []));
    const safetyManifest = manifests.find((m) => m.task === 'safety-classifier');
    const safetyOn = !!safetyManifest && this.enabledIds.has(safetyManifest.id);
    this.classifier = safetyOn ? new SafetyClassifier(this.runner, safetyManifest) : null;
    // Without any classifier manifest (a test registry) nothing can flag.
    const policy: SafetyPolicy = safetyManifest ? safetyPolicy(safetyManifest, options.env) : { flagClasses: [], threshold: 1 };
    this.safety = new SafetyScreen(this.classifier, policy, safetyOn ? { id: safetyManifest.id, version: safetyManifest.version } : null, options.log);
  }

  enabled(modelId: string): boolean {
    return this.enabledIds.has(modelId);
  }

  /** The enabled models that have been loaded and run once (the safety classifier included). */
  ready(): string[] {
    return [...this.warmed];
  }

  /**
   * The models a worker warms before it takes its first job: every remix is screened, and style is the studio's
   * first tool; both load in well under a second. The heavy ones (cut-out, upscale, cartoon: seconds each) are
   * warmed after the worker started taking jobs (`warmUp(rest)`), or load on their first remix.
   */
  firstModels(): string[] {
    const first = this.models.filter((m) => FIRST_TOOLS.has(m.tool)).map((m) => m.manifest.id);
    return this.classifier ? [...first, this.classifier.modelId] : first;
  }

  /**
   * Loads and runs every enabled model once (or those of `ids`), so no visitor pays the load. A model that fails
   * (not imported) is reported and skipped: its jobs then fail with the same message. `beforeEach` runs before
   * each model (the worker waits there until it is idle, so a warm-up never slows a visitor's remix).
   */
  async warmUp(ids?: readonly string[], beforeEach?: () => Promise<void>): Promise<WarmUpReport> {
    const started = performance.now();
    const classifier = this.classifier;
    const steps: [string, () => Promise<void>][] = [
      ...this.models.map((m): [string, () => Promise<void>] => [m.manifest.id, () => m.adapter.warmUp()]),
      ...(classifier ? [[classifier.modelId, () => classifier.warmUp()] as [string, () => Promise<void>]] : []),
    ].filter(([id]) => !ids || ids.includes(id));
    const report: WarmUpReport = { warmed: [], failed: [], ms: 0, msByModel: {} };
    for (const [id, warm] of steps) {
      await beforeEach?.();
      const t0 = performance.now();
      try {
        await warm();
        this.warmed.add(id);
        report.warmed.push(id);
        report.msByModel[id] = Math.round(performance.now() - t0);
      } catch (err) {
        report.failed.push({ id, error: (err as Error).message });
        this.options.log?.('warm-up failed; jobs for this model will fail until it is imported', { model: id, err: (err as Error).message });
      }
    }
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  /** Resident memory now and at its peak, with what the session cache holds (for the bench). */
  memory(): MemoryReport {
    return {
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      sessions: this.options.sessions.stats(),
    };
  }
}

function adapt<T extends Tool>(runner: ModelRunner, manifest: ModelManifest, tool: T): RemixModel {
  return { manifest, tool, adapter: ADAPTERS[tool](runner, manifest) } as RemixModel;
}
