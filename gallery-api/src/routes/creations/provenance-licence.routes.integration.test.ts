import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Remix } from '@atelier/contracts/remix.schema';
import { remixOf } from '../../services/creation.fakes';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

// The model's licence travels remix → provenance (jsonb in Postgres) → public API and JSON-LD; a remix
// reported without one (finished before inference-service recorded licences) publishes and reads as before.

let g: TestGallery;
let cookie: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'The Harbour' });
  ({ 'mod.bert': cookie } = await g.staffSessions([['mod.bert', 'moderator']], 'correct horse battery'));
});
afterAll(async () => g?.close());

const NC = { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial' as const] };
const completedRemix = (id: string) => remixOf(id, { params: { styleWorkId: 'open-1', strength: 0.7 } });

/** Publishes one creation from one remix and approves it; answers its public URL. */
async function publishApproved(remix: Remix): Promise<string> {
  g.remixes.serve(remix);
  const created = await g.publish(publishMeta({ licence: 'cc0', remixIds: [remix.id] }, ['open-1']));
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await g.decide(id, cookie, { decision: 'approve' })).statusCode).toBe(200);
  return `/api/gallery/creations/${id}`;
}

const remixModel = (body: { provenance: { actions: { type: string; model?: unknown }[] } }) =>
  body.provenance.actions.find((a) => a.type === 'remix')!.model as Record<string, unknown>;

describe("a remix model's licence in the stored provenance", () => {
  it('is stored in Postgres, answered by the public API and named in the JSON-LD', async () => {
    const remixId = randomUUID();
    const url = await publishApproved({
      ...completedRemix(remixId),
      tool: 'cartoon',
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
      ...completedRemix(randomUUID()),
      tool: 'fixed-style',
      model: { id: 'fast-neural-style-nc16', version: '1.0.0', files: [], licence: { spdx: null, uri: null, flags: ['licence_not_stated'] } },
      params: { style: 'candy' },
    });
    const body = (await g.app.inject({ method: 'GET', url })).json();
    expect(remixModel(body).licence).toEqual({ spdx: null, uri: null, flags: ['licence_not_stated'] });
    expect(body.jsonLd.instrument[0]).not.toHaveProperty('license');
  });

  it('is absent, and publishing works as before, for a remix inference-service reports without one', async () => {
    const url = await publishApproved(completedRemix(randomUUID()));
    const res = await g.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(remixModel(res.json())).toEqual({ id: 'magenta-arbitrary-style', version: '1.0.0', files: [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }] });
  });

  it('is absent, and the creation still reads, in a row stored before licences were recorded', async () => {
    const remix = completedRemix(randomUUID());
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
