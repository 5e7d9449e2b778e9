import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpInferenceClient } from '../../repositories/inference.client';
import { startInferenceTestServer, type InferenceTestServer } from '../../repositories/inference.test-server';
import { remixOf } from '../../services/creation.fakes';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

// Publishing a remix whose safety screen is still running: the gallery reads the remix's event stream over HTTP
// (the real client, a real stream, with the visitor's own session cookie) until `screened`, and stores the scores;
// no GET is repeated.

let g: TestGallery;
let inference: InferenceTestServer;
let cookie: string;

beforeAll(async () => {
  inference = await startInferenceTestServer();
  g = await startTestGallery({ inference: new HttpInferenceClient(inference.url), screenWaitMs: 5_000 });
  await g.addWork('open-1', 'cc0');
  await g.addStaff('mod.ida', 'correct horse battery');
  cookie = await g.login('mod.ida', 'correct horse battery');
});
afterAll(async () => {
  await g?.close();
  await inference?.close();
});

const SAFETY = { screened: true, flagged: true, scores: { output: { Porn: 0.91 } }, flagClasses: ['Porn'], threshold: 0.6 };
const remix = (id: string, over: Parameters<typeof remixOf>[1] = {}) => remixOf(id, { params: { styleWorkId: 'open-1', strength: 0.7 }, ...over });

describe('publishing waits for the safety screen by its event stream', () => {
  it('stores the scores announced by `screened`, and moderation sees the creation flagged first', async () => {
    const id = randomUUID();
    inference.serve(remix(id, { screening: true }), g.visitor.session.token);
    const publishing = g.publish(publishMeta({ licence: 'cc0', remixIds: [id] }, ['open-1']));
    await inference.subscribed(id);
    inference.announce(id, { event: 'screened', data: remix(id, { safety: SAFETY }) });
    const res = await publishing;
    expect(res.statusCode).toBe(201);

    const queue = (await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie } })).json();
    expect(queue.items[0]).toMatchObject({ id: res.json().id, safety: { flagged: true, remixes: [{ remixId: id, ...SAFETY }] } });
  });

  it('publishes, marked as not screened, when the stream does not announce the screen within the wait', async () => {
    const slow = await startTestGallery({ inference: new HttpInferenceClient(inference.url), screenWaitMs: 100 });
    try {
      await slow.addWork('open-1', 'cc0');
      const id = randomUUID();
      inference.serve(remix(id, { screening: true }), slow.visitor.session.token);
      const res = await slow.publish(publishMeta({ licence: 'cc0', remixIds: [id] }, ['open-1']));
      expect(res.statusCode).toBe(201);
      const { rows } = await slow.pool.query('SELECT safety, safety_flagged FROM creations WHERE id = $1', [res.json().id]);
      expect(rows[0]).toMatchObject({
        safety_flagged: false,
        safety: { flagged: false, remixes: [{ remixId: id, screened: false, note: 'the safety screen had not finished when this was published' }] },
      });
    } finally {
      await slow.close();
    }
  });

  it('answers 409 when the stream says the remix was cancelled instead', async () => {
    const id = randomUUID();
    inference.serve(remix(id, { screening: true }), g.visitor.session.token);
    const publishing = g.publish(publishMeta({ licence: 'cc0', remixIds: [id] }, ['open-1']));
    await inference.subscribed(id);
    inference.announce(id, { event: 'cancelled', data: remix(id, { status: 'cancelled', output: undefined }) });
    const res = await publishing;
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'remix_not_completed', details: { status: 'cancelled' } });
  });

  it('answers 502 for a remix off the contract (a percentage where a fraction belongs), and stores nothing', async () => {
    const id = randomUUID();
    inference.serve({ ...remix(id), progress: 100 }, g.visitor.session.token);
    const res = await g.publish(publishMeta({ licence: 'cc0', remixIds: [id] }, ['open-1']));
    expect([res.statusCode, res.json().error.code]).toEqual([502, 'inference_bad_answer']);
  });
});
