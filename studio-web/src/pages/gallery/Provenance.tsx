import type { Provenance as ProvenanceRecord } from '@atelier/contracts/creation.schema';
import { textIn } from '@atelier/contracts/lang';
import type { ModelRef } from '@atelier/contracts/model.schema';
import type { ModelLicenceFlag } from '@atelier/contracts/tools';
import { useI18n } from '../../i18n';

/** The provenance record in words; hashes stay available for the curious in a disclosure. */
export function Provenance({ record }: { record: ProvenanceRecord }) {
  const { t, lang } = useI18n();
  const title = (id: string) => {
    const i = record.ingredients.find((x) => x.workId === id);
    return i ? textIn(i.titles, lang, i.title) : id;
  };
  return (
    <section aria-labelledby="prov-title" data-testid="creation-provenance">
      <h2 id="prov-title">{t('creation.howMade')}</h2>
      <ol className="provenance">
        {record.actions.map((a, i) => (
          <li key={i}>
            {a.type === 'compose' && t('prov.compose', { works: new Intl.ListFormat(lang, { type: 'conjunction' }).format(a.workIds.map(title)) })}
            {a.type === 'draw' && t('prov.draw', { n: a.strokes })}
            {a.type === 'remix' && (
              <>
                {t('prov.remix', {
                  model: `${a.model.id} ${a.model.version}`,
                  style: typeof a.params.styleWorkId === 'string' ? title(a.params.styleWorkId) : '—',
                  strength: typeof a.params.strength === 'number' ? Math.round(a.params.strength * 100) : '—',
                })}
                {a.model.licence && <ModelLicence licence={a.model.licence} />}
                <details>
                  <summary>{t('prov.details')}</summary>
                  <dl className="hashes">
                    {a.model.files.map((f) => (
                      <div key={f.name}>
                        <dt>{f.name}</dt>
                        <dd>
                          <code>{f.sha256}</code>
                        </dd>
                      </div>
                    ))}
                    <div>
                      <dt>{t('prov.input')}</dt>
                      <dd>
                        <code>{a.inputSha256}</code>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('prov.output')}</dt>
                      <dd>
                        <code>{a.outputSha256}</code>
                      </dd>
                    </div>
                  </dl>
                </details>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="muted small">
        {t('prov.created', { date: new Date(record.createdAt).toLocaleDateString() })} · sha256 <code>{record.output.sha256.slice(0, 16)}…</code>
      </p>
    </section>
  );
}

/**
 * The licence of the model that made a remix, with a visible mark when it is non-commercial or states none.
 * Records published before licences were recorded have none, and show no line rather than a guess.
 */
function ModelLicence({ licence }: { licence: NonNullable<ModelRef['licence']> }) {
  const { t } = useI18n();
  // A null SPDX id means no licence is stated (the manifest schema's rule), so it gets that mark even without the flag.
  const marks: ModelLicenceFlag[] = licence.spdx || licence.flags.includes('licence_not_stated') ? licence.flags : [...licence.flags, 'licence_not_stated'];
  return (
    <div className="small" data-testid="prov-model-licence">
      {t('prov.modelLicence')}
      {licence.spdx && (
        <>
          {' '}
          {licence.uri ? (
            <a href={licence.uri} rel="noopener noreferrer" target="_blank" data-testid="prov-model-licence-link">
              {licence.spdx}
            </a>
          ) : (
            licence.spdx
          )}
        </>
      )}
      {marks.map((m) => (
        <span key={m}>
          {' '}
          <strong className="licence-badge" data-testid={`prov-licence-mark-${m}`}>
            {m === 'non_commercial' ? t('prov.nonCommercial') : t('prov.noLicence')}
          </strong>
        </span>
      ))}
    </div>
  );
}
