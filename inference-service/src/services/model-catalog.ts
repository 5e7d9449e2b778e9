import type { ModelManifest } from '@atelier/models';
import type { ModelCatalog } from './remix.service';

export interface ModelListing {
  id: string;
  version: string;
  task: string;
  title: string;
  licence: { spdx: string | null; uri: string | null; flags: string[] };
  enabled: boolean;
}

/**
 * A model is runnable when its manifest exists, the operator enabled it (or, with no list, its manifest
 * enables it by default) and this service has an adapter for it.
 */
export class ManifestCatalog implements ModelCatalog {
  constructor(
    private readonly manifests: ModelManifest[],
    private readonly adapters: ReadonlySet<string>,
    private readonly enabledIds: readonly string[] | undefined,
  ) {}

  runnable(id: string): ModelManifest | undefined {
    const m = this.manifests.find((x) => x.id === id);
    return m && this.enabled(m) ? m : undefined;
  }

  list(): ModelListing[] {
    return this.manifests.map((m) => ({
      id: m.id,
      version: m.version,
      task: m.task,
      title: m.title,
      licence: { spdx: m.licence.spdx, uri: m.licence.uri, flags: licenceFlags(m) },
      enabled: this.enabled(m),
    }));
  }

  private enabled(m: ModelManifest): boolean {
    const allowed = this.enabledIds ? this.enabledIds.includes(m.id) : m.enabledByDefault;
    return allowed && this.adapters.has(m.id);
  }
}

function licenceFlags(m: ModelManifest): string[] {
  const flags: string[] = [];
  if (m.licence.nonCommercial) flags.push('non_commercial');
  if (m.licence.notStated) flags.push('licence_not_stated');
  return flags;
}
