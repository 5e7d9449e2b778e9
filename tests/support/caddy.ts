import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/stack';

/** The production origin (studio-web/Caddyfile) run here by the machine's Caddy, in front of the given upstreams. */
export interface CaddyOrigin {
  url: string;
  stop(): Promise<void>;
}

export const CADDY = process.env.CADDY_PATH ?? '/usr/bin/caddy';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `upstreams` are host:port; resolves once Caddy answers on its port. */
export async function startCaddy(upstreams: { gallery: string; inference: string; studio: string }, env: Record<string, string> = {}): Promise<CaddyOrigin> {
  const port = await freePort();
  const child = spawn(CADDY, ['run', '--config', join(REPO_ROOT, 'studio-web/Caddyfile'), '--adapter', 'caddyfile'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      XDG_DATA_HOME: tmpdir(),
      ATELIER_SITE: `http://127.0.0.1:${port}`,
      GALLERY_UPSTREAM: upstreams.gallery,
      INFERENCE_UPSTREAM: upstreams.inference,
      STUDIO_UPSTREAM: upstreams.studio,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (out += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Caddy logs "serving initial configuration" once it listens; a request is the surer sign.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`caddy exited:\n${out}`);
    const answered = await fetch(`${url}/api/gallery/health`).then(() => true, () => false);
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`caddy did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
