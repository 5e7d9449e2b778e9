/**
 * Issue 12 item 2: a kiosk runs for days, and gallery-api restarts under it. gallery-api runs as its own process
 * (server.ts) on a per-test database; the kiosk is the studio's own KioskFeed (studio-web kiosk-feed.ts), its stream
 * read with fetch as the browser's EventSource would. While the server is down the kiosk keeps every slide it had;
 * a withdrawal made meanwhile (by another gallery-api process on the same database) is picked up once it is back;
 * and with the server up again a withdrawal reaches the running kiosk through its event stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseEvents } from '@atelier/common/sse';
import { TEST_SESSION_SECRET } from '@atelier/common/testing/visitors';
import type { KioskManifest } from '@atelier/contracts/exhibition.schema';
import { publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';
import { KioskFeed, type KioskState, type OpenStream } from '../../studio-web/src/pages/exhibitions/kiosk-feed';
import { freePort } from '../../scripts/stack';
import { startService, type ServiceProcess } from '../support/processes';
import { printFigures, since } from '../faults/support/figures';

const PUBLIC = 'https://atelier.museum.example';
let g: TestGallery;
let server: ServiceProcess | null = null;
let base: string;
let port: number;
let exhibitionId: string;
const ids: string[] = [];
let openFeed: KioskFeed | null = null;

const start = async () => {
  server = startService('gallery-api/src/server.ts', {
    DATABASE_URL: g.db.url,
    GALLERY_PORT: String(port),
    GALLERY_STORAGE_DIR: g.storageDir,
    INFERENCE_URL: 'http://127.0.0.1:9',
    ATELIER_SESSION_SECRET: TEST_SESSION_SECRET,
    ATELIER_PUBLIC_URL: PUBLIC,
    GALLERY_SWEEP_INTERVAL_MIN: '0',
    GALLERY_STORAGE_MIN_FREE_MB: '0',
    LOG_LEVEL: 'info',
  });
  await server.said('gallery-api ready');
};

beforeAll(async () => {
  g = await startTestGallery();
  await g.addWork('open-1', 'cc0', { title: 'Girl with a Pearl Earring', creator: 'Johannes Vermeer', institution: 'Mauritshuis' });
  await g.addStaff('cur.anna', 'correct horse battery');
  const staff = await g.login('cur.anna', 'correct horse battery');
  for (const title of ['One', 'Two', 'Three', 'Four']) {
    const id = (await g.publish(publishMeta({ title, licence: 'cc0' }, ['open-1']))).json().id as string;
    expect((await g.decide(id, staff, { decision: 'approve' })).statusCode).toBe(200);
    ids.push(id);
  }
  const created = await g.app.inject({
    method: 'POST',
    url: '/api/gallery/exhibitions',
    headers: { cookie: staff, origin: g.origin },
    payload: { title: { en: 'Pearls', nl: 'Parels' }, text: { en: '', nl: '' }, creationIds: ids, startsOn: null, endsOn: null, public: true, slideSeconds: 5, transition: 'fade' },
  });
  expect(created.statusCode).toBe(201);
  exhibitionId = created.json().id;
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  await start();
}, 120_000);

afterAll(async () => {
  // A graceful stop: it must not wait on the kiosk streams still open.
  const stopped = await server?.kill('SIGTERM');
  openFeed?.stop();
  if (stopped) expect(stopped).toBe('code 0');
  await g?.close();
});

/** The stream as an EventSource reads it, over fetch; any end or failure is an error to the feed. */
const fetchStream: OpenStream = (url, h) => {
  const abort = new AbortController();
  void (async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
      if (!res.ok) throw new Error(`status ${res.status}`);
      for await (const e of sseEvents(res)) {
        if (e.event === 'manifest') h.manifest(e.data as KioskManifest);
        if (e.event === 'gone') h.gone();
      }
      throw new Error('stream ended');
    } catch {
      if (!abort.signal.aborted) h.error();
    }
  })();
  return { close: () => abort.abort() };
};

