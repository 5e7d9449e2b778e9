import type { ModelManifest } from '@atelier/models';
import type { ModelLicenceFlag } from '../jobs/remix.job';
import { TOOL_OF_MODEL, type Tool } from '../jobs/tools.job';
import type { ModelCatalog } from './remix.service';

export interface ModelListing {
  id: string;
  version: string;
  task: string;
  title: string;
  /** The studio tool that uses the model; absent for the safety classifier. */
  tool?: Tool;
  licence: { spdx: string | null; uri: string | null; flags: string[]; note?: string };
  enabled: boolean;
  /** Why a model is off: `operator` (not in INFERENCE_MODELS / flagged and not switched on) or `no_adapter`. */
  disabledReason?: 'operator' | 'no_adapter';
}

/**
 * `INFERENCE_MODELS` as the operator wrote it: plain ids are the exact list; `+id` / `-id` adjust each
 * manifest's `enabledByDefault` (e.g. `+whitebox-cartoonizer` switches on the non-commercial cartoon model
 * and keeps the defaults).
 */
export function enabledModelIds(manifests: ModelManifest[], spec: readonly string[] | undefined): Set<string> {
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
 * A model is runnable when its manifest exists, the operator enabled it (or, with no list, its manifest
 * enables it by default) and this service has an adapter for it.
 */
export class ManifestCatalog implements ModelCatalog {
  private readonly enabledIds: Set<string>;

  constructor(
    private readonly manifests: ModelManifest[],
    private readonly adapters: ReadonlySet<string>,
    enabledSpec: readonly string[] | undefined,
  ) {
    this.enabledIds = enabledModelIds(manifests, enabledSpec);
  }

  runnable(id: string): ModelManifest | undefined {
    const m = this.manifests.find((x) => x.id === id);
    return m && this.enabled(m) ? m : undefined;
  }

  list(): ModelListing[] {
    return this.manifests.map((m) => {
      const enabled = this.enabled(m);
      const listing: ModelListing = {
        id: m.id,
        version: m.version,
        task: m.task,
        title: m.title,
        licence: { spdx: m.licence.spdx, uri: m.licence.uri, flags: licenceFlags(m), ...(m.licence.note ? { note: m.licence.note } : {}) },
        enabled,
      };
      const tool = TOOL_OF_MODEL[m.id];
      if (tool) listing.tool = tool;
      if (!enabled) listing.disabledReason = this.adapters.has(m.id) ? 'operator' : 'no_adapter';
      return listing;
    });
  }

  private enabled(m: ModelManifest): boolean {
    return this.enabledIds.has(m.id) && this.adapters.has(m.id);
  }
}

/** The manifest's licence as marks, for the model list and for each remix's model ref (one mapping for both). */
export function licenceFlags(m: ModelManifest): ModelLicenceFlag[] {
  const flags: ModelLicenceFlag[] = [];
  if (m.licence.nonCommercial) flags.push('non_commercial');
  if (m.licence.notStated) flags.push('licence_not_stated');
  return flags;
}
