import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GalleryUnavailableError } from '../services/gallery';
import { HttpGalleryClient } from './gallery.client';

let server: Server;
let url: string;
const batches: number[] = [];
beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.url === '/api/gallery/works/check') {
      const ids = (JSON.parse(body) as { ids: string[] }).ids;
      batches.push(ids.length);
      res.setHeader('content-type', 'application/json');
      return void res.end(JSON.stringify({ works: ids.map((id) => ({ id, status: 'ok' })) }));
    }
    if (req.url === '/api/gallery/works/w1/image/working') return void res.end(Buffer.from('img'));
    res.writeHead(500).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('HttpGalleryClient', () => {
  it('checks works in batches of 50, the most gallery-api accepts', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `w${i}`);
    const works = await new HttpGalleryClient(url).checkWorks(ids);
    expect(works.map((w) => w.id)).toEqual(ids);
    expect(batches).toEqual([50, 1]);
  });
  it('fetches the working rendition', async () => {
    expect((await new HttpGalleryClient(url).workImage('w1')).toString()).toBe('img');
  });
  it('reports an error answer or an unreachable gallery as unavailable', async () => {
    await expect(new HttpGalleryClient(url).workImage('w2')).rejects.toBeInstanceOf(GalleryUnavailableError);
    await expect(new HttpGalleryClient('http://127.0.0.1:1').checkWorks(['a'])).rejects.toBeInstanceOf(GalleryUnavailableError);
  });
});
