/**
 * `npm run bench:inference`: (a) per runnable model and size, the phases inside the worker beside raw
 * session.run on the same tensors in this same run, and end to end through HTTP and the queue; (b) load:
 * 20 visitors at once, then 5/10/20, with jobs/s, queue wait and lost/duplicated checks; (c) the worker's
 * peak RSS; (d) how long a cancelled upscale keeps the worker; (e) jobs/s with one and two worker processes. Models are discovered from GET /api/inference/models; every enabled model has a recipe below (the
 * two flagged models, cartoon and fixed styles, are switched on for the bench). Every tool runs at 512² and
 * 1024² (ISNet always at its fixed 1024²), RUNS times each: the whole bench takes ~20 minutes on 2 cores;
 * BENCH_QUICK=1 runs each tool 3 times.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import * as ort from 'onnxruntime-node';
import type { Queue } from 'bullmq';
import { REPO_ROOT } from '../../scripts/stack';
import { withBenchStack } from './bench-stack';
import { imageToTensor, tensorToPng } from '../../inference-service/src/runtime/image-tensor';
import { createSessionFactory, resolveProviders } from '../../inference-service/src/runtime/providers';
import { fmt, median, percentile } from './stats';
import { PhaseSamples, remixStream, wallNow } from './phases';
import { decodeRgb, rgbToChw } from '../../inference-service/src/runtime/pixels';
import { benchTiles } from './upscale-tiles';
import { summary } from './summary';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;
const MODEL_DIR = resolve(process.env.MODEL_DIR ?? resolve(REPO_ROOT, '../shared/models'));
const SAMPLE = resolve(process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample'));
const STYLE_WORK = 'local-hokusai-great-wave';
const CONTENT_WORK = 'local-bruegel-harvesters';
const MAGENTA = 'magenta-arbitrary-style';
const STRENGTH = 0.8;

/** The worker's preference list (INFERENCE_PROVIDERS, else cuda then cpu), so raw runs use the same device. */
const rawFactory = () =>
  createSessionFactory({ providers: resolveProviders(process.env.INFERENCE_PROVIDERS ? process.env.INFERENCE_PROVIDERS.split(',') : ['cuda', 'cpu']) });

const row = (label: string, v: number[]) => `${label.padEnd(52)}${fmt(median(v))}${fmt(percentile(v, 95))}   n=${v.length}`;
const header = (title: string) => console.log(`\n${title}\n${''.padEnd(52)}${'p50'.padStart(10)}${'p95'.padStart(10)}`);
interface Ctx {
  url: string;
  queue: Queue;
  canvases: Record<number, Buffer>;
  /** A visitor session cookie per label (bench-stack.ts). */
  visitor(label: string): { cookie: string };
  /** Whose remix each id is: its stream and output answer only that visitor. */
  owners: Map<string, { cookie: string }>;
  /** The stack's queue prefix: finds its worker process for memory figures. */
  prefix: string;
}

const STYLE_PARAMS = { styleWorkId: STYLE_WORK, strength: STRENGTH };

async function submit(ctx: Ctx, size: number, session: string, model = MAGENTA, params: object = STYLE_PARAMS): Promise<string> {
  const id = randomUUID();
  const form = new FormData();
  form.set('meta', JSON.stringify({ requestId: id, model, params, workIds: [CONTENT_WORK] }));
  form.set('canvas', new Blob([new Uint8Array(ctx.canvases[size]!)], { type: 'image/png' }), 'canvas.png');
  const visitor = ctx.visitor(session);
  const res = await fetch(`${ctx.url}/api/inference/remixes`, { method: 'POST', body: form, headers: visitor });
  if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  ctx.owners.set(id, visitor);
  return id;
}

/**
 * Waits for the remix's output (`completed`), runs `then` (the download), and with `screened` waits for its
 * safety screen too (the job's end, when its timings are written).
 */
async function finished(ctx: Ctx, id: string, { then = async () => undefined, screened = false }: { then?: () => Promise<void>; screened?: boolean } = {}): Promise<void> {
  const stream = await remixStream(`${ctx.url}/api/inference/remixes/${id}/events`, ctx.owners.get(id)!);
  try {
    const done = await stream.until(['completed', 'failed', 'cancelled']);
    if (done.event !== 'completed') throw new Error(`remix ${id} ${done.event}: ${JSON.stringify(done.data)}`);
    await then();
    if (screened) await stream.until(['screened']);
  } finally {
    await stream.close();
  }
}

