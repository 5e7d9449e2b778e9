/**
 * `npm run bench`: for a 512×512 canvas, the time from submitting a remix to its result being available
 * (through HTTP, Redis/BullMQ, the worker process and storage), beside the raw `session.run` time of the
 * same model on the same tensors in this same run, so the overhead around the model shows as a ratio.
 * The stack runs twice: with the nsfwjs safety screen (the default) and without it. The screen runs in the
 * worker after the output is stored and announced, so it is off the visitor's path; the benchmark waits for
 * it to finish before the next remix (a visitor looks at a result for seconds), so it does not slow the next.
 * Both ratios are printed, with where the time outside `session.run` goes. The raw runs alternate with the end-to-end
 * ones (one raw round after each remix, in this process, while the worker waits), so both see the same machine: run
 * one after the other, the model's own time differed by 15-25 % and the ratio swung with it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import * as ort from 'onnxruntime-node';
import type { Queue } from 'bullmq';
import { REPO_ROOT } from '../../scripts/stack';
import { summary } from './summary';
import { withBenchStack } from './bench-stack';
import { imageToTensor, tensorToPng } from '../../inference-service/src/runtime/image-tensor';
import { createSessionFactory, resolveProviders } from '../../inference-service/src/runtime/providers';
import { fmt, median, percentile } from './stats';
import { PhaseSamples, remixStream, wallNow } from './phases';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const WARMUP = 2;
const SIZE = 512;
const MODEL_DIR = resolve(process.env.MODEL_DIR ?? resolve(REPO_ROOT, '../shared/models'));
const SAMPLE = resolve(process.env.COLLECTION_SAMPLE_DIR ?? resolve(REPO_ROOT, '../shared/collection-sample'));
const STYLE_WORK = 'local-hokusai-great-wave';
const CONTENT_WORK = 'local-bruegel-harvesters';
const STRENGTH = 0.8;
const SAFETY_MODEL = 'nsfwjs-mobilenet-v2';

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

function row(label: string, values: number[]): string {
  return `${label.padEnd(52)}${fmt(median(values))}${fmt(percentile(values, 95))}   n=${values.length}`;
}

interface Run {
  completed: number[];
  available: number[];
  /** The same canvas uploaded through the proxy and refused (400, unknown model) before any work. */
  refusedUpload: number[];
  phases: PhaseSamples;
}

function remixForm(canvas: Buffer, model: string): FormData {
  const form = new FormData();
  form.set('meta', JSON.stringify({ requestId: randomUUID(), model, params: { styleWorkId: STYLE_WORK, strength: STRENGTH }, workIds: [CONTENT_WORK] }));
  form.set('canvas', new Blob([new Uint8Array(canvas)], { type: 'image/png' }), 'canvas.png');
  return form;
}

/**
 * What moving the pixels costs with no work at all: the canvas is read whole by the route, then refused
 * for its unknown model (one Redis read). With the download of the output, this is the floor of the
 * overhead that this HTTP shape (studio proxy → API → worker → proxy) can reach.
 */
async function refusedUpload(studioUrl: string, canvas: Buffer, visitor: { cookie: string }): Promise<number> {
  const form = remixForm(canvas, 'bench-no-such-model');
  const t0 = performance.now();
  const res = await fetch(`${studioUrl}/api/inference/remixes`, { method: 'POST', body: form, headers: visitor });
  await res.arrayBuffer();
  if (res.status !== 400) throw new Error(`a remix with an unknown model answered ${res.status}`);
  return performance.now() - t0;
}

