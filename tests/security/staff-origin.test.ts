/**
 * Issue #10 item 6, CSRF: every state-changing staff request (login, logout, a moderation decision) must come
 * from one of the studio's public origins (`Origin`), besides the SameSite=Strict cookie; a cross-site or
 * missing Origin is 403 in the one error shape, before anything changes. The session cookie is `Secure`
 * whenever the public URL is https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, publishMeta, startTestGallery, type TestGallery } from '@atelier/gallery-api/testing/test-gallery';

const PASSWORD = 'correct horse battery';
const EVIL = 'https://evil.example';

let g: TestGallery;
beforeAll(async () => {
  g = await startTestGallery();
  await g.addStaff('mod.ada', PASSWORD);
});
afterAll(async () => g?.close());

const sessions = async (gallery: TestGallery) =>
  (await gallery.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_sessions')).rows[0]!.n;

const login = (gallery: TestGallery, headers: Record<string, string>) =>
  gallery.app.inject({ method: 'POST', url: '/api/gallery/auth/login', payload: { username: 'mod.ada', password: PASSWORD }, headers });

function expectRefused(res: { statusCode: number; json(): unknown; cookies: unknown[] }) {
  expect(res.statusCode).toBe(403);
  expect(res.json()).toEqual({ error: { code: 'origin_not_allowed', message: expect.any(String) } });
  expect(res.cookies).toHaveLength(0);
}

describe('staff POSTs check Origin (issue #10 item 6)', () => {
  it('login: 403 without Origin, from another site and from an opaque origin; 200 from the studio', async () => {
    const refused: Record<string, string>[] = [{}, { origin: EVIL }, { origin: 'null' }, { origin: 'http://127.0.0.1:8081' }];
    for (const headers of refused) expectRefused(await login(g, headers));
    expect(await sessions(g)).toBe(0);
    const ok = await login(g, { origin: g.origin });
    expect(ok.statusCode).toBe(200);
    expect(await sessions(g)).toBe(1);
  });

  it('logout from another site is refused and the session lives on', async () => {
    const cookie = await g.login('mod.ada', PASSWORD);
    const before = await sessions(g);
    for (const headers of [{ cookie }, { cookie, origin: EVIL }]) {
      const res = await g.app.inject({ method: 'POST', url: '/api/gallery/auth/logout', headers, payload: {} });
      expectRefused(res);
    }
    expect(await sessions(g)).toBe(before);
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('a moderation decision from another site or without Origin changes nothing', async () => {
    const cookie = await g.login('mod.ada', PASSWORD);
    const published = await g.publish(publishMeta());
    expect(published.statusCode).toBe(201);
    const id = published.json().id as string;
    for (const headers of [{ cookie }, { cookie, origin: EVIL }]) {
      const res = await g.app.inject({ method: 'POST', url: `/api/gallery/moderation/creations/${id}/decision`, headers, payload: { decision: 'approve' } });
      expectRefused(res);
    }
    expect((await countRows(g.pool)).events).toBe(0);
    expect((await g.decide(id, cookie, { decision: 'approve' })).statusCode).toBe(200);
  });

  it('the public URL and ATELIER_ALLOWED_ORIGINS are the allowed origins; the cookie is Secure under https', async () => {
    const pub = await startTestGallery({
      env: { ATELIER_PUBLIC_URL: 'https://Atelier.Museum.example/', ATELIER_ALLOWED_ORIGINS: 'http://10.0.0.5:8080, http://kiosk.local' },
    });
    try {
      await pub.addStaff('mod.ada', PASSWORD);
      expectRefused(await login(pub, { origin: 'http://127.0.0.1:8080' }));
      expectRefused(await login(pub, { origin: 'http://atelier.museum.example' }));
      for (const origin of ['https://atelier.museum.example', 'http://10.0.0.5:8080', 'http://kiosk.local']) {
        const res = await login(pub, { origin });
        expect(res.statusCode, origin).toBe(200);
        // The request itself came over plain http (a TLS proxy in front): the public URL decides.
        expect(res.cookies.find((c) => c.name === 'atelier_session')?.secure, origin).toBe(true);
      }
    } finally {
      await pub.close();
    }
  });

  it('the cookie is not Secure when the public URL is plain http (a kiosk on a LAN)', async () => {
    const lan = await startTestGallery({ env: { ATELIER_PUBLIC_URL: 'http://192.168.1.20:8080' } });
    try {
      await lan.addStaff('mod.ada', PASSWORD);
      const res = await login(lan, { origin: 'http://192.168.1.20:8080' });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'atelier_session')?.secure).toBeFalsy();
    } finally {
      await lan.close();
    }
  });
});
