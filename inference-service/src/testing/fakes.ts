/** Typed fakes and fixtures shared by the unit and route tests. */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectStorage, StoredObject } from '@atelier/common';
import { ModelRegistry, MANIFEST_DIR, sha256File } from '@atelier/models';
import type { RemixJobData } from '../jobs/remix.job';
import { GalleryUnavailableError, type GalleryClient, type WorkCheck } from '../repositories/gallery.client';
import type { RemixEvent, RemixEventSource } from '../repositories/remix-events.repository';
import type { CancelOutcome, JobState, RemixQueue, RemixSnapshot, WorkAhead } from '../repositories/remix-queue.repository';

export const FIXTURES = join(import.meta.dirname, '../runtime/fixtures');

export class MemoryStorage implements ObjectStorage {
  readonly files = new Map<string, Buffer>();
  /** When each key was last put (a key set on `files` directly counts as written now). */
  readonly modifiedAt = new Map<string, Date>();
  async put(key: string, data: Uint8Array) {
    this.files.set(key, Buffer.from(data));
    this.modifiedAt.set(key, new Date());
  }
  async get(key: string) {
    const v = this.files.get(key);
    if (!v) throw Object.assign(new Error(`no ${key}`), { code: 'ENOENT' });
    return v;
  }
  async exists(key: string) {
    return this.files.has(key);
  }
  async delete(key: string) {
    this.files.delete(key);
    this.modifiedAt.delete(key);
  }
  async *list(prefix: string): AsyncGenerator<StoredObject> {
    for (const [key, data] of [...this.files]) {
      if (key.startsWith(prefix)) yield { key, size: data.length, modifiedAt: this.modifiedAt.get(key) ?? new Date() };
    }
  }
}

export class MemoryQueue implements RemixQueue {
  readonly jobs = new Map<string, RemixSnapshot>();
  adds = 0;
  async find(id: string) {
    return this.jobs.get(id) ?? null;
  }
  async add(data: RemixJobData) {
    this.adds++;
    if (!this.jobs.has(data.remixId)) this.jobs.set(data.remixId, { data, state: 'queued', progress: 0, position: 1, createdAt: Date.now() });
  }
  async cancel(id: string): Promise<CancelOutcome> {
    const job = this.jobs.get(id);
    if (!job) return 'missing';
    if (job.state === 'completed' || job.state === 'failed') return 'finished';
    if (job.state === 'cancelled') return 'cancelled';
    if (job.state === 'running') return 'signalled';
    job.state = 'cancelled';
    return 'removed';
  }
  async states(ids: string[]) {
    return new Map(ids.map((id): [string, JobState | null] => [id, this.jobs.get(id)?.state ?? null]));
  }
  async capacity() {
    return 1;
  }
  /** The queued jobs with a lower `position`, in that order, and the running ones. */
  async workAhead(id: string): Promise<WorkAhead | null> {
    const own = this.jobs.get(id);
    if (own?.state !== 'queued') return null;
    const all = [...this.jobs.values()];
    const ahead = all.filter((j) => j.state === 'queued' && (j.position ?? 1) < (own.position ?? 1)).sort((a, b) => (a.position ?? 1) - (b.position ?? 1));
    const running = all.filter((j) => j.state === 'running').map((j) => ({ model: j.data.model, ...(j.startedAt ? { startedAt: j.startedAt } : {}) }));
    return { queued: ahead.map((j) => j.data.model), queuedCount: ahead.length, running };
  }
  async ping() {
    return true;
  }
}

export class FakeGallery implements GalleryClient {
  down = false;
  checks: string[][] = [];
  constructor(
    readonly works: Record<string, WorkCheck['status'] | { status: 'refused'; reason: string }>,
    readonly image?: Buffer,
  ) {}
  async checkWorks(ids: string[]): Promise<WorkCheck[]> {
    this.checks.push(ids);
    if (this.down) throw new GalleryUnavailableError('down');
    return ids.map((id) => {
      const w = this.works[id] ?? 'unknown';
      return typeof w === 'string' ? { id, status: w } : { id, ...w };
    });
  }
  async workImage(id: string): Promise<Buffer> {
    if (this.down || !this.image) throw new GalleryUnavailableError('down');
    if (!this.works[id]) throw new GalleryUnavailableError(`no work ${id}`);
    return this.image;
  }
}

export class ManualEvents implements RemixEventSource {
  private readonly listeners = new Map<string, Set<(e: RemixEvent) => void>>();
  subscribe(id: string, listener: (e: RemixEvent) => void) {
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => set.delete(listener);
  }
  emit(id: string, event: RemixEvent) {
    for (const l of this.listeners.get(id) ?? []) l(event);
  }
  count(id: string) {
    return this.listeners.get(id)?.size ?? 0;
  }
}

/**
 * A registry whose `magenta-arbitrary-style` manifest points at the tiny stand-in graphs (same tensor
 * names and shapes), so the whole remix path runs with no real model directory.
 */
export function tinyMagentaRegistry(): Promise<ModelRegistry> {
  return tinyRegistry('magenta-arbitrary-style', [
    ['style_predict.onnx', 'tiny_style_predict.onnx'],
    ['style_transfer.onnx', 'tiny_style_transfer.onnx'],
  ]);
}

/**
 * A registry whose `fast-neural-style-nc16` manifest has every style file (rain-princess too, so a test can
 * show the adapter refuses it) as the tiny stand-in `395 = 2 · input.1 − 100`.
 */
export function tinyFastStyleRegistry(): Promise<ModelRegistry> {
  return tinyRegistry(
    'fast-neural-style-nc16',
    ['candy', 'mosaic', 'rain-princess', 'udnie'].map((style) => [`${style}.onnx`, 'tiny_fast_style.onnx'] as const),
  );
}

/** A registry holding one real manifest whose files are replaced by tiny fixtures (`[file name, fixture]`). */
async function tinyRegistry(id: string, fixtures: readonly (readonly [string, string])[]): Promise<ModelRegistry> {
  const dir = await mkdtemp(join(tmpdir(), `tiny-${id}-`));
  const modelDir = join(dir, 'models', id);
  await mkdir(join(dir, 'manifests'));
  await mkdir(modelDir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(MANIFEST_DIR, `${id}.json`), 'utf8'));
  const files = [];
  for (const [name, fixture] of fixtures) {
    await copyFile(join(FIXTURES, fixture), join(modelDir, name));
    const bytes = await readFile(join(modelDir, name));
    files.push({ name, sha256: await sha256File(join(modelDir, name)), bytes: bytes.length });
  }
  manifest.files = files;
  manifest.version = '0.0.0-tiny';
  await writeFile(join(dir, 'manifests', `${id}.json`), JSON.stringify(manifest));
  return ModelRegistry.load({ manifestDir: join(dir, 'manifests'), modelDir: join(dir, 'models') });
}

export { pngClaiming } from '@atelier/common/testing/png';

export interface FormPart {
  name: string;
  data: Buffer | string;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body for `app.inject()`. */
export function multipartBody(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----atelier${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename ? `\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
