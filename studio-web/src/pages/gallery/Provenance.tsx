import type { Provenance as ProvenanceRecord } from '../../api/types';
import { useI18n } from '../../i18n';

/** The provenance record in words; hashes stay available for the curious in a disclosure. */
export function Provenance({ record }: { record: ProvenanceRecord }) {
  const { t } = useI18n();
  const title = (id: string) => record.ingredients.find((i) => i.workId === id)?.title ?? id;
  return (
    <section aria-labelledby="prov-title" data-testid="creation-provenance">
      <h2 id="prov-title">{t('creation.howMade')}</h2>
      <ol className="provenance">
        {record.actions.map((a, i) => (
          <li key={i}>
            {a.type === 'compose' && t('prov.compose', { works: a.workIds.map(title).join(', ') })}
            {a.type === 'draw' && t('prov.draw', { n: a.strokes })}
            {a.type === 'remix' && (
              <>
                {t('prov.remix', {
                  model: `${a.model.id} ${a.model.version}`,
                  style: typeof a.params.styleWorkId === 'string' ? title(a.params.styleWorkId) : '—',
                  strength: typeof a.params.strength === 'number' ? Math.round(a.params.strength * 100) : '—',
                })}
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
