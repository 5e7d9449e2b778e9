/**
 * `npm run bench:proxy` (issue 16 item 5): what the studio's single origin costs a visitor. The same two requests —
 * a 512² canvas upload (~400 KB multipart) that the API reads whole and refuses, and a ~400 KB PNG download — sent
 * to an API directly, through studio-web/server.ts's proxy (`npm start`, development) and through the production
 * origin (studio-web/Caddyfile on the machine's Caddy, docker-compose `proxy`). The three are asked in turn on every
 * round, so load on the machine falls on each alike. Medians and p95 in ms, and each origin's hop over direct.
 * Asserts nothing.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { buildStudioServer } from '../../studio-web/server';
import { CADDY, startCaddy } from '../support/caddy';
import { fmt, median, percentile } from './stats';
import { summary } from './summary';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;
const UPLOAD = Buffer.alloc(400_000, 0x5a);
const DOWNLOAD = Buffer.alloc(400_000, 0xa5);

async function main() {
  const api = Fastify({ bodyLimit: 20 * 1024 * 1024 });
  api.addContentTypeParser('multipart/form-data', (_req, payload, done) => {
    let n = 0;
    payload.on('data', (c: Buffer) => (n += c.length));
    payload.on('end', () => done(null, n));
  });
  api.post('/api/inference/remixes', async (_req, reply) => reply.code(400).send({ error: { code: 'unknown_model', message: 'No such model.' } }));
  api.get('/api/inference/remixes/r1/output.png', async (_req, reply) => reply.type('image/png').send(DOWNLOAD));
  await api.listen({ port: 0, host: '127.0.0.1' });
  const apiHost = `127.0.0.1:${(api.server.address() as { port: number }).port}`;

  const studio = await buildStudioServer({ distDir: mkdtempSync(join(tmpdir(), 'atelier-dist-')), galleryUrl: `http://${apiHost}`, inferenceUrl: `http://${apiHost}`, logStream: { write() {} } });
  await studio.listen({ port: 0, host: '127.0.0.1' });
  const origins: [string, string][] = [
    ['direct (the API)', `http://${apiHost}`],
    ['studio-web/server.ts proxy', `http://127.0.0.1:${(studio.server.address() as { port: number }).port}`],
  ];
  const caddy = existsSync(CADDY) ? await startCaddy({ gallery: apiHost, inference: apiHost, studio: apiHost }) : null;
  if (caddy) origins.push(['Caddy (docker-compose proxy)', caddy.url]);
  else console.log(`[proxy] no Caddy at ${CADDY}: the production origin is not measured`);

  const upload = async (base: string) => {
    const form = new FormData();
    form.set('meta', JSON.stringify({ model: 'bench-no-such-model' }));
    form.set('canvas', new Blob([UPLOAD], { type: 'image/png' }), 'canvas.png');
    const t0 = performance.now();
    const res = await fetch(`${base}/api/inference/remixes`, { method: 'POST', body: form });
    await res.arrayBuffer();
    if (res.status !== 400) throw new Error(`upload answered ${res.status}`);
    return performance.now() - t0;
  };
  const download = async (base: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/inference/remixes/r1/output.png`);
    const body = await res.arrayBuffer();
    if (body.byteLength !== DOWNLOAD.length) throw new Error(`download got ${body.byteLength} bytes`);
    return performance.now() - t0;
  };

  console.log(`[proxy] ${ROUNDS} rounds after ${WARMUP} warm-up, origins asked in turn each round; ms`);
  for (const [what, fn] of [['refused upload (400 KB)', upload], ['download (400 KB)', download]] as const) {
    const samples = origins.map(() => [] as number[]);
    for (let i = 0; i < WARMUP + ROUNDS; i++)
      for (const [k, [, base]] of origins.entries()) {
        const ms = await fn(base);
        if (i >= WARMUP) samples[k]!.push(ms);
      }
    const direct = median(samples[0]!);
    for (const [k, [name]] of origins.entries()) {
      const m = median(samples[k]!);
      console.log(`${what.padEnd(26)}${name.padEnd(32)}median${fmt(m)}  p95${fmt(percentile(samples[k]!, 95))}  hop${k === 0 ? '      —' : fmt(m - direct)}`);
      // Issue 16 item 5: the studio's proxy hop costs ≤ 2 ms.
      if (k > 0)
        summary({
          what: `${what} through ${name}`,
          anchor: `the API reached directly ${direct.toFixed(1)} ms`,
          now: `${m.toFixed(1)} ms (hop ${(m - direct).toFixed(1)} ms)`,
          ratio: m / direct,
          target: 'hop ≤ 2 ms',
          met: m - direct <= 2,
        });
    }
  }
  await caddy?.stop();
  await studio.close();
  await api.close();
}

await main();
