import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFetcher, HttpNetworkError, HttpStatusError, parseRetryAfter } from './http-fetcher';
import { TokenBucket } from './rate-limiter';

let server: Server;
let base: string;
const script: Record<string, { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }[]> = {};
const hits: Record<string, number> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const next = script[path]?.shift() ?? { status: 200, body: '{"ok":true}' };
    setTimeout(() => res.writeHead(next.status, next.headers).end(next.body ?? ''), next.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function fetcher(sleeps: number[] = []) {
  return new HttpFetcher({ userAgent: 'test', baseDelayMs: 100, maxDelayMs: 5_000, timeoutMs: 300, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) });
}

describe('HttpFetcher', () => {
  it('retries 429 after Retry-After and 5xx with exponential backoff, then succeeds', async () => {
    script['/a'] = [{ status: 429, headers: { 'retry-after': '2' } }, { status: 502 }, { status: 503 }];
    const sleeps: number[] = [];
    expect(await fetcher(sleeps).json('/a'.replace(/^/, base))).toEqual({ ok: true });
    // 2 s from Retry-After; then 200·(0.5 + 0.5·0.5) = 150 and 400·0.75 = 300 with jitter.
    expect(sleeps).toEqual([2000, 150, 300]);
  });

  it('never retries another 4xx', async () => {
    script['/b'] = [{ status: 404 }];
    await expect(fetcher().json(`${base}/b`)).rejects.toBeInstanceOf(HttpStatusError);
    expect(hits['/b']).toBe(1);
  });

  it('gives up after maxRetries, and refuses a Retry-After beyond its patience', async () => {
    script['/c'] = Array.from({ length: 6 }, () => ({ status: 500 }));
    await expect(fetcher().json(`${base}/c`)).rejects.toThrow('HTTP 500');
    expect(hits['/c']).toBe(5);
    script['/d'] = [{ status: 429, headers: { 'retry-after': '3600' } }];
    await expect(fetcher().json(`${base}/d`)).rejects.toThrow(/asks to wait 3600 s/);
  });

  it('times out a slow answer and refuses a body over the byte cap', async () => {
    script['/slow'] = Array.from({ length: 5 }, () => ({ status: 200, delayMs: 1000 }));
    await expect(fetcher().bytes(`${base}/slow`)).rejects.toThrow(/timed out/);
    script['/big'] = [{ status: 200, body: 'x'.repeat(5000) }];
    await expect(fetcher().bytes(`${base}/big`, { maxBytes: 1000 })).rejects.toBeInstanceOf(HttpNetworkError);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then one token per 1/rate seconds, in order', async () => {
    let now = 0;
    const waits: number[] = [];
    const bucket = new TokenBucket(4, 2, { now: () => now, sleep: async (ms) => { waits.push(ms); now += ms; } });
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(waits).toEqual([250, 250, 250]);
  });
});
