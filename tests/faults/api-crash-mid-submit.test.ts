/**
 * Issue 10 item 11: the inference API dies (SIGKILL) between a visitor's reservation (slot and claim taken) and
 * the job that would hold the remix. The API runs as its own process (server.ts) on the machine's Redis under its
 * own prefix; the crash is timed by gallery-api's works check, which the stand-in holds for that one submit. When
 * the API is back, the visitor's same requestId makes exactly one remix (once the dead submit's claim lapsed: a
 * short lease, it was 24 hours), and the session's slot is not lost to the crash.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { Redis } from 'ioredis';
import { TEST_SESSION_SECRET, testVisitor, testVisitorSessions } from '@atelier/common/testing/visitors';
import { remixKeys } from '@atelier/inference-service/jobs/control';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { freePort } from '../../scripts/stack';
import { printFigures, since } from './support/figures';
import { startService, type ServiceProcess } from '../support/processes';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LEASE_S = 3;
const prefix = `test-crash-submit-${randomUUID().slice(0, 8)}`;
let gallery: Server;
let holdNext = false;
let held: (() => void) | undefined;
let onHeld: (() => void) | undefined;
let storageDir: string;
let redis: Redis;
const apis: ServiceProcess[] = [];

beforeAll(async () => {
  // gallery-api as the API sees it: works/check answers "ok", except the one request the test holds.
  gallery = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const answer = () => {
        const { ids } = JSON.parse(body) as { ids: string[] };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ works: ids.map((id) => ({ id, status: 'ok' })) }));
      };
      if (!holdNext) return answer();
      holdNext = false;
      held = answer;
      onHeld?.();
    });
  });
  await new Promise<void>((ok) => gallery.listen(0, '127.0.0.1', ok));
  storageDir = await mkdtemp(join(tmpdir(), 'faults-inference-'));
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  for (const a of apis) await a.kill('SIGKILL');
  gallery?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  if (storageDir) await rm(storageDir, { recursive: true, force: true });
});

async function startApi(port: number): Promise<ServiceProcess> {
  const api = startService('inference-service/src/server.ts', {
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    INFERENCE_PORT: String(port),
    INFERENCE_STORAGE_DIR: storageDir,
    GALLERY_URL: `http://127.0.0.1:${(gallery.address() as AddressInfo).port}`,
    ATELIER_SESSION_SECRET: TEST_SESSION_SECRET,
    REMIX_CLAIM_LEASE_S: String(LEASE_S),
    REMIX_RATE_LIMIT_PER_MINUTE: '0',
    REMIX_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    INFERENCE_STORAGE_MIN_FREE_MB: '0',
    LOG_LEVEL: 'info', // its 'ready' line is an info line
  });
  apis.push(api);
  await api.said('inference-service ready');
  return api;
}

async function submit(base: string, headers: Record<string, string>, requestId: string) {
  const canvas = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c83' } }).png().toBuffer();
  const form = multipartBody([
    { name: 'meta', data: JSON.stringify({ requestId, model: 'magenta-arbitrary-style', params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
    { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: canvas },
  ]);
  const res = await fetch(`${base}/api/inference/remixes`, { method: 'POST', body: new Uint8Array(form.payload), headers: { ...form.headers, ...headers } });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string } } };
}

describe('the inference API killed between a reservation and its job', () => {
  it('lets the same requestId make exactly one remix once it is back, and keeps the session its slots', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startApi(port);
    const visitor = testVisitor(testVisitorSessions());
    const requestId = randomUUID();
    const keys = remixKeys(prefix);

    holdNext = true;
    const reachedCheck = new Promise<void>((resolve) => (onHeld = resolve));
    const cut = submit(base, visitor.headers, requestId).catch((err: Error) => ({ status: 0, body: { error: { code: err.message } } }));
    await reachedCheck; // slot and claim taken, the job not queued
    const pendingBefore = await redis.smembers(keys.sessionPending(visitor.session.id));
    const claimMs = await redis.pttl(keys.claim(requestId));
    await first.kill('SIGKILL');
    held?.();
    const lost = await cut;
    const crashedAt = performance.now();
    expect(lost.status).toBe(0); // the connection died with the process
    expect(pendingBefore).toEqual([requestId]);
    expect(claimMs).toBeGreaterThan(0);
    expect(claimMs).toBeLessThanOrEqual(LEASE_S * 1000);
    expect(await redis.exists(`${prefix}:remix:${requestId}`)).toBe(0); // no job

    await startApi(port);
    const restartMs = since(crashedAt);
    // The visitor's browser sends the same request again (the studio keeps the requestId of a click).
    const t = performance.now();
    const again = await submit(base, visitor.headers, requestId);
    const acceptedMs = since(t);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(requestId);
    // The same again now is the same remix (200), not a second one.
    expect((await submit(base, visitor.headers, requestId)).status).toBe(200);
    expect(await readdir(join(storageDir, 'inputs'))).toEqual([`${requestId}.png`]);
    // The crash cost the session no slot: two more fit under the cap of 3, a third does not.
    const more = [await submit(base, visitor.headers, randomUUID()), await submit(base, visitor.headers, randomUUID()), await submit(base, visitor.headers, randomUUID())];
    expect(more.map((m) => m.status)).toEqual([202, 202, 429]);
    expect((await redis.smembers(keys.sessionPending(visitor.session.id))).length).toBe(3);

    printFigures('inference API killed between reservation and enqueue', {
      injected: 'SIGKILL of the API process while a submit held its slot and claim, its job not yet queued',
      clientsSaw: [
        'that submit: the connection closed (no answer)',
        `the same requestId on the restarted API: 202 after ${acceptedMs} ms (it waits out the dead submit's ${LEASE_S} s lease; was 409 for 24 h), then 200`,
        'the session then had its 3 slots: 202, 202, 429',
      ],
      timings: { 'crash → API ready again': restartMs, 'resubmit → accepted': acceptedMs },
      outcome: 'one job and one stored input for the requestId; nothing doubled, no slot leaked',
    });
  });
});
