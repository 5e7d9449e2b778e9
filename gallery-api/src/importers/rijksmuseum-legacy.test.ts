/**
 * Issue 15, defect 2 for the Rijksmuseum: the older Collection API's shape (`artObjects`, collections.md §3b) is read,
 * an unknown shape is an error, and an object with no EDM record takes its image's licence from its own Linked Art
 * rights statements, never from the record's CC0 (the metadata's licence).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { harvestAll, memoryFetcher } from './importer.test-support';
import { legacyCulture } from './rijksmuseum-legacy';
import { imageRights, linkedArtWork, type HumanMadeObject } from './rijksmuseum-linked-art';
import { rijksmuseumImporter } from './rijksmuseum.importer';
import { UnexpectedAnswerError } from './source-records';

const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';

/** Two objects as the legacy search answers them (fields of collections.md §3b), one not downloadable. */
const legacyPage = {
  elapsedMilliseconds: 12, count: 2,
  artObjects: [
    {
      links: { self: 'https://www.rijksmuseum.nl/api/nl/collection/SK-C-5', web: 'https://www.rijksmuseum.nl/nl/collectie/SK-C-5' },
      id: 'nl-SK-C-5', objectNumber: 'SK-C-5', title: 'De Nachtwacht', hasImage: true, principalOrFirstMaker: 'Rembrandt van Rijn',
      longTitle: 'De Nachtwacht, Rembrandt van Rijn, 1642', showImage: true, permitDownload: true,
      webImage: { guid: 'x', width: 5000, height: 4000, url: 'https://lh3.googleusercontent.com/nachtwacht' }, productionPlaces: ['Amsterdam'],
    },
    {
      id: 'nl-BK-1', objectNumber: 'BK-1', title: 'Stoel', principalOrFirstMaker: 'Gerrit Rietveld', longTitle: 'Stoel, Gerrit Rietveld, ca. 1918 - ca. 1923',
      permitDownload: false, webImage: { width: 800, height: 1200, url: 'https://lh3.googleusercontent.com/stoel' }, links: { web: 'https://www.rijksmuseum.nl/nl/collectie/BK-1' },
    },
    { id: 'nl-broken', title: 'No object number' },
  ],
};

describe('the older Collection API (artObjects)', () => {
  it('is read at a base ending in /api/nl or /api/en, with the key, as PDM when downloadable, titles in that language', async () => {
    expect(legacyCulture('https://www.rijksmuseum.nl/api/nl')).toBe('nl');
    expect(legacyCulture('https://data.rijksmuseum.nl')).toBeNull();
    const { http, asked } = memoryFetcher({ '/api/nl/collection': legacyPage });
    const { candidates, reported } = await harvestAll(rijksmuseumImporter, http, { baseUrl: 'https://www.rijksmuseum.nl/api/nl', apiKey: 'k3y' });
    expect(new URL(asked[0]!, 'https://x').searchParams.get('key')).toBe('k3y');
    expect(candidates[0]).toMatchObject({
      source: 'rijksmuseum', sourceId: 'SK-C-5', title: 'De Nachtwacht', titles: { nl: 'De Nachtwacht' }, creator: 'Rembrandt van Rijn', dateDisplay: '1642', dateStart: 1642,
      licence: PDM, landingUrl: 'https://www.rijksmuseum.nl/nl/collectie/SK-C-5', imageUrl: 'https://lh3.googleusercontent.com/nachtwacht', pixelWidth: 5000, pixelHeight: 4000,
    });
    expect(candidates[1]).toMatchObject({ sourceId: 'BK-1', licence: null, refusal: expect.stringContaining('permitDownload: false'), image: null, dateStart: 1918, dateEnd: 1923 });
    expect(reported).toEqual([{ sourceId: 'nl-broken', reason: 'the record has no objectNumber, so it cannot be matched on a later import' }]);
  });

  it('is read when a search endpoint answers in its shape', async () => {
    const { http } = memoryFetcher({ '/rijks/search/collection': legacyPage });
    const { candidates } = await harvestAll(rijksmuseumImporter, http, { baseUrl: 'http://mirror.local/rijks', query: 'nachtwacht' });
    expect(candidates.map((c) => c.sourceId)).toEqual(['SK-C-5', 'BK-1']);
  });

  it('a search answer of neither shape is an error naming both, not "imported 0"', async () => {
    const { http } = memoryFetcher({ '/rijks/search/collection': { results: [{ id: 'https://id.rijksmuseum.nl/1' }], total: 1 } });
    const run = harvestAll(rijksmuseumImporter, http, { baseUrl: 'http://mirror.local/rijks', query: 'x' });
    await expect(run).rejects.toBeInstanceOf(UnexpectedAnswerError);
    await expect(harvestAll(rijksmuseumImporter, http, { baseUrl: 'http://mirror.local/rijks', query: 'x' })).rejects.toThrow(/orderedItems.*artObjects/);
  });
});

