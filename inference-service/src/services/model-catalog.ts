import { TOOLS, type ModelListing, type Tool } from '@atelier/contracts';
import { modelRef, type ModelManifest } from '@atelier/models';
import type { ModelCatalog, RunnableModel } from './remix.service';

/**
 * `INFERENCE_MODELS` as the operator wrote it: plain ids are the exact list; `+id` / `-id` adjust each
 * manifest's `enabledByDefault` (e.g. `+whitebox-cartoonizer` switches on the non-commercial cartoon model
 * and keeps the defaults).
 */
export function enabledModelIds(manifests: readonly ModelManifest[], spec: readonly string[] | undefined): Set<string> {
  const defaults = manifests.filter((m) => m.enabledByDefault).map((m) => m.id);
  if (!spec) return new Set(defaults);
  const exact = spec.filter((s) => !/^[+-]/.test(s));
  const out = new Set(exact.length || !spec.length ? exact : defaults);
  for (const s of spec) {
    if (s.startsWith('+')) out.add(s.slice(1));
    else if (s.startsWith('-')) out.delete(s.slice(1));
  }
  const known = new Set(manifests.map((m) => m.id));
  const unknown = [...out].filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`INFERENCE_MODELS names models with no manifest: ${unknown.join(', ')}`);
  return out;
}

/**
 * The models as the manifests say: a visitor may remix with a model whose manifest names a tool this service
 * runs and that the operator enabled (or, with no list, its manifest enables by default). A Map, so an id from
 * a request (`constructor`, `__proto__`) can only ever find a manifest.
 */
export class ManifestCatalog implements ModelCatalog {
  private readonly byId: ReadonlyMap<string, ModelManifest>;
  private readonly enabledIds: ReadonlySet<string>;

  constructor(
    manifests: readonly ModelManifest[],
    enabledSpec: readonly string[] | undefined,
    /** The tools with a runner here; a worker refuses to start without a runner for an enabled manifest's tool. */
    private readonly tools: ReadonlySet<Tool> = new Set(TOOLS),
  ) {
    this.byId = new Map(manifests.map((m) => [m.id, m]));
    this.enabledIds = enabledModelIds(manifests, enabledSpec);
  }

  remixModel(id: string): RunnableModel | undefined {
    const manifest = this.byId.get(id);
    return manifest?.tool && this.tools.has(manifest.tool) && this.enabledIds.has(id) ? { manifest, tool: manifest.tool } : undefined;
  }

  manifest(id: string): ModelManifest | undefined {
    return this.byId.get(id);
  }

  /** GET /models: every manifest, with what the studio needs to offer it (tool, label, defaults, licence). */
  list(): ModelListing[] {
    return [...this.byId.values()].map((m) => {
      const runnable = !m.tool || this.tools.has(m.tool);
      const enabled = runnable && this.enabledIds.has(m.id);
      const listing: ModelListing = {
        id: m.id,
        version: m.version,
        task: m.task,
        title: m.title,
        licence: { ...modelRef(m).licence!, ...(m.licence.note ? { note: m.licence.note } : {}) },
        defaults: m.defaults,
        enabled,
      };
      if (m.tool) listing.tool = m.tool;
      if (m.label) listing.label = m.label;
      if (!enabled) listing.disabledReason = runnable ? 'operator' : 'no_adapter';
      return listing;
    });
  }
}
