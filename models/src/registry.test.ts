import { mkdtemp, mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelFileError, ModelRegistry } from './registry';
import { importModels } from './import';
import { MANIFEST_DIR, REPO_ROOT } from './paths';
import { testManifest } from './testing';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const WEIGHTS = new Uint8Array([8, 1, 18, 4, 116, 101, 115, 116]);

const manifest = (id: string, bytes: Uint8Array, extra: Record<string, unknown> = {}) =>
  testManifest(id, { sha256: sha(bytes), bytes: bytes.length }, extra) as ReturnType<typeof testManifest> & { preprocessing: Record<string, unknown> };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'models-registry-'));
  await mkdir(join(dir, 'manifests'));
  await mkdir(join(dir, 'models', 'tiny'), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function registryWith(...manifests: object[]) {
  for (const m of manifests) await writeFile(join(dir, 'manifests', `${(m as { id: string }).id}.json`), JSON.stringify(m));
  return ModelRegistry.load({ manifestDir: join(dir, 'manifests'), modelDir: join(dir, 'models') });
}

describe('the project manifests', () => {
  it('every remix model names its tool and the safety classifier none; the defaults are the ones the studio and the policy read', async () => {
    const registry = await ModelRegistry.load({ modelDir: dir });
    const byId = Object.fromEntries(registry.list().map((m) => [m.id, m]));
    expect(Object.fromEntries(registry.list().map((m) => [m.id, m.tool ?? null]))).toEqual({
      'fast-neural-style-nc16': 'fixed-style',
      'isnet-imgly-medium': 'cutout',
      'magenta-arbitrary-style': 'style',
      'nsfwjs-mobilenet-v2': null,
      'realesr-animevideov3-x4': 'upscale',
      'upscalerjs-esrgan-slim': 'upscale',
      'whitebox-cartoonizer': 'cartoon',
    });
    expect(byId['magenta-arbitrary-style']!.defaults).toEqual({ strength: 0.8 });
    expect(byId['nsfwjs-mobilenet-v2']!.defaults).toEqual({ flagClasses: ['Porn', 'Hentai'], threshold: 0.6 });
    expect(byId['upscalerjs-esrgan-slim']!.label).toEqual({ en: 'Photo', nl: 'Foto' });
  });

  it('all seven load and validate, and only licensed commercial-use models are on by default', async () => {
    const registry = await ModelRegistry.load({ modelDir: dir });
    const ids = registry.list().map((m) => m.id);
    expect(ids).toHaveLength(7);
    const off = registry.list().filter((m) => !m.enabledByDefault).map((m) => m.id);
    expect(off.sort()).toEqual(['fast-neural-style-nc16', 'whitebox-cartoonizer']);
  });

  it('match the sha256 and sizes written in each MODEL.md of the shared model folder', async (ctx) => {
    const shared = resolve(REPO_ROOT, '../shared/models');
    if (!existsSync(shared)) ctx.skip();
    const registry = await ModelRegistry.load({ manifestDir: MANIFEST_DIR, modelDir: shared });
    for (const m of registry.list()) {
      const doc = await readFile(join(shared, m.id, 'MODEL.md'), 'utf8');
      for (const f of m.files) {
        expect(doc, `${m.id}/${f.name}`).toContain(f.sha256);
        expect(doc.replace(/,/g, ''), `${m.id}/${f.name} size`).toContain(String(f.bytes));
      }
    }
  });
});

describe('ModelRegistry', () => {
  it('refuses to load an invalid manifest, or one whose id differs from its file name', async () => {
    await expect(registryWith({ ...manifest('tiny', WEIGHTS), files: [] })).rejects.toThrow(/invalid model manifest tiny.json/);
    await rm(join(dir, 'manifests', 'tiny.json'));
    await writeFile(join(dir, 'manifests', 'other.json'), JSON.stringify(manifest('tiny', WEIGHTS)));
    await expect(ModelRegistry.load({ manifestDir: join(dir, 'manifests') })).rejects.toThrow(/declares id tiny/);
  });

  it('refuses a non-commercial model enabled by default', async () => {
    const nc = manifest('tiny', WEIGHTS, {
      licence: { spdx: 'CC-BY-NC-4.0', uri: null, nonCommercial: true, notStated: false },
    });
    await expect(registryWith(nc)).rejects.toThrow(/cannot be enabled by default/);
  });

  it('refuses preprocessing its tool does not read, or lacks, and defaults its tool does not offer', async () => {
    const { maxSide: _dropped, ...withoutMaxSide } = manifest('tiny', WEIGHTS).preprocessing;
    await expect(registryWith(manifest('tiny', WEIGHTS, { preprocessing: { ...withoutMaxSide } }))).rejects.toThrow(/needs preprocessing.maxSide/);
    await rm(join(dir, 'manifests', 'tiny.json'));
    const unread = manifest('tiny', WEIGHTS, { preprocessing: { ...manifest('tiny', WEIGHTS).preprocessing, size: 1024 } });
    await expect(registryWith(unread)).rejects.toThrow(/does not read preprocessing.size/);
    await rm(join(dir, 'manifests', 'tiny.json'));
    // A field with no meaning at all (the old `contentMaxSide`) is refused by the strict schema.
    const old = manifest('tiny', WEIGHTS, { preprocessing: { ...manifest('tiny', WEIGHTS).preprocessing, contentMaxSide: 1024 } });
    await expect(registryWith(old)).rejects.toThrow(/contentMaxSide/);
    await rm(join(dir, 'manifests', 'tiny.json'));
    await expect(registryWith(manifest('tiny', WEIGHTS, { defaults: { strength: 0.5 } }))).rejects.toThrow(/has no default strength/);
  });

  it('hands a verified file out with its tensors as the manifest lists them', async () => {
    const registry = await registryWith(manifest('tiny', WEIGHTS));
    await writeFile(join(dir, 'models', 'tiny', 'model.onnx'), WEIGHTS);
    expect((await registry.verifiedFile('tiny', 'model.onnx')).io).toEqual({
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3, 'H', 'W'] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1, 3, 'H', 'W'] }],
    });
  });

  it("hands a verified file out with its manifest's runtime hints", async () => {
    const registry = await registryWith(manifest('tiny', WEIGHTS, { runtime: { cpuMemArena: false } }), manifest('hot', WEIGHTS));
    await writeFile(join(dir, 'models', 'tiny', 'model.onnx'), WEIGHTS);
    await mkdir(join(dir, 'models', 'hot'));
    await writeFile(join(dir, 'models', 'hot', 'model.onnx'), WEIGHTS);
    expect((await registry.verifiedFile('tiny', 'model.onnx')).runtime).toEqual({ cpuMemArena: false });
    expect(await registry.verifiedFile('hot', 'model.onnx')).not.toHaveProperty('runtime');
    await expect(registryWith(manifest('bad', WEIGHTS, { runtime: { cpuMemArena: 'no' } }))).rejects.toThrow();
  });

  it('hands out a file only when it matches the manifest', async () => {
    const registry = await registryWith(manifest('tiny', WEIGHTS));
    const path = join(dir, 'models', 'tiny', 'model.onnx');
    await expect(registry.verifiedFile('tiny', 'model.onnx')).rejects.toMatchObject({ problem: 'missing' });
    await writeFile(path, WEIGHTS);
    await expect(registry.verifiedFile('tiny', 'model.onnx')).resolves.toMatchObject({ path, sha256: sha(WEIGHTS) });

    // Same size, different bytes, newer mtime: the cache must not hide the change.
    const tampered = Uint8Array.from(WEIGHTS, (b, i) => (i === 0 ? b + 1 : b));
    await writeFile(path, tampered);
    await utimes(path, new Date(), new Date(Date.now() + 5000));
    await expect(registry.verifiedFile('tiny', 'model.onnx')).rejects.toMatchObject({ problem: 'checksum_mismatch' });

    await writeFile(path, new Uint8Array(3));
    await expect(registry.verifiedFile('tiny', 'model.onnx')).rejects.toMatchObject({ problem: 'size_mismatch' });
    await expect(registry.verifiedFile('nope', 'model.onnx')).rejects.toBeInstanceOf(ModelFileError);
    await expect(registry.verifiedFile('tiny', 'other.onnx')).rejects.toMatchObject({ problem: 'unknown_file' });
  });

  it('imports a folder laid out like shared/models with checksum checks, and skips what is already there', async () => {
    const registry = await registryWith(manifest('tiny', WEIGHTS), { ...manifest('absent', WEIGHTS) });
    const source = join(dir, 'source');
    await mkdir(join(source, 'tiny'), { recursive: true });
    await writeFile(join(source, 'tiny', 'model.onnx'), WEIGHTS);
    await rm(join(dir, 'models'), { recursive: true });

    expect(await importModels(registry, source)).toEqual([
      { modelId: 'absent', file: 'model.onnx', status: 'absent' },
      { modelId: 'tiny', file: 'model.onnx', status: 'imported' },
    ]);
    await expect(registry.verifiedFile('tiny', 'model.onnx')).resolves.toBeTruthy();
    expect((await importModels(registry, source, ['tiny']))[0]?.status).toBe('present');
  });

  it('does not import a source file whose bytes differ from the manifest', async () => {
    const registry = await registryWith(manifest('tiny', WEIGHTS));
    const source = join(dir, 'source');
    await mkdir(join(source, 'tiny'), { recursive: true });
    await writeFile(join(source, 'tiny', 'model.onnx'), Uint8Array.from(WEIGHTS).reverse());
    await rm(join(dir, 'models', 'tiny'), { recursive: true });
    expect((await importModels(registry, source))[0]?.status).toBe('mismatch');
    expect(existsSync(join(dir, 'models', 'tiny', 'model.onnx'))).toBe(false);
  });
});
