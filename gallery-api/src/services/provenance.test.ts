import { describe, expect, it } from 'vitest';
import { workCredit } from '@atelier/contracts/credit';
import { ProvenanceError, buildProvenance, provenanceCredits, readProvenance, type ProvenanceInput, type ProvenanceStep } from './provenance';

const wheatField = {
  title: 'Wheat Field with Cypresses',
  creator: 'Vincent van Gogh',
  date: '1889',
  institution: 'The Metropolitan Museum of Art',
  landingUrl: 'https://www.metmuseum.org/art/collection/search/436535',
  licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/',
  attribution: 'The Metropolitan Museum of Art, Purchase, The Annenberg Foundation Gift, 1993',
};

const input: ProvenanceInput = {
  creationId: '11111111-1111-4111-8111-111111111111',
  createdAt: new Date('2026-03-01T12:00:00Z'),
  output: { sha256: 'e'.repeat(64), width: 640, height: 480, bytes: 1234 },
  ingredients: [
    { workId: 'a', role: 'composed', ...wheatField, credit: workCredit(wheatField, 'en') },
    { workId: 'a', role: 'style', ...wheatField, credit: workCredit(wheatField, 'en') },
  ],
  composedWorkIds: ['a'],
  strokes: 3,
  remixes: [
    {
      remixId: 'r1',
      model: { id: 'm', version: '1', files: [{ name: 'f.onnx', sha256: 'a'.repeat(64) }] },
      params: { styleWorkId: 'a', strength: 0.5 },
      inputSha256: 'b'.repeat(64),
      outputSha256: 'c'.repeat(64),
    },
  ],
  licence: { id: 'by', uri: 'https://creativecommons.org/licenses/by/4.0/' },
  credit: { title: 'Cypress remix', studioName: 'Open Atelier' },
};

