import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sha256File } from './checksum';
import type { ModelRegistry } from './registry';

export type ImportStatus = 'imported' | 'present' | 'absent' | 'mismatch';

export interface ImportResult {
  modelId: string;
  file: string;
  status: ImportStatus;
}

/**
 * Copies `<sourceDir>/<id>/<file>` for every manifest into the registry's model directory.
 * Each file is copied to a temporary name, hashed there and renamed into place only when it matches,
 * so a reader never sees a half-copied or wrong file under the real name.
 */
export async function importModels(registry: ModelRegistry, sourceDir: string, onlyIds?: string[]): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const manifest of registry.list()) {
    if (onlyIds?.length && !onlyIds.includes(manifest.id)) continue;
    for (const file of manifest.files) {
      const status = await importFile(registry, sourceDir, manifest.id, file.name, file.sha256, file.bytes);
      results.push({ modelId: manifest.id, file: file.name, status });
    }
  }
  return results;
}

async function importFile(
  registry: ModelRegistry,
  sourceDir: string,
  modelId: string,
  name: string,
  sha256: string,
  bytes: number,
): Promise<ImportStatus> {
  const source = join(sourceDir, modelId, name);
  const target = registry.filePath(modelId, name);
  const sourceStat = await stat(source).catch(() => null);
  if (!sourceStat) return 'absent';
  if (sourceStat.size !== bytes) return 'mismatch';
  const statuses = await registry.fileStatuses(modelId);
  if (statuses.find((s) => s.name === name)?.status === 'ok') return 'present';

  await mkdir(join(registry.modelDir, modelId), { recursive: true });
  const tmp = `${target}.${randomUUID()}.tmp`;
  try {
    await copyFile(source, tmp);
    if ((await sha256File(tmp)) !== sha256) return 'mismatch';
    await rename(tmp, target);
    return 'imported';
  } finally {
    await rm(tmp, { force: true });
  }
}
