import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as ort from 'onnxruntime-node';
import { ModelRegistry, sha256File } from '@atelier/models';
import { testManifest } from '@atelier/models/testing';
import { ModelRunner, ioMismatches } from './runner';
import { SessionCache } from './session-cache';
import { createSessionFactory } from './providers';
import { FIXTURES } from '../testing/fixtures';
import { TINY_MODELS } from './fixtures/generate-tiny-models';

let registry: ModelRegistry;
let modelDir: string;

const tensor = (name: string, shape: (number | string)[]) => ({ name, dtype: 'float32', shape });
const IO: Record<string, { inputs: object[]; outputs: object[] }> = {
  add: { inputs: [tensor('A', ['N']), tensor('B', ['N'])], outputs: [tensor('C', ['N'])] },
  conv: { inputs: [tensor('x', [1, 3, 'H', 'W'])], outputs: [tensor('y', [1, 4, 'H', 'W'])] },
};

/** Two tiny "models" under the real registry: add (add.onnx) and conv (conv.onnx). */
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'runner-'));
  modelDir = join(dir, 'models');
  await mkdir(join(dir, 'manifests'));
  for (const id of ['add', 'conv']) {
    await mkdir(join(modelDir, `tiny-${id}`), { recursive: true });
    const path = join(modelDir, `tiny-${id}`, 'model.onnx');
    await copyFile(join(FIXTURES, `${id}.onnx`), path);
    const io = IO[id]!;
    const manifest = testManifest(`tiny-${id}`, { sha256: await sha256File(path), bytes: (await readFile(path)).length }, { io: [{ files: ['model.onnx'], ...io }] });
    await writeFile(join(dir, 'manifests', `tiny-${id}.json`), JSON.stringify(manifest));
  }
  registry = await ModelRegistry.load({ manifestDir: join(dir, 'manifests'), modelDir });
});

const cpu = () => createSessionFactory({ providers: ['cpu'], intraOpNumThreads: 1 });
const vec = (values: number[]) => new ort.Tensor('float32', Float32Array.from(values), [values.length]);

describe('tiny fixtures', () => {
  it('are what the generator writes (regenerate with generate-tiny-models.ts)', async () => {
    for (const [name, build] of Object.entries(TINY_MODELS))
      expect(Buffer.from(build()).equals(await readFile(join(FIXTURES, name))), name).toBe(true);
  });
});

