import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SafetyReport, Tool, ToolParams } from '@atelier/contracts';
import type { RemixJobResult } from '../jobs/remix.job';
import { MemoryRemixEvents } from '../services/remix-events.fake';
import { MemoryRemixQueue } from '../services/remix-queue.fake';
import type { TestVisitor } from '@atelier/common/testing/visitors';
import { testApi } from '../testing/app';

// Every response goes through its contract schema (@atelier/contracts, serialised by fastify-type-provider-zod)
// and is published in the OpenAPI document: nothing the service builds may be dropped on the way out, and
// nothing off the contract may leave.

let app: FastifyInstance;
let queue: MemoryRemixQueue;
let visitor: TestVisitor;
beforeEach(async () => {
  const events = new MemoryRemixEvents();
  queue = new MemoryRemixQueue(events, () => CREATED);
  ({ app, visitor } = await testApi({}, { queue, events }));
});
afterEach(() => app.close());

const CREATED = Date.parse('2026-11-24T10:00:00.000Z');
const MODEL = { id: 'magenta-arbitrary-style', version: '9.9.9', files: [{ name: 'predict.onnx', sha256: 'f'.repeat(64) }] };
const SAFETY: SafetyReport = {
  screened: true,
  flagged: true,
  scores: { input: { Neutral: 0.9, Porn: 0.1 }, output: { Porn: 0.7, Hentai: 0.1 } },
  flagClasses: ['Porn', 'Hentai'],
  threshold: 0.6,
  model: { id: 'nsfwjs-mobilenet-v2', version: '1.0.0' },
  note: 'a note',
};

const TOOL_OF: Record<string, Tool> = { 'magenta-arbitrary-style': 'style', 'isnet-imgly-medium': 'cutout', 'upscalerjs-esrgan-slim': 'upscale', 'whitebox-cartoonizer': 'cartoon', 'fast-neural-style-nc16': 'fixed-style' };

