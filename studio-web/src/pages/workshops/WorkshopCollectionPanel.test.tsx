import type { PupilView } from '@atelier/contracts/workshop.schema';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStudio } from '../../canvas/ui/studio';
import { json, renderInStudio } from '../studio/studio.test-support';
import { rememberPupil } from './pupil-context';
import { StudioCollectionPanel, WorkshopCollectionPanel } from './WorkshopCollectionPanel';
import { regionToFractions, regionToPixels } from './workshop-assignment';

// The canvas places a work once its image has loaded: here an image of the work's working size, at once.
vi.mock('../../canvas/render/images', () => ({ loadImage: async () => ({ naturalWidth: 500, naturalHeight: 250, width: 500, height: 250 }) }));
afterEach(() => {
  vi.unstubAllGlobals();
  rememberPupil(null);
});

const work = (id: string, title: string) => ({
  id,
  title,
  creator: 'Pieter Bruegel',
  date: null,
  institution: null,
  licence: { uri: 'https://creativecommons.org/publicdomain/zero/1.0/', label: 'CC0', family: 'cc0' },
  credit: title,
  thumbnailUrl: `/thumbs/${id}.jpg`,
  imageUrl: `/images/${id}.jpg`,
  width: 4000,
  height: 2000,
  source: 'local',
  iiif: true,
});

const pupil = (assignment: PupilView['workshop']['assignment']) =>
  ({ workshop: { id: 'ws', title: 'Oogst', maySearch: false, mayDraw: true, tools: ['style'], assignment } }) as unknown as PupilView;

function stubWorks() {
  const fetchMock = vi.fn(async (url: string) => {
    const id = /\/works\/([^/?]+)/.exec(url)?.[1];
    if (id === 'harvest') return json(200, work('harvest', 'The Harvesters'));
    if (id === 'wave') return json(200, work('wave', 'The Great Wave'));
    return json(404, { error: { code: 'not_found', message: url } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('the studio collection of a workshop without searching', () => {
  it('shows only the assignment works and details, with no search box and no collection-wide request', async () => {
    const fetchMock = stubWorks();
    renderInStudio(createStudio(), <WorkshopCollectionPanel pupil={pupil([{ workId: 'harvest' }, { workId: 'wave', region: { x: 0.5, y: 0.25, w: 0.25, h: 0.5 } }])} />);
    await waitFor(() => expect(screen.getAllByTestId('work-card')).toHaveLength(2));
    expect(screen.getAllByTestId('work-card').map((c) => c.textContent)).toEqual([
      expect.stringContaining('The Harvesters'),
      expect.stringContaining('Detail of “The Great Wave”'),
    ]);
    expect(screen.queryByTestId('collection-search')).toBeNull();
    expect(screen.queryByRole('search')).toBeNull();
    const urls = fetchMock.mock.calls.map((c) => String(c[0]));
    // One request per assignment work, none for a page of the collection.
    expect(urls).toHaveLength(2);
    expect(urls.every((u) => /\/works\/(harvest|wave)\?/.test(u))).toBe(true);
  });

  it('places a detail of the assignment at its region, in the work’s pixels', async () => {
    stubWorks();
    const studio = createStudio();
    renderInStudio(studio, <WorkshopCollectionPanel pupil={pupil([{ workId: 'wave', region: { x: 0.5, y: 0.25, w: 0.25, h: 0.5 } }])} />, 'nl');
    const card = await screen.findByTestId('work-card');
    expect(card.textContent).toContain('Detail van “The Great Wave”');
    await act(async () => fireEvent.click(screen.getByTestId('add-to-canvas')));
    await waitFor(() => expect(studio.doc.current().layers).toHaveLength(1));
    expect(studio.doc.current().layers[0]).toMatchObject({ kind: 'work', workId: 'wave', region: { x: 2000, y: 500, w: 1000, h: 1000 } });
  });
});

describe('assignment details', () => {
  it('go from the picker’s pixels to fractions of the work and back', () => {
    const size = { width: 4000, height: 3000 };
    const f = regionToFractions({ x: 1000, y: 750, w: 2000, h: 1500 }, size);
    expect(f).toEqual({ x: 0.25, y: 0.25, w: 0.5, h: 0.5 });
    expect(regionToPixels(f, size)).toEqual({ x: 1000, y: 750, w: 2000, h: 1500 });
    // Never outside the work, never empty.
    expect(regionToFractions({ x: 3990, y: 0, w: 50, h: 3000 }, size)).toEqual({ x: 0.9975, y: 0, w: 0.0025, h: 1 });
    expect(regionToPixels({ x: 1, y: 1, w: 0.000001, h: 0.000001 }, size)).toEqual({ x: 3999, y: 2999, w: 1, h: 1 });
  });
});

describe('the studio’s collection panel', () => {
  const emptyPage = { items: [], total: 0, page: 1, pageSize: 24, totalIsLowerBound: false };

  it('is the whole collection, with its search, for a visitor who never joined a workshop', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(200, emptyPage)));
    renderInStudio(createStudio(), <StudioCollectionPanel />);
    expect(screen.getByTestId('collection-search')).toBeTruthy();
  });

  it('on a pupil’s device shows no search box while the workshop loads, then only the assignment', async () => {
    rememberPupil({ code: 'AB3CD4', rejoinCode: null });
    let answer!: (r: Response) => void;
    const view = new Promise<Response>((resolve) => (answer = resolve));
    vi.stubGlobal('fetch', vi.fn(async (url: string) => (url.includes('/workshops/pupil') ? view : url.includes('/works/harvest') ? json(200, work('harvest', 'The Harvesters')) : json(200, emptyPage))));
    renderInStudio(createStudio(), <StudioCollectionPanel />);
    expect(screen.queryByTestId('collection-search')).toBeNull();
    await act(async () => answer(json(200, { ...pupil([{ workId: 'harvest' }]), pseudonym: { nl: 'x', en: 'x' } })));
    await waitFor(() => expect(screen.getAllByTestId('work-card')).toHaveLength(1));
    expect(screen.getByTestId('workshop-collection')).toBeTruthy();
    expect(screen.queryByTestId('collection-search')).toBeNull();
  });
});
