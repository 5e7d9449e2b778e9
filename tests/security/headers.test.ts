/**
 * Issue #10 item 6, headers: every answer of both APIs and of the studio server carries a CSP with
 * frame-ancestors, nosniff, X-Frame-Options and a Referrer-Policy, including 404s, errors and answers that pass
 * through the studio's proxy. (The Playwright journey checks that the real SPA runs under the studio's CSP.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApi, type TestApi } from '@atelier/inference-service/testing/app';
import { startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { buildStudioServer } from '../../studio-web/server';

type Headers = LightMyRequestResponse['headers'];

/** The CSP as a map of directive → sources. */
function csp(headers: Headers): Map<string, string[]> {
  const value = String(headers['content-security-policy'] ?? '');
  return new Map(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectHardened(headers: Headers, where: string): void {
  expect(headers['content-security-policy'], where).toBeTruthy();
  expect(csp(headers).get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['referrer-policy'], where).toBe('same-origin');
}

/** An API's CSP: nothing may load or run, whatever the answer is. */
function expectApiCsp(headers: Headers, where: string): void {
  expectHardened(headers, where);
  expect(csp(headers).get('default-src'), where).toEqual(["'none'"]);
  expect(csp(headers).has('script-src'), where).toBe(false);
}

// The studio server logs every request at info; quiet here.
process.env.LOG_LEVEL ??= 'silent';

let gallery: TestGallery;
let inference: TestApi;
let studio: FastifyInstance;
let distDir: string;

beforeAll(async () => {
  gallery = await startTestGallery();
  inference = await testApi();
  const galleryUrl = await gallery.app.listen({ host: '127.0.0.1', port: 0 });
  const inferenceUrl = await inference.app.listen({ host: '127.0.0.1', port: 0 });
  distDir = await mkdtemp(join(tmpdir(), 'atelier-dist-'));
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>studio</title><div id="root"></div>');
  studio = await buildStudioServer({ distDir, galleryUrl, inferenceUrl });
  await studio.ready();
});

afterAll(async () => {
  await studio?.close();
  await inference?.app.close();
  await gallery?.close();
  if (distDir) await rm(distDir, { recursive: true, force: true });
});

describe('security headers (issue #10 item 6)', () => {
  it('gallery-api: an answer, a 404, a validation error and an image route all carry the API headers', async () => {
    for (const url of ['/api/gallery/health', '/api/gallery/works', '/api/gallery/no-such-route', '/api/gallery/works?page=0', '/api/gallery/works/none/image/thumb']) {
      const res = await gallery.app.inject({ method: 'GET', url });
      expectApiCsp(res.headers, `gallery ${url} (${res.statusCode})`);
    }
  });

  it('inference-service: the catalogue, a 404 and a validation error carry the API headers', async () => {
    for (const url of ['/api/inference/models', '/api/inference/nothing', '/api/inference/remixes/not-a-uuid']) {
      const res = await inference.app.inject({ method: 'GET', url });
      expectApiCsp(res.headers, `inference ${url} (${res.statusCode})`);
    }
  });

  it("the studio's pages carry the SPA's CSP: own scripts and styles, images also from data: and blob:, fetch to itself", async () => {
    for (const url of ['/', '/gallery', '/moderation']) {
      const res = await studio.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expectHardened(res.headers, `studio ${url}`);
      const policy = csp(res.headers);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
      // No inline script or eval anywhere.
      expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
    const missing = await studio.inject({ method: 'GET', url: '/api/elsewhere', headers: { accept: 'application/json' } });
    expect(missing.statusCode).toBe(404);
    expectHardened(missing.headers, 'studio 404');
  });

  it("answers proxied by the studio keep the API's own, stricter CSP", async () => {
    const viaGallery = await studio.inject({ method: 'GET', url: '/api/gallery/health' });
    expect(viaGallery.statusCode).toBe(200);
    expectApiCsp(viaGallery.headers, 'studio → gallery');
    const viaInference = await studio.inject({ method: 'GET', url: '/api/inference/models' });
    expect(viaInference.statusCode).toBe(200);
    expectApiCsp(viaInference.headers, 'studio → inference');
  });
});
