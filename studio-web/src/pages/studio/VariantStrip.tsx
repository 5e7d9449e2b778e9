import { useState } from 'react';
import { remixOutputUrl } from '../../api/inference.client';
import { useEditor, useHistory, useStudio } from '../../canvas/ui/studio';
import { describeError } from '../../components/Message';
import { useI18n } from '../../i18n';
import { buildRemixRequest } from './remix-request';
import { useToolCatalog } from './tool-catalog';
import { useRemixOptions } from './tool-options';
import { closeVariants, keepVariants, startVariants, VARIANT_STRENGTHS } from './variants.controller';

/**
 * Variants: the same style remix at a few strengths, made side by side in a strip; the visitor compares them and
 * keeps one or more as layers, or none.
 */
export function VariantStrip() {
  const studio = useStudio();
  const { t } = useI18n();
  const catalog = useToolCatalog();
  const request = buildRemixRequest('style', useRemixOptions(catalog));
  const enabled = !!request && !!catalog.models.find((m) => m.id === request.model)?.enabled;
  const hasLayers = useHistory().present.layers.length > 0;
  const variants = useEditor((s) => s.variants);
  const remixes = useEditor((s) => s.remixes);
  const busy = useEditor((s) => (!!s.remixJob && s.remixJob.status !== 'failed') || !!s.staged);
  const [picked, setPicked] = useState<string[]>([]);

  if (!variants)
    return (
      <button
        type="button"
        data-testid="variants-submit"
        disabled={busy || !hasLayers || !enabled}
        onClick={() => {
          setPicked([]);
          void startVariants(studio, catalog, (err) => describeError(err, t));
        }}
      >
        {t('variants.submit', { n: VARIANT_STRENGTHS.length })}
      </button>
    );

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <section className="variant-strip" data-testid="variant-strip" aria-label={t('variants.label')}>
      <ul className="variant-list">
        {variants.items.map((v) => {
          const remix = v.remixId ? remixes[v.remixId] : undefined;
          const strength = Math.round(v.strength * 100);
          return (
            <li key={v.requestId} data-testid="variant" data-status={v.status} data-strength={v.strength} data-remix-id={v.remixId}>
              {v.status === 'completed' && remix ? (
                <label>
                  <img src={remixOutputUrl(remix)} alt={t('variants.alt', { strength })} width={96} height={96} />
                  <span>
                    <input type="checkbox" data-testid="variant-pick" checked={picked.includes(remix.id)} onChange={() => toggle(remix.id)} />{' '}
                    {t('variants.strength', { strength })}
                  </span>
                  {remix.safety?.flagged && <span className="badge warn">{t('variants.flagged')}</span>}
                </label>
              ) : v.status === 'failed' ? (
                <p className="small">{t('variants.failed', { strength, message: v.message ?? '' })}</p>
              ) : (
                <p className="small" role="status">
                  {t('variants.working', { strength, percent: Math.round(v.progress * 100) })}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div className="tool-group">
        <button type="button" className="primary" data-testid="variants-keep" disabled={picked.length === 0} onClick={() => keepVariants(studio, picked)}>
          {t('variants.keep', { n: picked.length })}
        </button>
        <button type="button" data-testid="variants-discard" onClick={() => closeVariants(studio)}>
          {t('variants.discard')}
        </button>
      </div>
    </section>
  );
}
