import { describe, expect, it } from 'vitest';
import { ProvenanceVersionError, buildProvenance, modelLicenceOf, readProvenance, type ProvenanceInput } from './provenance';

const input: ProvenanceInput = {
  creationId: '11111111-1111-4111-8111-111111111111',
  createdAt: new Date('2026-03-01T12:00:00Z'),
  output: { sha256: 'e'.repeat(64), width: 640, height: 480, bytes: 1234 },
  ingredients: [
    { workId: 'a', role: 'composed', title: 'A', creator: null, institution: null, landingUrl: null, licenceUri: 'u', credit: 'c' },
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
  creditLine: 'line',
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
      creditLine: 'line',
    });
    expect(p.actions).toEqual([
      { type: 'compose', workIds: ['a'] },
      { type: 'draw', strokes: 3 },
      { type: 'remix', ...input.remixes[0] },
    ]);
  });

  it('leaves out actions that did not happen', () => {
    expect(buildProvenance({ ...input, composedWorkIds: [], strokes: 0, remixes: [] }).actions).toEqual([]);
  });

  it('copies its inputs, so later changes to them cannot alter the record', () => {
    const remixes = structuredClone(input.remixes);
    const p = buildProvenance({ ...input, remixes });
    remixes[0]!.params.strength = 1;
    expect(p.actions[2]).toMatchObject({ params: { strength: 0.5 } });
  });
});

describe("the model's licence", () => {
  const nc = { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial'] };
  const withLicence = (licence: unknown): ProvenanceInput => ({
    ...input,
    remixes: [{ ...input.remixes[0]!, model: { ...input.remixes[0]!.model, licence } as ProvenanceInput['remixes'][0]['model'] }],
  });
  const modelOf = (p: ReturnType<typeof buildProvenance>) => (p.actions.find((a) => a.type === 'remix') as { model: unknown }).model;

  it('is copied into the remix action with SPDX id, URI and marks', () => {
    expect(modelOf(buildProvenance(withLicence(nc)))).toEqual({ ...input.remixes[0]!.model, licence: nc });
    expect(modelOf(buildProvenance(withLicence({ spdx: null, uri: null, flags: ['licence_not_stated'] })))).toMatchObject({
      licence: { spdx: null, uri: null, flags: ['licence_not_stated'] },
    });
  });

  it('is left out when the remix reported none, so the record says nothing rather than something wrong', () => {
    expect(modelOf(buildProvenance(input))).not.toHaveProperty('licence');
    expect(modelOf(buildProvenance(withLicence(null)))).not.toHaveProperty('licence');
  });

  it('keeps only the fields and marks the record knows', () => {
    expect(modelLicenceOf({ spdx: 'MIT', uri: 42, flags: ['non_commercial', 'secret', 'licence_not_stated'], note: 'x' } as never)).toEqual({
      spdx: 'MIT',
      uri: null,
      flags: ['non_commercial', 'licence_not_stated'],
    });
    expect(modelLicenceOf({ spdx: '', flags: 'non_commercial' })).toEqual({ spdx: null, uri: null, flags: [] });
  });
});

describe('readProvenance', () => {
  it('accepts version 1 and refuses anything else', () => {
    const p = buildProvenance(input);
    expect(readProvenance(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(() => readProvenance({ ...p, schemaVersion: 2 })).toThrow(ProvenanceVersionError);
    expect(() => readProvenance(null)).toThrow(ProvenanceVersionError);
  });

  it('reads version 1 records with and without a model licence (the licence is an optional v1 field)', () => {
    const old = JSON.parse(JSON.stringify(buildProvenance(input)));
    expect(readProvenance(old).actions[2]).toMatchObject({ type: 'remix', model: { id: 'm', version: '1' } });
    const nc = { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial'] };
    const current = buildProvenance({ ...input, remixes: [{ ...input.remixes[0]!, model: { ...input.remixes[0]!.model, licence: nc } }] });
    expect(readProvenance(JSON.parse(JSON.stringify(current)))).toEqual(current);
  });
});
