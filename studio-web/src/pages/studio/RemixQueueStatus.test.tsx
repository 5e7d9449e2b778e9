import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio, patchEditor, type Studio } from '../../canvas/ui/studio';
import { RemixQueueStatus } from './RemixQueueStatus';
import { renderInStudio } from './studio.test-support';

function queuedStudio(): Studio {
  const studio = createStudio();
  patchEditor(studio, { remixJob: { status: 'queued', requestId: 'q1', remixId: 'r1', progress: 0, position: 3 } });
  return studio;
}

afterEach(() => vi.unstubAllGlobals());

describe('RemixQueueStatus', () => {
  it("shows the job's estimate, opens no stream of its own, and cancels the remix", async () => {
    const eventSource = vi.fn();
    vi.stubGlobal('EventSource', eventSource);
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 'r1', status: 'cancelled' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const studio = queuedStudio();
    const stop = vi.fn();
    studio.stopRemix = stop;
    renderInStudio(studio, <RemixQueueStatus />);
    expect(screen.queryByTestId('remix-estimate')).toBeNull();
    act(() => patchEditor(studio, (s) => ({ remixJob: { ...s.remixJob!, estimateSeconds: 12 } as typeof s.remixJob })));
    expect(screen.getByTestId('remix-estimate').textContent).toBe('About 12 s to go');
    expect(eventSource).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('remix-cancel'));
    await waitFor(() => expect(studio.editor.get().remixJob).toBeNull());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/inference/remixes/r1');
    expect(init.method).toBe('DELETE');
    expect(stop).toHaveBeenCalled();
  });

  it('leaves a remix that already finished alone (409)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'remix_finished', message: 'done' } }), { status: 409 })));
    const studio = queuedStudio();
    renderInStudio(studio, <RemixQueueStatus />);
    fireEvent.click(screen.getByTestId('remix-cancel'));
    await waitFor(() => expect(screen.getByTestId('remix-cancel')).toHaveProperty('disabled', false));
    expect(studio.editor.get().remixJob).toMatchObject({ remixId: 'r1' });
  });
});
