import { patchEditor, useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { FractionSlider } from '../../components/FractionSlider';
import { useI18n } from '../../i18n';
import { resolveOptions } from './remix-request';
import { StyleExtras } from './StyleExtras';
import { useToolCatalog } from './tool-catalog';
import { useRemixOptions } from './tool-options';
import { RemixSubmit } from './ToolPanels';
import { ToolTarget } from './ToolTarget';
import { VariantStrip } from './VariantStrip';

/** The style tool: a collection work's style at a strength (a fraction; percent only on the slider). */
export function StylePanel() {
  const studio = useStudio();
  const { t } = useI18n();
  const catalog = useToolCatalog();
  const { styleModel, strength } = resolveOptions(useRemixOptions(catalog));
  const hasLayers = useHistory().present.layers.length > 0;
  const styleWorkId = useEditor((s) => s.styleWorkId);
  const style = useEditor((s) => (s.styleWorkId ? s.works[s.styleWorkId] : undefined));
  const busy = useEditor((s) => !!s.remixJob && s.remixJob.status !== 'failed');
  const hint = !hasLayers ? t('remix.needCanvas') : !styleWorkId ? t('remix.needStyle') : null;

  return (
    <>
      <div className="style-choice" data-testid="style-choice">
        <span className="field-label">{t('remix.styleOf')}</span>
        {style ? (
          <figure className="style-preview">
            <img src={style.thumbnailUrl} alt={style.title} width={64} height={64} />
            <figcaption>
              {style.title}
              <button type="button" className="link-button" onClick={() => patchEditor(studio, { styleWorkId: null })}>
                {t('remix.clearStyle')}
              </button>
            </figcaption>
          </figure>
        ) : (
          <p className="muted">{t('remix.pickStyle')}</p>
        )}
      </div>
      <FractionSlider label={t('remix.strength')} value={strength} testId="remix-strength" onChange={(v) => patchEditor(studio, { strength: v })} />
      <StyleExtras />
      <ToolTarget tool="style" />
      <VariantStrip />
      <RemixSubmit tool="style" testId="remix-submit" label={t('remix.submit')} describedBy={hint ? 'remix-hint' : undefined} />
      {hint && !busy && (
        <p id="remix-hint" className="muted small">
          {hint}
        </p>
      )}
    </>
  );
}
