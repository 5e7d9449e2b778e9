import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n';
import { LayerList } from './LayerList';
import { createStudio, patchEditor, StudioContext } from './studio';

function studioWithTwoLayers() {
  const studio = createStudio();
  studio.doc.dispatch({ type: 'addWork', layer: { id: 'a', kind: 'work', workId: 'w', x: 0, y: 0, scale: 1, rotation: 0 } });
  studio.doc.dispatch({ type: 'addText', layer: { id: 't', kind: 'text', text: 'Hoi', font: 'sans', size: 40, color: '#000', x: 0, y: 0, scale: 1, rotation: 0 } });
  render(
    <I18nProvider lang="en">
      <StudioContext.Provider value={studio}>
        <LayerList />
      </StudioContext.Provider>
    </I18nProvider>,
  );
  return studio;
}

describe('the layer list', () => {
  it('hides, locks and reorders, each one undo step, top layer first', () => {
    const studio = studioWithTwoLayers();
    expect(screen.getAllByTestId('layer-item').map((b) => b.textContent)).toEqual(['Text: “Hoi”', 'Work']);
    const [top] = screen.getAllByTestId('layer-row');
    fireEvent.click(top!.querySelector('[data-testid=layer-visible]')!);
    fireEvent.click(top!.querySelector('[data-testid=layer-lock]')!);
    fireEvent.click(top!.querySelector('[data-testid=layer-down]')!);
    expect(studio.doc.current().layers.map((l) => [l.id, l.visible, l.locked])).toEqual([
      ['t', false, true],
      ['a', undefined, undefined],
    ]);
    expect(studio.doc.store.get().past).toHaveLength(5);
    expect(screen.getAllByTestId('layer-lock')[1]!.getAttribute('aria-pressed')).toBe('true');
  });

  it('makes one drag of the opacity slider one undo step', () => {
    const studio = studioWithTwoLayers();
    act(() => patchEditor(studio, { selectedId: 'a' }));
    const slider = screen.getByTestId('layer-opacity');
    const steps = () => studio.doc.store.get().past.length;
    const before = steps();
    for (const v of ['80', '60', '40']) fireEvent.change(slider, { target: { value: v } });
    expect(steps()).toBe(before + 1);
    fireEvent.pointerUp(slider);
    fireEvent.change(slider, { target: { value: '20' } });
    expect(steps()).toBe(before + 2);
    expect(studio.doc.current().layers[0]!.opacity).toBe(0.2);
    studio.doc.undo();
    expect(studio.doc.current().layers[0]!.opacity).toBe(0.4);
  });
});
