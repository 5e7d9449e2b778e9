import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RemixStreamEvent } from '@atelier/contracts';
import { MemoryStorage } from '@atelier/common/storage.fake';
import { ModelRegistry } from '@atelier/models';
import { MemoryGallery } from './gallery.fake';
import { ManifestCatalog } from './model-catalog';
import { MemoryRemixEvents } from './remix-events.fake';
import { MemoryRemixQueue } from './remix-queue.fake';
import { RemixService } from './remix.service';
import { RemixStreamService, type RemixStream } from './remix-stream.service';

const manifests = (await ModelRegistry.load()).list();
const ME = 'visitor-me';

async function setup() {
  const events = new MemoryRemixEvents();
  const queue = new MemoryRemixQueue(events);
  const remixes = new RemixService({
    queue,
    storage: new MemoryStorage(),
    gallery: new MemoryGallery({ w1: 'ok' }),
    models: new ManifestCatalog(manifests, undefined),
    cleanImage: async () => ({ png: Buffer.from([1]), width: 64, height: 64, sha256: 'a'.repeat(64), sourceFormat: 'png' }),
  });
  const streams = new RemixStreamService({ remixes, events });
  const submit = async () => (await remixes.create({ requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'w1', strength: 1 }, workIds: [] }, Uint8Array.of(1), { sessionId: ME })).remix;
  return { events, queue, streams, submit };
}

/** Starts a stream and records what it sends; `ended` resolves when it ends. */
function follow(stream: RemixStream) {
  const sent: RemixStreamEvent[] = [];
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  stream.start({ send: (e) => sent.push(e), end });
  return { sent, names: () => sent.map((e) => e.event), ended };
}

const ready = (id: string) => ({
  progress: 1 as const,
  ready: { model: { id: 'magenta-arbitrary-style', version: '1', files: [] }, output: { key: `outputs/${id}.png`, sha256: 'b'.repeat(64), width: 4, height: 4 }, finishedAt: new Date().toISOString() },
});
const safety = { screened: true, flagged: false, scores: {}, flagClasses: ['Porn'], threshold: 0.6 };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('one event stream per remix', () => {
  it('follows a remix from the queue to its screen: progress, completed (screening), then screened, which ends it', async () => {
    const { queue, events, streams, submit } = await setup();
    const first = await submit();
    const remix = await submit();
    const s = follow(await streams.open(remix.id, ME));
    expect(s.sent[0]).toEqual({ event: 'progress', data: { progress: 0, status: 'queued', position: 2 } });
    await queue.take(); // the remix ahead starts: the queue moved
    await flush();
    expect(s.sent.at(-1)).toEqual({ event: 'progress', data: { progress: 0, status: 'queued', position: 1 } });
    await queue.fail(first.id, 'model files not usable');
    await queue.take();
    await flush();
    expect(s.sent.at(-1)).toEqual({ event: 'progress', data: { progress: 0, status: 'running' } });
    await queue.progress(remix.id, 0.4);
    await queue.progress(remix.id, 0.1); // never backwards
    await queue.progress(remix.id, ready(remix.id));
    await flush();
    expect(s.sent.at(-1)).toMatchObject({ event: 'completed', data: { status: 'completed', progress: 1, screening: true, tool: 'style' } });
    await queue.complete(remix.id, { ...ready(remix.id).ready, safety });
    await s.ended;
    expect(s.names()).toEqual(['progress', 'progress', 'progress', 'progress', 'completed', 'screened']);
    expect(s.sent.filter((e) => e.event === 'progress').map((e) => e.data.progress)).toEqual([0, 0, 0, 0.4]);
    expect(s.sent.at(-1)).toMatchObject({ event: 'screened', data: { status: 'completed', safety } });
    expect(s.sent.at(-1)!.data).not.toHaveProperty('screening');
    expect(events.count(remix.id)).toBe(0);
  });

  it('gives a late subscriber to a screened remix `completed` and `screened` at once', async () => {
    const { queue, streams, submit } = await setup();
    const remix = await submit();
    await queue.take();
    await queue.complete(remix.id, { ...ready(remix.id).ready, safety });
    const s = follow(await streams.open(remix.id, ME));
    await s.ended;
    expect(s.names()).toEqual(['completed', 'screened']);
    expect(s.sent[1]!.data).toMatchObject({ safety });
  });

  it('gives a subscriber arriving during the screen `completed` now and `screened` when it is done', async () => {
    const { queue, streams, submit } = await setup();
    const remix = await submit();
    await queue.take();
    await queue.progress(remix.id, ready(remix.id));
    const s = follow(await streams.open(remix.id, ME));
    expect(s.names()).toEqual(['completed']);
    await queue.complete(remix.id, { ...ready(remix.id).ready, safety });
    await s.ended;
    expect(s.names()).toEqual(['completed', 'screened']);
  });

  it('loses nothing that happens between opening and starting the stream', async () => {
    const { queue, streams, submit } = await setup();
    const remix = await submit();
    const stream = await streams.open(remix.id, ME);
    await queue.take();
    await queue.progress(remix.id, 0.5);
    await queue.progress(remix.id, ready(remix.id));
    await queue.complete(remix.id, { ...ready(remix.id).ready, safety });
    const s = follow(stream);
    await s.ended;
    expect(s.names()).toEqual(['progress', 'progress', 'completed', 'screened']);
    expect(s.sent[1]).toEqual({ event: 'progress', data: { progress: 0.5 } });
  });

  it('ends with `failed` (the first line of the reason) or `cancelled` (the remix)', async () => {
    const { queue, streams, submit } = await setup();
    const [failing, cancelled] = [await submit(), await submit()];
    const f = follow(await streams.open(failing.id, ME));
    const c = follow(await streams.open(cancelled.id, ME));
    await queue.take();
    await queue.fail(failing.id, 'model files not usable\n at stack');
    await queue.cancel(cancelled.id);
    await Promise.all([f.ended, c.ended]);
    expect(f.sent.at(-1)).toEqual({ event: 'failed', data: { error: 'model files not usable', code: 'failed' } });
    expect(c.sent.at(-1)).toMatchObject({ event: 'cancelled', data: { id: cancelled.id, status: 'cancelled' } });
    expect(follow(await streams.open(cancelled.id, ME)).names()).toEqual(['cancelled']);
  });

  it('answers 404 for an unknown remix, and sends nothing after it is closed', async () => {
    const { queue, events, streams, submit } = await setup();
    await expect(streams.open(randomUUID(), ME)).rejects.toMatchObject({ statusCode: 404, code: 'remix_not_found' });
    const remix = await submit();
    const stream = await streams.open(remix.id, ME);
    const s = follow(stream);
    stream.close();
    await s.ended;
    await queue.take();
    await flush();
    expect(s.names()).toEqual(['progress']);
    expect(events.count(remix.id)).toBe(0);
  });
});
