import type { Tool } from '@atelier/contracts/tools';
import { layerName } from '../../canvas/ui/layer-names';
import { patchEditor, useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { useI18n } from '../../i18n';
import { remixSourceOf, selectedSourceLayer, useToolOptions, type RemixScope } from './tool-options';

/**
 * What a remix will work on, and the visitor's way to choose: the whole canvas, the selected layer as it is shown,
 * or an area drawn with the Area tool. The choice that holds is `remixSourceOf`'s, so this says what will be sent.
 */
export function ToolTarget({ tool }: { tool: Tool }) {
  const studio = useStudio();
  const { t } = useI18n();
  useHistory();
  useEditor((s) => s.selectedId);
  const area = useEditor((s) => s.area);
  const works = useEditor((s) => s.works);
  const [, setOptions] = useToolOptions();
  const layer = selectedSourceLayer(studio);
  const source = remixSourceOf(studio, tool);
  const choices: { scope: RemixScope; label: string; available: boolean }[] = [
    { scope: 'canvas', label: t('tools.scope.canvas'), available: true },
    {
      scope: 'layer',
      label: layer ? t('tools.scope.layer', { name: layerName(layer, (id) => works[id]?.title, t) }) : t('tools.scope.layerNone'),
      available: !!layer,
    },
    { scope: 'area', label: area ? t('tools.scope.area') : t('tools.scope.areaNone'), available: !!area },
  ];
  return (
    <fieldset className="field small" data-testid="tool-target" data-source={source.kind} data-layer-id={source.kind === 'layer' ? source.layer.id : undefined}>
      <legend className="field-label">{t('tools.scope')}</legend>
      {choices.map((c) => (
        <label key={c.scope}>
          <input
            type="radio"
            name={`remix-scope-${tool}`}
            data-testid={`remix-scope-${c.scope}`}
            checked={source.kind === c.scope}
            disabled={!c.available}
            onChange={() => setOptions({ scope: c.scope })}
          />{' '}
          {c.label}
        </label>
      ))}
      {area && (
        <button type="button" className="link-button" data-testid="remix-area-clear" onClick={() => patchEditor(studio, { area: null })}>
          {t('tools.clearArea')}
        </button>
      )}
      <p className="muted">{t('tools.newLayer')}</p>
    </fieldset>
  );
}
