import type { Draft } from '@atelier/contracts/draft.schema';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pager } from '../../components/Pager';
import { createStudio, StudioContext } from '../../canvas/ui/studio';
import { I18nProvider } from '../../i18n';
import { DraftOpener } from './DraftOpener';
import { draftRequestOf, loadDraft } from './draft';
import { json } from './studio.test-support';

const REMIX = '11111111-1111-4111-8111-111111111111';
const doc = (n: number) => ({
  schemaVersion: 2 as const,
  width: 64,
  height: 48,
  layers: Array.from({ length: n }, (_, i) => ({ id: `w${i}`, kind: 'work' as const, workId: 'w', x: i, y: 0, scale: 1, rotation: 0 })),
});
const draft: Draft = {
  document: { ...doc(1), layers: [...doc(1).layers, { id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 64, height: 48 }] },
  history: { past: [doc(0)], future: [] },
  remixes: [{ id: REMIX, output: { url: `/api/gallery/drafts/d/remixes/${REMIX}/output.png` } } as Draft['remixes'][number]],
  createdAt: '2026-06-01T00:00:00.000Z',
  expiresAt: '2026-06-15T00:00:00.000Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('drafts in the studio', () => {
  it('sends the canvas with its undo steps, and an opened draft replaces canvas and history, its remixes on their copies', () => {
    const studio = createStudio(doc(0));
    studio.doc.dispatch({ type: 'addWork', layer: doc(1).layers[0]! });
    expect(draftRequestOf(studio)).toEqual({ document: doc(1), history: { past: [doc(0)], future: [] } });
    loadDraft(studio, draft, 'ABCD2345');
    expect(studio.editor.get().draftCode).toBe('ABCD2345');
    expect(studio.doc.current()).toEqual(draft.document);
    expect(studio.editor.get().remixes[REMIX]?.output?.url).toContain('/api/gallery/drafts/');
    studio.doc.undo();
    expect(studio.doc.current()).toEqual(doc(0));
  });

  it('checks a typed code before asking, says when none matches, and asks before replacing a canvas', async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
      JSON.parse(String(init?.body)).code === 'ABCD2345' ? json(200, draft) : json(404, { error: { code: 'draft_not_found', message: 'x' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const studio = createStudio();
    studio.doc.dispatch({ type: 'addWork', layer: doc(1).layers[0]! });
    render(
      <I18nProvider lang="en">
        <StudioContext.Provider value={studio}>
          <DraftOpener />
        </StudioContext.Provider>
      </I18nProvider>,
    );
    const input = screen.getByTestId('draft-code-input');
    fireEvent.change(input, { target: { value: 'ABCD-234' } });
    fireEvent.click(screen.getByTestId('draft-open'));
    expect(await screen.findByText(/8 letters and digits/)).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: 'wxyz-2345' } });
    fireEvent.click(screen.getByTestId('draft-open'));
    expect(await screen.findByText(/No saved canvas has this code/)).toBeTruthy();
    fireEvent.change(input, { target: { value: 'abcd 2345' } });
    fireEvent.click(screen.getByTestId('draft-open'));
    fireEvent.click(await screen.findByTestId('draft-confirm'));
    await waitFor(() => expect(studio.doc.current()).toEqual(draft.document));
  });
});

describe('Pager', () => {
  const pager = (page: number, pages: number, lang: 'en' | 'nl' = 'en') =>
    render(
      <I18nProvider lang={lang}>
        <Pager page={page} pages={pages} path="/gallery" label="Gallery pages" testId="p" />
      </I18nProvider>,
    );

  it('links to the pages before and after, and leaves no dead link at either end', () => {
    pager(1, 3);
    expect(screen.getByTestId('p-prev').tagName).toBe('SPAN');
    expect(screen.getByTestId('p-next').getAttribute('href')).toBe('/gallery?page=2');
    expect(screen.getByTestId('p-current').textContent).toBe('Page 1 of 3');
  });

  it('speaks Dutch, and the second page links back to the first without a page number', () => {
    pager(2, 2, 'nl');
    expect(screen.getByTestId('p-prev').getAttribute('href')).toBe('/gallery');
    expect(screen.getByTestId('p-prev').textContent).toBe('Vorige');
    expect(screen.getByTestId('p-next').tagName).toBe('SPAN');
    expect(screen.getByTestId('p-current').textContent).toBe('Pagina 2 van 2');
  });

  it('shows nothing when there is one page', () => {
    pager(1, 1);
    expect(screen.queryByTestId('p')).toBeNull();
  });
});
