import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { isLocked, isVisible } from '../document/commands';
import { findLayer } from '../document/schema';
import { layerName } from './layer-names';
import { useEditor, useHistory, useStudio, patchEditor } from './studio';

/**
 * Layers top first, as buttons (the keyboard way to select what the pointer selects on the canvas), each with its
 * visibility, lock and order; the selected one also with its opacity. Every change is one undoable command.
 */
export function LayerList() {
  const studio = useStudio();
  const { t } = useI18n();
  const layers = useHistory().present.layers;
  const selectedId = useEditor((s) => s.selectedId);
  const works = useEditor((s) => s.works);
  if (layers.length === 0) return <p className="muted">{t('layers.empty')}</p>;
  const titleOf = (id: string) => works[id]?.title;
  const selected = findLayer(studio.doc.current(), selectedId);
  const dispatch = studio.doc.dispatch;
  return (
    <>
      <ol className="layer-list" aria-label={t('layers.label')} reversed>
        {[...layers].reverse().map((l) => {
          const index = layers.indexOf(l);
          const name = layerName(l, titleOf, t);
          return (
            <li key={l.id} className="layer-row" data-testid="layer-row" data-layer-id={l.id}>
              <button
                type="button"
                className="layer-name"
                aria-pressed={l.id === selectedId}
                data-testid="layer-item"
                data-layer-id={l.id}
                data-layer-kind={l.kind}
                data-hidden={!isVisible(l)}
                data-locked={isLocked(l)}
                onClick={() => patchEditor(studio, { selectedId: l.id === selectedId ? null : l.id, tool: 'move' })}
              >
                {name}
              </button>
              <RowButton testId="layer-visible" pressed={isVisible(l)} label={t('layers.visible', { name })} onPress={() => dispatch({ type: 'setAppearance', layerId: l.id, visible: !isVisible(l) })}>
                {t('layers.showShort')}
              </RowButton>
              <RowButton testId="layer-lock" pressed={isLocked(l)} label={t('layers.lock', { name })} onPress={() => dispatch({ type: 'setAppearance', layerId: l.id, locked: !isLocked(l) })}>
                {t('layers.lockShort')}
              </RowButton>
              <RowButton testId="layer-up" disabled={index === layers.length - 1} label={t('layers.up', { name })} onPress={() => dispatch({ type: 'reorder', layerId: l.id, to: index + 1 })}>
                ↑
              </RowButton>
              <RowButton testId="layer-down" disabled={index === 0} label={t('layers.down', { name })} onPress={() => dispatch({ type: 'reorder', layerId: l.id, to: index - 1 })}>
                ↓
              </RowButton>
            </li>
          );
        })}
      </ol>
      {selected && (
        <label className="inline-field">
          <span>{t('layers.opacity')}</span>
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round((selected.opacity ?? 1) * 100)}
            data-testid="layer-opacity"
            // One drag of the slider is one undo step; the next drag starts another.
            onPointerUp={() => studio.doc.endRun()}
            onBlur={() => studio.doc.endRun()}
            onChange={(e) => dispatch({ type: 'setAppearance', layerId: selected.id, opacity: Number(e.target.value) / 100 }, { coalesce: `opacity:${selected.id}` })}
          />
        </label>
      )}
    </>
  );
}

/** A layer's small control: a short word or arrow on screen (pressed = on), its whole meaning in its accessible name. */
function RowButton(p: { testId: string; label: string; pressed?: boolean; disabled?: boolean; onPress(): void; children: ReactNode }) {
  return (
    <button type="button" data-testid={p.testId} aria-pressed={p.pressed} disabled={p.disabled} aria-label={p.label} title={p.label} onClick={p.onPress}>
      {p.children}
    </button>
  );
}
