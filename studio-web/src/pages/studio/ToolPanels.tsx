import type { FixedStyle, RemixTool } from '../../api/types';
import { startTool, TOOL_MODELS } from '../../canvas/ui/remix.controller';
import { useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { describeError } from '../../components/Message';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { licenceMarks, licenceMarkText, useToolCatalog } from './tool-catalog';
import { ToolTarget } from './ToolTarget';
import { useToolOptions } from './ToolPicker';

/** Tools whose model is off unless an operator switches it on (non-commercial; no licence stated). */
const OFF_BY_DEFAULT: ReadonlySet<RemixTool> = new Set(['cartoon', 'fixed-style']);

/** The submit button of a non-style tool, disabled while a remix runs, waits or when the model is off. */
function ToolSubmit({ tool, model, label }: { tool: Exclude<RemixTool, 'style'>; model: string; label: string }) {
  const studio = useStudio();
  const { t } = useI18n();
  const { models } = useToolCatalog();
  const hasLayers = useHistory().present.layers.length > 0;
  const job = useEditor((s) => s.remixJob);
  const staged = useEditor((s) => s.staged);
  const listing = models.find((m) => m.id === model);
  // Before the catalogue loads only the flagged models wait; the server refuses a switched-off model anyway.
  const off = listing ? !listing.enabled : OFF_BY_DEFAULT.has(tool);
  const busy = !!job && job.status !== 'failed';
  return (
    <button
      type="button"
      className="primary"
      data-testid={`${tool}-submit`}
      disabled={busy || !!staged || !hasLayers || off}
      onClick={() => void startTool(studio, tool, (err) => describeError(err, t))}
    >
      {busy ? t('remix.working') : label}
    </button>
  );
}

/** Licence line of a model, with the marks the studio must show (non-commercial, no licence stated). */
export function ModelLicence({ model, testId }: { model: string; testId: string }) {
  const { t } = useI18n();
  const listing = useToolCatalog().models.find((m) => m.id === model);
  if (!listing) return null;
  const marks = licenceMarks(listing);
  // With no licence stated the mark itself is the licence ("Model licence: no licence stated"), not said twice.
  const label =
    listing.licence.spdx === null && marks.includes('licence_not_stated')
      ? t('tools.licenceLabel')
      : t('tools.licence', { licence: listing.licence.spdx ?? t('tools.noLicence') });
  return (
    <p className="small" data-testid={testId}>
      {listing.licence.uri ? (
        <a href={listing.licence.uri} target="_blank" rel="noreferrer">
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
  return (
    <div data-testid="cutout-panel">
      <p>{t('cutout.intro')}</p>
      <ToolTarget />
      <ModelLicence model="isnet-imgly-medium" testId="cutout-licence" />
      <ToolSubmit tool="cutout" model="isnet-imgly-medium" label={t('cutout.submit')} />
    </div>
  );
}

export function UpscalePanel() {
  const { t } = useI18n();
  const [options, setOptions] = useToolOptions();
  const model = options.upscaleKind === 'photo' ? 'upscalerjs-esrgan-slim' : 'realesr-animevideov3-x4';
  return (
    <div data-testid="upscale-panel">
      <p>{t('upscale.intro')}</p>
      <fieldset className="field">
        <legend className="field-label">{t('upscale.scale')}</legend>
        {([2, 4] as const).map((scale) => (
          <label key={scale}>
            <input type="radio" name="upscale-scale" data-testid={`upscale-scale-${scale}`} checked={options.upscaleScale === scale} onChange={() => setOptions({ upscaleScale: scale })} /> ×{scale}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{t('upscale.kind')}</legend>
        {(['photo', 'drawing'] as const).map((kind) => (
          <label key={kind}>
            <input type="radio" name="upscale-kind" data-testid={`upscale-kind-${kind}`} checked={options.upscaleKind === kind} onChange={() => setOptions({ upscaleKind: kind })} />{' '}
            {t(`upscale.${kind}`)}
          </label>
        ))}
      </fieldset>
      <ToolTarget />
      <ModelLicence model={model} testId="upscale-licence" />
      <ToolSubmit tool="upscale" model={model} label={t('upscale.submit')} />
    </div>
  );
}

export function CartoonPanel() {
  const { t } = useI18n();
  const listing = useToolCatalog().models.find((m) => m.id === 'whitebox-cartoonizer');
  const enabled = !!listing?.enabled;
  return (
    <div data-testid="cartoon-panel">
      <p>{t('cartoon.intro')}</p>
      <ModelLicence model="whitebox-cartoonizer" testId="cartoon-licence" />
      {!enabled && (
        <p className="small muted" data-testid="cartoon-disabled">
          {t('cartoon.disabled')}
        </p>
      )}
      <ToolSubmit tool="cartoon" model="whitebox-cartoonizer" label={t('cartoon.submit')} />
    </div>
  );
}

/** Each offered style's title; `satisfies` makes typecheck fail when the server's list and this one differ. */
const FIXED_STYLE_TITLES = {
  candy: 'fixedStyle.candy',
  mosaic: 'fixedStyle.mosaic',
  udnie: 'fixedStyle.udnie',
} as const satisfies Record<FixedStyle, MessageKey>;
const FIXED_STYLES = Object.keys(FIXED_STYLE_TITLES) as FixedStyle[];

export function FixedStylePanel() {
  const { t } = useI18n();
  const [options, setOptions] = useToolOptions();
  const model = TOOL_MODELS['fixed-style'];
  const enabled = !!useToolCatalog().models.find((m) => m.id === model)?.enabled;
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
              checked={options.fixedStyle === style}
              onChange={() => setOptions({ fixedStyle: style })}
            />{' '}
            {t(FIXED_STYLE_TITLES[style])}
          </label>
        ))}
      </fieldset>
      <ModelLicence model={model} testId="fixed-style-licence" />
      {!enabled && (
        <p className="small muted" data-testid="fixed-style-disabled">
          {t('fixedStyle.disabled')}
        </p>
      )}
      <ToolSubmit tool="fixed-style" model={model} label={t('fixedStyle.submit')} />
    </div>
  );
}
