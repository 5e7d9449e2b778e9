import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishForm, publishMeta, pngOf, startTestGallery, type TestGallery } from '../testing/test-gallery';

/**
 * Forgetting (issue 11, item 8): a set time after a workshop ends, its pupils' sessions, pseudonyms and unapproved
 * work are deleted, files included; approved work stays, under its pseudonym, in the class gallery and its export.
 */
let g: TestGallery;
const PASSWORD = 'correct horse battery';
let edu: string;

beforeAll(async () => {
  // No inference-service listens here: its remixes are then left to their own expiry, and the sweep says so.
  g = await startTestGallery({ env: { WORKSHOP_RETENTION_DAYS: '7', INFERENCE_URL: 'http://127.0.0.1:9' } });
  await g.addStaff('edu.eva', PASSWORD, 'educator');
  edu = await g.login('edu.eva', PASSWORD);
  await g.addWork('w-harbour', 'cc0');
});
afterAll(async () => g?.close());

const staff = (method: 'GET' | 'POST', url: string, payload?: object) =>
  g.app.inject({ method, url: `/api/gallery${url}`, headers: { cookie: edu, origin: g.origin }, ...(payload ? { payload } : {}) });

async function workshopWithWork() {
  const start = new Date();
  const w = (
    await staff('POST', '/workshops', {
      title: 'Vergeten',
      lang: 'en',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      brief: { en: 'Make something.' },
      assignment: [{ workId: 'w-harbour' }],
      tools: [],
      mayDraw: true,
      maySearch: true,
      publishRule: 'class',
    })
  ).json();
  const pupils = [];
  for (let i = 0; i < 2; i++) {
    const res = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code: w.joinCode } });
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const form = await publishForm(publishMeta({ title: `Work ${i}` }, ['w-harbour']), await pngOf());
    const sent = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/pupil/submissions', payload: form.payload, headers: { ...form.headers, cookie } });
    expect(sent.statusCode).toBe(201);
    pupils.push({ cookie, view: res.json(), submission: sent.json() });
  }
  return { w, pupils };
}

describe('the workshop sweeper', () => {
  it('keeps everything until the retention has passed, then forgets pupils and unapproved work but keeps approved work', async () => {
    const { w, pupils } = await workshopWithWork();
    const [kept, dropped] = pupils;
    await staff('POST', `/workshops/${w.id}/submissions/${kept!.submission.id}/decision`, { decision: 'approve' });
    await staff('POST', `/workshops/${w.id}/end`, {});
    const files = async (id: string) =>
      Object.values((await g.pool.query('SELECT image_keys FROM workshop_submissions WHERE id = $1', [id])).rows[0]?.image_keys ?? {}) as string[];
    const droppedFiles = await files(dropped!.submission.id);
    expect(droppedFiles).toHaveLength(3);
    expect(droppedFiles.every((k) => existsSync(join(g.storageDir, k)))).toBe(true);

    // Ended just now: nothing is due.
    expect((await g.gallery.workshops.forgetDue()).workshops).toBe(0);
    // Eight days later (retention 7 days): moved back in time rather than waiting.
    await g.pool.query(
      "UPDATE workshops SET starts_at = starts_at - interval '8 days', ends_at = ends_at - interval '8 days', ended_at = ended_at - interval '8 days' WHERE id = $1",
      [w.id],
    );
    const result = await g.gallery.workshops.forgetDue();
    console.log('workshop sweep:', result);
    expect(result).toEqual({ workshops: 1, pupils: 2, submissions: 1, drafts: 0, files: 3, remixes: 0, remixFiles: 0, remixesUnreached: 1 });
    expect(droppedFiles.some((k) => existsSync(join(g.storageDir, k)))).toBe(false);
    expect((await g.pool.query('SELECT count(*)::int AS n FROM workshop_pupils WHERE workshop_id = $1', [w.id])).rows[0].n).toBe(0);

    // Pupils' sessions and links are gone; the approved work stays, under its pseudonym, in gallery and export.
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/workshops/pupil', headers: { cookie: kept!.cookie } })).statusCode).toBe(401);
    const token = new URL(kept!.view.takeHomeUrl).pathname.split('/').at(-1);
    expect((await g.app.inject({ method: 'GET', url: `/api/gallery/workshops/take-home/${token}` })).statusCode).toBe(404);
    const gallery = (await staff('GET', `/workshops/${w.id}/gallery`)).json().submissions;
    expect(gallery).toMatchObject([{ title: 'Work 0', pseudonym: kept!.view.pseudonym, state: 'approved' }]);
    expect((await staff('GET', `/workshops/${w.id}/gallery/${kept!.submission.id}/full`)).statusCode).toBe(200);
    expect((await staff('GET', `/workshops/${w.id}/export.zip`)).statusCode).toBe(200);
    // Its join code is free again and answers as unknown; the sweep is done once.
    const joined = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code: w.joinCode } });
    expect(joined.json().error.code).toBe('workshop_code_unknown');
    expect((await g.gallery.workshops.forgetDue()).workshops).toBe(0);
    expect((await g.gallery.audit.listFor('workshop', w.id)).map((e) => e.action)).toContain('workshop.forget');
  });
});
