import { afterEach, describe, expect, it, vi } from 'vitest';
import { galleryApi } from './gallery.client';
import { ApiError, postMultipart, request } from './http';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('turns the error body into an ApiError with code, message and details', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(422, { error: { code: 'licence_refused', message: 'NC work', details: { id: 'w1' } } })));
    const err = await request('/api/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'licence_refused', message: 'NC work', details: { id: 'w1' } });
  });

  it('survives a non-JSON error page', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(request('/api/x')).rejects.toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway' });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(request('/api/x')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('returns parsed JSON and undefined for 204', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, { ok: true })));
    await expect(request('/api/x')).resolves.toEqual({ ok: true });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    await expect(request('/api/x')).resolves.toBeUndefined();
  });

  it('sends meta before the file in multipart bodies', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => json(202, { id: 'r' }));
    vi.stubGlobal('fetch', fetchMock);
    await postMultipart('/api/inference/remixes', { requestId: 'x' }, 'canvas', new Blob(['png']), 'c.png');
    const form = fetchMock.mock.calls[0]![1]!.body as FormData;
    expect([...form.keys()]).toEqual(['meta', 'canvas']);
    expect(JSON.parse(form.get('meta') as string)).toEqual({ requestId: 'x' });
  });
});

describe('galleryApi', () => {
  it('builds the search URL with the visitor\'s language', async () => {
    const fetchMock = vi.fn(async (_url: string) => json(200, { items: [], total: 0, page: 1, pageSize: 24, totalIsLowerBound: false }));
    vi.stubGlobal('fetch', fetchMock);
    await galleryApi.listWorks(' tulips ', 'nl', 1, 24, { families: ['cc0', 'by'], iiif: true });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/gallery/works?q=tulips&page=1&pageSize=24&lang=nl&licence=cc0%2Cby&iiif=true');
  });

  it('asks every call that answers with credit text in the visitor\'s language', async () => {
    const fetchMock = vi.fn(async (url: string) => json(200, url.includes('/creations/preview') ? { allowed: [], suggested: 'cc0', ingredients: [] } : { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    await galleryApi.getWork('w 1', 'nl');
    await galleryApi.listCreations('nl', 3);
    await galleryApi.getCreation('c1', 'en');
    await galleryApi.moderationQueue('nl');
    await galleryApi.myCreations('nl');
    await galleryApi.previewPublish(['w1'], 'nl');
    const urls = fetchMock.mock.calls.map((c) => c[0]);
    expect(urls).toEqual([
      '/api/gallery/works/w%201?lang=nl',
      '/api/gallery/creations?page=3&lang=nl',
      '/api/gallery/creations/c1?lang=en',
      '/api/gallery/moderation/queue?lang=nl',
      '/api/gallery/creations/mine?page=1&lang=nl',
      '/api/gallery/creations/preview',
    ]);
    const init = (fetchMock.mock.calls[5] as unknown as [string, RequestInit])[1];
    expect(JSON.parse(init.body as string)).toEqual({ workIds: ['w1'], lang: 'nl' });
  });
});
