import type { WorkSummary } from '@atelier/contracts/work.schema';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n';
import { IiifDetailPicker } from './IiifDetailPicker';

// happy-dom lays nothing out: the shown image is 400 × 300 CSS pixels of a 4000 × 3000 work.
const WORK = { id: 'w1', title: 'The Harvesters', imageUrl: '/w1.jpg', thumbnailUrl: '/w1-t.jpg', width: 4000, height: 3000 } as WorkSummary;
const sizes = { clientWidth: 400, clientHeight: 300 };
beforeEach(() => {
  for (const [k, v] of Object.entries(sizes)) Object.defineProperty(HTMLImageElement.prototype, k, { configurable: true, get: () => v });
});
afterEach(() => {
  for (const k of Object.keys(sizes)) delete (HTMLImageElement.prototype as unknown as Record<string, unknown>)[k];
});

function Opener({ onPlace }: { onPlace(r: unknown): void }) {
  const [open, setOpen] = useState(false);
  return (
    <I18nProvider lang="en">
      <button type="button" onClick={() => setOpen(true)}>
        Detail…
      </button>
      {open && <IiifDetailPicker work={WORK} onPlace={onPlace} onClose={() => setOpen(false)} />}
    </I18nProvider>
  );
}

const openPicker = (onPlace = vi.fn()) => {
  render(<Opener onPlace={onPlace} />);
  const opener = screen.getByRole('button', { name: 'Detail…' });
  opener.focus();
  fireEvent.click(opener);
  return { opener, onPlace, dialog: screen.getByRole('dialog') };
};

describe('the detail picker by keyboard', () => {
  it('takes focus, keeps Tab inside, and Escape closes it and gives focus back to what opened it', () => {
    const { opener, dialog } = openPicker();
    expect(document.activeElement).toBe(dialog);
    const stage = screen.getByTestId('detail-stage');
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    // "Place detail" is disabled until there is a rectangle: Cancel is the last stop.
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(document.activeElement).toBe(stage);
    fireEvent.keyDown(stage, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('draws a rectangle with an arrow key, moves it with arrows, sizes it with Shift, and places it with Enter', () => {
    const { onPlace } = openPicker();
    const stage = screen.getByTestId('detail-stage');
    stage.focus();
    expect(stage.getAttribute('aria-describedby')).toBe('detail-keys');
    fireEvent.keyDown(stage, { key: 'ArrowRight' });
    // The middle half: 200 × 150 shown, 2000 × 1500 of the original.
    expect(screen.getByText('2000 × 1500 px of the original')).toBeTruthy();
    fireEvent.keyDown(stage, { key: 'ArrowRight' });
    fireEvent.keyDown(stage, { key: 'ArrowDown' });
    fireEvent.keyDown(stage, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(stage, { key: 'ArrowUp', shiftKey: true });
    expect(screen.getByTestId('detail-place')).toHaveProperty('disabled', false);
    fireEvent.keyDown(stage, { key: 'Enter' });
    expect(onPlace).toHaveBeenCalledWith({ x: 1100, y: 850, w: 2100, h: 1400 });
  });
});
