import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as path } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remixOf } from '../../services/creation.fakes';
import { publishForm, publishMeta, startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
const PASSWORD = 'correct horse battery';
let cookies: Record<string, string> = {};

beforeAll(async () => {
  g = await startTestGallery();
  cookies = await g.staffSessions(
    [
      ['admin.ada', 'admin'],
      ['mod.mia', 'moderator'],
      ['edu.eva', 'educator'],
      ['edu.bob', 'educator'],
      ['jury.jan', 'jury'],
    ],
    PASSWORD,
  );
  await g.addWork('w-harbour', 'cc0');
  await g.addWork('w-flowers', 'cc0');
  await g.addWork('w-other', 'cc0');
});
afterAll(async () => g?.close());

type Method = 'GET' | 'POST';
const as = (who: string | null, method: Method, url: string, payload?: object) =>
  g.app.inject({
    method,
    url: `/api/gallery${url}`,
    headers: { origin: g.origin, ...(who ? { cookie: cookies[who] } : {}) },
    ...(payload ? { payload } : {}),
  });

const inAnHour = () => {
  const start = new Date();
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 90 * 60_000).toISOString() };
};
const workshopBody = (over: object = {}) => ({
  title: 'Havens en bloemen',
  lang: 'nl',
  ...inAnHour(),
  brief: { nl: 'Maak een nieuwe haven.', en: 'Make a new harbour.' },
  assignment: [{ workId: 'w-harbour' }, { workId: 'w-flowers', region: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 } }],
  tools: ['style', 'cartoon'],
  mayDraw: false,
  maySearch: false,
  publishRule: 'public',
  ...over,
});

/** A pupil as a browser holds one: both cookies the join set. */
interface Pupil {
  cookie: string;
  visitorToken: string;
  view: { pseudonym: { nl: string; en: string }; rejoinCode: string | null; takeHomeUrl: string; workshop: { id: string } };
}
async function join(code: string, rejoinCode?: string): Promise<Pupil> {
  const res = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code, ...(rejoinCode ? { rejoinCode } : {}) } });
  if (res.statusCode !== 200) throw new Error(`join ${res.statusCode} ${res.body}`);
  const pupil = res.cookies.find((c) => c.name === 'atelier_pupil')!;
  const visitor = res.cookies.find((c) => c.name === 'atelier_visitor')!;
  return { cookie: `atelier_pupil=${pupil.value}; atelier_visitor=${visitor.value}`, visitorToken: visitor.value, view: res.json() };
}
const asPupil = (p: Pupil, method: Method, url: string, payload?: object) =>
  g.app.inject({ method, url: `/api/gallery${url}`, headers: { cookie: p.cookie }, ...(payload ? { payload } : {}) });
async function submit(p: Pupil, meta: object) {
  const form = await publishForm(meta, await (await import('../../testing/test-gallery')).pngOf());
  return g.app.inject({ method: 'POST', url: '/api/gallery/workshops/pupil/submissions', payload: form.payload, headers: { ...form.headers, cookie: p.cookie } });
}
/** A canvas of assignment works and no strokes (this workshop does not draw). */
const noStrokes = (workIds: string[], over: object = {}) => {
  const meta = publishMeta(over, workIds);
  return { ...meta, document: { ...meta.document, layers: meta.document.layers.filter((l) => l.kind !== 'strokes') } };
};