describe('Linked Art rights when there is no EDM record', () => {
  const hmo = (): HumanMadeObject => JSON.parse(readFileSync(resolve(REPO_ROOT, '../shared/collection-fixtures/rijksmuseum/linked-art-hmo-200117708-rembrandt-three-scribes.json'), 'utf8'));

  it("never takes the record's CC0 (subject_of) for the image's licence", () => {
    expect(imageRights(hmo(), null, null)).toBeNull();
  });

  it("takes the digital image's rights, else the visual item's, else the object's own", () => {
    const right = (uri: string) => ({ subject_to: [{ type: 'Right', classified_as: [{ id: uri, type: 'Type' }] }] });
    const statement = (uri: string) => ({ referred_to_by: [{ id: uri, type: 'LinguisticObject', classified_as: [{ id: 'http://vocab.getty.edu/aat/300055547', type: 'Type' }] }] });
    const withObjectRights = { ...hmo(), ...right('http://creativecommons.org/publicdomain/mark/1.0/') };
    expect(imageRights(withObjectRights, null, null)).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
    expect(imageRights(withObjectRights, { type: 'VisualItem', ...statement('http://rightsstatements.org/vocab/InC/1.0/') }, null)).toBe('http://rightsstatements.org/vocab/InC/1.0/');
    expect(imageRights(withObjectRights, { type: 'VisualItem' }, { type: 'DigitalObject', ...right('https://creativecommons.org/publicdomain/zero/1.0/') })).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(linkedArtWork(withObjectRights).rights).toBe('http://creativecommons.org/publicdomain/mark/1.0/');
  });

  it('imports a searched object without EDM from its Linked Art, licence included', async () => {
    const object = { ...hmo(), subject_to: [{ type: 'Right', classified_as: [{ id: 'http://creativecommons.org/publicdomain/mark/1.0/' }] }] };
    const { http } = memoryFetcher({
      '/rijks/search/collection': { type: 'OrderedCollectionPage', orderedItems: [{ id: 'https://id.rijksmuseum.nl/200117708', type: 'HumanMadeObject' }] },
      '/rijks/oai': '<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="idDoesNotExist">No such record</error></OAI-PMH>',
      '/rijks/id/200117708': object,
      '/rijks/id/202117708': { id: 'https://id.rijksmuseum.nl/202117708', type: 'VisualItem', digitally_shown_by: [{ type: 'DigitalObject', access_point: [{ id: 'https://iiif.micr.io/SYNTHscribes/full/max/0/default.jpg' }] }] },
    });
    const { candidates, reported } = await harvestAll(rijksmuseumImporter, http, { baseUrl: 'http://mirror.local/rijks', query: 'scribes' });
    expect(reported).toEqual([]);
    expect(candidates[0]).toMatchObject({
      sourceId: '200117708', title: 'Three Scribes', titles: { en: 'Three Scribes', nl: 'Drie schriftgeleerden onder een gordijn' },
      licence: 'http://creativecommons.org/publicdomain/mark/1.0/', iiifService: 'https://iiif.micr.io/SYNTHscribes',
      rightsStatement: 'Linked Art rights statement: http://creativecommons.org/publicdomain/mark/1.0/',
    });
  });
});
