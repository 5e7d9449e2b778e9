/**
 * `bench:inference`, part `tiles`: each upscaler at 1024² through its adapter (runtime/models/upscale.ts) with other
 * tile sizes and with onnxruntime's CPU arena on and off, beside raw `session.run` on the whole image before and after.
 * Prints wall time, the process's CPU time (steadier than wall time when other work shares the cores), the peak
 * resident memory of each configuration (VmHWM, reset before it) and the load average, so the manifest's `tile` and
 * `runtime.cpuMemArena` are chosen by measurement. BENCH_TILES=544/64,576/64 (tile/overlap), BENCH_TILE_MODELS
 * (labels below, a prefix), BENCH_TILE_RUNS (2) narrow it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ModelRegistry, type ModelManifest } from '@atelier/models';
import { ModelRunner } from '../../inference-service/src/runtime/runner';
import { SessionCache } from '../../inference-service/src/runtime/session-cache';
import type { SessionFactory } from '../../inference-service/src/runtime/providers';
import { Upscaler } from '../../inference-service/src/runtime/models/upscale';
import { median } from './stats';

const SIZE = 1024;
const RUNS = Number(process.env.BENCH_TILE_RUNS ?? 2);
const TILES = (process.env.BENCH_TILES ?? '544/64,576/64').split(',').map((t) => t.split('/').map(Number) as [number, number]);
const MODELS = [
  { label: 'photo ×4', id: 'upscalerjs-esrgan-slim', file: 'x4.onnx', scale: 4 as const },
  { label: 'photo ×2', id: 'upscalerjs-esrgan-slim', file: 'x2.onnx', scale: 2 as const },
  { label: 'drawing ×4', id: 'realesr-animevideov3-x4', file: 'model.onnx', scale: 4 as const },
].filter((m) => !process.env.BENCH_TILE_MODELS || process.env.BENCH_TILE_MODELS.split(',').some((p) => m.label.startsWith(p.trim())));

const status = () => readFileSync('/proc/self/status', 'utf8');
const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())?.[1] ?? NaN) / 1024);
/** Resets this process's VmHWM (Linux ≥ 4.0), so each configuration's own peak is read. */
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Sample {
  wall: number[];
  cpu: number[];
}

async function timed(sample: Sample, fn: () => Promise<unknown>) {
  const t = performance.now();
  const c = cpuMs();
  await fn();
  sample.wall.push(performance.now() - t);
  sample.cpu.push(cpuMs() - c);
}

const line = (label: string, s: Sample, peak: number, rawWall: number, rawCpu: number, extra = '') =>
  `  ${label.padEnd(30)}${`${(median(s.wall) / 1000).toFixed(1)} s`.padStart(9)}${`${(median(s.cpu) / 1000).toFixed(1)} s`.padStart(9)}` +
  `${`${(median(s.wall) / rawWall).toFixed(2)}×`.padStart(10)}${`${(median(s.cpu) / rawCpu).toFixed(2)}×`.padStart(9)}${`${peak} MB`.padStart(10)}${`${mb('VmRSS')} MB`.padStart(9)}${loadavg()[0]!.toFixed(1).padStart(7)}${extra}`;

export async function benchTiles(modelDir: string, canvas: Buffer, rawFactory: () => SessionFactory): Promise<void> {
  const registry = await ModelRegistry.load({ modelDir });
  console.log(`\nupscalers at ${SIZE}²: tile/overlap × CPU arena, through the adapter, with raw session.run on the whole image before and after them (${RUNS} runs each after a warm-up)`);
  console.log(`  ${''.padEnd(30)}${'wall'.padStart(9)}${'cpu'.padStart(9)}${'wall/raw'.padStart(10)}${'cpu/raw'.padStart(9)}${'peak RSS'.padStart(10)}${'RSS now'.padStart(9)}${'load1'.padStart(7)}`);
  for (const m of MODELS) {
    const manifest = registry.get(m.id);
    if (!manifest) continue;
    const tensor = new ort.Tensor('float32', new Float32Array(3 * SIZE * SIZE).fill(0.5), [1, 3, SIZE, SIZE]);
    const raw: Sample = { wall: [], cpu: [] };
    let rawPeak = 0;
    // Raw runs before and after the configurations, each in a session of its own that is released after: a live
    // session's arena would count in every configuration's peak.
    const rawRuns = async () => {
      resetPeak();
      const { session } = await rawFactory()(join(modelDir, m.id, m.file));
      await session.run({ input: tensor }); // warm-up: the arena grows to the whole image once
      await timed(raw, () => session.run({ input: tensor }));
      rawPeak = Math.max(rawPeak, mb('VmHWM'));
      await session.release();
    };
    await rawRuns();
    const own = manifest.preprocessing.tile!;
    const configs = [...new Set([`${own.size}/${own.overlap}`, ...TILES.map(([t, o]) => `${t}/${o}`)])].flatMap((t) => [`${t} arena`, `${t} no arena`]);
    const rows: string[] = [];
    for (const config of configs) {
      const [tile, overlap] = config.split(' ')[0]!.split('/').map(Number) as [number, number];
      const arena = !config.includes('no arena');
      const variant: ModelManifest = {
        ...manifest,
        runtime: { ...manifest.runtime, cpuMemArena: arena },
        preprocessing: { ...manifest.preprocessing, tile: { ...own, size: tile, overlap } },
      };
      const files = { verifiedFile: async (id: string, f: string) => ({ ...(await registry.verifiedFile(id, f)), runtime: variant.runtime! }) };
      const sessions = new SessionCache(async (path, hints) => rawFactory()(path, hints), 1 << 30);
      const upscaler = new Upscaler(new ModelRunner(files, sessions), variant);
      const s: Sample = { wall: [], cpu: [] };
      let peak = 0;
      resetPeak();
      await upscaler.warmUp();
      for (let i = 0; i < RUNS; i++) {
        await timed(s, () => upscaler.render(canvas, m.scale));
        peak = Math.max(peak, mb('VmHWM'));
      }
      await sessions.clear();
      const isDefault = tile === own.size && overlap === own.overlap && arena === (manifest.runtime?.cpuMemArena !== false);
      rows.push(`${config}${isDefault ? ' (manifest)' : ''}|${JSON.stringify(s)}|${peak}`);
    }
    await rawRuns();
    const rawWall = median(raw.wall);
    const rawCpu = median(raw.cpu);
    console.log(`${m.id} ${m.label}`);
    console.log(line('raw session.run, untiled', raw, rawPeak, rawWall, rawCpu, `   n=${raw.wall.length}`));
    for (const r of rows) {
      const [label, sample, peak] = r.split('|');
      console.log(line(label!, JSON.parse(sample!) as Sample, Number(peak), rawWall, rawCpu));
    }
  }
}