describe('who may use the workshop routes', () => {
  it('401 without a session, 403 forbidden_role for moderators and jury, before the body is read', async () => {
    for (const [method, url] of [
      ['GET', '/workshops'],
      ['POST', '/workshops'],
      ['GET', '/workshops/00000000-0000-4000-8000-000000000000'],
      ['GET', '/workshops/00000000-0000-4000-8000-000000000000/submissions'],
      ['GET', '/workshops/00000000-0000-4000-8000-000000000000/export.zip'],
      ['GET', '/workshops/00000000-0000-4000-8000-000000000000/gallery'],
    ] as const) {
      expect((await as(null, method, url, method === 'POST' ? { nonsense: true } : undefined)).statusCode).toBe(401);
      for (const who of ['mod.mia', 'jury.jan']) {
        const res = await as(who, method, url, method === 'POST' ? { nonsense: true } : undefined);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden_role');
      }
    }
    expect((await as('edu.eva', 'GET', '/workshops')).statusCode).toBe(200);
    expect((await as(null, 'GET', '/workshops/pupil')).statusCode).toBe(401);
  });

  it('refuses a cross-site POST and a window longer than a day or without a brief (400)', async () => {
    const res = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops', headers: { cookie: cookies['edu.eva']!, origin: 'https://evil.example' }, payload: workshopBody() });
    expect(res.statusCode).toBe(403);
    const start = new Date();
    const long = await as('edu.eva', 'POST', '/workshops', workshopBody({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 25 * 3_600_000).toISOString() }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('invalid_window');
    expect((await as('edu.eva', 'POST', '/workshops', workshopBody({ brief: {} }))).statusCode).toBe(400);
    expect((await as('edu.eva', 'POST', '/workshops', workshopBody({ tools: ['paint'] }))).statusCode).toBe(400);
  });
});

describe('a workshop from preparation to take-home', () => {
  let id: string;
  let code: string;
  let ann: Pupil;
  let ben: Pupil;

  it('an educator prepares it: a join code, its URL, the retention shown, an audit event', async () => {
    const res = await as('edu.eva', 'POST', '/workshops', workshopBody());
    expect(res.statusCode).toBe(201);
    const w = res.json();
    id = w.id;
    code = w.joinCode;
    expect(code).toMatch(/^[346789ABCDEFGHJKMNPQRTUVWXY]{6}$/);
    expect(w.joinUrl).toBe(`${g.gallery.config.publicUrl.replace(/\/$/, '')}/join/${code}`);
    expect(w.retentionDays).toBe(30);
    expect(new Date(w.forgetAt).getTime() - new Date(w.endsAt).getTime()).toBe(30 * 86_400_000);
    expect((await as('edu.eva', 'GET', '/workshops')).json()).toMatchObject({ retentionDays: 30, workshops: [{ id }] });
    expect((await g.gallery.audit.listFor('workshop', id)).map((e) => [e.action, e.staffUsername])).toEqual([['workshop.create', 'edu.eva']]);
  });

  it("another educator can neither see nor touch it; an admin can", async () => {
    for (const [method, url, body] of [
      ['GET', `/workshops/${id}`, undefined],
      ['GET', `/workshops/${id}/submissions`, undefined],
      ['GET', `/workshops/${id}/pupils`, undefined],
      ['POST', `/workshops/${id}/lock`, { locked: true }],
      ['POST', `/workshops/${id}/end`, {}],
      ['GET', `/workshops/${id}/export.zip`, undefined],
      ['GET', `/workshops/${id}/gallery`, undefined],
    ] as const) {
      const res = await as('edu.bob', method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('not_your_workshop');
    }
    expect((await as('edu.bob', 'GET', '/workshops')).json().workshops).toEqual([]);
    expect((await as('admin.ada', 'GET', `/workshops/${id}`)).statusCode).toBe(200);
    expect((await as('admin.ada', 'GET', '/workshops')).json().workshops.map((w: { id: string }) => w.id)).toContain(id);
  });

  it('pupils join by code with a bilingual pseudonym; an unknown code is told apart, a rejoin code brings the same pupil back', async () => {
    const unknown = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code: 'XXXXXX' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('workshop_code_unknown');
    expect((await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code: 'oops' } })).json().error.code).toBe('workshop_code_unknown');
    // The pupil cookie is HttpOnly, SameSite=Strict and ends with the workshop (90 minutes from now).
    const raw = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code } });
    const cookie = raw.cookies.find((c) => c.name === 'atelier_pupil')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(Math.abs(cookie.maxAge! - 90 * 60)).toBeLessThan(60);
    ann = await join(code.toLowerCase().replace(/^(...)/, '$1-'));
    ben = await join(code);
    expect(ann.view.pseudonym.en).toMatch(/^\w+ \w+ \d{1,2}$/);
    expect(ann.view.pseudonym.nl.split(' ').at(-1)).toBe(ann.view.pseudonym.en.split(' ').at(-1));
    expect(ann.view.pseudonym.en).not.toBe(ben.view.pseudonym.en);
    expect(ann.view.rejoinCode).toMatch(/^[346789ABCDEFGHJKMNPQRTUVWXY]{5}$/);
    const again = await join(code, ann.view.rejoinCode!);
    expect(again.view.pseudonym).toEqual(ann.view.pseudonym);
    expect((await asPupil(again, 'GET', '/workshops/pupil')).json().pseudonym).toEqual(ann.view.pseudonym);
    const wrong = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code, rejoinCode: 'AAAAA' } });
    expect(wrong.json().error.code).toBe('rejoin_unknown');
    const pupils = (await as('edu.eva', 'GET', `/workshops/${id}/pupils`)).json().pupils;
    expect(pupils).toHaveLength(3);
    expect(JSON.stringify(pupils)).not.toMatch(/rejoin|hash/i);
  });

  it('the pupil page shows the brief and assignment first; a pupil sees nothing of the educator routes', async () => {
    const view = (await asPupil(ann, 'GET', '/workshops/pupil?lang=nl')).json();
    expect(view.workshop).toMatchObject({ id, brief: { nl: 'Maak een nieuwe haven.' }, tools: ['style', 'cartoon'], mayDraw: false, ended: false });
    expect(view.workshop.assignment.map((a: { workId: string }) => a.workId)).toEqual(['w-harbour', 'w-flowers']);
    expect((await asPupil(ann, 'GET', `/workshops/${id}/submissions`)).statusCode).toBe(401);
    expect((await asPupil(ann, 'GET', `/workshops/${id}/pupils`)).statusCode).toBe(401);
    expect((await asPupil(ann, 'GET', `/workshops/${id}/gallery`)).statusCode).toBe(200);
  });

  it("refuses a remix tool, drawing or a work the workshop does not allow; holds allowed work for the educator, not the public", async () => {
    const R_CUTOUT = '6f1c2a3e-0000-4000-8000-000000000001';
    const R_STYLE = '6f1c2a3e-0000-4000-8000-000000000002';
    g.remixes.serve(remixOf(R_CUTOUT, { tool: 'cutout', params: { source: 'canvas' } }), ann.visitorToken);
    g.remixes.serve(remixOf(R_STYLE, { params: { styleWorkId: 'w-harbour', strength: 0.5 } }), ann.visitorToken);
    const tool = await submit(ann, noStrokes(['w-harbour'], { remixIds: [R_CUTOUT] }));
    expect(tool.statusCode).toBe(403);
    expect(tool.json().error).toMatchObject({ code: 'tool_not_allowed', details: { tools: ['cutout'] } });
    expect((await submit(ann, publishMeta({}, ['w-harbour']))).json().error.code).toBe('drawing_not_allowed');
    expect((await submit(ann, noStrokes(['w-other']))).json().error.code).toBe('work_not_in_assignment');

    const sent = await submit(ann, noStrokes(['w-harbour'], { remixIds: [R_STYLE], title: 'Nieuwe haven' }));
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ state: 'waiting', title: 'Nieuwe haven', pseudonym: ann.view.pseudonym });
    const creationId = sent.json().creationId;
    expect((await g.app.inject({ method: 'GET', url: `/api/gallery/creations/${creationId}`, headers: { cookie: cookies['mod.mia']! } })).statusCode).toBe(404);
    expect((await as('mod.mia', 'GET', '/moderation/queue')).json().items).toEqual([]);
    const queue = (await as('edu.eva', 'GET', `/workshops/${id}/submissions`)).json().submissions;
    expect(queue).toMatchObject([{ state: 'waiting', title: 'Nieuwe haven', pseudonym: ann.view.pseudonym }]);
    expect(queue[0].creditLine).toMatch(/Nieuwe haven/);
  });

  it("a pupil sees neither another pupil's waiting work nor another workshop", async () => {
    const [s] = (await as('edu.eva', 'GET', `/workshops/${id}/submissions`)).json().submissions;
    expect((await asPupil(ann, 'GET', `/workshops/${id}/gallery/${s.id}/thumb`)).statusCode).toBe(200);
    expect((await asPupil(ben, 'GET', `/workshops/${id}/gallery/${s.id}/thumb`)).statusCode).toBe(404);
    const other = (await as('edu.bob', 'POST', '/workshops', workshopBody({ title: 'Andere klas' }))).json();
    expect((await asPupil(ann, 'GET', `/workshops/${other.id}/gallery`)).statusCode).toBe(403);
    expect((await asPupil(ann, 'GET', `/workshops/${other.id}/gallery/${s.id}/thumb`)).statusCode).toBe(403);
  });

  it('return with a comment (the pupil reads it and sends again), approve into the class gallery and the museum queue, never twice', async () => {
    const [first] = (await as('edu.eva', 'GET', `/workshops/${id}/submissions`)).json().submissions;
    expect((await as('edu.eva', 'POST', `/workshops/${id}/submissions/${first.id}/decision`, { decision: 'return' })).statusCode).toBe(400);
    const returned = await as('edu.eva', 'POST', `/workshops/${id}/submissions/${first.id}/decision`, { decision: 'return', comment: 'Meer blauw!' });
    expect(returned.json()).toMatchObject({ state: 'returned', comment: 'Meer blauw!' });
    expect((await asPupil(ann, 'GET', '/workshops/pupil')).json().submissions[0]).toMatchObject({ state: 'returned', comment: 'Meer blauw!' });
    expect((await as('edu.eva', 'POST', `/workshops/${id}/submissions/${first.id}/decision`, { decision: 'approve' })).statusCode).toBe(409);

    const revised = (await submit(ann, noStrokes(['w-harbour'], { title: 'Blauwe haven' }))).json();
    const approved = await as('edu.eva', 'POST', `/workshops/${id}/submissions/${revised.id}/decision`, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ state: 'approved' });
    const classGallery = (await asPupil(ben, 'GET', `/workshops/${id}/gallery`)).json().submissions;
    expect(classGallery.map((s: { title: string }) => s.title)).toEqual(['Blauwe haven']);
    expect((await asPupil(ben, 'GET', `/workshops/${id}/gallery/${revised.id}/working`)).headers['content-type']).toBe('image/webp');
    // A public workshop: into the museum's moderation queue, which knows where it came from.
    const items = (await as('mod.mia', 'GET', '/moderation/queue')).json().items;
    expect(items.map((c: { title: string }) => c.title)).toEqual(['Blauwe haven']);
    expect(items[0].workshop).toEqual({ workshopTitle: 'Havens en bloemen', approvedBy: 'edu.eva' });
    // Under the pupil's pseudonym from the workshop, not one of their browser's visitor session.
    expect(items[0].maker).toBe(ann.view.pseudonym.en);
    expect(approved.json().pageUrl).toMatch(new RegExp(`/gallery/${items[0].id}$`));
    const rejected = (await submit(ben, noStrokes(['w-flowers'], { title: 'Bloemen' }))).json();
    expect((await as('edu.eva', 'POST', `/workshops/${id}/submissions/${rejected.id}/decision`, { decision: 'reject' })).json().state).toBe('rejected');
    expect((await g.gallery.audit.listFor('workshop', id)).map((e) => e.action)).toEqual(['workshop.create', 'workshop.return', 'workshop.approve', 'workshop.reject']);
  });

  it('announces a pupil\'s send to the educator as a server-sent event, at once', async () => {
    const address = await g.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/gallery/workshops/${id}/events`, { headers: { cookie: cookies['edu.eva']! }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const heard = (async () => {
      while (!text.includes('event: submission')) text += new TextDecoder().decode((await reader.read()).value);
    })();
    while (!text.includes('event: ready')) await new Promise((r) => setTimeout(r, 10));
    await submit(ben, noStrokes(['w-flowers'], { title: 'Bloemen twee' }));
    await heard;
    controller.abort();
    expect(text).toMatch(/event: submission\ndata: \{"type":"submission"/);
  });

  it('the class export has every approved work at full size, its credit and JSON-LD, and an offline index.html', async () => {
    const res = await as('edu.eva', 'GET', `/workshops/${id}/export.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const dir = mkdtempSync(path(tmpdir(), 'export-'));
    writeFileSync(path(dir, 'class.zip'), res.rawPayload);
    const names = execFileSync('python3', ['-c', 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print("\\n".join(z.namelist()))', path(dir, 'class.zip'), path(dir, 'out')])
      .toString()
      .trim()
      .split('\n');
    expect(names).toEqual(['index.html', '01-Blauwe-haven/creation.png', '01-Blauwe-haven/credit.txt', '01-Blauwe-haven/provenance.jsonld']);
    const png = readFileSync(path(dir, 'out/01-Blauwe-haven/creation.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const html = readFileSync(path(dir, 'out/index.html'), 'utf8');
    expect(html).toContain('src="01-Blauwe-haven/creation.png"');
    expect(html).not.toMatch(/https?:\/\/[^"]*\.(css|js)/);
    expect(JSON.parse(readFileSync(path(dir, 'out/01-Blauwe-haven/provenance.jsonld'), 'utf8'))['@context']).toBeDefined();
  });

  it('each pupil takes home a link to their own approved work, without a session', async () => {
    const link = new URL(ann.view.takeHomeUrl);
    const token = link.pathname.split('/').at(-1)!;
    const res = await g.app.inject({ method: 'GET', url: `/api/gallery/workshops/take-home/${token}` });
    expect(res.json()).toMatchObject({ pseudonym: ann.view.pseudonym, submissions: [{ title: 'Blauwe haven', state: 'approved' }] });
    const img = await g.app.inject({ method: 'GET', url: res.json().submissions[0].imageUrl });
    expect(img.statusCode).toBe(200);
    expect((await g.app.inject({ method: 'GET', url: `/api/gallery/workshops/take-home/${'0'.repeat(32)}` })).statusCode).toBe(404);
  });

  it('lock stops new pupils but not a rejoin; a removed pupil is out; ending stops joins and sends and keeps approved work', async () => {
    expect((await as('edu.eva', 'POST', `/workshops/${id}/lock`, { locked: true })).json().locked).toBe(true);
    const locked = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('workshop_locked');
    await join(code, ben.view.rejoinCode!);
    const benId = (await as('edu.eva', 'GET', `/workshops/${id}/pupils`)).json().pupils.find((p: { pseudonym: { en: string } }) => p.pseudonym.en === ben.view.pseudonym.en).id;
    expect((await as('edu.eva', 'POST', `/workshops/${id}/pupils/${benId}/remove`, {})).statusCode).toBe(200);
    expect((await asPupil(ben, 'GET', '/workshops/pupil')).json().error.code).toBe('pupil_removed');
    expect((await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code, rejoinCode: ben.view.rejoinCode } })).statusCode).toBe(404);

    expect((await as('edu.eva', 'POST', `/workshops/${id}/end`, {})).json().endedAt).not.toBeNull();
    const ended = await g.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code } });
    expect(ended.statusCode).toBe(410);
    expect(ended.json().error.code).toBe('workshop_ended');
    expect((await submit(ann, noStrokes(['w-harbour']))).json().error.code).toBe('workshop_ended');
    expect((await asPupil(ann, 'GET', '/workshops/pupil')).json().workshop.ended).toBe(true);
    expect((await as('edu.eva', 'GET', `/workshops/${id}/gallery`)).json().submissions).toHaveLength(1);
  });
});

describe('join codes cannot be guessed', () => {
  it('limits join attempts per client address (429)', async () => {
    const limited = await startTestGallery({ env: { WORKSHOP_JOIN_RATE_LIMIT_PER_ADDRESS: '5' } });
    try {
      const codes = [];
      for (let i = 0; i < 6; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/gallery/workshops/join', payload: { code: `AAAAA${i + 3}` } })).statusCode);
      expect(codes).toEqual([404, 404, 404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
