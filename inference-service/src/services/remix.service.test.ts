import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError, type CleanImage } from '@atelier/common';
import { MemoryStorage } from '@atelier/common/storage.fake';
import type { RemixRequest } from '@atelier/contracts';
import { ModelRegistry } from '@atelier/models';
import { RemixService } from './remix.service';
import { modelRef } from '@atelier/models';
import { ManifestCatalog } from './model-catalog';
import { MemoryGallery } from './gallery.fake';
import { MemoryRemixQueue } from './remix-queue.fake';
import { QueueUnavailableError } from './remix-queue';

const registry = await ModelRegistry.load();
const clean = async (bytes: Uint8Array): Promise<CleanImage> => {
  if (bytes[0] !== 1) throw new HttpError(415, 'unsupported_media_type', 'not an image');
  return { png: Buffer.from([1, 2, 3]), width: 10, height: 10, sha256: 'a'.repeat(64), sourceFormat: 'png' };
};

function setup(works: MemoryGallery['works'] = { w1: 'ok', w2: 'ok', w3: 'ok' }, scheduler?: ConstructorParameters<typeof RemixService>[0]['scheduler']) {
  const queue = new MemoryRemixQueue();
  const storage = new MemoryStorage();
  const gallery = new MemoryGallery(works);
  const models = new ManifestCatalog(registry.list(), undefined);
  return { queue, storage, gallery, service: new RemixService({ queue, storage, gallery, models, cleanImage: clean, scheduler }) };
}

const ME = { sessionId: 'visitor-me' };
const OTHER = { sessionId: 'visitor-other' };

const request = (over: Partial<RemixRequest> = {}): RemixRequest => ({
  requestId: randomUUID(),
  model: 'magenta-arbitrary-style',
  params: { styleWorkId: 'w1', strength: 0.8 },
  workIds: ['w2'],
  ...over,
});

describe('RemixService.create', () => {
  it('stores the clean canvas, queues a job with ids, keys and the tool, and returns a queued remix', async () => {
    const { service, queue, storage, gallery } = setup();
    const req = request();
    const { remix, created } = await service.create(req, Uint8Array.of(1), ME);
    expect(created).toBe(true);
    expect(remix).toMatchObject({ id: req.requestId, status: 'queued', tool: 'style', progress: 0, position: 1, inputSha256: 'a'.repeat(64) });
    expect(remix.model).toEqual(modelRef(registry.get('magenta-arbitrary-style')!));
    expect([...storage.objects.keys()]).toEqual([`inputs/${req.requestId}.png`]);
    expect((await queue.find(req.requestId))!.data).toEqual({
      remixId: req.requestId,
      model: 'magenta-arbitrary-style',
      tool: 'style',
      params: req.params,
      workIds: ['w2'],
      inputKey: `inputs/${req.requestId}.png`,
      inputSha256: 'a'.repeat(64),
      fairness: ME,
    });
    expect(gallery.checks).toEqual([['w2', 'w1']]);
  });

  it('checks every work the params name (worksNamedBy): a style mix checks both works', async () => {
    const { service, gallery } = setup();
    await service.create(request({ params: { styleWorkId: 'w1', mixWorkId: 'w3', strength: 1 } }), Uint8Array.of(1), ME);
    await service.create(request({ model: 'isnet-imgly-medium', params: { source: 'work', workId: 'w3' }, workIds: [] }), Uint8Array.of(1), ME);
    expect(gallery.checks).toEqual([['w2', 'w1', 'w3'], ['w3']]);
  });

  it('returns the same remix for the same requestId without storing or queueing again', async () => {
    const { service, queue, storage } = setup();
    const req = request();
    const first = await service.create(req, Uint8Array.of(1), ME);
    storage.objects.clear();
    const second = await service.create({ ...req, params: { styleWorkId: 'w2', strength: 0 } }, Uint8Array.of(9), ME);
    expect(second).toEqual({ remix: first.remix, created: false });
    expect(queue.adds).toBe(1);
    expect(storage.objects.size).toBe(0);
  });

  const failures: [string, Partial<RemixRequest>, number, string, MemoryGallery['works']?][] = [
    ['an unknown model', { model: 'sd-turbo' }, 400, 'unknown_model'],
    ['the safety classifier, which is enabled but runs no tool', { model: 'nsfwjs-mobilenet-v2' }, 400, 'unknown_model'],
    ['`constructor`, a property of every object', { model: 'constructor' }, 400, 'unknown_model'],
    ['a model that is off by default (no licence stated)', { model: 'fast-neural-style-nc16', params: { style: 'mosaic' } }, 400, 'unknown_model'],
    ["params of another tool than the model's", { model: 'isnet-imgly-medium' }, 400, 'validation_failed'],
    ['an unknown work', { workIds: ['nope'] }, 400, 'unknown_work'],
    ['a refused style work', {}, 422, 'work_not_remixable', { w1: { status: 'refused', reason: 'CC BY-NC' }, w2: 'ok' }],
  ];
  it.each(failures)('refuses %s and stores nothing', async (_name, over, status, code, works) => {
    const { service, queue, storage } = setup(works);
    await expect(service.create(request(over), Uint8Array.of(1), ME)).rejects.toMatchObject({ statusCode: status, code });
    expect(storage.objects.size + queue.adds).toBe(0);
  });

  it('reports params that do not fit the tool under `params`', async () => {
    const { service } = setup();
    const err = await service.create(request({ params: { styleWorkId: 'w1', strength: 2, prompt: 'x' } }), Uint8Array.of(1), ME).catch((e: HttpError) => e);
    expect(err).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    const paths = ((err as HttpError).details as { path: (string | number)[] }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([['params', 'strength'], ['params']]));
  });

  it('answers 503 when the gallery cannot be reached, and stores nothing', async () => {
    const { service, gallery, storage } = setup();
    gallery.down = true;
    await expect(service.create(request(), Uint8Array.of(1), ME)).rejects.toMatchObject({ statusCode: 503, code: 'gallery_unavailable' });
    expect(storage.objects.size).toBe(0);
  });

  it('answers 503 when the queue (Redis) cannot be reached', async () => {
    const { service, queue } = setup();
    queue.find = async () => Promise.reject(new QueueUnavailableError(new Error('ECONNREFUSED')));
    await expect(service.create(request(), Uint8Array.of(1), ME)).rejects.toMatchObject({ statusCode: 503, code: 'queue_unavailable' });
  });

  it('passes image errors through and stores nothing', async () => {
    const { service, storage } = setup();
    await expect(service.create(request(), Uint8Array.of(7), ME)).rejects.toMatchObject({ statusCode: 415 });
    expect(storage.objects.size).toBe(0);
  });
});

