import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { rijksEndpoints, sourceIdOf } from './rijksmuseum.importer';
import { linkedArtWork, micrioService, visualItemImage, type HumanMadeObject } from './rijksmuseum-linked-art';

const shared = (p: string) => JSON.parse(readFileSync(resolve(REPO_ROOT, '../shared/collection-fixtures/rijksmuseum', p), 'utf8')) as HumanMadeObject;
const synthetic = (p: string) => JSON.parse(readFileSync(resolve(REPO_ROOT, 'tests/integration/fixtures/rijksmuseum', p), 'utf8')) as HumanMadeObject;

describe('Linked Art HumanMadeObject mapping', () => {
  it('maps the real resolver record of Rembrandt, Three Scribes (200117708)', () => {
    expect(linkedArtWork(shared('linked-art-hmo-200117708-rembrandt-three-scribes.json'))).toEqual({
      uri: 'https://id.rijksmuseum.nl/200117708',
      objectNumber: 'RP-T-1930-54(V)',
      titleEn: 'Three Scribes',
      titleNl: 'Drie schriftgeleerden onder een gordijn',
      creator: 'Rembrandt van Rijn',
      dateDisplay: 'c. 1628 - c. 1629',
      dateStart: 1628,
      dateEnd: 1629,
      medium: 'pen and brown ink, with brown wash and opaque white',
      landingUrl: 'https://www.rijksmuseum.nl/nl/collectie/object/RP-T-1930-54(V)--fd59b34d66487dc82649b7c76502ad4b',
      visualItem: 'https://id.rijksmuseum.nl/202117708',
      // The record's CC0 (subject_of) is the metadata's licence: the object states no rights of its own here.
      rights: null,
      descriptionEn: null,
      descriptionNl: null,
    });
  });

  it('prefers the preferred title, names makers by _label or any notation, and reads the range', () => {
    expect(linkedArtWork(synthetic('linked-art-hmo-200100001.json'))).toMatchObject({
      titleEn: 'Still Life with Flowers', titleNl: 'Stilleven met bloemen', creator: 'Rachel Ruysch; Jan van Huysum',
      dateStart: 1700, dateEnd: 1710, objectNumber: 'SYNTH-PDM-1', landingUrl: 'https://www.rijksmuseum.nl/en/collection/SYNTH-PDM-1',
    });
  });

  it('survives a nearly empty record', () => {
    expect(linkedArtWork({ id: 'https://id.rijksmuseum.nl/1', type: 'HumanMadeObject' })).toMatchObject({
      titleEn: null, titleNl: null, creator: null, dateStart: null, dateEnd: null, landingUrl: null, visualItem: null,
    });
  });
});

describe('images and addresses', () => {
  it('reads the image of a VisualItem with an inline DigitalObject', () => {
    expect(visualItemImage({ digitally_shown_by: [{ type: 'DigitalObject', access_point: [{ id: 'https://iiif.micr.io/x/full/max/0/default.jpg' }] }] }))
      .toBe('https://iiif.micr.io/x/full/max/0/default.jpg');
    expect(visualItemImage({ digitally_shown_by: [{ id: 'https://id.rijksmuseum.nl/3', type: 'DigitalObject' }] })).toBeNull();
  });

  it('turns micr.io image URLs (and mirrors of them) into the IIIF service base, and nothing else', () => {
    expect(micrioService('https://iiif.micr.io/PJEZO/full/max/0/default.jpg')).toBe('https://iiif.micr.io/PJEZO');
    expect(micrioService('https://iiif.micr.io/PJEZO/info.json')).toBe('https://iiif.micr.io/PJEZO');
    expect(micrioService('https://iiif.micr.io/PJEZO')).toBe('https://iiif.micr.io/PJEZO');
    expect(micrioService('http://127.0.0.1:9/img/iiif.micr.io/PJEZO/full/max/0/default.jpg')).toBe('http://127.0.0.1:9/img/iiif.micr.io/PJEZO');
    expect(micrioService('https://lh3.googleusercontent.com/abc=s0')).toBeNull();
    expect(micrioService(null)).toBeNull();
  });

  it('maps the three services onto one mirror base, and leaves the real hosts alone', () => {
    const real = rijksEndpoints('https://data.rijksmuseum.nl');
    expect([real.search, real.oai, real.resolve('https://id.rijksmuseum.nl/200117708')]).toEqual([
      'https://data.rijksmuseum.nl/search/collection', 'https://data.rijksmuseum.nl/oai', 'https://id.rijksmuseum.nl/200117708',
    ]);
    const mirror = rijksEndpoints('http://mirror.example/rijks/');
    expect([mirror.search, mirror.oai, mirror.resolve('https://id.rijksmuseum.nl/200117708')]).toEqual([
      'http://mirror.example/rijks/search/collection', 'http://mirror.example/rijks/oai', 'http://mirror.example/rijks/id/200117708',
    ]);
    expect(sourceIdOf('https://id.rijksmuseum.nl/200117708/')).toBe('200117708');
  });

  it('reads description statements per language (issue 15, defect 7)', () => {
    const statement = (content: string, lang: string) => ({
      type: 'LinguisticObject', content,
      classified_as: [{ id: 'http://vocab.getty.edu/aat/300435416', type: 'Type' }],
      language: [{ id: `http://vocab.getty.edu/aat/${lang}`, type: 'Language' }],
    });
    const hmo = { ...shared('linked-art-hmo-200117708-rembrandt-three-scribes.json'), referred_to_by: [statement('Drie mannen schrijven.', '300388256'), statement('Three men writing.', '300388277')] };
    expect(linkedArtWork(hmo)).toMatchObject({ descriptionEn: 'Three men writing.', descriptionNl: 'Drie mannen schrijven.' });
  });
});
