import { useI18n } from '../../i18n';
import { useEditor, useHistory, useStudio, patchEditor } from './studio';

/** Layers as buttons: the keyboard way to select what the pointer selects on the canvas. */
export function LayerList() {
  const studio = useStudio();
  const { t } = useI18n();
  const layers = useHistory().present.layers;
  const selectedId = useEditor((s) => s.selectedId);
  const works = useEditor((s) => s.works);
  if (layers.length === 0) return <p className="muted">{t('layers.empty')}</p>;
  return (
    <ol className="layer-list" aria-label={t('layers.label')} reversed>
      {[...layers].reverse().map((l) => {
        const name =
          l.kind === 'work'
            ? (works[l.workId]?.title ?? t('layers.work'))
            : l.kind === 'remix'
              ? t('layers.remix')
              : t('layers.drawing', { n: l.strokes.length });
        return (
          <li key={l.id}>
            <button
              type="button"
              aria-pressed={l.id === selectedId}
              data-testid="layer-item"
              data-layer-id={l.id}
              data-layer-kind={l.kind}
              onClick={() => patchEditor(studio, { selectedId: l.id === selectedId ? null : l.id, tool: 'move' })}
            >
              {name}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
