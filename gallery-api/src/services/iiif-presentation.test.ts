import { describe, expect, it } from 'vitest';
import { iiifProblems } from '../testing/iiif-rules';
import { creation, id, provenance } from '../testing/creation-fixture';
import { buildCreationManifest, buildGalleryCollection, iiifRights } from './iiif-presentation';

const opts = { baseUrl: 'https://atelier.museum.example/', studioName: 'Studio X' };
const base = `https://atelier.museum.example/api/gallery/creations/${id}`;

describe('the IIIF Presentation 3 manifest of a creation', () => {
  const manifest = buildCreationManifest(creation, opts);

  it('follows the Presentation 3 rules', () => {
    expect(iiifProblems(manifest)).toEqual([]);
  });

  it('names it in Dutch and English, credits it, states its licence and links its page, JSON-LD and gallery', () => {
    expect(manifest).toMatchObject({
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: `${base}/manifest.json`,
      type: 'Manifest',
      label: { en: ['Dune remix'], nl: ['Dune remix'] },
      summary: { en: ['Dunes in orange.'], nl: ['Dunes in orange.'] },
      requiredStatement: {
        label: { en: ['Attribution'], nl: ['Naamsvermelding'] },
        value: { en: [provenance.creditLine], nl: [expect.stringMatching(/^“Dune remix” door een bezoeker van Studio X, 2026\./)] },
      },
      // Presentation 3 takes the canonical http form of a Creative Commons URI.
      rights: 'http://creativecommons.org/licenses/by/4.0/',
      provider: [{ type: 'Agent', label: { en: ['Studio X'], nl: ['Studio X'] } }],
      homepage: [{ id: `https://atelier.museum.example/gallery/${id}`, type: 'Text', format: 'text/html' }],
      seeAlso: [{ id: `${base}/provenance.jsonld`, type: 'Dataset', format: 'application/ld+json' }],
      partOf: [{ id: 'https://atelier.museum.example/api/gallery/iiif/collection.json', type: 'Collection' }],
    });
  });

  it('paints the image on one canvas of its size', () => {
    const [canvas] = manifest.items as { width: number; height: number; items: { items: { body: unknown; target: string }[] }[] }[];
    expect(canvas).toMatchObject({ width: 640, height: 480 });
    expect(canvas!.items[0]!.items[0]).toMatchObject({ body: { id: `${base}/image/full`, type: 'Image', format: 'image/png', width: 640, height: 480 } });
  });

  it('links each source work once to its page at the holding institution, and says where one without a page is', () => {
    const [basedOn] = manifest.metadata as { label: unknown; value: Record<string, string[]> }[];
    expect(basedOn!.label).toEqual({ en: ['Based on'], nl: ['Gebaseerd op'] });
    expect(basedOn!.value.en).toHaveLength(2);
    expect(basedOn!.value.en![0]).toMatch(/^<a href="https:\/\/m\.example\/a">.*Dunes/);
    expect(basedOn!.value.nl![0]).toMatch(/Duinen/);
    expect(basedOn!.value.en![1]).not.toMatch(/<a /);
  });

  it("links each source work's own IIIF manifest, where it has one, in seeAlso and beside its credit, and stays valid", () => {
    const ingredients = provenance.ingredients.map((i, n) => (n === 0 ? { ...i, iiifManifest: 'https://m.example/iiif/a/manifest.json' } : i));
    const linked = buildCreationManifest({ ...creation, provenance: { ...provenance, ingredients } }, opts);
    expect(iiifProblems(linked)).toEqual([]);
    expect(linked.seeAlso).toEqual([
      expect.objectContaining({ id: `${base}/provenance.jsonld` }),
      {
        id: 'https://m.example/iiif/a/manifest.json',
        type: 'Dataset',
        format: 'application/ld+json',
        label: { en: [expect.stringMatching(/^IIIF manifest of .*Dunes/)], nl: [expect.stringMatching(/^IIIF-manifest van .*Duinen/)] },
      },
    ]);
    const [basedOn] = linked.metadata as { value: Record<string, string[]> }[];
    expect(basedOn!.value.en![0]).toMatch(/<a href="https:\/\/m\.example\/iiif\/a\/manifest\.json">IIIF<\/a>/);
    expect(basedOn!.value.en![1]).not.toMatch(/IIIF/);
  });

  it('escapes what visitors and museums wrote, and names no internal host', () => {
    const ingredients = provenance.ingredients.map((i) => ({ ...i, title: '<img src=x onerror=alert(1)>', titles: undefined }));
    const sneaky = buildCreationManifest({ ...creation, provenance: { ...provenance, ingredients } }, opts);
    expect(JSON.stringify(sneaky.metadata)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(JSON.stringify(sneaky.metadata)).not.toMatch(/<img/);
    expect(JSON.stringify(manifest)).not.toMatch(/localhost|127\.0\.0\.1|:4000/);
  });
});

describe('the gallery as an IIIF Collection', () => {
  it('lists each approved creation as a manifest with its label and thumbnail, and is valid empty too', () => {
    const collection = buildGalleryCollection([creation], opts);
    expect(iiifProblems(collection)).toEqual([]);
    expect(collection).toMatchObject({
      id: 'https://atelier.museum.example/api/gallery/iiif/collection.json',
      type: 'Collection',
      label: { en: ['Studio X: Gallery'], nl: ['Studio X: Galerij'] },
      items: [{ id: `${base}/manifest.json`, type: 'Manifest', label: { en: ['Dune remix'] }, thumbnail: [{ id: `${base}/image/thumb` }] }],
    });
    expect(iiifProblems(buildGalleryCollection([], opts))).toEqual([]);
  });
});

describe('the rules checker', () => {
  it('finds what breaks Presentation 3', () => {
    const manifest = buildCreationManifest(creation, opts) as Record<string, unknown>;
    expect(iiifProblems({ ...manifest, label: 'Dune remix' })).toContain('resource.label: must be a non-empty language map');
    expect(iiifProblems({ ...manifest, rights: 'https://creativecommons.org/licenses/by/4.0/' })).toEqual([
      'resource.rights: must be a Creative Commons or RightsStatements.org URI (http)',
    ]);
    expect(iiifProblems({ ...manifest, items: [] })).toContain('resource.items: must not be empty');
    expect(iiifProblems({ ...manifest, id: '/relative' })).toContain('resource.id: must be an http(s) URI, got "/relative"');
  });

  it('maps rights to the canonical http form, and leaves other URIs alone', () => {
    expect(iiifRights('https://creativecommons.org/publicdomain/zero/1.0/')).toBe('http://creativecommons.org/publicdomain/zero/1.0/');
    expect(iiifRights('https://rightsstatements.org/vocab/NoC-US/1.0/')).toBe('http://rightsstatements.org/vocab/NoC-US/1.0/');
  });
});