describe('ModelRunner with the session cache', () => {
  it('loads once, runs, and serves the second run from the cache', async () => {
    const cache = new SessionCache(cpu(), 1024 * 1024);
    const runner = new ModelRunner(registry, cache);
    const out = await runner.run('tiny-add', 'model.onnx', { A: vec([1, 2, 3, 4, 5, 6]), B: vec([10, 20, 30, 40, 50, 60]) });
    expect(Array.from(out.C!.data as Float32Array)).toEqual([11, 22, 33, 44, 55, 66]);
    await runner.run('tiny-add', 'model.onnx', { A: vec([1]), B: vec([2]) });
    expect(cache.stats()).toMatchObject({ loads: 1, hits: 1, evictions: 0, entries: 1 });
  });

  it('runs a small Conv on an NCHW image tensor', async () => {
    const runner = new ModelRunner(registry, new SessionCache(cpu(), 1024 * 1024));
    const x = new ort.Tensor('float32', new Float32Array(3 * 8 * 8).fill(1), [1, 3, 8, 8]);
    const out = await runner.run('tiny-conv', 'model.onnx', { x });
    expect(out.y!.dims).toEqual([1, 4, 8, 8]);
    expect(Math.min(...(out.y!.data as Float32Array))).toBeGreaterThanOrEqual(0); // Relu
  });

  it('evicts the least recently used session past the budget and releases it', async () => {
    const released: string[] = [];
    const factory = cpu();
    const tracking = async (path: string) => {
      const made = await factory(path);
      const release = made.session.release.bind(made.session);
      made.session.release = vi.fn(async () => {
        released.push(path.includes('tiny-add') ? 'add' : 'conv');
        await release();
      });
      return made;
    };
    // Each session costs 2× its file; the budget holds the conv model alone, not both.
    const cache = new SessionCache(tracking, 1400);
    const runner = new ModelRunner(registry, cache);
    await runner.run('tiny-add', 'model.onnx', { A: vec([1]), B: vec([1]) });
    await runner.run('tiny-conv', 'model.onnx', { x: new ort.Tensor('float32', new Float32Array(3 * 4 * 4), [1, 3, 4, 4]) });
    expect(released).toEqual(['add']);
    expect(cache.stats()).toMatchObject({ loads: 2, evictions: 1, entries: 1 });
    await runner.run('tiny-add', 'model.onnx', { A: vec([1]), B: vec([1]) });
    expect(cache.stats().loads).toBe(3);
    await cache.clear();
  });

  it('never creates a session for a file whose checksum does not match its manifest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runner-bad-'));
    const bad = await ModelRegistry.load({ manifestDir: join(registry.modelDir, '..', 'manifests'), modelDir: dir });
    await mkdir(join(dir, 'tiny-add'));
    const original = await readFile(join(FIXTURES, 'add.onnx'));
    const tampered = Buffer.from(original);
    tampered[tampered.length - 1] = tampered.at(-1)! ^ 0xff;
    await writeFile(join(dir, 'tiny-add', 'model.onnx'), tampered);
    const create = vi.fn(cpu());
    const runner = new ModelRunner(bad, new SessionCache(create, 1e9));
    await expect(runner.run('tiny-add', 'model.onnx', { A: vec([1]), B: vec([1]) })).rejects.toMatchObject({ problem: 'checksum_mismatch' });
    await expect(runner.run('no-such-model', 'model.onnx', {})).rejects.toMatchObject({ problem: 'unknown_model' });
    expect(create).not.toHaveBeenCalled();
  });

  it("refuses to run a graph whose tensors are not its manifest's io, without retrying the check forever", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runner-io-'));
    await mkdir(join(dir, 'manifests'));
    const wrong = { ...registry.get('tiny-conv')!, io: [{ files: ['model.onnx'], ...IO.add! }] };
    await writeFile(join(dir, 'manifests', 'tiny-conv.json'), JSON.stringify(wrong));
    const lying = await ModelRegistry.load({ manifestDir: join(dir, 'manifests'), modelDir });
    const runner = new ModelRunner(lying, new SessionCache(cpu(), 1e9));
    const x = new ort.Tensor('float32', new Float32Array(3 * 4 * 4), [1, 3, 4, 4]);
    await expect(runner.run('tiny-conv', 'model.onnx', { x })).rejects.toMatchObject({ problem: 'io_mismatch', message: expect.stringMatching(/inputs are \[x\]/) });
    await expect(runner.load('tiny-conv', 'model.onnx')).rejects.toMatchObject({ problem: 'io_mismatch' });
  });

  it('compares names in order, types and fixed sizes; symbolic sizes accept any', () => {
    const meta = (name: string, shape: (number | string)[]) => ({ name, isTensor: true as const, type: 'float32' as const, shape });
    const session = {
      inputNames: ['content', 'style'],
      outputNames: ['out', 'side'],
      inputMetadata: [meta('content', [1, 3, 'height', 'width']), meta('style', [1, 100, 1, 1])],
      outputMetadata: [meta('out', [1, 3, 'height', 'width']), meta('side', [1])],
    };
    const spec = (name: string, shape: (number | string)[]) => ({ name, dtype: 'float32' as const, shape });
    const io = { inputs: [spec('content', [1, 3, 'H', 'W']), spec('style', [1, 100, 1, 1])], outputs: [spec('out', [1, 3, 'H', 'W'])] };
    expect(ioMismatches(io, session)).toEqual([]);
    expect(ioMismatches({ ...io, inputs: [...io.inputs].reverse() }, session)).toEqual([expect.stringMatching(/^inputs are/)]);
    expect(ioMismatches({ ...io, inputs: [io.inputs[0]!, spec('style', [1, 64, 1, 1])] }, session)).toEqual([expect.stringMatching(/^style has shape/)]);
    expect(ioMismatches({ ...io, outputs: [spec('matte', [1])] }, session)).toEqual(['no output matte']);
  });

  it('shares one load between two concurrent first runs', async () => {
    const create = vi.fn(cpu());
    const cache = new SessionCache(create, 1e9);
    const runner = new ModelRunner(registry, cache);
    await Promise.all([runner.load('tiny-add', 'model.onnx'), runner.load('tiny-add', 'model.onnx')]);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
