import { describe, expect, it } from 'vitest';
import { workCredit } from '@atelier/contracts/credit';
import {
  ACTIONS_ASSERTION,
  COMPOSITE_WITH_AI,
  CREATION_ASSERTION,
  CREATIVE_WORK_ASSERTION,
  IPTC_SOURCE,
  PLACED_IMAGES,
  WORKS_ASSERTION,
  buildC2paManifest,
} from './c2pa-manifest';
import { buildProvenance, type ProvenanceInput } from './provenance';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const harvesters = { title: 'The Harvesters', creator: 'Bruegel', institution: 'The Met', landingUrl: 'https://museum.example/h', licenceUri: CC0 };
const milkmaid = { ...harvesters, title: 'The Milkmaid', creator: 'Johannes Vermeer', institution: 'Rijksmuseum', landingUrl: null };

const input: ProvenanceInput = {
  creationId: '11111111-1111-4111-8111-111111111111',
  createdAt: new Date('2026-03-01T12:00:00Z'),
  output: { sha256: 'e'.repeat(64), width: 640, height: 480, bytes: 1234 },
  ingredients: [
    { workId: 'h', role: 'composed', ...harvesters, credit: workCredit(harvesters, 'en'), imageSha256: 'd'.repeat(64) },
    { workId: 'm', role: 'style', ...milkmaid, credit: workCredit(milkmaid, 'en') },
  ],
  composedWorkIds: ['h'],
  strokes: 4,
  remixes: [
    {
      remixId: 'r1',
      model: { id: 'style-magenta', version: '2.1', files: [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }], licence: { spdx: 'Apache-2.0', uri: null, flags: [] } },
      params: { styleWorkId: 'm' },
      inputSha256: 'b'.repeat(64),
      outputSha256: 'c'.repeat(64),
    },
  ],
  licence: { id: 'by', uri: 'https://creativecommons.org/licenses/by/4.0/' },
  credit: { title: 'Harvest remix', studioName: 'Museum Atelier' },
};
const ctx = { title: 'Harvest remix', studioName: 'Museum Atelier', creationUrl: 'https://atelier.example/api/gallery/creations/1111' };

const assertion = (m: ReturnType<typeof buildC2paManifest>, label: string) => m.assertions.find((a) => a.label === label)?.data as Record<string, unknown>;

describe('buildC2paManifest (from a provenance record)', () => {
  const p = buildProvenance(input);
  const m = buildC2paManifest(p, ctx);

  it('opens with c2pa.created as a composite with trained algorithmic media, then places each work, draws and runs each model', () => {
    const { actions } = assertion(m, ACTIONS_ASSERTION) as { actions: Record<string, unknown>[] };
    expect(actions.map((a) => a.action)).toEqual(['c2pa.created', 'c2pa.placed', 'c2pa.drawing', 'c2pa.edited']);
    expect(actions[0]).toMatchObject({ digitalSourceType: COMPOSITE_WITH_AI, softwareAgent: { name: 'Open Atelier' } });
    expect(actions[1]).toEqual({ action: 'c2pa.placed', parameters: { ingredientIds: ['atelier:composed:h'] } });
    expect(actions[2]).toMatchObject({ parameters: { 'org.openatelier.strokes': 4 } });
    // The model as software agent: its id, version and the sha256 of each of its files.
    expect(actions[3]).toMatchObject({
      digitalSourceType: COMPOSITE_WITH_AI,
      softwareAgent: { name: 'style-magenta', version: '2.1', 'org.openatelier.files': [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }] },
      parameters: { 'org.openatelier.remixId': 'r1', 'org.openatelier.inputSha256': 'b'.repeat(64), 'org.openatelier.modelLicence': 'Apache-2.0' },
    });
  });

  it('names each collection work as an ingredient: title, credit, landing page; a style work is an input to the model', () => {
    expect(m.ingredients).toEqual([
      {
        title: 'The Harvesters',
        format: 'image/jpeg',
        relationship: 'componentOf',
        instance_id: 'atelier:composed:h',
        description: workCredit(harvesters, 'en'),
        informational_URI: harvesters.landingUrl,
      },
      { title: 'The Milkmaid', format: 'image/jpeg', relationship: 'inputTo', instance_id: 'atelier:style:m', description: workCredit(milkmaid, 'en') },
    ]);
  });

  it("carries the creation's licence and credit line as a CreativeWork, each work with its institution and licence", () => {
    expect(assertion(m, CREATIVE_WORK_ASSERTION)).toMatchObject({
      '@type': 'CreativeWork',
      name: 'Harvest remix',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      creditText: p.creditLine,
      isBasedOn: [
        { name: 'The Harvesters', provider: 'The Met', url: harvesters.landingUrl, license: harvesters.licenceUri },
        { name: 'The Milkmaid', provider: 'Rijksmuseum', license: milkmaid.licenceUri },
      ],
    });
  });

  it("keeps everything the record knows of each work, the sha256 of the museum's image file included", () => {
    expect(assertion(m, WORKS_ASSERTION)).toEqual({
      ingredients: [
        expect.objectContaining({ instanceId: 'atelier:composed:h', institution: 'The Met', licenceUri: CC0, imageSha256: 'd'.repeat(64) }),
        expect.not.objectContaining({ imageSha256: expect.anything() }),
      ],
    });
  });

  it('names the exact image files the canvas placed in the ingredient (its format and metadata) and in our assertion', () => {
    const placedImages = [
      { sha256: 'f'.repeat(64), mediaType: 'image/webp', width: 1024, height: 768 },
      { sha256: '9'.repeat(64), mediaType: 'image/jpeg', width: 1024, height: 512, region: { x: 10, y: 20, w: 400, h: 200 } },
    ];
    const placed = buildC2paManifest(
      buildProvenance({ ...input, ingredients: [{ ...input.ingredients[0]!, placedImages }, input.ingredients[1]!] }),
      ctx,
    );
    expect(placed.ingredients[0]).toMatchObject({ format: 'image/webp', metadata: { [PLACED_IMAGES]: placedImages } });
    expect(placed.ingredients[1]).not.toHaveProperty('metadata');
    expect(assertion(placed, WORKS_ASSERTION)).toEqual({
      ingredients: [expect.objectContaining({ instanceId: 'atelier:composed:h', placedImages }), expect.not.objectContaining({ placedImages: expect.anything() })],
    });
  });

  it('names the studio as claim generator and the creation it is, by id and page', () => {
    expect(m.claim_generator_info).toEqual([{ name: 'Open Atelier', version: expect.any(String), 'org.openatelier.studio': 'Museum Atelier' }]);
    expect(m.title).toBe('Harvest remix');
    expect(assertion(m, CREATION_ASSERTION)).toMatchObject({ creationId: input.creationId, url: ctx.creationUrl, outputSha256: 'e'.repeat(64) });
  });

  it('calls works without a model a composite, and strokes alone a digital creation', () => {
    const sourceOf = (over: Partial<ProvenanceInput>) =>
      ((assertion(buildC2paManifest(buildProvenance({ ...input, ...over }), ctx), ACTIONS_ASSERTION) as { actions: { digitalSourceType?: string }[] })
        .actions[0]!.digitalSourceType);
    expect(sourceOf({ remixes: [] })).toBe(`${IPTC_SOURCE}composite`);
    expect(sourceOf({ remixes: [], ingredients: [], composedWorkIds: [] })).toBe(`${IPTC_SOURCE}digitalCreation`);
  });
});
