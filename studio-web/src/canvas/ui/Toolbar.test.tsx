import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInStudio } from '../../pages/studio/studio.test-support';
import { createStudio, patchEditor } from './studio';
import { CANVAS_TOOLS, DRAWING_TOOLS, Toolbar } from './Toolbar';

describe('the toolbar', () => {
  it('offers every canvas tool by default', () => {
    renderInStudio(createStudio(), <Toolbar />);
    for (const name of CANVAS_TOOLS) expect(screen.getByTestId(`tool-${name}`)).toBeTruthy();
  });

  it('leaves out the tools not offered (a workshop without drawing), and never leaves one of them selected', async () => {
    const studio = createStudio();
    patchEditor(studio, { tool: 'brush' });
    await act(async () => renderInStudio(studio, <Toolbar canvasTools={CANVAS_TOOLS.filter((t) => !DRAWING_TOOLS.includes(t))} />));
    expect(screen.queryByTestId('tool-brush')).toBeNull();
    expect(screen.queryByTestId('tool-eraser')).toBeNull();
    expect(screen.getByTestId('tool-text')).toBeTruthy();
    expect(studio.editor.get().tool).toBe('move');
  });
});
