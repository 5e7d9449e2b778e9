import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockedUrlError, HttpFetcher } from './http-fetcher';
import { guardedFetch, imageHostPolicy, isPublicAddress } from './work-region-fetch';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true], ['151.101.1.140', true], ['2a04:4e42::396', true],
    ['127.0.0.1', false], ['127.1.2.3', false], ['10.0.0.8', false], ['172.16.5.4', false], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['255.255.255.255', false],
    ['::1', false], ['::', false], ['fe80::1', false], ['fd00::1', false], ['::ffff:127.0.0.1', false], ['::ffff:8.8.8.8', true], ['64:ff9b::a00:1', false],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('imageHostPolicy', () => {
  it("allows a source's own hosts, the operator's (with *.wildcards), and nothing else", () => {
    const policy = imageHostPolicy({ aic: ['www.artic.edu'], rijksmuseum: ['iiif.micr.io'] }, ['iiif.museum.example', '*.vam.ac.uk']);
    expect(policy.allows('aic', 'www.artic.edu')).toBe(true);
    expect(policy.allows('rijksmuseum', 'www.artic.edu')).toBe(false);
    expect(policy.allows('iiif', 'iiif.museum.example')).toBe(true);
    expect(policy.allows('iiif', 'framemark.vam.ac.uk')).toBe(true);
    expect(policy.allows('iiif', 'vam.ac.uk.evil.example')).toBe(false);
    expect(policy.allows('iiif', 'evilvam.ac.uk')).toBe(false);
    expect(policy.allowPrivateAddresses).toBe(false);
  });
});

describe('guardedFetch', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url?.startsWith('/hop')) return void res.writeHead(302, { location: `http://127.0.0.1:${port}/inside` }).end();
      if (req.url?.startsWith('/local-hop')) return void res.writeHead(302, { location: '/ok' }).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const fetcher = (hosts: string[], allowPrivate: boolean) =>
    new HttpFetcher({ userAgent: 'test', maxRetries: 2, sleep: async () => undefined, fetch: guardedFetch(imageHostPolicy({}, hosts, allowPrivate), 'iiif') });

  it('refuses loopback by IP literal and by a name that resolves to it, without retrying or connecting', async () => {
    const before = hits.length;
    await expect(fetcher(['127.0.0.1'], false).text(`http://127.0.0.1:${port}/a`)).rejects.toBeInstanceOf(BlockedUrlError);
    await expect(fetcher(['localhost'], false).text(`http://localhost:${port}/a`)).rejects.toThrow(/resolves to .*not a public address/);
    expect(hits.length).toBe(before);
  });

  it('refuses hosts not allowed for the source, and schemes other than http(s)', async () => {
    await expect(fetcher(['iiif.example'], true).text(`http://127.0.0.1:${port}/a`)).rejects.toThrow(/127\.0\.0\.1 is not an image host allowed for iiif works/);
    await expect(fetcher(['127.0.0.1'], true).text('file:///etc/passwd')).rejects.toThrow(/file: URLs are not fetched/);
  });

  it('checks every redirect hop: a hop to a host that is not allowed is refused', async () => {
    const before = hits.length;
    await expect(fetcher(['localhost'], true).text(`http://localhost:${port}/hop`)).rejects.toThrow(/127\.0\.0\.1 is not an image host allowed/);
    expect(hits.slice(before)).toEqual(['/hop']);
    expect(await fetcher(['localhost'], true).text(`http://localhost:${port}/local-hop`)).toBe('ok');
  });

  it('fetches an allowed host when private addresses are allowed (the tests hook)', async () => {
    expect(await fetcher(['127.0.0.1'], true).text(`http://127.0.0.1:${port}/fine`)).toBe('ok');
  });
});
