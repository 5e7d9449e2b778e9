import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRoute } from '../../app/router';
import { I18nProvider } from '../../i18n';
import { ColouringPage } from './ColouringPage';

const work = {
  id: 'local-hokusai',
  title: 'De grote golf',
  credit: '“De grote golf” door Katsushika Hokusai. Publiek domein.',
};

afterEach(() => vi.unstubAllGlobals());

describe('the colouring page of a work', () => {
  it('is reached at /works/<id>/colouring, beside the work page', () => {
    expect(parseRoute('/works/local-hokusai/colouring')).toEqual({ page: 'colouring', id: 'local-hokusai' });
    expect(parseRoute('/works/local-hokusai')).toEqual({ page: 'work', id: 'local-hokusai' });
  });

  it("shows the work's outlines with its credit under them, in the visitor's language, and a print button", async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(work), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const print = vi.fn();
    vi.stubGlobal('print', print);
    render(
      <I18nProvider lang="nl">
        <ColouringPage id="local-hokusai" />
      </I18nProvider>,
    );
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Kleurplaat: De grote golf');
    const image = screen.getByTestId('colouring-image');
    expect(image.getAttribute('src')).toBe('/api/gallery/works/local-hokusai/colouring-page.png');
    expect(image.getAttribute('alt')).toBe('De omtrekken van De grote golf, om in te kleuren');
    expect(screen.getByTestId('colouring-credit').textContent).toBe(work.credit);
    screen.getByRole('button', { name: 'Afdrukken' }).click();
    expect(print).toHaveBeenCalledOnce();
  });
});