describe('RemixService after the output is out', () => {
  const ready = (id: string, model: ReturnType<typeof modelRef>) => ({
    progress: 1 as const,
    ready: { model, output: { key: `outputs/${id}.png`, sha256: 'c'.repeat(64), width: 8, height: 8 }, finishedAt: new Date().toISOString() },
  });

  it('answers finished to a cancel of a remix whose output is announced while its safety screen runs', async () => {
    const { service, queue } = setup();
    const { remix } = await service.create(request(), Uint8Array.of(1), ME);
    await queue.take();
    await queue.progress(remix.id, ready(remix.id, remix.model));
    const result = await service.cancel(remix.id, ME.sessionId);
    expect(result?.outcome).toBe('finished');
    expect(result?.remix).toMatchObject({ status: 'completed', progress: 1, screening: true });
  });

  it('gives a waiting or running remix an estimate, and a completed one (screen still running) none', async () => {
    const asked: string[] = [];
    const scheduler = {
      admit: async () => ({ priority: 1 }),
      release: async () => undefined,
      submitting: async () => false,
      estimateSeconds: async ({ state }: { state: string }) => (asked.push(state), 7),
    };
    const { service, queue } = setup(undefined, scheduler);
    const { remix } = await service.create(request(), Uint8Array.of(1), ME);
    expect(remix.estimateSeconds).toBe(7);
    await queue.take();
    await queue.progress(remix.id, ready(remix.id, remix.model));
    asked.length = 0;
    const done = await service.get(remix.id, ME.sessionId);
    expect(done).toMatchObject({ status: 'completed', screening: true });
    expect(done).not.toHaveProperty('estimateSeconds');
    expect(asked).toEqual([]);
  });

  it('serves the output of a completed remix, and answers 409 before, 404 for an unknown one', async () => {
    const { service, queue, storage } = setup();
    const { remix } = await service.create(request(), Uint8Array.of(1), ME);
    await expect(service.output(remix.id, ME.sessionId)).rejects.toMatchObject({ statusCode: 409, code: 'remix_not_ready' });
    await expect(service.output(randomUUID(), ME.sessionId)).rejects.toMatchObject({ statusCode: 404, code: 'remix_not_found' });
    await queue.take();
    await storage.put(`outputs/${remix.id}.png`, Buffer.from('png'));
    await queue.progress(remix.id, ready(remix.id, remix.model));
    expect((await service.output(remix.id, ME.sessionId)).toString()).toBe('png');
  });
});

describe('RemixService binds every remix to the visitor session that submitted it', () => {
  it('another session gets nothing: no read, no output, no cancel, and not the same requestId', async () => {
    const { service, queue, storage } = setup();
    const req = request();
    const { remix } = await service.create(req, Uint8Array.of(1), ME);
    expect(await service.get(remix.id, OTHER.sessionId)).toBeNull();
    await expect(service.read(remix.id, OTHER.sessionId)).rejects.toMatchObject({ statusCode: 404, code: 'remix_not_found' });
    await expect(service.output(remix.id, OTHER.sessionId)).rejects.toMatchObject({ statusCode: 404 });
    expect(await service.cancel(remix.id, OTHER.sessionId)).toBeNull();
    expect((await service.get(remix.id, ME.sessionId))?.status).toBe('queued'); // the cancel did nothing
    await expect(service.create(req, Uint8Array.of(1), OTHER)).rejects.toMatchObject({ statusCode: 409, code: 'request_id_taken' });
    expect(queue.adds).toBe(1);
    expect(storage.objects.size).toBe(1);
  });

  it('a job from before sessions were bound belongs to nobody', async () => {
    const { service, queue } = setup();
    const req = request();
    await service.create(req, Uint8Array.of(1), ME);
    delete (await queue.find(req.requestId))!.data.fairness;
    expect(await service.get(req.requestId, ME.sessionId)).toBeNull();
  });
});
