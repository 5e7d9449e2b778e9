import { beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '@atelier/common/errors';
import type { PublishRequest } from '@atelier/contracts/creation.schema';
import { workCredit } from '@atelier/contracts/credit';
import type { ModelRef } from '@atelier/contracts/model.schema';
import { creditWorkOf } from './collection-work';
import { FAKE_VISITOR, FakeCreations, FakeImages, FakeRemixSource, remixOf } from './creation.fakes';
import { UnsignedCredentials } from './content-credentials';
import type { BindingRequest } from './image-binding';
import { PublishService } from './publish.service';
import { FakeWorkStore, workOf } from './work.fakes';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const REMIX = '66666666-6666-4666-8666-666666666666';
const MET_LINE = 'The Metropolitan Museum of Art, Rogers Fund, 1919';
/** The publishing visitor: its session id, and its credential, which the fake inference-service serves remixes to. */
const VISITOR = { id: 'session-of-the-visitor', token: FAKE_VISITOR };
const keyOf = (sessionId: string) => `key(${sessionId})`;

let works: FakeWorkStore;
let remixes: FakeRemixSource;
let images: FakeImages;
let creations: FakeCreations;
let service: PublishService;
let ids: number;
/** What the image binding was asked, and what it answers (a refusal when a test sets one). */
let bound: BindingRequest[];
let bindingRefusal: HttpError | null;

const serviceWith = (over: Partial<ConstructorParameters<typeof PublishService>[0]> = {}) =>
  new PublishService({
    works,
    inference: remixes,
    images,
    binding: {
      async check(req) {
        bound.push(req);
        if (bindingRefusal) throw bindingRefusal;
        // The images the binding drew: one file per work layer, named after its work.
        const placed = req.document.layers.flatMap((l) =>
          l.kind === 'work' ? [{ workId: l.workId, sha256: `placed-${l.workId}`, mediaType: 'image/webp', width: 64, height: 48 }] : [],
        );
        return { mean: 0.01, worst: 0.02, placed };
      },
    },
    creations,
    studioName: 'Test Studio',
    credentials: new UnsignedCredentials('no signer in unit tests'),
    creationUrl: (id) => `https://atelier.example/api/gallery/creations/${id}`,
    visitorKey: keyOf,
    now: () => new Date('2026-05-04T10:00:00Z'),
    newId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
    ...over,
  });

beforeEach(() => {
  works = new FakeWorkStore([
    workOf('cc0', 'cc0'),
    workOf('pdm', 'pdm'),
    workOf('by', 'by'),
    workOf('bysa', 'by-sa'),
    workOf('nd', 'refused'),
    workOf('met', 'cc0', { title: 'Wheat Field with Cypresses', creator: 'Vincent van Gogh', dateDisplay: '1889', institution: 'The Metropolitan Museum of Art', attribution: MET_LINE }),
  ]);
  remixes = new FakeRemixSource();
  images = new FakeImages();
  creations = new FakeCreations();
  ids = 0;
  bound = [];
  bindingRefusal = null;
  service = serviceWith();
});

function request(workIds: string[], overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    requestId: '77777777-7777-4777-8777-777777777777',
    title: 'Dune remix',
    altText: undefined,
    licence: 'by-sa',
    remixIds: [],
    document: {
      schemaVersion: 2,
      width: 640,
      height: 480,
      layers: workIds.map((workId, i) => ({ id: `l${i}`, kind: 'work' as const, workId, x: 0, y: 0, scale: 1, rotation: 0 })),
    },
    ...overrides,
  };
}

/** The style remix most tests use: `by`'s style on a canvas that held `pdm`. */
const styleRemix = (over: Parameters<typeof remixOf>[1] = {}) => remixOf(REMIX, { params: { styleWorkId: 'by', strength: 0.5 }, workIds: ['pdm'], ...over });

async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string; details?: unknown }> {
  try {
    await p;
  } catch (err) {
    const e = err as HttpError;
    return { status: e.statusCode, code: e.code, details: e.details };
  }
  throw new Error('expected a refusal');
}

const nothingStored = () => {
  expect(creations.rows.size).toBe(0);
  expect(images.stored.size).toBe(0);
};

