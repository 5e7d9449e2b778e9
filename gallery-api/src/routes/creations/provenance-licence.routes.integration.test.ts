import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemixRecord } from '../../repositories/inference.client';
import {
  completedRemix,
  createStaff,
  insertWork,
  login,
  pngOf,
  publishForm,
  publishMeta,
  startTestGallery,
  type TestGallery,
} from './creations.test-support';

// The model's licence travels remix → provenance (jsonb in Postgres) → public API and JSON-LD; a remix
// reported without one (finished before inference-service recorded licences) publishes and reads as before.

let g: TestGallery;
let png: Buffer;
let cookie: string;

beforeAll(async () => {
  g = await startTestGallery();
  png = await pngOf();
  await insertWork(g.pool, 'open-1', 'cc0', 'The Harbour');
  await createStaff(g.pool, 'mod.bert', 'correct horse battery');
  cookie = await login(g.app, 'mod.bert', 'correct horse battery');
});
afterAll(async () => g?.close());

const NC = { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial'] };

/** Publishes one creation from one remix and approves it; answers its public URL. */
async function publishApproved(remix: RemixRecord): Promise<string> {
  g.inference.remixes.set(remix.id, remix);
  const form = await publishForm(publishMeta({ licence: 'cc0', remixIds: [remix.id] }, ['open-1']), png);
  const created = await g.app.inject({ method: 'POST', url: '/api/gallery/creations', ...form });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  const decided = await g.app.inject({
    method: 'POST',
    url: `/api/gallery/moderation/creations/${id}/decision`,
    headers: { cookie },
    payload: { decision: 'approve' },
  });
  expect(decided.statusCode).toBe(200);
  return `/api/gallery/creations/${id}`;
}

const remixModel = (body: { provenance: { actions: { type: string; model?: unknown }[] } }) =>
  body.provenance.actions.find((a) => a.type === 'remix')!.model as Record<string, unknown>;

describe("a remix model's licence in the stored provenance", () => {
  it('is stored in Postgres, answered by the public API and named in the JSON-LD', async () => {
    const remixId = randomUUID();
    const url = await publishApproved({
      ...completedRemix(remixId, 'open-1', []),
      model: { id: 'whitebox-cartoonizer', version: '1.0.0', files: [{ name: 'cartoon.onnx', sha256: 'd'.repeat(64) }], licence: NC },
      params: {},
    });

    const { rows } = await g.pool.query<{ provenance: { schemaVersion: number; actions: { type: string; model?: unknown }[] } }>(
      'SELECT provenance FROM creations WHERE id = $1',
      [url.split('/').pop()],
    );
    expect(rows[0]!.provenance.schemaVersion).toBe(1);
    expect(rows[0]!.provenance.actions.find((a) => a.type === 'remix')!.model).toMatchObject({ licence: NC });

    const res = await g.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(remixModel(res.json())).toEqual({
      id: 'whitebox-cartoonizer',
      version: '1.0.0',
      files: [{ name: 'cartoon.onnx', sha256: 'd'.repeat(64) }],
      licence: NC,
    });
    const ld = (await g.app.inject({ method: 'GET', url: `${url}/provenance.jsonld` })).json();
    expect(ld.instrument).toEqual([expect.objectContaining({ name: 'whitebox-cartoonizer', license: NC.uri })]);
  });

  it('keeps "no licence stated" as a mark with no SPDX id or URI', async () => {
    const url = await publishApproved({
      ...completedRemix(randomUUID(), 'open-1', []),
      model: { id: 'fast-neural-style-nc16', version: '1.0.0', files: [], licence: { spdx: null, uri: null, flags: ['licence_not_stated'] } },
      params: { style: 'candy' },
    });
    const body = (await g.app.inject({ method: 'GET', url })).json();
    expect(remixModel(body).licence).toEqual({ spdx: null, uri: null, flags: ['licence_not_stated'] });
    expect(body.jsonLd.instrument[0]).not.toHaveProperty('license');
  });

  it('is absent, and publishing works as before, for a remix inference-service reports without one', async () => {
    const url = await publishApproved(completedRemix(randomUUID(), 'open-1', []));
    const res = await g.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(remixModel(res.json())).toEqual({ id: 'magenta-arbitrary-style', version: '1.0.0', files: [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }] });
  });

  it('is absent, and the creation still reads, in a row stored before licences were recorded', async () => {
    const remix = completedRemix(randomUUID(), 'open-1', []);
    const url = await publishApproved({ ...remix, model: { ...remix.model, licence: NC } });
    const id = url.split('/').pop();
    // Turn the stored row into what the code before this change wrote: the same v1 record without the licence key.
    await g.pool.query(
      `UPDATE creations SET provenance = jsonb_set(provenance, '{actions}',
         (SELECT jsonb_agg(CASE WHEN a->>'type' = 'remix' THEN jsonb_set(a, '{model}', (a->'model') - 'licence') ELSE a END)
            FROM jsonb_array_elements(provenance->'actions') a)) WHERE id = $1`,
      [id],
    );
    const { rows } = await g.pool.query<{ text: string }>('SELECT provenance::text AS text FROM creations WHERE id = $1', [id]);
    expect(rows[0]!.text).not.toContain('"spdx"');
    const old = await g.app.inject({ method: 'GET', url });
    expect(old.statusCode).toBe(200);
    expect(remixModel(old.json())).not.toHaveProperty('licence');
    const ld = await g.app.inject({ method: 'GET', url: `${url}/provenance.jsonld` });
    expect(ld.statusCode).toBe(200);
    expect(ld.json().instrument[0]).not.toHaveProperty('license');
  });
});
