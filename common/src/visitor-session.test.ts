import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { VISITOR_COOKIE, VisitorSessions, cookieValue, requireSessionSecret, visitorSessionSettings } from './visitor-session';

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const settings = { secret: SECRET, ttlMs: 3_600_000, secureCookie: false };

describe('VisitorSessions', () => {
  it('mints a random 128-bit id with an expiry, and verifies only its own signature', () => {
    const sessions = new VisitorSessions(settings);
    const a = sessions.mint();
    const b = sessions.mint();
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a.id, 'base64url')).toHaveLength(16);
    expect(a.id).not.toBe(b.id);
    expect(sessions.verify(a.token)).toEqual(a);
    expect(new VisitorSessions({ ...settings, secret: `${SECRET}-other` }).verify(a.token)).toBeNull();
    // Another id under the same signature, a changed expiry, rubbish: none is a session.
    const [v, , exp, mac] = a.token.split('.');
    expect(sessions.verify(`${v}.${b.id}.${exp}.${mac}`)).toBeNull();
    expect(sessions.verify(`${v}.${a.id}.${Number(exp) + 3600}.${mac}`)).toBeNull();
    expect(sessions.verify('anything')).toBeNull();
    expect(sessions.verify(undefined)).toBeNull();
  });

  it('refuses an expired session', () => {
    let now = 1_000_000_000_000;
    const sessions = new VisitorSessions(settings, () => now);
    const s = sessions.mint();
    now += settings.ttlMs - 1000;
    expect(sessions.verify(s.token)?.id).toBe(s.id);
    now += 1000;
    expect(sessions.verify(s.token)).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Strict, expiring cookie, Secure on https or when configured', () => {
    const sessions = new VisitorSessions(settings);
    const s = sessions.mint();
    const cookie = sessions.cookie(s, false);
    expect(cookie).toMatch(new RegExp(`^${VISITOR_COOKIE}=${s.token.replace(/\./g, '\\.')}; Path=/; Max-Age=(3599|3600); Expires=.+; HttpOnly; SameSite=Strict$`));
    expect(sessions.cookie(s, true)).toMatch(/; Secure$/);
    expect(new VisitorSessions({ ...settings, secureCookie: true }).cookie(s, false)).toMatch(/; Secure$/);
  });

  it('pseudonyms are keyed: stable per purpose and value, different per purpose and per secret', () => {
    const sessions = new VisitorSessions(settings);
    const p = sessions.pseudonym('creation owner', 'abc');
    expect(p).toMatch(/^[0-9a-f]{64}$/);
    expect(sessions.pseudonym('creation owner', 'abc')).toBe(p);
    expect(sessions.pseudonym('rate-limit address', 'abc')).not.toBe(p);
    expect(new VisitorSessions({ ...settings, secret: `${SECRET}!` }).pseudonym('creation owner', 'abc')).not.toBe(p);
  });

  it('mints only for routes that bind (`of`), once per request, and reads without minting (`existing`)', async () => {
    const sessions = new VisitorSessions(settings);
    const app = Fastify();
    app.get('/bind', async (req, reply) => {
      const first = sessions.of(req, reply);
      return { same: sessions.of(req, reply).id === first.id, id: first.id };
    });
    app.get('/read', async (req) => ({ id: sessions.existing(req)?.id ?? null }));
    const minted = await app.inject('/bind');
    expect(minted.json().same).toBe(true);
    expect([minted.headers['set-cookie']].flat()).toHaveLength(1);
    const cookie = `${VISITOR_COOKIE}=${cookieValue(String(minted.headers['set-cookie']), VISITOR_COOKIE)}`;
    const again = await app.inject({ url: '/bind', headers: { cookie } });
    expect(again.json().id).toBe(minted.json().id);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await app.inject('/read')).json()).toEqual({ id: null });
    const read = await app.inject({ url: '/read', headers: { cookie: `other=1; ${cookie}` } });
    expect(read.json().id).toBe(minted.json().id);
    expect(read.headers['set-cookie']).toBeUndefined();
  });
});

describe('visitorSessionSettings', () => {
  it('reads the secret, lifetime and Secure from the environment, and refuses a short secret', () => {
    expect(visitorSessionSettings({})).toEqual({ secret: null, ttlMs: 24 * 3_600_000, secureCookie: false });
    expect(
      visitorSessionSettings({ ATELIER_SESSION_SECRET: SECRET, ATELIER_SESSION_TTL_HOURS: '2', ATELIER_PUBLIC_URL: 'https://atelier.museum.example' }),
    ).toEqual({ secret: SECRET, ttlMs: 2 * 3_600_000, secureCookie: true });
    expect(() => visitorSessionSettings({ ATELIER_SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() => requireSessionSecret(visitorSessionSettings({}))).toThrow(/ATELIER_SESSION_SECRET is not set/);
  });
});
