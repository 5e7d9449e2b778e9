import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors';
import { isHttpsUrl, originCheck, publicBaseUrl, publicOrigins } from './origin';

const request = (origin?: string) => ({ headers: origin === undefined ? {} : { origin } }) as FastifyRequest;

describe('publicOrigins', () => {
  it('is the studio on this machine when no public URL is set', () => {
    expect(publicOrigins({})).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
    expect(publicOrigins({ STUDIO_PORT: '9090' })).toEqual(['http://127.0.0.1:9090', 'http://localhost:9090']);
  });

  it("is the public URL's origin (case, default port and path dropped) plus the extra ones", () => {
    expect(publicOrigins({ ATELIER_PUBLIC_URL: 'HTTPS://Atelier.Museum.example:443/studio/', ATELIER_ALLOWED_ORIGINS: ' http://10.0.0.5:8080 ,,' })).toEqual([
      'https://atelier.museum.example',
      'http://10.0.0.5:8080',
    ]);
  });

  it('stops the start on a setting that is not an http(s) URL', () => {
    expect(() => publicOrigins({ ATELIER_PUBLIC_URL: 'atelier.museum.example' })).toThrow(/ATELIER_PUBLIC_URL/);
    expect(() => publicOrigins({ ATELIER_ALLOWED_ORIGINS: 'ftp://files.example' })).toThrow(/ATELIER_ALLOWED_ORIGINS/);
  });
});

describe('originCheck', () => {
  const check = originCheck(['https://atelier.museum.example']);

  it('lets the public origin through', async () => {
    await expect(check(request('https://atelier.museum.example'))).resolves.toBeUndefined();
  });

  it.each([
    ['no Origin', undefined],
    ['another site', 'https://evil.example'],
    ['an opaque origin', 'null'],
    ['the same host over http', 'http://atelier.museum.example'],
  ])('403 origin_not_allowed for %s', async (_, origin) => {
    const err = await check(request(origin)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ statusCode: 403, code: 'origin_not_allowed' });
  });
});

it('isHttpsUrl', () => {
  expect(isHttpsUrl('https://a.example')).toBe(true);
  expect(isHttpsUrl(' HTTPS://a.example')).toBe(true);
  expect(isHttpsUrl('http://a.example')).toBe(false);
  expect(isHttpsUrl(undefined)).toBe(false);
});

describe('publicBaseUrl', () => {
  it('is ATELIER_PUBLIC_URL without a trailing slash, else the studio on this machine; never a request header', () => {
    expect(publicBaseUrl({ ATELIER_PUBLIC_URL: ' https://atelier.museum.example/studio/ ' })).toBe('https://atelier.museum.example/studio');
    expect(publicBaseUrl({})).toBe('http://127.0.0.1:8080');
    expect(publicBaseUrl({ STUDIO_PORT: '9090' })).toBe('http://127.0.0.1:9090');
    expect(() => publicBaseUrl({ ATELIER_PUBLIC_URL: 'atelier.museum.example' })).toThrow(/ATELIER_PUBLIC_URL/);
  });
});
