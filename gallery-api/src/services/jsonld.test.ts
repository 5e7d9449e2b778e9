import { describe, expect, it } from 'vitest';
import { workCredit } from '@atelier/contracts/credit';
import { creation, dunes, id, provenance, tile } from '../testing/creation-fixture';
import { buildCreationJsonLd } from './jsonld';

describe('buildCreationJsonLd', () => {
  const ld = buildCreationJsonLd(creation, { baseUrl: 'https://atelier.example/', studioName: 'Studio X' });

  it('is a schema.org VisualArtwork with licence, credit, date, image and sha256', () => {
    const base = `https://atelier.example/api/gallery/creations/${id}`;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'VisualArtwork',
      '@id': base,
      name: 'Dune remix',
      description: 'Dunes in orange.',
      image: `${base}/image/full`,
      contentUrl: `${base}/image/full`,
      thumbnailUrl: `${base}/image/thumb`,
      encodingFormat: 'image/png',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      creditText: [
        { '@language': 'en', '@value': provenance.creditLine },
        { '@language': 'nl', '@value': expect.stringMatching(/^“Dune remix” door een bezoeker van Studio X, 2026\. Gebaseerd op: /) },
      ],
      dateCreated: '2026-03-01T12:00:00.000Z',
      creator: { '@type': 'Person', name: 'a visitor of Studio X' },
      identifier: { '@type': 'PropertyValue', propertyID: 'sha256', value: 'e'.repeat(64) },
    });
  });

  it('lists each source work once in isBasedOn, with its page when known', () => {
    expect(ld.isBasedOn).toEqual([
      {
        '@type': 'VisualArtwork',
        '@id': 'https://m.example/a',
        url: 'https://m.example/a',
        sameAs: 'https://m.example/a',
        name: [
          { '@language': 'en', '@value': 'Dunes' },
          { '@language': 'nl', '@value': 'Duinen' },
        ],
        creator: { '@type': 'Person', name: 'Jacob van Ruisdael' },
        provider: { '@type': 'Organization', name: 'Rijksmuseum' },
        license: 'https://creativecommons.org/publicdomain/zero/1.0/',
        creditText: [
          { '@language': 'en', '@value': workCredit(dunes, 'en') },
          { '@language': 'nl', '@value': workCredit(dunes, 'nl') },
        ],
      },
      {
        '@type': 'VisualArtwork',
        name: 'Anonymous tile',
        license: 'https://creativecommons.org/licenses/by/4.0/',
        creditText: [
          { '@language': 'en', '@value': workCredit(tile, 'en') },
          { '@language': 'nl', '@value': workCredit(tile, 'nl') },
        ],
      },
    ]);
  });

  it('names each model as a SoftwareApplication instrument with version and file hashes', () => {
    expect(ld.instrument).toEqual([
      {
        '@type': 'SoftwareApplication',
        name: 'magenta-arbitrary-style',
        softwareVersion: '1.0.0',
        identifier: [{ '@type': 'PropertyValue', propertyID: 'sha256', name: 'predict.onnx', value: 'a'.repeat(64) }],
      },
    ]);
  });

  it('gives each model its own licence when the record has one, and none when its weights state none', () => {
    const withModelLicence = (licence: unknown) => ({
      ...creation,
      provenance: {
        ...provenance,
        actions: provenance.actions.map((a) => (a.type === 'remix' ? { ...a, model: { ...a.model, ...(licence as object) } } : a)),
      },
    });
    const opts = { baseUrl: 'https://a.example', studioName: 'S' };
    const nc = buildCreationJsonLd(
      withModelLicence({ licence: { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial'] } }),
      opts,
    );
    expect(nc.instrument).toEqual([
      expect.objectContaining({ name: 'magenta-arbitrary-style', license: 'https://creativecommons.org/licenses/by-nc-sa/4.0/' }),
    ]);
    const unstated = buildCreationJsonLd(withModelLicence({ licence: { spdx: null, uri: null, flags: ['licence_not_stated'] } }), opts);
    expect((unstated.instrument as object[])[0]).not.toHaveProperty('license');
  });

  it('leaves out description and instrument when there are none', () => {
    const plain = buildCreationJsonLd(
      { ...creation, altText: null, provenance: { ...provenance, actions: [] } },
      { baseUrl: 'https://a.example', studioName: 'S' },
    );
    expect(plain).not.toHaveProperty('description');
    expect(plain).not.toHaveProperty('instrument');
  });
});
