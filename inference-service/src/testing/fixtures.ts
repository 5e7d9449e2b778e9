/**
 * Fixtures shared by the unit, route and integration tests: registries over the tiny ONNX graphs and a
 * multipart body. The fakes of the ports sit next to their interfaces (services/*.fake.ts, common's MemoryStorage).
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelRegistry, MANIFEST_DIR, sha256File } from '@atelier/models';

export const FIXTURES = join(import.meta.dirname, '../runtime/fixtures');

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
