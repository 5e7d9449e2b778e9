/**
 * Issue #10 item 7, privacy: no client address in the info logs of gallery-api, inference-service or the studio
 * server (fastify's default request lines carry one), and nothing about a visitor in Redis beyond the session
 * id: the per-address rate-limit counters are keyed by a keyed hash of the address and expire with their window.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serverLoggerOptions } from '@atelier/common/logger';
import { loadConfig as loadInferenceConfig } from '@atelier/inference-service/config';
import { remixKeys } from '@atelier/inference-service/jobs/control';
import { testApi } from '@atelier/inference-service/testing/app';
import { publishMeta, startTestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { buildStudioServer } from '../../studio-web/server';
import { harness, post } from '../integration/inference-queue.harness';

const VISITOR_IP = '203.0.113.77';
const FORWARDED_IP = '198.51.100.177';

function capture() {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) };
}

function expectNoAddress(lines: string[], where: string) {
  expect(lines.length, `${where} wrote request lines`).toBeGreaterThan(0);
  const log = lines.join('');
  for (const ip of [VISITOR_IP, FORWARDED_IP, '127.0.0.1']) expect(log, `${where} logged ${ip}`).not.toContain(ip);
  expect(log).not.toMatch(/remoteAddress|remotePort/);
}

describe('no client address in the info logs', () => {
  it('gallery-api: request lines and staff login audit lines', async () => {
    const { lines, stream } = capture();
    const g = await startTestGallery({ logStream: stream, trustProxy: 'loopback' });
    try {
      await g.addWork('open-1', 'cc0');
      await g.addStaff('mod.ida', 'correct horse battery');
      await g.app.inject({ url: '/api/gallery/works', remoteAddress: VISITOR_IP });
      await g.app.inject({ url: '/api/gallery/works', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': FORWARDED_IP } });
      await g.publish(publishMeta({ licence: 'cc0' }, ['open-1']));
      await g.app.inject({
        method: 'POST',
        url: '/api/gallery/auth/login',
        payload: { username: 'mod.ida', password: 'correct horse battery' },
        headers: { origin: g.origin },
        remoteAddress: VISITOR_IP,
      });
      expect(lines.some((l) => l.includes('"staff login"'))).toBe(true);
      expectNoAddress(lines, 'gallery-api');
    } finally {
      await g.close();
    }
  });

  it('inference-service: request lines', async () => {
    const { lines, stream } = capture();
    const logged = await testApi({ server: { logger: { ...serverLoggerOptions('info'), stream }, trustProxy: loadInferenceConfig({}).trustProxy } });
    try {
      await logged.app.inject({ url: '/api/inference/models', remoteAddress: VISITOR_IP });
      await logged.app.inject({ url: '/api/inference/health', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': FORWARDED_IP } });
      expectNoAddress(lines, 'inference-service');
    } finally {
      await logged.app.close();
    }
  });

  it('the studio server: request lines', async () => {
    const { lines, stream } = capture();
    const studio = await buildStudioServer({ distDir: '/nonexistent', galleryUrl: 'http://127.0.0.1:9', inferenceUrl: 'http://127.0.0.1:9', logStream: stream });
    try {
      await studio.inject({ url: '/gallery', headers: { accept: 'text/html' }, remoteAddress: VISITOR_IP });
      expectNoAddress(lines, 'studio-web');
    } finally {
      await studio.close();
    }
  });
});

describe('nothing about a visitor in Redis beyond the session id', () => {
  it('counts remixes per address under a keyed hash with a window-long expiry, never the address', async () => {
    const h = await harness({}, { remixRateLimits: { perSessionPerMinute: 50, perAddressPerMinute: 50 } });
    await post(h, 'ann', undefined, undefined, 0.5, VISITOR_IP);
    await post(h, 'bob', undefined, undefined, 0.5, VISITOR_IP);
    const keys = await h.redis.keys(`${h.prefix}:*`);
    const rate = keys.filter((k) => k.startsWith(remixKeys(h.prefix).rate('rate:')));
    expect(rate.filter((k) => k.includes(':a:'))).toHaveLength(1);
    expect(rate.filter((k) => k.includes(':s:'))).toHaveLength(2);
    for (const key of rate) {
      const ttl = await h.redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    // Every key and every value under the prefix (the queue's jobs included): no address anywhere.
    const dump: string[] = [...keys];
    for (const key of keys) {
      const type = await h.redis.type(key);
      if (type === 'string') dump.push((await h.redis.get(key)) ?? '');
      else if (type === 'hash') dump.push(JSON.stringify(await h.redis.hgetall(key)));
      else if (type === 'list') dump.push(JSON.stringify(await h.redis.lrange(key, 0, -1)));
      else if (type === 'set') dump.push(JSON.stringify(await h.redis.smembers(key)));
      else if (type === 'zset') dump.push(JSON.stringify(await h.redis.zrange(key, 0, -1)));
      else if (type === 'stream') dump.push(JSON.stringify(await h.redis.xrange(key, '-', '+')));
    }
    console.log(`redis after 2 remixes from ${VISITOR_IP}: ${keys.length} keys, rate keys ${rate.map((k) => k.slice(h.prefix.length + 1)).join(', ')}`);
    expect(dump.join('\n')).not.toContain(VISITOR_IP);
    expect(dump.join('\n')).not.toContain('203.0.113');
  });
});
