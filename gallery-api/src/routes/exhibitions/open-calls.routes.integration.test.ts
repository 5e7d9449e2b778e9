/**
 * Issue 12 item 6 on the real Postgres: an open call from submission to results with two jurors and three voters,
 * starting with who may do what; every staff step in the audit log; vote counts hidden until the results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestVisitor } from '@atelier/common/testing/visitors';
import { publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
let curator: string;
let juryA: string;
let juryB: string;

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'The Milkmaid' });
  await g.addStaff('cur.anna', 'correct horse battery');
  await g.addStaff('jury.a', 'correct horse battery', 'jury');
  await g.addStaff('jury.b', 'correct horse battery', 'jury');
  curator = await g.login('cur.anna', 'correct horse battery');
  juryA = await g.login('jury.a', 'correct horse battery');
  juryB = await g.login('jury.b', 'correct horse battery');
});
afterAll(async () => g?.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, opts: { cookie?: string; payload?: unknown; visitor?: TestVisitor } = {}) =>
  g.app.inject({
    method,
    url: `/api/gallery${url}`,
    ...(opts.payload !== undefined ? { payload: opts.payload as object } : {}),
    headers: { origin: g.origin, ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.visitor?.headers },
  });
const input = { theme: { en: 'The Milkmaid today', nl: 'Het melkmeisje nu' }, brief: { en: 'Remix her.', nl: 'Remix haar.' }, opensOn: null, closesOn: null, categories: ['up to 12', '13+'], publicVote: true };

describe('an open call, from submission to results', () => {
  it('401/403 first: visitors and jurors cannot run a call; curators cannot score', async () => {
    expect((await call('POST', '/open-calls', { payload: input })).statusCode).toBe(401);
    expect((await call('POST', '/open-calls', { payload: input, cookie: juryA })).statusCode).toBe(403);
    const id = (await call('POST', '/open-calls', { payload: input, cookie: curator })).json().id;
    expect((await call('PUT', `/open-calls/${id}/jury/00000000-0000-4000-8000-000000000000`, { payload: { originality: 3, craft: 3, theme: 3 }, cookie: curator })).statusCode).toBe(403);
    expect((await call('GET', `/open-calls/${id}/jury`)).statusCode).toBe(401);
    expect((await call('POST', `/open-calls/${id}/phase`, { payload: { phase: 'judging' }, cookie: juryA })).statusCode).toBe(403);
    expect((await call('POST', `/open-calls/${id}/phase`, { payload: { phase: 'results' }, cookie: curator })).statusCode).toBe(409);
  });

  it('two jurors score and shortlist, three visitors vote once each, the results name a winner per category', async () => {
    const created = await call('POST', '/open-calls', { payload: input, cookie: curator });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    // Three makers submit their own creations (one of them is never approved).
    const makers = [g.newVisitor(), g.newVisitor(), g.newVisitor()];
    const ids: string[] = [];
    for (const [i, maker] of makers.entries()) {
      ids.push((await g.publish(publishMeta({ title: `Milkmaid ${i}`, licence: 'cc0' }, ['open-1']), undefined, '', maker)).json().id);
    }
    for (const i of [0, 1]) expect((await g.decide(ids[i]!, curator, { decision: 'approve' })).statusCode).toBe(200);
    expect((await call('POST', `/open-calls/${id}/submissions`, { payload: { creationId: ids[0], category: '13+' }, visitor: makers[1] })).statusCode).toBe(404);
    expect((await call('POST', `/open-calls/${id}/submissions`, { payload: { creationId: ids[0], category: 'adults' }, visitor: makers[0] })).statusCode).toBe(400);
    for (const [i, category] of ['13+', '13+', 'up to 12'].entries()) {
      const res = await call('POST', `/open-calls/${id}/submissions`, { payload: { creationId: ids[i], category }, visitor: makers[i] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ submitted: true });
    }

    // Judging: scores from two jurors; the pending one cannot be shortlisted.
    expect((await call('POST', `/open-calls/${id}/phase`, { payload: { phase: 'judging' }, cookie: curator })).statusCode).toBe(200);
    expect((await call('POST', `/open-calls/${id}/submissions`, { payload: { creationId: ids[0], category: '13+' }, visitor: makers[0] })).statusCode).toBe(409);
    const score = (cookie: string, i: number, n: number) => call('PUT', `/open-calls/${id}/jury/${ids[i]}`, { payload: { originality: n, craft: n, theme: n }, cookie });
    expect((await score(juryA, 0, 4)).statusCode).toBe(204);
    expect((await score(juryB, 0, 5)).statusCode).toBe(204);
    expect((await score(juryA, 1, 3)).statusCode).toBe(204);
    expect((await score(juryB, 1, 2)).statusCode).toBe(204);
    expect((await call('PUT', `/open-calls/${id}/jury/${ids[0]}`, { payload: { originality: 9, craft: 1, theme: 1 }, cookie: juryA })).statusCode).toBe(400);
    const jury = (await call('GET', `/open-calls/${id}/jury`, { cookie: juryA })).json().items;
    expect(jury.find((x: { creationId: string }) => x.creationId === ids[0])).toMatchObject({ jurors: 2, mean: 4.5, myScore: { originality: 4 } });
    expect((await call('POST', `/open-calls/${id}/shortlist`, { payload: { creationIds: [ids[0], ids[2]] }, cookie: juryA })).json().error.code).toBe('not_shortlistable');
    expect((await call('POST', `/open-calls/${id}/shortlist`, { payload: { creationIds: [ids[0], ids[1]] }, cookie: juryB })).statusCode).toBe(204);
    // Nothing public yet.
    expect((await call('GET', `/open-calls/${id}`)).json()).toMatchObject({ phase: 'judging', shortlist: [], results: null });

    // Voting: one vote per visitor session; counts hidden.
    expect((await call('POST', `/open-calls/${id}/phase`, { payload: { phase: 'voting' }, cookie: curator })).statusCode).toBe(200);
    const voters = [g.newVisitor(), g.newVisitor(), g.newVisitor()];
    for (const [i, voter] of voters.entries()) {
      const res = await call('POST', `/open-calls/${id}/votes`, { payload: { creationId: ids[i === 0 ? 0 : 1] }, visitor: voter });
      expect(res.statusCode).toBe(200);
    }
    expect((await call('POST', `/open-calls/${id}/votes`, { payload: { creationId: ids[0] }, visitor: voters[1] })).json().error.code).toBe('already_voted');
    expect((await call('POST', `/open-calls/${id}/votes`, { payload: { creationId: ids[2] }, visitor: g.newVisitor() })).statusCode).toBe(400);
    const voting = (await call('GET', `/open-calls/${id}?lang=nl`, { visitor: voters[0] })).json();
    expect(voting).toMatchObject({ theme: 'Het melkmeisje nu', phase: 'voting', votedFor: ids[0], results: null });
    expect(voting.shortlist.map((c: { id: string }) => c.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(JSON.stringify(voting)).not.toMatch(/votes/);

    // Results: the jury's winner per category; the public's favourite and the counts now shown.
    expect((await call('POST', `/open-calls/${id}/phase`, { payload: { phase: 'results' }, cookie: curator })).statusCode).toBe(200);
    expect((await call('POST', `/open-calls/${id}/votes`, { payload: { creationId: ids[0] }, visitor: g.newVisitor() })).statusCode).toBe(409);
    const results = (await call('GET', `/open-calls/${id}`)).json().results;
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ category: 'up to 12', winner: null, publicFavourite: null, votes: [] });
    expect(results[1]).toMatchObject({ category: '13+', winner: { id: ids[0] }, publicFavourite: { id: ids[1] } });
    expect(results[1].votes).toEqual(expect.arrayContaining([{ creationId: ids[0], votes: 1 }, { creationId: ids[1], votes: 2 }]));

    const audit = (await g.gallery.audit.listFor('open_call', id)).map((e) => `${e.action}:${e.staffUsername}`);
    expect(audit).toEqual([
      'open_call.create:cur.anna',
      'open_call.phase:cur.anna',
      'open_call.score:jury.a',
      'open_call.score:jury.b',
      'open_call.score:jury.a',
      'open_call.score:jury.b',
      'open_call.shortlist:jury.b',
      'open_call.phase:cur.anna',
      'open_call.phase:cur.anna',
    ]);
    // A vote is kept under a keyed hash: no session id in the table.
    const { rows } = await g.pool.query<{ voter_key: string }>('SELECT voter_key FROM open_call_votes');
    for (const v of voters) expect(rows.map((r) => r.voter_key).join()).not.toContain(v.session.id);
  });
});
