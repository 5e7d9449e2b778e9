/**
 * `npm run bench`: for a 512×512 canvas, the time from submitting a remix to its result being available
 * (through HTTP, Redis/BullMQ, the worker process and storage), beside the raw `session.run` time of the
 * same model on the same tensors in this same run, so the overhead around the model shows as a ratio.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import * as ort from 'onnxruntime-node';
import { REPO_ROOT, runCli, startStack } from '../../scripts/stack';
import { createTestDatabase, prepareTemplateDatabase } from '../../gallery-api/src/db/test-database';
import { imageToTensor, tensorToPng } from '../../inference-service/src/runtime/image-tensor';
import { createSessionFactory, resolveProviders } from '../../inference-service/src/runtime/providers';
import { fmt, median, percentile } from './stats';
import { waitForEvent } from './sse';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const WARMUP = 2;
const SIZE = 512;
const MODEL_DIR = resolve(process.env.MODEL_DIR ?? resolve(REPO_ROOT, '../shared/models'));
const SAMPLE = resolve(process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample'));
const STYLE_WORK = 'local-hokusai-great-wave';
const CONTENT_WORK = 'local-bruegel-harvesters';
const STRENGTH = 0.8;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

function row(label: string, values: number[]): string {
  return `${label.padEnd(48)}${fmt(median(values))}${fmt(percentile(values, 95))}   n=${values.length}`;
}

async function endToEnd(studioUrl: string, canvas: Buffer): Promise<{ completed: number[]; available: number[] }> {
  const completed: number[] = [];
  const available: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const id = randomUUID();
    const form = new FormData();
    form.set('meta', JSON.stringify({ requestId: id, model: 'magenta-arbitrary-style', params: { styleWorkId: STYLE_WORK, strength: STRENGTH }, workIds: [CONTENT_WORK] }));
    form.set('canvas', new Blob([new Uint8Array(canvas)], { type: 'image/png' }), 'canvas.png');
    const t0 = performance.now();
    const res = await fetch(`${studioUrl}/api/inference/remixes`, { method: 'POST', body: form });
    if (res.status !== 202) throw new Error(`remix submit answered ${res.status}: ${await res.text()}`);
    const done = await waitForEvent(`${studioUrl}/api/inference/remixes/${id}/events`, ['completed', 'failed']);
    if (done.event !== 'completed') throw new Error(`remix failed: ${JSON.stringify(done.data)}`);
    const t1 = performance.now();
    const out = await fetch(`${studioUrl}/api/inference/remixes/${id}/output.png`);
    if (!out.ok) throw new Error(`output answered ${out.status}`);
    await out.arrayBuffer();
    const t2 = performance.now();
    if (i >= WARMUP) {
      completed.push(t1 - t0);
      available.push(t2 - t0);
    }
  }
  return { completed, available };
}

async function raw(canvas: Buffer, styleImage: Buffer) {
  const providers = resolveProviders(process.env.INFERENCE_PROVIDERS ? process.env.INFERENCE_PROVIDERS.split(',') : ['cuda', 'cpu']);
  const factory = createSessionFactory({ providers, intraOpNumThreads: process.env.INFERENCE_THREADS ? Number(process.env.INFERENCE_THREADS) : undefined });
  const predict = (await factory(join(MODEL_DIR, 'magenta-arbitrary-style/style_predict.onnx'))).session;
  const { session: transfer, provider } = await factory(join(MODEL_DIR, 'magenta-arbitrary-style/style_transfer.onnx'));
  const style = (await predict.run({ style_image: await imageToTensor(styleImage, 256, 256, 'cover') })).style_bottleneck!;
  const pre: number[] = [];
  const predictRuns: number[] = [];
  const transferRuns: number[] = [];
  const post: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const [tPre, tensors] = await time(async () => ({
      small: await imageToTensor(canvas, 256, 256, 'cover'),
      content: await imageToTensor(canvas, SIZE, SIZE, 'fill'),
    }));
    const [tPredict, own] = await time(() => predict.run({ style_image: tensors.small }));
    const s = style.data as Float32Array;
    const c = own.style_bottleneck!.data as Float32Array;
    const blended = new ort.Tensor('float32', s.map((v, k) => STRENGTH * v + (1 - STRENGTH) * c[k]!), [1, 100, 1, 1]);
    const [tTransfer, out] = await time(() => transfer.run({ content_image: tensors.content, style_bottleneck: blended }));
    const [tPost] = await time(() => tensorToPng(out.stylized_image!));
    if (i >= WARMUP) {
      pre.push(tPre);
      predictRuns.push(tPredict);
      transferRuns.push(tTransfer);
      post.push(tPost);
    }
  }
  await predict.release();
  await transfer.release();
  return { provider, pre, predictRuns, transferRuns, post };
}

async function main(): Promise<void> {
  const canvas = await sharp(readFileSync(join(SAMPLE, 'images/bruegel_the-harvesters_1565.jpg')))
    .resize(SIZE, SIZE, { fit: 'cover' })
    .png()
    .toBuffer();
  const styleImage = readFileSync(join(SAMPLE, 'images/hokusai_the-great-wave-off-kanagawa.jpg'));

  await prepareTemplateDatabase();
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  const stack = await startStack({
    dataDir,
    databaseUrl: db.url,
    redisUrl: process.env.REDIS_URL,
    modelDir: MODEL_DIR,
    queuePrefix: `bench-${randomBytes(4).toString('hex')}`,
    quiet: true,
    log: (l) => (/error/i.test(l) ? console.error(l) : undefined),
  });
  try {
    runCli(stack.env, 'gallery-api/src/cli/collection.cli.ts', ['import-folder', SAMPLE]);
    console.log(`remix benchmark: ${SIZE}×${SIZE} canvas, Magenta style transfer, strength ${STRENGTH}, ${RUNS} runs after ${WARMUP} warm-up`);
    const e2e = await endToEnd(stack.studioUrl, canvas);
    // The worker is idle now, so the raw runs below do not compete with it for the CPU.
    const r = await raw(canvas, styleImage);
    const rawTotal = r.predictRuns.map((p, i) => p + r.transferRuns[i]!);
    console.log(`\n${''.padEnd(48)}${'median'.padStart(10)}${'p95'.padStart(10)}`);
    console.log(row('end to end: submit → completed event', e2e.completed));
    console.log(row('end to end: submit → output PNG downloaded', e2e.available));
    console.log(row(`raw session.run style_transfer ${SIZE}² (${r.provider})`, r.transferRuns));
    console.log(row('raw session.run style_predict 256² (content)', r.predictRuns));
    console.log(row('raw session.run total (predict + transfer)', rawTotal));
    console.log(row('pre-processing (decode, resize, tensors)', r.pre));
    console.log(row('post-processing (tensor → PNG)', r.post));
    const ratio = median(e2e.available) / median(rawTotal);
    console.log(`\noverhead ratio (median end to end ÷ median raw session.run total): ${ratio.toFixed(2)}×`);
    console.log(`overhead in ms (median): ${(median(e2e.available) - median(rawTotal)).toFixed(1)} ms`);
  } finally {
    await stack.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
