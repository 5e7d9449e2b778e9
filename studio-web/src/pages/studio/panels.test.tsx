import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { patchEditor } from '../../canvas/ui/studio';
import { PublishPanel } from './PublishPanel';
import { RemixPanel } from './RemixPanel';
import { json, MODELS, remix, REMIX_ID, renderInStudio as renderWith, studioWithWork } from './studio.test-support';
import { TEST_resetToolCatalog } from './tool-catalog';

beforeEach(() => TEST_resetToolCatalog());
afterEach(() => vi.unstubAllGlobals());

/** The model list answers; everything else waits for ever (or answers with `other`). */
const stubFetch = (other: (url: string) => Promise<Response> = () => new Promise<Response>(() => undefined)) => {
  const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => (url.endsWith('/models') ? json(200, MODELS) : url.endsWith('/recipes') ? json(200, []) : other(url)));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};

describe('RemixPanel', () => {
  it('says when a just-started remix machine is still getting the chosen tool ready', async () => {
    const warming = MODELS.map((m) => (m.tool === 'style' ? { ...m, ready: false } : { ...m, ready: true }));
    vi.stubGlobal('fetch', vi.fn(async (url: string) => (url.endsWith('/models') ? json(200, warming) : json(200, []))));
    renderWith(studioWithWork(), <RemixPanel />);
    expect((await screen.findByTestId('tool-warming')).textContent).toMatch(/^The remix machine has just started/);
  });

  it('says nothing of warming when the workers have the tool ready (or do not say)', async () => {
    stubFetch();
    renderWith(studioWithWork(), <RemixPanel />);
    await screen.findByTestId('remix-submit');
    expect(screen.queryByTestId('tool-warming')).toBeNull();
  });

  it('needs a style work, then sends one request however often the button is clicked', async () => {
    const fetchMock = stubFetch(); // the upload never finishes
    const studio = studioWithWork();
    renderWith(studio, <RemixPanel />);
    const button = await screen.findByTestId('remix-submit');
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
    expect(meta).toMatchObject({ model: 'magenta-arbitrary-style', params: { styleWorkId: 'w2', strength: 0.8 }, workIds: ['w1'] });
    expect(meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts the remixes ahead from the queue position (1 = next) and shows progress in percent', async () => {
    stubFetch();
    const studio = studioWithWork();
    patchEditor(studio, { remixJob: { status: 'queued', requestId: 'q', remixId: REMIX_ID, progress: 0, position: 3 } });
    renderWith(studio, <RemixPanel />);
    expect(screen.getByTestId('remix-queue').textContent).toBe('Waiting in the queue: 2 ahead of you');
    act(() => patchEditor(studio, (s) => ({ remixJob: { ...s.remixJob!, position: 1 } as typeof s.remixJob })));
    expect(screen.getByTestId('remix-queue').textContent).toBe('Waiting in the queue: you are next');
    act(() => patchEditor(studio, { remixJob: { status: 'running', requestId: 'q', remixId: REMIX_ID, progress: 0.42 } }));
    expect(screen.getByTestId('remix-queue').textContent).toBe('Painting… 42 %');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
  });

  it('says plainly when no remix machine is running or the collection is out of reach, instead of a place in the queue', async () => {
    stubFetch();
    const studio = studioWithWork();
    patchEditor(studio, { remixJob: { status: 'queued', requestId: 'q', remixId: REMIX_ID, progress: 0, position: 1, waitingFor: 'worker' } });
    renderWith(studio, <RemixPanel />);
    expect(screen.getByTestId('remix-queue').textContent).toMatch(/^The remix machine is not running just now/);
    act(() => patchEditor(studio, { remixJob: { status: 'queued', requestId: 'q', remixId: REMIX_ID, progress: 0.15, waitingFor: 'collection' } }));
    expect(screen.getByTestId('remix-queue').textContent).toMatch(/^The museum collection cannot be reached just now/);
    act(() => patchEditor(studio, { remixJob: { status: 'failed', requestId: 'q', message: 'job stalled', code: 'worker_crashed' } }));
    expect(screen.getByTestId('remix-error').textContent).toMatch(/^The remix machine stopped more than once/);
  });

  it('shows a full disk and a service that is down in plain words', async () => {
    stubFetch(async () => json(507, { error: { code: 'storage_full', message: 'The studio’s storage is full…' } }));
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w2' });
    renderWith(studio, <RemixPanel />);
    await waitFor(() => expect(screen.getByTestId('remix-submit')).toHaveProperty('disabled', false));
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(screen.getByTestId('remix-error').textContent).toContain('storage is full, so this could not be saved just now'));
  });

  it('shows a refused remix in the alert region', async () => {
    stubFetch(async () => json(422, { error: { code: 'licence_refused', message: 'That work may not be remixed.' } }));
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w2' });
    renderWith(studio, <RemixPanel />);
    await waitFor(() => expect(screen.getByTestId('remix-submit')).toHaveProperty('disabled', false));
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(screen.getByTestId('remix-error').textContent).toContain('That work may not be remixed.'));
    expect(screen.getByTestId('remix-submit')).toHaveProperty('disabled', false);
  });
});