function endToEnd(ctx: Ctx, size: number, model = MAGENTA, params: object = STYLE_PARAMS, warmup = WARMUP) {
  const e2e: number[] = [];
  const phases = new PhaseSamples();
  let i = 0;
  const step = async () => {
    const t0 = performance.now();
    const submitted = wallNow();
    const id = await submit(ctx, size, `bench-e2e-${model.slice(0, 20)}-${size}`, model, params);
    const answered = wallNow();
    let t = 0;
    let completed = 0;
    let downloaded = 0;
    const then = async () => {
      completed = wallNow();
      await (await fetch(`${ctx.url}/api/inference/remixes/${id}/output.png`, { headers: ctx.owners.get(id)! })).arrayBuffer();
      t = performance.now() - t0;
      downloaded = wallNow();
    };
    await finished(ctx, id, { then, screened: true });
    if (i++ < warmup) return;
    e2e.push(t);
    await phases.collect(ctx.queue, id, { submitted, answered, completed, downloaded });
  };
  return { e2e, phases, step };
}

interface ToolRecipe {
  model: string;
  label: string;
  size: number;
  params: object;
  /** The model file and input tensor shape that raw session.run gets (the whole image, untiled). */
  file: string;
  input: string;
  shape: (size: number) => number[];
}

/**
 * The other tools: end to end through the stack with the worker's phases, alternating with raw session.run on
 * a tensor of the same shape (the worker tiles the upscalers, the raw run takes the image whole).
 */
const TOOL_RECIPES: ToolRecipe[] = [
  { model: 'isnet-imgly-medium', label: 'cut-out (ISNet, always 1024²)', size: 512, params: { source: 'canvas' }, file: 'model.onnx', input: 'input', shape: () => [1, 3, 1024, 1024] },
  { model: 'isnet-imgly-medium', label: 'cut-out (ISNet, always 1024²)', size: 1024, params: { source: 'canvas' }, file: 'model.onnx', input: 'input', shape: () => [1, 3, 1024, 1024] },
  ...[512, 1024].flatMap((size) => [
    { model: 'upscalerjs-esrgan-slim', label: 'upscale photo ×2', size, params: { source: 'canvas', scale: 2 }, file: 'x2.onnx', input: 'input', shape: (n: number) => [1, 3, n, n] },
    { model: 'upscalerjs-esrgan-slim', label: 'upscale photo ×4', size, params: { source: 'canvas', scale: 4 }, file: 'x4.onnx', input: 'input', shape: (n: number) => [1, 3, n, n] },
    { model: 'realesr-animevideov3-x4', label: 'upscale drawing ×4', size, params: { source: 'canvas', scale: 4 }, file: 'model.onnx', input: 'input', shape: (n: number) => [1, 3, n, n] },
    { model: 'whitebox-cartoonizer', label: 'cartoon', size, params: {}, file: 'model.onnx', input: 'input_photo', shape: (n: number) => [1, 3, n, n] },
    { model: 'fast-neural-style-nc16', label: 'fixed style (mosaic)', size, params: { style: 'mosaic' }, file: 'mosaic.onnx', input: 'input.1', shape: (n: number) => [1, 3, n, n] },
  ]),
];

/** BENCH_QUICK=1: 3 runs of each tool instead of RUNS, for a quick look (not the figures the issue asks for). */
const TOOL_RUNS = process.env.BENCH_QUICK ? 3 : RUNS;


async function benchTool(ctx: Ctx, r: ToolRecipe): Promise<void> {
  const { session, provider } = await rawFactory()(join(MODEL_DIR, r.model, r.file));
  const shape = r.shape(r.size);
  const tensor = new ort.Tensor('float32', new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.5), shape);
  const e = endToEnd(ctx, r.size, r.model, r.params, 1);
  const raw: number[] = [];
  resetWorkerPeak(ctx.prefix);
  const before = `${loadavg()[0]!.toFixed(1)}`;
  for (let i = 0; i < 1 + TOOL_RUNS; i++) {
    await e.step();
    const t = performance.now();
    await session.run({ [r.input]: tensor });
    if (i >= 1) raw.push(performance.now() - t);
  }
  await session.release();
  header(`${r.model}: ${r.label}, ${r.size}² canvas (${TOOL_RUNS} runs after 1 warm-up)`);
  console.log(row(`raw: session.run [${shape.join(',')}] untiled (${provider})`, raw));
  for (const line of e.phases.rows()) console.log(line);
  console.log(row('end to end: submit → output PNG downloaded', e.e2e));
  console.log(`overhead over raw session.run: ${(median(e.e2e) / median(raw)).toFixed(2)}×`);
  // Issue 16 item 2: every tool at 1024² ≤ 1.25× its raw session.run.
  if (r.size === 1024)
    summary({
      what: `${r.label} at 1024², submit → PNG downloaded`,
      anchor: `raw session.run ${median(raw).toFixed(0)} ms`,
      now: `${median(e.e2e).toFixed(0)} ms`,
      ratio: median(e.e2e) / median(raw),
      target: '≤ 1.25×',
      met: median(e.e2e) / median(raw) <= 1.25,
    });
  console.log(`worker peak RSS during these runs: ${workerPeakRss(ctx.prefix)} · this process (raw) peak: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB since start · load1 ${before} → ${loadavg()[0]!.toFixed(1)}`);
}

