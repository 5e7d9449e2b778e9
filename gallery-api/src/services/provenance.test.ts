import { describe, expect, it } from 'vitest';
import { ProvenanceVersionError, buildProvenance, readProvenance, type ProvenanceInput } from './provenance';

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

describe('readProvenance', () => {
  it('accepts version 1 and refuses anything else', () => {
    const p = buildProvenance(input);
    expect(readProvenance(JSON.parse(JSON.stringify(p)))).toEqual(p);
    expect(() => readProvenance({ ...p, schemaVersion: 2 })).toThrow(ProvenanceVersionError);
    expect(() => readProvenance(null)).toThrow(ProvenanceVersionError);
  });
});