describe('PublishPanel', () => {
  function stubGallery() {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => {
      if (url.endsWith('/creations/maker')) return json(200, { nl: 'Blauwe Reiger 12', en: 'Blue Heron 12' });
      if (url.endsWith('/creations/preview')) {
        return json(200, { allowed: ['by-sa'], suggested: 'by-sa', ingredients: [{ workId: 'w1', title: 'Tulips', credit: 'Tulips, Anon, CC BY-SA' }] });
      }
      return json(201, { id: 'c1', status: 'pending' });
    });
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }
  // The panel also asks for the visitor's pseudonym; these tests follow the preview and the publish.
  const callsTo = (fetchMock: ReturnType<typeof stubGallery>, path: string) =>
    fetchMock.mock.calls.filter((c) => String(c[0]).endsWith(path));

  it("tells the visitor the pseudonym they publish as, in their language", async () => {
    stubGallery();
    renderWith(studioWithWork(), <PublishPanel onClose={() => undefined} />, 'nl');
    await waitFor(() => expect(screen.getByTestId('publish-maker').textContent).toContain('Je publiceert als Blauwe Reiger 12'));
  });

  it('offers only the allowed licences, preselects the suggested one and shows credits', async () => {
    stubGallery();
    renderWith(studioWithWork(), <PublishPanel onClose={() => undefined} />);
    const radio = await screen.findByTestId('publish-licence-by-sa');
    expect(radio).toHaveProperty('checked', true);
    expect(screen.queryByTestId('publish-licence-cc0')).toBeNull();
    expect(screen.queryByTestId('publish-licence-by')).toBeNull();
    expect(screen.getByTestId('publish-ingredients').textContent).toContain('Tulips, Anon, CC BY-SA');
  });

  it("asks for the preview in the visitor's language, with the work mixed into a remix on the canvas", async () => {
    const fetchMock = stubGallery();
    const studio = studioWithWork();
    studio.doc.dispatch({ type: 'addRemix', layer: { id: 'r', kind: 'remix', remixId: REMIX_ID, x: 0, y: 0, width: 10, height: 10 } });
    patchEditor(studio, { remixes: { [REMIX_ID]: remix({ params: { styleWorkId: 'wave', strength: 0.8, mixWorkId: 'by-sa-work', mixWeight: 0.5 } }) } });
    renderWith(studio, <PublishPanel onClose={() => undefined} />, 'nl');
    await screen.findByTestId('publish-licence-by-sa');
    const [url, init] = callsTo(fetchMock, '/creations/preview')[0]!;
    expect(url).toBe('/api/gallery/creations/preview');
    const body = JSON.parse(init!.body as string);
    expect(body.lang).toBe('nl');
    expect([...body.workIds].sort()).toEqual(['by-sa-work', 'w1', 'wave']);
  });

  it('requires a title, then publishes the document with the flattened image', async () => {
    const fetchMock = stubGallery();
    renderWith(studioWithWork(), <PublishPanel onClose={() => undefined} />);
    await screen.findByTestId('publish-licence-by-sa');
    fireEvent.click(screen.getByTestId('publish-submit'));
    expect(await screen.findByText('Give your creation a title.')).toBeTruthy();
    expect(callsTo(fetchMock, '/api/gallery/creations')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('publish-title'), { target: { value: '  Night tulips ' } });
    fireEvent.click(screen.getByTestId('publish-submit'));
    await screen.findByTestId('publish-success');
    const [url, init] = callsTo(fetchMock, '/api/gallery/creations')[0]!;
    expect(url).toBe('/api/gallery/creations');
    const form = init!.body as FormData;
    expect([...form.keys()]).toEqual(['meta', 'image']);
    const meta = JSON.parse(form.get('meta') as string);
    expect(meta).toMatchObject({ title: 'Night tulips', licence: 'by-sa', remixIds: [], document: { schemaVersion: 2 } });
    expect(meta.altText).toBeUndefined();
  });
});
