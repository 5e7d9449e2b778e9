/**
 * Issue 10 item 12: the disk fills up. On a small tmpfs of the test's own (the kernel's real ENOSPC; as root, or
 * wherever a tmpfs may be mounted; elsewhere the inference half runs on common's MemoryStorage with a capacity, which
 * fails the way a full disk does, and the gallery half is skipped): publishes and uploads answer 507 storage_full in
 * plain words, before reading the upload when the room is below the minimum and when the write itself finds no room;
 * /health says so; a failed write leaves no partial file; a worker that cannot store its output fails the remix with
 * a sentence a visitor can read; and once there is room again everything works, the sweeper taking what crashed
 * writes and publishes left.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { STORAGE_FULL_MESSAGE } from '@atelier/common/errors';
import { outputKey } from '@atelier/inference-service/jobs/remix.job';
import { testApi } from '@atelier/inference-service/testing/app';
import { multipartBody } from '@atelier/inference-service/testing/fixtures';
import { countRows, publishMeta, startTestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { harness, post, result, watch } from '../integration/inference-queue.harness';
import { printFigures, since } from './support/figures';
import { CAN_MOUNT_TMPFS, smallDisk, temporaries, type SmallDisk } from './support/small-disk';

const MB = 1024 * 1024;
let disk: SmallDisk;
beforeAll(async () => {
  disk = await smallDisk(8);
});
afterAll(async () => {
  await disk?.close();
});

/** A PNG of noise, which PNG cannot shrink: `side`² × 3 bytes and a little more. */
const noisePng = (side: number) =>
  sharp(Buffer.from(Array.from({ length: side * side * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();

describe('a full disk', () => {
  it.skipIf(!CAN_MOUNT_TMPFS)('gallery-api: publishes answer 507 in plain words, /health says so, nothing partial stays, and it recovers', async () => {
    const g = await startTestGallery({ storageDir: disk.dir('gallery')!, env: { GALLERY_STORAGE_MIN_FREE_MB: '1' } });
    try {
      await g.addWork('open-1', 'cc0');
      const big = await noisePng(700); // ≈1.4 MB as stored
      const meta = () => publishMeta({ licence: 'cc0' }, ['open-1']);

      // Below the minimum room: refused before the upload is read, and /health says why.
      await disk.fill(512 * 1024);
      const health = await g.app.inject({ url: '/api/gallery/health' });
      const before = await g.publish(meta(), big);
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ ok: false, database: true, storage: { ok: false } });
      expect(before.statusCode).toBe(507);
      expect(before.json()).toEqual({ error: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } });

      // Above the minimum but less than the image needs: the write itself finds no room (ENOSPC).
      await disk.fill(1.2 * MB);
      const during = await g.publish(meta(), big);
      expect(during.statusCode).toBe(507);
      expect(during.json().error.code).toBe('storage_full');
      expect(await temporaries(disk.dir('gallery'))).toEqual([]);
      const left = (await readdir(disk.dir('gallery')!, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.parentPath.includes('creations'));
      expect(left).toEqual([]);
      expect((await countRows(g.pool)).creations).toBe(0);

      // Room again: it publishes, and /health is 200.
      await disk.free();
      const t = performance.now();
      const after = await g.publish(meta(), big);
      const recoveredMs = since(t);
      expect(after.statusCode).toBe(201);
      // The image needs more than the 1.2 MB that were free: the refusal above came from the write, not the gate.
      expect(after.json().provenance.output.bytes).toBeGreaterThan(1.2 * MB);
      expect((await g.app.inject({ url: '/api/gallery/health' })).statusCode).toBe(200);

      // What a crash left (a temporary mid-write, a folder whose row was never written) goes with the sweep once it is
      // older than the grace (GALLERY_ORPHAN_GRACE_MIN, 60): here two hours old.
      const dir = disk.dir('gallery')!;
      const orphan = join(dir, 'creations', randomUUID());
      await mkdir(orphan, { recursive: true });
      const crashed = [join(orphan, 'full.png'), join(orphan, `thumb.webp.${randomUUID()}.tmp`)];
      const old = new Date(Date.now() - 2 * 3600_000);
      for (const f of crashed) (await writeFile(f, 'half'), await utimes(f, old, old));
      const swept = await g.gallery.sweeper.sweep();
      expect(swept).toMatchObject({ temporaries: 1, orphanCreations: 1, orphanFiles: 1 });
      const files = (await readdir(join(dir, 'creations'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      expect(files.map((e) => e.parentPath.split('/').at(-1))).toEqual([after.json().id, after.json().id, after.json().id]);

      printFigures('full disk: gallery-api', {
        injected: `tmpfs of 8 MB filled to 0.5 MB free (below GALLERY_STORAGE_MIN_FREE_MB = 1), then to 1.2 MB free (less than a 1.4 MB publish)`,
        clientsSaw: [
          `/health 503 ${JSON.stringify(health.json())}`,
          `publish below the minimum: ${before.statusCode} storage_full, before the upload was read`,
          `publish that ran out of room mid-write: ${during.statusCode} storage_full "${during.json().error.message}"`,
          'no .tmp, no creation files, no row left of it',
        ],
        timings: { 'room back → publish accepted': recoveredMs },
        outcome: `after: 201 and /health 200; the sweep took ${swept.temporaries} stale .tmp and ${swept.orphanCreations} orphan creation folder`,
      });
    } finally {
      await g.close();
      await disk.free();
    }
  });

  it('inference-service: an upload is 507 and leaves nothing; a worker that cannot store its output fails the remix in plain words', async () => {
    const storage = disk.storage('inference');
    const api = await testApi({ enabled: ['magenta-arbitrary-style'], works: { w1: 'ok', w2: 'ok' } }, { storage, storageMinFreeBytes: 1 * MB });
    const canvas = await noisePng(700);
    const send = async () => {
      const form = multipartBody([
        { name: 'meta', data: JSON.stringify({ requestId: randomUUID(), model: 'magenta-arbitrary-style', params: { styleWorkId: 'w2', strength: 0.5 }, workIds: ['w1'] }) },
        { name: 'canvas', filename: 'c.png', contentType: 'image/png', data: canvas },
      ]);
      return api.app.inject({ method: 'POST', url: '/api/inference/remixes', payload: form.payload, headers: { ...form.headers, ...api.visitor.headers } });
    };
    try {
      await disk.fill(512 * 1024);
      const health = await api.app.inject({ url: '/api/inference/health' });
      const before = await send();
      await disk.fill(1.2 * MB);
      const during = await send();
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ ok: false, storage: { ok: false } });
      for (const res of [before, during]) expect(res.json()).toEqual({ error: { code: 'storage_full', message: STORAGE_FULL_MESSAGE } });
      expect([before.statusCode, during.statusCode]).toEqual([507, 507]);
      expect(await temporaries(disk.dir('inference'))).toEqual([]);
      expect(await api.queue.take()).toBeUndefined(); // nothing was queued
      await disk.free();
      expect((await send()).statusCode).toBe(202);

      // The worker's output finds no room: the remix fails, and the visitor reads why.
      const h = await harness();
      const { requestId } = await post(h, 'visitor-full');
      const stream = watch(`${h.baseUrl}/api/inference/remixes/${requestId}/events`, undefined, h.visitor('visitor-full'));
      await stream.ready;
      await disk.fill(256 * 1024);
      await h.startWorker(async (job) => {
        await storage.put(outputKey(job.data.remixId), canvas);
        return result(job);
      });
      const failed = (await stream.events).at(-1)!;
      expect(failed).toEqual({ event: 'failed', data: { code: 'storage_full', error: STORAGE_FULL_MESSAGE } });
      expect(await temporaries(disk.dir('inference'))).toEqual([]);

      printFigures(`full disk: inference-service (${disk.kind === 'tmpfs' ? 'a real 8 MB tmpfs' : 'MemoryStorage with an 8 MB capacity: no tmpfs could be mounted'})`, {
        injected: 'storage filled to 0.5 MB free (below INFERENCE_STORAGE_MIN_FREE_MB = 1), then to 1.2 MB free (less than a 1.4 MB canvas), then to 0.25 MB while a worker stored its output',
        clientsSaw: [
          `/health ${health.statusCode}, uploads ${before.statusCode} and ${during.statusCode} storage_full; no job queued, no .tmp left`,
          `the worker's remix: failed, code ${failed.data.code}: "${failed.data.error}"`,
        ],
        outcome: 'room back: the next upload 202',
      });
    } finally {
      await disk.free();
    }
  });
});
