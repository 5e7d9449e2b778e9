import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskManifest } from '@atelier/contracts/exhibition.schema';
import { KioskFeed, type KioskState, type StreamHandlers } from './kiosk-feed';
import { parseExhibitionRoute } from './routes';

const manifest = (version: string, ids: string[]): KioskManifest => ({
  exhibitionId: 'e',
  title: { en: 'Pearls', nl: 'Parels' },
  slideSeconds: 5,
  transition: 'fade',
  version,
  slides: ids.map((id) => ({ creationId: id, title: id, altText: id, imageUrl: `/i/${id}`, width: 1, height: 1, pageUrl: `/g/${id}`, basedOn: [], basedOnMore: 0, licence: 'CC0', year: 2026 })),
});

function setup(fetchManifest: () => Promise<KioskManifest>) {
  const streams: StreamHandlers[] = [];
  const states: KioskState[] = [];
  const feed = new KioskFeed({
    eventsUrl: '/events',
    openStream: (_url, h) => {
      streams.push(h);
      return { close: () => undefined };
    },
    fetchManifest,
    onState: (s) => states.push(s),
    reconnectMs: { first: 1_000, max: 4_000 },
  });
  feed.start();
  return { feed, streams, states };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('KioskFeed', () => {
  it('shows each manifest the stream sends, and keeps the last one while the server is away', async () => {
    const down = Object.assign(new Error('down'), { status: 503 });
    const { feed, streams } = setup(() => Promise.reject(down));
    streams[0]!.manifest(manifest('v1', ['a', 'b']));
    expect(feed.current()).toMatchObject({ connection: 'live', gone: false });
    streams[0]!.error();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.current().connection).toBe('offline');
    expect(feed.current().manifest?.version).toBe('v1');
    // Reconnects with a doubling backoff, capped.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(streams).toHaveLength(2);
    streams[1]!.error();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(streams).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(streams).toHaveLength(3);
    streams[2]!.manifest(manifest('v2', ['a']));
    expect(feed.current()).toMatchObject({ connection: 'live', manifest: { version: 'v2' } });
    feed.stop();
  });

  it('clears the screen when the exhibition is no longer on view (404 or the gone event)', async () => {
    const { feed, streams } = setup(() => Promise.reject(Object.assign(new Error('nf'), { status: 404 })));
    streams[0]!.manifest(manifest('v1', ['a']));
    streams[0]!.error();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.current()).toMatchObject({ manifest: null, gone: true });
    await vi.advanceTimersByTimeAsync(1_000);
    streams[1]!.manifest(manifest('v3', ['b']));
    streams[1]!.gone();
    expect(feed.current()).toMatchObject({ manifest: null, gone: true });
    feed.stop();
  });

  it('ignores a stream after it failed once (one reconnect per failure)', async () => {
    const { streams, feed } = setup(() => Promise.resolve(manifest('v1', ['a'])));
    streams[0]!.error();
    streams[0]!.error();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(streams).toHaveLength(2);
    feed.stop();
  });
});

describe('exhibition routes', () => {
  it('parses every page, the kiosk and the memento', () => {
    expect(parseExhibitionRoute('/exhibitions')).toEqual({ page: 'exhibitions' });
    expect(parseExhibitionRoute('/exhibitions/manage')).toEqual({ page: 'exhibitionsManage' });
    expect(parseExhibitionRoute('/exhibitions/manage/new')).toEqual({ page: 'exhibitionEdit', id: null });
    expect(parseExhibitionRoute('/exhibitions/manage/abc')).toEqual({ page: 'exhibitionEdit', id: 'abc' });
    expect(parseExhibitionRoute('/exhibitions/abc')).toEqual({ page: 'exhibition', id: 'abc' });
    expect(parseExhibitionRoute('/kiosk/abc')).toEqual({ page: 'kiosk', id: 'abc' });
    expect(parseExhibitionRoute('/exhibitions/abc/garden')).toEqual({ page: 'garden', id: 'abc' });
    expect(parseExhibitionRoute('/memento')).toEqual({ page: 'memento' });
    expect(parseExhibitionRoute('/kiosk')).toBeNull();
  });
});
