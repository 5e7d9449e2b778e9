import { useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { useI18n } from '../../i18n';
import { selectedWorkLayer } from './tool-options';

/** Says what a cut-out or upscale will work on: the selected collection work, or the whole canvas. */
export function ToolTarget() {
  const studio = useStudio();
  const { t } = useI18n();
  useHistory();
  const selectedId = useEditor((s) => s.selectedId);
  const works = useEditor((s) => s.works);
  const layer = selectedId ? selectedWorkLayer(studio) : undefined;
  return (
    <p className="small muted" data-testid="tool-target" data-source={layer ? 'work' : 'canvas'}>
      {layer ? t('tools.onSelected', { title: works[layer.workId]?.title ?? layer.workId }) : t('tools.onCanvas')} {t('tools.newLayer')}
    </p>
  );
}
