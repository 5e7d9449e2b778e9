import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n';
import { json } from '../studio/studio.test-support';
import { WorkshopList } from './EducatorPages';

// happy-dom lays nothing out: the picker shows the 4000 × 3000 work at 400 × 300 CSS pixels.
const sizes = { clientWidth: 400, clientHeight: 300 };
beforeEach(() => {
  for (const [k, v] of Object.entries(sizes)) Object.defineProperty(HTMLImageElement.prototype, k, { configurable: true, get: () => v });
});
afterEach(() => {
  for (const k of Object.keys(sizes)) delete (HTMLImageElement.prototype as unknown as Record<string, unknown>)[k];
  vi.unstubAllGlobals();
});

const HARVEST = {
  id: 'harvest',
  title: 'The Harvesters',
  creator: 'Pieter Bruegel',
  date: null,
  institution: null,
  licence: { uri: 'https://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0', family: 'cc0' },
  credit: 'The Harvesters',
  thumbnailUrl: '/t/harvest.jpg',
  imageUrl: '/i/harvest.jpg',
  width: 4000,
  height: 3000,
  source: 'local',
  iiif: true,
};

describe('preparing a workshop', () => {
  it('takes a whole work and a IIIF detail of it into the assignment, the detail in fractions of the work', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/gallery/works?')) return json(200, { items: [HARVEST], total: 1, page: 1, pageSize: 12, totalIsLowerBound: false });
      if (url === '/api/gallery/workshops' && init?.method === 'POST') return json(400, { error: { code: 'stop_here', message: 'Seen.' } });
      if (url === '/api/gallery/workshops') return json(200, { workshops: [], retentionDays: 30 });
      return json(404, { error: { code: 'not_found', message: url } });
    });
    vi.stubGlobal('fetch', fetchMock);
    render(
      <I18nProvider lang="en">
        <WorkshopList user={{ id: 'e1', username: 'edu', role: 'educator' } as never} />
      </I18nProvider>,
    );
    fireEvent.change(await screen.findByTestId('workshop-title'), { target: { value: 'Harvest' } });
    fireEvent.change(screen.getByTestId('workshop-brief-en'), { target: { value: 'Make a harvest.' } });
    fireEvent.change(screen.getByTestId('workshop-search'), { target: { value: 'Harvesters' } });
    fireEvent.click(screen.getByTestId('workshop-search-button'));
    fireEvent.click(await screen.findByTestId('workshop-add-work'));
    expect(screen.getByTestId('workshop-add-work')).toHaveProperty('disabled', true); // the whole work once

    // A detail: the keyboard's first rectangle is the middle half of the shown image; Enter places it.
    fireEvent.click(screen.getByTestId('workshop-add-detail'));
    const stage = screen.getByTestId('detail-stage');
    fireEvent.keyDown(stage, { key: 'ArrowRight' });
    fireEvent.keyDown(stage, { key: 'Enter' });
    expect(screen.queryByTestId('detail-picker')).toBeNull();
    const chosen = screen.getAllByTestId('workshop-chosen-work');
    expect(chosen.map((c) => c.textContent)).toEqual([expect.stringContaining('The Harvesters'), expect.stringContaining('Detail of “The Harvesters”')]);
    expect(chosen[1]!.dataset.detail).toBe('true');

    fireEvent.submit(screen.getByTestId('workshop-create'));
    await waitFor(() => expect(fetchMock.mock.calls.some((c) => (c[1] as RequestInit | undefined)?.method === 'POST')).toBe(true));
    const post = fetchMock.mock.calls.find((c) => (c[1] as RequestInit | undefined)?.method === 'POST')!;
    const body = JSON.parse(String((post[1] as RequestInit).body));
    expect(body.assignment).toEqual([{ workId: 'harvest' }, { workId: 'harvest', region: { x: 0.25, y: 0.25, w: 0.5, h: 0.5 } }]);
  });
});
