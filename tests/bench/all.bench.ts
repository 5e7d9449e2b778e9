/**
 * `npm run bench:all`: every benchmark of issue 16 in one run, one after another on the same machine, then one
 * table of the headline figures side by side with their anchors and targets (each bench states its rows through
 * ./summary.ts). Every bench still prints its own full tables as it runs. BENCH_ALL_ONLY=remix,worker,... picks
 * parts; the other BENCH_* settings reach the benches unchanged (BENCH_QUICK=1 shortens bench:inference).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { REPO_ROOT } from '../../scripts/stack';
import { startService } from '../support/processes';
import { readSummary, summary, summaryTable } from './summary';

const PARTS = ['remix', 'inference', 'collection', 'gallery', 'bundles', 'proxy', 'worker'] as const;
type Part = (typeof PARTS)[number];
const FILES: Record<Exclude<Part, 'worker'>, string> = {
  remix: 'tests/bench/remix.bench.ts',
  inference: 'tests/bench/inference.bench.ts',
  collection: 'tests/bench/collection.bench.ts',
  gallery: 'tests/bench/gallery.bench.ts',
  bundles: 'tests/bench/bundles.bench.ts',
  proxy: 'tests/bench/proxy.bench.ts',
};
const only = new Set((process.env.BENCH_ALL_ONLY ?? PARTS.join(',')).split(',').map((s) => s.trim()));
const MODEL_DIR = process.env.MODEL_DIR ? resolve(process.env.MODEL_DIR) : resolve(REPO_ROOT, '../shared/models');

function runBench(file: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: REPO_ROOT, env: process.env, stdio: 'inherit' });
    child.on('exit', (code) => done(code ?? 1));
  });
}

/** Issue 16 item 3: a real worker from its start to taking style remixes, to every model warm, and its memory. */
async function workerStart(): Promise<void> {
  const storage = await mkdtemp(join(tmpdir(), 'bench-worker-'));
  const t0 = performance.now();
  const worker = startService('inference-service/src/worker.ts', {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `bench-start-${randomUUID().slice(0, 8)}`,
    MODEL_DIR,
    INFERENCE_STORAGE_DIR: storage,
    INFERENCE_SWEEP_INTERVAL_MIN: '0',
    LOG_LEVEL: 'info',
  });
  try {
    await worker.said('"msg":"worker ready"');
    const ready = (performance.now() - t0) / 1000;
    await worker.said('"msg":"warm-up of the other models done"');
    const warm = (performance.now() - t0) / 1000;
    const done = worker
      .output()
      .split('\n')
      .map((l) => (l.includes('warm-up of the other models done') ? (JSON.parse(l) as { peakRssMb?: number }) : null))
      .find(Boolean);
    // Steady memory: a few seconds after the warm-up, with every default model loaded and nothing running.
    await new Promise((r) => setTimeout(r, 5000));
    const status = existsSync(`/proc/${worker.child.pid}/status`) ? readFileSync(`/proc/${worker.child.pid}/status`, 'utf8') : '';
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    const steadyMb = kb('VmRSS') / 1024;
    const peakMb = done?.peakRssMb ?? kb('VmHWM') / 1024;
    console.log(`\n[worker] start → taking style remixes ${ready.toFixed(2)} s; → every default model warm ${warm.toFixed(2)} s; RSS peak ${peakMb.toFixed(0)} MB, steady ${steadyMb.toFixed(0)} MB`);
    summary({ what: 'worker from start to taking style remixes', anchor: '—', now: `${ready.toFixed(1)} s (every model warm at ${warm.toFixed(1)} s)`, target: '≤ 5 s', met: ready <= 5 });
    summary({ what: 'worker memory, default models', anchor: '—', now: `peak ${(peakMb / 1024).toFixed(2)} GB, steady ${(steadyMb / 1024).toFixed(2)} GB`, target: '(none; see INFERENCE_MEMORY_MODE)' });
  } finally {
    await worker.kill('SIGTERM');
    await rm(storage, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const file = join(await mkdtemp(join(tmpdir(), 'bench-all-')), 'summary.jsonl');
  process.env.BENCH_SUMMARY = file;
  const started = performance.now();
  const failed: string[] = [];
  console.log(`bench:all on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; parts: ${[...only].join(', ')}`);
  for (const part of PARTS) {
    if (!only.has(part)) continue;
    console.log(`\n══ ${part} ══ (load ${loadavg()[0]!.toFixed(1)})`);
    try {
      if (part === 'worker') await workerStart();
      else if ((await runBench(FILES[part])) !== 0) failed.push(part);
    } catch (err) {
      console.log(`[${part}] failed: ${(err as Error).message}`);
      failed.push(part);
    }
  }
  const rows = readSummary(file);
  console.log(`\n══ summary ══ (${((performance.now() - started) / 60_000).toFixed(1)} min, load now ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  console.log(summaryTable(rows));
  if (failed.length) console.log(`\nparts that failed: ${failed.join(', ')}`);
  rmSync(file, { force: true });
  process.exitCode = failed.length ? 1 : 0;
}

await main();