describe('licence rules', () => {
  it('allows every licence for CC0 and PDM inputs; a BY input keeps at least BY, and CC0 is refused', async () => {
    expect(await service.preview(['cc0', 'pdm'], 'en')).toMatchObject({ allowed: ['cc0', 'by', 'by-sa'], suggested: 'cc0' });
    expect(await service.preview(['cc0', 'by'], 'en')).toMatchObject({ allowed: ['by', 'by-sa'], suggested: 'by' });
    expect(await refusal(service.publish(request(['cc0', 'by'], { licence: 'cc0' }), PNG, VISITOR))).toEqual({
      status: 422,
      code: 'licence_not_allowed',
      details: { requested: 'cc0', allowed: ['by', 'by-sa'] },
    });
    expect(await service.preview([], 'en')).toMatchObject({ allowed: ['cc0', 'by', 'by-sa'], suggested: 'cc0', ingredients: [] });
  });

  it('forces BY-SA when any input is BY-SA, and refuses CC0 with the allowed list', async () => {
    expect(await service.preview(['cc0', 'bysa'], 'en')).toMatchObject({ allowed: ['by-sa'], suggested: 'by-sa' });
    expect(await refusal(service.publish(request(['cc0', 'bysa'], { licence: 'cc0' }), PNG, VISITOR))).toEqual({
      status: 422,
      code: 'licence_not_allowed',
      details: { requested: 'cc0', allowed: ['by-sa'] },
    });
    nothingStored();
  });

  it('counts a remix style work as an input', async () => {
    remixes.serve(styleRemix({ params: { styleWorkId: 'bysa', strength: 1 } }));
    const r = await refusal(service.publish(request(['cc0'], { licence: 'by', remixIds: [REMIX] }), PNG, VISITOR));
    expect(r.code).toBe('licence_not_allowed');
  });
});

