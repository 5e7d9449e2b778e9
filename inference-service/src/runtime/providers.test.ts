import { describe, expect, it } from 'vitest';
import type * as ort from 'onnxruntime-node';
import { createSessionFactory, parseProviderList, resolveProviders } from './providers';

const ORT_130 = [
  { name: 'cpu', bundled: true },
  { name: 'webgpu', bundled: true },
  { name: 'cuda', bundled: false },
  { name: 'tensorrt', bundled: false },
];

describe('resolveProviders', () => {
  it('drops CUDA when its provider library is not installed, and always ends with cpu', () => {
    expect(resolveProviders(parseProviderList(undefined), ORT_130, () => false)).toEqual(['cpu']);
  });
  it('keeps CUDA first when its library is installed', () => {
    expect(resolveProviders(['cuda', 'cpu'], ORT_130, (n) => n === 'cuda')).toEqual(['cuda', 'cpu']);
  });
  it('ignores unknown names and duplicates, and adds cpu when the list forgot it', () => {
    expect(resolveProviders(['rocm', 'webgpu', 'WEBGPU'], ORT_130, () => false)).toEqual(['webgpu', 'cpu']);
  });
});

describe('createSessionFactory', () => {
  it('falls back to cpu when CUDA fails, and does not try CUDA again', async () => {
    const tried: string[] = [];
    const factory = createSessionFactory({
      providers: ['cuda', 'cpu'],
      intraOpNumThreads: 2,
      create: async (_path, opts) => {
        const ep = opts.executionProviders?.[0];
        const name = typeof ep === 'string' ? ep : (ep as { name: string }).name;
        tried.push(`${name}/${opts.intraOpNumThreads}`);
        if (name === 'cuda') throw new Error('libonnxruntime_providers_cuda.so: cannot open');
        return {} as ort.InferenceSession;
      },
    });
    expect((await factory('a.onnx')).provider).toBe('cpu');
    expect((await factory('b.onnx')).provider).toBe('cpu');
    expect(tried).toEqual(['cuda/2', 'cpu/2', 'cpu/2']);
  });
  it("turns onnxruntime's CPU arena off only for a model whose manifest asks for it", async () => {
    const seen: (boolean | undefined)[] = [];
    const factory = createSessionFactory({
      providers: ['cpu'],
      create: async (_path, opts) => (seen.push(opts.enableCpuMemArena), {} as ort.InferenceSession),
    });
    await factory('big.onnx', { cpuMemArena: false });
    await factory('hot.onnx', {});
    await factory('plain.onnx');
    expect(seen).toEqual([false, undefined, undefined]);
  });
  it('turns every CPU arena off under INFERENCE_MEMORY_MODE=low', async () => {
    const seen: (boolean | undefined)[] = [];
    const factory = createSessionFactory({
      providers: ['cpu'],
      memoryMode: 'low',
      create: async (_path, opts) => (seen.push(opts.enableCpuMemArena), {} as ort.InferenceSession),
    });
    await factory('big.onnx', { cpuMemArena: true });
    await factory('plain.onnx');
    expect(seen).toEqual([false, false]);
  });
  it("keeps onnxruntime's pool threads from spinning unless the operator asks for it", async () => {
    const seen: unknown[] = [];
    const create = async (_path: string, opts: ort.InferenceSession.SessionOptions) => (seen.push(opts.extra), {} as ort.InferenceSession);
    await createSessionFactory({ providers: ['cpu'], create })('a.onnx');
    await createSessionFactory({ providers: ['cpu'], create, threadSpinning: true })('a.onnx');
    expect(seen).toEqual([{ session: { intra_op: { allow_spinning: '0' } } }, { session: { intra_op: { allow_spinning: '1' } } }]);
  });
  it('reports a cpu failure (a corrupt file) instead of hiding it', async () => {
    const factory = createSessionFactory({ providers: ['cpu'], create: async () => Promise.reject(new Error('bad model')) });
    await expect(factory('x.onnx')).rejects.toThrow('bad model');
  });
});