/** nsfwjs has no tool of its own: it screens every remix's canvas and output at 224². */
async function benchSafety(canvas: Buffer): Promise<void> {
  const { session } = await rawFactory()(join(MODEL_DIR, 'nsfwjs-mobilenet-v2', 'model.onnx'));
  const pre: number[] = [];
  const run: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    let t = performance.now();
    const chw = rgbToChw(await decodeRgb(canvas, { width: 224, height: 224, kernel: 'linear' }), 1 / 255, 0);
    const tPre = performance.now() - t;
    t = performance.now();
    await session.run({ input: new ort.Tensor('float32', chw, [1, 3, 224, 224]) });
    if (i >= WARMUP) pre.push(tPre), run.push(performance.now() - t);
  }
  await session.release();
  header('nsfwjs-mobilenet-v2: safety screen, 224² (in the worker: the `screen` phase of each remix, both images at once)');
  console.log(row('raw: pre-processing (PNG decode + 224² resize)', pre));
  console.log(row('raw: session.run [1,3,224,224]', run));
}

/**
 * The worker's phases redone here on the same tensors: decode/resize, both session.runs, encode. Runs
 * alternate with the end-to-end ones (the worker idle meanwhile), so both see the same machine load.
 */
async function raw(canvas: Buffer, styleImage: Buffer, size: number, between: () => Promise<void>) {
  const factory = rawFactory();
  const predict = (await factory(join(MODEL_DIR, MAGENTA, 'style_predict.onnx'))).session;
  const transfer = (await factory(join(MODEL_DIR, MAGENTA, 'style_transfer.onnx'))).session;
  const style = (await predict.run({ style_image: await imageToTensor(styleImage, 256, 256, 'cover') })).style_bottleneck!;
  const r = { pre: [] as number[], run: [] as number[], post: [] as number[] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await between();
    let t = performance.now();
    const small = await imageToTensor(canvas, 256, 256, 'cover');
    const content = await imageToTensor(canvas, size, size, 'fill');
    const pre = performance.now() - t;
    t = performance.now();
    const own = (await predict.run({ style_image: small })).style_bottleneck!.data as Float32Array;
    const s = style.data as Float32Array;
    const blended = new ort.Tensor('float32', s.map((v, k) => STRENGTH * v + (1 - STRENGTH) * own[k]!), [1, 100, 1, 1]);
    const out = await transfer.run({ content_image: content, style_bottleneck: blended });
    const run = performance.now() - t;
    t = performance.now();
    await tensorToPng(out.stylized_image!);
    if (i >= WARMUP) r.pre.push(pre), r.run.push(run), r.post.push(performance.now() - t);
  }
  await predict.release();
  await transfer.release();
  return r;
}

async function loadStep(ctx: Ctx, visitors: number, outputsDir: string) {
  const before = new Set(readdirSync(outputsDir));
  const t0 = performance.now();
  const ids = await Promise.all(Array.from({ length: visitors }, (_, v) => submit(ctx, 512, `bench-visitor-${visitors}-${v}`)));
  await Promise.all(ids.map((id) => finished(ctx, id)));
  const seconds = (performance.now() - t0) / 1000;
  const waits: number[] = [];
  // Queued → started, from the job's own stamps: the result (with its timings) is written only after the
  // safety screen, which may still be running for the last visitors when their output has arrived.
  for (const id of ids) {
    const job = await ctx.queue.getJob(id);
    waits.push(job?.processedOn ? job.processedOn - job.timestamp : NaN);
  }
  const added = readdirSync(outputsDir).filter((f) => !before.has(f));
  const expected = new Set(ids.map((id) => `${id}.png`));
  const lost = ids.length - added.filter((f) => expected.has(f)).length;
  const duplicated = ids.length - new Set(ids).size + added.filter((f) => !expected.has(f)).length;
  return { ids, visitors, seconds, jobsPerSecond: visitors / seconds, p95Wait: percentile(waits, 95), meanWait: waits.reduce((a, b) => a + b, 0) / waits.length, lost, duplicated };
}

