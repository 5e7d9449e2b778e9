import { describe, expect, it } from 'vitest';
import { openApiDocuments } from '../../scripts/openapi';

type Operation = { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, unknown> }> };
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

const routes = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [`${method} ${path}`, op] as const));

// Each service publishes its contract (the contracts' zod schemas) as OpenAPI; an integrator or a client in
// another language reads it. A route without a response schema would answer unchecked output.
describe('the OpenAPI documents the services publish', () => {
  it('are OpenAPI 3 and list every public gallery route, with its answer and the language parameter', async () => {
    const doc = (await openApiDocuments()).gallery as Doc;
    expect(doc.openapi).toMatch(/^3\./);
    const all = routes(doc).map(([route]) => route);
    for (const route of [
      'get /api/gallery/works',
      'get /api/gallery/works/{id}',
      'post /api/gallery/works/check',
      'post /api/gallery/creations/preview',
      'post /api/gallery/creations',
      'get /api/gallery/creations',
      'get /api/gallery/creations/{id}',
      'get /api/gallery/creations/mine',
      'post /api/gallery/drafts',
      'post /api/gallery/drafts/open',
      'get /api/gallery/moderation/queue',
      'post /api/gallery/auth/login',
    ])
      expect(all).toContain(route);
    const creation = doc.paths['/api/gallery/creations/{id}']!.get!;
    expect(creation.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('query:lang');
  });

  it('list every inference route with the shape of its answer', async () => {
    const doc = (await openApiDocuments()).inference as Doc;
    const all = routes(doc);
    expect(all.map(([route]) => route)).toEqual(
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
    for (const [route, op] of all) expect(Object.keys((op.responses['200'] ?? op.responses['202'])?.content ?? {}), route).not.toEqual([]);
  });
});