function kiosk() {
  const states: KioskState[] = [];
  const waiters: { test(s: KioskState): boolean; resolve(s: KioskState): void }[] = [];
  const feed = new KioskFeed({
    eventsUrl: `${base}/api/gallery/exhibitions/${exhibitionId}/kiosk/events`,
    openStream: fetchStream,
    fetchManifest: async () => {
      const res = await fetch(`${base}/api/gallery/exhibitions/${exhibitionId}/kiosk`);
      if (!res.ok) throw Object.assign(new Error(`status ${res.status}`), { status: res.status });
      return (await res.json()) as KioskManifest;
    },
    onState: (s) => {
      states.push(s);
      for (const w of [...waiters]) if (w.test(s)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(s));
    },
    reconnectMs: { first: 200, max: 1_000 },
  });
  const until = (test: (s: KioskState) => boolean, what: string, ms = 30_000) =>
    test(feed.current())
      ? Promise.resolve(feed.current())
      : Promise.race([
          new Promise<KioskState>((resolve) => waiters.push({ test, resolve })),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`kiosk never reached: ${what}; last ${JSON.stringify(feed.current().connection)}`)), ms)),
        ]);
  return { feed, states, until };
}

const slideIds = (s: KioskState) => s.manifest?.slides.map((x) => x.creationId) ?? [];

describe('a kiosk while gallery-api restarts', () => {
  it('keeps its slides while the server is down, picks up what changed meanwhile, and resumes live updates after', async () => {
    const { feed, states, until } = kiosk();
    feed.start();
    await until((s) => s.connection === 'live' && slideIds(s).length === 4, 'four slides');

    // gallery-api dies (no graceful close): the kiosk goes offline and keeps every slide it had.
    const down = performance.now();
    await server!.kill('SIGKILL');
    const offline = await until((s) => s.connection === 'offline', 'offline');
    expect(slideIds(offline)).toEqual(ids);

    // Meanwhile another process of the gallery withdraws one (the in-process app on the same database).
    const staff = await g.login('cur.anna', 'correct horse battery');
    const withdrawn = await g.app.inject({
      method: 'POST',
      url: `/api/gallery/creations/${ids[1]}/withdrawal`,
      headers: { cookie: staff, origin: g.origin },
      payload: { reason: 'Asked by its maker.' },
    });
    expect(withdrawn.statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a few failed reconnects
    expect(states.filter((s) => s.manifest === null)).toEqual([]); // it never went blank
    expect(slideIds(feed.current())).toEqual(ids);

    await start();
    const back = performance.now();
    const resumed = await until((s) => s.connection === 'live' && slideIds(s).length === 3, 'the withdrawal made while it was down');
    const resumedMs = since(back);
    expect(slideIds(resumed)).toEqual([ids[0], ids[2], ids[3]]);

    // Live again: a withdrawal through the restarted process reaches the running kiosk through its stream.
    const login = await fetch(`${base}/api/gallery/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC },
      body: JSON.stringify({ username: 'cur.anna', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const t = performance.now();
    const res = await fetch(`${base}/api/gallery/creations/${ids[3]}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: PUBLIC, cookie },
      body: JSON.stringify({ reason: 'Also asked.' }),
    });
    expect(res.status).toBe(200);
    await until((s) => slideIds(s).length === 2, 'the live withdrawal', 10_000);
    const liveMs = since(t);
    expect(slideIds(feed.current())).toEqual([ids[0], ids[2]]);
    openFeed = feed; // left connected: the server's graceful stop (afterAll) must not wait on it

    printFigures('kiosk while gallery-api restarts', {
      injected: `gallery-api SIGKILLed with a kiosk connected; one creation withdrawn while it was down; restarted after ${Math.round(performance.now() - down)} ms in all`,
      clientsSaw: [
        'offline with all 4 slides kept; never blank',
        'after the restart: 3 slides (the withdrawal made meanwhile picked up on reconnecting)',
        'a withdrawal through the restarted process reached the kiosk by its event stream',
      ],
      timings: { 'server ready → kiosk live with the change': resumedMs, 'withdrawal POST → kiosk dropped it': liveMs },
    });
  }, 120_000);
});
