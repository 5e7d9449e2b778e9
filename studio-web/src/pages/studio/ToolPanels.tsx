import type { ModelListing } from '@atelier/contracts/model.schema';
import { FIXED_STYLES, type FixedStyle, type Tool } from '@atelier/contracts/tools';
import { useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { describeError } from '../../components/Message';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { startRemix } from './remix.controller';
import { buildRemixRequest, modelFor, modelsOf, resolveOptions } from './remix-request';
import { licenceMarks, licenceMarkText, useToolCatalog } from './tool-catalog';
import { useRemixOptions, useToolOptions } from './tool-options';
import { ToolTarget } from './ToolTarget';

/**
 * A tool's submit button: disabled while a remix runs or waits, while a result waits for Keep or Discard, on an
 * empty canvas, when there is nothing to ask for yet (no style work) and while the tool's model is switched off.
 */
export function RemixSubmit({ tool, label, testId, describedBy }: { tool: Tool; label: string; testId: string; describedBy?: string | undefined }) {
  const studio = useStudio();
  const { t } = useI18n();
  const catalog = useToolCatalog();
  const request = buildRemixRequest(tool, useRemixOptions(catalog));
  const enabled = !!request && !!catalog.models.find((m) => m.id === request.model)?.enabled;
  const hasLayers = useHistory().present.layers.length > 0;
  const job = useEditor((s) => s.remixJob);
  const staged = useEditor((s) => s.staged || s.variants);
  const busy = !!job && job.status !== 'failed';
  return (
    <button
      type="button"
      className="primary"
      data-testid={testId}
      disabled={busy || !!staged || !hasLayers || !enabled}
      aria-describedby={describedBy}
      onClick={() => void startRemix(studio, tool, catalog, (err) => describeError(err, t))}
    >
      {busy ? t('remix.working') : label}
    </button>
  );
}

/** Licence line of a model, with the marks the studio must show (non-commercial, no licence stated). */
export function ModelLicence({ model, testId }: { model: ModelListing | undefined; testId: string }) {
  const { t } = useI18n();
  if (!model) return null;
  const marks = licenceMarks(model);
  // With no licence stated the mark itself is the licence ("Model licence: no licence stated"), not said twice.
  const label =
    model.licence.spdx === null && marks.includes('licence_not_stated')
      ? t('tools.licenceLabel')
      : t('tools.licence', { licence: model.licence.spdx ?? t('tools.noLicence') });
  return (
    <p className="small" data-testid={testId}>
      {model.licence.uri ? (
        <a href={model.licence.uri} target="_blank" rel="noreferrer">
          {label}
        </a>
      ) : (
        label
      )}
      {marks.map((m) => (
        <span key={m} className="badge warn" data-testid="model-licence-flag">
          {' '}
          {licenceMarkText(m, t)}
        </span>
      ))}
    </p>
  );
}


export function CutOutPanel() {
  const { t } = useI18n();
  const model = modelFor('cutout', useToolCatalog().models);
  return (
    <div data-testid="cutout-panel">
      <p>{t('cutout.intro')}</p>
      <ToolTarget tool="cutout" />
      <ModelLicence model={model} testId="cutout-licence" />
      <RemixSubmit tool="cutout" testId="cutout-submit" label={t('cutout.submit')} />
    </div>
  );
}

/** ×2 or ×4, and which upscaler: each upscale model in the catalogue, by its label in the visitor's language. */
export function UpscalePanel() {
  const { t, lang } = useI18n();
  const catalog = useToolCatalog();
  const [, setOptions] = useToolOptions();
  const { upscaleModel: model, upscaleScale } = resolveOptions(useRemixOptions(catalog));
  return (
    <div data-testid="upscale-panel">
      <p>{t('upscale.intro')}</p>
      <fieldset className="field">
        <legend className="field-label">{t('upscale.scale')}</legend>
        {([2, 4] as const).map((scale) => (
          <label key={scale}>
            <input type="radio" name="upscale-scale" data-testid={`upscale-scale-${scale}`} checked={upscaleScale === scale} onChange={() => setOptions({ upscaleScale: scale })} /> ×{scale}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{t('upscale.kind')}</legend>
        {modelsOf('upscale', catalog.models).map((m) => (
          <label key={m.id}>
            <input
              type="radio"
              name="upscale-model"
              data-testid="upscale-model"
              data-model-id={m.id}
              checked={model?.id === m.id}
              onChange={() => setOptions({ upscaleModel: m.id })}
            />{' '}
            {m.label?.[lang] ?? m.title}
          </label>
        ))}
      </fieldset>
      <ToolTarget tool="upscale" />
      <ModelLicence model={model} testId="upscale-licence" />
      <RemixSubmit tool="upscale" testId="upscale-submit" label={t('upscale.submit')} />
    </div>
  );
}

export function CartoonPanel() {
  const { t } = useI18n();
  const model = modelFor('cartoon', useToolCatalog().models);
  return (
    <div data-testid="cartoon-panel">
      <p>{t('cartoon.intro')}</p>
      <ModelLicence model={model} testId="cartoon-licence" />
      <RemixSubmit tool="cartoon" testId="cartoon-submit" label={t('cartoon.submit')} />
    </div>
  );
}

/** Each offered style's title; typecheck fails when the contract's list of fixed styles changes. */
const FIXED_STYLE_TITLES = {
  candy: 'fixedStyle.candy',
  mosaic: 'fixedStyle.mosaic',
  udnie: 'fixedStyle.udnie',
} as const satisfies Record<FixedStyle, MessageKey>;

export function FixedStylePanel() {
  const { t } = useI18n();
  const catalog = useToolCatalog();
  const [, setOptions] = useToolOptions();
  const { fixedStyleModel: model, fixedStyle } = resolveOptions(useRemixOptions(catalog));
  return (
    <div data-testid="fixed-style-panel">
      <p>{t('fixedStyle.intro')}</p>
      <fieldset className="field">
        <legend className="field-label">{t('fixedStyle.style')}</legend>
        {FIXED_STYLES.map((style) => (
          <label key={style}>
            <input
              type="radio"
              name="fixed-style"
              data-testid={`fixed-style-${style}`}
              checked={fixedStyle === style}
              onChange={() => setOptions({ fixedStyle: style })}
            />{' '}
            {t(FIXED_STYLE_TITLES[style])}
          </label>
        ))}
      </fieldset>
      <ModelLicence model={model} testId="fixed-style-licence" />
      <RemixSubmit tool="fixed-style" testId="fixed-style-submit" label={t('fixedStyle.submit')} />
    </div>
  );
}