async function endToEnd(
  studioUrl: string,
  queue: Queue,
  canvas: Buffer,
  visitor: { cookie: string },
  between: (record: boolean) => Promise<void>,
): Promise<Run> {
  const run: Run = { completed: [], available: [], refusedUpload: [], phases: new PhaseSamples() };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const form = remixForm(canvas, 'magenta-arbitrary-style');
    const id = (JSON.parse(form.get('meta') as string) as { requestId: string }).requestId;
    const t0 = performance.now();
    const submitted = wallNow();
    // The stream is opened before the submit returns its answer, as the studio does right after a 202.
    const res = await fetch(`${studioUrl}/api/inference/remixes`, { method: 'POST', body: form, headers: visitor });
    if (res.status !== 202) throw new Error(`remix submit answered ${res.status}: ${await res.text()}`);
    const answered = wallNow();
    const stream = await remixStream(`${studioUrl}/api/inference/remixes/${id}/events`, visitor);
    const done = await stream.until(['completed', 'failed', 'cancelled']);
    if (done.event !== 'completed') throw new Error(`remix ${done.event}: ${JSON.stringify(done.data)}`);
    const t1 = performance.now();
    const completed = wallNow();
    const out = await fetch(`${studioUrl}/api/inference/remixes/${id}/output.png`, { headers: visitor });
    if (!out.ok) throw new Error(`output answered ${out.status}`);
    await out.arrayBuffer();
    const t2 = performance.now();
    // The screen runs after the output: wait for it, as a visitor's seconds of looking at the result would, so
    // it does not overlap the next remix.
    await stream.until(['screened']);
    await stream.close();
    if (i >= WARMUP) {
      run.completed.push(t1 - t0);
      run.available.push(t2 - t0);
      await run.phases.collect(queue, id, { submitted, answered, completed, downloaded: wallNow() });
      run.refusedUpload.push(await refusedUpload(studioUrl, canvas, visitor));
    }
    await between(i >= WARMUP);
  }
  return run;
}

/** The same model on the same tensors in this process: one round per call, recorded once warm. */
async function rawRunner(canvas: Buffer, styleImage: Buffer) {
  const providers = resolveProviders(process.env.INFERENCE_PROVIDERS ? process.env.INFERENCE_PROVIDERS.split(',') : ['cuda', 'cpu']);
  const factory = createSessionFactory({ providers, intraOpNumThreads: process.env.INFERENCE_THREADS ? Number(process.env.INFERENCE_THREADS) : undefined });
  const predict = (await factory(join(MODEL_DIR, 'magenta-arbitrary-style/style_predict.onnx'))).session;
  const { session: transfer, provider } = await factory(join(MODEL_DIR, 'magenta-arbitrary-style/style_transfer.onnx'));
  const safety = (await factory(join(MODEL_DIR, SAFETY_MODEL, 'model.onnx'))).session;
  const style = (await predict.run({ style_image: await imageToTensor(styleImage, 256, 256, 'cover') })).style_bottleneck!;
  const r = { provider, pre: [] as number[], predict: [] as number[], transfer: [] as number[], post: [] as number[], screen: [] as number[] };
  const once = async (record: boolean) => {
    const [tPre, tensors] = await time(async () => ({
      small: await imageToTensor(canvas, 256, 256, 'cover'),
      content: await imageToTensor(canvas, SIZE, SIZE, 'fill'),
      screen: await imageToTensor(canvas, 224, 224, 'fill'),
    }));
    const [tPredict, own] = await time(() => predict.run({ style_image: tensors.small }));
    const s = style.data as Float32Array;
    const c = own.style_bottleneck!.data as Float32Array;
    const blended = new ort.Tensor('float32', s.map((v, k) => STRENGTH * v + (1 - STRENGTH) * c[k]!), [1, 100, 1, 1]);
    const [tTransfer, out] = await time(() => transfer.run({ content_image: tensors.content, style_bottleneck: blended }));
    const [tPost] = await time(() => tensorToPng(out.stylized_image!));
    // The screen's two runs (canvas and output), for the with-screen ratio.
    const [tScreen] = await time(async () => {
      await safety.run({ input: tensors.screen });
      await safety.run({ input: tensors.screen });
    });
    if (record) r.pre.push(tPre), r.predict.push(tPredict), r.transfer.push(tTransfer), r.post.push(tPost), r.screen.push(tScreen);
  };
  for (let i = 0; i < WARMUP; i++) await once(false);
  return { samples: r, once, release: () => Promise.all([predict.release(), transfer.release(), safety.release()]) };
}

