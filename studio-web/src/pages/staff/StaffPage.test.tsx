import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio } from '../../canvas/ui/studio';
import { json, renderInStudio } from '../studio/studio.test-support';
import { StaffPage } from './StaffPage';

afterEach(() => vi.unstubAllGlobals());

const account = (username: string, role: string, disabled = false) => ({ username, role, createdAt: '2026-12-01T10:00:00Z', disabled });

/** A gallery-api that answers /auth/me as `role` and keeps a staff list. */
function server(role: string) {
  const accounts = [account('admin.ada', 'admin'), account('mod.mia', 'moderator')];
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body });
    if (url.endsWith('/auth/me')) return json(200, { username: role === 'admin' ? 'admin.ada' : 'edu.eva', role });
    if (url === '/api/gallery/staff' && method === 'GET') return json(200, { accounts });
    if (url === '/api/gallery/staff' && method === 'POST') {
      if (body.username === 'mod.mia') return json(409, { error: { code: 'username_taken', message: 'taken' } });
      return json(201, account(body.username, body.role));
    }
    if (url === '/api/gallery/staff/mod.mia' && method === 'PATCH') return json(200, { ...account('mod.mia', 'moderator'), ...body });
    return json(404, { error: { code: 'not_found', message: url } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

describe('the staff page', () => {
  it('tells a member whose role may not manage staff so, and lists nothing', async () => {
    const calls = server('educator');
    renderInStudio(createStudio(), <StaffPage />, 'nl');
    expect((await screen.findByTestId('staff-forbidden')).textContent).toMatch(/^Met jouw rol kun je deze pagina niet gebruiken/);
    expect(calls.some((c) => c.url === '/api/gallery/staff')).toBe(false);
    // An educator's staff links: workshops only.
    expect(screen.getByRole('navigation', { name: 'Medewerkerspagina’s' }).textContent).toBe('Workshops');
  });

  it("lets an admin create an account, set a role and disable one, but not change their own", async () => {
    const calls = server('admin');
    renderInStudio(createStudio(), <StaffPage />);
    await screen.findByTestId('staff-row-mod.mia');
    expect((screen.getByTestId('staff-role-admin.ada') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryByTestId('staff-toggle-admin.ada')).toBeNull();

    fireEvent.change(screen.getByTestId('staff-new-username'), { target: { value: 'Edu.Bo' } });
    fireEvent.change(screen.getByTestId('staff-new-password'), { target: { value: 'correct horse battery' } });
    await act(async () => fireEvent.submit(screen.getByTestId('staff-new')));
    expect(calls.at(-1)).toMatchObject({ method: 'POST', body: { username: 'edu.bo', role: 'educator', password: 'correct horse battery' } });
    expect(await screen.findByTestId('staff-row-edu.bo')).toBeTruthy();
    expect(screen.getByTestId('staff-status').textContent).toBe('Account edu.bo created.');

    await act(async () => fireEvent.change(screen.getByTestId('staff-role-mod.mia'), { target: { value: 'jury' } }));
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', url: '/api/gallery/staff/mod.mia', body: { role: 'jury' } });
    expect(screen.getByTestId('staff-status').textContent).toBe('mod.mia is now: Jury member. Their sessions have ended.');

    await act(async () => screen.getByTestId('staff-toggle-mod.mia').click());
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', body: { disabled: true } });

    fireEvent.change(screen.getByTestId('staff-new-username'), { target: { value: 'mod.mia' } });
    fireEvent.change(screen.getByTestId('staff-new-password'), { target: { value: 'correct horse battery' } });
    await act(async () => fireEvent.submit(screen.getByTestId('staff-new')));
    expect(screen.getByTestId('staff-error').textContent).toBe('That username is taken.');
  });
});