describe('buildProvenance', () => {
  it('records schemaVersion 1, the output and the actions in order: compose, draw, remix', () => {
    const p = buildProvenance(input);
    expect(p).toMatchObject({
      schemaVersion: 1,
      creationId: input.creationId,
      createdAt: '2026-03-01T12:00:00.000Z',
      output: { sha256: 'e'.repeat(64), width: 640, height: 480, bytes: 1234, mediaType: 'image/png' },
      licence: input.licence,
    });
    expect(p.actions).toEqual([
      { type: 'compose', workIds: ['a'] },
      { type: 'draw', strokes: 3 },
      { type: 'remix', ...input.remixes[0] },
    ]);
  });

  it('writes the credit line in English from the record itself, each work once and word for word', () => {
    const p = buildProvenance(input);
    expect(p.creditLine).toBe(
      `“Cypress remix” by a visitor of Open Atelier, 2026. Adapted from: ${workCredit(wheatField, 'en')} ` +
        'Changes: combined, drawn on and transformed with AI (m 1) in Open Atelier. ' +
        'To the extent copyright exists, this remix is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
    expect(provenanceCredits(p, input.credit, 'en').creditLine).toBe(p.creditLine);
  });

  it('leaves out actions that did not happen', () => {
    expect(buildProvenance({ ...input, composedWorkIds: [], strokes: 0, remixes: [] }).actions).toEqual([]);
  });

  it('copies its inputs, so later changes to them cannot alter the record', () => {
    const remixes = structuredClone(input.remixes);
    const p = buildProvenance({ ...input, remixes });
    remixes[0]!.params.strength = 1;
    remixes[0]!.model.files.push({ name: 'x', sha256: 'x' });
    expect(p.actions[2]).toMatchObject({ params: { strength: 0.5 }, model: { files: [{ name: 'f.onnx' }] } });
  });
});

describe('provenanceCredits', () => {
  it('answers every credit text in Dutch from the same record', () => {
    const nl = provenanceCredits(buildProvenance(input), input.credit, 'nl');
    expect(nl.ingredients.map((i) => i.credit)).toEqual([workCredit(wheatField, 'nl'), workCredit(wheatField, 'nl')]);
    expect(nl.creditLine).toMatch(/^“Cypress remix” door een bezoeker van Open Atelier, 2026\. Gebaseerd op: /);
    expect(nl.creditLine).toContain(workCredit(wheatField, 'nl'));
  });

  it("names each work by its title in the reader's language, where the record keeps one", () => {
    const titles = { en: 'Wheat Field with Cypresses', nl: 'Korenveld met cipressen' };
    const record = buildProvenance({ ...input, ingredients: input.ingredients.map((i) => ({ ...i, titles })) });
    const nl = provenanceCredits(record, input.credit, 'nl');
    expect(nl.ingredients.map((i) => i.title)).toEqual(['Korenveld met cipressen', 'Korenveld met cipressen']);
    expect(nl.ingredients[0]!.credit).toMatch(/^“Korenveld met cipressen” door Vincent van Gogh, 1889\. /);
    expect(nl.creditLine).toContain('Gebaseerd op: “Korenveld met cipressen” door Vincent van Gogh');
    expect(provenanceCredits(record, input.credit, 'en').ingredients[0]!.title).toBe('Wheat Field with Cypresses');
    // The stored record keeps the default title and its English line.
    expect(record.ingredients[0]!.title).toBe('Wheat Field with Cypresses');
    expect(record.creditLine).not.toContain('Korenveld');
  });

  it('credits records from before `date` and `attribution` were kept with what they have', () => {
    const { date: _d, attribution: _a, ...old } = input.ingredients[0]!;
    const line = provenanceCredits({ ...buildProvenance(input), ingredients: [old] }, input.credit, 'en').ingredients[0]!.credit;
    expect(line).toBe(
      '“Wheat Field with Cypresses” by Vincent van Gogh. The Metropolitan Museum of Art, https://www.metmuseum.org/art/collection/search/436535. ' +
        'Public domain: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
  });
});

describe('readProvenance', () => {
  const stored = () => JSON.parse(JSON.stringify(buildProvenance(input))) as Record<string, unknown>;

  it('parses version 1 with the contract, and refuses other versions and malformed records', () => {
    expect(readProvenance(stored())).toEqual(buildProvenance(input));
    expect(() => readProvenance({ ...stored(), schemaVersion: 2 })).toThrow(ProvenanceError);
    expect(() => readProvenance({ ...stored(), schemaVersion: undefined })).toThrow(ProvenanceError);
    expect(() => readProvenance(null)).toThrow(ProvenanceError);
    expect(() => readProvenance({ ...stored(), licence: { id: 'by-nc', uri: 'x' } })).toThrow(/malformed provenance record: licence.id/);
  });

  it('reads version 1 records without the optional fields added later (model licence, date, attribution, regions)', () => {
    const old = stored();
    const ingredients = (old.ingredients as Record<string, unknown>[]).map(({ date: _d, attribution: _a, ...i }) => i);
    const read = readProvenance({ ...old, ingredients });
    expect(read.ingredients[0]).not.toHaveProperty('attribution');
    expect(read.actions[2]).toMatchObject({ type: 'remix', model: { id: 'm', version: '1' } });
    expect(read.actions[2]).not.toHaveProperty('model.licence');
  });

  it('runs the named steps from an older version up to the current one (the shape a v2 will use)', () => {
    // Version 0 stands in for "a version before the current one": no record was ever stored with it.
    const steps: ProvenanceStep[] = [{ name: '0000-test-credit-line', from: 0, up: (r) => ({ ...r, creditLine: 'migrated' }) }];
    const { creditLine: _, ...older } = stored();
    expect(readProvenance({ ...older, schemaVersion: 0 }, steps)).toMatchObject({ schemaVersion: 1, creditLine: 'migrated' });
    expect(() => readProvenance({ ...older, schemaVersion: 0 })).toThrow(/no provenance step from version 0/);
  });
});