async function main(): Promise<void> {
  const canvas = await sharp(readFileSync(join(SAMPLE, 'images/bruegel_the-harvesters_1565.jpg')))
    .resize(SIZE, SIZE, { fit: 'cover' })
    .png()
    .toBuffer();
  const styleImage = readFileSync(join(SAMPLE, 'images/hokusai_the-great-wave-off-kanagawa.jpg'));
  console.log(`remix benchmark: ${SIZE}×${SIZE} canvas, Magenta style transfer, strength ${STRENGTH}, ${RUNS} runs after ${WARMUP} warm-up`);

  // BENCH_STACKS=unscreened measures only the stack without the screen (a quicker loop while tuning).
  const only = process.env.BENCH_STACKS;
  const rawRuns = await rawRunner(canvas, styleImage);
  const stack = (env: Record<string, string>) =>
    withBenchStack({ modelDir: MODEL_DIR, sampleDir: SAMPLE, env }, (s) => endToEnd(s.studioUrl, s.queue, canvas, s.visitor('bench-remix'), rawRuns.once));
  const screened = only === 'unscreened' ? null : await stack({});
  const unscreened = await stack({ INFERENCE_MODELS: `-${SAFETY_MODEL}` });
  await rawRuns.release();
  const r = rawRuns.samples;
  const rawTotal = r.predict.map((p, i) => p + r.transfer[i]!);

  console.log(`\n${''.padEnd(52)}${'median'.padStart(10)}${'p95'.padStart(10)}`);
  console.log(row(`raw session.run style_transfer ${SIZE}² (${r.provider})`, r.transfer));
  console.log(row('raw session.run style_predict 256² (content)', r.predict));
  console.log(row('raw session.run total (predict + transfer)', rawTotal));
  console.log(row('raw session.run nsfwjs 224² ×2 (after the output)', r.screen));
  console.log(row('raw pre-processing (decode, resize, tensors)', r.pre));
  console.log(row('raw post-processing (tensor → PNG, zlib level 1)', r.post));
  const runs = [['with the safety screen (default)', screened], ['without the safety screen', unscreened]] as const;
  for (const [title, run] of runs) {
    if (!run) continue;
    console.log(`\n${title}`);
    console.log(row('end to end: submit → completed event', run.completed));
    console.log(row('end to end: submit → output PNG downloaded', run.available));
    for (const line of run.phases.rows()) console.log(line);
    console.log(row('  floor: same canvas uploaded, refused (400)', run.refusedUpload));
  }
  const ratio = (run: Run, base: number[]) => `${(median(run.available) / median(base)).toFixed(2)}× (${(median(run.available) - median(base)).toFixed(1)} ms)`;
  console.log('\noverhead: median end to end (output downloaded) ÷ median raw session.run');
  console.log(`  without the screen, over predict + transfer:            ${ratio(unscreened, rawTotal)}`);
  if (screened) console.log(`  with the screen (it runs after the output), over predict + transfer: ${ratio(screened, rawTotal)}`);
  // The floor: raw model time plus only moving the pixels (upload refused at once + the output's download).
  const floor = median(unscreened.refusedUpload) + median(unscreened.phases.get('completed event → output downloaded'));
  console.log(`  floor of this HTTP shape (raw + upload refused + download, no work): ${((median(rawTotal) + floor) / median(rawTotal)).toFixed(2)}× (${floor.toFixed(1)} ms)`);
  // Issue 16 item 2: end to end ≤ raw (pre + run + post) + the HTTP floor + 15 ms, at the median.
  const rawWhole = median(r.pre) + median(rawTotal) + median(r.post);
  const allowed = rawWhole + floor + 15;
  const e2e = median(unscreened.available);
  summary({
    what: `style remix ${SIZE}², submit → PNG downloaded`,
    anchor: `raw pre+run+post ${rawWhole.toFixed(0)} ms + floor ${floor.toFixed(0)} ms`,
    now: `${e2e.toFixed(0)} ms (${(e2e - rawWhole - floor).toFixed(0)} ms over raw + floor)`,
    ratio: e2e / rawWhole,
    target: `≤ raw + floor + 15 ms (${allowed.toFixed(0)} ms)`,
    met: e2e <= allowed,
  });
}

await main();
