import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { canRedo, canUndo } from '../document/history';
import { isLocked } from '../document/commands';
import { findLayer, workImageKey } from '../document/schema';
import { TextOptions } from './TextOptions';
import { patchEditor, useEditor, useHistory, useStudio, type ToolName } from './studio';
import { scaleAroundCentre } from './transform';

const SWATCHES = ['#1d3557', '#b4451f', '#e9c46a', '#2a9d8f', '#ffffff', '#111111'];

/** The canvas tools, in the toolbar's order. */
export const CANVAS_TOOLS: readonly ToolName[] = ['move', 'brush', 'eraser', 'text', 'area'];
/** The canvas tools that draw strokes (a workshop may leave them out). */
export const DRAWING_TOOLS: readonly ToolName[] = ['brush', 'eraser'];

/** `canvasTools`: the canvas tools offered (all by default); a tool not offered is never left selected. */
export function Toolbar({ canvasTools = CANVAS_TOOLS }: { canvasTools?: readonly ToolName[] }) {
  const studio = useStudio();
  const { t } = useI18n();
  const history = useHistory();
  const tool = useEditor((s) => s.tool);
  const color = useEditor((s) => s.brushColor);
  const size = useEditor((s) => s.brushSize);
  const selectedId = useEditor((s) => s.selectedId);
  const selected = findLayer(history.present, selectedId);
  const transformable = selected && selected.kind !== 'strokes' && !isLocked(selected);

  const setTool = (next: ToolName) => patchEditor(studio, { tool: next });
  const offered = canvasTools.includes(tool);
  useEffect(() => {
    if (!offered) patchEditor(studio, { tool: 'move' });
  }, [offered, studio]);
  const scale = (factor: number) => {
    if (!selected) return;
    const size = selected.kind === 'work' ? studio.editor.get().imageSizes[workImageKey(selected)] : undefined;
    const cmd = scaleAroundCentre(selected, size, factor);
    if (cmd) studio.doc.dispatch(cmd);
  };
  const rotate = (degrees: number) => {
    if (!selected || selected.kind === 'strokes') return;
    const scale = selected.kind === 'remix' ? 1 : selected.scale;
    studio.doc.dispatch({ type: 'transform', layerId: selected.id, x: selected.x, y: selected.y, scale, rotation: (selected.rotation ?? 0) + degrees });
  };
  const remove = () => {
    if (!selected) return;
    studio.doc.dispatch({ type: 'remove', layerId: selected.id });
    patchEditor(studio, { selectedId: null });
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="tool-group">
        {canvasTools.map((name) => (
          <button key={name} type="button" aria-pressed={tool === name} data-testid={`tool-${name}`} onClick={() => setTool(name)}>
            {t(`toolbar.${name}`)}
          </button>
        ))}
      </div>
      <TextOptions />
      {/* Always shown, so choosing the brush does not shift the canvas under the pointer. */}
      <div className="tool-group">
          <label className="inline-field">
            <span>{t('toolbar.colour')}</span>
            <input type="color" value={color} data-testid="brush-colour" onChange={(e) => patchEditor(studio, { brushColor: e.target.value })} />
          </label>
          <div className="swatches" role="group" aria-label={t('toolbar.swatches')}>
            {SWATCHES.map((c) => (
              <button
                key={c}
                type="button"
                className="swatch"
                style={{ background: c }}
                aria-label={c}
                aria-pressed={c === color}
                onClick={() => patchEditor(studio, { brushColor: c })}
              />
            ))}
          </div>
          <label className="inline-field">
            <span>{t('toolbar.size')}</span>
            <input
              type="range"
              min={2}
              max={80}
              value={size}
              data-testid="brush-size"
              onChange={(e) => patchEditor(studio, { brushSize: Number(e.target.value) })}
            />
          </label>
      </div>
      <div className="tool-group">
        <button type="button" data-testid="undo" disabled={!canUndo(history)} onClick={studio.doc.undo} aria-keyshortcuts="Control+Z Meta+Z">
          {t('toolbar.undo')}
        </button>
        <button
          type="button"
          data-testid="redo"
          disabled={!canRedo(history)}
          onClick={studio.doc.redo}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
        >
          {t('toolbar.redo')}
        </button>
      </div>
      <div className="tool-group">
        <button type="button" data-testid="scale-up" disabled={!transformable} onClick={() => scale(1.1)} aria-label={t('toolbar.enlarge')}>
          +
        </button>
        <button type="button" data-testid="scale-down" disabled={!transformable} onClick={() => scale(1 / 1.1)} aria-label={t('toolbar.shrink')}>
          −
        </button>
        <button type="button" data-testid="rotate-left" disabled={!transformable} onClick={() => rotate(-15)} aria-label={t('toolbar.rotateLeft')}>
          ⟲
        </button>
        <button type="button" data-testid="rotate-right" disabled={!transformable} onClick={() => rotate(15)} aria-label={t('toolbar.rotateRight')}>
          ⟳
        </button>
        <button type="button" data-testid="delete-layer" className="danger" disabled={!selected || isLocked(selected)} onClick={remove}>
          {t('toolbar.delete')}
        </button>
      </div>
    </div>
  );
}
