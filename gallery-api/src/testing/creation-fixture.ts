import { workCredit } from '@atelier/contracts/credit';
import type { Ingredient } from '@atelier/contracts/creation.schema';
import type { CreationRecord } from '../services/creation';
import { buildProvenance } from '../services/provenance';

/**
 * A creation for the read-side builders' unit tests (JSON-LD, IIIF): two works, one of them used twice (on the canvas
 * and as a style), one without a landing page or institution, and one model run.
 */
export const dunes = { title: 'Dunes', titles: { en: 'Dunes', nl: 'Duinen' }, creator: 'Jacob van Ruisdael', date: null, institution: 'Rijksmuseum', landingUrl: 'https://m.example/a', licenceUri: 'https://creativecommons.org/publicdomain/zero/1.0/' };
export const tile = { title: 'Anonymous tile', creator: null, date: null, institution: null, landingUrl: null, licenceUri: 'https://creativecommons.org/licenses/by/4.0/' };
const ingredient = (workId: string, role: Ingredient['role'], w: typeof dunes | typeof tile): Ingredient => ({ workId, role, ...w, credit: workCredit(w, 'en') });

export const id = '22222222-2222-4222-8222-222222222222';
export const provenance = buildProvenance({
  creationId: id,
  createdAt: new Date('2026-03-01T12:00:00Z'),
  output: { sha256: 'e'.repeat(64), width: 640, height: 480, bytes: 99 },
  ingredients: [ingredient('a', 'composed', dunes), ingredient('a', 'style', dunes), ingredient('b', 'composed', tile)],
  composedWorkIds: ['a', 'b'],
  strokes: 0,
  remixes: [
    {
      remixId: 'r',
      model: { id: 'magenta-arbitrary-style', version: '1.0.0', files: [{ name: 'predict.onnx', sha256: 'a'.repeat(64) }] },
      params: {},
      inputSha256: 'b'.repeat(64),
      outputSha256: 'c'.repeat(64),
    },
  ],
  licence: { id: 'by', uri: 'https://creativecommons.org/licenses/by/4.0/' },
  credit: { title: 'Dune remix', studioName: 'Studio X' },
});

export const creation = {
  id,
  title: 'Dune remix',
  altText: 'Dunes in orange.',
  provenance,
} as CreationRecord;
