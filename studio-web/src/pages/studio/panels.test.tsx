import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio, StudioContext, patchEditor, type Studio } from '../../canvas/ui/studio';
import { I18nProvider } from '../../i18n';
import { PublishPanel } from './PublishPanel';
import { RemixPanel } from './RemixPanel';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function studioWithWork(): Studio {
  const studio = createStudio();
  studio.doc.dispatch({ type: 'addWork', layer: { id: 'l1', kind: 'work', workId: 'w1', x: 0, y: 0, scale: 1, rotation: 0 } });
  studio.flatten = async () => new Blob(['png'], { type: 'image/png' });
  return studio;
}

const renderWith = (studio: Studio, ui: React.ReactNode) =>
  render(
    <I18nProvider lang="en">
      <StudioContext.Provider value={studio}>{ui}</StudioContext.Provider>
    </I18nProvider>,
  );

afterEach(() => vi.unstubAllGlobals());

describe('RemixPanel', () => {
  it('needs a style work, then sends one request however often the button is clicked', async () => {
    const fetchMock = vi.fn(() => new Promise<Response>(() => undefined)); // the upload never finishes
    vi.stubGlobal('fetch', fetchMock);
    const studio = studioWithWork();
    renderWith(studio, <RemixPanel />);
    const button = screen.getByTestId('remix-submit');
    expect(button).toHaveProperty('disabled', true);

    patchEditor(studio, { styleWorkId: 'w2' });
    await waitFor(() => expect(button).toHaveProperty('disabled', false));
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(button).toHaveProperty('disabled', true));
    fireEvent.click(button);
    // The panel also loads the model list and the curated styles; count only the remix uploads.
    const posts = () => fetchMock.mock.calls.filter((c) => String((c as unknown[])[0]).endsWith('/remixes'));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');

    const form = (posts()[0] as unknown as [string, RequestInit])[1].body as FormData;
    const meta = JSON.parse(form.get('meta') as string);
    expect(meta).toMatchObject({ model: 'magenta-arbitrary-style', params: { styleWorkId: 'w2', strength: 0.7 }, workIds: ['w1'] });
    expect(meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a refused remix in the alert region', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(422, { error: { code: 'licence_refused', message: 'That work may not be remixed.' } })));
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w2' });
    renderWith(studio, <RemixPanel />);
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(screen.getByTestId('remix-error').textContent).toContain('That work may not be remixed.'));
    expect(screen.getByTestId('remix-submit')).toHaveProperty('disabled', false);
  });
});

describe('PublishPanel', () => {
  function stubGallery() {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => {
      if (url.endsWith('/creations/preview')) {
        return json(200, { allowed: ['by-sa'], suggested: 'by-sa', ingredients: [{ workId: 'w1', title: 'Tulips', credit: 'Tulips, Anon, CC BY-SA' }] });
      }
      return json(201, { id: 'c1', status: 'pending' });
    });
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('offers only the allowed licences, preselects the suggested one and shows credits', async () => {
    stubGallery();
    renderWith(studioWithWork(), <PublishPanel onClose={() => undefined} />);
    const radio = await screen.findByTestId('publish-licence-by-sa');
    expect(radio).toHaveProperty('checked', true);
    expect(screen.queryByTestId('publish-licence-cc0')).toBeNull();
    expect(screen.queryByTestId('publish-licence-by')).toBeNull();
    expect(screen.getByTestId('publish-ingredients').textContent).toContain('Tulips, Anon, CC BY-SA');
  });

  it('requires a title, then publishes the document with the flattened image', async () => {
    const fetchMock = stubGallery();
    renderWith(studioWithWork(), <PublishPanel onClose={() => undefined} />);
    await screen.findByTestId('publish-licence-by-sa');
    fireEvent.click(screen.getByTestId('publish-submit'));
    expect(await screen.findByText('Give your creation a title.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByTestId('publish-title'), { target: { value: '  Night tulips ' } });
    fireEvent.click(screen.getByTestId('publish-submit'));
    await screen.findByTestId('publish-success');
    const [url, init] = fetchMock.mock.calls[1]!;
    expect(url).toBe('/api/gallery/creations');
    const form = init!.body as FormData;
    expect([...form.keys()]).toEqual(['meta', 'image']);
    const meta = JSON.parse(form.get('meta') as string);
    expect(meta).toMatchObject({ title: 'Night tulips', licence: 'by-sa', remixIds: [], document: { schemaVersion: 1 } });
    expect(meta.altText).toBeUndefined();
  });
});
