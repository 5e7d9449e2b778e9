import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError, type CleanImage } from '@atelier/common';
import { ModelRegistry } from '@atelier/models';
import { RemixService, modelRef, type RemixRequest } from './remix.service';
import { ManifestCatalog } from './model-catalog';
import { FakeGallery, MemoryQueue, MemoryStorage } from '../testing/fakes';
import { QueueUnavailableError } from '../repositories/remix-queue.repository';

const registry = await ModelRegistry.load();
const clean = async (bytes: Uint8Array): Promise<CleanImage> => {
  if (bytes[0] !== 1) throw new HttpError(415, 'unsupported_media_type', 'not an image');
  return { png: Buffer.from([1, 2, 3]), width: 10, height: 10, sha256: 'a'.repeat(64), sourceFormat: 'png' };
};

function setup(works: ConstructorParameters<typeof FakeGallery>[0] = { w1: 'ok', w2: 'ok' }) {
  const queue = new MemoryQueue();
  const storage = new MemoryStorage();
  const gallery = new FakeGallery(works);
  const catalog = new ManifestCatalog(registry.list(), new Set(['magenta-arbitrary-style']), undefined);
  return { queue, storage, gallery, service: new RemixService({ queue, storage, gallery, models: catalog, cleanImage: clean }) };
}

const request = (over: Partial<RemixRequest> = {}): RemixRequest => ({
  requestId: randomUUID(),
  model: 'magenta-arbitrary-style',
  params: { styleWorkId: 'w1', strength: 0.8 },
  workIds: ['w2'],
  ...over,
});

describe('RemixService.create', () => {
  it('stores the clean canvas, queues a job with ids and keys only, and returns a queued remix', async () => {
    const { service, queue, storage, gallery } = setup();
    const req = request();
    const { remix, created } = await service.create(req, Uint8Array.of(1));
    expect(created).toBe(true);
    expect(remix).toMatchObject({ id: req.requestId, status: 'queued', progress: 0, position: 1, inputSha256: 'a'.repeat(64) });
    expect(remix.model.files.map((f) => f.name)).toEqual(['style_predict.onnx', 'style_transfer.onnx']);
    expect([...storage.files.keys()]).toEqual([`inputs/${req.requestId}.png`]);
    expect(queue.jobs.get(req.requestId)!.data).toEqual({
      remixId: req.requestId,
      model: 'magenta-arbitrary-style',
      params: req.params,
      workIds: ['w2'],
      inputKey: `inputs/${req.requestId}.png`,
      inputSha256: 'a'.repeat(64),
      fairness: { sessionId: 'anonymous' },
    });
    expect(gallery.checks).toEqual([['w2', 'w1']]);
  });

  it('returns the same remix for the same requestId without storing or queueing again', async () => {
    const { service, queue, storage } = setup();
    const req = request();
    const first = await service.create(req, Uint8Array.of(1));
    storage.files.clear();
    const second = await service.create({ ...req, params: { styleWorkId: 'w2', strength: 0 } }, Uint8Array.of(9));
    expect(second).toEqual({ remix: first.remix, created: false });
    expect(queue.adds).toBe(1);
    expect(storage.files.size).toBe(0);
  });

  const failures: [string, Partial<RemixRequest>, number, string, ConstructorParameters<typeof FakeGallery>[0]?][] = [
    ['an unknown model', { model: 'sd-turbo' }, 400, 'unknown_model'],
    ['a model that is off by default (no licence stated)', { model: 'fast-neural-style-nc16' }, 400, 'unknown_model'],
    ['an unknown work', { workIds: ['nope'] }, 400, 'unknown_work'],
    ['a refused style work', {}, 422, 'work_not_remixable', { w1: { status: 'refused', reason: 'CC BY-NC' }, w2: 'ok' }],
  ];
  it.each(failures)('refuses %s and stores nothing', async (_name, over, status, code, works) => {
    const { service, queue, storage } = setup(works);
    await expect(service.create(request(over), Uint8Array.of(1))).rejects.toMatchObject({ statusCode: status, code });
    expect(storage.files.size + queue.jobs.size).toBe(0);
  });

  it('answers 503 when the gallery cannot be reached, and stores nothing', async () => {
    const { service, gallery, storage } = setup();
    gallery.down = true;
    await expect(service.create(request(), Uint8Array.of(1))).rejects.toMatchObject({ statusCode: 503, code: 'gallery_unavailable' });
    expect(storage.files.size).toBe(0);
  });

  it('answers 503 when the queue (Redis) cannot be reached', async () => {
    const { service, queue } = setup();
    queue.find = async () => Promise.reject(new QueueUnavailableError(new Error('ECONNREFUSED')));
    await expect(service.create(request(), Uint8Array.of(1))).rejects.toMatchObject({ statusCode: 503, code: 'queue_unavailable' });
  });

  it('passes image errors through and stores nothing', async () => {
    const { service, storage } = setup();
    await expect(service.create(request(), Uint8Array.of(7))).rejects.toMatchObject({ statusCode: 415 });
    expect(storage.files.size).toBe(0);
  });
});

