import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio } from '../../canvas/ui/studio';
import { json, renderInStudio } from '../studio/studio.test-support';
import { RemixThis } from './RemixThis';

afterEach(() => vi.unstubAllGlobals());

describe('"remix this" on a creation page', () => {
  it("opens the creation's draft and preselects its maker's style work and strength", async () => {
    const fetchMock = vi.fn(async () => json(201, { code: 'ABCD2345', resumePath: '/resume#ABCD-2345', expiresAt: '2026-12-07T10:00:00Z', recipe: { styleWorkId: 'wave', strength: 0.4 } }));
    vi.stubGlobal('fetch', fetchMock);
    const studio = createStudio();
    renderInStudio(studio, <RemixThis creationId="c1" />, 'nl');
    await act(async () => screen.getByRole('button', { name: 'Remix dit' }).click());
    expect((fetchMock.mock.calls[0] as unknown[])[0]).toBe('/api/gallery/creations/c1/remix');
    expect(window.location.pathname + window.location.hash).toBe('/resume#ABCD-2345');
    expect(studio.editor.get()).toMatchObject({ styleWorkId: 'wave', strength: 0.4 });
  });

  it('says plainly when a work it is made of may no longer be remixed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(409, { error: { code: 'sources_not_remixable', message: 'x', details: { works: [{ id: 'w', reason: 'gone' }] } } })));
    renderInStudio(createStudio(), <RemixThis creationId="c1" />);
    await act(async () => screen.getByRole('button', { name: 'Remix this' }).click());
    expect(screen.getByTestId('remix-this-error').textContent).toBe('One work it is made of may no longer be remixed, so it cannot be opened.');
  });
});