/**
 * Issue 10 item 11: a visitor cancels a running upscale (×4 at 1024², tiled). The worker starts no further tile once
 * the signal fires, so the next visitor's remix starts after at most the tile under way, not after the whole upscale.
 * Printed beside the same upscale run whole, in this run.
 */
async function cancelStep(ctx: Ctx): Promise<{ whole: number; cancelToNext: number; nextWaited: number }> {
  const upscale = { source: 'canvas', scale: 4 };
  const t0 = performance.now();
  const whole = await submit(ctx, 1024, 'bench-cancel-whole', 'upscalerjs-esrgan-slim', upscale);
  await finished(ctx, whole);
  const wholeMs = performance.now() - t0;

  const victim = await submit(ctx, 1024, 'bench-cancel-a', 'upscalerjs-esrgan-slim', upscale);
  const stream = await remixStream(`${ctx.url}/api/inference/remixes/${victim}/events`, ctx.owners.get(victim)!);
  try {
    for (;;) {
      const e = await stream.until(['progress', 'completed', 'failed']);
      if (e.event !== 'progress') throw new Error(`the upscale ended (${e.event}) before it could be cancelled`);
      if ((e.data as { status?: string }).status === 'running') break;
    }
  } finally {
    await stream.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // well inside its first tiles
  const next = await submit(ctx, 512, 'bench-cancel-b');
  const cancelledAt = Date.now();
  const res = await fetch(`${ctx.url}/api/inference/remixes/${victim}`, { method: 'DELETE', headers: ctx.owners.get(victim)! });
  if (res.status !== 202) throw new Error(`cancel answered ${res.status}: ${await res.text()}`);
  await finished(ctx, next);
  const job = await ctx.queue.getJob(next);
  return { whole: wholeMs, cancelToNext: job!.processedOn! - cancelledAt, nextWaited: job!.processedOn! - job!.timestamp };
}

/**
 * Issue 16 item 4: more workers on one queue. The stack's worker alone (INFERENCE_THREADS = all cores), then with a
 * second worker process started with the same environment (each then given half the cores); 20 visitors at once
 * each time, every job checked to have run exactly once (one output, one start).
 */
async function scaleStep(ctx: Ctx, env: Record<string, string>, outputsDir: string) {
  const runs: { label: string; jobsPerSecond: number; exactlyOnce: boolean }[] = [];
  const once = async (label: string) => {
    const s = await loadStep(ctx, 20, outputsDir);
    const recent = (await Promise.all(s.ids.map((id) => ctx.queue.getJob(id)))).filter((j) => !!j);
    const restarted = recent.filter((j) => (j.attemptsStarted ?? 1) > 1).length;
    const by = new Map<string, number>();
    for (const j of recent) by.set(String(j.processedBy ?? '?'), (by.get(String(j.processedBy ?? '?')) ?? 0) + 1);
    runs.push({ label, jobsPerSecond: s.jobsPerSecond, exactlyOnce: s.lost === 0 && s.duplicated === 0 && restarted === 0 });
    console.log(`${label.padEnd(34)}${s.seconds.toFixed(1).padStart(9)}${s.jobsPerSecond.toFixed(2).padStart(9)}${String(s.lost).padStart(6)}${String(s.duplicated).padStart(5)}${String(restarted).padStart(10)}   per worker: ${[...by.values()].join(' + ')}`);
  };
  console.log('\nworkers on one queue (20 visitors at once, 512² style)');
  console.log(`${''.padEnd(34)}${'seconds'.padStart(9)}${'jobs/s'.padStart(9)}${'lost'.padStart(6)}${'dup'.padStart(5)}${'restarted'.padStart(10)}`);
  await once('1 worker');
  const cores = availableParallelism();
  const threads = String(Math.max(1, Math.floor(cores / 2)));
  const second = spawn(process.execPath, ['--import', 'tsx', 'inference-service/src/worker.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, INFERENCE_THREADS: threads, INFERENCE_SWEEP_INTERVAL_MIN: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      // Once its heavy models are warm too: their warm-up (ISNet ~8 s of CPU) would otherwise run during the
      // measurement and take the cores from both workers (2.2 jobs/s against 5.6 for one worker in one such run).
      second.stdout!.on('data', (c: Buffer) => ((out += c), out.includes('"msg":"warm-up of the other models done"') && resolve()));
      second.once('exit', (code) => reject(new Error(`the second worker exited (${code})`)));
    });
    await once(`2 workers (the second with ${threads} thread${threads === '1' ? '' : 's'})`);
  } finally {
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
  }
  // Issue 16 item 4: jobs/s for one and two workers on one queue, every job run exactly once.
  summary({
    what: 'workers on one queue, 20 visitors at once (512² style)',
    anchor: `1 worker ${runs[0]!.jobsPerSecond.toFixed(2)} jobs/s`,
    now: runs.map((r) => `${r.label.split(' (')[0]}: ${r.jobsPerSecond.toFixed(2)} jobs/s`).join('; '),
    ...(runs[1] ? { ratio: runs[1].jobsPerSecond / runs[0]!.jobsPerSecond } : {}),
    target: 'every job run exactly once',
    met: runs.every((r) => r.exactlyOnce),
  });
}

