import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStudio, patchEditor, StudioContext, type Studio } from '../../canvas/ui/studio';
import { I18nProvider } from '../../i18n';
import { RemixPanel } from './RemixPanel';
import { resetToolCatalog } from './tool-catalog';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const licence = (spdx: string | null, flags: string[] = []) => ({ spdx, uri: spdx ? 'https://example.org/licence' : null, flags });
const MODELS = [
  { id: 'magenta-arbitrary-style', version: '1', task: 'arbitrary-style-transfer', title: 'Magenta', tool: 'style', licence: licence('Apache-2.0'), enabled: true },
  { id: 'isnet-imgly-medium', version: '1', task: 'background-removal', title: 'ISNet', tool: 'cutout', licence: licence('AGPL-3.0-only'), enabled: true },
  { id: 'upscalerjs-esrgan-slim', version: '1', task: 'upscale', title: 'ESRGAN', tool: 'upscale', licence: licence('MIT'), enabled: true },
  { id: 'realesr-animevideov3-x4', version: '1', task: 'upscale', title: 'Real-ESRGAN', tool: 'upscale', licence: licence('MIT'), enabled: true },
  { id: 'whitebox-cartoonizer', version: '1', task: 'image-to-image', title: 'Cartoon', tool: 'cartoon', licence: licence('CC-BY-NC-SA-4.0', ['non_commercial']), enabled: false, disabledReason: 'operator' },
  { id: 'fast-neural-style-nc16', version: '1', task: 'style-transfer', title: 'Fast neural style', tool: 'fixed-style', licence: licence(null, ['licence_not_stated']), enabled: false, disabledReason: 'operator' },
];
const RECIPES = [
  { id: 'great-wave', model: 'magenta-arbitrary-style', title: { nl: 'De Grote Golf', en: 'The Great Wave' }, lookFor: { nl: 'Kijk naar het schuim.', en: 'Look at the foam.' }, params: { styleWorkId: 'wave', strength: 0.8 }, precomputed: true },
];

