import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sha256File } from './checksum';
import type { ModelFile, ModelManifest } from './manifest.schema';
import type { ModelRegistry } from './registry';

export type PullStatus = 'present' | 'downloaded';

export interface PullResult {
  modelId: string;
  file: string;
  status: PullStatus;
  /** Bytes fetched in this run (less than the file when a `.part` was resumed). */
  fetched: number;
  resumedFrom: number;
}

export class PullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PullError';
  }
}

export interface PullOptions {
  /** An operator's mirror laid out as `<mirror>/<model id>/<file>`, tried when a file has no `url`. */
  mirror?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Where each file comes from: its own official `url`, else the mirror; null when neither exists. */
export function downloadUrl(manifest: ModelManifest, file: ModelFile, mirror?: string): string | null {
  if (file.url) return file.url;
  if (mirror) return `${mirror.replace(/\/$/, '')}/${encodeURIComponent(manifest.id)}/${encodeURIComponent(file.name)}`;
  return null;
}

/**
 * Downloads every file of a model into the registry's model directory: into `<file>.part`, resumed with an
 * HTTP Range request when a previous run was cut off, hashed, and renamed into place only when size and
 * sha256 match the manifest. A wrong download is deleted, never left under the real name.
 */
export async function pullModel(registry: ModelRegistry, modelId: string, options: PullOptions = {}): Promise<PullResult[]> {
  const manifest = registry.get(modelId);
  if (!manifest) throw new PullError(`unknown model ${modelId}; see \`npm run models -- list\``);
  const statuses = await registry.fileStatuses(modelId);
  const results: PullResult[] = [];
  for (const file of manifest.files) {
    if (statuses.find((s) => s.name === file.name)?.status === 'ok') {
      results.push({ modelId, file: file.name, status: 'present', fetched: 0, resumedFrom: 0 });
      continue;
    }
    const url = downloadUrl(manifest, file, options.mirror);
    if (!url)
      throw new PullError(
        `${modelId}/${file.name} has no direct download: upstream publishes it in another format (${manifest.sources.map((s) => s.uri).join(', ')}). ` +
          'Convert it as its MODEL.md says and `npm run models -- import <dir>`, or pull from a mirror with --mirror <url> (MODEL_MIRROR_URL).',
      );
    results.push(await pullFile(registry.filePath(modelId, file.name), url, file, modelId, options));
  }
  return results;
}

async function pullFile(target: string, url: string, file: ModelFile, modelId: string, options: PullOptions): Promise<PullResult> {
  const part = `${target}.part`;
  await mkdir(dirname(target), { recursive: true });
  let offset = (await stat(part).catch(() => null))?.size ?? 0;
  if (offset > file.bytes) {
    await rm(part, { force: true });
    offset = 0;
  }
  let fetched = 0;
  if (offset < file.bytes) {
    const res = await request(url, offset, options);
    // A server that ignores Range answers 200 with the whole file: start over rather than append twice.
    const append = offset > 0 && res.status === 206;
    if (!append) offset = 0;
    options.log?.(`${modelId}/${file.name}: ${append ? `resuming at ${offset} bytes` : 'downloading'} from ${url}`);
    // Written chunk by chunk with awaited writes, so every byte received before a cut is on disk for the resume.
    const out = await open(part, append ? 'a' : 'w');
    try {
      if (res.body) for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        await out.write(chunk);
        fetched += chunk.length;
      }
    } catch (err) {
      throw new PullError(`${modelId}/${file.name}: download interrupted after ${offset + fetched} of ${file.bytes} bytes (${(err as Error).message}); run pull again to resume`);
    } finally {
      await out.close();
    }
  }
  const size = (await stat(part)).size;
  const sha256 = await sha256File(part);
  if (size !== file.bytes || sha256 !== file.sha256) {
    await rm(part, { force: true });
    throw new PullError(`${modelId}/${file.name}: checksum mismatch (got ${size} bytes, sha256 ${sha256}; the manifest says ${file.bytes} bytes, ${file.sha256}); the download was deleted`);
  }
  await rename(part, target);
  return { modelId, file: file.name, status: 'downloaded', fetched, resumedFrom: offset };
}

async function request(url: string, offset: number, options: PullOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 10 * 60_000),
      redirect: 'follow',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new PullError(
      `cannot reach ${new URL(url).host} (${cause?.code ?? cause?.message ?? (err as Error).message}): this machine looks offline. ` +
        'Copy the files from a machine that has them and run `npm run models -- import <dir>`.',
    );
  }
  if (res.status === 416 && offset > 0) return request(url, 0, options); // the .part is not a prefix the server knows
  if (!res.ok) throw new PullError(`${url} answered ${res.status} ${res.statusText}`);
  return res;
}