/** A remix in the fake queue, driven by the worker's side to `end`. */
async function job(
  over: { params?: ToolParams; model?: string; end?: 'queued' | 'running' | 'ready' | 'completed' | 'failed'; progress?: number; result?: RemixJobResult; failedReason?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const { params = { styleWorkId: 'starry-night', strength: 0.8, mixWorkId: 'harvesters', mixWeight: 0.25, recipeId: 'starry-night' }, model = MODEL.id, end = 'queued' } = over;
  await queue.add({ remixId: id, model, tool: TOOL_OF[model]!, params, workIds: ['harvesters'], inputKey: `inputs/${id}.png`, inputSha256: 'a'.repeat(64), fairness: { sessionId: visitor.session.id } });
  if (end === 'queued') return id;
  await queue.take();
  if (over.progress) await queue.progress(id, over.progress);
  const { safety: _s, timings: _t, ...ready } = result(id);
  if (end === 'ready') await queue.progress(id, { progress: 1, ready });
  if (end === 'completed') await queue.complete(id, over.result ?? result(id, SAFETY));
  if (end === 'failed') await queue.fail(id, over.failedReason ?? 'failed');
  return id;
}

const result = (id: string, safety?: SafetyReport): RemixJobResult => ({
  model: MODEL,
  output: { key: `outputs/${id}.png`, sha256: 'b'.repeat(64), width: 640, height: 480 },
  finishedAt: '2026-11-24T10:00:05.000Z',
  ...(safety ? { safety } : {}),
  timings: { queueMs: 3, processMs: 900 },
});

const get = async (id: string) => (await app.inject({ url: `/api/inference/remixes/${id}`, headers: visitor.headers })).json();

describe('remix responses keep every field the service sends', () => {
  it('a completed, screened remix: tool, output, safety report and the full params, and no job internals', async () => {
    const id = await job({ end: 'completed' });
    expect(await get(id)).toEqual({
      id,
      status: 'completed',
      tool: 'style',
      progress: 1,
      model: MODEL,
      params: { styleWorkId: 'starry-night', strength: 0.8, mixWorkId: 'harvesters', mixWeight: 0.25, recipeId: 'starry-night' },
      safety: SAFETY,
      workIds: ['harvesters'],
      inputSha256: 'a'.repeat(64),
      output: { url: `/api/inference/remixes/${id}/output.png`, sha256: 'b'.repeat(64), width: 640, height: 480 },
      createdAt: '2026-11-24T10:00:00.000Z',
      finishedAt: '2026-11-24T10:00:05.000Z',
    });
  });

  it('a remix whose screen is still running says `screening: true`', async () => {
    const id = await job({ end: 'ready', progress: 0.9 });
    const remix = await get(id);
    expect(remix).toMatchObject({ status: 'completed', progress: 1, screening: true, finishedAt: '2026-11-24T10:00:05.000Z' });
    expect(remix).not.toHaveProperty('safety');
  });

  it("each tool's params come back as they were sent, with the tool", async () => {
    const cases: { model: string; params: ToolParams }[] = [
      { model: 'isnet-imgly-medium', params: { source: 'work', workId: 'harvesters' } },
      { model: 'upscalerjs-esrgan-slim', params: { source: 'canvas', scale: 4 } },
      { model: 'whitebox-cartoonizer', params: {} },
      { model: 'fast-neural-style-nc16', params: { style: 'udnie' } },
    ];
    for (const c of cases) expect(await get(await job(c))).toMatchObject({ params: c.params, tool: TOOL_OF[c.model] });
  });

  it("keeps the model's licence and marks; a result stored before the licence was recorded has none", async () => {
    const cartoonizer = {
      id: 'whitebox-cartoonizer',
      version: '1.0.0',
      files: [{ name: 'cartoon.onnx', sha256: 'e'.repeat(64) }],
      licence: { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial' as const] },
    };
    const licensed = await job({ end: 'completed', model: 'whitebox-cartoonizer', params: {}, result: { ...result('x'), model: cartoonizer } });
    expect((await get(licensed)).model).toEqual(cartoonizer);

    const fns = { id: 'fast-neural-style-nc16', version: '1.0.0', files: [], licence: { spdx: null, uri: null, flags: ['licence_not_stated' as const] } };
    const unstated = await job({ end: 'completed', model: 'fast-neural-style-nc16', params: { style: 'candy' }, result: { ...result('x'), model: fns } });
    expect((await get(unstated)).model).toEqual(fns);

    const old = await job({ end: 'completed' });
    expect((await get(old)).model).toEqual(MODEL);
    expect((await get(old)).model).not.toHaveProperty('licence');
  });

  it('a queued remix reports the current manifest with its licence', async () => {
    expect((await get(await job())).model.licence).toEqual({ spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] });
  });

  it('a failed remix carries the first line of its error', async () => {
    const id = await job({ end: 'failed', failedReason: 'model files not usable\n at stack' });
    expect(await get(id)).toMatchObject({ status: 'failed', error: 'model files not usable' });
  });

  it('strips what the contract does not publish', async () => {
    const id = await job({ end: 'completed', result: result('x', { ...SAFETY, debug: { raw: [1, 2, 3] } } as SafetyReport) });
    const remix = await get(id);
    expect(remix.safety).toEqual(SAFETY);
    expect(remix.safety).not.toHaveProperty('debug');
  });

  it('refuses to send a remix off its contract (params no tool accepts) as a 500, not as a silently different shape', async () => {
    const id = await job({ params: { styleWorkId: 'starry-night', strength: 0.5, prompt: 'sneaked in' } as never });
    const res = await app.inject({ url: `/api/inference/remixes/${id}`, headers: visitor.headers });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
  });

  it('the event stream sends the remix through the same contract: fields kept, extras dropped', async () => {
    const id = await job({ end: 'completed', result: result('x', { ...SAFETY, debug: { raw: [1, 2, 3] } } as SafetyReport) });
    const body = (await app.inject({ url: `/api/inference/remixes/${id}/events`, headers: visitor.headers })).body;
    const events = [...body.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map(([, event, data]) => ({ event, data: JSON.parse(data!) }));
    expect(events.map((e) => e.event)).toEqual(['completed', 'screened']);
    for (const e of events) expect(e.data).toEqual({ ...(await get(id)), safety: SAFETY });
  });

  it('the event stream ends without an event rather than send a remix off its contract', async () => {
    const id = await job({ end: 'completed', params: { styleWorkId: 'starry-night', strength: 0.5, prompt: 'sneaked in' } as never });
    const res = await app.inject({ url: `/api/inference/remixes/${id}/events`, headers: visitor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('DELETE answers the remix (200 cancelled, 202 stopping) or an error body with details', async () => {
    const queued = await job();
    const cancelled = await app.inject({ method: 'DELETE', url: `/api/inference/remixes/${queued}`, headers: visitor.headers });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual(await get(queued));
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', params: { mixWorkId: 'harvesters', recipeId: 'starry-night' } });

    const running = await job({ end: 'running', progress: 0.4 });
    const stopping = await app.inject({ method: 'DELETE', url: `/api/inference/remixes/${running}`, headers: visitor.headers });
    expect(stopping.statusCode).toBe(202);
    expect(stopping.json()).toMatchObject({ id: running, status: 'running', progress: 0.4 });
    expect(queue.signalled.has(running)).toBe(true);

    const done = await job({ end: 'completed' });
    const finished = await app.inject({ method: 'DELETE', url: `/api/inference/remixes/${done}`, headers: visitor.headers });
    expect(finished.statusCode).toBe(409);
    expect(finished.json()).toEqual({ error: { code: 'remix_finished', message: 'The remix has already completed.', details: { status: 'completed' } } });
  });
});

describe('the published OpenAPI document', () => {
  type Operation = { responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>; requestBody?: unknown };
  const operations = async () => {
    const doc = (await app.inject('/api/inference/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    return (path: string, method: string) => doc.paths[`/api/inference${path}`]?.[method];
  };
  const jsonProps = (op: Operation | undefined, status: number) => Object.keys(op?.responses[status]?.content?.['application/json']?.schema?.properties ?? {});

  it('has a Remix response schema, with screening and safety, for every remix route', async () => {
    const op = await operations();
    const remixFields = ['id', 'status', 'tool', 'progress', 'model', 'params', 'safety', 'screening', 'workIds', 'inputSha256', 'output', 'createdAt', 'finishedAt'];
    for (const [path, method, statuses] of [
      ['/remixes', 'post', [200, 202]],
      ['/remixes/{id}', 'get', [200]],
      ['/remixes/{id}', 'delete', [200, 202]],
    ] as const) {
      for (const status of statuses) expect(jsonProps(op(path, method), status), `${method} ${path} ${status}`).toEqual(expect.arrayContaining(remixFields));
    }
  });

  it('describes errors, the multipart request, the image and the event stream', async () => {
    const op = await operations();
    for (const [path, method, status] of [
      ['/remixes', 'post', 400], ['/remixes', 'post', 413], ['/remixes', 'post', 415], ['/remixes', 'post', 422], ['/remixes', 'post', 429],
      ['/remixes/{id}', 'get', 404], ['/remixes/{id}', 'delete', 409], ['/remixes/{id}/output.png', 'get', 409], ['/remixes/{id}/events', 'get', 404],
    ] as const) {
      expect(jsonProps(op(path, method), status), `${method} ${path} ${status}`).toEqual(['error']);
    }
    expect(op('/remixes', 'post')?.requestBody).toMatchObject({ content: { 'multipart/form-data': { schema: { properties: { meta: {}, canvas: { format: 'binary' } } } } } });
    expect(op('/remixes/{id}/output.png', 'get')?.responses[200]?.content).toEqual({ 'image/png': { schema: { type: 'string', format: 'binary' } } });
    expect(Object.keys(op('/remixes/{id}/events', 'get')?.responses[200]?.content ?? {})).toEqual(['text/event-stream']);
  });

  it('has response schemas for the models, recipes and health', async () => {
    const op = await operations();
    const items = (path: string) =>
      Object.keys((op(path, 'get')?.responses[200]?.content?.['application/json']?.schema as { items?: { properties?: object } })?.items?.properties ?? {});
    expect(items('/models')).toEqual(expect.arrayContaining(['id', 'version', 'tool', 'label', 'defaults', 'licence', 'enabled', 'disabledReason']));
    expect(items('/recipes')).toEqual(['id', 'model', 'title', 'lookFor', 'params', 'precomputed']);
    expect(jsonProps(op('/health', 'get'), 503)).toEqual(['ok', 'redis', 'workers', 'storage', 'models']);
  });
});