/** The stack's worker process (its QUEUE_PREFIX), if it runs. */
function workerPid(prefix: string): string | undefined {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (cmd.includes('inference-service/src/worker.ts') && env.includes(`QUEUE_PREFIX=${prefix}\0`)) return pid;
    } catch {
      // the process ended or is not ours
    }
  }
  return undefined;
}

/** Resets the worker's VmHWM (Linux ≥ 4.0), so the next figure is the peak of what runs from now on. */
function resetWorkerPeak(prefix: string): void {
  const pid = workerPid(prefix);
  try {
    if (pid) writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not allowed here: the figure is then the peak since the worker started
  }
}

function workerPeakRss(prefix: string): string {
  const pid = workerPid(prefix);
  try {
    const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    if (pid) return `${/VmHWM:\s+(\d+ kB)/.exec(status)?.[1]} (pid ${pid}; now ${/VmRSS:\s+(\d+ kB)/.exec(status)?.[1]})`;
  } catch {
    // the process ended meanwhile
  }
  return 'worker process not found';
}

async function main(): Promise<void> {
  const source = readFileSync(join(SAMPLE, 'images/bruegel_the-harvesters_1565.jpg'));
  const canvases: Record<number, Buffer> = {};
  for (const size of [512, 1024]) canvases[size] = await sharp(source).resize(size, size, { fit: 'cover' }).png().toBuffer();
  const styleImage = readFileSync(join(SAMPLE, 'images/hokusai_the-great-wave-off-kanagawa.jpg'));

  // BENCH_ONLY=magenta,tools,load,cancel,scale,tiles runs only those parts (all by default); `tiles` alone needs no stack.
  const only = new Set((process.env.BENCH_ONLY ?? 'magenta,tools,load,cancel,scale,tiles').split(','));
  if (only.size === 1 && only.has('tiles')) return benchTiles(MODEL_DIR, canvases[1024]!, rawFactory);
  // Cartoon (non-commercial) and fixed styles (no licence stated) are off by default; on here to be measured.
  const env = { INFERENCE_MODELS: '+whitebox-cartoonizer,+fast-neural-style-nc16' };
  await withBenchStack({ modelDir: MODEL_DIR, sampleDir: SAMPLE, env }, async (stack) => {
    const { queue, dataDir, prefix } = stack;
    const ctx: Ctx = { url: stack.studioUrl, queue, canvases, visitor: stack.visitor, owners: new Map(), prefix };
    const models = (await (await fetch(`${stack.inferenceUrl}/api/inference/models`)).json()) as { id: string; task: string; enabled: boolean }[];
    const probe = await rawFactory()(join(MODEL_DIR, 'nsfwjs-mobilenet-v2', 'model.onnx'));
    const device = probe.provider;
    await probe.session.release();
    console.log(`inference benchmark · ${RUNS} runs after ${WARMUP} warm-up, tools ${TOOL_RUNS} after 1 · raw runs on ${device}`);
    console.log(`models: ${models.map((m) => `${m.id}${m.enabled ? '' : ' (not enabled: skipped)'}`).join(', ')}`);
    const recipes = new Set([MAGENTA, 'nsfwjs-mobilenet-v2', ...TOOL_RECIPES.map((r) => r.model)]);
    for (const m of models.filter((x) => x.enabled && !recipes.has(x.id))) console.log(`  ${m.id}: runnable but no bench recipe in this file yet (task ${m.task})`);

    for (const size of only.has('magenta') ? [512, 1024] : []) {
      const e = endToEnd(ctx, size);
      const r = await raw(canvases[size]!, styleImage, size, e.step);
      header(`${MAGENTA} at ${size}²`);
      console.log(row('raw: pre-processing (decode, resize, tensors)', r.pre));
      console.log(row('raw: session.run (predict 256² + transfer)', r.run));
      console.log(row('raw: post-processing (tensor → PNG)', r.post));
      for (const line of e.phases.rows()) console.log(line);
      console.log(row('end to end: submit → output PNG downloaded', e.e2e));
      const ratio = median(e.e2e) / median(r.run);
      console.log(`overhead over raw session.run: ${ratio.toFixed(2)}× (${(median(e.e2e) - median(r.run)).toFixed(1)} ms at the median)`);
      if (size === 1024)
        summary({
          what: 'style (Magenta) at 1024², submit → PNG downloaded',
          anchor: `raw session.run ${median(r.run).toFixed(0)} ms`,
          now: `${median(e.e2e).toFixed(0)} ms`,
          ratio,
          target: '≤ 1.25×',
          met: ratio <= 1.25,
        });
    }

    const enabled = new Set(models.filter((m) => m.enabled).map((m) => m.id));
    // BENCH_TOOLS=upscale photo ×4,cartoon and BENCH_SIZES=1024 narrow the tools part to those labels (a prefix) and sizes.
    const tools = process.env.BENCH_TOOLS?.split(',').map((t) => t.trim());
    const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
    const chosen = TOOL_RECIPES.filter((r) => (!tools || tools.some((t) => r.label.startsWith(t))) && (!sizes || sizes.includes(r.size)));
    for (const r of only.has('tools') ? chosen : []) if (enabled.has(r.model)) await benchTool(ctx, r);
    if (only.has('tools') && enabled.has('nsfwjs-mobilenet-v2')) await benchSafety(canvases[512]!);

    const outputsDir = join(dataDir, 'storage/inference/outputs');
    mkdirSync(outputsDir, { recursive: true }); // absent until the first output when the other parts are skipped
    if (only.has('load')) console.log('\nload (512², one remix per visitor, all submitted at once)');
    if (only.has('load')) console.log(`${'visitors'.padStart(8)}${'seconds'.padStart(10)}${'jobs/s'.padStart(9)}${'mean wait'.padStart(12)}${'p95 wait'.padStart(12)}${'wait/visitor'.padStart(14)}${'lost'.padStart(6)}${'dup'.padStart(5)}`);
    for (const n of only.has('load') ? [20, 5, 10, 20] : []) {
      const s = await loadStep(ctx, n, outputsDir);
      console.log(`${String(n).padStart(8)}${s.seconds.toFixed(1).padStart(10)}${s.jobsPerSecond.toFixed(2).padStart(9)}${fmt(s.meanWait).padStart(12)}${fmt(s.p95Wait).padStart(12)}${fmt(s.meanWait / n).padStart(14)}${String(s.lost).padStart(6)}${String(s.duplicated).padStart(5)}`);
    }
    if (only.has('scale')) await scaleStep(ctx, stack.env, outputsDir);
    // In this process, with the stack idle: tile sizes and the CPU arena per upscaler (upscale-tiles.ts).
    if (only.has('tiles')) await benchTiles(MODEL_DIR, canvases[1024]!, rawFactory);
    if (only.has('cancel') && enabled.has('upscalerjs-esrgan-slim')) {
      const c = await cancelStep(ctx);
      console.log('\ncancel a running upscale photo ×4 at 1024² (the next visitor\'s 512² style remix queued behind it)');
      console.log(`  the same upscale run whole: ${(c.whole / 1000).toFixed(2)} s`);
      console.log(`  cancel → next remix started: ${(c.cancelToNext / 1000).toFixed(2)} s (it waited ${(c.nextWaited / 1000).toFixed(2)} s in all)`);
    }
    console.log(`\nworker peak RSS (VmHWM, models warmed up by the worker at start): ${workerPeakRss(prefix)}`);
  });
}

await main();
