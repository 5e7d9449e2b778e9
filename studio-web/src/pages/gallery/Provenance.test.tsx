import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Provenance as ProvenanceRecord } from '@atelier/contracts/creation.schema';
import type { ModelRef } from '@atelier/contracts/model.schema';
import { I18nProvider } from '../../i18n';
import { Provenance } from './Provenance';

const model = (id: string, licence?: ModelRef['licence']): ModelRef => ({
  id,
  version: '1.0.0',
  files: [{ name: 'model.onnx', sha256: 'a'.repeat(64) }],
  ...(licence ? { licence } : {}),
});

const record = (...models: ModelRef[]): ProvenanceRecord => ({
  schemaVersion: 1,
  creationId: 'c1',
  createdAt: '2026-05-04T10:00:00Z',
  output: { sha256: 'e'.repeat(64), width: 640, height: 480, bytes: 1234, mediaType: 'image/png' },
  ingredients: [
    {
      workId: 'w1',
      role: 'style',
      title: 'The Dunes',
      creator: null,
      institution: null,
      landingUrl: null,
      licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/',
      credit: 'credit',
    },
  ],
  actions: models.map((m, i) => ({
    type: 'remix' as const,
    remixId: `r${i}`,
    model: m,
    params: { styleWorkId: 'w1', strength: 0.5 },
    inputSha256: 'b'.repeat(64),
    outputSha256: 'c'.repeat(64),
  })),
  licence: { id: 'by', uri: 'https://creativecommons.org/licenses/by/4.0/' },
  creditLine: 'line',
});

const APACHE = { spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] };
const NC = { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial' as const] };
const UNSTATED = { spdx: null, uri: null, flags: ['licence_not_stated' as const] };

const renderRecord = (r: ProvenanceRecord, lang: 'en' | 'nl' = 'en') =>
  render(
    <I18nProvider lang={lang}>
      <Provenance record={r} />
    </I18nProvider>,
  );

describe("Provenance: the model's licence", () => {
  it('names the licence by its SPDX id, linked to its text, with no mark for an open licence', () => {
    renderRecord(record(model('magenta-arbitrary-style', APACHE)));
    expect(screen.getByTestId('prov-model-licence').textContent).toBe('Model licence: Apache-2.0');
    expect(screen.getByTestId('prov-model-licence-link').getAttribute('href')).toBe(APACHE.uri);
    expect(screen.queryByTestId('prov-licence-mark-non_commercial')).toBeNull();
    expect(screen.queryByTestId('prov-licence-mark-licence_not_stated')).toBeNull();
  });

  it('marks a non-commercial model and a model with no licence stated, each on its own remix', () => {
    renderRecord(record(model('whitebox-cartoonizer', NC), model('fast-neural-style-nc16', UNSTATED)));
    const [nc, unstated] = screen.getAllByTestId('prov-model-licence');
    expect(nc!.textContent).toBe('Model licence: CC-BY-NC-SA-4.0 non-commercial');
    expect(screen.getByTestId('prov-model-licence-link').getAttribute('href')).toBe(NC.uri);
    expect(screen.getByTestId('prov-licence-mark-non_commercial').textContent).toBe('non-commercial');
    // No licence: the mark is the whole statement, with nothing to link to.
    expect(unstated!.textContent).toBe('Model licence: no licence stated');
    expect(unstated!.querySelector('a')).toBeNull();
    expect(screen.getByTestId('prov-licence-mark-licence_not_stated').textContent).toBe('no licence stated');
  });

  it('says it in Dutch', () => {
    renderRecord(record(model('whitebox-cartoonizer', NC), model('fast-neural-style-nc16', UNSTATED)), 'nl');
    const [nc, unstated] = screen.getAllByTestId('prov-model-licence');
    expect(nc!.textContent).toBe('Licentie van het model: CC-BY-NC-SA-4.0 niet-commercieel');
    expect(unstated!.textContent).toBe('Licentie van het model: geen licentie vermeld');
  });

  it('treats a null SPDX id as no licence stated even without the flag', () => {
    renderRecord(record(model('x', { spdx: null, uri: null, flags: [] })));
    expect(screen.getByTestId('prov-licence-mark-licence_not_stated')).toBeTruthy();
  });

  it('renders a record published before licences were recorded, without a licence line', () => {
    renderRecord(record(model('magenta-arbitrary-style')));
    expect(screen.getByTestId('creation-provenance').textContent).toContain('Remixed by the model magenta-arbitrary-style 1.0.0');
    expect(screen.queryByTestId('prov-model-licence')).toBeNull();
    expect(screen.queryByTestId('prov-licence-mark-non_commercial')).toBeNull();
  });
});