describe('credits', () => {
  it("preview: each work's credit from the one builder, in the language asked for", async () => {
    const en = await service.preview(['met'], 'en');
    const nl = await service.preview(['met'], 'nl');
    expect(en.ingredients[0]!.credit).toBe(workCredit(creditWorkOf(works.rows.get('met')!), 'en'));
    expect(nl.ingredients[0]!.credit).toBe(
      '“Wheat Field with Cypresses” door Vincent van Gogh, 1889. The Metropolitan Museum of Art, Rogers Fund, 1919, https://museum.example/met. ' +
        'Publiek domein: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).',
    );
  });

  it("the institution's own attribution reaches the published credit line and the provenance ingredient", async () => {
    const { creation } = await service.publish(request(['met'], { licence: 'cc0' }), PNG, VISITOR);
    expect(creation.creditLine).toContain(`${MET_LINE}, https://museum.example/met.`);
    expect(creation.provenance.ingredients[0]).toMatchObject({ workId: 'met', date: '1889', attribution: MET_LINE });
  });

  it("keeps the sha256 of each work's imported image file in the provenance ingredient", async () => {
    const { creation } = await service.publish(request(['met'], { licence: 'cc0' }), PNG, VISITOR);
    expect(creation.provenance.ingredients[0]!.imageSha256).toBe(works.rows.get('met')!.imageSha256);
  });

  it('keeps the sha256 of the exact image files the canvas placed, from the binding, on composed works only', async () => {
    remixes.serve(styleRemix());
    const doc = request(['cc0']).document;
    doc.layers.push({ id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 10, height: 10 });
    const { creation } = await service.publish(request([], { document: doc, licence: 'by' }), PNG, VISITOR);
    const byWork = Object.fromEntries(creation.provenance.ingredients.map((i) => [`${i.workId} ${i.role}`, i.placedImages]));
    expect(byWork['cc0 composed']).toEqual([{ sha256: 'placed-cc0', mediaType: 'image/webp', width: 64, height: 48 }]);
    // pdm is on the canvas the remix was made from, not on this one; the style work is an input to the model.
    expect(byWork['pdm composed']).toBeUndefined();
    expect(byWork['by style']).toBeUndefined();
  });

  it("keeps each work's titles per language in the provenance; the preview names the work in the visitor's language", async () => {
    works = new FakeWorkStore([workOf('harvest', 'cc0', { title: 'The Harvesters', titles: { en: 'The Harvesters', nl: 'De korenoogst' } })]);
    service = serviceWith();
    expect((await service.preview(['harvest'], 'nl')).ingredients[0]).toMatchObject({ title: 'De korenoogst', credit: expect.stringMatching(/^“De korenoogst” door /) });
    expect((await service.preview(['harvest'], 'en')).ingredients[0]).toMatchObject({ title: 'The Harvesters' });
    const { creation } = await service.publish(request(['harvest'], { licence: 'cc0' }), PNG, VISITOR);
    expect(creation.provenance.ingredients[0]).toMatchObject({ title: 'The Harvesters', titles: { en: 'The Harvesters', nl: 'De korenoogst' } });
    expect(creation.creditLine).not.toContain('korenoogst');
  });

  it("the creation's credit line repeats each ingredient's credit text word for word, in English", async () => {
    remixes.serve(styleRemix());
    const { creation } = await service.publish(request(['met', 'cc0'], { licence: 'by', remixIds: [REMIX] }), PNG, VISITOR);
    const credits = creation.provenance.ingredients.map((i) => i.credit);
    expect(credits).toHaveLength(4);
    for (const credit of credits) expect(creation.creditLine).toContain(credit);
    expect(creation.creditLine).toBe(
      `“Dune remix” by a visitor of Test Studio, 2026. Adapted from: ${credits.join(' ')} ` +
        'Changes: combined and transformed with AI (magenta-arbitrary-style 1.0.0) in Test Studio. ' +
        'To the extent copyright exists, this remix is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    );
    expect(creation.provenance.creditLine).toBe(creation.creditLine);
  });
});

describe('PublishService.publish', () => {
  it('refuses unknown and refused works, bad images and remix problems before storing anything', async () => {
    expect(await refusal(service.publish(request(['cc0', 'ghost']), PNG, VISITOR))).toMatchObject({ status: 400, code: 'unknown_work' });
    expect(await refusal(service.publish(request(['nd']), PNG, VISITOR))).toMatchObject({ status: 422, code: 'work_not_remixable' });
    expect(await refusal(service.publish(request(['cc0']), Buffer.from('GIF89a'), VISITOR))).toMatchObject({ status: 415 });
    expect(await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).toMatchObject({ status: 400, code: 'unknown_remix' });
    remixes.serve(styleRemix({ status: 'queued', progress: 0, output: undefined, finishedAt: undefined }));
    expect(await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).toMatchObject({ status: 409 });
    remixes.serve(styleRemix({ status: 'cancelled', output: undefined }));
    expect(await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).toMatchObject({
      status: 409,
      details: { remixId: REMIX, status: 'cancelled' },
    });
    remixes.serve({ ...styleRemix(), progress: 100 });
    expect(await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).toMatchObject({ status: 502, code: 'inference_bad_answer' });
    remixes.reachable = false;
    expect(await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).toMatchObject({ status: 503, code: 'inference_unavailable' });
    nothingStored();
  });

  it('stores a pending creation with its ingredients, provenance and credit line', async () => {
    remixes.serve(styleRemix());
    const doc = request(['cc0']).document;
    doc.layers.push({ id: 's', kind: 'strokes', strokes: [{ points: [1, 2], color: '#000', size: 2 }, { points: [3, 4], color: '#fff', size: 2 }] });
    doc.layers.push({ id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 10, height: 10 });
    const { created, creation } = await service.publish(request([], { document: doc, licence: 'by', altText: 'Alt.' }), PNG, VISITOR);

    expect(created).toBe(true);
    expect(creation).toMatchObject({ status: 'pending', licenceId: 'by', altText: 'Alt.', width: 640, imageSha256: 'e'.repeat(64) });
    // The remix layer counts even when remixIds forgot it; its canvas works are composed inputs too.
    expect(creations.ingredients.get(creation.id)).toEqual([
      { workId: 'cc0', role: 'composed' },
      { workId: 'pdm', role: 'composed' },
      { workId: 'by', role: 'style' },
    ]);
    expect(creation.provenance.actions).toEqual([
      { type: 'compose', workIds: ['cc0'] },
      { type: 'draw', strokes: 2 },
      expect.objectContaining({ type: 'remix', remixId: REMIX, outputSha256: 'c'.repeat(64), params: { styleWorkId: 'by', strength: 0.5 } }),
    ]);
    expect(creation.provenance.ingredients[2]).toMatchObject({ workId: 'by', role: 'style', licenceUri: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(creation.creditLine).toMatch(/^“Dune remix” by a visitor of Test Studio, 2026\. Adapted from: /);
    expect(creation.creditLine).toContain('combined, drawn on and transformed with AI (magenta-arbitrary-style 1.0.0)');
    expect(creation.provenance.creditLine).toBe(creation.creditLine);
    expect(images.stored.size).toBe(3);
  });

  it('checks the cleaned upload against the document, with its remixes and the visitor credential, before storing', async () => {
    remixes.serve(styleRemix());
    const doc = request(['cc0']).document;
    doc.layers.push({ id: 'r', kind: 'remix', remixId: REMIX, x: 0, y: 0, width: 10, height: 10 });
    const { binding } = await service.publish(request([], { document: doc, licence: 'by', draftCode: 'ABCD2345' }), PNG, VISITOR);
    expect(binding).toEqual({ mean: 0.01, worst: 0.02 });
    expect(bound).toHaveLength(1);
    expect(bound[0]).toMatchObject({ document: doc, upload: PNG, visitor: FAKE_VISITOR, draftCode: 'ABCD2345' });
    expect(bound[0]!.remixes.map((r) => r.id)).toEqual([REMIX]);
  });

  it('stores nothing when the upload does not match its document (the binding refuses)', async () => {
    bindingRefusal = new HttpError(422, 'image_mismatch', 'The picture does not match the canvas it was sent with.');
    expect(await refusal(service.publish(request(['cc0']), PNG, VISITOR))).toMatchObject({ status: 422, code: 'image_mismatch' });
    nothingStored();
  });

  it('does not draw anything before the cheap checks pass (unknown work, licence)', async () => {
    await refusal(service.publish(request(['ghost']), PNG, VISITOR));
    await refusal(service.publish(request(['bysa'], { licence: 'cc0' }), PNG, VISITOR));
    expect(bound).toEqual([]);
  });

  it("copies each remix's model licence into the provenance record", async () => {
    const CARTOON = '44444444-4444-4444-8444-444444444444';
    const FIXED = '55555555-5555-4555-8555-555555555555';
    const model = (id: string, licence: NonNullable<ModelRef['licence']>): ModelRef => ({ id, version: '1.0.0', files: [{ name: 'm.onnx', sha256: 'd'.repeat(64) }], licence });
    const apache = model('magenta-arbitrary-style', { spdx: 'Apache-2.0', uri: 'https://www.apache.org/licenses/LICENSE-2.0', flags: [] });
    const ncsa = model('whitebox-cartoonizer', { spdx: 'CC-BY-NC-SA-4.0', uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', flags: ['non_commercial'] });
    const unstated = model('fast-neural-style-nc16', { spdx: null, uri: null, flags: ['licence_not_stated'] });
    remixes.serve(styleRemix({ model: apache }));
    remixes.serve(remixOf(CARTOON, { tool: 'cartoon', model: ncsa, params: {} }));
    remixes.serve(remixOf(FIXED, { tool: 'fixed-style', model: unstated, params: { style: 'candy' } }));
    const { creation } = await service.publish(request([], { licence: 'by', remixIds: [REMIX, CARTOON, FIXED] }), PNG, VISITOR);
    expect(creation.provenance.actions.flatMap((a) => (a.type === 'remix' ? [a.model] : []))).toEqual([apache, ncsa, unstated]);
  });

  it('still publishes a remix inference-service reports without a model licence (finished before it was recorded)', async () => {
    remixes.serve(styleRemix());
    const { created, creation } = await service.publish(request([], { licence: 'by', remixIds: [REMIX] }), PNG, VISITOR);
    expect(created).toBe(true);
    const action = creation.provenance.actions.find((a) => a.type === 'remix');
    expect(action).toMatchObject({ type: 'remix', model: { id: 'magenta-arbitrary-style', version: '1.0.0' } });
    expect(action && action.type === 'remix' && action.model).not.toHaveProperty('licence');
  });

  it('credits every work a remix names: the mixed-in style and a cut-out or upscaled work', async () => {
    const MIX = '22222222-2222-4222-8222-222222222222';
    const CUT = '33333333-3333-4333-8333-333333333333';
    remixes.serve(remixOf(MIX, { params: { styleWorkId: 'by', strength: 0.8, mixWorkId: 'pdm', mixWeight: 0.3 } }));
    remixes.serve(remixOf(CUT, { tool: 'cutout', model: { id: 'isnet-imgly-medium', version: '1', files: [] }, params: { source: 'work', workId: 'cc0' } }));
    const { creation } = await service.publish(request([], { licence: 'by', remixIds: [MIX, CUT] }), PNG, VISITOR);
    expect(creations.ingredients.get(creation.id)).toEqual([
      { workId: 'cc0', role: 'composed' },
      { workId: 'by', role: 'style' },
      { workId: 'pdm', role: 'style' },
    ]);
    expect(creation.provenance.ingredients.map((i) => [i.workId, i.role])).toEqual([
      ['cc0', 'composed'],
      ['by', 'style'],
      ['pdm', 'style'],
    ]);
  });

  it('refuses a licence the mixed-in style work does not allow, and a refused cut-out work', async () => {
    remixes.serve(styleRemix({ params: { styleWorkId: 'cc0', strength: 1, mixWorkId: 'bysa' }, workIds: [] }));
    expect((await refusal(service.publish(request([], { licence: 'by', remixIds: [REMIX] }), PNG, VISITOR))).code).toBe('licence_not_allowed');
    remixes.serve(styleRemix({ tool: 'cutout', params: { source: 'work', workId: 'nd' }, workIds: [] }));
    expect((await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).code).toBe('work_not_remixable');
    // A canvas cut-out names no work: `workId` counts only with source 'work'.
    remixes.serve(styleRemix({ tool: 'cutout', params: { source: 'canvas', workId: 'nd' }, workIds: [] }));
    expect((await service.publish(request([], { licence: 'cc0', remixIds: [REMIX] }), PNG, VISITOR)).created).toBe(true);
  });

  it('keeps the safety screen of its remixes: a flag is stored with the scores and never refuses the creation', async () => {
    const scores = { Drawing: 0, Hentai: 0.1, Neutral: 0.2, Porn: 0.7, Sexy: 0 };
    const OLD = '44444444-4444-4444-8444-444444444444';
    remixes.serve(styleRemix({ safety: { screened: true, flagged: true, scores: { output: scores }, flagClasses: ['Porn', 'Hentai'], threshold: 0.6 } }));
    remixes.serve(styleRemix({ id: OLD }));
    const { created, creation } = await service.publish(request([], { licence: 'by', remixIds: [REMIX, OLD] }), PNG, VISITOR);
    expect(created).toBe(true);
    expect(creation.status).toBe('pending');
    expect(creation.safety).toEqual({
      flagged: true,
      remixes: [
        { remixId: REMIX, screened: true, flagged: true, scores: { output: scores }, flagClasses: ['Porn', 'Hentai'], threshold: 0.6 },
        // A remix from before the screen is "not screened", never "clean".
        { remixId: OLD, screened: false, flagged: false, scores: {}, flagClasses: [], threshold: 0, note: 'no safety report' },
      ],
    });
    const plain = await service.publish(request(['cc0'], { requestId: '88888888-8888-4888-8888-888888888888' }), PNG, VISITOR);
    expect(plain.creation.safety).toBeNull();
  });

  it('waits for a safety screen that is still running on the event stream, so its scores reach moderation', async () => {
    const report = { screened: true, flagged: true, scores: { output: { Porn: 0.9 } }, flagClasses: ['Porn'], threshold: 0.6 };
    remixes.serve(styleRemix({ screening: true }));
    const publishing = service.publish(request([], { licence: 'by', remixIds: [REMIX] }), PNG, VISITOR);
    await remixes.subscribed(REMIX);
    remixes.announce(REMIX, { event: 'screened', data: styleRemix({ safety: report }) });
    const { creation } = await publishing;
    expect(creation.safety).toEqual({ flagged: true, remixes: [{ remixId: REMIX, ...report }] });
  });

  it('publishes, marked as not screened, when the screen does not finish within the wait', async () => {
    remixes.serve(styleRemix({ screening: true }));
    const { created, creation } = await serviceWith({ screenWaitMs: 20 }).publish(request([], { licence: 'by', remixIds: [REMIX] }), PNG, VISITOR);
    expect(created).toBe(true);
    expect(creation.status).toBe('pending');
    expect(creation.safety?.remixes[0]).toMatchObject({ screened: false, flagged: false, note: 'the safety screen had not finished when this was published' });
  });

  it('records the IIIF details of a work placed on the canvas in its provenance ingredient', async () => {
    const doc = request(['cc0', 'pdm']).document;
    const detail = { x: 10, y: 20, w: 300, h: 200 };
    doc.layers.push({ id: 'd1', kind: 'work', workId: 'cc0', x: 0, y: 0, scale: 1, rotation: 0, region: detail });
    doc.layers.push({ id: 'd2', kind: 'work', workId: 'cc0', x: 5, y: 5, scale: 2, rotation: 0, region: { ...detail } });
    const { creation } = await service.publish(request([], { document: doc }), PNG, VISITOR);
    const [cc0, pdm] = creation.provenance.ingredients;
    expect(cc0).toMatchObject({ workId: 'cc0', regions: [detail] });
    expect(pdm).not.toHaveProperty('regions');
  });

  it('answers the existing creation for a repeated requestId without storing anything new', async () => {
    const first = await service.publish(request(['cc0']), PNG, VISITOR);
    const second = await service.publish(request(['cc0'], { title: 'Changed' }), PNG, VISITOR);
    expect(second).toEqual({ created: false, creation: first.creation });
    expect(creations.rows.size).toBe(1);
    expect(images.stored.size).toBe(3);
  });

  it('removes its images when it loses the insert race, and answers the winner', async () => {
    const winner = (await service.publish(request(['cc0']), PNG, VISITOR)).creation;
    creations.rows.clear();
    images.stored.clear();
    creations.raceWith = winner;
    const result = await service.publish(request(['cc0']), PNG, VISITOR);
    expect(result).toEqual({ created: false, creation: winner });
    expect(images.stored.size).toBe(0);
  });

  it('removes its images when the database insert fails', async () => {
    creations.failNextInsert = new Error('connection lost');
    await expect(service.publish(request(['cc0']), PNG, VISITOR)).rejects.toThrow('connection lost');
    nothingStored();
  });

  it('keeps its images when the database is gone and it cannot tell whether the row was written', async () => {
    creations.failNextInsert = new Error('Connection terminated unexpectedly');
    const find = creations.findByRequestId.bind(creations);
    let reads = 0;
    creations.findByRequestId = async (id) => {
      if (++reads > 1) throw new Error('connect ECONNREFUSED');
      return find(id);
    };
    await expect(service.publish(request(['cc0']), PNG, VISITOR)).rejects.toThrow('Connection terminated');
    // The row may exist: its images stay, and the storage sweeper takes them if it does not.
    expect(images.stored.size).toBe(3);
  });
});

describe('each creation belongs to the visitor session that published it', () => {
  const OTHER = { id: 'session-of-someone-else', token: 'credential-of-someone-else' };

  it('keeps a keyed hash of the session, never the session id itself', async () => {
    const { creation } = await service.publish(request(['cc0']), PNG, VISITOR);
    expect(creation.visitorKey).toBe(keyOf(VISITOR.id));
    expect(JSON.stringify(creation)).not.toContain(VISITOR.token);
  });

  it("answers 409 to another visitor's requestId instead of their pending creation", async () => {
    await service.publish(request(['cc0']), PNG, VISITOR);
    expect(await refusal(service.publish(request(['cc0']), PNG, OTHER))).toMatchObject({ status: 409, code: 'request_id_taken' });
    expect(creations.rows.size).toBe(1);
  });

  it("reads remixes with the visitor's own credential: another visitor's remix is unknown", async () => {
    remixes.serve(styleRemix(), OTHER.token);
    expect(await refusal(service.publish(request([], { remixIds: [REMIX] }), PNG, VISITOR))).toMatchObject({ status: 400, code: 'unknown_remix' });
    nothingStored();
    expect((await service.publish(request([], { remixIds: [REMIX] }), PNG, OTHER)).created).toBe(true);
  });

  it('refuses past the pending cap with 429 and a wait, before any work; other visitors go on', async () => {
    const capped = serviceWith({ maxPendingPerVisitor: 2 });
    const req = (n: number) => request(['cc0'], { requestId: `77777777-7777-4777-8777-00000000000${n}` });
    await capped.publish(req(1), PNG, VISITOR);
    await capped.publish(req(2), PNG, VISITOR);
    const err = await capped.publish(req(3), PNG, VISITOR).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 429, code: 'too_many_pending', retryAfterSeconds: 600, details: { maxPending: 2 } });
    expect(creations.rows.size).toBe(2);
    expect((await capped.publish(req(4), PNG, OTHER)).created).toBe(true);
    // The same request again is not a new creation: it still answers the first one.
    expect((await capped.publish(req(1), PNG, VISITOR)).created).toBe(false);
  });

  it('refuses at the insert when another upload of the visitor took the last place meanwhile, and keeps no images', async () => {
    const capped = serviceWith({ maxPendingPerVisitor: 1 });
    const countedBefore = creations.countPendingOf.bind(creations);
    // Both uploads counted 0 before either was inserted: the insert is where the cap holds.
    creations.countPendingOf = async () => 0;
    await capped.publish(request(['cc0'], { requestId: '77777777-7777-4777-8777-000000000001' }), PNG, VISITOR);
    const err = await capped.publish(request(['cc0'], { requestId: '77777777-7777-4777-8777-000000000002' }), PNG, VISITOR).catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 429, code: 'too_many_pending' });
    creations.countPendingOf = countedBefore;
    expect(creations.rows.size).toBe(1);
    expect(images.stored.size).toBe(3);
  });
});
