import { layerName } from '../../canvas/ui/layer-names';
import { useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { useI18n } from '../../i18n';
import { selectedSourceLayer } from './tool-options';

/** Says what a cut-out or upscale will work on: the selected layer as it is shown, or the whole canvas. */
export function ToolTarget() {
  const studio = useStudio();
  const { t } = useI18n();
  useHistory();
  useEditor((s) => s.selectedId);
  const works = useEditor((s) => s.works);
  const layer = selectedSourceLayer(studio);
  return (
    <p className="small muted" data-testid="tool-target" data-source={layer ? 'layer' : 'canvas'} data-layer-id={layer?.id}>
      {layer ? t('tools.onLayer', { name: layerName(layer, (id) => works[id]?.title, t) }) : t('tools.onCanvas')} {t('tools.newLayer')}
    </p>
  );
}
