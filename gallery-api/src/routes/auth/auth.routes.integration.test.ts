import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startTestGallery, type TestGallery } from '../../testing/test-gallery';

let g: TestGallery;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  g = await startTestGallery();
  await g.addStaff('mod.cleo', PASSWORD);
  await g.addStaff('mod.gone', PASSWORD);
  await g.gallery.repositories.staff.disable('mod.gone');
});
afterAll(async () => g?.close());

const loginAs = (username: string, password: string, headers: Record<string, string> = {}) =>
  g.app.inject({ method: 'POST', url: '/api/gallery/auth/login', payload: { username, password }, headers: { origin: g.origin, ...headers } });

const sessionCount = async () => (await g.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_sessions')).rows[0]!.n;

describe('auth', () => {
  it('401 invalid_credentials for a wrong password, an unknown user and a disabled account, alike', async () => {
    for (const [user, pw] of [
      ['mod.cleo', 'wrong password!!'],
      ['nobody.here', PASSWORD],
      ['mod.gone', PASSWORD],
    ] as const) {
      const res = await loginAs(user, pw);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Unknown username or wrong password.' } });
      expect(res.cookies).toHaveLength(0);
    }
    expect(await sessionCount()).toBe(0);
  });

  it('400 for a malformed body and 415 for a form post', async () => {
    const noPassword = { method: 'POST', url: '/api/gallery/auth/login', payload: { username: 'x' }, headers: { origin: g.origin } } as const;
    expect((await g.app.inject(noPassword)).statusCode).toBe(400);
    const form = await g.app.inject({
      method: 'POST',
      url: '/api/gallery/auth/login',
      headers: { origin: g.origin, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=mod.cleo&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.statusCode).toBe(415);
  });

  it('401 from /auth/me without a session', async () => {
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/auth/me' })).statusCode).toBe(401);
  });

  it('logs in with a hardened cookie, stores only the token hash, and logs out', async () => {
    const res = await loginAs('MOD.cleo', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ username: 'mod.cleo', role: 'moderator' });
    const cookie = res.cookies.find((c) => c.name === 'atelier_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(Buffer.from(cookie.value, 'base64url')).toHaveLength(32);

    const { rows } = await g.pool.query<{ token_sha256: string }>('SELECT token_sha256 FROM staff_sessions');
    expect(rows.map((r) => r.token_sha256)).toEqual([createHash('sha256').update(cookie.value).digest('hex')]);

    const header = { cookie: `atelier_session=${cookie.value}`, origin: g.origin };
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/auth/me', headers: header })).json()).toEqual({
      username: 'mod.cleo',
      role: 'moderator',
    });
    const out = await g.app.inject({ method: 'POST', url: '/api/gallery/auth/logout', headers: header, payload: {} });
    expect(out.statusCode).toBe(204);
    expect(await sessionCount()).toBe(0);
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/auth/me', headers: header })).statusCode).toBe(401);
  });

  it('sets Secure on the cookie when the request came over https through a trusted proxy', async () => {
    const behindProxy = await startTestGallery({ trustProxy: true });
    try {
      await behindProxy.addStaff('mod.dirk', PASSWORD);
      const res = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/gallery/auth/login',
        payload: { username: 'mod.dirk', password: PASSWORD },
        headers: { origin: behindProxy.origin, 'x-forwarded-proto': 'https' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'atelier_session')?.secure).toBe(true);
    } finally {
      await behindProxy.close();
    }
  });

  it('ends sessions when an account is disabled', async () => {
    const cookie = await g.login('mod.cleo', PASSWORD);
    await g.gallery.repositories.staff.disable('mod.cleo');
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('answers 429 past the per-address login budget, in the error shape with Retry-After; another address goes on', async () => {
    const limited = await startTestGallery({ limits: { loginPerAddress: 4 } });
    try {
      const attempt = (i: number, remoteAddress: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/gallery/auth/login',
          payload: { username: `nobody-${i}`, password: 'wrong password!!' },
          headers: { origin: limited.origin },
          remoteAddress,
        });
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await attempt(i, '192.0.2.1')).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 429]);
      const res = await attempt(9, '192.0.2.1');
      expect(res.json().error.code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(10, '192.0.2.2')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
