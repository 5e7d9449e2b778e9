import type { ModelListing } from '@atelier/contracts/model.schema';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { patchEditor } from '../../canvas/ui/studio';
import { RemixPanel } from './RemixPanel';
import { FakeEventSource, json, MODELS, RECIPES, remix, REMIX_ID, renderInStudio, sentMeta, studioWithWork } from './studio.test-support';
import { TEST_resetToolCatalog } from './tool-catalog';

let fetchMock: ReturnType<typeof vi.fn>;
let models: ModelListing[];
// The fixture has cartoon and the fixed styles switched off, as a museum ships; most tests here want every tool on.
const ALL_ON: ModelListing[] = MODELS.map((m) => ({ ...m, enabled: true, disabledReason: undefined }));
beforeEach(() => {
  TEST_resetToolCatalog();
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  models = ALL_ON;
  fetchMock = vi.fn(async (url: string) => {
    if (url.endsWith('/models')) return json(200, models);
    if (url.endsWith('/recipes')) return json(200, RECIPES);
    return new Promise<Response>(() => undefined); // uploads never finish here
  });
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('remix tool picker', () => {
  it('builds its tabs from GET /models, in the tools order, style first with its existing controls', async () => {
    renderInStudio(studioWithWork(), <RemixPanel />);
    await screen.findByTestId('remix-tool-style');
    expect(within(screen.getByTestId('tool-picker')).getAllByRole('tab').map((t) => t.getAttribute('data-testid'))).toEqual([
      'remix-tool-style',
      'remix-tool-cutout',
      'remix-tool-upscale',
      'remix-tool-cartoon',
      'remix-tool-fixed-style',
    ]);
    expect(screen.getByTestId('remix-tool-style').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('remix-submit')).toBeTruthy();
  });

  it('shows only the tools that have a model, and says so when there are none', async () => {
    models = ALL_ON.filter((m) => m.tool === 'cutout' || !m.tool);
    const { unmount } = renderInStudio(studioWithWork(), <RemixPanel />);
    await screen.findByTestId('cutout-panel');
    expect(screen.getAllByRole('tab').map((t) => t.getAttribute('data-testid'))).toEqual(['remix-tool-cutout']);
    expect(screen.queryByTestId('remix-strength')).toBeNull();
    unmount();
    TEST_resetToolCatalog();
    models = [];
    renderInStudio(studioWithWork(), <RemixPanel />);
    expect(await screen.findByTestId('tools-none')).toBeTruthy();
  });

  it("starts the strength at the style model's manifest default (80 %), shown in percent and sent as a fraction", async () => {
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w2' });
    renderInStudio(studio, <RemixPanel />);
    const slider = await screen.findByTestId('remix-strength');
    expect(slider).toHaveProperty('value', '80');
    fireEvent.change(slider, { target: { value: '35' } });
    expect(studio.editor.get().strength).toBe(0.35);
    expect(screen.getByTestId('style-choice').parentElement!.textContent).toContain('35 %');
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(sentMeta(fetchMock)).not.toBeNull());
    expect(sentMeta(fetchMock).params).toEqual({ styleWorkId: 'w2', strength: 0.35 });
  });

  it('lists curated styles; choosing one sets the style work and strength and shows what to look for, and sends the recipe id', async () => {
    const studio = studioWithWork();
    renderInStudio(studio, <RemixPanel />);
    fireEvent.click(await screen.findByText('The Great Wave'));
    expect(studio.editor.get()).toMatchObject({ styleWorkId: 'wave', strength: 0.6 });
    expect(screen.getByTestId('recipe-look-for').textContent).toContain('Look at the foam.');
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(sentMeta(fetchMock)).not.toBeNull());
    expect(sentMeta(fetchMock)).toMatchObject({ model: 'magenta-arbitrary-style', params: { styleWorkId: 'wave', strength: 0.6, recipeId: 'great-wave' } });
  });

  it('mixes a second work in by a share kept as a fraction', async () => {
    const studio = studioWithWork();
    patchEditor(studio, {
      styleWorkId: 'w1',
      works: {
        w1: { id: 'w1', title: 'Harvesters' } as never,
        w3: { id: 'w3', title: 'Tulips' } as never,
      },
    });
    renderInStudio(studio, <RemixPanel />);
    fireEvent.change(await screen.findByTestId('remix-mix-work'), { target: { value: 'w3' } });
    const weight = screen.getByTestId('remix-mix-weight');
    expect(weight).toHaveProperty('value', '50');
    fireEvent.change(weight, { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('remix-submit'));
    await waitFor(() => expect(sentMeta(fetchMock)).not.toBeNull());
    expect(sentMeta(fetchMock).params).toEqual({ styleWorkId: 'w1', strength: 0.8, mixWorkId: 'w3', mixWeight: 0.3 });
  });

  it('cuts out the selected layer as it is shown (its exported picture), never the collection original', async () => {
    const studio = studioWithWork();
    const shown = new Blob(['the layer as shown'], { type: 'image/png' });
    studio.exportLayer = async () => ({ png: shown, rect: { x: 10, y: 20, width: 50, height: 40 } });
    patchEditor(studio, { selectedId: 'l1' });
    renderInStudio(studio, <RemixPanel />);
    fireEvent.click(await screen.findByTestId('remix-tool-cutout'));
    expect(screen.getByTestId('tool-target').getAttribute('data-source')).toBe('layer');
    fireEvent.click(screen.getByTestId('cutout-submit'));
    await waitFor(() => expect(sentMeta(fetchMock)).toMatchObject({ model: 'isnet-imgly-medium', params: { source: 'canvas' } }));
    const call = fetchMock.mock.calls.find((c: unknown[]) => String(c[0]).endsWith('/remixes')) as [string, RequestInit];
    expect((call[1].body as FormData).get('canvas')).toBeInstanceOf(Blob);
    expect(await ((call[1].body as FormData).get('canvas') as Blob).text()).toBe('the layer as shown');
  });

  it("offers the upscale models by their labels in the visitor's language, each with its own default scale", async () => {
    renderInStudio(studioWithWork(), <RemixPanel />, 'nl');
    fireEvent.click(await screen.findByTestId('remix-tool-upscale'));
    const radios = screen.getAllByTestId('upscale-model');
    expect(radios.map((r) => r.parentElement!.textContent!.trim())).toEqual(['Foto', 'Tekening']);
    expect(radios[0]).toHaveProperty('checked', true);
    expect(screen.getByTestId('upscale-scale-2')).toHaveProperty('checked', true);
    fireEvent.click(radios[1]!);
    expect(screen.getByTestId('upscale-scale-4')).toHaveProperty('checked', true);
  });

  it('upscales the canvas ×2 with the drawing model', async () => {
    renderInStudio(studioWithWork(), <RemixPanel />);
    fireEvent.click(await screen.findByTestId('remix-tool-upscale'));
    fireEvent.click(screen.getAllByTestId('upscale-model').find((r) => r.getAttribute('data-model-id') === 'realesr-animevideov3-x4')!);
    fireEvent.click(screen.getByTestId('upscale-scale-2'));
    fireEvent.click(screen.getByTestId('upscale-submit'));
    await waitFor(() => expect(sentMeta(fetchMock)).toMatchObject({ model: 'realesr-animevideov3-x4', params: { source: 'canvas', scale: 2 } }));
  });

  it('shows the cartoon licence with a non-commercial mark', async () => {
    renderInStudio(studioWithWork(), <RemixPanel />);
    const tab = await screen.findByTestId('remix-tool-cartoon');
    expect(within(tab).getByTestId('model-licence-flag').textContent).toContain('non-commercial');
    fireEvent.click(tab);
    expect(screen.getByTestId('cartoon-licence').textContent).toContain('CC-BY-NC-SA-4.0');
    expect(screen.getByTestId('cartoon-licence').textContent).toContain('non-commercial');
    expect(screen.getByTestId('cartoon-submit')).toHaveProperty('disabled', false);
  });

  it('does not show visitors the tools (or upscale models, or curated styles) the museum has switched off', async () => {
    models = MODELS.map((m) => (m.tool === 'cutout' || m.id === 'realesr-animevideov3-x4' ? { ...m, enabled: false, disabledReason: 'operator' as const } : m));
    renderInStudio(studioWithWork(), <RemixPanel />);
    await screen.findByTestId('remix-tool-style');
    // The fixture ships cartoon and the fixed styles off too.
    expect(screen.getAllByRole('tab').map((t) => t.getAttribute('data-testid'))).toEqual(['remix-tool-style', 'remix-tool-upscale']);
    fireEvent.click(screen.getByTestId('remix-tool-upscale'));
    expect(screen.getAllByTestId('upscale-model').map((r) => r.getAttribute('data-model-id'))).toEqual(['upscalerjs-esrgan-slim']);
  });

  it('has no curated style whose model is switched off', async () => {
    models = ALL_ON.map((m) => (m.tool === 'style' ? { ...m, enabled: false } : m));
    renderInStudio(studioWithWork(), <RemixPanel />);
    await screen.findByTestId('remix-tool-cutout');
    expect(screen.queryByTestId('remix-tool-style')).toBeNull();
    expect(screen.queryByTestId('recipe-list')).toBeNull();
  });

  it('follows the ARIA tabs pattern: one tab in the Tab order, arrows, Home and End move and select', async () => {
    renderInStudio(studioWithWork(), <RemixPanel />);
    const style = await screen.findByTestId('remix-tool-style');
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(style.id);
    expect(style.getAttribute('aria-controls')).toBe(screen.getByRole('tabpanel').id);
    style.focus();
    fireEvent.keyDown(style, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByTestId('remix-tool-cutout'));
    expect(screen.getByTestId('remix-tool-cutout').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('cutout-panel')).toBeTruthy();
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([-1, 0, -1, -1, -1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByTestId('remix-tool-fixed-style'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByTestId('remix-tool-style'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(screen.getByTestId('remix-tool-fixed-style'));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(screen.getByTestId('remix-tool-style'));
    expect(screen.getByTestId('remix-tool-style').getAttribute('aria-selected')).toBe('true');
  });
});

describe('fixed styles tool (fast-neural-style-nc16)', () => {
  it('has its own tab marked "no licence stated"', async () => {
    renderInStudio(studioWithWork(), <RemixPanel />);
    const tab = await screen.findByTestId('remix-tool-fixed-style');
    expect(tab.textContent).toContain('Fixed styles');
    expect(within(tab).getByTestId('model-licence-flag').textContent).toContain('no licence stated');
    expect(within(screen.getByTestId('remix-tool-cartoon')).getByTestId('model-licence-flag').textContent).toContain('non-commercial');
    expect(within(screen.getByTestId('remix-tool-style')).queryByTestId('model-licence-flag')).toBeNull();
    fireEvent.click(tab);
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('fixed-style-licence').textContent).toBe('Model licence: no licence stated');
  });

  it("offers candy, mosaic and udnie (never rain-princess), the manifest's mosaic first chosen", async () => {
    renderInStudio(studioWithWork(), <RemixPanel />);
    fireEvent.click(await screen.findByTestId('remix-tool-fixed-style'));
    const radios = within(screen.getByTestId('fixed-style-panel')).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('data-testid'))).toEqual(['fixed-style-candy', 'fixed-style-mosaic', 'fixed-style-udnie']);
    expect(screen.getByTestId('fixed-style-mosaic')).toHaveProperty('checked', true);
    expect(screen.getByTestId('fixed-style-panel').textContent).not.toMatch(/rain|princess/i);
  });

  it('titles the styles in Dutch too', async () => {
    renderInStudio(studioWithWork(), <RemixPanel />, 'nl');
    fireEvent.click(await screen.findByTestId('remix-tool-fixed-style'));
    expect(screen.getByTestId('remix-tool-fixed-style').textContent).toContain('Vaste stijlen');
    expect(screen.getByTestId('fixed-style-panel').textContent).toContain('Mozaïek');
  });

  it('once switched on, sends { style } for the chosen style on the whole canvas, even with a work selected', async () => {
    const studio = studioWithWork();
    patchEditor(studio, { selectedId: 'l1' });
    renderInStudio(studio, <RemixPanel />);
    fireEvent.click(await screen.findByTestId('remix-tool-fixed-style'));
    fireEvent.click(screen.getByTestId('fixed-style-udnie'));
    await waitFor(() => expect(screen.getByTestId('fixed-style-submit')).toHaveProperty('disabled', false));
    fireEvent.click(screen.getByTestId('fixed-style-submit'));
    await waitFor(() => expect(sentMeta(fetchMock)).not.toBeNull());
    expect(sentMeta(fetchMock)).toMatchObject({ model: 'fast-neural-style-nc16', workIds: ['w1'] });
    expect(sentMeta(fetchMock).params).toEqual({ style: 'udnie' });
  });
});

describe('safety screen after the result', () => {
  it('shows the result on `completed` and the "a person will look" note on `screened`, from the one event stream', async () => {
    const flagged = { screened: true, flagged: true, scores: { output: { Porn: 0.9 } }, flagClasses: ['Porn'], threshold: 0.6 };
    fetchMock.mockImplementation(async (url: string) => {
      if (url.endsWith('/models')) return json(200, MODELS);
      if (url.endsWith('/recipes')) return json(200, RECIPES);
      if (url.endsWith('/remixes')) return json(202, remix({ status: 'queued', progress: 0, output: undefined, position: 2 }));
      return new Promise<Response>(() => undefined);
    });
    const studio = studioWithWork();
    patchEditor(studio, { styleWorkId: 'w1' });
    renderInStudio(studio, <RemixPanel />);
    fireEvent.click(await screen.findByTestId('remix-submit'));
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const stream = FakeEventSource.last!;
    expect(stream.url).toBe(`/api/inference/remixes/${REMIX_ID}/events`);

    act(() => stream.emit('completed', remix({ screening: true })));
    await waitFor(() => expect(screen.getByTestId('remix-keep')).toBeTruthy());
    expect(screen.queryByTestId('remix-flagged')).toBeNull();

    act(() => stream.emit('screened', remix({ safety: flagged })));
    expect(screen.getByTestId('remix-flagged')).toBeTruthy();
    expect(stream.readyState).toBe(FakeEventSource.CLOSED);
    // No second stream, and the safety report is never polled for.
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(fetchMock.mock.calls.filter((c) => String(c[0]).includes(`/remixes/${REMIX_ID}`))).toHaveLength(0);
  });
});
