import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { keepsArena, type MemoryMode } from './memory-mode';

export interface SupportedBackend {
  name: string;
  bundled: boolean;
}

/** Provider libraries that onnxruntime-node lists but does not bundle are installed next to its binding. */
function providerLibraryPresent(name: string): boolean {
  try {
    const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
    const dir = join(dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch);
    return existsSync(join(dir, `libonnxruntime_providers_${name}.so`));
  } catch {
    return false;
  }
}

/**
 * The preference list narrowed to what this onnxruntime build can use, always ending with `cpu`.
 * A backend that is listed but not bundled (CUDA, TensorRT) counts only when its library was installed.
 */
export function resolveProviders(
  preference: string[],
  supported: SupportedBackend[] = ort.listSupportedBackends(),
  libraryPresent: (name: string) => boolean = providerLibraryPresent,
): string[] {
  const usable = new Set(supported.filter((b) => b.bundled || libraryPresent(b.name)).map((b) => b.name));
  const out = preference.map((p) => p.trim().toLowerCase()).filter((p) => p && p !== 'cpu' && usable.has(p));
  return [...new Set(out), 'cpu'];
}

export function parseProviderList(value: string | undefined): string[] {
  return (value ?? 'cuda,cpu').split(',').map((p) => p.trim()).filter(Boolean);
}

export interface SessionFactoryOptions {
  providers: string[];
  intraOpNumThreads?: number;
  /**
   * Let onnxruntime's idle pool threads spin (busy-wait) after each parallel step (its default); off unless
   * asked. Every session has its own pool, so on a few cores one session's spinning threads take the CPU
   * from the next session's run, from the PNG encode and from the API (runtime/README.md, measured).
   */
  threadSpinning?: boolean;
  /** INFERENCE_MEMORY_MODE: `low` creates every session without onnxruntime's CPU arena (memory-mode.ts). */
  memoryMode?: MemoryMode;
  log?: (message: string, extra?: Record<string, unknown>) => void;
  /** Injected in tests; defaults to onnxruntime. */
  create?: (path: string, options: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>;
}

/** Per-model session settings from its manifest (`runtime` in models/). */
export interface SessionHints {
  cpuMemArena?: boolean;
}

export type SessionFactory = (path: string, hints?: SessionHints) => Promise<{ session: ort.InferenceSession; provider: string }>;

/**
 * Creates sessions on the first preferred provider that works. A provider that fails once (a CUDA library
 * that does not load, no GPU) is dropped for the life of the process, so a broken GPU costs one failed
 * attempt, never a blocked job.
 */
export function createSessionFactory(options: SessionFactoryOptions): SessionFactory {
  const create = options.create ?? ((path, opts) => ort.InferenceSession.create(path, opts));
  const threads = options.intraOpNumThreads ?? availableParallelism();
  const broken = new Set<string>();
  return async (path, hints = {}) => {
    for (const provider of options.providers) {
      if (broken.has(provider)) continue;
      const executionProviders = provider === 'cuda' ? [{ name: 'cuda', deviceId: 0 } as const] : [provider];
      try {
        const session = await create(path, {
          executionProviders,
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          executionMode: 'sequential',
          graphOptimizationLevel: 'all',
          ...(keepsArena(hints, options.memoryMode ?? 'fast') ? {} : { enableCpuMemArena: false }),
          extra: { session: { intra_op: { allow_spinning: options.threadSpinning ? '1' : '0' } } },
        });
        return { session, provider };
      } catch (err) {
        if (provider === 'cpu') throw err;
        broken.add(provider);
        options.log?.(`execution provider ${provider} failed; falling back`, { err: (err as Error).message });
      }
    }
    throw new Error('no execution provider could create a session');
  };
}