let fetchMock: ReturnType<typeof vi.fn>;
let models: typeof MODELS;
beforeEach(() => {
  resetToolCatalog();
  models = MODELS;
  fetchMock = vi.fn(async (url: string) => {
    if (url.endsWith('/models')) return json(200, models);
    if (url.endsWith('/recipes')) return json(200, RECIPES);
    return new Promise<Response>(() => undefined); // uploads never finish here
  });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

function studioWithWork(): Studio {
  const studio = createStudio();
  studio.doc.dispatch({ type: 'addWork', layer: { id: 'l1', kind: 'work', workId: 'w1', x: 10, y: 20, scale: 0.5, rotation: 0 } });
  studio.flatten = async () => new Blob(['png'], { type: 'image/png' });
  return studio;
}

const renderPanel = (studio: Studio, lang: 'en' | 'nl' = 'en') =>
  render(
    <I18nProvider lang={lang}>
      <StudioContext.Provider value={studio}>
        <RemixPanel />
      </StudioContext.Provider>
    </I18nProvider>,
  );

const sentMeta = () => {
  const call = fetchMock.mock.calls.find((c) => String(c[0]).endsWith('/remixes')) as [string, RequestInit] | undefined;
  return call ? JSON.parse((call[1].body as FormData).get('meta') as string) : null;
};

describe('remix tool picker', () => {
  it('keeps the style tool first with its existing controls', () => {
    renderPanel(studioWithWork());
    expect(screen.getByTestId('remix-tool-style').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('remix-strength')).toBeTruthy();
    expect(screen.getByTestId('remix-submit')).toBeTruthy();
  });

  it('lists curated styles; choosing one sets the style work and shows what to look for, and sends the recipe id', async () => {
    const studio = studioWithWork();
    renderPanel(studio);
    fireEvent.click(await screen.findByText('The Great Wave'));
    expect(studio.editor.get()).toMatchObject({ styleWorkId: 'wave', strength: 80 });
    expect(screen.getByTestId('recipe-look-for').textContent).toContain('Look at the foam.');
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(sentMeta()).not.toBeNull());
    expect(sentMeta()).toMatchObject({ model: 'magenta-arbitrary-style', params: { styleWorkId: 'wave', strength: 0.8, recipeId: 'great-wave' } });
  });

  it('cuts out the selected work layer by its work id', async () => {
    const studio = studioWithWork();
    patchEditor(studio, { selectedId: 'l1' });
    renderPanel(studio);
    fireEvent.click(screen.getByTestId('remix-tool-cutout'));
    expect(screen.getByTestId('tool-target').getAttribute('data-source')).toBe('work');
    fireEvent.click(screen.getByTestId('cutout-submit'));
    await waitFor(() => expect(sentMeta()).toMatchObject({ model: 'isnet-imgly-medium', params: { source: 'work', workId: 'w1' } }));
  });

  it('upscales the canvas ×4 with the drawing model', async () => {
    renderPanel(studioWithWork());
    fireEvent.click(screen.getByTestId('remix-tool-upscale'));
    fireEvent.click(screen.getByTestId('upscale-scale-4'));
    fireEvent.click(screen.getByTestId('upscale-kind-drawing'));
    fireEvent.click(screen.getByTestId('upscale-submit'));
    await waitFor(() => expect(sentMeta()).toMatchObject({ model: 'realesr-animevideov3-x4', params: { source: 'canvas', scale: 4 } }));
  });

  it('shows the cartoon licence with a non-commercial mark and explains why it is off', async () => {
    renderPanel(studioWithWork());
    const tab = screen.getByTestId('remix-tool-cartoon');
    await waitFor(() => expect(within(tab).getByTestId('model-licence-flag').textContent).toContain('non-commercial'));
    fireEvent.click(tab);
    expect(screen.getByTestId('cartoon-licence').textContent).toContain('CC-BY-NC-SA-4.0');
    expect(screen.getByTestId('cartoon-licence').textContent).toContain('non-commercial');
    expect(screen.getByTestId('cartoon-disabled')).toBeTruthy();
    expect(screen.getByTestId('cartoon-submit')).toHaveProperty('disabled', true);
  });
});

describe('fixed styles tool (fast-neural-style-nc16)', () => {
  it('has its own tab marked "no licence stated", and explains why it is off', async () => {
    renderPanel(studioWithWork());
    const tab = screen.getByTestId('remix-tool-fixed-style');
    expect(tab.textContent).toContain('Fixed styles');
    await waitFor(() => expect(within(tab).getByTestId('model-licence-flag').textContent).toContain('no licence stated'));
    expect(within(screen.getByTestId('remix-tool-cartoon')).getByTestId('model-licence-flag').textContent).toContain('non-commercial');
    expect(within(screen.getByTestId('remix-tool-style')).queryByTestId('model-licence-flag')).toBeNull();
    fireEvent.click(tab);
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('fixed-style-licence').textContent).toBe('Model licence: no licence stated');
    expect(screen.getByTestId('fixed-style-disabled').textContent).toMatch(/No licence is stated/);
    expect(screen.getByTestId('fixed-style-submit')).toHaveProperty('disabled', true);
  });

  it('offers candy, mosaic and udnie (never rain-princess), mosaic first chosen', () => {
    renderPanel(studioWithWork());
    fireEvent.click(screen.getByTestId('remix-tool-fixed-style'));
    const radios = within(screen.getByTestId('fixed-style-panel')).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('data-testid'))).toEqual(['fixed-style-candy', 'fixed-style-mosaic', 'fixed-style-udnie']);
    expect(screen.getByTestId('fixed-style-mosaic')).toHaveProperty('checked', true);
    expect(screen.getByTestId('fixed-style-panel').textContent).not.toMatch(/rain|princess/i);
  });

  it('titles the styles in Dutch too', () => {
    renderPanel(studioWithWork(), 'nl');
    fireEvent.click(screen.getByTestId('remix-tool-fixed-style'));
    expect(screen.getByTestId('remix-tool-fixed-style').textContent).toContain('Vaste stijlen');
    expect(screen.getByTestId('fixed-style-panel').textContent).toContain('Mozaïek');
  });

  it('once switched on, sends { style } for the chosen style on the whole canvas, even with a work selected', async () => {
    models = MODELS.map((m) => (m.id === 'fast-neural-style-nc16' ? { ...m, enabled: true, disabledReason: undefined } : m));
    const studio = studioWithWork();
    patchEditor(studio, { selectedId: 'l1' });
    renderPanel(studio);
    fireEvent.click(screen.getByTestId('remix-tool-fixed-style'));
    fireEvent.click(screen.getByTestId('fixed-style-udnie'));
    await waitFor(() => expect(screen.getByTestId('fixed-style-submit')).toHaveProperty('disabled', false));
    expect(screen.queryByTestId('fixed-style-disabled')).toBeNull();
    fireEvent.click(screen.getByTestId('fixed-style-submit'));
    await waitFor(() => expect(sentMeta()).not.toBeNull());
    expect(sentMeta()).toMatchObject({ model: 'fast-neural-style-nc16', workIds: ['w1'] });
    expect(sentMeta().params).toEqual({ style: 'udnie' });
  });
});

describe('safety screen after the result', () => {
  it('shows the result at once and the "a person will look" note when the screen, run afterwards, flags it', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const base = { id, status: 'completed', progress: 100, model: { id: 'magenta-arbitrary-style', version: '1', files: [] }, params: {}, workIds: ['w1'], inputSha256: 'a'.repeat(64), createdAt: '2026-11-24T10:00:00Z', output: { url: `/api/inference/remixes/${id}/output.png`, sha256: 'b'.repeat(64), width: 64, height: 48 } };
    const flagged = { screened: true, flagged: true, scores: { output: { Porn: 0.9 } }, flagClasses: ['Porn'], threshold: 0.6 };
    let reads = 0;
    fetchMock.mockImplementation(async (url: string) => {
      if (url.endsWith('/models')) return json(200, MODELS);
      if (url.endsWith('/recipes')) return json(200, RECIPES);
      if (url.endsWith('/remixes')) return json(202, { ...base, screening: true });
      if (url.endsWith(`/remixes/${id}`)) return json(200, ++reads === 1 ? { ...base, screening: true } : { ...base, safety: flagged });
      return new Promise<Response>(() => undefined);
    });
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w1' });
    renderPanel(studio);
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(screen.getByTestId('remix-keep')).toBeTruthy());
    expect(screen.queryByTestId('remix-flagged')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('remix-flagged')).toBeTruthy(), { timeout: 3000 });
    expect(reads).toBe(2);
  });
});
