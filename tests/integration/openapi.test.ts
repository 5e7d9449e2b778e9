import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../scripts/openapi';

// studio-web's API types are generated from the services' OpenAPI documents; a route whose schema
// changes without `npm run openapi` would leave the studio typed against a contract that no longer exists.
describe('generated API types', () => {
  it('match the contracts the services publish', async () => {
    const files = await generatedFiles();
    const dir = resolve(import.meta.dirname, '../../studio-web/src/api/generated');
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(resolve(dir, name), 'utf8'), `${name} is stale: run npm run openapi`).toBe(text);
    }
  });

  it('publish every public gallery route', async () => {
    const files = await generatedFiles();
    const doc = JSON.parse(files['gallery.openapi.json']!) as { paths: Record<string, unknown> };
    for (const path of ['/api/gallery/works', '/api/gallery/creations', '/api/gallery/moderation/queue', '/api/gallery/auth/login']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('publish every inference route with the shape of its answer', async () => {
    const files = await generatedFiles();
    type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
    const doc = JSON.parse(files['inference.openapi.json']!) as { paths: Record<string, Record<string, Operation>> };
    const routes = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [`${method} ${path}`, op] as const));
    expect(routes.map(([route]) => route)).toEqual(
      expect.arrayContaining([
        'post /api/inference/remixes',
        'get /api/inference/remixes/{id}',
        'delete /api/inference/remixes/{id}',
        'get /api/inference/remixes/{id}/output.png',
        'get /api/inference/remixes/{id}/events',
        'get /api/inference/models',
        'get /api/inference/recipes',
        'get /api/inference/health',
      ]),
    );
    // Without a response schema the studio would be back to hand-copied types (and the route to unchecked output).
    for (const [route, op] of routes) expect(Object.keys((op.responses['200'] ?? op.responses['202'])?.content ?? {}), route).not.toEqual([]);
  });
});
