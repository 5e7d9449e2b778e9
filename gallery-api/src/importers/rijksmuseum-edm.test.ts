import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateLicence } from '@atelier/contracts/licences';
import { REPO_ROOT } from '../config';
import { parseOaiPage } from './oai-pmh';
import { inLanguage, readEdm } from './rijksmuseum-edm';

const page = (n: number) => parseOaiPage(readFileSync(resolve(REPO_ROOT, `tests/integration/fixtures/rijksmuseum/oai-list-records-page-${n}.xml`), 'utf8'));
const record = (n: number, id: string) => readEdm(page(n).records.find((r) => r.identifier.endsWith(id))!.metadata);
const rdf = (inner: string) => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${inner}</rdf:RDF>`;

describe('Rijksmuseum EDM records (synthetic, shapes of collections.md §3a)', () => {
  it('reads titles per language, a creator given by reference to an edm:Agent, the image and its rights', () => {
    const w = record(1, '200117708');
    expect(w).toMatchObject({
      objectUri: 'https://id.rijksmuseum.nl/200117708', objectNumber: 'RP-T-1930-54(V)', creators: ['Rembrandt van Rijn'],
      rights: 'http://creativecommons.org/publicdomain/mark/1.0/', isShownBy: 'https://iiif.micr.io/SYNTHscribes/full/max/0/default.jpg',
      isShownAt: 'https://www.rijksmuseum.nl/en/collection/RP-T-1930-54(V)', dataProvider: 'Rijksmuseum', width: 4160, height: 5320,
    });
    expect(inLanguage(w.titles, 'en')).toBe('Three Scribes');
    expect(inLanguage(w.titles, 'nl')).toBe('Drie schriftgeleerden onder een gordijn');
    expect(inLanguage(w.dates, 'en')).toBe('c. 1628 - c. 1629');
  });

  it('reads inline agents, CDATA descriptions and entities', () => {
    const w = record(1, '200100002');
    expect(w.creators).toEqual(['Salomon van Ruysdael']);
    expect(inLanguage(w.titles, 'en')).toBe('River View with Ferry & Cattle');
    expect(inLanguage(w.descriptions, 'en')).toBe('A ferry <crosses> the river.');
    expect(evaluateLicence(w.rights)).toMatchObject({ accepted: true, licence: { family: 'cc0' } });
  });

  it('gives in-copyright and missing rights as they are, for the import service to refuse', () => {
    expect(record(1, '200100003')).toMatchObject({ rights: 'http://rightsstatements.org/vocab/InC/1.0/', rightsText: '© the artist\'s estate', creators: ['Anonymous twentieth-century designer'] });
    expect(evaluateLicence(record(1, '200100003').rights)).toMatchObject({ accepted: false, code: 'in_copyright' });
    expect(record(2, '200100004').rights).toBeNull();
    expect(evaluateLicence(null)).toMatchObject({ accepted: false, code: 'missing' });
  });

  it('finds a ProvidedCHO written inside edm:aggregatedCHO, and no image when isShownBy is absent', () => {
    expect(record(2, '200100001')).toMatchObject({ objectUri: 'https://id.rijksmuseum.nl/200100001', isShownBy: null, rights: 'https://creativecommons.org/publicdomain/mark/1.0/' });
  });

  it("lets the image's own web resource rights override the aggregation's", () => {
    const w = readEdm(rdf(`
      <edm:ProvidedCHO rdf:about="https://id.rijksmuseum.nl/1"/>
      <ore:Aggregation>
        <edm:isShownBy><edm:WebResource rdf:about="https://iiif.micr.io/a/full/max/0/default.jpg">
          <edm:rights rdf:resource="http://rightsstatements.org/vocab/InC/1.0/"/>
        </edm:WebResource></edm:isShownBy>
        <edm:rights rdf:resource="http://creativecommons.org/publicdomain/mark/1.0/"/>
      </ore:Aggregation>`));
    expect(w).toMatchObject({ isShownBy: 'https://iiif.micr.io/a/full/max/0/default.jpg', rights: 'http://rightsstatements.org/vocab/InC/1.0/' });

    const onlyAggregation = readEdm(rdf(`
      <ore:Aggregation><edm:aggregatedCHO rdf:resource="https://id.rijksmuseum.nl/2"/>
        <edm:rights rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/></ore:Aggregation>`));
    expect(onlyAggregation).toMatchObject({ objectUri: 'https://id.rijksmuseum.nl/2', rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
  });
});
