import type { ModelRegistry } from '@atelier/models';
import { loadRecipes, type Recipe } from '@atelier/prompts';
import { enabledModelIds } from '../services/model-catalog';
import type { RecipeStyle } from '../processors/style.processor';
import { Cartoonizer, CARTOON_MODEL_ID } from './models/cartoon';
import { CUTOUT_MODEL_ID, SubjectCutout } from './models/cutout';
import { FAST_STYLE_MODEL_ID, FastStyle } from './models/fast-style';
import { ADAPTER_MODEL_IDS } from './models';
import { MagentaStyle, MAGENTA_MODEL_ID } from './models/magenta-style';
import { SafetyClassifier, SAFETY_MODEL_ID, safetyPolicyFromEnv, type SafetyPolicy } from './models/safety';
import { DRAWING_UPSCALE_MODEL_ID, PHOTO_UPSCALE_MODEL_ID, Upscaler } from './models/upscale';
import { ModelRunner } from './runner';
import { SafetyScreen } from './safety-screen';
import type { SessionCache, SessionCacheStats } from './session-cache';

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export interface EngineOptions {
  registry: ModelRegistry;
  sessions: SessionCache;
  /** INFERENCE_MODELS as parsed by config (undefined = manifest defaults). */
  enabledSpec: readonly string[] | undefined;
  safetyPolicy?: SafetyPolicy;
  recipes?: Recipe[];
  log?: Log;
}

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
 * Every model adapter of one worker process over one runner and session cache, switched by the operator's
 * model list. The processor takes its dependencies from here; the bench calls `warmUp` + `memory`.
 */
export class InferenceEngine {
  readonly runner: ModelRunner;
  readonly magenta: MagentaStyle;
  readonly cutout: SubjectCutout;
  readonly upscaler: Upscaler;
  readonly cartoonizer: Cartoonizer;
  readonly fastStyle: FastStyle;
  readonly safety: SafetyScreen;
  private readonly enabledIds: Set<string>;
  private readonly recipes: Map<string, Recipe>;

  constructor(private readonly options: EngineOptions) {
    this.runner = new ModelRunner(options.registry, options.sessions);
    this.magenta = new MagentaStyle(this.runner);
    this.cutout = new SubjectCutout(this.runner);
    this.upscaler = new Upscaler(this.runner);
    this.cartoonizer = new Cartoonizer(this.runner);
    this.fastStyle = new FastStyle(this.runner);
    this.enabledIds = enabledModelIds(options.registry.list(), options.enabledSpec);
    const safetyManifest = options.registry.get(SAFETY_MODEL_ID);
    const safetyOn = this.enabled(SAFETY_MODEL_ID) && !!safetyManifest;
    this.safety = new SafetyScreen(
      safetyOn ? new SafetyClassifier(this.runner) : null,
      options.safetyPolicy ?? safetyPolicyFromEnv(),
      safetyOn ? { id: safetyManifest.id, version: safetyManifest.version } : null,
      options.log,
    );
    this.recipes = new Map((options.recipes ?? []).map((r) => [r.id, r]));
  }

  /** Loads the adapters' recipes from prompts/recipes (the worker calls this once at start). */
  static async create(options: Omit<EngineOptions, 'recipes'>): Promise<InferenceEngine> {
    return new InferenceEngine({ ...options, recipes: await loadRecipes() });
  }

  enabled(modelId: string): boolean {
    return this.enabledIds.has(modelId) && ADAPTER_MODEL_IDS.has(modelId);
  }

  recipe(id: string): RecipeStyle | undefined {
    const r = this.recipes.get(id);
    return r && { styleWorkId: r.params.styleWorkId, styleVector: r.styleVector, styleVectorModel: r.styleVectorModel };
  }

  /** What `createRemixProcessor` needs besides storage, gallery and manifests. */
  processorDeps() {
    return {
      magenta: this.magenta,
      cutout: this.cutout,
      upscaler: this.upscaler,
      cartoonizer: this.cartoonizer,
      fastStyle: this.fastStyle,
      safety: this.safety,
      recipe: (id: string) => this.recipe(id),
      enabled: (id: string) => this.enabled(id),
    };
  }

  /**
   * Loads and runs every enabled model once, so no visitor pays the load. A model that fails (not
   * imported) is reported and skipped: its jobs then fail with the same message.
   */
  async warmUp(): Promise<WarmUpReport> {
    const started = performance.now();
    const steps: [string, () => Promise<void>][] = [
      [MAGENTA_MODEL_ID, () => this.magenta.warmUp()],
      [CUTOUT_MODEL_ID, () => this.cutout.warmUp()],
      [PHOTO_UPSCALE_MODEL_ID, () => this.upscaler.warmUp(PHOTO_UPSCALE_MODEL_ID)],
      [DRAWING_UPSCALE_MODEL_ID, () => this.upscaler.warmUp(DRAWING_UPSCALE_MODEL_ID)],
      [CARTOON_MODEL_ID, () => this.cartoonizer.warmUp()],
      [FAST_STYLE_MODEL_ID, () => this.fastStyle.warmUp()],
      [SAFETY_MODEL_ID, () => new SafetyClassifier(this.runner).warmUp()],
    ];
    const report: WarmUpReport = { warmed: [], failed: [], ms: 0, msByModel: {} };
    for (const [id, warm] of steps) {
      if (!this.enabled(id)) continue;
      const t0 = performance.now();
      try {
        await warm();
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
