import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelRegistry } from './registry';
import { PullError, pullModel } from './pull';
import { testManifest } from './testing';

const BODY = randomBytes(256 * 1024);
const SHA = createHash('sha256').update(BODY).digest('hex');

/** A mirror that serves `/tiny/model.onnx` with Range support; `cutAfter` drops the connection mid-body. */
let server: Server;
let mirror: string;
let cutAfter: number | null = null;
let serveWrong = false;
const ranges: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    if (req.url !== '/tiny/model.onnx') return void res.writeHead(404).end();
    ranges.push(req.headers.range);
    const body = serveWrong ? Buffer.from(BODY).fill(1, 0, 10) : BODY;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    const slice = body.subarray(start);
    res.writeHead(m ? 206 : 200, { 'content-length': slice.length, ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}) });
    if (cutAfter !== null) {
      const n = cutAfter;
      cutAfter = null;
      res.write(slice.subarray(0, n), () => res.socket?.destroy());
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function registryWith(file: Record<string, unknown> = {}): Promise<ModelRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'pull-'));
  await mkdir(join(dir, 'manifests'));
  const manifest = testManifest('tiny', { sha256: SHA, bytes: BODY.length }, { files: [{ name: 'model.onnx', sha256: SHA, bytes: BODY.length, ...file }] });
  await writeFile(join(dir, 'manifests', 'tiny.json'), JSON.stringify(manifest));
  return ModelRegistry.load({ manifestDir: join(dir, 'manifests'), modelDir: join(dir, 'models') });
}

describe('models pull', () => {
  it('downloads, verifies and renames into place; a second pull finds it present', async () => {
    const registry = await registryWith();
    const [r] = await pullModel(registry, 'tiny', { mirror });
    expect(r).toMatchObject({ status: 'downloaded', fetched: BODY.length, resumedFrom: 0 });
    expect((await readFile(registry.filePath('tiny', 'model.onnx'))).equals(BODY)).toBe(true);
    expect((await pullModel(registry, 'tiny', { mirror }))[0]!.status).toBe('present');
  });

  it('keeps the .part after a cut connection and resumes it with a Range request', async () => {
    const registry = await registryWith({ url: `${mirror}/tiny/model.onnx` });
    const target = registry.filePath('tiny', 'model.onnx');
    cutAfter = 100_000;
    await expect(pullModel(registry, 'tiny')).rejects.toThrow(/interrupted.*run pull again/);
    const partSize = (await stat(`${target}.part`)).size;
    expect(partSize).toBeGreaterThan(0);
    expect(partSize).toBeLessThan(BODY.length);
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });

    ranges.length = 0;
    const [r] = await pullModel(registry, 'tiny');
    expect(ranges).toEqual([`bytes=${partSize}-`]);
    expect(r).toMatchObject({ status: 'downloaded', resumedFrom: partSize, fetched: BODY.length - partSize });
    expect((await readFile(target)).equals(BODY)).toBe(true);
    await expect(stat(`${target}.part`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('deletes a download whose sha256 does not match and never installs it', async () => {
    const registry = await registryWith();
    serveWrong = true;
    try {
      await expect(pullModel(registry, 'tiny', { mirror })).rejects.toThrow(/checksum mismatch/);
    } finally {
      serveWrong = false;
    }
    const target = registry.filePath('tiny', 'model.onnx');
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(`${target}.part`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says clearly that the machine is offline when the host cannot be reached', async () => {
    const registry = await registryWith({ url: 'http://127.0.0.1:9/tiny/model.onnx' });
    const err = await pullModel(registry, 'tiny').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PullError);
    expect((err as Error).message).toMatch(/cannot reach 127\.0\.0\.1:9.*offline.*models -- import/);
  });

  it('explains where to get a file that upstream publishes in another format', async () => {
    const registry = await registryWith();
    await expect(pullModel(registry, 'tiny')).rejects.toThrow(/no direct download.*example\.org\/tiny.*--mirror/);
  });
});
