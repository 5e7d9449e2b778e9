import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs here, so the deployment description is checked for what can be checked:
// it parses, every service's command and health check point at files in this repository, images are pinned.
const root = resolve(import.meta.dirname, '../..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Record<string, unknown>>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

function repoFiles(cmd: unknown): string[] {
  return (Array.isArray(cmd) ? cmd : []).filter((a): a is string => typeof a === 'string' && /\.(ts|js|mjs)$/.test(a));
}

describe('docker-compose.yml', () => {
  it('describes the production topology', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['gallery-api', 'inference-api', 'inference-worker', 'inference-worker-gpu', 'postgres', 'proxy', 'redis', 'studio-web'].sort(),
    );
  });

  it.each(Object.keys(services))('%s runs a command that exists in the repo and has a health check', (name) => {
    const svc = services[name]!;
    expect(svc.healthcheck, `${name} healthcheck`).toBeTruthy();
    for (const file of [...repoFiles(svc.command), ...repoFiles((svc.healthcheck as { test?: unknown }).test)]) {
      expect(existsSync(resolve(root, file)), `${name}: ${file} exists`).toBe(true);
    }
    const build = svc.build as { dockerfile?: string } | undefined;
    if (build?.dockerfile) expect(existsSync(resolve(root, build.dockerfile)), `${name} Dockerfile`).toBe(true);
  });

  it('pins every image to a version', () => {
    for (const [name, svc] of Object.entries(services)) {
      const image = svc.image as string | undefined;
      expect(image, name).toBeTruthy();
      expect(image, name).toMatch(/:[0-9][\w.-]*$/);
    }
  });

  it('runs Redis with an append-only file and without eviction', () => {
    const cmd = (services.redis!.command as string[]).join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
  });

  it('gives the GPU worker an NVIDIA device and the CUDA provider first', () => {
    const gpu = services['inference-worker-gpu']!;
    expect(JSON.stringify(gpu.deploy)).toContain('nvidia');
    expect((gpu.environment as Record<string, string>).INFERENCE_PROVIDERS).toMatch(/^cuda/);
  });

  it("requires the studio's public URL: the origin staff POSTs must come from, and https makes cookies Secure", () => {
    const env = services['gallery-api']!.environment as Record<string, string>;
    expect(env.ATELIER_PUBLIC_URL).toMatch(/^\$\{ATELIER_PUBLIC_URL:\?/);
    expect(env).toHaveProperty('ATELIER_ALLOWED_ORIGINS');
  });

  it('requires the visitor session secret for both APIs, which believe only the studio proxy on the compose network', () => {
    for (const name of ['gallery-api', 'inference-api']) {
      const env = services[name]!.environment as Record<string, string>;
      expect(env.ATELIER_SESSION_SECRET, name).toMatch(/^\$\{ATELIER_SESSION_SECRET:\?/);
      expect(env.TRUST_PROXY, name).toBe('uniquelocal');
    }
    expect(services['studio-web']!.environment as Record<string, string>).toHaveProperty('STUDIO_TRUST_PROXY');
  });

  it('makes Caddy the public origin, routing each API to its service and the pages to studio-web', () => {
    const proxy = services.proxy!;
    expect(proxy.ports).toEqual(['${PUBLIC_PORT:-8080}:80']);
    expect(services['studio-web']!.ports).toBeUndefined();
    expect(proxy.volumes).toContain('./studio-web/Caddyfile:/etc/caddy/Caddyfile:ro');
    const env = proxy.environment as Record<string, string>;
    const port = (name: string, variable: string) => String((services[name]!.environment as Record<string, string>)[variable]);
    expect(env.GALLERY_UPSTREAM).toBe(`gallery-api:${port('gallery-api', 'GALLERY_PORT')}`);
    expect(env.INFERENCE_UPSTREAM).toBe(`inference-api:${port('inference-api', 'INFERENCE_PORT')}`);
    expect(env.STUDIO_UPSTREAM).toBe(`studio-web:${port('studio-web', 'STUDIO_PORT')}`);
    const caddyfile = readFileSync(resolve(root, 'studio-web/Caddyfile'), 'utf8');
    for (const variable of ['ATELIER_SITE', 'GALLERY_UPSTREAM', 'INFERENCE_UPSTREAM', 'STUDIO_UPSTREAM', 'STUDIO_UPSTREAM_TIMEOUT_S', 'STUDIO_TRUST_PROXY'])
      expect(caddyfile, variable).toContain(`{$${variable}`);
  });

  it('takes secrets from the environment, never from the file', () => {
    const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
    expect(text).toContain('${POSTGRES_PASSWORD:?');
    expect(text).not.toMatch(/POSTGRES_PASSWORD:\s*[a-z0-9]+\s*$/im);
  });

  it('wires the services to each other by name', () => {
    const env = services['gallery-api']!.environment as Record<string, string>;
    expect(env.DATABASE_URL).toContain('@postgres:5432/');
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    for (const name of ['gallery-api', 'inference-api', 'inference-worker', 'studio-web']) {
      expect(Object.keys((services[name]!.depends_on ?? {}) as object).length, name).toBeGreaterThan(0);
    }
  });

  it('builds an image that installs every workspace (a package.json missing before `npm ci` fails the build)', () => {
    const dockerfile = readFileSync(resolve(root, 'Dockerfile'), 'utf8');
    const install = dockerfile.indexOf('RUN npm ci');
    const workspaces = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    for (const ws of workspaces) {
      const copy = dockerfile.indexOf(`COPY ${ws}/package.json ${ws}/`);
      expect(copy, `Dockerfile copies ${ws}/package.json`).toBeGreaterThan(-1);
      expect(copy, `${ws}/package.json is copied before npm ci`).toBeLessThan(install);
    }
  });
});
