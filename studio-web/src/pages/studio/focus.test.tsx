import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { patchEditor } from '../../canvas/ui/studio';
import { PublishPanel } from './PublishPanel';
import { RemixPanel } from './RemixPanel';
import { FakeEventSource, json, MODELS, RECIPES, remix, renderInStudio, studioWithWork } from './studio.test-support';
import { TEST_resetToolCatalog } from './tool-catalog';

// Where keyboard focus lands when a remix finishes and when a creation is published (issue 14 item 10).
beforeEach(() => {
  TEST_resetToolCatalog();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
});
afterEach(() => vi.unstubAllGlobals());

describe('focus after a remix', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.endsWith('/models')) return json(200, MODELS);
        if (url.endsWith('/recipes')) return json(200, RECIPES);
        if (url.endsWith('/remixes')) return json(202, remix({ status: 'queued', progress: 0, output: undefined, position: 1 }));
        return new Promise<Response>(() => undefined);
      }),
    );
  });

  it('lands on Keep when the result arrives, and on the remix heading after Keep', async () => {
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w1' });
    renderInStudio(studio, <RemixPanel />);
    const submit = await screen.findByTestId('remix-submit');
    submit.focus();
    fireEvent.click(submit);
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    act(() => FakeEventSource.last!.emit('completed', remix({ screening: true })));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('remix-keep')));
    fireEvent.click(screen.getByTestId('remix-keep'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Remix' })));
  });

  it('does not pull focus out of a text field the visitor is typing in', async () => {
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w1' });
    renderInStudio(
      studio,
      <>
        <input aria-label="elsewhere" />
        <RemixPanel />
      </>,
    );
    fireEvent.click(await screen.findByTestId('remix-submit'));
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const field = screen.getByLabelText('elsewhere');
    field.focus();
    act(() => FakeEventSource.last!.emit('completed', remix({ screening: true })));
    await screen.findByTestId('remix-keep');
    expect(document.activeElement).toBe(field);
  });
});

describe('focus after publishing', () => {
  it('lands on the confirmation', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/preview') ? json(200, { allowed: ['cc0'], suggested: 'cc0', ingredients: [] }) : json(201, { id: 'c1', status: 'pending' }),
      ),
    );
    renderInStudio(studioWithWork(), <PublishPanel onClose={() => undefined} />);
    await screen.findByTestId('publish-licence-cc0');
    fireEvent.change(screen.getByTestId('publish-title'), { target: { value: 'Night tulips' } });
    fireEvent.click(screen.getByTestId('publish-submit'));
    const sent = await screen.findByTestId('publish-success');
    await waitFor(() => expect(document.activeElement).toBe(sent));
  });
});