describe('modelRef', () => {
  const ref = (id: string) => modelRef(registry.get(id)!);

  it("carries the manifest's licence: Magenta is Apache-2.0 with no marks", () => {
    expect(ref('magenta-arbitrary-style')).toEqual({
      id: 'magenta-arbitrary-style',
      version: '1.0.0',
      files: registry.get('magenta-arbitrary-style')!.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
      licence: { spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] },
    });
  });

  it('marks the white-box cartoonizer non-commercial', () => {
    expect(ref('whitebox-cartoonizer').licence).toEqual({
      spdx: 'CC-BY-NC-SA-4.0',
      uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
      flags: ['non_commercial'],
    });
  });

  it('marks fast-neural-style as having no licence stated', () => {
    expect(ref('fast-neural-style-nc16').licence).toEqual({ spdx: null, uri: null, flags: ['licence_not_stated'] });
  });

  it('uses the same flags as the model list (one mapping)', () => {
    const listed = new ManifestCatalog(registry.list(), new Set(), undefined).list();
    for (const m of listed) expect(ref(m.id).licence).toEqual({ spdx: m.licence.spdx, uri: m.licence.uri, flags: m.licence.flags });
  });

  it('is what a queued remix reports as its model', async () => {
    const { service } = setup();
    const { remix } = await service.create(request(), Uint8Array.of(1));
    expect(remix.model).toEqual(ref('magenta-arbitrary-style'));
  });
});

describe('ManifestCatalog', () => {
  it('lists all seven models and enables only those with an adapter and a licence that allows it', () => {
    const list = new ManifestCatalog(registry.list(), new Set(['magenta-arbitrary-style', 'whitebox-cartoonizer']), undefined).list();
    expect(list).toHaveLength(7);
    expect(list.filter((m) => m.enabled).map((m) => m.id)).toEqual(['magenta-arbitrary-style']);
    expect(list.find((m) => m.id === 'whitebox-cartoonizer')!.licence.flags).toEqual(['non_commercial']);
  });
  it('lets the operator list decide when given', () => {
    const catalog = new ManifestCatalog(registry.list(), new Set(['magenta-arbitrary-style']), []);
    expect(catalog.runnable('magenta-arbitrary-style')).toBeUndefined();
  });
});

describe('RemixService.cancel after the output is out', () => {
  it('answers finished for a remix whose output is announced while its safety screen runs', async () => {
    const { service, queue } = setup();
    const { remix } = await service.create(request(), Uint8Array.of(1));
    const job = queue.jobs.get(remix.id)!;
    // The worker has stored and announced the output; the job is still active for the screen.
    Object.assign(job, {
      state: 'running',
      progress: 100,
      ready: { model: remix.model, output: { key: `outputs/${remix.id}.png`, sha256: 'c'.repeat(64), width: 8, height: 8 }, finishedAt: new Date().toISOString() },
    });
    const result = await service.cancel(remix.id);
    expect(result?.outcome).toBe('finished');
    expect(result?.remix).toMatchObject({ status: 'completed', screening: true });
  });

  it('gives a waiting or running remix an estimate, and a completed one (screen still running) none', async () => {
    const { queue, storage, gallery } = setup();
    const catalog = new ManifestCatalog(registry.list(), new Set(['magenta-arbitrary-style']), undefined);
    const asked: string[] = [];
    const scheduler = {
      admit: async () => ({ priority: 1 }),
      release: async () => undefined,
      estimateSeconds: async ({ state }: { state: string }) => (asked.push(state), 7),
    };
    const service = new RemixService({ queue, storage, gallery, models: catalog, cleanImage: clean, scheduler });
    const { remix } = await service.create(request(), Uint8Array.of(1));
    expect(remix.estimateSeconds).toBe(7);
    Object.assign(queue.jobs.get(remix.id)!, {
      state: 'running',
      ready: { model: remix.model, output: { key: 'k', sha256: 'c'.repeat(64), width: 8, height: 8 }, finishedAt: new Date().toISOString() },
    });
    asked.length = 0;
    const done = await service.get(remix.id);
    expect(done).toMatchObject({ status: 'completed', screening: true });
    expect(done).not.toHaveProperty('estimateSeconds');
    expect(asked).toEqual([]);
  });
});
