import { fireEvent, render, screen, waitFor, act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio, StudioContext, patchEditor, type Studio } from '../../canvas/ui/studio';
import { I18nProvider } from '../../i18n';
import { RemixQueueStatus } from './RemixQueueStatus';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
  }
  emit(name: string, data: unknown) {
    for (const fn of this.listeners.get(name) ?? []) fn(new MessageEvent(name, { data: JSON.stringify(data) }));
  }
  close() {
    this.closed = true;
  }
}

function queuedStudio(): Studio {
  const studio = createStudio();
  patchEditor(studio, { remixJob: { status: 'queued', requestId: 'q1', remixId: 'r1', progress: 0, position: 3 } });
  return studio;
}

const renderWith = (studio: Studio) =>
  render(
    <I18nProvider lang="en">
      <StudioContext.Provider value={studio}>
        <RemixQueueStatus />
      </StudioContext.Provider>
    </I18nProvider>,
  );

afterEach(() => vi.unstubAllGlobals());

describe('RemixQueueStatus', () => {
  it('shows the estimate from the event stream and cancels the remix', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 'r1', status: 'cancelled' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const studio = queuedStudio();
    const stop = vi.fn();
    studio.stopRemix = stop;
    renderWith(studio);
    expect(FakeEventSource.last?.url).toBe('/api/inference/remixes/r1/events');
    act(() => FakeEventSource.last!.emit('progress', { progress: 0, status: 'queued', position: 3, estimateSeconds: 12 }));
    expect(screen.getByTestId('remix-estimate').textContent).toBe('About 12 s to go');

    fireEvent.click(screen.getByTestId('remix-cancel'));
    await waitFor(() => expect(studio.editor.get().remixJob).toBeNull());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/inference/remixes/r1');
    expect(init.method).toBe('DELETE');
    expect(stop).toHaveBeenCalled();
  });

  it('leaves a remix that already finished alone (409)', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'remix_finished', message: 'done' } }), { status: 409 })));
    const studio = queuedStudio();
    renderWith(studio);
    fireEvent.click(screen.getByTestId('remix-cancel'));
    await waitFor(() => expect(screen.getByTestId('remix-cancel')).toHaveProperty('disabled', false));
    expect(studio.editor.get().remixJob).toMatchObject({ remixId: 'r1' });
  });
});
