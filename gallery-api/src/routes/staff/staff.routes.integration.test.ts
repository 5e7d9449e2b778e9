import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGallery, type TestGallery } from '../../testing/test-gallery';

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
      ['jury.jan', 'jury'],
    ],
    PASSWORD,
  );
});
afterAll(async () => g?.close());

const as = (who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  g.app.inject({
    method,
    url: `/api/gallery${url}`,
    headers: { origin: g.origin, ...(who ? { cookie: cookies[who] } : {}) },
    ...(payload ? { payload } : {}),
  });

describe('staff roles on the server', () => {
  it('401 without a session and 403 forbidden_role for every role but admin on the staff routes', async () => {
    expect((await as(null, 'GET', '/staff')).statusCode).toBe(401);
    // Anonymous: 401 before the body is read, so an outsider learns nothing about the shape.
    expect((await as(null, 'POST', '/staff', { nonsense: true })).statusCode).toBe(401);
    for (const who of ['mod.mia', 'edu.eva', 'jury.jan']) {
      const res = await as(who, 'GET', '/staff');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden_role');
      expect((await as(who, 'POST', '/staff', { username: 'x.y.z', role: 'admin', password: PASSWORD })).statusCode).toBe(403);
    }
    expect((await g.pool.query("SELECT 1 FROM staff_accounts WHERE username = 'x.y.z'")).rowCount).toBe(0);
  });

  it('the moderation queue is for moderators and admins only', async () => {
    expect((await as('mod.mia', 'GET', '/moderation/queue')).statusCode).toBe(200);
    expect((await as('admin.ada', 'GET', '/moderation/queue')).statusCode).toBe(200);
    expect((await as('edu.eva', 'GET', '/moderation/queue')).statusCode).toBe(403);
    expect((await as('jury.jan', 'GET', '/moderation/queue')).statusCode).toBe(403);
  });
});

describe('the admin manages staff', () => {
  it('creates an account with a role, refuses a taken name, a weak password and a bad name, and lists without hashes', async () => {
    const res = await as('admin.ada', 'POST', '/staff', { username: 'edu.bo', role: 'educator', password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'edu.bo', role: 'educator', disabled: false });
    expect((await as('admin.ada', 'POST', '/staff', { username: 'edu.bo', role: 'jury', password: PASSWORD })).json().error.code).toBe('username_taken');
    expect((await as('admin.ada', 'POST', '/staff', { username: 'edu.cy', role: 'jury', password: 'short' })).json().error.code).toBe('weak_password');
    expect((await as('admin.ada', 'POST', '/staff', { username: 'Not Valid', role: 'jury', password: PASSWORD })).statusCode).toBe(400);
    expect((await as('admin.ada', 'POST', '/staff', { username: 'edu.cy', role: 'owner', password: PASSWORD })).statusCode).toBe(400);
    const list = await as('admin.ada', 'GET', '/staff');
    expect(list.headers['cache-control']).toBe('private, no-store');
    expect(list.json().accounts.map((a: { username: string }) => a.username)).toContain('edu.bo');
    expect(list.body).not.toMatch(/scrypt|password/i);
    // The new educator logs in and has an educator's rights only.
    const edu = await g.login('edu.bo', PASSWORD);
    expect((await g.app.inject({ method: 'GET', url: '/api/gallery/moderation/queue', headers: { cookie: edu } })).statusCode).toBe(403);
  });

  it('sets a role, disables, enables and resets a password, each ending the sessions it should, and logs each change', async () => {
    await g.addStaff('mod.rik', PASSWORD);
    const rik = await g.login('mod.rik', PASSWORD);
    const me = (cookie: string) => g.app.inject({ method: 'GET', url: '/api/gallery/auth/me', headers: { cookie } });
    expect((await as('admin.ada', 'PATCH', '/staff/mod.rik', { role: 'jury' })).json()).toMatchObject({ role: 'jury' });
    expect((await me(rik)).statusCode).toBe(401);
    expect((await as('admin.ada', 'PATCH', '/staff/mod.rik', { disabled: true })).json()).toMatchObject({ disabled: true });
    await expect(g.login('mod.rik', PASSWORD)).rejects.toThrow(/401/);
    expect((await as('admin.ada', 'PATCH', '/staff/mod.rik', { disabled: false })).json()).toMatchObject({ disabled: false });
    const again = await g.login('mod.rik', PASSWORD);
    expect((await as('admin.ada', 'PATCH', '/staff/mod.rik', { password: 'a brand new passphrase' })).statusCode).toBe(200);
    expect((await me(again)).statusCode).toBe(401);
    expect(await g.login('mod.rik', 'a brand new passphrase')).toMatch(/^atelier_session=/);
    const events = await g.gallery.audit.listFor('staff', 'mod.rik');
    expect(events.map((e) => [e.action, e.staffUsername])).toEqual([
      ['staff.set_role', 'admin.ada'],
      ['staff.disable', 'admin.ada'],
      ['staff.enable', 'admin.ada'],
      ['staff.reset_password', 'admin.ada'],
    ]);
    expect(JSON.stringify(events)).not.toContain('brand new');
  });

  it('refuses two changes at once, an unknown account, and an admin demoting or disabling themselves', async () => {
    expect((await as('admin.ada', 'PATCH', '/staff/mod.mia', { role: 'jury', disabled: true })).statusCode).toBe(400);
    expect((await as('admin.ada', 'PATCH', '/staff/nobody.here', { role: 'jury' })).statusCode).toBe(404);
    expect((await as('admin.ada', 'PATCH', '/staff/admin.ada', { role: 'moderator' })).json().error.code).toBe('own_account');
    expect((await as('admin.ada', 'PATCH', '/staff/admin.ada', { disabled: true })).json().error.code).toBe('own_account');
    expect((await g.pool.query("SELECT role FROM staff_accounts WHERE username = 'admin.ada'")).rows[0].role).toBe('admin');
  });

  it('refuses a write from a foreign origin', async () => {
    const res = await g.app.inject({
      method: 'POST',
      url: '/api/gallery/staff',
      headers: { origin: 'https://evil.example', cookie: cookies['admin.ada']! },
      payload: { username: 'evil.one', role: 'admin', password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
  });
});
